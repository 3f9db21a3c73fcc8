"""`pilkada status` and timeliness: reported, late, invalid, missing; exit codes; JSON."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pilkada_cli.checking.validate import check_file
from pilkada_cli.cli import app
from pilkada_cli.config import load_config
from pilkada_cli.day.attendance import arrival, day_status, deadline, is_late
from pilkada_cli.store.ledger import Store

from .conftest import LAST_DAY, SAMPLES, WITA, BuildReport, Desk, set_time

runner = CliRunner()


def status(desk: Desk, *args: str):
    return runner.invoke(app, ["status", *args, "--config", str(desk.config_path)])


def by_code(document: dict) -> dict[str, dict]:
    return {r["code"]: r for r in document["regencies"]}


def test_the_deadline_is_in_the_province_s_time() -> None:
    config = load_config(None)
    due = deadline(LAST_DAY, config)
    assert due.isoformat() == "2024-11-18T18:00:00+08:00"
    assert not is_late(dt.datetime(2024, 11, 18, 9, 59, tzinfo=dt.UTC), LAST_DAY, config)
    assert is_late(dt.datetime(2024, 11, 18, 10, 1, tzinfo=dt.UTC), LAST_DAY, config)
    # Seen for the first time days later: the time says nothing about when it was sent.
    assert not is_late(dt.datetime(2024, 11, 21, 10, 0, tzinfo=dt.UTC), LAST_DAY, config)
    seen = dt.datetime(2024, 11, 18, 21, 0, tzinfo=WITA)
    modified = dt.datetime(2024, 11, 18, 17, 0, tzinfo=WITA)
    assert arrival(seen, modified) == modified
    assert arrival(modified, seen) == modified
    assert arrival(seen, None) == seen


def test_the_last_sample_day_names_mahakam_ulu_as_missing(desk: Desk) -> None:
    day = desk.copy_day(LAST_DAY)
    assert runner.invoke(app, ["check", str(day[0].parent), "--config",
                               str(desk.config_path)]).exit_code == 0
    done = status(desk, "--date", "2024-11-18", "--format", "json", "--no-scan")
    assert done.exit_code == 1
    document = json.loads(done.stdout)
    assert document["reporting"] == {"expected": 10, "reported": 9, "late": 0, "invalid": 0,
                                     "missing": ["64.11"]}
    assert document["complete"] is False
    rows = by_code(document)
    assert rows["64.11"] == {"code": "64.11", "name": "Kabupaten Mahakam Ulu",
                             "status": "missing", "arrived": None, "late": False, "files": 0,
                             "file": None, "received": None, "sha256": None, "errors": None,
                             "warnings": None}
    assert rows["64.03"]["arrived"] == "2024-11-18T16:30:00+08:00"
    assert rows["64.03"]["received"] == "2024-11-18T16:30:00+08:00"
    assert rows["64.03"]["file"] == "Laporan Kukar 18 nov FINAL revisi2.xlsx"
    text = status(desk, "--date", "2024-11-18", "--no-scan")
    assert text.exit_code == 1
    assert "Belum melapor: Kabupaten Mahakam Ulu." in text.stdout
    assert "9 dari 10 kabupaten/kota melapor (0 terlambat)." in text.stdout
    assert "16.30 WITA" in text.stdout
    english = status(desk, "--date", "2024-11-18", "--no-scan", "--lang", "en")
    assert "Missing: Kabupaten Mahakam Ulu." in english.stdout


def test_a_day_when_everyone_reported_exits_0(desk: Desk) -> None:
    desk.copy_day(dt.date(2024, 11, 17))
    done = status(desk, "--date", "2024-11-17", "--format", "json")   # scans the inbox
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["reporting"]["missing"] == []
    with Store.open(desk.config) as store:
        assert len(store.submissions()) == 10
    again = status(desk, "--date", "2024-11-17", "--format", "json")
    assert again.exit_code == 0
    log = (desk.config.paths["store"].parent / "pilkada.log").read_text(encoding="utf-8")
    assert "10 workbooks, 10 new recorded" in log
    assert "10 workbooks, 0 new recorded" in log


def test_late_and_invalid_regencies(desk: Desk) -> None:
    files = desk.copy_day(LAST_DAY)
    late = next(p for p in files if "6472" in p.name)
    set_time(late, dt.datetime(2024, 11, 18, 19, 45, tzinfo=WITA))
    broken = desk.write_report("64.11", LAST_DAY, {"pemilih.dpt": "banyak sekali"},
                               name="mahulu.xlsx")
    broken.replace(desk.inbox / "2024-11-18" / broken.name)
    done = status(desk, "--date", "2024-11-18", "--format", "json")
    assert done.exit_code == 1
    document = json.loads(done.stdout)
    assert document["reporting"] == {"expected": 10, "reported": 8, "late": 1, "invalid": 1,
                                     "missing": []}
    rows = by_code(document)
    assert rows["64.72"]["status"] == "late" and rows["64.72"]["late"] is True
    assert rows["64.72"]["arrived"] == "2024-11-18T19:45:00+08:00"
    assert rows["64.11"]["status"] == "invalid" and rows["64.11"]["errors"] == 1
    text = status(desk, "--date", "2024-11-18", "--no-scan")
    assert "tidak sah (1 galat)" in text.stdout and "terlambat" in text.stdout
    assert "Tidak sah: Kabupaten Mahakam Ulu." in text.stdout


def test_a_late_file_by_its_first_sighting(desk: Desk) -> None:
    """No file time to go by (it was touched after): the first sighting decides."""
    (path,) = [p for p in desk.copy_day(LAST_DAY) if "6401" in p.name]
    set_time(path, dt.datetime(2024, 11, 18, 23, 0, tzinfo=WITA))
    report = check_file(path, desk.schema, desk.config, LAST_DAY)
    with Store.open(desk.config, desk.schema) as store:
        store.accept(report, seen_at=dt.datetime(2024, 11, 18, 18, 40, tzinfo=WITA))
        result = day_status(store.submissions(LAST_DAY), desk.config, LAST_DAY)
    paser = result.regencies[0]
    assert (paser.regency.code, paser.status, paser.attendance.late) == ("64.01", "late", True)
    assert paser.arrived == dt.datetime(2024, 11, 18, 18, 40, tzinfo=WITA)


def test_a_correction_after_the_deadline_is_not_late(desk: Desk) -> None:
    first = desk.write_report("64.05", LAST_DAY, {}, "pagi.xlsx", at=dt.time(16, 0))
    second = desk.write_report("64.05", LAST_DAY, {"kampanye.kegiatan": 9}, "revisi.xlsx",
                               at=dt.time(19, 30))
    with Store.open(desk.config, desk.schema) as store:
        for path in (first, second):
            store.accept(check_file(path, desk.schema, desk.config, LAST_DAY))
        result = day_status(store.submissions(LAST_DAY), desk.config, LAST_DAY)
        assert store.accepted(LAST_DAY)["64.05"].values["kampanye.kegiatan"] == 9
    berau = next(r for r in result.regencies if r.regency.code == "64.05")
    assert (berau.status, berau.attendance.files, berau.file.name) == ("reported", 2,
                                                                       "revisi.xlsx")
    assert berau.arrived == dt.datetime(2024, 11, 18, 16, 0, tzinfo=WITA)
    assert berau.attendance.describe(LAST_DAY, desk.config, "id") == \
        "16.00 WITA; berkas sah 19.30 WITA"


def test_status_without_a_store_says_so(desk: Desk) -> None:
    done = status(desk, "--date", "2024-11-18")
    assert done.exit_code == 2
    assert "belum ada penyimpanan" in done.stderr and "Traceback" not in done.output
    missing = status(desk, str(desk.root / "nowhere"))
    assert missing.exit_code == 2 and "folder tidak ditemukan" in missing.stderr
    bad_date = status(desk, "--date", "18-11-2024")
    assert bad_date.exit_code == 2 and "YYYY-MM-DD" in bad_date.stderr


def tree(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


def sample_inbox(folder: Path) -> Path:
    """folder/inbox with the last sample day, the files in at 16.30 WITA."""
    inbox = folder / "inbox"
    inbox.mkdir()
    for source in sorted((SAMPLES / LAST_DAY.isoformat()).glob("*.xlsx")):
        shutil.copyfile(source, inbox / source.name)
        set_time(inbox / source.name, dt.datetime.combine(LAST_DAY, dt.time(16, 30), WITA))
    return inbox


def test_without_a_config_status_reads_the_inbox_and_leaves_nothing_behind(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As `check`: no pilkada.yaml and no store, nothing recorded, yet the day is told."""
    desk, scratch = tmp_path / "desk", tmp_path / "tmp"
    for folder in (desk, scratch):
        folder.mkdir()
    monkeypatch.chdir(desk)
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    nothing = runner.invoke(app, ["status", "--date", "2024-11-18"])
    assert nothing.exit_code == 2 and "belum ada penyimpanan" in nothing.stderr
    assert tree(desk) == set()
    sample_inbox(desk)
    before = tree(desk)
    for args in (["--format", "json"], [str(desk / "inbox"), "--format", "json"]):
        done = runner.invoke(app, ["status", "--date", "2024-11-18", *args])
        assert done.exit_code == 1, done.output
        document = json.loads(done.stdout)
        assert document["reporting"] == {"expected": 10, "reported": 9, "late": 0,
                                         "invalid": 0, "missing": ["64.11"]}
        assert by_code(document)["64.03"]["arrived"] == "2024-11-18T16:30:00+08:00"
        assert document["approval"] is None
    text = runner.invoke(app, ["status", "--date", "2024-11-18"])
    assert "9 dari 10 kabupaten/kota melapor (0 terlambat)." in text.stdout
    assert tree(desk) == before   # no store, archive, log or lock
    assert tree(scratch) == set()   # and the run's own are gone
    for path in (desk / "inbox").glob("*.xlsx"):
        path.unlink()
    empty = runner.invoke(app, ["status", "--date", "2024-11-18", "--format", "json"])
    assert json.loads(empty.stdout)["reporting"]["reported"] == 0 and empty.exit_code == 1
    assert tree(desk) == {"inbox"} and tree(scratch) == set()


def test_with_a_config_or_an_existing_store_status_records(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, build_report: BuildReport) -> None:
    inbox = sample_inbox(tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pilkada.yaml").write_text('deadline: "18:00"\n', encoding="utf-8")
    done = runner.invoke(app, ["status", "--date", "2024-11-18"])
    assert done.exit_code == 1, done.output
    assert {"pilkada.sqlite", "pilkada.log", "archive"} <= tree(tmp_path)
    assert len(list((tmp_path / "archive").rglob("*.xlsx"))) == 9
    (tmp_path / "pilkada.yaml").unlink()   # the store alone now says the desk is here
    build_report("64.11", LAST_DAY, name="mahulu.xlsx").replace(inbox / "mahulu.xlsx")
    again = runner.invoke(app, ["status", "--date", "2024-11-18"])
    assert again.exit_code == 0, again.output
    assert len(list((tmp_path / "archive").rglob("*.xlsx"))) == 10
