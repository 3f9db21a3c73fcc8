"""A corrected copy to send back: every problem of a checked workbook marked in place.

Each offending cell is filled (red for errors, yellow for warnings) and carries a
comment with the message; a first sheet "Koreksi" lists every issue with a link to
its cell. The copy is made from the very bytes that were checked: the file is read
once more (opened as the reader opens it, never blocking) and its SHA-256 must match
the report's, which also means it already
passed the safe reader's size and zip limits before openpyxl parses it (openpyxl
parses XML through defusedxml). A file openpyxl cannot open (.ods, .xls, .xlsb) is
rebuilt as .xlsx from the cells the safe reader gives (rebuild.py), so every copy is
an .xlsx. The original file is only ever read.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import quote_sheetname
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from pilkada_cli import texts
from pilkada_cli.checking.model import ERROR, Issue, Report
from pilkada_cli.config import Limits, load_config
from pilkada_cli.errors import UnreadableWorkbook
from pilkada_cli.files import atomic_write, safe_stem, workbook_bytes
from pilkada_cli.formats import fmt_date
from pilkada_cli.reader.opening import read_file
from pilkada_cli.reader.workbook import sniff
from pilkada_cli.senders.rebuild import rebuild
from pilkada_cli.texts import message

# What reading the file again says when it is no longer the file that was checked.
_CHANGED = frozenset({"file-too-large", "file-empty", "not-workbook", "not-a-file"})
SHEET = "Koreksi"
SUFFIX = "-koreksi.xlsx"
AUTHOR = "Desk Pilkada"
FILLS = {ERROR: PatternFill("solid", fgColor="FF9999"),
         "warning": PatternFill("solid", fgColor="FFD966")}
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


@dataclass(frozen=True)
class Annotation:
    """What became of one checked file: the copy written, or why there is none."""

    source: Path
    target: Path | None = None
    marked: int = 0
    reason: str | None = None  # unreadable | changed | failed
    detail: str = ""


def annotate_reports(reports: Iterable[Report], folder: Path, lang: str = "id",
                     limits: Limits | None = None) -> list[Annotation]:
    """A marked copy in `folder` of every file with issues; files without issues are skipped.
    `limits` bound the reading of files that are not .xlsx (default: the built-in ones)."""
    reports = list(reports)
    limits = limits or load_config(None).limits
    sources = {r.path.resolve() for r in reports}
    taken: set[str] = set()
    done = []
    for report in reports:
        if report.issues:
            done.append(annotate(report, folder, lang, taken, sources, limits))
    return done


def annotate(report: Report, folder: Path, lang: str = "id", taken: set[str] | None = None,
             sources: set[Path] | None = None, limits: Limits | None = None) -> Annotation:
    """Write `folder/<name>-koreksi.xlsx` for one checked file, never touching the original."""
    if report.sha256 is None or report.refused:
        return Annotation(report.path, reason="unreadable")
    try:  # opened as the reader opens it: a file swapped for a FIFO meanwhile cannot block
        data = read_file(report.path, report.size)
    except UnreadableWorkbook as exc:
        if exc.code in _CHANGED:
            return Annotation(report.path, reason="changed")
        return Annotation(report.path, reason="failed", detail=message(exc.code, lang, exc.params))
    if hashlib.sha256(data).hexdigest() != report.sha256:
        return Annotation(report.path, reason="changed")
    limits = limits or load_config(None).limits
    try:
        if sniff(data, limits)[0] != "xlsx":
            rebuilt = rebuild(report.path, limits, report.sha256)
            if rebuilt is None:
                return Annotation(report.path, reason="changed")
            book = rebuilt
        else:
            with warnings.catch_warnings():
                # openpyxl warns about every extension it drops (slicers, custom validations...).
                warnings.simplefilter("ignore")
                book = load_workbook(io.BytesIO(data), rich_text=True)
    except UnreadableWorkbook as exc:
        return Annotation(report.path, reason="failed", detail=exc.code)
    except Exception as exc:  # openpyxl raises many unrelated types for files it cannot model
        return Annotation(report.path, reason="failed", detail=_short(exc))
    marked = mark_cells(book, report.issues, lang)
    add_sheet(book, report, lang)
    target = target_path(report.path, folder, taken if taken is not None else set(),
                         (sources or set()) | {report.path.resolve()})
    atomic_write(target, workbook_bytes(book))
    return Annotation(report.path, target, marked)


def target_path(source: Path, folder: Path, taken: set[str], sources: set[Path]) -> Path:
    """`folder/<stem>-koreksi.xlsx`, made safe from the original's name, unique in this run,
    and never the path of a file being checked."""
    stem = safe_stem(source.name)
    n = 1
    while True:
        name = f"{stem}{'' if n == 1 else f'-{n}'}{SUFFIX}"
        target = folder / name
        if name.casefold() not in taken and target.resolve() not in sources:
            break
        n += 1
    if target.resolve().parent != folder.resolve():
        raise ValueError(f"refusing to write outside {folder}: {name}")
    taken.add(name.casefold())
    return target


def places(issue: Issue) -> list[tuple[str, str]]:
    """Every (sheet, cell) an issue is about: all cells of a rule, else its own cell."""
    if issue.cells:
        return [tuple(ref.rsplit("!", 1)) for ref in issue.cells]  # type: ignore[misc]
    if issue.sheet is not None and issue.cell is not None:
        return [(issue.sheet, issue.cell)]
    return []


def mark_cells(book: Workbook, issues: list[Issue], lang: str) -> int:
    """Fill and comment each offending cell; an error's red wins over a warning's yellow."""
    found: dict[tuple[str, str], list[Issue]] = {}
    for issue in issues:
        for place in places(issue):
            found.setdefault(place, []).append(issue)
    marked = 0
    for (sheet, ref), on_cell in found.items():
        if sheet not in book.sheetnames:
            continue
        cell = _writable(book[sheet], ref)
        if cell is None:
            continue
        worst = ERROR if any(i.severity == ERROR for i in on_cell) else "warning"
        cell.fill = FILLS[worst]
        text = "\n".join(dict.fromkeys(f"• {i.message(lang)}" for i in on_cell))
        old = cell.comment
        if old is not None and old.author != AUTHOR and old.text.strip():
            text += "\n\n" + old.text
        comment = Comment(text, AUTHOR)
        comment.width = 320
        comment.height = min(400, 60 + 16 * (len(text) // 45 + text.count("\n")))
        cell.comment = comment
        marked += 1
    return marked


def add_sheet(book: Workbook, report: Report, lang: str) -> Worksheet:
    """The first sheet: what is wrong, most serious first, each line linked to its cell."""
    text = texts.table("annotate", lang)
    titles = {texts.table("annotate", other)["title"] for other in texts.LANGS}
    if SHEET in book.sheetnames and book[SHEET]["A1"].value in titles:
        del book[SHEET]  # an earlier annotation sent back with the file: replace it
    ws = book.create_sheet(SHEET, 0)
    ws["A1"] = text["title"]
    ws["A1"].font = Font(bold=True, size=14)
    who = report.regency.name if report.regency else text["unknown"]
    when = fmt_date(report.date, lang) if report.date else text["unknown"]
    rows = [(text["file"], report.path.name), (text["regency"], who), (text["date"], when)]
    for row, (label, value) in enumerate(rows, start=2):
        ws.cell(row, 1, label).font = Font(bold=True)
        ws.cell(row, 3, value)
    summary = ws.cell(5, 1, text["summary"].format(errors=len(report.errors),
                                                   warnings=len(report.warnings)))
    summary.alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells("A5:E5")
    ws.row_dimensions[5].height = 45
    header = 7
    for col, key in enumerate(("no", "severity", "sheet", "cell", "message"), start=1):
        cell = ws.cell(header, col, text[key])
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.border = _BOX
    ordered = sorted(report.issues, key=lambda i: i.severity != ERROR)
    for n, issue in enumerate(ordered, start=1):
        row = header + n
        ws.cell(row, 1, n)
        severity = ws.cell(row, 2, text[issue.severity])
        severity.fill = FILLS.get(issue.severity, FILLS["warning"])
        sheet = ws.cell(row, 3, issue.sheet or "–")
        target = next(iter(places(issue)), None)
        cell = ws.cell(row, 4, target[1] if target else "–")
        if target and target[0] in book.sheetnames:
            _link(cell, f"{quote_sheetname(target[0])}!{target[1]}")
        elif issue.sheet in book.sheetnames:
            _link(sheet, f"{quote_sheetname(issue.sheet)}!A1")
        message = ws.cell(row, 5, issue.message(lang))
        message.alignment = Alignment(wrap_text=True, vertical="top")
        for col in range(1, 6):
            ws.cell(row, col).border = _BOX
    for letter, width in zip("ABCDE", (6, 12, 16, 10, 90), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = f"A{header + 1}"
    ws.print_title_rows = f"{header}:{header}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    # Open on this sheet, and on this sheet alone (several selected tabs act as a group).
    for other in book.worksheets:
        other.sheet_view.tabSelected = False
    ws.sheet_view.tabSelected = True
    book.active = 0
    for view in book.views:
        view.firstSheet = 0
    return ws


def _link(cell: Cell, location: str) -> None:
    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=location)
    cell.font = Font(color="0563C1", underline="single")


def _writable(ws: Worksheet, ref: str) -> Cell | None:
    """The cell itself, or the top-left cell of the merged range that covers it."""
    try:
        for merged in ws.merged_cells.ranges:
            if ref in merged:
                return ws.cell(merged.min_row, merged.min_col)
        return ws[ref]
    except ValueError:  # not an A1 address
        return None


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]
