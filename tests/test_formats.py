""".ods, .xls and .xlsb reports are read as their .xlsx twins are, field by field.

The twins in tests/formats/ were made once by LibreOffice from the sample reports of
18 November 2024 (scripts/make_format_fixtures.py); they live outside sample_reports/
so that the compiled samples (and the golden briefing) stay as they are.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from pilkada_cli.checking.model import Report
from pilkada_cli.checking.validate import check_file
from pilkada_cli.cli import app
from pilkada_cli.config import Config
from pilkada_cli.reader.workbook import UnreadableWorkbook, read_workbook

from .hostile import FORMATS, ODS, edited_ods, xlsb_file

DAY = dt.date(2024, 11, 18)
SAMPLES = Path(__file__).resolve().parent.parent / "sample_reports" / "2024-11-18"
TWINS = sorted(p for p in FORMATS.iterdir() if p.suffix in (".ods", ".xls")
               and (SAMPLES / (p.stem + ".xlsx")).exists())
KINDS = {".ods": "OpenDocument (.ods)", ".xls": "Excel 97-2003 (.xls)"}
runner = CliRunner()


def issue_rows(report: Report) -> list[tuple[Any, ...]]:
    """Every issue as the user and the JSON see it, in both languages."""
    return [(i.severity, i.code, i.sheet, i.cell, i.field, i.value, i.cells, i.message("id"),
             i.message("en")) for i in report.issues]


def test_there_is_an_ods_and_an_xls_twin_of_two_samples() -> None:
    assert sorted(p.suffix for p in TWINS) == [".ods", ".ods", ".xls", ".xls"]


@pytest.mark.parametrize("twin", TWINS, ids=lambda p: p.name)
def test_a_twin_gives_the_same_report_as_its_xlsx(twin: Path, schema, config: Config) -> None:
    original = check_file(SAMPLES / (twin.stem + ".xlsx"), schema, config, DAY)
    report = check_file(twin, schema, config, DAY)
    assert report.regency == original.regency and report.date == original.date
    assert report.values == original.values
    assert {k: type(v) for k, v in report.values.items()} == \
        {k: type(v) for k, v in original.values.items()}
    assert report.tables == original.tables
    assert report.cells == original.cells  # Sheet!C7 whatever the format
    first, *rest = issue_rows(report)
    assert rest == issue_rows(original)
    assert first[:4] == ("warning", "not-xlsx", None, None)
    assert KINDS[twin.suffix] in first[7] and "bukan Excel Workbook (.xlsx)" in first[7]
    assert report.valid and original.issues  # the messy samples have warnings to compare


def test_the_content_decides_never_the_name(tmp_path: Path, schema, config: Config) -> None:
    disguised = tmp_path / "laporan.xlsx"
    shutil.copyfile(ODS, disguised)
    report = check_file(disguised, schema, config, DAY)
    assert report.issues[0].code == "not-xlsx" and "(.ods)" in report.issues[0].message()
    real = tmp_path / "laporan.ods"
    shutil.copyfile(SAMPLES / "laporan-6401-2024-11-18.xlsx", real)
    assert check_file(real, schema, config, DAY).issues == []


def test_what_an_xls_hides_is_reported_at_its_cell(schema, config: Config) -> None:
    report = check_file(FORMATS / "lap harian KUBAR 18-11-2024 tersembunyi.xls", schema,
                        config, DAY)
    found = {(i.code, i.sheet, i.cell) for i in report.issues}
    assert {("formula-error", "Pemilih", "B3"), ("hidden-cells", "Logistik", "C9"),
            ("hidden-sheet", "Kampanye", None), ("merged-cell", "Logistik", "D10"),
            ("percent-cell", "Partisipasi", "B3")} <= found
    assert next(i for i in report.issues if i.code == "formula-error").value == "#DIV/0!"
    assert report.values["partisipasi.proyeksi"] == pytest.approx(79.9)


# The DPT cell of the Kutai Barat .ods twin, and the row of its ballot boxes.
DPT = ('office:value-type="float" office:value="122000" calcext:value-type="float">'
       "<text:p>122,000</text:p>")
BOXES = '<table:table-row table:style-name="ro1">(<table:table-cell [^>]*><text:p>Kotak suara)'
ODS_EDITS = {
    "formula-no-value": ((DPT, 'table:formula="of:=[.B4]*2">'),),
    "formula-error": ((DPT, 'table:formula="of:=[.B4]/0" office:value-type="string" '
                            'office:string-value="" calcext:value-type="error">'
                            "<text:p>#DIV/0!</text:p>"),),
    "hidden-cells": ((BOXES, r'<table:table-row table:visibility="collapse">\1'),),
    "hidden-sheet": (
        ("<office:automatic-styles>", '<office:automatic-styles><style:style '
         'style:name="tahid" style:family="table"><style:table-properties '
         'table:display="false"/></style:style>'),
        ('<table:table table:name="Logistik" table:style-name="[^"]*"',
         '<table:table table:name="Logistik" table:style-name="tahid"')),
    "merged-cell": (
        (r'(content-validation-name="val34")', r'\1 table:number-columns-spanned="2"'),
        (r'<table:table-cell ([^>]*val41[^>]*)>(.*?)</table:table-cell>',
         r"<table:covered-table-cell \1>\2</table:covered-table-cell>")),
    "percent-cell": ((r'office:value-type="float" office:value="79.9"',
                      'office:value-type="percentage" office:value="0.799"'),),
}
ODS_WHERE = {"formula-no-value": ("Pemilih", "B3"), "formula-error": ("Pemilih", "B3"),
             "hidden-cells": ("Logistik", "B9"), "hidden-sheet": ("Logistik", None),
             "merged-cell": ("Logistik", "C9"), "percent-cell": ("Partisipasi", "B3")}


@pytest.mark.parametrize("code", ODS_EDITS)
def test_what_an_ods_hides_is_reported_at_its_cell(code: str, tmp_path: Path, schema,
                                                   config: Config) -> None:
    report = check_file(edited_ods(tmp_path / f"{code}.ods", *ODS_EDITS[code]), schema,
                        config, DAY)
    sheet, cell = ODS_WHERE[code]
    assert (code, sheet, cell) in {(i.code, i.sheet, i.cell) for i in report.issues}
    if code == "merged-cell":
        assert "B9:C9" in next(i for i in report.issues if i.code == code).message()
    if code == "percent-cell":
        assert report.values["partisipasi.proyeksi"] == pytest.approx(79.9)


def test_an_xlsb_is_read_at_its_addresses(tmp_path: Path, config: Config) -> None:
    path = xlsb_file(tmp_path / "biner.xlsb", [(2, 1, 212000.0), (4, 0, 7.0)], (2, 4, 0, 1))
    book = read_workbook(path, config.limits)
    (sheet,) = book.sheets
    assert book.kind == "xlsb" and sheet.name == "Pemilih"
    assert sheet.value(2, 1) == 212000.0 and sheet.value(4, 0) == 7.0
    assert sheet.value(0, 0) == ""


def test_the_limits_bound_a_twin_as_any_workbook(tmp_path: Path, config: Config) -> None:
    from dataclasses import replace

    small = replace(config.limits, max_rows=5)
    for twin in TWINS:
        with pytest.raises(UnreadableWorkbook) as refused:
            read_workbook(twin, small)
        assert refused.value.code == "sheet-too-large"


def test_check_json_names_the_format(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", "--format", "json", *map(str, TWINS)])
    assert result.exit_code == 0, result.output
    files = json.loads(result.stdout)["files"]
    assert [f["issues"][0]["code"] for f in files] == ["not-xlsx"] * len(TWINS)
    assert all(f["valid"] and f["issues"][0]["severity"] == "warning" for f in files)


@pytest.mark.parametrize("twin", [t for t in TWINS if "Kukar" in t.name], ids=lambda p: p.suffix)
def test_the_marked_copy_is_an_xlsx(twin: Path, tmp_path: Path) -> None:
    out = tmp_path / "koreksi"
    result = runner.invoke(app, ["check", str(twin), "--annotate", str(out)])
    assert result.exit_code == 0, result.output
    (copy,) = out.iterdir()
    assert copy.name == "Laporan Kukar 18 nov FINAL revisi2-koreksi.xlsx"
    book = load_workbook(copy)
    assert book.sheetnames[0] == "Koreksi" and "Pemilih" in book.sheetnames
    cell = book["Pemilih"]["B3"]
    assert cell.value == "560.000" and "560.000" in cell.comment.text
    assert book["Identitas"]["B4"].value == dt.datetime(2024, 11, 18)
    assert "A1:B1" in {str(r) for r in book["Identitas"].merged_cells.ranges}
    listed = [row[4] for row in book["Koreksi"].iter_rows(min_row=8, values_only=True)]
    assert any("bukan Excel Workbook (.xlsx)" in (text or "") for text in listed)


def test_compile_counts_a_twin_as_its_xlsx(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(Config, "today", lambda self: DAY)
    recaps = {}
    for kind in ("xlsx", ".ods", ".xls"):
        inbox = tmp_path / kind / "2024-11-18"
        shutil.copytree(SAMPLES, inbox)
        if kind != "xlsx":
            for twin in (t for t in TWINS if t.suffix == kind):
                (inbox / (twin.stem + ".xlsx")).unlink()
                shutil.copyfile(twin, inbox / twin.name)
        out = tmp_path / kind / "out"
        result = runner.invoke(app, ["compile", str(inbox), "--date", "2024-11-18",
                                     "--out", str(out), "--format", "json", "--no-record"])
        assert result.exit_code == 0, result.output
        recap = json.loads((out / "2024-11-18" / "rekap-2024-11-18.json").read_text())
        # The twins' rows name their own file, with one warning more (the format).
        twins = {t.name for t in TWINS if t.suffix == kind}
        rows = [{**row, "file": None, "warnings": row.get("warnings", 0) - (
            row.get("file") in twins)} for row in recap["regencies"]]
        recaps[kind] = (recap["totals"], recap["reporting"], rows)
        assert twins <= {row.get("file") for row in recap["regencies"]}
    assert recaps[".ods"] == recaps["xlsx"] == recaps[".xls"]
