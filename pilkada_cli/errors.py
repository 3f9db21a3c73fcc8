"""The library's own exceptions; only the CLI turns them into messages and exit codes.

Problems *in the data* are never exceptions: they are `Issue` records (see model.py).
These are for failures that stop a run, except `UnreadableWorkbook`, which stops the
reading of one file and becomes that file's one issue.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any


class ExitCode(IntEnum):
    OK = 0
    INPUT_ERRORS = 1
    USAGE = 2
    NOTHING_TO_DO = 3
    LOCKED = 75


class PilkadaError(Exception):
    """A failure that stops the run, with a message for the user: a catalogue text
    (`texts.phrase("errors", key, ...)`, said in the run's language) or a plain one."""

    exit_code = ExitCode.USAGE

    def __init__(self, what: object) -> None:
        super().__init__(what)
        self.what = what

    def message(self, lang: str = "id") -> str:
        get = getattr(self.what, "get", None)
        return str(get(lang)) if callable(get) else str(self.what)

    def __str__(self) -> str:
        return self.message()


class ConfigError(PilkadaError):
    """The configuration file is missing, unreadable or has a wrong value."""


class SchemaError(PilkadaError):
    """The schema YAML is missing, unreadable or inconsistent; the message points into it."""


class UsageError(PilkadaError):
    """An option or argument cannot be used as given."""


class NothingToDo(PilkadaError):
    """There is no report to work on for the requested date."""

    exit_code = ExitCode.NOTHING_TO_DO


class StoreError(PilkadaError):
    """The store (or its archive or log beside it) cannot be opened, read or written."""


class StoreMissing(StoreError):
    """There is no store yet where the config says it lives."""


class MailError(PilkadaError):
    """A mail server cannot be reached, refuses the login, or fails TLS."""


class Locked(PilkadaError):
    """Another run holds the lock on the store."""

    exit_code = ExitCode.LOCKED


class UnreadableWorkbook(Exception):
    """The file cannot be read as a workbook; `code` names the issue, `params` fill it.
    `content` holds the bytes that were read before it was refused (None if none were), so
    the file is recorded as read, never opened again."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params
        self.content: bytes | None = None



def refuse(code: str, what: str, /, **params: Any) -> UnreadableWorkbook:
    """The file is refused as issue `code`, with the reader's catalogue text `what`
    (texts/reader.py) as its `{what}`."""
    from pilkada_cli.texts import phrase

    return UnreadableWorkbook(code, what=phrase("reader", what, **params))
