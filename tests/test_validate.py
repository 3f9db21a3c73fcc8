"""Validation of whole workbooks: samples pass, flaws are found at their cells, messy
layouts are read."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from pilkada_cli.checking.validate import check_file

from .conftest import FLAWED, LAST_DAY, SAMPLES, issue_tuples

DAYS = sorted(p for p in SAMPLES.iterdir() if p.name[:4].isdigit())


@pytest.mark.parametrize("folder", DAYS, ids=lambda p: p.name)
def test_every_dated_sample_is_valid_and_identified(folder, config, schema):
    reports = [check_file(p, schema, config) for p in sorted(folder.glob("*.xlsx"))]
    assert all(r.valid for r in reports), [(r.path.name, issue_tuples(r)) for r in reports]
    assert {r.date for r in reports} == {dt.date.fromisoformat(folder.name)}
    codes = sorted(r.regency.code for r in reports)
    expected = sorted(r.code for r in config.regencies)
    if folder.name == LAST_DAY.isoformat():
        expected.remove("64.11")  # Mahakam Ulu has not reported on the last day
    assert codes == expected


def test_flawed_samples_give_exactly_their_golden_errors(config, schema):
    expected = json.loads((FLAWED / "expected.json").read_text(encoding="utf-8"))
    assert len(expected) >= 15
    for name, spec in expected.items():
        report = check_file(FLAWED / name, schema, config)
        errors = [[i.sheet, i.cell, i.code] for i in report.errors]
        assert errors == spec["errors"], name


def test_the_generator_writes_the_flawed_samples_beside_the_week(tmp_path, monkeypatch):
    from pilkada_cli.senders import samples

    weeks = []
    monkeypatch.setattr(samples, "write_week", lambda folder, *_: weeks.append(folder))
    samples.main([str(tmp_path / "sample_reports")])
    assert weeks == [tmp_path / "sample_reports"]  # the week alone: a compile reads no test file
    written = sorted(p.name for p in (tmp_path / "flawed_reports").iterdir())
    assert written == sorted(p.name for p in FLAWED.iterdir())
    for name in written:  # deterministic: the same bytes as the checked-in files
        assert (tmp_path / "flawed_reports" / name).read_bytes() == (FLAWED / name).read_bytes()


def test_values_are_typed_and_percentages_derived(build_report, config, schema):
    report = check_file(build_report("64.72"), schema, config)
    values = report.values
    assert report.regency.name == "Kota Samarinda"
    assert isinstance(values["pemilih.dpt"], int)
    assert values["identitas.tanggal"] == LAST_DAY
    assert values["pemilih.ektp_persen"] == pytest.approx(
        100 * values["pemilih.ektp_terekam"] / values["pemilih.ektp_target"])
    assert values["logistik.kotak_suara.persen_distribusi"] == pytest.approx(
        100 * values["logistik.kotak_suara.didistribusikan"]
        / values["logistik.kotak_suara.kebutuhan"])
    assert report.cells["pemilih.dpt"] == ("Pemilih", "B3")
    assert isinstance(report.tables["kejadian"], list)


def _swap_columns(ws, a: int, b: int) -> None:
    for row in ws.iter_rows(min_row=2):
        row[a - 1].value, row[b - 1].value = row[b - 1].value, row[a - 1].value


def test_reordered_columns_are_read_by_their_header(build_report, config, schema):
    plain = check_file(build_report(name="plain.xlsx"), schema, config)
    path = build_report(mutate=lambda book: _swap_columns(book["Logistik"], 3, 4),
                        name="moved.xlsx")
    report = check_file(path, schema, config)
    assert report.valid
    assert report.values == plain.values
    assert ("warning", "Logistik", "D6", "column-moved") in issue_tuples(report)


def test_blank_rows_columns_and_extra_columns_are_tolerated(build_report, config, schema):
    plain = check_file(build_report(name="plain.xlsx"), schema, config)

    def mess(book):
        for name in ("Pemilih", "Logistik", "Kejadian"):
            ws = book[name]
            ws.unmerge_cells(next(iter(ws.merged_cells.ranges)).coord)
            ws.insert_rows(2, 3)
            ws.insert_cols(1, 2)
            ws.merge_cells("C1:F1")
        book["Logistik"]["H9"] = "Keterangan"
        book["Logistik"]["H10"] = "catatan bebas"

    report = check_file(build_report(mutate=mess, name="messy.xlsx"), schema, config)
    assert report.valid, issue_tuples(report)
    assert report.values == plain.values
    assert report.tables == plain.tables
    assert report.cells["pemilih.dpt"] == ("Pemilih", "D6")
    assert ("warning", "Logistik", "H9", "extra-column") in issue_tuples(report)


def test_sheet_names_in_other_case_and_spacing(build_report, config, schema):
    def rename(book):
        book["Logistik"].title = "  LOGISTIK "
        book["Pemilih"].title = "4. Pemilih"

    report = check_file(build_report(mutate=rename), schema, config)
    assert report.valid
    assert ("warning", "  LOGISTIK ", None, "sheet-name") in issue_tuples(report)
    assert ("warning", "4. Pemilih", None, "sheet-name") in issue_tuples(report)


def test_text_numbers_nil_and_text_dates_are_warnings(build_report, config, schema, cells):
    def type_by_hand(book):
        for key, value in (("pemilih.dpt", "560.000"), ("kampanye.pelanggaran", "nihil"),
                           ("identitas.tanggal", "Senin, 18 Nopember 2024"),
                           ("identitas.kabupaten", "Kab. Kukar"),
                           ("partisipasi.proyeksi", "79,4")):
            sheet, ref = cells[key]
            book[sheet][ref] = value

    report = check_file(build_report(mutate=type_by_hand), schema, config)
    assert report.valid
    assert report.values["pemilih.dpt"] == 560000
    assert report.values["kampanye.pelanggaran"] == 0
    assert report.values["partisipasi.proyeksi"] == 79.4
    assert report.date == LAST_DAY and report.regency.code == "64.03"
    assert {i.code for i in report.warnings} == {
        "number-as-text", "nil-as-zero", "date-as-text", "regency-spelling"}


@pytest.mark.parametrize(("changes", "cells_named"), [
    ({"pemilih.ektp_terekam": 5000, "pemilih.ektp_target": 4000, "pemilih.ektp_belum": -1000},
     ["Pemilih!B6", "Pemilih!B5"]),
    ({"logistik.tps_terdistribusi": 900, "logistik.jumlah_tps": 800},
     ["Logistik!B4", "Logistik!B3"]),
    ({"logistik.tinta.didistribusikan": 50, "logistik.tinta.diterima": 40},
     ["Logistik!D11", "Logistik!C11"]),
    ({"netralitas.kpu.dilaporkan": 1, "netralitas.kpu.diproses": 1, "netralitas.kpu.selesai": 1},
     ["Netralitas!C5", "Netralitas!D5", "Netralitas!B5"]),
])
def test_rules_name_every_cell_involved(build_report, config, schema, cells, changes, cells_named):
    def change(book):
        for key, value in changes.items():
            sheet, ref = cells[key]
            book[sheet][ref] = value

    report = check_file(build_report(mutate=change), schema, config)
    rules = [i for i in report.errors if i.code == "rule"]
    assert len(rules) == 1
    assert list(rules[0].cells) == cells_named
    for cell in cells_named:
        assert cell in rules[0].message("id")


def test_formula_without_saved_result_is_an_error_never_zero(build_report, config, schema, cells):
    sheet, ref = cells["kampanye.kegiatan"]
    path = build_report(mutate=lambda book: book[sheet].__setitem__(ref, "=1+1"))
    report = check_file(path, schema, config)
    assert ("error", sheet, ref, "formula-no-value") in issue_tuples(report)
    assert report.values["kampanye.kegiatan"] is None
    assert "Excel" in report.errors[0].message("id")


def test_missing_required_value_names_its_cell(build_report, config, schema, cells):
    sheet, ref = cells["pemilih.dpt"]
    path = build_report(mutate=lambda book: book[sheet].__setitem__(ref, None))
    report = check_file(path, schema, config)
    assert issue_tuples(report) == [("error", sheet, ref, "required")]


def test_a_hidden_sheet_is_read_and_sent_back(build_report, config, schema):
    def hide(book):
        book["Kampanye"].sheet_state = "hidden"

    report = check_file(build_report(mutate=hide), schema, config)
    # The sender cannot see what a hidden sheet holds: it goes back to be looked at.
    assert ("error", "Kampanye", None, "hidden-sheet") in issue_tuples(report)
    assert report.values["kampanye.kegiatan"] is not None


def test_other_schema_version_is_reported(build_report, config, schema, cells):
    sheet, ref = cells["identitas.versi_format"]
    report = check_file(build_report(mutate=lambda b: b[sheet].__setitem__(ref, 7)), schema, config)
    assert ("error", sheet, ref, "schema-version") in issue_tuples(report)
    assert "versi 7" in report.errors[0].message("id")


def test_messages_in_both_languages(build_report, config, schema, cells):
    sheet, ref = cells["logistik.kotak_suara.diterima"]
    report = check_file(build_report(mutate=lambda b: b[sheet].__setitem__(ref, "seratus")),
                        schema, config)
    (issue,) = report.errors
    assert issue.message("id") == "'Kotak suara – Diterima': 'seratus' bukan bilangan bulat."
    assert issue.message("en") == "'Ballot boxes – Received': 'seratus' is not a whole number."


def test_a_phone_typed_as_a_number_keeps_its_zero_and_the_report(build_report, config, schema,
                                                                  cells):
    sheet, ref = cells["identitas.telepon"]
    report = check_file(build_report(mutate=lambda b: b[sheet].__setitem__(ref, 81251002000)),
                        schema, config)
    assert report.valid
    assert issue_tuples(report) == [("warning", sheet, ref, "phone-as-number")]
    assert report.values["identitas.telepon"] == "081251002000"
    assert "dibaca 081251002000" in report.warnings[0].message("id")


def test_a_percentage_typed_with_a_percent_sign_is_read_as_meant(build_report, config, schema,
                                                                  cells):
    sheet, ref = cells["partisipasi.proyeksi"]

    def typed_as_percent(book):
        book[sheet][ref] = 0.794  # what Excel stores when "79,4%" is typed
        book[sheet][ref].number_format = "0.0%"

    report = check_file(build_report(mutate=typed_as_percent), schema, config)
    assert report.valid
    assert report.values["partisipasi.proyeksi"] == pytest.approx(79.4)
    assert issue_tuples(report) == [("warning", sheet, ref, "percent-cell")]
    assert "dibaca 79,4%" in report.warnings[0].message("id")


def test_a_workbook_of_another_kind_gets_one_plain_error(tmp_path, config, schema):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Sheet1"
    book.active["A1"] = "Daftar hadir rapat"
    path = tmp_path / "lain.xlsx"
    book.save(path)
    report = check_file(path, schema, config)
    assert issue_tuples(report) == [("error", None, None, "not-a-report")]
    assert "bukan laporan harian" in report.errors[0].message("id")
    assert "'Sheet1'" in report.errors[0].message("en")
