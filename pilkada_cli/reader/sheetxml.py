"""Read a workbook's XML parts the way python-calamine will, before it does.

calamine trusts the XML: it places a cell by its `r` attribute (or by counting rows
and cells when there is none), allocates the whole grid between the first and the
last cell that holds a value, and copies a shared string into every cell that points
at it. One cell at XFD1048576, or one long string shared by a million cells, makes
it ask for hundreds of gigabytes and abort the process. So every part it reads is
first parsed here with expat (streamed, DOCTYPE forbidden, a budget of elements),
following calamine's own rules for positions, and refused unless what calamine
would build stays within the limits. The same pass finds what every reader hides:
formulas with no saved result, error values, hidden rows and columns.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from xml.parsers import expat

from pilkada_cli.errors import UnreadableWorkbook, refuse

# Far above anything Excel writes (it allows about 64,000 cell formats and 250 number
# formats); only a file built to exhaust memory reaches these.
MAX_FORMATS = 100_000
MAX_NUMBER_FORMATS = 10_000
MAX_MERGED = 10_000
MAX_SHEETS = 1_000
MAX_DEPTH = 100

_INDEX = re.compile(r"[0-9]+")
# How a number that is negative or not finite is written (-1, NaN, inf, 1e400): the
# others are not parsed a second time.
_ODD_START = frozenset("-+nNiI.")
_CELL_REF = re.compile(r"([A-Z]{1,3})([1-9][0-9]{0,6})")
_ROW_REF = re.compile(r"[1-9][0-9]{0,6}")
_EXCEL_ROWS = 1_048_576
_EXCEL_COLS = 16_384
_TRUE = ("1", "true")
_STRUCTURE = frozenset({"c", "row", "sheetData"})


def column_name(col: int) -> str:
    """0-based column index to its letters: 0 -> A, 26 -> AA."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@functools.lru_cache(maxsize=1 << 16)
def cell_name(row: int, col: int) -> str:
    """0-based (row, col) to an A1 address (cached: every report names the same cells)."""
    return f"{column_name(col)}{row + 1}"


def capped_name(row: int, col: int) -> str:
    """The A1 address of a cell, or of Excel's last row or column for one beyond them
    (a message names where a hostile file reaches, within what a sheet can have)."""
    return cell_name(min(row, _EXCEL_ROWS - 1), min(col, _EXCEL_COLS - 1))


class Budget:
    """How many XML elements the whole workbook may still have: bounds the time spent."""

    def __init__(self, elements: int) -> None:
        self.left = elements

    def check(self) -> None:
        if self.left < 0:
            raise refuse("too-complex", "too_many_xml_elements")


@dataclass
class SheetScan:
    """What a worksheet's XML says beside the values calamine reads."""

    uncached: set[tuple[int, int]] = field(default_factory=set)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)
    percent: set[tuple[int, int]] = field(default_factory=set)  # numbers shown as n%
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # where calamine has none
    # A shared-string index calamine would read as string 0 (or cannot find): as written.
    bad_strings: dict[tuple[int, int], str] = field(default_factory=dict)
    # Numbers that are negative or not finite: harmless as numbers, but calamine turns them
    # into 30 December 1899 or 00:00 in a date or time cell.
    odd_numbers: dict[tuple[int, int], str] = field(default_factory=dict)
    shared_refs: int = 0
    last_row: int = -1  # of a cell with a value, as calamine places it; -1 if there is none
    last_col: int = -1


@dataclass(frozen=True)
class SheetEntry:
    """One `<sheet>` of workbook.xml: its name, visibility and relationship id."""

    name: str
    state: str
    rid: str | None


class XmlPart:
    """Parse one XML part with expat; subclasses handle the elements they care about."""

    def __init__(self, member: str, budget: Budget) -> None:
        self.member = member
        self.budget = budget
        self.parser = expat.ParserCreate()
        self.parser.buffer_text = True
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.parser.EntityDeclHandler = self._doctype
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.depth = 0

    def feed(self, chunks: Iterable[bytes]) -> None:
        try:
            for chunk in chunks:
                self.parser.Parse(chunk, False)
            self.parser.Parse(b"", True)
        except expat.ExpatError as exc:
            raise refuse("corrupt-file", "part_not_well_formed", part=self.member,
                         error=expat.ErrorString(exc.code), lineno=exc.lineno) from exc
        except LookupError as exc:  # an encoding Python does not know, from the XML declaration
            raise refuse("corrupt-file", "part_declares_unknown_encoding",
                         part=self.member) from exc

    def _doctype(self, *_: Any) -> None:
        raise refuse("unsafe-file", "doctype", part=self.member)

    def _count(self) -> None:
        self.budget.left -= 1
        self.budget.check()

    def _enter(self) -> None:
        """Count one more element, one level deeper."""
        self._count()
        self.depth += 1
        if self.depth > MAX_DEPTH:
            self._too_deep()

    def _too_deep(self) -> None:
        raise refuse("too-complex", "xml_nested_more_than", depth=MAX_DEPTH, part=self.member)

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        self._enter()

    def _end(self, name: str) -> None:
        self.depth -= 1


def _local(name: str) -> str:
    return name.rpartition(":")[2]


class _Workbook(XmlPart):
    def __init__(self, member: str, budget: Budget) -> None:
        super().__init__(member, budget)
        self.sheets: list[SheetEntry] = []

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        self._enter()
        if _local(name) == "sheet":
            if len(self.sheets) >= MAX_SHEETS:
                raise refuse("too-complex", "more_than_sheets", sheets=MAX_SHEETS)
            # The relationship id is a namespaced `id` (r:id, or any other prefix).
            ids = {v for k, v in attrs.items() if ":" in k and k.rpartition(":")[2] == "id"}
            if len(ids) > 1:
                raise refuse("corrupt-file", "sheet_two_references")
            rid = ids.pop() if ids else None
            self.sheets.append(
                SheetEntry(attrs.get("name", ""), attrs.get("state", "visible"), rid))


class _Relationships(XmlPart):
    def __init__(self, member: str, budget: Budget) -> None:
        super().__init__(member, budget)
        self.targets: dict[str, str] = {}

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        self._enter()
        if _local(name) == "Relationship":
            self.targets[attrs.get("Id", "")] = attrs.get("Target", "")


class _Strings(XmlPart):
    """Finds the longest shared string (in UTF-8 bytes): calamine copies a shared string
    into every cell that uses it. Counts them too, so that an index beyond is found."""

    def __init__(self, member: str, budget: Budget) -> None:
        super().__init__(member, budget)
        self.parser.CharacterDataHandler = self._text
        self.longest = self.current = self.open_si = self.count = 0

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        self._enter()
        if _local(name) == "si":
            self.open_si += 1
            if self.open_si == 1:
                self.current = 0
                self.count += 1

    def _end(self, name: str) -> None:
        self.depth -= 1
        if _local(name) == "si":
            self.open_si -= 1
            self.longest = max(self.longest, self.current)

    def _text(self, text: str) -> None:
        if self.open_si:
            self.current += len(text.encode("utf-8"))


# Excel's built-in percentage formats (0% and 0.00%).
_PERCENT_FORMATS = frozenset({"9", "10"})


def percent_format(code: str) -> bool:
    """Whether a number format shows a percentage: a % outside quotes and escapes."""
    return "%" in re.sub(r'"[^"]*"|\\.', "", code)


class _Styles(XmlPart):
    """Counts the formats, and finds the cell styles that show a number as a percentage:
    a cell typed "79,4%" holds 0.794, which must not be read as 0.794%."""

    def __init__(self, member: str, budget: Budget) -> None:
        super().__init__(member, budget)
        self.counts = {"xf": 0, "numFmt": 0}
        self.percent_formats = set(_PERCENT_FORMATS)
        self.in_cell_xfs = False
        self.cell_xfs = 0
        self.percent_styles: set[str] = set()

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        self._enter()
        local = _local(name)
        if local in self.counts:
            self.counts[local] += 1
            if self.counts["xf"] > MAX_FORMATS or self.counts["numFmt"] > MAX_NUMBER_FORMATS:
                raise refuse("too-complex", "too_many_cell_formats")
        if local == "numFmt" and percent_format(attrs.get("formatCode", "")):
            self.percent_formats.add(attrs.get("numFmtId", ""))
        elif local == "cellXfs":
            self.in_cell_xfs = True
        elif local == "xf" and self.in_cell_xfs:
            if attrs.get("numFmtId") in self.percent_formats:
                self.percent_styles.add(str(self.cell_xfs))
            self.cell_xfs += 1

    def _end(self, name: str) -> None:
        super()._end(name)
        if _local(name) == "cellXfs":
            self.in_cell_xfs = False


class _Sheet(XmlPart):
    """Follows calamine's XlsxCellReader: a `<row>` may set the row, its end adds one; a
    `<c>` with `r` sets the column, every `<c>` adds one; a cell counts only when it has a
    child element (calamine skips `<c/>` and `<c> </c>`). Anything off the canonical
    worksheet > sheetData > row > c nesting is refused, since there calamine's counting
    and any other reader's would differ."""

    def __init__(self, member: str, sheet: str, budget: Budget, max_rows: int,
                 max_cols: int, listed: bool,
                 percent_styles: frozenset[str] = frozenset(), strings: int = 0) -> None:
        super().__init__(member, budget)
        self.sheet, self.max_rows, self.max_cols = sheet, max_rows, max_cols
        self.listed = listed
        self.percent_styles = percent_styles
        self.strings = strings
        self.cell_percent = False
        self.scan = SheetScan()
        # self.depth counts the open elements: the root is at 0, sheetData 1, row 2, c 3.
        self.seen_data = self.in_data = self.zero_height = False
        self.row = self.col = self.cells = self.merged = 0
        self.cell: tuple[int, int] | None = None
        self.cell_kind: str | None = None
        self.cell_valued = self.cell_formula = False
        self.cell_value: list[str] | None = None

    # -- structure (the hot path: one call per element) ------------------------------------------
    def _start(self, name: str, attrs: dict[str, str]) -> None:
        budget = self.budget
        budget.left -= 1
        if budget.left < 0:
            self._count()
        local = name.rpartition(":")[2] if ":" in name else name
        depth = self.depth
        self.depth = depth + 1
        if depth >= MAX_DEPTH:
            self._too_deep()
        if self.in_data:
            if depth > 3:  # inside a cell (or a row's extension): the most frequent case
                if local in _STRUCTURE:
                    self._misplaced(local)
                if depth == 4 and self.cell is not None:
                    self.cell_valued = True
                    if local == "f":
                        self.cell_formula = True
                    elif local == "v":
                        self.cell_value = []
                        self.parser.CharacterDataHandler = self.cell_value.append
            elif depth == 3:
                if local == "c":
                    self._start_cell(attrs)
                elif local in _STRUCTURE:
                    self._misplaced(local)
            else:
                if local != "row":
                    self._misplaced(local)
                self._start_row(attrs)
        elif local == "sheetData":
            if depth != 1 or self.seen_data:
                self._misplaced(local)
            self.seen_data = self.in_data = True
        elif depth == 0 and not self.listed and local != "worksheet":
            # Not a worksheet and not read as one (an external link also has <sheetData>).
            self.parser.StartElementHandler = super()._start
            self.parser.EndElementHandler = super()._end
        elif local == "col":
            self._column(attrs)
        elif local == "sheetFormatPr":
            self.zero_height = attrs.get("zeroHeight") in _TRUE
        elif local == "dimension" and self.listed:
            self._declared(attrs.get("ref", ""))
        elif local == "mergeCell":
            self.merged += 1
            if self.merged > MAX_MERGED:
                raise refuse("too-complex", "more_than_merged_cells", cells=MAX_MERGED)

    def _end(self, name: str) -> None:
        self.depth -= 1
        if not self.in_data:
            return
        depth = self.depth
        if depth == 4:
            self.parser.CharacterDataHandler = None
        elif depth == 3:
            if self.cell is not None:
                self._end_cell()
        elif depth == 2:
            self.row += 1
            self.col = 0
        elif depth == 1:
            self.in_data = False

    def _misplaced(self, local: str) -> None:
        raise refuse("corrupt-file", "sheet_element_out_place", sheet=self.sheet, local=local)

    # -- rows and cells -----------------------------------------------------------------------
    def _start_row(self, attrs: dict[str, str]) -> None:
        ref = attrs.get("r")
        if ref is not None:
            if not _ROW_REF.fullmatch(ref) or int(ref) > _EXCEL_ROWS:
                raise self._bad_ref(ref)
            self.row = int(ref) - 1
        height = _number(attrs.get("ht"))
        custom = attrs.get("customHeight") in _TRUE
        hidden = attrs.get("hidden") in _TRUE or height == 0 or (
            self.zero_height and not (custom and height))
        if hidden and self.row < self.max_rows:
            self.scan.hidden_rows.add(self.row)

    def _start_cell(self, attrs: dict[str, str]) -> None:
        ref = attrs.get("r")
        if ref is None:
            self.cell = (self.row, self.col)
        else:
            position = _position(ref)
            if position is None:
                raise self._bad_ref(ref)
            self.cell = position
            self.col = position[1]
        self.cell_kind = attrs.get("t")
        self.cell_percent = attrs.get("s") in self.percent_styles
        self.cell_valued = self.cell_formula = False
        self.cell_value = None

    def _end_cell(self) -> None:
        pos, self.cell = self.cell, None
        self.col += 1
        assert pos is not None
        self.parser.CharacterDataHandler = None
        if not self.cell_valued:
            return
        row, col = pos
        self.cells += 1
        if row >= self.max_rows or col >= self.max_cols or \
                self.cells > self.max_rows * self.max_cols:
            raise UnreadableWorkbook("sheet-too-large", sheet=self.sheet, cell=cell_name(row, col),
                                     rows=self.max_rows, cols=self.max_cols)
        scan = self.scan
        if row > scan.last_row:
            scan.last_row = row
        if col > scan.last_col:
            scan.last_col = col
        written = "".join(self.cell_value) if self.cell_value is not None else ""
        value = written.strip()
        if self.cell_kind == "e":
            scan.errors[pos] = value or "#ERROR"
        elif self.cell_formula and not value:
            scan.uncached.add(pos)
        elif self.cell_kind == "s":
            scan.shared_refs += 1
            # calamine reads an index that is not a plain number as 0, silently (an empty
            # one as an empty cell).
            if self.listed and written and not (_INDEX.fullmatch(written)
                                                and int(written) < self.strings):
                scan.bad_strings[pos] = written[:24]
        elif self.cell_kind in (None, "n"):
            if self.cell_percent:
                scan.percent.add(pos)
            if value and (value[0] in _ODD_START or "e" in value or "E" in value):
                self._odd_number(pos, value)

    def _odd_number(self, pos: tuple[int, int], value: str) -> None:
        try:
            number = float(value)
        except ValueError:
            return  # calamine refuses it: the file is reported as damaged
        if not math.isfinite(number) or number < 0:
            self.scan.odd_numbers[pos] = value[:24]

    def _declared(self, ref: str) -> None:
        """A sheet that declares more than the limits is refused by name, even though its
        cells may be few: readers that trust the declaration (openpyxl's read-only mode)
        would allocate or drop cells, and Excel writes a true one when the file is saved."""
        end = _position(ref.rpartition(":")[2]) if ref else None
        if end is not None and (end[0] >= self.max_rows or end[1] >= self.max_cols):
            raise UnreadableWorkbook("sheet-too-large", sheet=self.sheet, cell=ref[:24],
                                     rows=self.max_rows, cols=self.max_cols)

    def _bad_ref(self, ref: str) -> UnreadableWorkbook:
        return refuse("corrupt-file", "sheet_invalid_cell_reference", sheet=self.sheet,
                      ref=ref[:20])

    def _column(self, attrs: dict[str, str]) -> None:
        if attrs.get("hidden") not in _TRUE and _number(attrs.get("width")) != 0:
            return
        low, high = _number(attrs.get("min")), _number(attrs.get("max"))
        if low is not None and high is not None and low >= 1:
            self.scan.hidden_cols.update(range(int(low) - 1, min(int(high), self.max_cols)))


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None


@functools.lru_cache(maxsize=1 << 16)
def _position(ref: str) -> tuple[int, int] | None:
    """An A1 reference as Excel writes it to a 0-based (row, col); None if it is not one.
    Cached: every report has the same few hundred addresses."""
    match = _CELL_REF.fullmatch(ref)
    if match is None:
        return None
    col = 0
    for ch in match[1]:
        col = col * 26 + ord(ch) - 64
    row = int(match[2])
    if col > _EXCEL_COLS or row > _EXCEL_ROWS:
        return None
    return row - 1, col - 1


# -- the entry points used by workbook.py ------------------------------------------------------
def scan_workbook(member: str, chunks: Iterable[bytes], budget: Budget) -> list[SheetEntry]:
    part = _Workbook(member, budget)
    part.feed(chunks)
    return part.sheets


def scan_relationships(member: str, chunks: Iterable[bytes], budget: Budget) -> dict[str, str]:
    part = _Relationships(member, budget)
    part.feed(chunks)
    return part.targets


def scan_strings(member: str, chunks: Iterable[bytes], budget: Budget) -> tuple[int, int]:
    """The length of the longest shared string, in bytes, and how many there are."""
    part = _Strings(member, budget)
    part.feed(chunks)
    return part.longest, part.count


def scan_styles(member: str, chunks: Iterable[bytes], budget: Budget) -> frozenset[str]:
    """Check the styles part; return the indices (as in a cell's `s`) of percentage styles."""
    part = _Styles(member, budget)
    part.feed(chunks)
    return frozenset(part.percent_styles)


def scan_sheet(member: str, sheet: str, chunks: Iterable[bytes], budget: Budget,
               max_rows: int, max_cols: int,
               percent_styles: frozenset[str] = frozenset(), strings: int = 0) -> SheetScan:
    """A worksheet the workbook lists: its cells must stay within the limits. `strings`:
    how many shared strings the workbook has (a cell's index must be below)."""
    part = _Sheet(member, sheet, budget, max_rows, max_cols, listed=True,
                  percent_styles=percent_styles, strings=strings)
    part.feed(chunks)
    return part.scan


def scan_other(member: str, chunks: Iterable[bytes], budget: Budget, max_rows: int,
               max_cols: int) -> None:
    """Any other XML part: well-formed, no DOCTYPE, within the budget; and if it is a
    worksheet the workbook does not list, within the limits all the same."""
    _Sheet(member, member, budget, max_rows, max_cols, listed=False).feed(chunks)
