"""The console entry point. `pilkada --help` is answered without importing typer.

Importing typer alone takes several times as long as starting Python, and the
top-level help is the call people make most; its text is kept here, and
tests/test_cli_check.py fails when it differs from what typer prints.
"""

from __future__ import annotations

import sys

HELP = "Usage: pilkada [OPTIONS] COMMAND [ARGS]...\n\n  Check and compile the daily reports of the regional-election desks (Desk\n  Pilkada).\n\nOptions:\n  --debug    Show tracebacks for unexpected errors.\n  --version  Show the version and exit.\n  --help     Show this message and exit.\n\nCommands:\n  check     Check each workbook against the schema and list what is...\n  compile   Compile the day's reports into the provincial briefing and...\n  template  Write the workbook regencies fill in: made from the schema,...\n  status    Who has reported for a day: reported (and when), late,...\n  history   A field's accepted values day by day, for a regency or the...\n"


def main() -> None:
    if sys.argv[1:] == ["--help"]:
        sys.stdout.write(HELP)
        return
    from .cli import main as run

    run()
