"""The store: a ledger of every workbook seen, an archive of the raw files, and each
regency's accepted figures per day, so that nothing is lost and past days can be
compared with today.

SQLite from the standard library, in WAL mode. Each write is one transaction, so a run
killed half-way leaves the store as it was before or after that write, never between.
Archived files are named from their content (report date, regency code, SHA-256),
never from the sender's file name; each is written whole (write, then rename), once,
and is never overwritten or deleted. Changes to the store's tables are migrations,
applied in place in one transaction with the version recorded in `meta`.

    with Store.open(config, schema) as store:
        submission = store.record(report)      # ledger + archive
        store.accept(report)                   # its values, if it is the newest valid one
        store.previous("64.03", date)          # the regency's last accepted report before
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from pilkada_cli.errors import StoreError, StoreMissing
from pilkada_cli.jsonio import dumps
from pilkada_cli.store.archive import describe_os_error, keep
from pilkada_cli.store.migrations import MIGRATIONS, SCHEMA_VERSION
from pilkada_cli.texts import Phrase, phrase

if TYPE_CHECKING:
    from pilkada_cli.checking.model import Report
    from pilkada_cli.checking.schema import Field, Schema
    from pilkada_cli.config import Config

log = logging.getLogger("pilkada")

UTC = dt.UTC


# The order in which a regency's files for one day supersede each other: the newest wins.
_ARRIVAL = "MIN(first_seen, COALESCE(mtime, first_seen))"
_COLUMNS = ("sha256, size, path, name, first_seen, mtime, regency, report_date, valid, errors,"
            " warnings, archive_path")
_NEWEST_FIRST = f"{_ARRIVAL} DESC, first_seen DESC, sha256 DESC"

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class Submission:
    """One distinct file (by content) in the ledger, as first seen."""

    sha256: str
    size: int
    path: str
    name: str
    first_seen: dt.datetime
    mtime: dt.datetime | None
    regency: str | None
    date: dt.date | None
    valid: bool
    errors: int
    warnings: int
    archive_path: Path | None
    known: bool = field(default=False, compare=False)
    """True when record() found this content already in the ledger."""

    @property
    def arrived(self) -> dt.datetime:
        """The earlier of first sighting and the file's own time: a report dropped into the
        inbox at 17.00 and first seen by the 21.00 compile arrived at 17.00."""
        return self.first_seen if self.mtime is None else min(self.first_seen, self.mtime)


@dataclass(frozen=True)
class Snapshot:
    """A regency's accepted report for one day, as stored."""

    regency: str
    date: dt.date
    sha256: str
    values: dict[str, Any]
    tables: dict[str, list[dict[str, Any]]]
    archive_path: Path | None

    def to_report(self, config: Config) -> Report:
        """The snapshot as a valid Report, for code that merges reports (no issues, no cells)."""
        from pilkada_cli.checking.model import Report

        path = self.archive_path or Path(f"{self.regency}-{self.sha256[:12]}.xlsx")
        return Report(path, config.regency(self.regency), self.date, dict(self.values),
                      {k: [dict(r) for r in rows] for k, rows in self.tables.items()},
                      sha256=self.sha256)


@dataclass(frozen=True)
class SentMessage:
    """One message sent to a regency about its report of `date`: what kind, about which
    file (its SHA-256, '' for a reminder), through which channel, to whom, and when."""

    date: dt.date
    regency: str
    kind: str
    sha256: str
    channel: str
    recipient: str
    subject: str
    message_id: str | None
    sent_at: dt.datetime


def _guard(method: Callable[P, R]) -> Callable[P, R]:
    """SQLite and file-system failures become a StoreError that names the store."""
    import functools

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except sqlite3.Error as exc:
            store = args[0]
            assert isinstance(store, Store)
            raise StoreError(_sqlite_message(store.path, exc)) from exc
        except OSError as exc:
            raise StoreError(describe_os_error(exc)) from exc

    return wrapper


class Store:
    """An open store; use `Store.open(config, schema)` as a context manager."""

    def __init__(self, db: sqlite3.Connection, path: Path, config: Config,
                 schema: Schema | None) -> None:
        self._db = db
        self._depth = 0
        self.path = path
        self.archive = config.paths["archive"]
        self.config = config
        self.schema = schema

    # -- opening and closing ----------------------------------------------------------------
    @classmethod
    def open(cls, config: Config, schema: Schema | None = None, *,
             create: bool = True) -> Store:
        """Open (or, with `create`, make) the store at `config.paths["store"]` and bring its
        tables up to date. The schema is needed to type values read back and to combine
        regencies into province-wide series."""
        path = config.paths["store"]
        if not create and not path.exists():
            raise StoreMissing(phrase("errors", "no_store", path=path))
        if path.is_dir():
            raise StoreError(phrase("errors", "store_folder", path=path))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(phrase("errors", "store_mkdir", why=describe_os_error(exc))) from exc
        try:
            db = sqlite3.connect(path, isolation_level=None, timeout=30)
        except sqlite3.Error as exc:
            raise StoreError(_sqlite_message(path, exc)) from exc
        store = cls(db, path, config, schema)
        try:
            store._setup()
        except BaseException:
            db.close()
            raise
        return store

    @_guard
    def _setup(self) -> None:
        self._db.execute("PRAGMA busy_timeout = 30000")
        self._db.execute("PRAGMA foreign_keys = ON")
        self._db.execute("PRAGMA journal_mode = WAL")
        # WAL with NORMAL: a killed run loses nothing committed and the store stays whole; a
        # power cut may lose the last commits (redone from the inbox), never consistency.
        # FULL would double what recording costs per file (an fsync per commit).
        self._db.execute("PRAGMA synchronous = NORMAL")
        self.migrate()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- versions and migrations ------------------------------------------------------------
    def version(self) -> int:
        """The version of the store's tables: 0 for a new, empty file."""
        tables = {row[0] for row in self._db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "meta" in tables:
            row = self._db.execute(
                "SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            return int(row[0]) if row else 0
        if tables:
            raise StoreError(phrase("errors", "not_store_meta", path=self.path))
        return 0

    def migrate(self) -> None:
        """Bring the tables up to SCHEMA_VERSION in one transaction, recording the version."""
        if self.version() == SCHEMA_VERSION:
            return
        with self.transaction():
            current = self.version()  # again, now that no other run can change it
            if current > SCHEMA_VERSION:
                raise StoreError(phrase("errors", "store_newer", path=self.path, current=current,
                                        known=SCHEMA_VERSION))
            for version, statements in MIGRATIONS:
                if version > current:
                    for statement in statements:
                        self._db.execute(statement)
            now = _stamp(dt.datetime.now(UTC))
            if current == 0:
                self._db.execute("INSERT INTO meta VALUES ('created_at', ?)", (now,))
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
                             (str(SCHEMA_VERSION),))
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('migrated_at', ?)", (now,))
        if current:
            log.info("store %s migrated from version %d to %d", self.path, current,
                     SCHEMA_VERSION)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes: all of them happen or none does. Nested calls join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(_sqlite_message(self.path, exc)) from exc
        self._depth = 1
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        else:
            try:
                self._db.execute("COMMIT")
            except sqlite3.Error as exc:
                self._db.execute("ROLLBACK")
                raise StoreError(_sqlite_message(self.path, exc)) from exc
        finally:
            self._depth = 0

    # -- writing ------------------------------------------------------------------------------
    @_guard
    def record(self, report: Report, seen_at: dt.datetime | None = None) -> Submission | None:
        """Put the file behind `report` in the ledger and the archive.

        The same content seen again keeps its first sighting (time, path, name, archive copy)
        and takes the latest verdict (validity, issue counts, regency, date). `seen_at` is when
        the file was seen (aware; default now). The file itself is never opened here: what
        is archived is what the reader read (`report.content`). Returns None when nothing
        could be read (a file gone, refused before it was opened, or not readable here).
        """
        seen_at = _aware(seen_at or dt.datetime.now(UTC))
        sha, size = report.sha256, report.size
        if sha is None:
            return None
        code = report.regency.code if report.regency else None
        day = report.date.isoformat() if report.date else None
        verdict = (int(report.valid), len(report.errors), len(report.warnings))
        with self.transaction():
            if self._db.execute("SELECT 1 FROM submissions WHERE sha256 = ?",
                                (sha,)).fetchone():
                self._db.execute(
                    "UPDATE submissions SET regency = ?, report_date = ?, valid = ?, errors = ?,"
                    " warnings = ? WHERE sha256 = ?", (code, day, *verdict, sha))
                if not report.valid and self._db.execute(
                        "DELETE FROM accepted WHERE sha256 = ?", (sha,)).rowcount:
                    # Checked again and found wanting: its figures no longer stand.
                    log.warning("%s: accepted before, invalid now; its figures for %s %s are "
                                "withdrawn", report.path.name, code, day)
                return self._submission(sha, known=True)
            archived = keep(self.archive, report.path, sha, code, report.date, report.content)
            self._db.execute(
                "INSERT INTO submissions (sha256, size, path, name, first_seen, mtime, regency,"
                " report_date, valid, errors, warnings, archive_path)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (sha, size or 0, str(report.path), report.path.name, _stamp(seen_at),
                 _mtime(report.path), code, day, *verdict, archived))
            return self._submission(sha)

    @_guard
    def accept(self, report: Report, seen_at: dt.datetime | None = None, *,
               recorded: Submission | None = None) -> bool:
        """Keep the report's values as its regency's figures for its date when it is the
        newest valid file for them (by arrival). Returns whether it is now the accepted one.

        Order does not matter: accepting an older file after a newer one changes nothing.
        The report is recorded as well (with `seen_at` if it is new to the ledger), unless
        `recorded` is its ledger entry already.
        """
        if not (report.valid and report.regency and report.date):
            return False
        with self.transaction():
            submission = recorded or self.record(report, seen_at)
            if submission is None:
                return False
            key = (report.regency.code, report.date.isoformat())
            winner = self._db.execute(
                "SELECT sha256 FROM submissions WHERE regency = ? AND report_date = ? AND valid"
                f" ORDER BY {_NEWEST_FIRST} LIMIT 1", key).fetchone()
            if winner is None or winner[0] != submission.sha256:
                return False
            self._db.execute(
                "INSERT OR REPLACE INTO accepted (regency, report_date, sha256, data, accepted_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (*key, submission.sha256, _encode(report), _stamp(dt.datetime.now(UTC))))
            return True

    @_guard
    def record_sent(self, message: SentMessage) -> None:
        """Note that a message went out (after the server took it)."""
        with self.transaction():
            self._db.execute(
                "INSERT INTO sent (report_date, regency, kind, sha256, channel, recipient,"
                " subject, message_id, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (message.date.isoformat(), message.regency, message.kind, message.sha256,
                 message.channel, message.recipient, message.subject, message.message_id,
                 _stamp(message.sent_at)))

    # -- reading ------------------------------------------------------------------------------
    @_guard
    def sent(self, date: dt.date, regency: str | None = None) -> list[SentMessage]:
        """The messages sent about one report date (and regency), oldest first."""
        where, params = _filters(date=date, regency=regency)
        rows = self._db.execute(
            "SELECT report_date, regency, kind, sha256, channel, recipient, subject, message_id,"
            f" sent_at FROM sent {where} ORDER BY sent_at, rowid", params)
        return [SentMessage(dt.date.fromisoformat(day), code, kind, sha, channel, to, subject,
                            mid, _parse_stamp(at))
                for day, code, kind, sha, channel, to, subject, mid, at in rows]

    @_guard
    def knows(self, sha256: str) -> bool:
        """Whether this content is already in the ledger."""
        return self._db.execute("SELECT 1 FROM submissions WHERE sha256 = ?",
                                (sha256,)).fetchone() is not None

    @_guard
    def sightings(self) -> set[tuple[str, int, str]]:
        """(path, size, file time) of every file as first seen (see `sighting`)."""
        return {(path, size, mtime) for path, size, mtime in self._db.execute(
            "SELECT path, size, mtime FROM submissions WHERE mtime IS NOT NULL")}

    @_guard
    def submissions(self, date: dt.date | None = None,
                    regency: str | None = None) -> list[Submission]:
        """Ledger entries, oldest arrival first; for one report date and/or regency if given."""
        where, params = _filters(date=date, regency=regency)
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM submissions {where}"
            f" ORDER BY {_ARRIVAL}, first_seen, sha256", params)
        return [self._to_submission(row) for row in rows]

    @_guard
    def arrived_between(self, start: dt.datetime, end: dt.datetime) -> list[Submission]:
        """Ledger entries that arrived in [start, end), oldest first, whatever their report
        date (a report for yesterday sent today)."""
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM submissions WHERE {_ARRIVAL} >= ? AND {_ARRIVAL} < ?"
            f" ORDER BY {_ARRIVAL}, first_seen, sha256", (_stamp(start), _stamp(end)))
        return [self._to_submission(row) for row in rows]

    @_guard
    def previous(self, regency: str, date: dt.date) -> Snapshot | None:
        """The regency's latest accepted report before `date`."""
        found = self.recent(regency, date, 1)
        return found[0] if found else None

    @_guard
    def recent(self, regency: str, date: dt.date, limit: int = 7) -> list[Snapshot]:
        """The regency's last `limit` accepted reports before `date`, oldest first."""
        rows = self._db.execute(
            f"{_SNAPSHOTS} WHERE a.regency = ? AND a.report_date < ?"
            " ORDER BY a.report_date DESC LIMIT ?", (regency, date.isoformat(), limit))
        return [self._to_snapshot(row) for row in reversed(rows.fetchall())]

    @_guard
    def accepted(self, date: dt.date) -> dict[str, Snapshot]:
        """Every regency's accepted report for `date`, by regency code."""
        rows = self._db.execute(f"{_SNAPSHOTS} WHERE a.report_date = ? ORDER BY a.regency",
                                (date.isoformat(),))
        return {row[0]: self._to_snapshot(row) for row in rows}

    @_guard
    def previous_date(self, date: dt.date) -> dt.date | None:
        """The latest day before `date` with any accepted report (for day-over-day changes)."""
        row = self._db.execute("SELECT MAX(report_date) FROM accepted WHERE report_date < ?",
                               (date.isoformat(),)).fetchone()
        return dt.date.fromisoformat(row[0]) if row and row[0] else None


    @_guard
    def extract(self, keys: list[str], since: dt.date | None, until: dt.date | None,
                regencies: list[str]) -> list[tuple[Any, ...]]:
        """(day, regency, value of each key) of the accepted reports, oldest first."""
        columns = ", ".join("json_extract(data, ?)" for _ in keys)
        where = [f"regency IN ({', '.join('?' * len(regencies))})"]
        params: list[Any] = [_json_path(k) for k in keys] + regencies
        if since is not None:
            where.append("report_date >= ?")
            params.append(since.isoformat())
        if until is not None:
            where.append("report_date <= ?")
            params.append(until.isoformat())
        rows = self._db.execute(
            f"SELECT report_date, regency, {columns} FROM accepted WHERE {' AND '.join(where)}"
            " ORDER BY report_date, regency", params)
        return [(dt.date.fromisoformat(row[0]), *row[1:]) for row in rows]

    # -- rows to records ----------------------------------------------------------------------
    def _submission(self, sha: str, known: bool = False) -> Submission:
        row = self._db.execute(f"SELECT {_COLUMNS} FROM submissions WHERE sha256 = ?",
                               (sha,)).fetchone()
        return self._to_submission(row, known)

    def _to_submission(self, row: tuple[Any, ...], known: bool = False) -> Submission:
        sha, size, path, name, first_seen, mtime, regency, day, valid, errors, warnings, \
            archived = row
        return Submission(
            sha, size, path, name, _parse_stamp(first_seen),
            _parse_stamp(mtime) if mtime else None, regency,
            dt.date.fromisoformat(day) if day else None, bool(valid), errors, warnings,
            self.archive / archived if archived else None, known)

    def _to_snapshot(self, row: tuple[Any, ...]) -> Snapshot:
        regency, day, sha, data, archived = row
        decoded = json.loads(data)
        values, tables = decoded.get("values", {}), decoded.get("tables", {})
        if self.schema is not None:
            values, tables = _revive_all(values, tables, self.schema)
        return Snapshot(regency, dt.date.fromisoformat(day), sha, values, tables,
                        self.archive / archived if archived else None)


_SNAPSHOTS = ("SELECT a.regency, a.report_date, a.sha256, a.data, s.archive_path"
              " FROM accepted a JOIN submissions s ON s.sha256 = a.sha256")


# -- values to and from JSON ------------------------------------------------------------------
def _encode(report: Report) -> str:
    return dumps({"values": report.values, "tables": report.tables}, sort_keys=True)


def revive(target: Field | None, value: Any) -> Any:
    if target is None or not isinstance(value, str):
        return value
    try:
        if target.type == "date":
            return dt.date.fromisoformat(value)
        if target.type == "time":
            return dt.time.fromisoformat(value)
    except ValueError:
        return value
    return value


def _revive_all(values: dict[str, Any], tables: dict[str, list[dict[str, Any]]],
                schema: Schema) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    scalars = schema.scalar_fields()
    values = {k: revive(scalars.get(k), v) for k, v in values.items()}
    revived: dict[str, list[dict[str, Any]]] = {}
    for key, rows in tables.items():
        sheet = next((s for s in schema.sheets if s.key == key), None)
        columns = {c.key: c for c in sheet.table.columns} if sheet and sheet.table else {}
        revived[key] = [{k: revive(columns.get(k), v) for k, v in row.items()} for row in rows]
    return values, revived


def _json_path(key: str) -> str:
    return "$.values." + json.dumps(key)


# -- small helpers ----------------------------------------------------------------------------
def _filters(**columns: Any) -> tuple[str, list[Any]]:
    names = {"date": "report_date", "regency": "regency"}
    clauses, params = [], []
    for name, value in columns.items():
        if value is not None:
            clauses.append(f"{names[name]} = ?")
            params.append(value.isoformat() if isinstance(value, dt.date) else value)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def _aware(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        raise ValueError("seen_at needs a time zone, e.g. datetime.now(timezone.utc)")
    return moment


def _stamp(moment: dt.datetime) -> str:
    """UTC, fixed width, so that stamps sort as text in SQL."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _parse_stamp(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def _mtime(path: Path) -> str | None:
    try:
        return _stamp(dt.datetime.fromtimestamp(path.stat().st_mtime, UTC))
    except OSError:
        return None


def sighting(path: Path) -> tuple[str, int, str] | None:
    """How the ledger would remember this file (path, size, file time), without opening it:
    a file found again where it was first seen, with the same size and time, is taken to be
    the one recorded then (as make and rsync take it)."""
    try:
        info = path.stat()
    except OSError:
        return None
    return str(path), info.st_size, _stamp(dt.datetime.fromtimestamp(info.st_mtime, UTC))


def _sqlite_message(path: Path, exc: sqlite3.Error) -> Phrase:
    text = str(exc)
    if "not a database" in text:
        return phrase("errors", "not_store", path=path)
    if "readonly" in text or "unable to open" in text:
        return phrase("errors", "store_readonly", path=path, why=text)
    if "locked" in text or "busy" in text:
        return phrase("errors", "store_busy", path=path, why=text)
    return phrase("errors", "store_unusable", path=path, why=text)

