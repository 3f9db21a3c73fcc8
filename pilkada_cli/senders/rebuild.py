"""An .xlsx workbook rebuilt from the cells of a file openpyxl cannot open (.ods, .xls,
.xlsb), so that its marked copy can be made and sent back as .xlsx.

The cells come from the safe reader (reader/workbook.py: the same caps, pre-scans and
isolated worker as `pilkada check`), so a hostile file is refused here as it was there.
What is kept is what the check looked at: each sheet's values at their addresses, its
merged cells, hidden sheets, rows and columns, and error values as their text; the
sender's formatting is not (the copy says where the problems are, the template is the
one to fill in).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from pilkada_cli.config import Limits
from pilkada_cli.reader.workbook import SheetData, read_workbook
from pilkada_cli.reader.workbook import Workbook as Cells


def rebuild(path: Path, limits: Limits, sha256: str) -> Workbook | None:
    """The workbook at `path` as openpyxl's Workbook; None if its content is no longer
    the one checked (its SHA-256 differs). UnreadableWorkbook if it cannot be read."""
    cells = read_workbook(path, limits)
    if cells.sha256 != sha256:
        return None
    return to_openpyxl(cells)


def to_openpyxl(cells: Cells) -> Workbook:
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for data in cells.sheets:
        _sheet(book, data)
    if not book.worksheets:
        book.create_sheet("Sheet1")
    return book


# Dates and times as the template shows them; columns as wide as their text (within bounds).
_FORMATS = ((dt.datetime, "dd/mm/yyyy hh:mm"), (dt.date, "dd/mm/yyyy"), (dt.time, "hh:mm"))
_WIDTH = (8, 50)


def _sheet(book: Workbook, data: SheetData) -> None:
    ws = book.create_sheet(data.name[:31])
    top, left = data.origin
    widths: dict[int, int] = {}
    spanning = {(m[0], m[1]) for m in data.merged}  # a title across columns sets no width
    for r, row in enumerate(data.rows, start=top):
        for c, value in enumerate(row, start=left):
            if value != "" and value is not None:
                cell = ws.cell(r + 1, c + 1, value)
                cell.number_format = _format(value, cell.number_format)
                if (r, c) not in spanning:
                    widths[c] = max(widths.get(c, 0), len(str(value)))
    for c, width in widths.items():
        ws.column_dimensions[get_column_letter(c + 1)].width = min(max(width + 2, _WIDTH[0]),
                                                                  _WIDTH[1])
    for (r, c), text in data.errors.items():
        ws.cell(r + 1, c + 1, text)
    for first_row, first_col, last_row, last_col in data.merged:
        if (first_row, first_col) != (last_row, last_col):
            ws.merge_cells(start_row=first_row + 1, start_column=first_col + 1,
                           end_row=last_row + 1, end_column=last_col + 1)
    for r in data.hidden_rows:
        ws.row_dimensions[r + 1].hidden = True
    for c in data.hidden_cols:
        ws.column_dimensions[get_column_letter(c + 1)].hidden = True
    if data.hidden:
        ws.sheet_state = "hidden"


def _format(value: Any, default: str) -> str:
    return next((shown for kind, shown in _FORMATS if isinstance(value, kind)), default)
