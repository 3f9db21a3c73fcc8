"""Take an inbox's new workbooks into the store before answering from it (status, kirim):
only files the store has not seen are read, each once, through the one reading path."""

from __future__ import annotations

import contextlib
from pathlib import Path

from pilkada_cli.checking.schema import Schema
from pilkada_cli.config import Config


def scan_inbox(folder: Path, config: Config, schema: Schema, wait: float, command: str) -> None:
    """Check and record the folder's workbooks that the store has not seen. A file where
    the ledger saw it, with the same size and time, is not opened again; any other is read
    once, by the reader, and what it read tells whether its content is new."""
    from pilkada_cli.checking.validate import check_files
    from pilkada_cli.reader.workbook import discover
    from pilkada_cli.store.intake import take_in
    from pilkada_cli.store.ledger import Store, sighting
    from pilkada_cli.store.lock import run_lock
    from pilkada_cli.store.runlog import run_log

    files = discover([folder])
    if not files:
        return
    with run_log(config, command) as log, run_lock(config, wait), \
            Store.open(config, schema) as store:
        seen = store.sightings()
        unseen = [path for path in files if sighting(path) not in seen]
        with contextlib.closing(check_files(unseen, schema, config, folders=[folder])) as read:
            new = [r for r in read if r.sha256 is None or not store.knows(r.sha256)]
        take_in(store, new, schema)
        log.info("%s: %d workbooks, %d new recorded", folder, len(files),
                 sum(r.sha256 is not None for r in new))
