"""The archive: every distinct file received, kept once under a name made from its content,
never from the sender's, never overwritten or deleted."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from pathlib import Path

from pilkada_cli.files import atomic_write
from pilkada_cli.texts import Phrase, phrase

log = logging.getLogger("pilkada")


def archive_name(sha256: str, regency: str | None, day: dt.date | None) -> str:
    """Where a file lives under the archive, from its content alone: D/<code>-<sha[:12]>.xlsx."""
    code = re.sub(r"[^0-9A-Za-z._-]", "_", regency) if regency else "unknown"
    folder = day.isoformat() if day else "unknown"
    return f"{folder}/{code}-{sha256[:12]}.xlsx"


def keep(archive: Path, source: Path, sha: str, code: str | None, day: dt.date | None,
         data: bytes | None) -> str | None:
    """Keep the bytes read (`data`, never the file read again) as
    ARCHIVE/D/<code>-<sha prefix>.xlsx once, never overwriting; its name under the archive,
    or None when it cannot be kept."""
    relative = archive_name(sha, code, day)
    target = archive / relative
    if target.exists():
        return relative
    if data is None or hashlib.sha256(data).hexdigest() != sha:
        # Its bytes did not come with the report: keep the ledger entry only.
        log.warning("%s: not archived (its content was not kept when it was read)", source)
        return None
    atomic_write(target, data)
    return relative


def describe_os_error(exc: OSError) -> Phrase:
    """What went wrong with a file or folder, and what the desk can do about it."""
    why: Phrase | str = exc.strerror or str(exc)
    if isinstance(exc, FileExistsError | NotADirectoryError):
        why = phrase("errors", "in_the_way")
    if exc.filename:
        return phrase("errors", "os_error", path=exc.filename, why=why)
    return phrase("errors", "os_error_here", why=why)
