"""Open a workbook safely and return its cells with their positions.

Reading goes through four guards, each cheap on a genuine report:
1. the file is sniffed by content (never by its name) and its size capped: .xlsx/.xlsm,
   OpenDocument .ods, Excel 97-2003 .xls and Excel Binary .xlsb are read;
2. a zip container (.xlsx, .ods, .xlsb) is checked and every member inflated under hard
   caps (bounded_zip.py);
3. every XML part python-calamine will parse is first parsed here, streamed, with
   calamine's own rules for where cells land, and refused unless what calamine would
   build stays within the limits (sheetxml.py for .xlsx, odsxml.py for .ods); an .xls's
   records are walked the same way (biff.py); the same passes find formulas with no
   saved result, error values, and hidden rows and columns. An .xlsb is bounded by the
   sheet dimensions calamine reports, checked before its cells become Python values;
4. on Linux all of it runs in a child process with a memory and a time limit
   (worker.py), so a reader fault nothing above foresaw costs one file, not the run.
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pilkada_cli import texts
from pilkada_cli.config import Limits
from pilkada_cli.errors import UnreadableWorkbook, refuse
from pilkada_cli.names import sheet_key
from pilkada_cli.reader.bounded_zip import SafeZip
from pilkada_cli.reader.opening import read_file
from pilkada_cli.reader.sheetxml import (
    Budget,
    SheetScan,
    capped_name,
    cell_name,
    column_name,
    scan_other,
    scan_relationships,
    scan_sheet,
    scan_strings,
    scan_styles,
    scan_workbook,
)
from pilkada_cli.reader.worker import map_limited

__all__ = ["FORMAT_NAMES", "SheetData", "UnreadableWorkbook", "Workbook", "cell_name",
           "column_name", "discover", "folders_among", "read_workbook", "read_workbooks",
           "sniff"]

_XML_SUFFIXES = (".xml", ".rels", ".vml")
_ENTITY_MARKERS = tuple(marker.encode(encoding) for marker in ("<!DOCTYPE", "<!ENTITY")
                        for encoding in ("utf-8", "utf-16-le", "utf-16-be"))
_MARKERS = (*_ENTITY_MARKERS, b"sheetData")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
# What each format is called in messages; "xlsx" also stands for .xlsm.
FORMAT_NAMES = {"xlsx": "Excel Workbook (.xlsx)", "ods": "OpenDocument (.ods)",
                "xls": "Excel 97-2003 (.xls)", "xlsb": "Excel Binary (.xlsb)"}
Scans = dict[str, tuple[bool, SheetScan | None]]


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
    percent: set[tuple[int, int]] = field(default_factory=set)  # numbers shown as n%
    bad_strings: dict[tuple[int, int], str] = field(default_factory=dict)  # see SheetScan
    odd_numbers: dict[tuple[int, int], str] = field(default_factory=dict)  # see SheetScan

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

    def merged_range(self, row: int, col: int) -> tuple[int, int, int, int] | None:
        """The merged range that covers this cell without starting at it, if any."""
        for top, left, bottom, right in self.merged:
            if top <= row <= bottom and left <= col <= right and (row, col) != (top, left):
                return top, left, bottom, right
        return None


@dataclass
class Workbook:
    path: Path
    size: int
    sha256: str
    sheets: list[SheetData]
    kind: str = "xlsx"  # a key of FORMAT_NAMES, as sniffed from the content
    content: bytes = field(default=b"", repr=False)  # the bytes read: what the archive keeps


def read_workbook(path: Path, limits: Limits, wanted: frozenset[str] | None = None) -> Workbook:
    """Read the worksheets of an .xlsx/.xlsm/.ods/.xls/.xlsb file, or raise UnreadableWorkbook.

    `wanted`: the sheet names (values.sheet_key) worth parsing; others (instructions,
    dropdown lists) are listed by name but never parsed. None parses every sheet."""
    (result,) = read_workbooks([path], limits, wanted)
    if isinstance(result, Exception):
        raise result
    return result


def read_workbooks(paths: Iterable[Path], limits: Limits,
                   wanted: frozenset[str] | None = None, *, folders: Sequence[Path] = (),
                   follow_symlinks: bool = False) -> Iterator[Workbook | Exception]:
    """read_workbook for many files, in order: each one's Workbook, or the exception that
    stopped its reading (UnreadableWorkbook, or another for a fault no check foresaw).
    The next file is read while the caller works on this one.

    `folders`: the folders the files were found in (see opening.read_file): a symlink
    under one of them may not lead out of it unless `follow_symlinks`."""
    jobs = ((path, limits, wanted, _folder_of(path, folders), follow_symlinks)
            for path in paths)
    return map_limited(_read_workbook, jobs, limits=limits)


def _folder_of(path: Path, folders: Sequence[Path]) -> Path | None:
    return next((f for f in folders if path.is_relative_to(f)), None)


def _read_workbook(job: tuple[Path, Limits, frozenset[str] | None, Path | None, bool]
                   ) -> Workbook:
    path, limits, wanted, folder, follow = job
    data = read_file(path, limits.max_file_bytes, folder, follow)
    try:
        kind, archive = sniff(data, limits)
        scans: Scans | None = None
        if kind == "xls":
            scans = _scan_xls(data, limits, wanted)
        elif kind == "ods":
            assert archive is not None
            scans = _scan_ods(archive, limits, wanted)
        elif kind == "xlsb":
            assert archive is not None
            _scan_xlsb(archive, limits)
        else:
            assert archive is not None
            scans = _scan_parts(archive, limits, wanted)
        sheets = _read_cells(data, scans, limits, wanted)
    except UnreadableWorkbook as exc:
        exc.content = data  # refused after it was read: recorded as read, never reopened
        raise
    return Workbook(path, len(data), hashlib.sha256(data).hexdigest(), sheets, kind, data)


# -- 2. the container -----------------------------------------------------------------------------
def sniff(data: bytes, limits: Limits) -> tuple[str, SafeZip | None]:
    """The format of a file's bytes (a key of FORMAT_NAMES) and, for a zip, its checked
    archive; UnreadableWorkbook for anything else. An OLE container is opened later
    (biff.py), where an encrypted or non-Excel one is told apart."""
    if data.startswith(_OLE_MAGIC):
        return "xls", None
    if not data.startswith(_ZIP_MAGIC):
        raise UnreadableWorkbook("not-workbook", what=_sniff_other(data))
    archive = SafeZip(data, limits)
    mimetype = archive.find("mimetype")
    if mimetype and b"opendocument.spreadsheet" in archive.head(mimetype, 200):
        return "ods", archive
    if mimetype and b"opendocument" in archive.head(mimetype, 200):
        raise refuse("not-workbook", "opendocument_not_spreadsheet")
    if archive.find("xl/workbook.bin"):
        return "xlsb", archive
    if archive.find("word/document.xml"):
        raise refuse("not-workbook", "word_document")
    if archive.find("ppt/presentation.xml"):
        raise refuse("not-workbook", "powerpoint_presentation")
    if not archive.find("xl/workbook.xml"):
        raise refuse("not-workbook", "zip_archive_without_workbook")
    return "xlsx", archive


def _sniff_other(data: bytes) -> texts.Phrase:
    head = data[:2048].lstrip().lower()
    if head.startswith(b"%pdf"):
        return texts.phrase("reader", "pdf_document")
    if head.startswith((b"\x89png", b"\xff\xd8\xff", b"gif8")):
        return texts.phrase("reader", "image")
    if b"<html" in head or b"<!doctype html" in head or b"<table" in head:
        return texts.phrase("reader", "html_page")
    if b"urn:schemas-microsoft-com:office:spreadsheet" in data[:8192]:
        return texts.phrase("reader", "excel_2003_xml")
    if head.startswith(b"<?xml"):
        return texts.phrase("reader", "xml_file")
    if head.startswith(b"pk"):
        return texts.phrase("reader", "incomplete_zip_archive")
    try:
        text = data[:4096].decode("utf-8")
    except UnicodeDecodeError:
        return texts.phrase("reader", "binary_data_unknown_kind")
    first = text.splitlines()[0] if text.splitlines() else ""
    if first.count(",") + first.count(";") + first.count("\t") >= 2:
        return texts.phrase("reader", "csv_or_text_table")
    return texts.phrase("reader", "text_file")


# -- 3. the XML parts -----------------------------------------------------------------------------
def _scan_parts(archive: SafeZip, limits: Limits,
                wanted: frozenset[str] | None) -> dict[str, tuple[bool, SheetScan | None]]:
    """Sheet name -> (hidden, scan) for every worksheet, after every XML part has passed.
    A sheet that is not wanted gets no scan: it will not be parsed, so it is only searched."""
    budget = Budget(4 * limits.max_rows * limits.max_cols)
    done: set[str] = set()

    def part(name: str) -> str | None:
        member = archive.find(name)
        if member is not None:
            done.add(member)
        return member

    book, rels = part("xl/workbook.xml"), part("xl/_rels/workbook.xml.rels")
    assert book is not None
    if rels is None:
        raise _missing_part("xl/_rels/workbook.xml.rels")
    entries = scan_workbook(book, archive.chunks(book), budget)
    targets = scan_relationships(rels, archive.chunks(rels), budget)
    longest = count = 0
    if strings := part("xl/sharedStrings.xml"):
        longest, count = scan_strings(strings, archive.chunks(strings), budget)
    percent_styles: frozenset[str] = frozenset()
    if styles := part("xl/styles.xml"):
        percent_styles = scan_styles(styles, archive.chunks(styles), budget)
    scans: dict[str, tuple[bool, SheetScan | None]] = {}
    seen_names: set[str] = set()
    for entry in entries:
        if entry.name.casefold() in seen_names:
            raise refuse("corrupt-file", "two_sheets_named", sheet=entry.name)
        seen_names.add(entry.name.casefold())
        path = _calamine_path(targets.get(entry.rid or "", ""))
        kind = path.split("/")[1] if path.count("/") >= 2 else ""
        if kind in ("chartsheets", "dialogsheets"):
            continue
        if wanted is not None and sheet_key(entry.name) not in wanted:
            scans[entry.name] = (entry.state != "visible", None)
            continue
        member = part(path) if kind == "worksheets" else None
        if member is None:
            raise _missing_part(path or entry.name)
        scan = scan_sheet(member, entry.name, archive.chunks(member), budget,
                          limits.max_rows, limits.max_cols, percent_styles, count)
        if scan.shared_refs * longest > limits.max_inflated_bytes:
            raise refuse("too-complex", "sheet_repeats_long_text", sheet=entry.name)
        scans[entry.name] = (entry.state != "visible", scan)
    # Parts calamine does not read are only searched, not parsed (that is the slow part):
    # refused if they declare entities, parsed as a worksheet if they hold sheet data, so
    # that a worksheet the workbook does not list is bounded all the same. Listed sheets
    # that are not wanted are never handed to calamine, so a search is enough for them.
    skipped = {_calamine_path(targets.get(e.rid or "", "")) for e in entries
               if scans.get(e.name, (False, True))[1] is None}
    for name in archive.names():
        if name in done:
            continue
        found = archive.search(name, _MARKERS if name.lower().endswith(_XML_SUFFIXES) else ())
        if found & set(_ENTITY_MARKERS):
            raise refuse("unsafe-file", "doctype", part=name)
        if b"sheetData" in found and name not in skipped:
            scan_other(name, archive.chunks(name), budget, limits.max_rows, limits.max_cols)
    return scans


def _scan_ods(archive: SafeZip, limits: Limits, wanted: frozenset[str] | None) -> Scans:
    """The .ods parts calamine reads (the manifest, content.xml) parsed under the limits;
    every other part only searched for entity declarations."""
    from pilkada_cli.reader.odsxml import scan_content, scan_manifest  # only for an .ods

    budget = Budget(4 * limits.max_rows * limits.max_cols)
    manifest, content = archive.find("META-INF/manifest.xml"), archive.find("content.xml")
    if manifest is None or content is None:
        raise _missing_part("META-INF/manifest.xml" if manifest is None else "content.xml")
    if scan_manifest(manifest, archive.chunks(manifest), budget):
        raise UnreadableWorkbook("password-protected")
    tables = scan_content(content, archive.chunks(content), budget, limits.max_rows,
                          limits.max_cols, limits.max_inflated_bytes)
    _refuse_entities(archive, {manifest, content})
    return {t.name: (t.hidden, t.scan if wanted is None or sheet_key(t.name) in wanted
                     else None) for t in tables}


def _scan_xls(data: bytes, limits: Limits, wanted: frozenset[str] | None) -> Scans:
    from pilkada_cli.reader.biff import scan_xls  # only for an .xls

    sheets = scan_xls(data, Budget(4 * limits.max_rows * limits.max_cols), limits.max_rows,
                      limits.max_cols, limits.max_inflated_bytes)
    return {s.name: (s.hidden, s.scan if wanted is None or sheet_key(s.name) in wanted
                     else None) for s in sheets}


def _scan_xlsb(archive: SafeZip, limits: Limits) -> None:
    """An .xlsb's cells are binary: each worksheet's declared size is checked here, what
    it holds by calamine's dimensions later (_check_dimensions); its XML parts (the
    relationships) are searched like any other."""
    from pilkada_cli.reader.biff import xlsb_declared  # only for an .xlsb

    for name in archive.names():
        if name.lower().startswith("xl/worksheets/") and name.lower().endswith(".bin"):
            declared = xlsb_declared(archive.head(name, 4096))
            if declared is not None and (declared[0] >= limits.max_rows
                                         or declared[1] >= limits.max_cols):
                raise UnreadableWorkbook("sheet-too-large", sheet=name[:80],
                                         cell=capped_name(*declared),
                                         rows=limits.max_rows, cols=limits.max_cols)
    _refuse_entities(archive, set())


def _refuse_entities(archive: SafeZip, done: set[str]) -> None:
    """Search every XML part not parsed already: none may declare a DOCTYPE or entities.
    Searching inflates each part, so its size and checksum are checked too."""
    for name in archive.names():
        if name in done:
            continue
        xml = name.lower().endswith((*_XML_SUFFIXES, ".rdf"))
        if archive.search(name, _ENTITY_MARKERS if xml else ()):
            raise refuse("unsafe-file", "doctype", part=name)


def _calamine_path(target: str) -> str:
    """Where calamine looks for a relationship target (it does not resolve '..')."""
    if target.startswith("/xl/"):
        return target[1:]
    if target.startswith("xl/") or not target:
        return target
    return "xl/" + target


def _missing_part(name: str) -> UnreadableWorkbook:
    return refuse("corrupt-file", "part_missing", name=name[:80])


# -- 4. the cells ---------------------------------------------------------------------------------
def _read_cells(data: bytes, scans: Scans | None, limits: Limits,
                wanted: frozenset[str] | None) -> list[SheetData]:
    """Each worksheet's values as calamine reads them, with what its scan found beside.
    `scans` None (an .xlsb): no scan; each wanted sheet is bounded by its dimensions."""
    import python_calamine

    _strings_exist(scans)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        for meta in book.sheets_metadata:
            if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
                continue
            if scans is None:
                parse = wanted is None or sheet_key(meta.name) in wanted
                hidden, scan = False, SheetScan() if parse else None
            elif meta.name not in scans:  # never read a sheet that was not scanned first
                raise _missing_part(meta.name)
            else:
                hidden, scan = scans[meta.name]
            hidden = hidden or meta.visible != python_calamine.SheetVisibleEnum.Visible
            if scan is None:  # not wanted: named, never parsed
                sheets.append(SheetData(meta.name, [], hidden=hidden))
                continue
            sheet = book.get_sheet_by_name(meta.name)
            _check_dimensions(meta.name, sheet.end, limits)
            merged = [(a[0], a[1], b[0], b[1]) for a, b in sheet.merged_cell_ranges or ()]
            sheets.append(SheetData(
                meta.name, sheet.to_python(), origin=sheet.start or (0, 0), hidden=hidden,
                merged=merged or scan.merged, uncached=scan.uncached, errors=scan.errors,
                hidden_rows=scan.hidden_rows, hidden_cols=scan.hidden_cols,
                percent=scan.percent, bad_strings=scan.bad_strings,
                odd_numbers=scan.odd_numbers))
    except (UnreadableWorkbook, KeyboardInterrupt, SystemExit):
        raise
    except python_calamine.PasswordError as exc:
        raise UnreadableWorkbook("password-protected") from exc
    except MemoryError as exc:
        raise refuse("too-complex", "not_enough_memory_read") from exc
    except BaseException as exc:  # calamine raises unrelated types; a Rust panic is a BaseException
        raise UnreadableWorkbook("corrupt-file", what=_short(exc)) from exc
    return sheets


def _check_dimensions(name: str, end: tuple[int, int] | None, limits: Limits) -> None:
    """Refuse a sheet whose cells reach beyond the limits before they become Python
    values (about 50 bytes a cell): the only bound on an .xlsb, a second one elsewhere."""
    if end is not None and (end[0] >= limits.max_rows or end[1] >= limits.max_cols):
        raise UnreadableWorkbook("sheet-too-large", sheet=name, cell=cell_name(*end),
                                 rows=limits.max_rows, cols=limits.max_cols)


def _strings_exist(scans: Scans | None) -> None:
    """A shared-string index beyond the table stops calamine reading the sheet at all: said
    at its cell instead. (An index that is not a number at all is read, and its cell
    reported, by validate.)"""
    for name, (_, scan) in (scans or {}).items():
        for (row, col), written in sorted(scan.bad_strings.items() if scan else ()):
            if _INDEX.fullmatch(written):
                raise UnreadableWorkbook("bad-shared-string", at_sheet=name,
                                         at_cell=cell_name(row, col), value=written)


_INDEX = re.compile(r"[0-9]+")


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]


WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv")


def _is_recap(path: Path) -> bool:
    """A provincial recap in a folder: a .json named for one (`rekap-2024-11-18.json`);
    other JSON beside the reports (an export, a list) is not looked at."""
    return path.suffix.lower() == ".json" and "rekap" in path.name.casefold()


def discover(paths: list[Path]) -> list[Path]:
    """Files named outright, and every spreadsheet-like file under the folders named.

    Inside a folder only spreadsheet extensions count (a README or a photo beside the
    reports is not one), and a provincial recap's `rekap-*.json`; Office lock files
    (~$…) and hidden files are skipped. Anything
    else with such a name (a pipe, a device, a broken link) is kept so that it gets a
    message, and symlinked folders are not followed. A file named outright is always
    checked, whatever its name, so a wrong format gets a message.
    """
    found: list[Path] = []
    for path in paths:
        if _is_dir(path):
            found.extend(
                p for p in sorted(path.rglob("*"))
                if (p.suffix.lower() in WORKBOOK_SUFFIXES or _is_recap(p))
                and not p.name.startswith(("~$", ".")) and not _is_dir(p))
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def folders_among(paths: Iterable[Path]) -> list[Path]:
    """The folders among the paths given: what discover() searched, the run's inboxes."""
    return [path for path in paths if _is_dir(path)]


def _is_dir(path: Path) -> bool:
    """Whether the path is a folder; a path that cannot be looked at here is not one (its
    reading then says why, as that file's own issue)."""
    try:
        return path.is_dir()
    except OSError:
        return False
