"""The command line: typer commands over the library. Each command parses its options,
calls the library, prints, and picks the exit code (errors.ExitCode).

A run imports and declares to typer only the command it was asked for: each of the others
would add milliseconds to a one-file check. Help, and a name typer has to refuse, get them
all. `app`, the whole command line (for tests and embedding), is made when first asked for.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from importlib import import_module
from typing import Annotated, Any

import typer

from pilkada_cli import __version__
from pilkada_cli.commands.common import DEBUG

# Each command: its module in commands/ and its function, in the order help lists them.
COMMANDS = {"check": ("check", "check"), "compile": ("compile", "compile_command"),
            "template": ("template", "template"), "status": ("status", "status"),
            "history": ("history", "history")}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pilkada {__version__}")
        raise typer.Exit()


def _main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for unexpected errors.")]
    = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    DEBUG["on"] = debug


def build_app(commands: Iterable[str] = COMMANDS) -> typer.Typer:
    """The command line with these of its commands."""
    app = typer.Typer(
        name="pilkada",
        help="Check and compile the daily reports of the regional-election desks (Desk Pilkada).",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    app.callback()(_main)
    for name in commands:
        module, function = COMMANDS[name]
        app.command(name)(getattr(import_module(f".commands.{module}", __package__), function))
    return app


def main() -> None:
    asked = sys.argv[1] if len(sys.argv) > 1 else ""
    build_app([asked] if asked in COMMANDS else COMMANDS)()


def __getattr__(name: str) -> Any:
    if name == "app":
        return build_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
