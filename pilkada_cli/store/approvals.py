"""The day's revisions and their sign-off, in the store.

Each compile of a day with the store keeps, as that day's current revision, which files
(by SHA-256) made its picture and the figures they gave. `pilkada approve` signs the
current revision off (who, when). A later compile whose files differ from an approved
revision's starts the next revision, unapproved until signed off in its turn; one whose
files differ from an unapproved revision's replaces that revision's record. Nothing
approved is ever changed or deleted.

    revisions(store, day)                               # oldest first
    save_revision(store, day, 2, files, figures)        # the current, unapproved revision
    approve(store, day, "NAMA, Jabatan")                # the current revision, signed off
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pilkada_cli.errors import UsageError
from pilkada_cli.store.ledger import Store, _guard, _stamp
from pilkada_cli.texts import phrase


@dataclass(frozen=True)
class FileRef:
    """A file that made a regency's figures: its content fingerprint and its name."""

    sha256: str
    name: str


@dataclass(frozen=True)
class RevisionRecord:
    """One revision of a day's briefing as the store keeps it."""

    day: dt.date
    number: int
    files: dict[str, FileRef]
    """By regency code: the accepted file behind its figures."""
    figures: dict[str, dict[str, Any]]
    """By regency code: the figures (JSON values) that file gave."""
    compiled_at: dt.datetime
    approved_by: str | None = None
    approved_at: dt.datetime | None = None

    @property
    def approved(self) -> bool:
        return self.approved_by is not None

    def same_files(self, files: Mapping[str, FileRef]) -> bool:
        return {c: f.sha256 for c, f in self.files.items()} == \
            {c: f.sha256 for c, f in files.items()}


class Refused(UsageError):
    """An approval that cannot be given: `key` names the reason (texts area `approve`),
    `record` the current revision when there is one."""

    def __init__(self, key: str, day: dt.date, record: RevisionRecord | None = None) -> None:
        super().__init__(f"{day.isoformat()}: {key}")
        self.key = key
        self.day = day
        self.record = record


@_guard
def revisions(store: Store, day: dt.date) -> list[RevisionRecord]:
    """The day's revisions, oldest first (empty when the day was never compiled)."""
    db = store._db
    rows = db.execute("SELECT revision, figures, compiled_at, approved_by, approved_at"
                      " FROM revisions WHERE report_date = ? ORDER BY revision",
                      (day.isoformat(),)).fetchall()
    files: dict[int, dict[str, FileRef]] = {}
    for number, code, sha, name in db.execute(
            "SELECT revision, regency, sha256, name FROM revision_files WHERE report_date = ?"
            " ORDER BY revision, regency", (day.isoformat(),)):
        files.setdefault(number, {})[code] = FileRef(sha, name)
    return [RevisionRecord(day, number, files.get(number, {}), json.loads(figures),
                           dt.datetime.fromisoformat(compiled),
                           by, dt.datetime.fromisoformat(at) if at else None)
            for number, figures, compiled, by, at in rows]


@_guard
def save_revision(store: Store, day: dt.date, number: int, files: Mapping[str, FileRef],
                  figures: Mapping[str, Mapping[str, Any]],
                  now: dt.datetime | None = None) -> None:
    """Keep `number` as the day's current, unapproved revision with these files and figures
    (replacing what an unapproved revision of that number held)."""
    stamp = _stamp(now or dt.datetime.now(dt.UTC))
    key = (day.isoformat(), number)
    with store.transaction():
        db = store._db
        row = db.execute("SELECT approved_by FROM revisions WHERE report_date = ? AND "
                         "revision = ?", key).fetchone()
        if row is not None and row[0] is not None:
            raise UsageError(phrase("errors", "approved", number=number,
                                    date=day.isoformat()))
        db.execute("DELETE FROM revision_files WHERE report_date = ? AND revision = ?", key)
        db.execute("INSERT OR REPLACE INTO revisions (report_date, revision, figures,"
                   " compiled_at) VALUES (?, ?, ?, ?)",
                   (*key, json.dumps(figures, ensure_ascii=False, sort_keys=True), stamp))
        db.executemany("INSERT INTO revision_files VALUES (?, ?, ?, ?, ?)",
                       [(*key, code, ref.sha256, ref.name) for code, ref in files.items()])


@_guard
def approve(store: Store, day: dt.date, by: str,
            now: dt.datetime | None = None) -> RevisionRecord:
    """Sign the day's current revision off by `by` (spaces tidied). Refused when the name is
    empty, the day was never compiled, or its current revision is signed off already."""
    name = " ".join(by.split())
    if not name:
        raise Refused("empty_name", day)
    with store.transaction():
        found = revisions(store, day)
        if not found:
            raise Refused("no_compile", day)
        current = found[-1]
        if current.approved:
            raise Refused("twice", day, current)
        moment = now or dt.datetime.now(dt.UTC)
        store._db.execute("UPDATE revisions SET approved_by = ?, approved_at = ? WHERE"
                          " report_date = ? AND revision = ?",
                          (name, _stamp(moment), day.isoformat(), current.number))
    return revisions(store, day)[-1]
