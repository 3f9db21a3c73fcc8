"""The command line: typer commands over the library. Each command parses its options,
calls the library, prints, and picks the exit code (errors.ExitCode); each lives in its
own module of `commands/`, in the order `pilkada --help` lists them here."""

from __future__ import annotations

from typing import Annotated

import typer

from pilkada_cli import __version__
from pilkada_cli.commands.ambil import ambil
from pilkada_cli.commands.approve import approve
from pilkada_cli.commands.check import check
from pilkada_cli.commands.common import DEBUG
from pilkada_cli.commands.compile import compile_command
from pilkada_cli.commands.history import history
from pilkada_cli.commands.init import init
from pilkada_cli.commands.kirim import kirim
from pilkada_cli.commands.status import status
from pilkada_cli.commands.template import template

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


app.command("init")(init)
app.command("check")(check)
app.command("compile")(compile_command)
app.command("template")(template)
app.command("status")(status)
app.command("history")(history)
app.command("kirim")(kirim)
app.command("ambil")(ambil)
# English names for the Indonesian commands, accepted but not listed in the help.
app.command("send", hidden=True)(kirim)
app.command("fetch", hidden=True)(ambil)
app.command("approve")(approve)


def main() -> None:
    """The console script `pilkada`."""
    app()
