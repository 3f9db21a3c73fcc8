"""Sign-off and revisions: `pilkada approve`, the stamp on later outputs, revision N+1 when a
regency's corrected file changes the figures (the earlier files kept), `pilkada status`, and
a store of the release before opened and upgraded without losing a row."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sqlite3
from pathlib import Path

from docx import Document
from typer.testing import CliRunner

from pilkada_cli.cli import app
from pilkada_cli.store.approvals import revisions
from pilkada_cli.store.ledger import SCHEMA_VERSION, Store

from .conftest import LAST_DAY, WITA, Desk, set_time
from .test_compile import markdown_tables

runner = CliRunner()
DAY = LAST_DAY
BY = "Drs. Budi Santoso, Kepala Biro Pemerintahan"
FIXTURE = Path(__file__).parent / "data" / "store-v2.sqlite"
NAMES = [f"briefing-{DAY}.md", f"briefing-{DAY}.docx", f"rekap-{DAY}.xlsx", f"rekap-{DAY}.json"]


def cli(desk: Desk, *args: str):
    return runner.invoke(app, [*args, "--config", str(desk.config_path)])


def compile_day(desk: Desk, formats: str = "md,json") -> tuple[str, dict]:
    done = cli(desk, "compile", str(desk.inbox), "--date", DAY.isoformat(), "--out",
               str(desk.root / "out"), "--format", formats)
    assert done.exit_code == 0, done.output
    folder = desk.root / "out" / DAY.isoformat()
    return ((folder / NAMES[0]).read_text(encoding="utf-8"),
            json.loads((folder / NAMES[3]).read_text(encoding="utf-8")))


def approve(desk: Desk, by: str = BY):
    return cli(desk, "approve", "--date", DAY.isoformat(), "--by", by)


def approved_at(desk: Desk, number: int, moment: dt.datetime) -> None:
    """Set when a revision was approved, so that the stamp can be read exactly."""
    with sqlite3.connect(desk.config.paths["store"]) as db:
        db.execute("UPDATE revisions SET approved_at = ? WHERE report_date = ? AND revision = ?",
                   (moment.astimezone(dt.UTC).isoformat(timespec="microseconds"),
                    DAY.isoformat(), number))
    db.close()


def stamp(markdown: str) -> str:
    return markdown.splitlines()[4]


def test_approve_stamp_and_revise(desk: Desk) -> None:
    desk.copy_day(DAY)
    refused = approve(desk)
    assert refused.exit_code == 2
    assert "belum pernah dikompilasi" in refused.stderr and "Traceback" not in refused.output

    markdown, recap = compile_day(desk)
    assert stamp(markdown) == "**Revisi 1 · belum disetujui**"
    assert recap["revision"]["number"] == 1 and recap["revision"]["approved"] is False
    assert len(recap["revision"]["files"]) == 9 and recap["revision"]["changes"] == []
    assert "Perubahan sejak revisi" not in markdown

    for name in ("", "   "):
        empty = approve(desk, name)
        assert empty.exit_code == 2 and "nama yang menyetujui kosong" in empty.stderr
    done = approve(desk)
    assert done.exit_code == 0, done.output
    assert re.fullmatch(r"Revisi 1 laporan 18 November 2024 disetujui oleh Drs\. Budi Santoso, "
                        r"Kepala Biro Pemerintahan pukul \d\d\.\d\d WITA( tanggal .+)? "
                        r"\(9 berkas\)\.\n", done.stdout)
    twice = approve(desk, "Orang Lain, Staf")
    assert twice.exit_code == 2 and "sudah disetujui oleh Drs. Budi Santoso" in twice.stderr
    # What was approved: the files (by content) that made the day's picture.
    with Store.open(desk.config, desk.schema) as store:
        (first,) = revisions(store, DAY)
        accepted = {code: s.sha256 for code, s in store.accepted(DAY).items()}
    assert first.approved_by == BY
    assert {code: ref.sha256 for code, ref in first.files.items()} == accepted
    approved_at(desk, 1, dt.datetime(2024, 11, 18, 21, 15, tzinfo=WITA))

    markdown, recap = compile_day(desk, "md,docx,json")
    assert stamp(markdown) == f"**Disetujui oleh {BY} pukul 21.15 WITA, revisi 1**"
    assert recap["revision"]["approved_at"] == "2024-11-18T21:15:00+08:00"
    assert compile_day(desk) == (markdown, recap)  # same inbox, same bytes
    folder = desk.root / "out" / DAY.isoformat()
    written = [NAMES[0], NAMES[1], NAMES[3]]
    assert sorted(p.name for p in folder.iterdir()) == sorted(written)
    word = Document(str(folder / NAMES[1]))
    assert f"Disetujui oleh {BY} pukul 21.15 WITA, revisi 1" in [p.text for p in word.paragraphs]

    # Paser sends a correction in the evening: more polling stations have their logistics.
    before = recap["regencies"][0]["values"]["logistik.tps_terdistribusi"]
    fixed = desk.write_report("64.01", DAY, {"logistik.tps_terdistribusi": before + 20},
                              name="Paser 18 nov revisi.xlsx", at=dt.time(20, 0))
    shutil.move(fixed, desk.inbox / DAY.isoformat() / fixed.name)
    revised, recap = compile_day(desk)
    assert stamp(revised) == (f"**Revisi 2 · belum disetujui (revisi 1 disetujui oleh {BY} "
                              "pukul 21.15 WITA)**")
    # The earlier files are kept under the revision's name, as they were.
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [NAMES[0], NAMES[3]] + [n.replace(f"{DAY}.", f"{DAY}.r1.") for n in written])
    kept = (folder / f"briefing-{DAY}.r1.md").read_text(encoding="utf-8")
    assert kept == markdown
    assert "## Perubahan sejak revisi 1" in revised
    table = next(t for t in markdown_tables(revised) if t[0][:2] == ["Kabupaten/Kota", "Angka"])
    assert table[0] == ["Kabupaten/Kota", "Angka", "Revisi 1", "Sekarang", "Berkas"]
    assert ["Kabupaten Paser", "TPS yang sudah menerima logistik", f"{before}",
            f"{before + 20}", "Paser 18 nov revisi.xlsx"] in table
    assert [row[1] for row in table[1:]] == ["TPS yang sudah menerima logistik",
                                             "Distribusi logistik ke TPS (%)"]
    changes = recap["revision"]["changes"]
    assert changes[0] == {"regency": "64.01", "field": "logistik.tps_terdistribusi",
                          "before": before, "after": before + 20,
                          "file": "Paser 18 nov revisi.xlsx"}
    assert (recap["revision"]["number"], recap["revision"]["since"]) == (2, 1)

    shown = cli(desk, "status", "--date", DAY.isoformat())
    assert shown.stdout.splitlines()[-1] == (f"Persetujuan: revisi 2, belum disetujui (revisi 1 "
                                             f"disetujui oleh {BY} pukul 21.15 WITA).")
    data = json.loads(cli(desk, "status", "--date", DAY.isoformat(), "--format",
                          "json").stdout)["approval"]
    assert (data["revision"], data["approved"], data["approved_by"]) == (2, False, None)
    assert [(r["number"], r["approved_by"]) for r in data["revisions"]] == [(1, BY), (2, None)]

    # Compiled again before approval: still revision 2, nothing more kept.
    assert compile_day(desk) == (revised, recap)
    assert len(list(folder.iterdir())) == 5
    assert approve(desk, "Dr. Sri Wahyuni, Sekda").exit_code == 0
    approved_at(desk, 2, dt.datetime(2024, 11, 19, 8, 5, tzinfo=WITA))
    final, recap = compile_day(desk)
    assert stamp(final) == ("**Disetujui oleh Dr. Sri Wahyuni, Sekda pukul 08.05 WITA tanggal "
                            "19 November 2024, revisi 2**")
    assert "## Perubahan sejak revisi 1" in final
    english = cli(desk, "status", "--date", DAY.isoformat(), "--lang", "en")
    assert english.stdout.splitlines()[-1] == ("Approval: revision 2, approved by Dr. Sri "
                                               "Wahyuni, Sekda at 08:05 WITA on 19 November "
                                               "2024.")


def test_status_before_any_compile_says_so(desk: Desk) -> None:
    desk.copy_day(DAY)
    assert cli(desk, "check", str(desk.inbox)).exit_code == 0
    shown = cli(desk, "status", "--date", DAY.isoformat(), "--no-scan")
    assert shown.stdout.splitlines()[-1] == ("Persetujuan: belum dikompilasi dengan basis data "
                                             "(store).")
    data = json.loads(cli(desk, "status", "--date", DAY.isoformat(), "--no-scan", "--format",
                          "json").stdout)
    assert data["approval"] is None
    assert cli(desk, "approve", "--date", "2024-11-18", "--by", BY).exit_code == 2


def _rows(path: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as db:
        rows = {table: db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
                for table in ("submissions", "accepted")}
    db.close()
    return rows


def test_a_store_of_the_release_before_opens_and_upgrades(desk: Desk) -> None:
    """tests/data/store-v2.sqlite was written by the release before (store version 2) from
    the sample days 17 and 18 November."""
    path = desk.config.paths["store"]
    path.parent.mkdir(parents=True)
    shutil.copyfile(FIXTURE, path)
    before = _rows(path)
    assert len(before["submissions"]) == 19 and len(before["accepted"]) == 19
    with Store.open(desk.config, desk.schema) as store:
        assert store.version() == SCHEMA_VERSION == 4
        assert revisions(store, DAY) == []
        assert len(store.accepted(DAY)) == 9
    after = _rows(path)
    assert {t: [r[:len(before[t][0])] for r in rows] for t, rows in after.items()} == before
    # It works as a store of this release: the day compiles, and its first revision is kept.
    for source in desk.copy_day(DAY):
        set_time(source, dt.datetime.combine(DAY, dt.time(16, 30), tzinfo=WITA))
    markdown, recap = compile_day(desk)
    assert stamp(markdown) == "**Revisi 1 · belum disetujui**"
    assert approve(desk).exit_code == 0
    # Taken in again, the same files give the same accepted figures (only the time is new).
    assert [r[:4] for r in _rows(path)["accepted"]] == [r[:4] for r in before["accepted"]]
