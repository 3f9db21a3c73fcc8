"""`pilkada template`: the workbook regencies fill in, opened again as Excel would, and checked."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.protection import hash_password
from typer.testing import CliRunner

from pilkada_cli.checking.validate import check_file
from pilkada_cli.cli import app
from pilkada_cli.commands.template import default_name
from pilkada_cli.config import Regency
from pilkada_cli.files import save_workbook
from pilkada_cli.senders.template import GUIDE_SHEET, build_workbook, identity_values, layout

from .conftest import LAST_DAY, SAMPLES

runner = CliRunner()
DAYS = sorted(p.name for p in SAMPLES.glob("2024-*"))


def make(tmp_path: Path, *args: str, name: str = "t.xlsx") -> Path:
    path = tmp_path / name
    result = runner.invoke(app, ["template", *args, "--output", str(path)])
    assert result.exit_code == 0, result.output
    assert str(path) in result.stdout
    return path


def test_template_has_the_schemas_sheets_guide_first_and_the_identity_prefilled(tmp_path, schema):
    path = make(tmp_path, "--regency", "Kukar", "--date", "2024-11-18")
    book = load_workbook(path)
    visible = [ws.title for ws in book.worksheets if ws.sheet_state == "visible"]
    assert visible == [GUIDE_SHEET] + [s.name for s in schema.sheets]
    assert book.active.title == GUIDE_SHEET
    assert [ws.sheet_state for ws in book.worksheets if ws.title not in visible] == ["veryHidden"]
    cells = layout(schema).cells
    sheet, ref = cells["identitas.kabupaten"]
    assert book[sheet][ref].value == "Kabupaten Kutai Kartanegara"
    sheet, ref = cells["identitas.tanggal"]
    assert book[sheet][ref].value == dt.datetime(2024, 11, 18)
    assert book[sheet][ref].number_format == "dd/mm/yyyy"
    sheet, ref = cells["identitas.versi_format"]
    assert book[sheet][ref].value == schema.version
    guide = "\n".join(str(c.value) for row in book[GUIDE_SHEET].iter_rows() for c in row
                      if c.value)
    assert "Cara mengisi" in guide and "Kabupaten Kutai Kartanegara" in guide
    assert "Senin, 18 November 2024" in guide and "18.00 WITA" in guide


def test_labels_are_locked_inputs_open_and_every_sheet_protected(tmp_path, schema):
    book = load_workbook(make(tmp_path, "--regency", "64.01", "--date", "2024-11-18"))
    assert book.security.lockStructure
    assert all(ws.protection.sheet for ws in book.worksheets)
    where = layout(schema)
    for key, (sheet, ref) in where.cells.items():
        assert book[sheet][ref].protection.locked == (key == "identitas.versi_format"), key
    for sheet in schema.sheets:
        ws = book[sheet.name]
        assert ws["A1"].value == sheet.title.id and ws["A1"].protection.locked
        for f in sheet.input_fields:  # each form label sits left of its value
            label = ws[where.cells[f.qualified][1].replace("B", "A")]
            assert label.value.startswith(f.label.id) and label.protection.locked
        if sheet.table is None:
            continue
        if sheet.table.fixed:
            first = f"{sheet.key}.{sheet.table.rows[0][0]}.{sheet.table.input_columns[0].key}"
            first_row = int(re.sub(r"\D", "", where.cells[first][1]))
            assert ws.cell(first_row, 1).protection.locked  # the row label
        else:
            first_row = where.free_rows[sheet.key][1] + 1
            assert not ws.cell(first_row + 5, 1).protection.locked
        header = [c for c in ws[first_row - 1] if c.value]
        assert len(header) >= len(sheet.table.input_columns)
        assert all(c.protection.locked for c in header)


def test_excel_refuses_what_the_schema_refuses_and_says_so_in_indonesian(tmp_path, schema):
    book = load_workbook(make(tmp_path, "--regency", "Kukar", "--date", "2024-11-18"))
    validations = [dv for ws in book.worksheets for dv in ws.data_validations.dataValidation]
    typed = [dv for dv in validations if dv.type]
    assert len(typed) >= 3 and {"list", "whole", "decimal", "date", "time"} <= {
        dv.type for dv in typed}

    def at(key: str):
        sheet, ref = layout(schema).cells[key]
        (dv,) = [dv for dv in book[sheet].data_validations.dataValidation if ref in dv.sqref]
        return dv

    dpt = at("pemilih.dpt")
    assert (dpt.type, dpt.operator, dpt.formula1, dpt.formula2) == (
        "whole", "between", "0", "10000000")
    assert dpt.promptTitle == "DPT (daftar pemilih tetap)"
    assert "Bilangan bulat 0 sampai 10.000.000" in dpt.prompt and "Wajib diisi" in dpt.prompt
    assert dpt.showErrorMessage and "DPT (daftar pemilih tetap)" in dpt.error
    boxes = at("logistik.kotak_suara.diterima")
    assert boxes.promptTitle == "Kotak suara – Diterima" and boxes.operator == \
        "greaterThanOrEqual"
    turnout = at("partisipasi.proyeksi")
    assert (turnout.type, turnout.formula1, turnout.formula2) == ("decimal", "0", "100")
    assert "Persentase 0 sampai 100" in turnout.prompt
    status = at("situasi.status")
    assert status.type == "list" and "Aman, Waspada, Rawan" in status.prompt
    assert _list_items(book, status.formula1) == ["Aman", "Waspada", "Rawan"]
    regency = at("identitas.kabupaten")
    assert _list_items(book, regency.formula1)[2] == "Kabupaten Kutai Kartanegara"
    version = at("identitas.versi_format")
    assert version.type is None and "jangan diubah" in version.prompt
    assert all(len(dv.error or "") <= 225 and len(dv.prompt or "") <= 255
               and len(dv.promptTitle or "") <= 32 for dv in validations)
    # Incidents: one validation per column over all the free rows.
    (category,) = [dv for dv in book["Kejadian"].data_validations.dataValidation
                   if dv.promptTitle == "Kategori"]
    assert str(category.sqref) == "C4:C18"


def _list_items(book, formula: str) -> list[str]:
    sheet, cells = formula.split("!")
    ws = book[sheet.strip("'")]
    return [c.value for row in ws[cells.replace("$", "")] for c in row]


def test_print_setup_widths_and_frozen_headers(tmp_path):
    book = load_workbook(make(tmp_path, "--regency", "Kukar"))
    for ws in book.worksheets[1:-1]:
        assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.fitToWidth == 1
        assert ws.freeze_panes and ws.print_title_rows
        assert ws.column_dimensions["A"].width >= 20
    assert book["Kejadian"].page_setup.orientation == "landscape"
    assert book["Logistik"].freeze_panes == "B7" and book["Logistik"].print_title_rows == "$1:$6"


def test_password_comes_from_the_config(tmp_path):
    config = tmp_path / "pilkada.yaml"
    config.write_text("template_password: 1234\n")
    book = load_workbook(make(tmp_path, "--config", str(config)))
    assert book["Identitas"].protection.password == hash_password("1234")
    assert book.security.workbookPassword == hash_password("1234")
    plain = load_workbook(make(tmp_path, name="plain.xlsx"))
    assert plain["Identitas"].protection.password is None
    assert plain.security.workbookPassword is None


def fill(book, schema, values: dict, tables: dict) -> None:
    """Type a report's values into a template where layout() says they go."""
    where = layout(schema)
    for key, (sheet, ref) in where.cells.items():
        if values.get(key) is not None and key != "identitas.kabupaten":
            book[sheet][ref] = values[key]
    for key, (sheet, first, columns) in where.free_rows.items():
        for i, record in enumerate(tables.get(key, [])):
            for column, col in columns.items():
                book[sheet].cell(first + i + 1, col + 1, record.get(column))


@pytest.mark.parametrize("day", DAYS)
def test_every_sample_typed_into_a_fresh_template_passes_check(tmp_path, schema, config, day):
    files = sorted((SAMPLES / day).glob("*.xlsx"))
    assert len(files) >= 9
    for n, source in enumerate(files):
        original = check_file(source, schema, config)
        assert original.valid, source
        book = build_workbook(schema, config, identity_values(
            schema, original.regency.name, original.date))
        fill(book, schema, original.values, original.tables)
        path = tmp_path / f"{n}.xlsx"
        save_workbook(book, path)
        again = check_file(path, schema, config)
        assert again.issues == [], (source, again.issues)
        assert again.values == original.values and again.tables == original.tables


def test_an_unfilled_template_fails_with_required_errors_at_the_layout_cells(tmp_path, schema):
    path = make(tmp_path, "--regency", "Kukar", "--date", "2024-11-18")
    result = runner.invoke(app, ["check", "--format", "json", str(path)])
    assert result.exit_code == 1
    (entry,) = json.loads(result.stdout)["files"]
    assert entry["regency"]["code"] == "64.03" and entry["date"] == "2024-11-18"
    found = {(i["sheet"], i["cell"]) for i in entry["issues"]}
    assert {i["code"] for i in entry["issues"]} == {"required"}
    cells = layout(schema).cells
    prefilled = {"identitas.kabupaten", "identitas.tanggal"}
    wanted = {cells[k] for k, f in schema.scalar_fields().items()
              if f.required and f.derived is None and k not in prefilled and k in cells}
    assert found == wanted and len(wanted) >= 10


def test_an_english_template_reads_the_same(tmp_path, schema, config):
    path = make(tmp_path, "--lang", "en", "--regency", "Balikpapan", "--date", "2024-11-18")
    book = load_workbook(path)
    assert book["Pemilih"]["A3"].value == "Registered voters (DPT) *"
    assert "How to fill it in" in [c.value for c in book[GUIDE_SHEET]["A"]]
    original = check_file(SAMPLES / "2024-11-18" / "laporan-6471-2024-11-18.xlsx", schema, config)
    fill(book, schema, original.values, original.tables)
    save_workbook(book, path)
    again = check_file(path, schema, config)
    assert again.issues == [] and again.values == original.values


def test_all_writes_one_workbook_per_regency_named_by_code_and_date(tmp_path, config):
    folder = tmp_path / "pagi"
    result = runner.invoke(app, ["template", "--all", "--date", "2024-11-18",
                                 "--output", str(folder)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(f"laporan-{r.code.replace('.', '')}-2024-11-18.xlsx"
                           for r in config.regencies)
    assert "laporan-6403-2024-11-18.xlsx" in names and len(names) == 10
    kukar = load_workbook(folder / "laporan-6403-2024-11-18.xlsx")
    assert kukar["Identitas"]["B3"].value == "Kabupaten Kutai Kartanegara"
    before = hashlib.sha256((folder / names[0]).read_bytes()).hexdigest()
    again = runner.invoke(app, ["template", "--all", "--output", str(folder)])
    assert again.exit_code == 0  # another date: other names
    refused = runner.invoke(app, ["template", "--all", "--date", "2024-11-18",
                                  "--output", str(folder)])
    assert refused.exit_code == 2 and "--force" in refused.output
    assert hashlib.sha256((folder / names[0]).read_bytes()).hexdigest() == before
    forced = runner.invoke(app, ["template", "--all", "--date", "2024-11-18", "--force",
                                 "--output", str(folder)])
    assert forced.exit_code == 0


def test_default_name_comes_from_the_code_and_date_only():
    day = dt.date(2024, 11, 18)
    assert default_name(Regency("64.03", "Kabupaten Kutai Kartanegara"), day) == \
        "laporan-6403-2024-11-18.xlsx"
    assert default_name(Regency("../../etc/x", "Jahat"), day) == "laporan-etcx-2024-11-18.xlsx"
    assert default_name(None, day) == "laporan-2024-11-18.xlsx"


def test_default_output_is_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["template", "-r", "Samarinda", "--date", "2024-11-18"])
    assert result.exit_code == 0
    assert (tmp_path / "laporan-6472-2024-11-18.xlsx").is_file()
    assert "Kota Samarinda" in result.stdout and "Senin, 18 November 2024" in result.stdout


@pytest.mark.parametrize(("args", "words"), [
    (["--regency", "Antah Berantah"], "tidak dikenal"),
    (["--regency", "Kutai"], "tidak dikenal"),
    (["--regency", "Kukar", "--all"], "--all"),
    (["--output", "laporan.xls"], ".xlsx"),
    (["--date", "18/11/2024"], "--date"),
])
def test_bad_options_exit_2_with_a_plain_message(tmp_path, monkeypatch, args, words):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["template", *args])
    assert result.exit_code == 2
    assert words in result.output and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_a_workbook_of_another_schema_version_is_reported_plainly(build_report, cells, schema,
                                                                  config):
    sheet, ref = cells["identitas.versi_format"]
    path = build_report(mutate=lambda book: book[sheet].__setitem__(ref, schema.version + 1))
    report = check_file(path, schema, config, LAST_DAY)
    (issue,) = [i for i in report.issues if i.code == "schema-version"]
    assert (issue.severity, issue.sheet, issue.cell) == ("error", sheet, ref)
    assert f"versi {schema.version + 1}" in issue.message("id")
    assert "pilkada template" in issue.message("id")
    assert f"version {schema.version + 1}" in issue.message("en")
