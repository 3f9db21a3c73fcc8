"""Build the regency's workbook from the schema alone: the blank template and, filled, the samples.

One layout serves `pilkada template`, the sample generator and `check`, so they cannot
drift apart: each sheet has a title row, then its form (label in A, value in B), then
its table (header row, then one row per named item or free rows).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from .config import Config
from .schema import Field, Schema, Sheet
from .workbook import cell_name

FREE_ROWS = 15
LISTS_SHEET = "Daftar"
_TITLE = Font(bold=True, size=13)
_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_INPUT_FILL = PatternFill("solid", fgColor="FFFFF2")
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_OPEN = Protection(locked=False)
_FORMATS = {"integer": "#,##0", "number": "#,##0.##", "percent": "0.0",
            "date": "dd/mm/yyyy", "time": "hh:mm", "phone": "@", "text": "@"}


@dataclass(frozen=True)
class Layout:
    """Where each field lives: qualified key -> (sheet name, A1); free tables' first data row."""

    cells: dict[str, tuple[str, str]]
    free_rows: dict[str, tuple[str, int, dict[str, int]]]


def layout(schema: Schema, free_rows: dict[str, int] | None = None) -> Layout:
    """The cell of every input, as build_workbook places it."""
    cells: dict[str, tuple[str, str]] = {}
    tables: dict[str, tuple[str, int, dict[str, int]]] = {}
    for sheet in schema.sheets:
        row = 2  # 0-based: title, blank, then the form
        for field in sheet.input_fields:
            cells[field.qualified] = (sheet.name, cell_name(row, 1))
            row += 1
        if sheet.table is None:
            continue
        if sheet.input_fields:
            row += 1
        table = sheet.table
        first_col = 1 if table.fixed else 0
        columns = {c.key: first_col + i for i, c in enumerate(table.input_columns)}
        if table.fixed:
            for i, (row_key, _) in enumerate(table.rows):
                for col_key, col in columns.items():
                    cells[f"{sheet.key}.{row_key}.{col_key}"] = (sheet.name,
                                                                 cell_name(row + 1 + i, col))
        else:
            tables[sheet.key] = (sheet.name, row + 1, columns)
    return Layout(cells, tables)


def build_workbook(schema: Schema, config: Config, values: dict[str, Any] | None = None,
                   tables: dict[str, list[dict[str, Any]]] | None = None,
                   lang: str = "id") -> Workbook:
    """A workbook in the schema's layout, with the given values written in (raw, as given)."""
    values = dict(values or {})
    tables = tables or {}
    version = schema.role("schema_version")
    if version is not None:
        values.setdefault(version.qualified, schema.version)
    book = Workbook()
    guide = book.active
    guide.title = "Petunjuk"
    _write_guide(guide, schema, config)
    lists = book.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    list_ranges: dict[str, str] = {}
    for sheet in schema.sheets:
        ws = book.create_sheet(sheet.name)
        _write_sheet(ws, sheet, schema, config, values, tables.get(sheet.key, []), lists,
                     list_ranges, lang)
    lists.protection.sheet = True
    book.active = 1
    return book


def _write_guide(ws: Worksheet, schema: Schema, config: Config) -> None:
    lines = [
        (schema.title.id, _TITLE),
        (f"Desk Pilkada Provinsi {config.province_name}", _BOLD),
        ("", None),
        ("Cara mengisi:", _BOLD),
        ("1. Isi setiap lembar sesuai urutan: " + ", ".join(s.name for s in schema.sheets) + ".",
         None),
        ("2. Isi hanya sel berwarna kuning muda; label dan judul dikunci agar tidak berubah.",
         None),
        ("3. Pilih nilai dari daftar pilihan (panah di sel) bila tersedia.", None),
        ("4. Tulis angka tanpa teks; jika tidak ada kejadian, tulis 0.", None),
        ("5. Tanggal laporan adalah tanggal keadaan yang dilaporkan (hari ini).", None),
        ("6. Jangan mengganti nama lembar, judul kolom, atau versi format.", None),
        (f"7. Kirim sebelum pukul {config.deadline:%H.%M} {config.timezone_label} setiap hari.",
         None),
        ("", None),
        ("Kolom bertanda * wajib diisi.", None),
        (f"Versi format: {schema.version}", None),
    ]
    for i, (text, font) in enumerate(lines, start=1):
        cell = ws.cell(row=i, column=1, value=text)
        if font:
            cell.font = font
    ws.column_dimensions["A"].width = 100
    ws.protection.sheet = True
    _print_setup(ws)


def _write_sheet(ws: Worksheet, sheet: Sheet, schema: Schema, config: Config,
                 values: dict[str, Any], records: list[dict[str, Any]], lists: Worksheet,
                 list_ranges: dict[str, str], lang: str) -> None:
    ws.cell(row=1, column=1, value=sheet.title.get(lang)).font = _TITLE
    width = 2 if sheet.table is None else len(sheet.table.input_columns) + int(sheet.table.fixed)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(width, 2))
    row = 3
    for field in sheet.input_fields:
        ws.cell(row=row, column=1, value=_label(field, lang)).font = _BOLD
        cell = ws.cell(row=row, column=2, value=values.get(field.qualified))
        if field.role == "schema_version":
            cell.font = Font(color="808080")
        else:
            _input(ws, cell, field, config, lists, list_ranges, lang)
        row += 1
    ws.column_dimensions["A"].width = 38
    ws.column_dimensions["B"].width = 45
    freeze = "A3"
    if sheet.table is not None:
        if sheet.input_fields:
            row += 1
        table = sheet.table
        header = row
        col = 1
        if table.fixed:
            assert table.row_label is not None
            _header(ws.cell(row=header, column=1, value=table.row_label.get(lang)))
            col = 2
        for offset, column in enumerate(table.input_columns):
            _header(ws.cell(row=header, column=col + offset, value=_label(column, lang)))
            letter = get_column_letter(col + offset)
            ws.column_dimensions[letter].width = max(
                ws.column_dimensions[letter].width or 0,
                45 if column.type == "text" else 18)
        freeze = f"A{header + 1}"
        if table.fixed:
            for i, (row_key, labels) in enumerate(table.rows):
                r = header + 1 + i
                ws.cell(row=r, column=1, value=labels.get(lang)).border = _BOX
                for offset, column in enumerate(table.input_columns):
                    value = values.get(f"{sheet.key}.{row_key}.{column.key}")
                    cell = ws.cell(row=r, column=col + offset, value=value)
                    _input(ws, cell, column, config, lists, list_ranges, lang)
            last = header + len(table.rows)
        else:
            count = max(FREE_ROWS, len(records))
            for i in range(count):
                record = records[i] if i < len(records) else {}
                for offset, column in enumerate(table.input_columns):
                    cell = ws.cell(row=header + 1 + i, column=col + offset,
                                   value=record.get(column.key))
                    _input(ws, cell, column, config, lists, list_ranges, lang)
            last = header + count
        ws.auto_filter.ref = f"A{header}:{get_column_letter(col + len(table.input_columns) - 1)}" \
                             f"{last}"
    ws.freeze_panes = freeze
    ws.protection.sheet = True
    if config.template_password:
        ws.protection.password = config.template_password
    _print_setup(ws)


def _label(field: Field, lang: str) -> str:
    return field.label.get(lang) + (" *" if field.required else "")


def _header(cell: Any) -> None:
    cell.font = _BOLD
    cell.fill = _HEADER_FILL
    cell.border = _BOX
    cell.alignment = Alignment(wrap_text=True, vertical="center")


def _input(ws: Worksheet, cell: Any, field: Field, config: Config, lists: Worksheet,
           list_ranges: dict[str, str], lang: str) -> None:
    """Open the cell for typing, format it and let Excel refuse what the schema refuses."""
    cell.protection = _OPEN
    cell.fill = _INPUT_FILL
    cell.border = _BOX
    cell.number_format = _FORMATS.get(field.type, "General")
    if field.type == "text":
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    validation = _validation(field, config, lists, list_ranges, lang)
    if validation is not None:
        ws.add_data_validation(validation)
        validation.add(cell)


def _validation(field: Field, config: Config, lists: Worksheet, list_ranges: dict[str, str],
                lang: str) -> DataValidation | None:
    label = field.label.get(lang)[:32]
    hint = field.description.get(lang) if field.description else ""
    low, high = field.bounds()
    if field.type == "integer":
        dv = DataValidation(type="whole", operator="between", formula1=str(int(low or 0)),
                            formula2=str(int(high if high is not None else 10**12)))
        message = f"Isi bilangan bulat {int(low or 0)} atau lebih, tanpa teks."
    elif field.type in ("number", "percent"):
        dv = DataValidation(type="decimal", operator="between", formula1=str(low or 0),
                            formula2=str(high if high is not None else 10**12))
        message = "Isi angka 0 sampai 100 (tanpa tanda %)." if field.type == "percent" \
            else "Isi angka, tanpa teks."
    elif field.type == "date":
        dv = DataValidation(type="date", operator="greaterThan", formula1="36526")
        message = "Isi tanggal, misalnya 18/11/2024."
    elif field.type == "time":
        dv = DataValidation(type="time", operator="between", formula1="0", formula2="0.999999")
        message = "Isi jam, misalnya 14:30."
    elif field.type in ("choice", "regency"):
        options = [c.value for c in field.choices] if field.type == "choice" \
            else [r.name for r in config.regencies]
        dv = DataValidation(type="list", formula1=_list_range(field, options, lists, list_ranges))
        message = "Pilih dari daftar."
    else:
        return None
    dv.allow_blank = not field.required
    dv.showErrorMessage = True
    dv.showInputMessage = True
    dv.promptTitle = label
    dv.prompt = (hint + " " + message).strip()[:255]
    dv.errorTitle = "Isian tidak sah"
    dv.error = f"{field.label.id}: {message}"[:255]
    return dv


def _list_range(field: Field, options: list[str], lists: Worksheet,
                list_ranges: dict[str, str]) -> str:
    """Dropdown items live on a hidden sheet: an inline list is capped at 255 characters."""
    key = field.qualified if field.type == "regency" else "|".join(options)
    if key not in list_ranges:
        col = len(list_ranges) + 1
        for i, option in enumerate(options, start=1):
            lists.cell(row=i, column=col, value=option)
        letter = get_column_letter(col)
        list_ranges[key] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$1:${letter}${len(options)}"
    return list_ranges[key]


def _print_setup(ws: Worksheet) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def identity_values(schema: Schema, regency_name: str | None, day: dt.date | None) -> dict[str, Any]:
    """The pre-filled regency and date of a template."""
    values: dict[str, Any] = {}
    regency, date = schema.role("regency"), schema.role("report_date")
    if regency is not None and regency_name:
        values[regency.qualified] = regency_name
    if date is not None and day is not None:
        values[date.qualified] = day
    return values
