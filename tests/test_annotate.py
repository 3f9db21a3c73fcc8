"""`pilkada check --annotate`: a marked copy goes back to the sender; the original is untouched."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from typer.testing import CliRunner

from pilkada_cli.checking.model import Issue
from pilkada_cli.checking.validate import check_file
from pilkada_cli.cli import app
from pilkada_cli.files import save_workbook
from pilkada_cli.senders.annotate import AUTHOR, SHEET, annotate, mark_cells, target_path

from .conftest import FLAWED, LAST_DAY, SAMPLES

runner = CliRunner()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def comments(book) -> dict[tuple[str, str], str]:
    return {(ws.title, c.coordinate): c.comment.text for ws in book.worksheets
            for row in ws.iter_rows() for c in row if c.comment is not None}


def follow(book, location: str):
    """The cell an internal link like 'Logistik'!C9 points at."""
    sheet, ref = location.rsplit("!", 1)
    return book[sheet.strip("'").replace("''", "'")][ref]


def test_a_word_in_a_number_cell_is_marked_on_exactly_that_cell(build_report, cells, tmp_path):
    sheet, ref = cells["logistik.kotak_suara.diterima"]
    source = build_report(mutate=lambda book: book[sheet].__setitem__(ref, "seratus"),
                          name="Laporan Kukar 18 nov FINAL.xlsx")
    before, mtime = digest(source), source.stat().st_mtime_ns
    out = tmp_path / "koreksi"
    result = runner.invoke(app, ["check", str(source), "--annotate", str(out)])
    assert result.exit_code == 1, result.output
    copy = out / "Laporan Kukar 18 nov FINAL-koreksi.xlsx"
    assert str(copy) in result.stdout
    assert digest(source) == before and source.stat().st_mtime_ns == mtime
    assert [p.name for p in out.iterdir()] == [copy.name]

    book = load_workbook(copy)
    assert book.sheetnames[0] == SHEET and book.active.title == SHEET
    assert [ws.title for ws in book.worksheets if ws.sheet_view.tabSelected] == [SHEET]
    marks = comments(book)
    assert list(marks) == [(sheet, ref)]
    assert "'seratus' bukan bilangan bulat" in marks[(sheet, ref)]
    assert book[sheet][ref].comment.author == AUTHOR
    assert book[sheet][ref].fill.fgColor.rgb.endswith("FF9999")
    assert book[sheet][ref].value == "seratus"  # marked, never corrected

    listing = book[SHEET]
    rows = [[c.value for c in row] for row in listing.iter_rows(min_row=8) if row[0].value]
    assert rows == [[1, "galat", sheet, ref, marks[(sheet, ref)].removeprefix("• ")]]
    link = listing.cell(8, 4).hyperlink
    assert link.location == f"'{sheet}'!{ref}" and not link.target
    assert follow(book, link.location).value == "seratus"
    # The copy is still a report that check reads the same way.
    again = check_file(copy, *_context())
    assert [(i.sheet, i.cell, i.code) for i in again.issues] == [(sheet, ref, "type-error")]


def _context():
    from pilkada_cli.checking.schema import load_schema
    from pilkada_cli.config import load_config

    return load_schema(), load_config(None), LAST_DAY


def test_a_rule_marks_every_cell_it_names_errors_red_warnings_yellow(build_report, cells, tmp_path):
    def break_rule(book):
        for key, value in (("pemilih.ektp_terekam", 10**6), ("pemilih.ektp_target", 1000),
                           ("pemilih.ektp_belum", 0)):
            sheet, ref = cells[key]
            book[sheet][ref] = value

    source = build_report(mutate=break_rule)
    report = check_file(source, *_context())
    result = annotate(report, tmp_path / "out")
    book = load_workbook(result.target)
    marks = comments(book)
    recorded, target, missing = (cells[k] for k in ("pemilih.ektp_terekam",
                                                    "pemilih.ektp_target", "pemilih.ektp_belum"))
    assert set(marks) == {recorded, target, missing} and result.marked == 3
    assert "Perekaman e-KTP melebihi target" in marks[recorded]
    assert "Perekaman e-KTP melebihi target" in marks[target]
    assert "Perekaman e-KTP" not in marks[missing]
    colour = {place: book[place[0]][place[1]].fill.fgColor.rgb[-6:] for place in marks}
    assert colour == {recorded: "FF9999", target: "FF9999", missing: "FFD966"}
    severities = [row[1].value for row in book[SHEET].iter_rows(min_row=8) if row[0].value]
    assert severities == ["galat", "peringatan"]


def test_a_hand_made_workbook_is_marked_where_its_own_layout_puts_things(tmp_path):
    book = Workbook()
    ws = book.active
    ws.title = "Identitas"
    ws["B2"] = "LAPORAN HARIAN KUKAR"
    ws.merge_cells("B2:E2")
    for row, (label, value) in enumerate([("Kabupaten/Kota", "Kukar"),
                                          ("Tanggal laporan", "besok pagi"),
                                          ("Nama pelapor", "Andi"),
                                          ("Nomor telepon/WA", "0812 5100 2000")], start=4):
        ws.cell(row, 2, label)
        ws.cell(row, 4, value)
    ws.merge_cells("D5:E5")
    ws["D5"].comment = Comment("tanggal menyusul", "Operator")
    source = tmp_path / "buatan sendiri.xlsx"
    save_workbook(book, source)
    before = digest(source)
    out = tmp_path / "out"
    result = runner.invoke(app, ["check", "--lang", "en", str(source), "--annotate", str(out)])
    assert result.exit_code == 1
    copy = load_workbook(out / "buatan sendiri-koreksi.xlsx")
    marks = comments(copy)
    assert list(marks) == [("Identitas", "D4"), ("Identitas", "D5")]
    assert "'besok pagi' is not a date" in marks[("Identitas", "D5")]
    assert marks[("Identitas", "D5")].endswith("\n\ntanggal menyusul")  # theirs is kept
    assert "recognised as Kabupaten Kutai Kartanegara" in marks[("Identitas", "D4")]
    assert copy["Identitas"]["D4"].fill.fgColor.rgb.endswith("FFD966")
    listing = copy[SHEET]
    assert listing["A1"].value == "Corrections" and listing["B7"].value == "Severity"
    rows = [[c.value for c in r] for r in listing.iter_rows(min_row=8) if r[0].value]
    missing = [r for r in rows if r[2] == "Logistik"]
    assert missing and missing[0][3] == "–"  # a missing sheet has no cell to link to
    assert listing.cell(8 + rows.index(missing[0]), 3).hyperlink is None
    assert digest(source) == before


def test_files_that_cannot_be_opened_get_no_copy_and_the_output_says_so(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "bukan-excel.xlsx").write_bytes(b"Kabupaten;DPT\nKukar;560000\n")
    whole = (SAMPLES / "2024-11-18" / "laporan-6401-2024-11-18.xlsx").read_bytes()
    (inbox / "terpotong.xlsx").write_bytes(whole[: len(whole) // 2])
    (inbox / "sah.xlsx").write_bytes(whole)
    out = tmp_path / "out"
    result = runner.invoke(app, ["check", str(inbox), "--annotate", str(out)])
    assert result.exit_code == 1
    assert result.stdout.count("tidak dapat dibuka sebagai workbook") == 2
    assert "bukan-excel.xlsx" in result.stdout and "terpotong.xlsx" in result.stdout
    assert not out.exists() or list(out.iterdir()) == []


def test_nothing_to_correct_says_so(tmp_path):
    source = tmp_path / "sah.xlsx"
    source.write_bytes((SAMPLES / "2024-11-18" / "laporan-6401-2024-11-18.xlsx").read_bytes())
    result = runner.invoke(app, ["check", str(source), "--annotate", str(tmp_path / "out")])
    assert result.exit_code == 0 and "Tidak ada berkas yang perlu dikoreksi" in result.stdout
    assert not (tmp_path / "out").exists()


def test_json_stays_clean_and_the_copies_are_named_on_stderr(build_report, cells, tmp_path):
    sheet, ref = cells["pemilih.dpt"]
    source = build_report(mutate=lambda book: book[sheet].__setitem__(ref, "banyak"))
    out = tmp_path / "out"
    result = runner.invoke(app, ["check", "--format", "json", str(source), "--annotate",
                                 str(out)])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["files"][0]["valid"] is False
    assert "report-koreksi.xlsx" in result.stderr


def test_copies_stay_inside_the_folder_and_never_replace_a_checked_file(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    taken: set[str] = set()
    sources = {(folder / "a.xlsx").resolve(), (folder / "a-koreksi.xlsx").resolve()}
    names = [target_path(Path(p), folder, taken, sources).name for p in (
        "a.xlsx", "lain/a.xlsx", "a-koreksi.xlsx", "../../etc/passwd", r"C:\x\CON.xlsx",
        'tanya?<>:"|*.xlsx', "..xlsx")]
    assert names == ["a-2-koreksi.xlsx", "a-3-koreksi.xlsx", "a-koreksi-koreksi.xlsx",
                     "passwd-koreksi.xlsx", "_CON-koreksi.xlsx", "tanya_-koreksi.xlsx",
                     "xlsx-koreksi.xlsx"]


def test_an_annotated_copy_sent_back_is_annotated_afresh(build_report, cells, tmp_path):
    sheet, ref = cells["kampanye.kegiatan"]
    source = build_report(mutate=lambda book: book[sheet].__setitem__(ref, -3))
    first = annotate(check_file(source, *_context()), tmp_path / "1")
    second = annotate(check_file(first.target, *_context()), tmp_path / "2")
    book = load_workbook(second.target)
    assert book.sheetnames.count(SHEET) == 1 and book.sheetnames[0] == SHEET
    assert comments(book)[(sheet, ref)].count("•") == 1


def test_a_file_changed_after_the_check_is_not_marked(build_report, cells, tmp_path):
    sheet, ref = cells["pemilih.dpt"]
    source = build_report(mutate=lambda book: book[sheet].__setitem__(ref, "banyak"))
    report = check_file(source, *_context())
    source.write_bytes((SAMPLES / "2024-11-18" / "laporan-6401-2024-11-18.xlsx").read_bytes())
    result = annotate(report, tmp_path / "out")
    assert (result.target, result.reason) == (None, "changed")


def test_an_unusable_annotate_folder_stops_before_checking(tmp_path):
    source = FLAWED / "kata-di-kolom-angka.xlsx"
    blocker = tmp_path / "file"
    blocker.write_text("x")
    for folder in (blocker, blocker / "sub"):
        result = runner.invoke(app, ["check", str(source), "--annotate", str(folder)])
        assert result.exit_code == 2 and "TIDAK SAH" not in result.stdout
    assert "bukan folder yang dapat ditulis" in " ".join(result.output.split())


def test_a_cell_inside_a_merged_range_is_marked_on_its_first_cell():
    book = Workbook()
    book.active.title = "Situasi"
    book["Situasi"].merge_cells("B4:D4")
    issue = Issue("error", "required", "Situasi", "C4", params={"label": "Uraian situasi"})
    assert mark_cells(book, [issue, Issue("error", "required", "Hilang", "A1")], "id") == 1
    assert comments(book) == {("Situasi", "B4"): "• 'Uraian situasi' wajib diisi."}
