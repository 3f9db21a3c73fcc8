"""One rule for when a regency reported, in compile, status and the recap: to the minute,
the first file deciding; files for another day named, never silently used."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from pilkada_cli.cli import app
from pilkada_cli.config import load_config
from pilkada_cli.day.attendance import attend, is_late

from .conftest import LAST_DAY, WITA, Desk, set_time
from .test_compile import markdown_tables

runner = CliRunner()
EVE = LAST_DAY - dt.timedelta(days=1)


def cli(desk: Desk, *args: str):
    return runner.invoke(app, [*args, "--config", str(desk.config_path)])


def compiled(desk: Desk, day: dt.date, *extra: str) -> tuple[str, dict, str]:
    """The Markdown briefing, the recap and what the console said."""
    done = cli(desk, "compile", str(desk.inbox), "--date", day.isoformat(), "--out",
               str(desk.root / "out"), "--format", "md,json", *extra)
    assert done.exit_code == 0, done.output
    folder = desk.root / "out" / day.isoformat()
    return ((folder / f"briefing-{day}.md").read_text(encoding="utf-8"),
            json.loads((folder / f"rekap-{day}.json").read_text(encoding="utf-8")),
            " ".join(done.stderr.split()))


def table_text(markdown: str) -> str:
    """The text of every table cell, as a Markdown reader sees it."""
    return " | ".join(cell for table in markdown_tables(markdown) for row in table
                      for cell in row)


def into_inbox(desk: Desk, path: Path, day: dt.date) -> Path:
    folder = desk.inbox / day.isoformat()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / path.name
    stat = path.stat()
    shutil.move(path, target)
    set_time(target, dt.datetime.fromtimestamp(stat.st_mtime, dt.UTC))
    return target


def test_lateness_is_judged_to_the_minute_shown() -> None:
    config = load_config(None)
    on_the_minute = dt.datetime(2024, 11, 18, 18, 0, 30, tzinfo=WITA)
    assert not is_late(on_the_minute, LAST_DAY, config)
    assert is_late(dt.datetime(2024, 11, 18, 18, 1, tzinfo=WITA), LAST_DAY, config)
    seen = attend([(on_the_minute, True)], on_the_minute, LAST_DAY, config)
    assert (seen.status, seen.describe(LAST_DAY, config, "id")) == ("reported", "18.00 WITA")


def test_compile_and_status_show_the_same_times(desk: Desk) -> None:
    """An invalid file at 17.30, the valid one at 19.10: not late (the deadline is for
    sending), and every output says both times, the same way."""
    desk.copy_day(LAST_DAY)
    broken = desk.write_report("64.11", LAST_DAY, {"pemilih.dpt": -5}, "mahulu.xlsx",
                               at=dt.time(17, 30))
    valid = desk.write_report("64.11", LAST_DAY, {}, "mahulu revisi.xlsx", at=dt.time(19, 10))
    for path in (broken, valid):
        into_inbox(desk, path, LAST_DAY)
    markdown, recap, _ = compiled(desk, LAST_DAY)
    row = next(r for r in recap["regencies"] if r["code"] == "64.11")
    assert (row["status"], row["file"].endswith("mahulu revisi.xlsx")) == ("reported", True)
    assert (row["arrived"], row["received"]) == ("2024-11-18T17:30:00+08:00",
                                                 "2024-11-18T19:10:00+08:00")
    assert "17.30 WITA; berkas sah 19.10 WITA" in table_text(markdown)
    status = cli(desk, "status", "--date", LAST_DAY.isoformat(), "--no-scan")
    assert "17.30 WITA; berkas sah 19.10 WITA" in status.stdout
    data = json.loads(cli(desk, "status", "--date", LAST_DAY.isoformat(), "--no-scan",
                          "--format", "json").stdout)
    mine = next(r for r in data["regencies"] if r["code"] == "64.11")
    assert (mine["arrived"], mine["received"], mine["late"]) == (row["arrived"],
                                                                 row["received"], False)


def test_a_report_for_yesterday_sent_today_is_named_and_not_the_baseline(desk: Desk) -> None:
    desk.copy_day(EVE)
    desk.copy_day(LAST_DAY)
    _, before, _ = compiled(desk, LAST_DAY, "--no-record")
    late = desk.write_report("64.05", EVE, {"kampanye.kegiatan": 0}, "berau 17 nov.xlsx")
    set_time(late, dt.datetime(2024, 11, 18, 17, 10, tzinfo=WITA))
    into_inbox(desk, late, LAST_DAY)

    markdown, recap, said = compiled(desk, LAST_DAY, "--no-record")
    assert ("berau 17 nov.xlsx adalah laporan Kabupaten Berau untuk 17 November 2024 yang "
            "masuk 17.10 WITA: tidak dihitung untuk 18 November 2024") in said
    assert recap["files"]["other_days"] == [
        {"path": f"{LAST_DAY}/berau 17 nov.xlsx", "regency": "64.05", "date": EVE.isoformat(),
         "received": "2024-11-18T17:10:00+08:00"}]
    assert ("laporan untuk 17 November 2024, masuk 17.10 WITA: tidak dihitung untuk "
            "18 November 2024") in table_text(markdown)
    # Yesterday's figures are still those its briefing could have shown.
    assert recap["changes"] == before["changes"]

    cli(desk, "check", str(desk.inbox))  # into the store: status names it too
    status = cli(desk, "status", "--date", LAST_DAY.isoformat(), "--no-scan")
    said = " ".join(status.stdout.split())  # the terminal wraps long lines
    assert "Berkas untuk tanggal lain yang masuk pada 18 November 2024" in said
    assert "Kabupaten Berau: laporan 17 November 2024, diterima 17.10 WITA" in said


def test_a_late_file_for_a_past_day_makes_a_new_revision(desk: Desk) -> None:
    """Compiled on the evening of the 17th, then a file for the 17th comes on the 18th: the
    revision that may have been sent is kept, and the briefing names the file."""
    desk.copy_day(EVE)
    _, first, _ = compiled(desk, EVE)
    assert first["revision"]["number"] == 1 and first["files"]["after_day"] == []
    late = desk.write_report("64.05", EVE, {"kampanye.kegiatan": 0}, "berau 17 nov.xlsx")
    set_time(late, dt.datetime(2024, 11, 18, 17, 10, tzinfo=WITA))
    into_inbox(desk, late, EVE)

    markdown, second, said = compiled(desk, EVE)
    assert ("berau 17 nov.xlsx (Kabupaten Berau) masuk 18 Nov 17.10 WITA, sesudah 17 November "
            "2024 berakhir, dan dipakai untuk hari itu") in said
    assert "revisi 2 ditulis; berkas revisi 1 disimpan dengan nama *.r1.*" in said
    assert second["revision"]["number"] == 2
    assert [f["path"] for f in second["files"]["after_day"]] == [f"{EVE}/berau 17 nov.xlsx"]
    assert ("Berkas yang masuk sesudah Minggu, 17 November 2024 berakhir dan dipakai untuk "
            "hari itu: Kabupaten Berau (18 Nov 17.10 WITA)") in markdown
    kept = desk.root / "out" / EVE.isoformat() / f"rekap-{EVE}.r1.json"
    assert json.loads(kept.read_text(encoding="utf-8"))["revision"]["number"] == 1


def test_with_the_store_yesterday_is_what_its_briefing_published(desk: Desk) -> None:
    desk.copy_day(EVE)
    compiled(desk, EVE)  # revision 1 of the 17th: what was sent that evening
    desk.copy_day(LAST_DAY)
    _, before, _ = compiled(desk, LAST_DAY)
    late = desk.write_report("64.05", EVE, {"kampanye.kegiatan": 0}, "berau 17 nov.xlsx")
    set_time(late, dt.datetime(2024, 11, 18, 17, 10, tzinfo=WITA))
    into_inbox(desk, late, LAST_DAY)
    shutil.rmtree(desk.inbox / EVE.isoformat())  # the 17th's files have been moved away
    _, after, _ = compiled(desk, LAST_DAY)
    assert after["changes"] == before["changes"] and after["changes"]["compared"] == 9
    assert [f["regency"] for f in after["files"]["other_days"]] == ["64.05"]
