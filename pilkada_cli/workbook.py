"""Open a workbook safely and return its cells with their positions.

The file is sniffed by content (never by its name), its zip container is bounded
before anything is inflated in earnest, and each worksheet's XML is scanned for
its real extent before python-calamine parses it: calamine allocates the whole
used grid up front, so one cell at XFD1048576 would otherwise abort the process.
The scan also finds what every reader hides: formulas with no saved result,
error values, and hidden rows and columns.
"""

from __future__ import annotations

import functools
import hashlib
import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import python_calamine
from defusedxml import ElementTree

from .config import Limits

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_NS_PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"
_CELL_REF = re.compile(rb"<" + _NS_PREFIX + rb"c\s[^>]*?\br=\"([A-Z]{1,4})([0-9]{1,8})\"")
_CELL_FULL = re.compile(
    rb"<" + _NS_PREFIX + rb"c(\s[^>]*?)?(?:/>|>(.*?)</" + _NS_PREFIX + rb"c>)", re.S
)
_ATTR_R = re.compile(rb"\br=\"([A-Z]{1,4})([0-9]{1,8})\"")
_ATTR_T = re.compile(rb"\bt=\"(\w+)\"")
_VALUE = re.compile(rb"<" + _NS_PREFIX + rb"v>([^<]*)</")
_FORMULA = re.compile(rb"<" + _NS_PREFIX + rb"f[\s/>]")
_HIDDEN_ROW = re.compile(rb"<" + _NS_PREFIX + rb"row\s[^>]*?\bhidden=\"(?:1|true)\"[^>]*>")
_HIDDEN_COL = re.compile(rb"<" + _NS_PREFIX + rb"col\s[^>]*?\bhidden=\"(?:1|true)\"[^>]*>")
_ATTR_ROW = re.compile(rb"\br=\"([0-9]+)\"")
_ATTR_MIN = re.compile(rb"\bmin=\"([0-9]+)\"")
_ATTR_MAX = re.compile(rb"\bmax=\"([0-9]+)\"")


class UnreadableWorkbook(Exception):
    """The file cannot be read as a workbook; `code` names the issue, `params` fill it."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass
class SheetData:
    """One worksheet's values (as calamine reads them) and what the XML says beside them."""

    name: str
    rows: list[list[Any]]
    origin: tuple[int, int] = (0, 0)
    hidden: bool = False
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    uncached: set[tuple[int, int]] = field(default_factory=set)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)

    @property
    def height(self) -> int:
        return self.origin[0] + len(self.rows)

    @functools.cached_property
    def width(self) -> int:
        return self.origin[1] + max((len(r) for r in self.rows), default=0)

    def value(self, row: int, col: int) -> Any:
        """The value at a 0-based position; '' for an empty or absent cell."""
        r, c = row - self.origin[0], col - self.origin[1]
        if 0 <= r < len(self.rows) and 0 <= c < len(self.rows[r]):
            return self.rows[r][c]
        return ""

    def row_values(self, row: int) -> list[Any]:
        return [self.value(row, c) for c in range(self.width)]


@dataclass
class Workbook:
    path: Path
    size: int
    sha256: str
    sheets: list[SheetData]


def column_name(col: int) -> str:
    """0-based column index to its letters: 0 -> A, 26 -> AA."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_name(row: int, col: int) -> str:
    """0-based (row, col) to an A1 address."""
    return f"{column_name(col)}{row + 1}"


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n - 1


def read_workbook(path: Path, limits: Limits) -> Workbook:
    """Read every worksheet of an .xlsx/.xlsm file, or raise UnreadableWorkbook."""
    data = _read_bytes(path, limits)
    archive = _open_zip(data, limits)
    scans = _scan_sheets(archive, limits)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        for meta in book.sheets_metadata:
            if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
                continue
            sheet = book.get_sheet_by_name(meta.name)
            scan = scans.get(meta.name, SheetData(meta.name, []))
            scan.rows = sheet.to_python()
            scan.origin = sheet.start or (0, 0)
            scan.hidden = meta.visible != python_calamine.SheetVisibleEnum.Visible
            scan.merged = [(a[0], a[1], b[0], b[1]) for a, b in sheet.merged_cell_ranges or ()]
            sheets.append(scan)
    except python_calamine.PasswordError as exc:
        raise UnreadableWorkbook("password-protected") from exc
    except Exception as exc:  # calamine raises several unrelated types for broken files
        raise UnreadableWorkbook("corrupt-file", what=_short(exc)) from exc
    return Workbook(path, len(data), hashlib.sha256(data).hexdigest(), sheets)


def _read_bytes(path: Path, limits: Limits) -> bytes:
    from .i18n import fmt_size

    try:
        size = path.stat().st_size
        if not path.is_file():
            raise UnreadableWorkbook("not-workbook", what="folder or special file")
        if size == 0:
            raise UnreadableWorkbook("file-empty")
        if size > limits.max_file_bytes:
            raise UnreadableWorkbook("file-too-large", size=fmt_size(size),
                                     limit=fmt_size(limits.max_file_bytes))
        with path.open("rb") as handle:
            data = handle.read(limits.max_file_bytes + 1)
    except FileNotFoundError as exc:
        raise UnreadableWorkbook("file-missing") from exc
    except OSError as exc:
        raise UnreadableWorkbook("corrupt-file", what=exc.strerror or str(exc)) from exc
    if not data:
        raise UnreadableWorkbook("file-empty")
    return data


def _open_zip(data: bytes, limits: Limits) -> zipfile.ZipFile:
    if data.startswith(_OLE_MAGIC):
        raise UnreadableWorkbook(*_sniff_ole(data))
    if not data.startswith(_ZIP_MAGIC):
        raise UnreadableWorkbook("not-workbook", what=_sniff_other(data))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise UnreadableWorkbook("corrupt-file", what="zip container truncated or broken") from exc
    if len(members) > limits.max_members:
        raise UnreadableWorkbook("zip-bomb", what=f"{len(members)} parts in the archive")
    inflated = sum(m.file_size for m in members)
    if inflated > limits.max_inflated_bytes:
        raise UnreadableWorkbook("zip-bomb", what=f"it inflates to {inflated // 2**20} MB")
    for m in members:
        if m.file_size > 2**20 and m.file_size > limits.max_ratio * max(m.compress_size, 1):
            raise UnreadableWorkbook(
                "zip-bomb", what=f"'{m.filename}' inflates {m.file_size // max(m.compress_size, 1)}"
                " times")
    names = {m.filename for m in members}
    if "mimetype" in names and b"opendocument.spreadsheet" in _read(archive, "mimetype", 200):
        raise UnreadableWorkbook("unsupported-format", what="OpenDocument (.ods)")
    if "xl/workbook.bin" in names:
        raise UnreadableWorkbook("unsupported-format", what="Excel Binary (.xlsb)")
    if "word/document.xml" in names:
        raise UnreadableWorkbook("not-workbook", what="a Word document")
    if "ppt/presentation.xml" in names:
        raise UnreadableWorkbook("not-workbook", what="a PowerPoint presentation")
    if "xl/workbook.xml" not in names:
        raise UnreadableWorkbook("not-workbook", what="a zip archive without a workbook in it")
    for m in members:
        if m.filename.endswith((".xml", ".rels")):
            head = _read(archive, m.filename, 4096)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise UnreadableWorkbook("zip-bomb", what=f"'{m.filename}' declares XML entities")
    return archive


def _read(archive: zipfile.ZipFile, name: str, limit: int = -1) -> bytes:
    try:
        with archive.open(name) as member:
            return member.read(limit)
    except Exception as exc:  # BadZipFile, zlib.error, RuntimeError (legacy zip password)
        raise UnreadableWorkbook("corrupt-file", what=f"'{name}': {_short(exc)}") from exc


def _sniff_ole(data: bytes) -> tuple[str, dict[str, str]]:
    """An OLE container is an encrypted OOXML file or an old binary Office file."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return "password-protected", {}
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return "unsupported-format", {"what": "Excel 97-2003 (.xls)"}
    if "WordDocument".encode("utf-16-le") in data:
        return "not-workbook", {"what": "a Word 97-2003 document"}
    if "PowerPoint".encode("utf-16-le") in data:
        return "not-workbook", {"what": "a PowerPoint 97-2003 presentation"}
    return "not-workbook", {"what": "an OLE container of unknown kind"}


def _sniff_other(data: bytes) -> str:
    head = data[:2048].lstrip().lower()
    if head.startswith(b"%pdf"):
        return "a PDF document"
    if head.startswith((b"\x89png", b"\xff\xd8\xff", b"gif8")):
        return "an image"
    if b"<html" in head or b"<!doctype html" in head or b"<table" in head:
        return "an HTML page"
    if b"urn:schemas-microsoft-com:office:spreadsheet" in data[:8192]:
        return "Excel 2003 XML"
    if head.startswith(b"<?xml"):
        return "an XML file"
    if head.startswith(b"pk"):
        return "an incomplete zip archive"
    try:
        text = data[:4096].decode("utf-8")
    except UnicodeDecodeError:
        return "binary data of unknown kind"
    first = text.splitlines()[0] if text.splitlines() else ""
    if first.count(",") + first.count(";") + first.count("\t") >= 2:
        return "a CSV or text table"
    return "a text file"


def _sheet_members(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> zip member of its XML, from workbook.xml and its relationships."""
    try:
        book = ElementTree.fromstring(_read(archive, "xl/workbook.xml"))
        rels = ElementTree.fromstring(_read(archive, "xl/_rels/workbook.xml.rels"))
    except UnreadableWorkbook:
        raise
    except Exception as exc:  # defusedxml forbids entities; ParseError for broken XML
        raise UnreadableWorkbook("corrupt-file", what=f"workbook.xml: {_short(exc)}") from exc
    targets = {}
    for rel in rels:
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join("xl", target))
        targets[rel.get("Id")] = target
    members = {}
    for element in book.iter():
        if element.tag.rsplit("}", 1)[-1] != "sheet":
            continue
        rid = next((v for k, v in element.attrib.items() if k.rsplit("}", 1)[-1] == "id"), None)
        if rid in targets:
            members[element.get("name", "")] = targets[rid]
    return members


def _scan_sheets(archive: zipfile.ZipFile, limits: Limits) -> dict[str, SheetData]:
    members = _sheet_members(archive)
    names = set(archive.namelist())
    scans: dict[str, SheetData] = {}
    for name, member in members.items():
        if member not in names:
            continue
        xml = _read(archive, member)
        scans[name] = _scan_sheet(name, xml, limits)
    # A worksheet part no sheet entry points at is still parsed by some readers: bound it too.
    for member in names - set(members.values()):
        if member.startswith("xl/worksheets/") and member.endswith(".xml"):
            _scan_sheet(member, _read(archive, member), limits)
    return scans


def _scan_sheet(name: str, xml: bytes, limits: Limits) -> SheetData:
    scan = SheetData(name, [])
    refs = _CELL_REF.findall(xml)
    if refs:
        max_row = max(int(r) for _, r in refs)
        max_col = max(_col_index(c) for c in {c for c, _ in refs})
        if max_row > limits.max_rows or max_col >= limits.max_cols:
            _check_valued_extent(name, xml, limits)
    if xml.count(b"<c") > limits.max_rows * limits.max_cols:
        raise UnreadableWorkbook("sheet-too-large", sheet=name, cell="?",
                                 rows=limits.max_rows, cols=limits.max_cols)
    if _FORMULA.search(xml) or b't="e"' in xml:
        for match in _CELL_FULL.finditer(xml):
            attrs, inner = match.group(1) or b"", match.group(2) or b""
            ref = _ATTR_R.search(attrs)
            if ref is None:
                continue
            pos = (int(ref[2]) - 1, _col_index(ref[1]))
            value = _VALUE.search(inner)
            kind = _ATTR_T.search(attrs)
            if kind and kind[1] == b"e":
                scan.errors[pos] = (value[1] if value else b"#ERROR").decode("ascii", "replace")
            elif _FORMULA.search(inner) and not (value and value[1].strip()):
                scan.uncached.add(pos)
    if b"hidden=" in xml:
        for tag in _HIDDEN_ROW.findall(xml):
            row = _ATTR_ROW.search(tag)
            if row:
                scan.hidden_rows.add(int(row[1]) - 1)
        for tag in _HIDDEN_COL.findall(xml):
            low, high = _ATTR_MIN.search(tag), _ATTR_MAX.search(tag)
            if low and high:
                first, last = int(low[1]) - 1, min(int(high[1]), limits.max_cols)
                scan.hidden_cols.update(range(first, last))
    return scan


def _check_valued_extent(name: str, xml: bytes, limits: Limits) -> None:
    """Slow path for a sheet that reaches far: only cells with a value count, as in calamine."""
    for match in _CELL_FULL.finditer(xml):
        inner = match.group(2)
        if not inner or not inner.strip():
            continue
        ref = _ATTR_R.search(match.group(1) or b"")
        if ref and (int(ref[2]) > limits.max_rows or _col_index(ref[1]) >= limits.max_cols):
            raise UnreadableWorkbook("sheet-too-large", sheet=name,
                                     cell=(ref[1] + ref[2]).decode(),
                                     rows=limits.max_rows, cols=limits.max_cols)


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]


WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv")


def discover(paths: list[Path]) -> list[Path]:
    """Files named outright, and every spreadsheet-like file under the folders named.

    Inside a folder only spreadsheet extensions count (a README or a photo beside the
    reports is not one); Office lock files (~$…) and hidden files are skipped. A file
    named outright is always checked, whatever its name, so a wrong format gets a message.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in WORKBOOK_SUFFIXES
                and not p.name.startswith(("~$", ".")))
        else:
            found.append(path)
    return list(dict.fromkeys(found))
