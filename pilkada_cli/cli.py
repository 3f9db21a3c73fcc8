"""The command line: typer commands over the library. Each command parses its options,
calls the library, prints, and picks the exit code (errors.ExitCode)."""

from __future__ import annotations

from typing import Annotated

import typer

from . import __version__
from .commands import check, compile, history, status, template
from .commands.common import DEBUG

app = typer.Typer(
    name="pilkada",
    help="Check and compile the daily reports of the regional-election desks (Desk Pilkada).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pilkada {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for unexpected errors.")]
    = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    DEBUG["on"] = debug


app.command("check")(check.check)
app.command("compile")(compile.compile_command)
app.command("template")(template.template)
app.command("status")(status.status)
app.command("history")(history.history)


def main() -> None:
    app()
