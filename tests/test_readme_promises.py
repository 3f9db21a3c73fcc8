"""The README's promises, kept: each line of "What is accepted with a warning" is a real
workbook, written and checked; the config example's limits are the defaults."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import Workbook

from pilkada_cli.checking.validate import check_file
from pilkada_cli.config import DEFAULTS
from pilkada_cli.senders.template import layout

from .conftest import issue_tuples

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def warning_lines() -> list[str]:
    """The README's list of what is read with a warning, one entry per line of the list."""
    part = README.split("What is accepted with a warning", 1)[1].split("\n\n", 2)[1]
    return [" ".join(item.split()) for item in re.split(r"\n- ", "\n" + part)[1:]]


def put(values: dict[str, Any]) -> Callable[[Workbook, Any], None]:
    """Type these values into the fields' cells of the template's layout."""
    def change(book: Workbook, schema: Any) -> None:
        cells = layout(schema).cells
        for key, value in values.items():
            sheet, ref = cells[key]
            book[sheet][ref] = value
    return change


def as_percent(book: Workbook, schema: Any) -> None:
    sheet, ref = layout(schema).cells["partisipasi.proyeksi"]
    book[sheet][ref] = 0.794  # what Excel stores when "79,4%" is typed into the cell
    book[sheet][ref].number_format = "0.0%"


def as_serial(book: Workbook, schema: Any) -> None:
    sheet, ref = layout(schema).cells["identitas.tanggal"]
    book[sheet][ref] = 45614  # 18 November 2024, in a cell not formatted as a date
    book[sheet][ref].number_format = "General"


def incident_time(text: str) -> Callable[[Workbook, Any], None]:
    def change(book: Workbook, schema: Any) -> None:
        sheet, first, columns = layout(schema).free_rows["kejadian"]
        book[sheet].cell(first + 1, columns["waktu"] + 1, text)
    return change


def rearranged(book: Workbook, schema: Any) -> None:
    """Blank rows above one sheet, a blank column left of another, two columns swapped, an
    extra column, a row of the sender's own, a sheet renamed in capitals."""
    pemilih, logistik = book["Pemilih"], book["Logistik"]
    for ws in (pemilih, logistik):
        for merged in list(ws.merged_cells.ranges):
            ws.unmerge_cells(merged.coord)
    pemilih.insert_rows(1, 2)
    header = int(layout(schema).cells["logistik.surat_suara_gubernur.kebutuhan"][1][1:]) - 1
    for row in logistik.iter_rows(min_row=header):  # Diterima and Didistribusikan swapped
        row[2].value, row[3].value = row[3].value, row[2].value
    last = logistik.max_row + 1
    logistik.cell(last, 1, "Spanduk sosialisasi")
    logistik.cell(last, 2, 40)
    logistik.cell(header, logistik.max_column + 1, "Catatan")
    logistik.insert_cols(1)
    book["Kampanye"].title = " KAMPANYE "


# (the README line it tests, by its first words; the change; warnings wanted; values read)
CASES = [
    ("regency names", put({"identitas.kabupaten": " KAB.\u00a0KUKAR "}),
     {"regency-spelling"}, {"identitas.kabupaten": "64.03"}),
    ("regency names", put({"identitas.kabupaten": "64.03"}),
     {"regency-spelling"}, {"identitas.kabupaten": "64.03"}),
    ("numbers typed as text", put({"pemilih.dpt": "560.000", "partisipasi.proyeksi": "79,4%",
                                   "kampanye.pelanggaran": "-"}),
     {"number-as-text", "nil-as-zero"},
     {"pemilih.dpt": 560_000, "partisipasi.proyeksi": 79.4, "kampanye.pelanggaran": 0}),
    ("numbers typed as text", as_percent, {"percent-cell"}, {"partisipasi.proyeksi": 79.4}),
    ("dates as text", put({"identitas.tanggal": "Senin, 18 Nopember 2024"}),
     {"date-as-text"}, {"identitas.tanggal": dt.date(2024, 11, 18)}),
    ("dates as text", put({"identitas.tanggal": "18/11/2024"}),
     {"date-as-text"}, {"identitas.tanggal": dt.date(2024, 11, 18)}),
    ("dates as text", as_serial,
     {"date-serial"}, {"identitas.tanggal": dt.date(2024, 11, 18)}),
    ("times typed as text", incident_time("13.30"), {"time-as-text"}, {}),
    ("times typed as text", incident_time("13:30 WITA"), {"time-as-text"}, {}),
    ("phone numbers typed as numbers", put({"identitas.telepon": 81234567890}),
     {"phone-as-number"}, {"identitas.telepon": "081234567890"}),
    ("choices in other case", put({"situasi.status": "rawan "}),
     {"choice-spelling"}, {"situasi.status": "Rawan"}),
    ("choices in other case", put({"situasi.status": "Aman/kondusif"}),
     {"choice-spelling"}, {"situasi.status": "Aman"}),
    ("blank rows above", rearranged,
     {"blank-rows", "blank-columns", "column-moved", "extra-column", "unknown-row",
      "sheet-name"}, {}),
]


def test_every_line_of_the_list_has_a_case_and_every_case_a_line():
    lines = warning_lines()
    assert len(lines) == 7
    starts = {start for start, *_ in CASES}
    assert [any(line.startswith(s) for s in starts) for line in lines] == [True] * len(lines)
    assert all(any(line.startswith(s) for line in lines) for s in starts)


@pytest.mark.parametrize(("line", "change", "wanted", "read"), CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_what_the_readme_says_is_read_with_a_warning_is(build_report, config, schema, line,
                                                        change, wanted, read):
    plain = check_file(build_report(name="plain.xlsx"), schema, config)
    report = check_file(build_report(mutate=lambda book: change(book, schema)), schema, config)
    assert report.valid, issue_tuples(report)
    assert {i.code for i in report.warnings} == wanted
    expected = {**plain.values, **read}
    assert {k: v for k, v in report.values.items() if k in read} == read
    if line != "numbers typed as text":  # the others change how a figure is typed, not it
        assert report.values == expected
    assert report.tables == plain.tables or line == "times typed as text"
    if line == "times typed as text":
        assert report.tables["kejadian"][0]["waktu"] == dt.time(13, 30)


def test_the_time_typed_as_text_warning_says_what_was_read(build_report, config, schema):
    report = check_file(build_report(mutate=lambda b: incident_time("13.30")(b, schema)),
                        schema, config)
    (warning,) = report.warnings
    assert warning.message("id") == \
        "'Waktu': jam diketik sebagai teks '13.30', dibaca 13.30. Format sel sebagai jam."
    assert warning.message("en").endswith("read as 13:30. Format the cell as a time.")


def test_blank_rows_at_the_top_of_a_sheet_are_counted(build_report, config, schema):
    def blank_rows(book: Workbook) -> None:
        ws = book["Situasi"]
        ws.unmerge_cells(next(iter(ws.merged_cells.ranges)).coord)
        ws.insert_rows(1, 3)

    report = check_file(build_report(mutate=blank_rows), schema, config)
    assert issue_tuples(report) == [("warning", "Situasi", None, "blank-rows")]
    assert report.warnings[0].message("id") == \
        "Lembar 'Situasi': 3 baris kosong di atas isian; isian dibaca menurut labelnya."


def test_one_comma_and_three_digits_is_refused_saying_why_and_how_to_type_it(
        build_report, config, schema):
    report = check_file(build_report(mutate=lambda b: put({"pemilih.dpt": "1,234"})(b, schema)),
                        schema, config)
    assert issue_tuples(report) == [("error", "Pemilih", "B3", "type-error")]
    assert report.errors[0].message("id") == (
        "'DPT (daftar pemilih tetap)': '1,234' bukan bilangan bulat yang jelas: dapat dibaca "
        "1.234 (ribuan) atau 1,234 (desimal). Ketik angkanya tanpa pemisah ribuan, misalnya "
        "1234.")
    assert "1,234 (thousands) or 1.234 (a decimal)" in report.errors[0].message("en")


def test_the_config_example_has_the_default_limits():
    example = README.split("## Configuration: `pilkada.yaml`", 1)[1].split("```yaml\n", 1)[1]
    example = example.split("\n```", 1)[0]
    limits = yaml.safe_load(example)["limits"]
    assert limits == DEFAULTS["limits"]
