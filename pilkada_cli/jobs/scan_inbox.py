"""Take an inbox's new workbooks into the store before answering from it (status, kirim):
only files whose content the store has not seen are read, through the one reading path."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pilkada_cli.checking.schema import Schema
from pilkada_cli.config import Config


def scan_inbox(folder: Path, config: Config, schema: Schema, wait: float, command: str) -> None:
    """Check and record the folder's workbooks that the store has not seen (by content)."""
    from pilkada_cli.checking.validate import check_files
    from pilkada_cli.reader.workbook import discover
    from pilkada_cli.store.intake import take_in
    from pilkada_cli.store.ledger import Store
    from pilkada_cli.store.lock import run_lock
    from pilkada_cli.store.runlog import run_log

    files = discover([folder])
    if not files:
        return
    with run_log(config, command) as log, run_lock(config, wait), \
            Store.open(config, schema) as store:
        new = [path for path in files if not store.knows(_sha256(path))]
        # The one reading path: isolated, bounded, the next file read while one is checked.
        take_in(store, list(check_files(new, schema, config)), schema)
        log.info("%s: %d workbooks, %d new recorded", folder, len(files), len(new))


def _sha256(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return ""
