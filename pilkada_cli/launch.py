"""The console entry point. `pilkada --help` is answered without importing typer, and a
finished command leaves without Python's teardown.

Importing typer alone takes several times as long as starting Python, and the
top-level help is the call people make most; its text is kept here, and
tests/test_cli_check.py fails when it differs from what typer prints.
"""

from __future__ import annotations

import atexit
import os
import sys
from typing import NoReturn

HELP = "Usage: pilkada [OPTIONS] COMMAND [ARGS]...\n\n  Check and compile the daily reports of the regional-election desks (Desk\n  Pilkada).\n\nOptions:\n  --debug    Show tracebacks for unexpected errors.\n  --version  Show the version and exit.\n  --help     Show this message and exit.\n\nCommands:\n  check     Check each workbook against the schema and list what is...\n  compile   Compile the day's reports into the provincial briefing and...\n  template  Write the workbook regencies fill in: made from the schema,...\n  status    Who has reported for a day: reported (and when), late,...\n  history   A field's accepted values day by day, for a regency or the...\n"


def main() -> None:
    if sys.argv[1:] == ["--help"]:
        sys.stdout.write(HELP)
        return
    from pilkada_cli.cli import main as run

    try:
        run()
    except SystemExit as done:
        leave(done.code)
    leave(0)


def leave(code: object) -> NoReturn:
    """Exit as Python would, without tearing down every imported module one by one.

    That teardown takes longer than checking a file (about 20 ms after a check, 70 ms
    after a compile). Every file the commands write is closed before they return; what
    is left to do is what Python would do first: the exit handlers (the run log's among
    them), then flushing stdout and stderr.
    """
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            code = code or 120  # what Python exits with when it cannot flush stdout
    os._exit(code or 0)
