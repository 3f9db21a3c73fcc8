"""What readers take silently is an error at its cell: a second sheet that passes for a schema
sheet, a shared-string index that is not one, a date or time serial that is not a number or
not a date. Checked through the CLI with the store on and off; and the README's limits
example gives the defaults."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pilkada_cli.cli import app
from pilkada_cli.config import DEFAULTS

from .conftest import Desk
from .hostile import IDENTITAS, members, write_zip

STORE = pytest.mark.parametrize("store", [True, False], ids=["store", "no-store"])
KEJADIAN = "xl/worksheets/sheet8.xml"
REPO = Path(__file__).resolve().parent.parent
PELAPOR = '<c r="B5" s="15" t="inlineStr"><is><t>Andi Pratama</t></is></c>'
TANGGAL = '<c r="B4" s="14" t="n"><v>45614</v></c>'
WAKTU = '<c r="A4" s="19" t="n"><v>0.5625</v></c>'


def check(desk: Desk, path: Path, store: bool) -> dict:
    done = CliRunner().invoke(app, ["check", str(path), "--format", "json", "--config",
                                    str(desk.config_path), "--record" if store else "--no-record"])
    assert done.exit_code in (0, 1), done.output
    (entry,) = json.loads(done.stdout)["files"]
    assert desk.config.paths["store"].exists() is store
    return entry


def errors(entry: dict) -> list[tuple[str, str | None, str | None]]:
    return [(i["code"], i["sheet"], i["cell"]) for i in entry["issues"]
            if i["severity"] == "error"]


def replaced(path: Path, member: str, old: str, new: str,
             strings: list[str] | None = None) -> Path:
    """The sample with one cell replaced; `strings`: a shared-strings part to add."""
    parts = members()
    text = parts[member].decode()
    assert old in text
    parts[member] = text.replace(old, new, 1).encode()
    if strings is not None:
        parts["xl/sharedStrings.xml"] = (
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>").encode()
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
            b"</Relationships>", b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.'
            b'org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            b"</Relationships>")
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_zip(path, parts)


def with_second_sheet(path: Path, name: str, regency: str) -> Path:
    """The sample with another sheet `name` beside Identitas, naming another regency."""
    parts = members()
    parts["xl/worksheets/sheet99.xml"] = parts[IDENTITAS].replace(
        b"Kabupaten Paser", regency.encode())
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
        b"</sheets>", f'<sheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships" name="{name}" sheetId="99" state="visible" r:id="rId99"/>'
        f"</sheets>".encode())
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet99.xml" '
        b'Id="rId99"/></Relationships>')
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/worksheets/sheet99.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_zip(path, parts)


@STORE
@pytest.mark.parametrize("name", ["Identitas ", "1. Identitas", "identitas pelapor"])
def test_a_second_sheet_passing_for_a_schema_sheet_is_an_error(desk: Desk, store: bool,
                                                               name: str) -> None:
    entry = check(desk, with_second_sheet(desk.root / "dua.xlsx", name, "Kabupaten Berau"),
                  store)
    assert not entry["valid"]
    assert ("duplicate-sheet", name, None) in errors(entry)
    issue = next(i for i in entry["issues"] if i["code"] == "duplicate-sheet")
    assert f"'{name}'" in issue["message"] and "'Identitas'" in issue["message"]


@STORE
@pytest.mark.parametrize("index", ["-1", "abc", "1e30", "2.5", " 1", "+1"])
def test_a_shared_string_index_that_is_not_one_is_an_error_at_its_cell(
        desk: Desk, store: bool, index: str) -> None:
    path = replaced(desk.root / "indeks.xlsx", IDENTITAS, PELAPOR,
                    f'<c r="B5" s="15" t="s"><v>{index}</v></c>', ["Andi Pratama", "Budi"])
    entry = check(desk, path, store)
    assert errors(entry) == [("bad-shared-string", "Identitas", "B5")], entry["issues"]
    assert entry["regency"]["code"] == "64.01"  # the rest of the file is read as usual


@STORE
def test_a_shared_string_index_beyond_the_table_is_said_at_its_cell(desk: Desk,
                                                                   store: bool) -> None:
    """calamine cannot read such a sheet at all: the file is refused, naming the cell."""
    path = replaced(desk.root / "indeks.xlsx", IDENTITAS, PELAPOR,
                    '<c r="B5" s="15" t="s"><v>2</v></c>', ["Andi Pratama", "Budi"])
    entry = check(desk, path, store)
    assert errors(entry) == [("bad-shared-string", "Identitas", "B5")], entry["issues"]
    assert "'2'" in entry["issues"][0]["message"]


@STORE
def test_valid_shared_string_indices_read_as_before(desk: Desk, store: bool) -> None:
    for index in ("0", "1", "01"):
        path = replaced(desk.root / f"indeks-{index}.xlsx", IDENTITAS, PELAPOR,
                        f'<c r="B5" s="15" t="s"><v>{index}</v></c>', ["Andi Pratama", "Budi"])
        assert check(desk, path, store)["valid"]
    # An empty index is an empty cell, for calamine as for us.
    path = replaced(desk.root / "indeks-kosong.xlsx", IDENTITAS, PELAPOR,
                    '<c r="B5" s="15" t="s"><v/></c>', ["Andi Pratama", "Budi"])
    assert errors(check(desk, path, store)) == [("required", "Identitas", "B5")]


@STORE
@pytest.mark.parametrize("serial", ["NaN", "nan", "inf", "1e400", "-5", "-0.5"])
def test_a_date_serial_that_is_not_a_date_is_an_error_at_its_cell(desk: Desk, store: bool,
                                                                  serial: str) -> None:
    path = replaced(desk.root / "tanggal.xlsx", IDENTITAS, TANGGAL,
                    f'<c r="B4" s="14" t="n"><v>{serial}</v></c>')
    entry = check(desk, path, store)
    assert ("bad-number", "Identitas", "B4") in errors(entry), entry["issues"]
    assert entry["date"] is None  # never 30 December 1899


@STORE
@pytest.mark.parametrize("serial", ["NaN", "-0.25", "inf"])
def test_a_time_serial_that_is_not_a_time_is_an_error_at_its_cell(desk: Desk, store: bool,
                                                                  serial: str) -> None:
    path = replaced(desk.root / "waktu.xlsx", KEJADIAN, WAKTU,
                    f'<c r="A4" s="19" t="n"><v>{serial}</v></c>')
    entry = check(desk, path, store)
    assert errors(entry) == [("bad-number", "Kejadian", "A4")], entry["issues"]


@STORE
def test_a_date_before_1900_is_not_a_report_date(desk: Desk, store: bool) -> None:
    """Excel's day 1 (what a time typed into the date cell becomes) is never read as a date."""
    path = replaced(desk.root / "jam.xlsx", IDENTITAS, TANGGAL,
                    '<c r="B4" s="14" t="n"><v>0.75</v></c>')
    entry = check(desk, path, store)
    assert ("type-error", "Identitas", "B4") in errors(entry), entry["issues"]


def test_negative_numbers_in_number_cells_are_still_out_of_range_not_bad(desk: Desk) -> None:
    from .hostile import DPT_CELL, PEMILIH

    path = replaced(desk.root / "minus.xlsx", PEMILIH, DPT_CELL,
                    DPT_CELL.replace("<v>212000</v>", "<v>-5</v>"))
    assert ("out-of-range", "Pemilih", "B3") in errors(check(desk, path, False))


def test_the_readmes_limits_example_gives_the_defaults() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    (example,) = re.findall(r"^limits: \{([^}]*)\}", readme, re.MULTILINE)
    shown = {key: int(value) for key, value in re.findall(r"(\w+): (\d+)", example)}
    assert shown == {k: v for k, v in DEFAULTS["limits"].items() if k in shown}
    assert shown["max_inflated_mb"] == 100
    for key, default in DEFAULTS["limits"].items():  # the table in the Security section
        assert re.findall(rf"\| `{key}` \| (\d+) \|", readme) == [str(default)], key
