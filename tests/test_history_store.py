"""The store: ledger, archive, accepted figures, series, migrations, what a killed run leaves."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from pilkada_cli.checking.validate import check_file
from pilkada_cli.day.series import series
from pilkada_cli.errors import StoreError, StoreMissing, UsageError
from pilkada_cli.store.archive import archive_name
from pilkada_cli.store.intake import take_in
from pilkada_cli.store.ledger import Store
from pilkada_cli.store.migrations import SCHEMA_VERSION

from .conftest import LAST_DAY, WITA, Desk, raises_in_english

DAY = dt.date(2024, 11, 16)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=WITA)


def checked(desk: Desk, *paths):
    return [check_file(p, desk.schema, desk.config, LAST_DAY) for p in paths]


def test_record_keeps_the_file_in_the_ledger_and_the_archive(desk: Desk) -> None:
    path = desk.copy_day(DAY)[0]
    (report,) = checked(desk, path)
    with Store.open(desk.config, desk.schema) as store:
        sub = store.record(report, at(DAY, 17))
    data = path.read_bytes()
    assert sub is not None and not sub.known
    assert (sub.sha256, sub.size, sub.name, sub.path) == (
        hashlib.sha256(data).hexdigest(), len(data), path.name, str(path))
    assert (sub.regency, sub.date, sub.valid, sub.errors) == ("64.03", DAY, True, 0)
    assert sub.warnings == len(report.warnings) > 0
    assert sub.first_seen == at(DAY, 17)
    assert sub.mtime == at(DAY, 16, 30)
    assert sub.arrived == at(DAY, 16, 30)  # the file's time is earlier than its sighting
    assert sub.archive_path == desk.config.paths["archive"] / "2024-11-16" / \
        f"64.03-{sub.sha256[:12]}.xlsx"
    assert sub.archive_path.read_bytes() == data


def test_archive_names_come_from_content_never_from_the_sender() -> None:
    sha = "ab" * 32
    assert archive_name(sha, "64.03", DAY) == "2024-11-16/64.03-abababababab.xlsx"
    assert archive_name(sha, None, None) == "unknown/unknown-abababababab.xlsx"
    assert archive_name(sha, "../../etc", DAY) == "2024-11-16/.._.._etc-abababababab.xlsx"


def test_the_same_file_seen_twice_is_stored_once(desk: Desk) -> None:
    first = desk.copy_day(DAY)[3]
    second = desk.root / "elsewhere" / "renamed by the sender.xlsx"
    second.parent.mkdir()
    shutil.copyfile(first, second)
    reports = checked(desk, first, second)
    with Store.open(desk.config, desk.schema) as store:
        one = store.record(reports[0], at(DAY, 17))
        two = store.record(reports[1], at(DAY, 20))
        assert store.accept(reports[1])
        assert [s.sha256 for s in store.submissions()] == [one.sha256]
    assert two.known and two.first_seen == one.first_seen and two.path == str(first)
    archived = list(desk.config.paths["archive"].rglob("*.xlsx"))
    assert archived == [one.archive_path]


def test_an_unreadable_file_is_recorded_as_invalid(desk: Desk) -> None:
    path = desk.root / "not a workbook.xlsx"
    path.write_bytes(b"Laporan harian\nDPT;560000\n")
    (report,) = checked(desk, path)
    with Store.open(desk.config, desk.schema) as store:
        sub = store.record(report)
        assert not store.accept(report)
    assert (sub.valid, sub.errors, sub.regency, sub.date) == (False, 1, None, None)
    assert sub.archive_path.parent.name == "unknown"
    assert sub.archive_path.read_bytes() == path.read_bytes()


def test_a_resubmission_wins_in_whatever_order_it_is_accepted(desk: Desk) -> None:
    old = desk.write_report("64.03", DAY, {"pemilih.ektp_terekam": 20_000}, "pagi.xlsx",
                            at=dt.time(15, 0))
    new = desk.write_report("64.03", DAY, {"pemilih.ektp_terekam": 20_500}, "revisi.xlsx",
                            at=dt.time(17, 0))
    broken = desk.write_report("64.03", DAY, {"pemilih.dpt": "banyak"}, "rusak.xlsx",
                               at=dt.time(17, 30))
    r_old, r_new, r_broken = checked(desk, old, new, broken)
    assert r_old.valid and r_new.valid and not r_broken.valid
    seen = at(DAY, 21)
    with Store.open(desk.config, desk.schema) as store:
        assert store.accept(r_new, seen)
        assert not store.accept(r_old, seen)       # older: changes nothing
        assert not store.accept(r_broken, seen)    # newest, but invalid
        store.record(r_broken, seen)
        snapshot = store.accepted(DAY)["64.03"]
        assert snapshot.values["pemilih.ektp_terekam"] == 20_500
        assert snapshot.sha256 == r_new.sha256
        assert snapshot.values["identitas.tanggal"] == DAY   # typed again from the schema
        assert len(store.submissions(DAY, "64.03")) == 3


def test_previous_recent_and_previous_date(desk: Desk) -> None:
    reports = []
    for day in (dt.date(2024, 11, 12), dt.date(2024, 11, 13), dt.date(2024, 11, 15)):
        reports += checked(desk, *desk.copy_day(day))
    with Store.open(desk.config, desk.schema) as store:
        take_in(store, reports, desk.schema)
        previous = store.previous("64.03", dt.date(2024, 11, 15))
        assert previous.date == dt.date(2024, 11, 13)
        assert [s.date.day for s in store.recent("64.03", dt.date(2024, 11, 16))] == [12, 13, 15]
        assert store.previous("64.03", dt.date(2024, 11, 12)) is None
        assert store.previous_date(dt.date(2024, 11, 15)) == dt.date(2024, 11, 13)
        assert store.previous_date(dt.date(2024, 11, 12)) is None
        assert set(store.accepted(dt.date(2024, 11, 13))) == {r.code for r in
                                                              desk.config.regencies}
        again = store.previous("64.03", dt.date(2024, 11, 15)).to_report(desk.config)
        assert again.valid and again.regency.code == "64.03" and again.path.is_file()


def test_series_for_a_regency_and_for_the_province(desk: Desk) -> None:
    reports = []
    for day in (dt.date(2024, 11, 17), LAST_DAY):
        reports += checked(desk, *desk.copy_day(day))
    with Store.open(desk.config, desk.schema) as store:
        take_in(store, reports, desk.schema)
        kukar = series(store, "logistik.tps_terdistribusi", "64.03")
        assert [p.date for p in kukar] == [dt.date(2024, 11, 17), LAST_DAY]
        assert all(p.regencies == 1 for p in kukar)

        last = store.accepted(LAST_DAY)
        share = series(store, "logistik.persen_tps", until=LAST_DAY)[-1]
        done = sum(s.values["logistik.tps_terdistribusi"] for s in last.values())
        total = sum(s.values["logistik.jumlah_tps"] for s in last.values())
        assert share == (LAST_DAY, pytest.approx(100 * done / total), 9)  # Mahulu missing

        turnout = series(store, "partisipasi.proyeksi", since=LAST_DAY)
        weights = {c: s.values["pemilih.dpt"] for c, s in last.items()}
        expected = sum(s.values["partisipasi.proyeksi"] * weights[c]
                       for c, s in last.items()) / sum(weights.values())
        assert [(p.date, p.regencies) for p in turnout] == [(LAST_DAY, 9)]
        assert turnout[0].value == pytest.approx(expected)

        dpt = series(store, "pemilih.dpt", until=dt.date(2024, 11, 17))
        assert len(dpt) == 1 and dpt[0].regencies == 10
        assert series(store, "situasi.status", until=LAST_DAY)[-1].value == "Rawan"

        with raises_in_english(UsageError, match="did you mean 'pemilih.dpt'"):
            series(store, "pemilih.dtp")
        with raises_in_english(UsageError, match="not combined across regencies"):
            series(store, "situasi.narasi")


V1_DDL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE submissions (
    sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, path TEXT NOT NULL,
    name TEXT NOT NULL, first_seen TEXT NOT NULL, regency TEXT,
    report_date TEXT, valid INTEGER NOT NULL, errors INTEGER NOT NULL);
CREATE TABLE accepted (
    regency TEXT NOT NULL, report_date TEXT NOT NULL,
    sha256 TEXT NOT NULL REFERENCES submissions (sha256),
    data TEXT NOT NULL, accepted_at TEXT NOT NULL,
    PRIMARY KEY (regency, report_date));
INSERT INTO meta VALUES ('schema_version', '1');
INSERT INTO submissions VALUES ('aa', 100, '/inbox/a.xlsx', 'a.xlsx',
    '2024-11-15T08:00:00.000000+00:00', '64.03', '2024-11-15', 1, 0);
INSERT INTO accepted VALUES ('64.03', '2024-11-15', 'aa',
    '{"tables": {}, "values": {"pemilih.ektp_terekam": 21000}}',
    '2024-11-15T13:00:00.000000+00:00');
"""


def test_a_store_from_the_first_version_is_migrated_in_place(desk: Desk) -> None:
    path = desk.config.paths["store"]
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as db:
        db.executescript(V1_DDL)
    db.close()
    with Store.open(desk.config, desk.schema) as store:
        assert store.version() == SCHEMA_VERSION == 4
        (old,) = store.submissions()
        assert (old.sha256, old.warnings, old.mtime, old.archive_path) == ("aa", 0, None, None)
        assert store.previous("64.03", DAY).values == {"pemilih.ektp_terekam": 21000}
        (report,) = checked(desk, desk.copy_day(DAY)[2])
        assert store.accept(report)
        assert len(store.submissions()) == 2
    with sqlite3.connect(path) as db:
        meta = dict(db.execute("SELECT key, value FROM meta"))
        indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        journal = db.execute("PRAGMA journal_mode").fetchone()[0]
    db.close()
    assert meta["schema_version"] == str(SCHEMA_VERSION) and "migrated_at" in meta
    assert "submissions_by_day" in indexes
    assert journal == "wal"


def test_a_store_from_a_newer_version_is_refused(desk: Desk) -> None:
    Store.open(desk.config).close()
    with sqlite3.connect(desk.config.paths["store"]) as db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    db.close()
    with raises_in_english(StoreError, match="newer pilkada"):
        Store.open(desk.config)


def test_what_is_not_a_store_gets_a_message(desk: Desk) -> None:
    path = desk.config.paths["store"]
    path.parent.mkdir(parents=True)
    path.write_bytes(b"PK\x03\x04 this is a workbook, not a database" * 100)
    with raises_in_english(StoreError, match="not a pilkada store"):
        Store.open(desk.config)
    path.unlink()
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE people (name TEXT)")
    db.close()
    with raises_in_english(StoreError, match="not a pilkada store"):
        Store.open(desk.config)


def test_a_store_that_cannot_be_made_gets_a_message(desk: Desk) -> None:
    (desk.root / "data").write_text("a file where the store's folder should be")
    with raises_in_english(StoreError, match="cannot make the store's folder"):
        Store.open(desk.config)


def test_reading_commands_do_not_make_a_store(desk: Desk) -> None:
    with pytest.raises(StoreMissing, match="belum ada penyimpanan"):
        Store.open(desk.config, create=False)
    assert not desk.config.paths["store"].exists()


def test_an_error_between_two_writes_leaves_neither(desk: Desk) -> None:
    first, second = checked(desk, *desk.copy_day(DAY)[:2])
    with Store.open(desk.config, desk.schema) as store:
        store.accept(first)
        with pytest.raises(RuntimeError), store.transaction():
            store.accept(second)
            raise RuntimeError("stopped between two writes")
        assert [s.sha256 for s in store.submissions()] == [first.sha256]
        assert list(store.accepted(DAY)) == ["64.03"]


def test_a_run_killed_in_the_middle_of_a_write_leaves_the_store_whole(desk: Desk) -> None:
    files = desk.copy_day(DAY)
    (first,) = checked(desk, files[0])
    with Store.open(desk.config, desk.schema) as store:
        store.accept(first)
    script = textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        from pilkada_cli.config import load_config
        from pilkada_cli.store.ledger import Store
        from pilkada_cli.checking.schema import load_schema
        from pilkada_cli.checking.validate import check_file
        config, schema = load_config(Path({str(desk.config_path)!r})), load_schema()
        store = Store.open(config, schema)
        with store.transaction():
            for name in {[str(p) for p in files[1:]]!r}:
                store.accept(check_file(Path(name), schema, config))
            os.kill(os.getpid(), signal.SIGKILL)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert done.returncode == -9, done.stderr.decode()
    with Store.open(desk.config, desk.schema) as store:
        assert store._db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert [s.sha256 for s in store.submissions()] == [first.sha256]
        assert list(store.accepted(DAY)) == ["64.03"]
        rest = checked(desk, *files[1:])
        take_in(store, rest, desk.schema)   # the next run does the work again
        assert len(store.accepted(DAY)) == 10
    # Archive copies made before the kill are reused, not duplicated.
    assert len(list(desk.config.paths["archive"].rglob("*.xlsx"))) == 10
    assert not list(desk.config.paths["archive"].rglob("*.tmp"))


def test_an_accepted_file_found_invalid_later_loses_its_figures(desk: Desk) -> None:
    from pilkada_cli.checking.model import ERROR, Issue

    (report,) = checked(desk, desk.copy_day(DAY)[0])
    with Store.open(desk.config, desk.schema) as store:
        assert store.accept(report)
        report.issues.append(Issue(ERROR, "never-decreases", "Pemilih", "B6"))
        sub = store.record(report)
        assert sub.known and not sub.valid and sub.errors == 1
        assert store.accepted(DAY) == {}


def test_a_batch_that_fails_half_way_leaves_the_store_as_it_was(desk: Desk, monkeypatch) -> None:
    reports = checked(desk, *desk.copy_day(DAY)[:3])
    accept = Store.accept
    calls = []

    def fails_on_the_second(self, report, *args, **kwargs):
        calls.append(report)
        if len(calls) == 2:
            raise StoreError("disk full")
        return accept(self, report, *args, **kwargs)

    with Store.open(desk.config, desk.schema) as store:
        monkeypatch.setattr(Store, "accept", fails_on_the_second)
        with pytest.raises(StoreError):
            take_in(store, reports, desk.schema)
        monkeypatch.undo()
        assert store.submissions() == [] and store.accepted(DAY) == {}
        taken = take_in(store, reports, desk.schema)
        assert [s.sha256 for s in taken if s] == [r.sha256 for r in reports]
        assert len(store.accepted(DAY)) == 3
