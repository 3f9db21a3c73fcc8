"""Walk an Excel 97-2003 (.xls) workbook's records before python-calamine reads them.

An .xls is binary (BIFF8 records in an OLE container), so there is no XML to pre-scan,
and calamine parses every sheet as soon as the file is opened: it reserves room for
the rows x columns a sheet's DIMENSIONS record declares, so one record declaring a
million rows asks for gigabytes before a single cell is read. Here the Workbook stream
is taken out of its container (olefile, pure Python, its reads bounded by the file)
and its records are walked once: a file with a FILEPASS record is password-protected;
a sheet that declares or holds cells beyond the limits is refused by name; and the
walk notes what calamine drops: error values (it reads them as empty), hidden rows and
columns, and numbers shown as percentages. The isolated worker's memory and time
limits (worker.py) remain the defence against whatever this walk does not foresee.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass

from pilkada_cli.errors import UnreadableWorkbook, refuse
from pilkada_cli.reader.sheetxml import (
    MAX_MERGED,
    MAX_SHEETS,
    Budget,
    SheetScan,
    capped_name,
    percent_format,
)

_RECORD = struct.Struct("<HH")
_CELL = struct.Struct("<HHH")  # row, column, format index: how every cell record begins
_BOF, _EOF, _FILEPASS, _BOUNDSHEET = 0x0809, 0x000A, 0x002F, 0x0085
_FORMAT, _XF, _SST, _CONTINUE = 0x041E, 0x00E0, 0x00FC, 0x003C
_DIMENSIONS, _ROW, _COLINFO, _MERGEDCELLS = 0x0200, 0x0208, 0x007D, 0x00E5
_NUMBER, _RK, _MULRK, _FORMULA, _BOOLERR = 0x0203, 0x027E, 0x00BD, 0x0006, 0x0205
_LABELSST, _LABEL, _RSTRING = 0x00FD, 0x0204, 0x00D6
_TEXT_CELLS = frozenset({_LABELSST, _LABEL, _RSTRING})
_ERRORS = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?",
           0x24: "#NUM!", 0x2A: "#N/A", 0x2B: "#GETTING_DATA"}
_PERCENT_BUILTIN = frozenset({9, 10})


@dataclass
class BiffSheet:
    """One sheet of the workbook, as BOUNDSHEET lists it; `scan` only for worksheets."""

    name: str
    hidden: bool
    scan: SheetScan | None


def workbook_stream(data: bytes) -> bytes:
    """The Workbook stream of an OLE container, or why there is none."""
    import olefile

    try:
        ole = olefile.OleFileIO(data)
    except Exception as exc:  # olefile raises OSError, ValueError, IndexError... on bad input
        raise refuse("corrupt-file", "ole_container_truncated_or_broken") from exc
    try:
        if ole.exists("EncryptedPackage"):
            raise UnreadableWorkbook("password-protected")
        if ole.exists("Workbook"):
            return bytes(ole.openstream("Workbook").read())
        if ole.exists("Book"):
            raise UnreadableWorkbook("unsupported-format", what="Excel 5.0/95 (.xls)")
        if ole.exists("WordDocument"):
            raise refuse("not-workbook", "word_97_2003_document")
        if ole.exists("PowerPoint Document"):
            raise refuse("not-workbook", "powerpoint_97_2003_presentation")
        raise refuse("not-workbook", "ole_container_unknown_kind")
    except UnreadableWorkbook:
        raise
    except Exception as exc:
        raise refuse("corrupt-file", "ole_container_broken") from exc
    finally:
        ole.close()


def _records(stream: bytes, start: int, budget: Budget) -> Iterator[tuple[int, bytes]]:
    """(type, body) of each record from `start`; a record cut off is a broken file."""
    at = start
    while at + 4 <= len(stream):
        kind, size = _RECORD.unpack_from(stream, at)
        if at + 4 + size > len(stream):
            break
        budget.left -= 1
        budget.check()
        yield kind, stream[at + 4:at + 4 + size]
        at += 4 + size
    raise refuse("corrupt-file", "biff_record_cut_off")


class _Globals:
    """The workbook globals: sheets, number formats, cell formats, shared strings."""

    def __init__(self, stream: bytes, budget: Budget) -> None:
        self.sheets: list[tuple[int, int, int, bytes]] = []  # offset, state, type, raw name
        formats: dict[int, bool] = {}
        self.xf_formats: list[int] = []
        self.strings_bytes = 0
        in_strings = False
        records = _records(stream, 0, budget)
        kind, _ = next(records)
        if kind != _BOF:
            raise refuse("corrupt-file", "workbook_stream_without_bof")
        for kind, body in records:
            in_strings = kind == _SST or (in_strings and kind == _CONTINUE)
            if in_strings:
                self.strings_bytes += len(body)
            if kind == _EOF:
                break
            if kind == _FILEPASS:
                raise UnreadableWorkbook("password-protected")
            if kind == _BOUNDSHEET and len(body) >= 8:
                if len(self.sheets) >= MAX_SHEETS:
                    raise refuse("too-complex", "more_than_sheets", sheets=MAX_SHEETS)
                offset, state, typ = struct.unpack_from("<IBB", body)
                self.sheets.append((offset, state & 3, typ, body[6:]))
            elif kind == _FORMAT and len(body) >= 5:
                number, count, flags = struct.unpack_from("<HHB", body)
                raw = body[5:5 + count * (2 if flags & 1 else 1)]
                formats[number] = percent_format(raw.decode(
                    "utf-16-le" if flags & 1 else "latin-1", "replace"))
            elif kind == _XF and len(body) >= 4:
                self.xf_formats.append(struct.unpack_from("<H", body, 2)[0])
        self.percent_xf = frozenset(
            i for i, number in enumerate(self.xf_formats)
            if number in _PERCENT_BUILTIN or formats.get(number, False))

    @staticmethod
    def name(raw: bytes) -> str:
        """A sheet name: ShortXLUnicodeString (count, flags, then UTF-16 or, compressed,
        Latin-1 characters: BIFF8 ignores the code page here)."""
        if len(raw) < 2:
            return ""
        count, flags = raw[0], raw[1]
        if flags & 1:
            return raw[2:2 + 2 * count].decode("utf-16-le", "replace")
        return raw[2:2 + count].decode("latin-1")


def scan_xls(data: bytes, budget: Budget, max_rows: int, max_cols: int,
             max_text: int) -> list[BiffSheet]:
    """Every sheet the workbook lists, in order; worksheets are walked (all of them:
    calamine parses every one when the file is opened) and must stay within the limits."""
    stream = workbook_stream(data)
    book = _Globals(stream, budget)
    sheets = []
    for offset, state, typ, raw in book.sheets:
        name = book.name(raw)
        scan = None
        if typ == 0:
            scan = _Sheet(name, book, max_rows, max_cols, max_text).walk(stream, offset, budget)
        sheets.append(BiffSheet(name, state != 0, scan))
    return sheets


class _Sheet:
    def __init__(self, name: str, book: _Globals, max_rows: int, max_cols: int,
                 max_text: int) -> None:
        self.name, self.book = name, book
        self.max_rows, self.max_cols, self.max_text = max_rows, max_cols, max_text
        self.scan = SheetScan()

    def walk(self, stream: bytes, offset: int, budget: Budget) -> SheetScan:
        if offset >= len(stream):
            raise refuse("corrupt-file", "part_missing", name=self.name[:80])
        depth, merged = 0, 0
        for kind, body in _records(stream, offset, budget):
            if kind == _BOF:
                depth += 1
            elif kind == _EOF:
                depth -= 1
                if depth <= 0:
                    break
            if depth != 1:  # a chart or other substream inside the sheet
                continue
            if kind == _DIMENSIONS and len(body) >= 12:
                _, rows, _, cols = struct.unpack_from("<IIHH", body)
                if rows > self.max_rows or cols > self.max_cols:
                    self._too_large(max(rows - 1, 0), max(cols - 1, 0))
            elif kind == _ROW and len(body) >= 14:
                row, flags = struct.unpack_from("<H", body)[0], body[12]
                if flags & 0x20 and row < self.max_rows:
                    self.scan.hidden_rows.add(row)
            elif kind == _COLINFO and len(body) >= 10:
                first, last, _, _, flags = struct.unpack_from("<HHHHH", body)
                if flags & 1:
                    self.scan.hidden_cols.update(range(first, min(last + 1, self.max_cols)))
            elif kind == _MERGEDCELLS and len(body) >= 2:
                merged += struct.unpack_from("<H", body)[0]
                if merged > MAX_MERGED:
                    raise refuse("too-complex", "more_than_merged_cells", cells=MAX_MERGED)
            elif kind == _MULRK and len(body) >= 6:
                row, first = struct.unpack_from("<HH", body)
                last = struct.unpack_from("<H", body, len(body) - 2)[0]
                for index, col in enumerate(range(first, last + 1)):
                    at = 4 + 6 * index
                    if at + 2 <= len(body) - 2:
                        self._cell(row, col, struct.unpack_from("<H", body, at)[0], True)
            elif kind in (_NUMBER, _RK, _FORMULA, _BOOLERR) or kind in _TEXT_CELLS:
                if len(body) < 6:
                    continue
                row, col, xf = _CELL.unpack_from(body)
                self._cell(row, col, xf, kind in (_NUMBER, _RK))
                if kind in _TEXT_CELLS:
                    self.scan.shared_refs += 1
                elif kind == _BOOLERR and len(body) >= 8 and body[7] == 1:
                    self.scan.errors[(row, col)] = _ERRORS.get(body[6], "#ERROR")
                elif kind == _FORMULA and len(body) >= 14:
                    if body[12:14] != b"\xff\xff":
                        self._cell(row, col, xf, True)  # a numeric result
                    elif body[6] == 2:
                        self.scan.errors[(row, col)] = _ERRORS.get(body[8], "#ERROR")
        if self.scan.shared_refs * min(self.book.strings_bytes, 32_767 * 2) > self.max_text:
            raise refuse("too-complex", "sheet_repeats_long_text", sheet=self.name)
        return self.scan

    def _cell(self, row: int, col: int, xf: int, number: bool) -> None:
        if row >= self.max_rows or col >= self.max_cols:
            self._too_large(row, col)
        scan = self.scan
        scan.last_row, scan.last_col = max(scan.last_row, row), max(scan.last_col, col)
        if number and xf in self.book.percent_xf:
            scan.percent.add((row, col))

    def _too_large(self, row: int, col: int) -> None:
        raise UnreadableWorkbook("sheet-too-large", sheet=self.name,
                                 cell=capped_name(row, col),
                                 rows=self.max_rows, cols=self.max_cols)


# -- .xlsb: BIFF12 records in a zip --------------------------------------------------------------
_BRT_WS_DIM, _BRT_BEGIN_SHEET_DATA = 0x0094, 0x0091


def xlsb_declared(head: bytes) -> tuple[int, int] | None:
    """The last (row, column) an .xlsb worksheet part declares (BrtWsDim, among its first
    records, before its cells), or None if its first bytes hold no such record."""
    at = 0
    while at < len(head):
        kind, at = _varint(head, at, 2)
        size, at = _varint(head, at, 4)
        if kind < 0 or size < 0 or kind == _BRT_BEGIN_SHEET_DATA:
            return None
        if kind == _BRT_WS_DIM and at + 16 <= len(head):
            _, last_row, _, last_col = struct.unpack_from("<IIII", head, at)
            return last_row, last_col
        at += size
    return None


def _varint(data: bytes, at: int, most: int) -> tuple[int, int]:
    """A BIFF12 record type (at most 2 bytes) or size (4): 7 bits a byte, low bits first;
    -1 if the bytes run out."""
    value = 0
    for index in range(most):
        if at >= len(data):
            return -1, at
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << (7 * index)
        if not byte & 0x80:
            break
    return value, at
