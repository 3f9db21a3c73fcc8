"""Build the regency's workbook from the schema alone: the blank template and, filled, the samples.

One layout serves `pilkada template`, the sample generator and `check`, so they cannot
drift apart: each sheet has a title row, a hint row, then its form (label in A, value
in B), then its table (header row, then one row per named item or free rows).
Excel itself refuses what the schema refuses (data validation), explains each input
cell when it is selected, and keeps labels and headers from being typed over.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from pilkada_cli import texts
from pilkada_cli.checking.schema import Field, Schema, Sheet
from pilkada_cli.config import Config
from pilkada_cli.formats import fmt_date, fmt_number
from pilkada_cli.reader.workbook import cell_name

FREE_ROWS = 15
GUIDE_SHEET = "Petunjuk"
LISTS_SHEET = "Daftar"
INPUT_COLOUR = "FFF9DB"
HEADER_COLOUR = "DDEBF7"
_TITLE = Font(bold=True, size=14, color="1F3864")
_BOLD = Font(bold=True)
_HINT = Font(italic=True, color="595959")
_GREY = Font(color="808080")
_LINK = Font(color="0563C1", underline="single")
_HEADER_FILL = PatternFill("solid", fgColor=HEADER_COLOUR)
_INPUT_FILL = PatternFill("solid", fgColor=INPUT_COLOUR)
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_OPEN = Protection(locked=False)
_LOCKED = Protection(locked=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_FORMATS = {"integer": "#,##0", "number": "General", "percent": "0.0",
            "date": "dd/mm/yyyy", "time": "hh:mm", "phone": "@", "text": "@"}
# Excel's own limits on the texts of a data validation.
_TITLE_MAX, _PROMPT_MAX, _ERROR_MAX = 32, 255, 225
_FIRST_DATE = "DATE(2000,1,1)"


@dataclass(frozen=True)
class Layout:
    """Where each field lives: qualified key -> (sheet name, A1); free tables' first data row."""

    cells: dict[str, tuple[str, str]]
    free_rows: dict[str, tuple[str, int, dict[str, int]]]


def layout(schema: Schema) -> Layout:
    """The cell of every input, as build_workbook places it."""
    cells: dict[str, tuple[str, str]] = {}
    tables: dict[str, tuple[str, int, dict[str, int]]] = {}
    for sheet in schema.sheets:
        row = 2  # 0-based: title, hint, then the form
        for f in sheet.input_fields:
            cells[f.qualified] = (sheet.name, cell_name(row, 1))
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


def identity_values(schema: Schema, regency_name: str | None,
                    day: dt.date | None) -> dict[str, Any]:
    """The pre-filled regency and date of a template."""
    values: dict[str, Any] = {}
    regency, date = schema.role("regency"), schema.role("report_date")
    if regency is not None and regency_name:
        values[regency.qualified] = regency_name
    if date is not None and day is not None:
        values[date.qualified] = day
    return values


def build_workbook(schema: Schema, config: Config, values: dict[str, Any] | None = None,
                   tables: dict[str, list[dict[str, Any]]] | None = None,
                   lang: str = "id") -> Workbook:
    """A workbook in the schema's layout, with the given values written in (raw, as given)."""
    values = dict(values or {})
    version = schema.role("schema_version")
    if version is not None:
        values.setdefault(version.qualified, schema.version)
    names = {s.name for s in schema.sheets}
    lists_name = next(n for n in (LISTS_SHEET, LISTS_SHEET + "_", "_" + LISTS_SHEET)
                      if n not in names)
    book = Workbook()
    guide = book.active
    guide.title = GUIDE_SHEET
    builder = _Builder(schema, config, lang, values, tables or {}, lists_name)
    for sheet in schema.sheets:
        builder.sheet(book.create_sheet(sheet.name), sheet)
    builder.lists(book.create_sheet(lists_name))
    _write_guide(guide, schema, config, values, lang)
    password = config.template_password
    for ws in book.worksheets:
        ws.protection.sheet = True
        if password:
            ws.protection.password = password
    # Sheets cannot be renamed, moved, deleted or unhidden: check finds them by name.
    book.security = WorkbookProtection(workbookPassword=password or None, lockStructure=True)
    book.properties.title = schema.title.get(lang)
    book.properties.creator = f"Desk Pilkada {config.province_name}"
    book.active = 0
    guide.sheet_view.tabSelected = True
    return book


# -- texts ------------------------------------------------------------------------------------


_STEPS: dict[str, list[str]] = {
    "id": [
        "Isi hanya sel berwarna kuning muda. Judul, label dan nama lembar dikunci agar "
        "susunan laporan tetap sama dan dapat diperiksa otomatis.",
        "Isian bertanda * wajib diisi. Untuk jumlah yang nihil, tulis 0; jangan "
        "dikosongkan.",
        "Ketik angka saja, tanpa huruf, satuan atau tanda %. Persentase ditulis 0 sampai "
        "100 (misalnya 79,4).",
        "Tanggal ditulis seperti 18/11/2024 dan jam seperti 14:30.",
        "Bila sel memiliki panah daftar, pilih isinya dari daftar itu.",
        "Klik sebuah sel untuk melihat keterangan isiannya. Isian yang tidak sesuai "
        "ditolak Excel dengan penjelasan.",
        "Di lembar {free}, isi satu baris untuk setiap kejadian atau kendala dan biarkan "
        "baris sisanya kosong. Bila baris kurang, sisipkan baris baru di tengah tabel.",
        "Jangan mengganti nama lembar, judul kolom atau versi format, dan jangan menambah "
        "atau menghapus lembar.",
        "Simpan sebagai Excel Workbook (.xlsx) dan kirim ke Desk Pilkada Provinsi sebelum "
        "pukul {deadline} {tz} setiap hari. Bila ada perbaikan, kirim ulang berkas "
        "lengkapnya.",
    ],
    "en": [
        "Fill in the light-yellow cells only. Titles, labels and sheet names are locked so "
        "that the layout stays the same and can be checked automatically.",
        "Fields marked * are required. For a count of nothing, type 0; do not leave it "
        "empty.",
        "Type numbers only, without letters, units or a % sign. Percentages go from 0 to "
        "100 (for example 79.4).",
        "Type dates like 18/11/2024 and times like 14:30.",
        "When a cell shows a list arrow, pick its value from that list.",
        "Select a cell to see what it expects. Excel refuses a wrong entry and says why.",
        "On the {free} sheets, use one row per incident or problem and leave the other rows "
        "empty. If rows run out, insert new rows inside the table.",
        "Do not rename sheets, column headers or the format version, and do not add or "
        "delete sheets.",
        "Save as an Excel Workbook (.xlsx) and send it to the provincial election desk by "
        "{deadline} {tz} every day. For a correction, send the whole file again.",
    ],
}


# -- the guide sheet --------------------------------------------------------------------------
def _write_guide(ws: Worksheet, schema: Schema, config: Config, values: dict[str, Any],
                 lang: str) -> None:
    text = texts.table("workbook", lang)
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 92
    ws.merge_cells("A1:B1")
    ws["A1"] = schema.title.get(lang)
    ws["A1"].font = _TITLE
    ws["A2"] = text["desk"].format(province=config.province_name)
    ws["A2"].font = _BOLD
    row = 3
    regency, day = schema.role("regency"), schema.role("report_date")
    if regency is not None and values.get(regency.qualified):
        ws.cell(row, 1, text["for_regency"].format(name=values[regency.qualified]))
        row += 1
    if day is not None and isinstance(values.get(day.qualified), dt.date):
        ws.cell(row, 1, text["for_date"].format(date=fmt_date(values[day.qualified], lang)))
        row += 1

    row = _heading(ws, row + 1, text["how"])
    free = [s.name for s in schema.sheets if s.table is not None and not s.table.fixed]
    steps = [s for s in _STEPS[lang] if free or "{free}" not in s]
    for number, step in enumerate(steps, start=1):
        ws.cell(row, 1, f"{number}.").alignment = Alignment(horizontal="right", vertical="top")
        step = step.format(free=_join(free, text["and"]), deadline=f"{config.deadline:%H.%M}",
                           tz=config.timezone_label)
        ws.cell(row, 2, step).alignment = _WRAP
        # Excel grows a wrapped row when it opens the file; other programs print it at one
        # line's height, so the lines overlap. About 90 characters fit in column B.
        ws.row_dimensions[row].height = 15 * -(-len(step) // 90)
        row += 1

    row = _heading(ws, row + 1, text["contents"])
    for col, label in enumerate((text["sheet"], text["content"]), start=1):
        _header(ws.cell(row, col, label))
    for sheet in schema.sheets:
        row += 1
        link = ws.cell(row, 1, sheet.name)
        link.hyperlink = Hyperlink(ref=link.coordinate,
                                   location=f"{quote_sheetname(sheet.name)}!A1")
        link.font = _LINK
        ws.cell(row, 2, sheet.title.get(lang))
        for col in (1, 2):
            ws.cell(row, col).border = _BOX

    row = _heading(ws, row + 2, text["legend"])
    sample = ws.cell(row, 1)
    sample.fill, sample.border = _INPUT_FILL, _BOX
    ws.cell(row, 2, text["input"])
    sample = ws.cell(row + 1, 1)
    sample.fill, sample.border = _HEADER_FILL, _BOX
    ws.cell(row + 1, 2, text["header"])

    ws.cell(row + 3, 1, text["version"].format(version=schema.version)).font = _HINT
    ws.merge_cells(start_row=row + 3, start_column=1, end_row=row + 3, end_column=2)
    _print_setup(ws, schema, lang, title_rows=None, landscape=False)


def _heading(ws: Worksheet, row: int, text: str) -> int:
    ws.cell(row, 1, text).font = Font(bold=True, size=12, color="1F3864")
    return row + 1


# -- the data sheets --------------------------------------------------------------------------
@dataclass
class _Builder:
    """Writes the schema's sheets; collects the dropdown lists for the hidden list sheet."""

    schema: Schema
    config: Config
    lang: str
    values: dict[str, Any]
    tables: dict[str, list[dict[str, Any]]]
    lists_name: str
    options: dict[str, list[str]] = field(default_factory=dict)

    def sheet(self, ws: Worksheet, sheet: Sheet) -> None:
        text = texts.table("workbook", self.lang)
        table = sheet.table
        first_col = 2 if table is not None and table.fixed else 1
        width = max(2, first_col - 1 + len(table.input_columns)) if table else 2
        ws.cell(1, 1, sheet.title.get(self.lang)).font = _TITLE
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        ws.cell(2, 1, text["hint"]).font = _HINT
        ws.row_dimensions[1].height = 22
        labels: list[str] = []
        row = 3
        for f in sheet.input_fields:
            label = ws.cell(row, 1, _label(f, self.lang))
            label.font, label.border, label.alignment = _BOLD, _BOX, _WRAP
            labels.append(label.value)
            cell = ws.cell(row, 2, self.values.get(f.qualified))
            if f.role == "schema_version":
                cell.font, cell.border = _GREY, _BOX
                self.prompt_only(ws, cell, f, f.description.get(self.lang) if f.description
                                 else text["fixed"])
            else:
                self.input(ws, [cell], f)
            row += 1
        widths = {1: 20.0, 2: 40.0 if sheet.input_fields else 0.0}
        title_rows = "1:2"
        freeze = "A3"
        if table is not None:
            header = row + 1 if sheet.input_fields else row
            if table.fixed:
                assert table.row_label is not None
                _header(ws.cell(header, 1, table.row_label.get(self.lang)))
            for offset, column in enumerate(table.input_columns):
                col = first_col + offset
                _header(ws.cell(header, col, _label(column, self.lang)))
                wide = 40.0 if column.type == "text" else max(
                    [16.0] + [len(c.value) + 4.0 for c in column.choices])
                widths[col] = max(widths.get(col, 0.0), wide,
                                  min(30.0, len(_label(column, self.lang)) + 2.0))
            ws.row_dimensions[header].height = 32
            if table.fixed:
                scalars = self.schema.scalar_fields()
                for i, (row_key, row_labels) in enumerate(table.rows):
                    r = header + 1 + i
                    label = ws.cell(r, 1, row_labels.get(self.lang))
                    label.border = _BOX
                    labels.append(label.value)
                    for offset, column in enumerate(table.input_columns):
                        key = f"{sheet.key}.{row_key}.{column.key}"
                        cell = ws.cell(r, first_col + offset, self.values.get(key))
                        self.input(ws, [cell], scalars[key])
                freeze = f"B{header + 1}"
            else:
                records = self.tables.get(sheet.key, [])
                count = max(FREE_ROWS, len(records))
                for offset, column in enumerate(table.input_columns):
                    cells = [ws.cell(header + 1 + i, first_col + offset,
                                     records[i].get(column.key) if i < len(records) else None)
                             for i in range(count)]
                    self.input(ws, cells, column)
                # Room for more incidents: rows inserted inside the table keep its formats.
                ws.protection.insertRows = False
                freeze = f"A{header + 1}"
            title_rows = f"1:{header}"
        widths[1] = max(widths[1], min(50.0, max((len(t) for t in labels), default=0) + 3.0))
        for col, value in widths.items():
            if value:
                ws.column_dimensions[get_column_letter(col)].width = value
        ws.freeze_panes = freeze
        # Users may still widen columns and rows to read long entries.
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
        _print_setup(ws, self.schema, self.lang, title_rows, landscape=sum(widths.values()) > 120)

    def input(self, ws: Worksheet, cells: list[Cell], f: Field) -> None:
        """Open the cells for typing, format them and let Excel refuse what the schema refuses."""
        for cell in cells:
            cell.protection = _OPEN
            cell.fill = _INPUT_FILL
            cell.border = _BOX
            cell.number_format = _FORMATS.get(f.type, "General")
            if f.type == "text":
                cell.alignment = _WRAP
        validation, rule = self.validation(f)
        text = texts.table("workbook", self.lang)
        prompt = " ".join(p for p in (
            f.description.get(self.lang) if f.description else "", rule,
            text["required"] if f.required else "") if p)
        validation.promptTitle = _clip(f.label.get(self.lang), _TITLE_MAX)
        validation.prompt = _clip(prompt, _PROMPT_MAX)
        validation.showInputMessage = True
        if validation.type is not None:
            validation.showErrorMessage = True
            validation.errorTitle = _clip(text["error_title"], _TITLE_MAX)
            validation.error = _clip(text["error"].format(label=f.label.get(self.lang), rule=rule),
                                     _ERROR_MAX)
        validation.allow_blank = True
        ws.add_data_validation(validation)
        # The cells of one field are one cell or one column of a free table.
        validation.add(cells[0].coordinate if len(cells) == 1
                       else f"{cells[0].coordinate}:{cells[-1].coordinate}")

    def prompt_only(self, ws: Worksheet, cell: Cell, f: Field, rule: str) -> None:
        validation = DataValidation(promptTitle=_clip(f.label.get(self.lang), _TITLE_MAX),
                                    prompt=_clip(rule, _PROMPT_MAX), showInputMessage=True)
        ws.add_data_validation(validation)
        validation.add(cell)

    def validation(self, f: Field) -> tuple[DataValidation, str]:
        """Excel's version of the schema's constraint on a field, and the rule in words."""
        text = texts.table("workbook", self.lang)
        low, high = f.bounds()
        if f.type == "integer":
            low = int(low or 0)
            if high is None:
                return (DataValidation("whole", operator="greaterThanOrEqual", formula1=str(low)),
                        text["whole_min"].format(low=_num(low, self.lang)))
            return (DataValidation("whole", operator="between", formula1=str(low),
                                   formula2=str(int(high))),
                    text["whole_between"].format(low=_num(low, self.lang),
                                                 high=_num(high, self.lang)))
        if f.type in ("number", "percent"):
            low = low or 0
            key = "percent" if f.type == "percent" else (
                "number_min" if high is None else "number_between")
            if high is None:
                dv = DataValidation("decimal", operator="greaterThanOrEqual", formula1=str(low))
            else:
                dv = DataValidation("decimal", operator="between", formula1=str(low),
                                    formula2=str(high))
            return dv, text[key].format(low=_num(low, self.lang), high=_num(high, self.lang))
        if f.type == "date":
            if f.max == "today":
                return (DataValidation("date", operator="between", formula1=_FIRST_DATE,
                                       formula2="TODAY()"), text["date_today"])
            return (DataValidation("date", operator="greaterThanOrEqual", formula1=_FIRST_DATE),
                    text["date"])
        if f.type == "time":
            return (DataValidation("time", operator="between", formula1="0",
                                   formula2="0.999988"), text["time"])
        if f.type == "choice":
            options = [c.value for c in f.choices]
            return (DataValidation("list", formula1=self.list_range(options)),
                    text["choice"].format(choices=", ".join(options)))
        if f.type == "regency":
            options = [r.name for r in self.config.regencies]
            return DataValidation("list", formula1=self.list_range(options)), text["regency"]
        return DataValidation(), text["phone" if f.type == "phone" else "text"]

    def list_range(self, options: list[str]) -> str:
        """Dropdown items live on a hidden sheet: an inline list is capped at 255 characters."""
        key = "\x00".join(options)
        self.options.setdefault(key, options)
        letter = get_column_letter(list(self.options).index(key) + 1)
        return f"{quote_sheetname(self.lists_name)}!${letter}$1:${letter}${len(options)}"

    def lists(self, ws: Worksheet) -> None:
        """Fill the list sheet the dropdowns point at; nobody needs to see it."""
        for col, options in enumerate(self.options.values(), start=1):
            for row, option in enumerate(options, start=1):
                ws.cell(row, col, option)
        ws.sheet_state = "veryHidden"


def _label(f: Field, lang: str) -> str:
    return f.label.get(lang) + (" *" if f.required else "")


def _header(cell: Cell) -> None:
    cell.font = _BOLD
    cell.fill = _HEADER_FILL
    cell.border = _BOX
    cell.protection = _LOCKED
    cell.alignment = Alignment(wrap_text=True, vertical="center")


def _join(names: list[str], conjunction: str) -> str:
    return names[0] if len(names) < 2 else f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _num(value: float | None, lang: str) -> str:
    if value is None:
        return ""
    return fmt_number(value, lang, 0 if float(value).is_integer() else 2)


def _print_setup(ws: Worksheet, schema: Schema, lang: str, title_rows: str | None,
                 landscape: bool) -> None:
    """A4, as wide as the page, titles repeated on every page, page numbers in the footer."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    if title_rows:
        ws.print_title_rows = title_rows
    page = "Halaman &P dari &N" if lang == "id" else "Page &P of &N"
    ws.oddFooter.left.text = f"{schema.title.get(lang)} (v{schema.version})"
    ws.oddFooter.left.size = 8
    ws.oddFooter.right.text = page
    ws.oddFooter.right.size = 8
