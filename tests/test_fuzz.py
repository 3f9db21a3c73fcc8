"""Random damage to a valid report never raises, never hangs, and always gives a report.

Mutations of the file's bytes, of one worksheet's XML (re-zipped, so the damage
reaches the XML reader rather than stopping at the zip's checksums), and random cell
values written with openpyxl. And the property issue 2 asked for: whatever text lands
in a numeric cell, check reads the number the sender meant or reports an error at that
very cell.
"""

from __future__ import annotations

import io
import json
import random
import re
import unicodedata
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pilkada_cli.checking.model import ERROR, Report
from pilkada_cli.checking.schema import load_schema
from pilkada_cli.checking.validate import check_file
from pilkada_cli.checking.values import NIL_WORDS
from pilkada_cli.config import load_config
from pilkada_cli.names import clean_text
from pilkada_cli.reader.sheetxml import Budget, column_name, scan_sheet

from .hostile import DPT_CELL, PEMILIH, SAMPLE, members, run_check, write_zip

CONFIG = load_config(None)
SCHEMA = load_schema(None)
ORIGINAL = SAMPLE.read_bytes()
PARTS = members()
FUZZ = settings(max_examples=120, deadline=timedelta(seconds=3), derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


def checked(path: Path) -> Report:
    """check_file, with what every report must satisfy whatever the input."""
    report = check_file(path, SCHEMA, CONFIG)
    document = json.loads(json.dumps(report.to_json("id")))
    assert document["path"] == str(path)
    assert all(issue["message"] for issue in document["issues"])
    assert "internal-error" not in [i.code for i in report.issues], report.issues
    if not report.valid:
        assert any(i.severity == ERROR for i in report.issues)
    return report


# -- byte mutations -------------------------------------------------------------------------------
mutation = st.tuples(st.sampled_from(["flip", "insert", "delete", "truncate"]),
                     st.floats(0, 1, exclude_max=True), st.binary(min_size=1, max_size=16))


def mutate(data: bytes, steps: list[tuple[str, float, bytes]]) -> bytes:
    out = bytearray(data)
    for kind, where, payload in steps:
        at = int(where * len(out)) if out else 0
        if kind == "flip" and out:
            out[at] ^= payload[0] or 1
        elif kind == "insert":
            out[at:at] = payload
        elif kind == "delete":
            del out[at:at + len(payload)]
        elif kind == "truncate":
            del out[at:]
    return bytes(out)


@FUZZ
@given(steps=st.lists(mutation, min_size=1, max_size=6))
def test_mutated_file_bytes_give_a_report(steps, tmp_path: Path) -> None:
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(mutate(ORIGINAL, steps))
    checked(path)


@FUZZ
@given(steps=st.lists(mutation, min_size=1, max_size=6))
def test_mutated_sheet_xml_gives_a_report(steps, tmp_path: Path) -> None:
    path = write_zip(tmp_path / "xml-rusak.xlsx",
                     {**PARTS, PEMILIH: mutate(PARTS[PEMILIH], steps)})
    checked(path)


# -- random cell values ---------------------------------------------------------------------------
INPUT_CELLS = [("Identitas", f"B{r}") for r in range(3, 9)] + \
    [("Pemilih", f"B{r}") for r in range(3, 8)] + \
    [("Logistik", f"{c}{r}") for c in "BCD" for r in range(7, 14)] + \
    [("Situasi", "B3"), ("Situasi", "B4"), ("Partisipasi", "B3"), ("Kejadian", "C4")]
text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
cell_value = st.one_of(
    st.none(), text, st.integers(-10**12, 10**12), st.floats(allow_nan=False),
    st.booleans(), st.dates(date(1900, 3, 1), date(2100, 1, 1)),
    st.datetimes(datetime(1900, 3, 1), datetime(2100, 1, 1)), st.times(),
    st.sampled_from(["=SUM(B4:B5)", "=1/0", "=A1", "nihil", "-", "1.234.567", "0812 5100 2000",
                     "18 Nopember 2024", "Kab. Paser", "  ", "Aman"]))


@settings(FUZZ, max_examples=30)
@given(changes=st.lists(st.tuples(st.sampled_from(INPUT_CELLS), cell_value), min_size=1,
                        max_size=8))
def test_random_cell_values_give_a_report(changes, tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(ORIGINAL))
    for (sheet, cell), value in changes:
        book[sheet][cell] = value
    path = tmp_path / "isian-acak.xlsx"
    book.save(path)
    checked(path)


# -- issue 2: text in a numeric cell -------------------------------------------------------------
def with_dpt_text(tmp_path: Path, typed: str) -> Path:
    cell = f'<c r="B3" t="inlineStr"><is><t xml:space="preserve">{escape(typed)}</t></is></c>'
    sheet = PARTS[PEMILIH].decode().replace(DPT_CELL, cell)
    return write_zip(tmp_path / "dpt-teks.xlsx", {**PARTS, PEMILIH: sheet.encode()})


def dpt_outcome(report: Report) -> tuple[bool, object]:
    """(an error at Pemilih!B3, the DPT read)."""
    error = any(i.severity == ERROR and (i.sheet, i.cell) == ("Pemilih", "B3")
                for i in report.issues)
    return error, report.values.get("pemilih.dpt")


SPACES = st.sampled_from(["", " ", "\u00a0", "  "])


@st.composite
def typed_number(draw: st.DrawFn) -> tuple[int, str, bool]:
    """A count as people type it: (the number meant, the text, whether it is unambiguous)."""
    number = draw(st.integers(0, 10_000_000))
    style = draw(st.sampled_from(["plain", "dots", "spaces", "commas"]))
    if style == "plain":
        body = str(number)
    elif style == "dots":
        body = f"{number:,}".replace(",", ".")
    elif style == "spaces":
        body = f"{number:,}".replace(",", " ")
    else:
        body = f"{number:,}"
    unambiguous = style != "commas" or number < 1000
    return number, draw(SPACES) + body + draw(SPACES), unambiguous


@settings(FUZZ, max_examples=80)
@given(typed=typed_number())
def test_a_number_typed_as_text_is_read_as_meant(typed, tmp_path: Path) -> None:
    number, text_typed, unambiguous = typed
    error, value = dpt_outcome(checked(with_dpt_text(tmp_path, text_typed)))
    if unambiguous:
        assert (error, value) == (False, number), text_typed
    else:  # "1,234" may be Indonesian for 1.234: read as meant or refused, never guessed
        assert error or value == number, text_typed


def consistent(typed: str, value: int) -> bool:
    """Could `typed` mean `value`? Its digits are the value's, apart from leading zeros and
    a decimal part of zeros ("12,0"); a nil word means 0."""
    if value == 0 and clean_text(typed).casefold() in NIL_WORDS:
        return True
    digits = "".join(str(unicodedata.decimal(ch)) for ch in typed
                     if unicodedata.decimal(ch, None) is not None).lstrip("0") or "0"
    head = str(abs(value)).lstrip("0") or "0"
    if (value < 0) != ("-" in typed):
        return False
    if digits == head:
        return True
    zeros = len(digits) - len(head)
    return digits.startswith(head) and zeros > 0 and bool(
        re.search(rf"[.,]0{{{zeros}}}\s*$", clean_text(typed)))


@settings(FUZZ, max_examples=80)
@given(typed=text.filter(lambda t: t.strip()))
def test_any_text_in_a_numeric_cell_is_read_as_meant_or_refused_there(typed: str,
                                                                      tmp_path: Path) -> None:
    error, value = dpt_outcome(checked(with_dpt_text(tmp_path, typed)))
    assert error or (isinstance(value, int) and consistent(typed, value)), (typed, value)


# -- the scanner and calamine agree on where cells land ------------------------------------------
CELL_XML = {"bare": "<c{r}/>", "empty": "<c{r}></c>", "blank": "<c{r}> </c>",
            "value": "<c{r}><v>7</v></c>", "text": '<c{r} t="inlineStr"><is><t>x</t></is></c>',
            "formula": "<c{r}><f>1+1</f></c>"}
grid_rows = st.lists(st.tuples(
    st.none() | st.integers(1, 60),
    st.lists(st.tuples(st.none() | st.tuples(st.integers(1, 60), st.integers(0, 40)),
                       st.sampled_from(sorted(CELL_XML))), max_size=6)), max_size=12)


def sheet_xml(rows: list) -> bytes:
    body = ""
    for row_ref, cells in rows:
        body += "<row>" if row_ref is None else f'<row r="{row_ref}">'
        for ref, kind in cells:
            at = "" if ref is None else f' r="{column_name(ref[1])}{ref[0]}"'
            body += CELL_XML[kind].format(r=at)
        body += "</row>"
    return ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"<sheetData>{body}</sheetData></worksheet>").encode()


@settings(FUZZ, max_examples=150)
@given(rows=grid_rows)
def test_the_scanner_places_cells_where_calamine_does(rows) -> None:
    """calamine allocates up to the last cell with a value; the scanner must never see
    less than that, or a far cell could slip past the limits. (It may see more: a formula
    with no saved result counts for the scanner, not for calamine.)"""
    import python_calamine

    xml = sheet_xml(rows)
    scan = scan_sheet(PEMILIH, "Pemilih", [xml], Budget(10**6), 5000, 200)
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        for name, part in {**PARTS, PEMILIH: xml}.items():
            archive.writestr(name, part)
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data.getvalue()))
    sheet = book.get_sheet_by_name("Pemilih")
    rows_read = sheet.to_python(skip_empty_area=False)
    end = sheet.end if rows_read and any(v != "" for r in rows_read for v in r) else None
    last = (scan.last_row, scan.last_col)
    if end is None:
        assert last == (-1, -1) or any(k == "formula" for _, cells in rows for _, k in cells)
        return
    assert last[0] >= end[0] and last[1] >= end[1], (last, end)
    if not any(kind == "formula" for _, cells in rows for _, kind in cells):
        assert last == tuple(end), (last, end)


# -- a few CLI runs ------------------------------------------------------------------------------
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_cli_gives_one_json_report_per_damaged_file(seed: int, tmp_path: Path) -> None:
    chooser = random.Random(seed)
    for i in range(8):
        steps = [(chooser.choice(["flip", "insert", "delete", "truncate"]), chooser.random(),
                  bytes([chooser.randrange(1, 256)])) for _ in range(chooser.randint(1, 4))]
        data = mutate(PARTS[PEMILIH], steps) if i % 2 else mutate(ORIGINAL, steps)
        if i % 2:
            write_zip(tmp_path / f"rusak-{i}.xlsx", {**PARTS, PEMILIH: data})
        else:
            (tmp_path / f"rusak-{i}.xlsx").write_bytes(data)
    run = run_check(tmp_path)
    assert run.code in (0, 1)
    assert "Traceback" not in run.stderr
    assert len(run.files) == 8
    assert run.seconds < 20


def test_the_oracles_see_a_clean_reading(tmp_path: Path) -> None:
    """The properties above mean something only if an untouched value reads cleanly."""
    report = checked(with_dpt_text(tmp_path, "212000"))
    assert dpt_outcome(report) == (False, 212000)
    assert [i.code for i in report.issues] == ["number-as-text"]
    assert checked(SAMPLE).valid
    assert consistent("12,0", 12) and consistent("nihil", 0) and not consistent("1200", 12)
