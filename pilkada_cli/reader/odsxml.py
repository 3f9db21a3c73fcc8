"""Read an OpenDocument spreadsheet's content.xml the way python-calamine will, before it does.

calamine reads every table of an .ods when the file is opened, and trusts the XML as
it does for .xlsx: a cell repeated `table:number-columns-repeated` times is copied that
many times, a row with values repeated `table:number-rows-repeated` times likewise, a
`<text:s text:c="...">` becomes that many spaces, and the grid between the first and
the last value is allocated whole. So content.xml is first parsed here with expat
(streamed, DOCTYPE forbidden, the same element budget and limits as the .xlsx parts in
sheetxml.py), placing cells by calamine's rules (row by row, cell by cell, repeats
counted, covered cells included), and refused unless what calamine would build stays
within the limits. The same pass finds what every reader hides or drops: formulas with
no saved result, error values, hidden rows, columns and tables, cells shown as
percentages, and merged cells (calamine gives none for .ods).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from pilkada_cli.errors import UnreadableWorkbook, refuse
from pilkada_cli.reader.sheetxml import (
    MAX_MERGED,
    MAX_SHEETS,
    Budget,
    SheetScan,
    XmlPart,
    capped_name,
)

# calamine matches these names literally (prefix included), so the scan does too.
_TABLE, _ROW, _COLUMN = "table:table", "table:table-row", "table:table-column"
_CELLS = frozenset({"table:table-cell", "table:covered-table-cell"})
_VALUES = ("office:value", "office:string-value", "office:date-value", "office:time-value",
           "office:boolean-value")
_HIDDEN = frozenset({"collapse", "filter"})


@dataclass
class TableScan:
    """One table of content.xml: its name, whether it is hidden, and its scan."""

    name: str
    hidden: bool
    scan: SheetScan = field(default_factory=SheetScan)


class _Content(XmlPart):
    """content.xml: the hidden table styles, then each table's columns, rows and cells."""

    def __init__(self, member: str, budget: Budget, max_rows: int, max_cols: int,
                 max_text: int) -> None:
        super().__init__(member, budget)
        self.max_rows, self.max_cols, self.max_text = max_rows, max_cols, max_text
        self.parser.CharacterDataHandler = self._text
        self.tables: list[TableScan] = []
        self.style: str | None = None
        self.hidden_styles: set[str] = set()
        self.table: TableScan | None = None
        self.table_depth = self.row_depth = self.cell_depth = -1
        self.row = self.col = self.column = 0
        self.row_repeats = 1
        self.cell: dict[str, str] | None = None
        self.cell_text = self.text_bytes = self.merged = 0
        self.cell_head = ""  # the first characters of the cell's text (an error's #DIV/0!)

    # -- elements ---------------------------------------------------------------------------
    def _start(self, name: str, attrs: dict[str, str]) -> None:
        depth = self.depth
        self._enter()
        if self.cell is not None:  # inside a cell: only its text counts
            if name == "text:s":
                self.cell_text += _count(attrs.get("text:c", "1"), self, "text:c")
            return
        if self.table is None:
            if name == "style:style":
                self.style = attrs.get("style:name")
            elif name == "style:table-properties" and self.style is not None and \
                    attrs.get("table:display") == "false":
                self.hidden_styles.add(self.style)
            elif name == _TABLE and "table:name" in attrs:
                self._start_table(attrs, depth)
            return
        if name == _TABLE:
            raise refuse("corrupt-file", "ods_table_in_table", part=self.member)
        if self.row_depth >= 0:
            if name in _CELLS and depth == self.row_depth + 1:
                self.cell, self.cell_depth, self.cell_text, self.cell_head = attrs, depth, 0, ""
            return
        if name == _ROW:
            self.row_depth = depth
            self.row_repeats = _count(attrs.get("table:number-rows-repeated", "1"), self,
                                      "table:number-rows-repeated")
            self.col = 0
            if attrs.get("table:visibility") in _HIDDEN:
                self._hide(self.table.scan.hidden_rows, self.row, self.row_repeats, self.max_rows)
        elif name == _COLUMN:
            repeats = _count(attrs.get("table:number-columns-repeated", "1"), self,
                             "table:number-columns-repeated")
            if attrs.get("table:visibility") in _HIDDEN:
                self._hide(self.table.scan.hidden_cols, self.column, repeats, self.max_cols)
            self.column += repeats

    def _end(self, name: str) -> None:
        self.depth -= 1
        depth = self.depth
        if self.cell is not None:
            if depth == self.cell_depth:
                self._end_cell()
        elif depth == self.row_depth:
            self.row += self.row_repeats
            self.row_depth = -1
        elif depth == self.table_depth:
            self.table, self.table_depth = None, -1
        elif name == "style:style":
            self.style = None

    def _text(self, text: str) -> None:
        if self.cell is not None:
            self.cell_text += len(text.encode("utf-8"))
            if len(self.cell_head) < 40:
                self.cell_head += text[:40]

    # -- tables, rows and cells ---------------------------------------------------------------
    def _start_table(self, attrs: dict[str, str], depth: int) -> None:
        if len(self.tables) >= MAX_SHEETS:
            raise refuse("too-complex", "more_than_sheets", sheets=MAX_SHEETS)
        name = attrs["table:name"]
        if any(t.name.casefold() == name.casefold() for t in self.tables):
            raise refuse("corrupt-file", "two_sheets_named", sheet=name[:80])
        self.table = TableScan(name, attrs.get("table:style-name") in self.hidden_styles)
        self.tables.append(self.table)
        self.table_depth = depth
        self.row = self.col = self.column = self.merged = self.text_bytes = 0

    def _end_cell(self) -> None:
        attrs, self.cell = self.cell, None
        assert attrs is not None and self.table is not None
        repeats = _count(attrs.get("table:number-columns-repeated", "1"), self,
                         "table:number-columns-repeated")
        row, col = self.row, self.col
        self.col += repeats
        stored = any(key in attrs for key in _VALUES)
        formula = "table:formula" in attrs
        if not (stored or formula or self.cell_text or "office:value-type" in attrs):
            return  # an empty cell: calamine keeps none of it unless a value follows
        last_row, last_col = row + self.row_repeats - 1, col + repeats - 1
        if last_row >= self.max_rows or last_col >= self.max_cols:
            raise UnreadableWorkbook("sheet-too-large", sheet=self.table.name,
                                     cell=capped_name(last_row, last_col),
                                     rows=self.max_rows, cols=self.max_cols)
        copies = self.row_repeats * repeats
        self.text_bytes += copies * (self.cell_text + 16)
        if self.text_bytes > self.max_text:
            raise refuse("too-complex", "sheet_repeats_long_text", sheet=self.table.name)
        scan = self.table.scan
        scan.last_row, scan.last_col = max(scan.last_row, last_row), max(scan.last_col, last_col)
        places = ((r, c) for r in range(row, last_row + 1) for c in range(col, last_col + 1))
        if attrs.get("calcext:value-type") == "error":
            scan.errors.update(dict.fromkeys(places, self.cell_head.strip()[:40] or "#ERROR"))
        elif formula and not stored and not self.cell_text:
            scan.uncached.update(places)
        elif attrs.get("office:value-type") == "percentage":
            scan.percent.update(places)
        spans = (_count(attrs.get("table:number-rows-spanned", "1"), self, "rows-spanned"),
                 _count(attrs.get("table:number-columns-spanned", "1"), self, "columns-spanned"))
        if spans != (1, 1):
            self.merged += 1
            if self.merged > MAX_MERGED:
                raise refuse("too-complex", "more_than_merged_cells", cells=MAX_MERGED)
            scan.merged.append((row, col, min(row + spans[0] - 1, self.max_rows),
                                min(col + spans[1] - 1, self.max_cols)))

    def _hide(self, into: set[int], start: int, repeats: int, limit: int) -> None:
        into.update(range(min(start, limit), min(start + repeats, limit)))

    def _invalid(self, attribute: str, value: str) -> None:
        raise refuse("corrupt-file", "ods_invalid_count", part=self.member,
                     attribute=attribute, value=value[:20])


def _count(text: str, part: _Content, what: str) -> int:
    """A repeat or span count: a positive integer of at most 8 digits (beyond any sheet)."""
    if not (text.isdigit() and 0 < len(text) <= 8 and int(text) > 0):
        part._invalid(what, text)
    return int(text)


class _Manifest(XmlPart):
    """META-INF/manifest.xml: an encrypted part means a password-protected file."""

    def __init__(self, member: str, budget: Budget) -> None:
        super().__init__(member, budget)
        self.encrypted = False

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        self._enter()
        if name.rpartition(":")[2] == "encryption-data":
            self.encrypted = True


def scan_manifest(member: str, chunks: Iterable[bytes], budget: Budget) -> bool:
    """Whether the manifest declares encrypted parts (a password-protected file)."""
    part = _Manifest(member, budget)
    part.feed(chunks)
    return part.encrypted


def scan_content(member: str, chunks: Iterable[bytes], budget: Budget, max_rows: int,
                 max_cols: int, max_text: int) -> list[TableScan]:
    """Every named table of content.xml, in order; each must stay within the limits, and
    the text calamine would copy into cells within `max_text` bytes."""
    part = _Content(member, budget, max_rows, max_cols, max_text)
    part.feed(chunks)
    return part.tables
