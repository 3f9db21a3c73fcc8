"""The recap for the Ministry: `rekap-D.json` for machines and `rekap-D.xlsx` for people.

The JSON holds exact numbers (rounding is for the briefings only) in a stable order,
so the same inbox always gives the same bytes. The workbook has a sheet per section
with a row per regency, the province's total row(s), number formats, frozen headers
and filters; workbook text is always written as text, never as a formula.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from copy import copy
from pathlib import Path
from typing import Any

from ..config import Config
from ..i18n import briefing_phrases
from ..inbox import plausible_arrival
from ..merge import Group, ProvincialPicture, RegencyRow
from ..schema import Field, Sheet

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


# -- JSON -----------------------------------------------------------------------------------------
def recap_json(picture: ProvincialPicture, config: Config, lang: str = "id",
               inbox: Path | None = None) -> bytes:
    """The recap document (see DESIGN.md) as UTF-8 JSON bytes."""
    fields = picture.schema.scalar_fields()
    whole = picture.whole
    doc: dict[str, Any] = {
        "date": picture.day.isoformat(),
        "province": {"code": whole.code, "name": whole.name},
        "countdown": picture.countdown,
        "reporting": _reporting(whole),
        "fields": {key: {"label": f.label.get(lang), "aggregate": f.aggregate,
                         "weight": f.weight, "type": f.type}
                   for key, f in fields.items()},
        "totals": {key: _jsonable(t.value) for key, t in whole.totals.items()},
        "coverage": {key: t.covered for key, t in whole.totals.items()},
        "levels": {key: dict(t.counts) for key, t in whole.totals.items() if t.counts},
        "changes": _changes(picture, whole),
        "regencies": [_regency(row, picture, config, lang, inbox) for row in picture.rows],
        "tables": {key: [{"regency": e.regency.code,
                          **{k: _jsonable(v) for k, v in e.row.items()}} for e in entries]
                   for key, entries in picture.entries.items()},
        "files": {
            "superseded": [{"path": _rel(old.path, inbox), "regency":
                            old.report.regency.code if old.report.regency else None,
                            "valid": old.report.valid, "used": _rel(new.path, inbox)}
                           for old, new in picture.superseded],
            "unidentified": [{"path": _rel(r.path, inbox),
                              "issues": [i.to_json(lang) for i in r.errors]}
                             for r in picture.unidentified],
            "other_dates": {d.isoformat(): len(paths)
                            for d, paths in picture.other_dates.items()},
        },
    }
    if picture.multi_province:
        doc["provinces"] = [
            {"code": g.code, "name": g.name, "reporting": _reporting(g),
             "totals": {key: _jsonable(t.value) for key, t in g.totals.items()},
             "coverage": {key: t.covered for key, t in g.totals.items()}}
            for g in picture.provinces]
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _reporting(group: Group) -> dict[str, Any]:
    r = group.reporting
    return {"expected": r.expected, "reported": r.reported, "late": r.late,
            "invalid": r.invalid, "missing": list(r.missing), "included": r.included}


def _changes(picture: ProvincialPicture, whole: Group) -> dict[str, Any] | None:
    if not picture.has_previous:
        return None
    return {"since": picture.previous_day.isoformat(), "compared": whole.compared,
            "totals": {key: {"before": _jsonable(c.before), "after": _jsonable(c.after),
                             "delta": _jsonable(c.delta)}
                       for key, c in whole.changes.items()}}


def _regency(row: RegencyRow, picture: ProvincialPicture, config: Config, lang: str,
             inbox: Path | None) -> dict[str, Any]:
    sub = row.submission
    keys = picture.schema.scalar_fields()
    data: dict[str, Any] = {
        "code": row.regency.code, "name": row.regency.name,
        "province": row.regency.province_code, "status": row.status,
        "file": _rel(sub.path, inbox) if sub else None,
        "received": sub.received.isoformat(timespec="seconds")
        if sub and plausible_arrival(sub.received, picture.day, config) else None,
        "values": {key: _jsonable(row.values.get(key)) for key in keys},
        "errors": [i.to_json(lang) for i in row.errors] if sub and not sub.report.valid else [],
        "warnings": len(row.warnings),
    }
    if row.last_known and not row.included:
        data["last_known"] = row.last_known.isoformat()
    return data


def _rel(path: Path, inbox: Path | None) -> str:
    if inbox is not None:
        try:
            return path.relative_to(inbox).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# -- xlsx -----------------------------------------------------------------------------------------
_FORMATS = {"integer": "#,##0", "number": "#,##0.0#", "percent": "0.0%", "date": "dd/mm/yyyy",
            "time": "hh:mm"}


def recap_xlsx(picture: ProvincialPicture, config: Config, lang: str = "id",
               inbox: Path | None = None) -> bytes:
    """The recap workbook as .xlsx bytes (fixed timestamps: the same picture, the same bytes)."""
    from openpyxl import Workbook

    from ..files import workbook_bytes

    book = Workbook(write_only=True)
    writer = _Writer(book, picture, config, lang, inbox)
    writer.status_sheet()
    for sheet in picture.schema.sheets:
        writer.section_sheet(sheet)
    return workbook_bytes(book)


class _Writer:
    def __init__(self, book: Any, picture: ProvincialPicture, config: Config, lang: str,
                 inbox: Path | None) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        self.book = book
        self.p = picture
        self.config = config
        self.lang = lang
        self.t = briefing_phrases(lang)
        self.inbox = inbox
        self.fields = picture.schema.scalar_fields()
        self.bold = Font(bold=True)
        self.header_font = Font(bold=True, color="FFFFFF")
        self.header_fill = PatternFill("solid", fgColor="1F4E79")
        self.total_fill = PatternFill("solid", fgColor="DDEBF7")
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.styles: dict[tuple[str | None, bool, bool], Any] = {}

    # -- cells --------------------------------------------------------------------------------
    def cell(self, ws: Any, value: Any, fld: Field | None = None, bold: bool = False) -> Any:
        """A value for ws.append: plain when it needs no style, else a styled cell."""
        from openpyxl.cell import WriteOnlyCell

        if isinstance(value, str):
            value = _ILLEGAL.sub(" ", value)
        elif fld is not None and fld.type == "percent" and value is not None:
            value = value / 100
        elif fld is not None and fld.type == "choice" and value is not None:
            value = next((c.label.get(self.lang) for c in fld.choices if c.value == value), value)
        text = isinstance(value, str)
        number = _FORMATS.get(fld.type) if fld is not None and not text else None
        # Text stays text: "=..." from a workbook must never become a formula, and the
        # quote prefix keeps Excel from making one when the cell is edited.
        guard = text and value[:1] in "=+-@"
        if not (number or bold or guard):
            return value
        cell = WriteOnlyCell(ws, value=value)
        if text:
            cell.data_type = "s"
        cell._style = copy(self.style(ws, number, bold, guard))
        return cell

    def style(self, ws: Any, number: str | None, bold: bool, guard: bool) -> Any:
        """A cell style made once and copied (setting formats cell by cell is slow)."""
        from openpyxl.cell import WriteOnlyCell

        key = (number, bold, guard)
        if key not in self.styles:
            model = WriteOnlyCell(ws)
            if number:
                model.number_format = number
            if bold:
                model.font = self.bold
                model.fill = self.total_fill
            if guard:
                model.quotePrefix = True
            self.styles[key] = model._style
        return self.styles[key]

    def header(self, ws: Any, labels: list[str]) -> list[Any]:
        from openpyxl.cell import WriteOnlyCell

        cells = []
        for label in labels:
            cell = WriteOnlyCell(ws, value=label)
            cell.data_type = "s"
            cell.font = self.header_font
            cell.fill = self.header_fill
            cell.alignment = self.wrap
            cells.append(cell)
        return cells

    def new_sheet(self, name: str, labels: list[str], widths: Sequence[float], freeze_cols: int,
                  data_rows: int) -> Any:
        """A sheet with its header row written, frozen, and a filter over the data rows."""
        from openpyxl.utils import get_column_letter

        ws = self.book.create_sheet(_sheet_title(name))
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.freeze_panes = f"{get_column_letter(freeze_cols + 1)}2"
        ws.auto_filter.ref = f"A1:{get_column_letter(len(labels))}{max(data_rows, 1) + 1}"
        ws.append(self.header(ws, labels))
        return ws

    # -- sheets -------------------------------------------------------------------------------
    def lead(self) -> tuple[list[str], list[float]]:
        """The columns every regency sheet starts with, and their widths."""
        labels = [self.t["code_col"], self.t["regency_col"]]
        widths: list[float] = [8, 30]
        if self.p.multi_province:
            labels.append(self.t["province_col"])
            widths.append(22)
        return labels + [self.t["status_col"]], widths + [14]

    def lead_cells(self, ws: Any, row: RegencyRow) -> list[Any]:
        cells = [self.cell(ws, row.regency.code), self.cell(ws, row.regency.name)]
        if self.p.multi_province:
            cells.append(self.cell(ws, self.config.province_of(row.regency)))
        return cells + [self.cell(ws, self.t["status_" + row.status])]

    def total_rows(self, ws: Any, fields: list[Field]) -> list[list[Any]]:
        """A subtotal per province at national scale, then the whole."""
        groups = [*self.p.provinces, self.p.whole] if self.p.multi_province else [self.p.whole]
        rows = []
        for group in groups:
            r = group.reporting
            name = group.name if group is self.p.whole and self.p.multi_province \
                else self.t["province_name"].format(name=group.name)
            lead = [self.cell(ws, group.code, bold=True), self.cell(ws, name, bold=True)]
            if self.p.multi_province:
                lead.append(self.cell(ws, "", bold=True))
            lead.append(self.cell(ws, self.t["n_of_m"].format(n=r.included, m=r.expected),
                                  bold=True))
            values = [self.cell(ws, group.totals[f.qualified].value
                                if f.aggregate not in ("list", "none") else None, f, bold=True)
                      for f in fields]
            rows.append(lead + values)
        return rows

    def status_sheet(self) -> None:
        """Who reported, with which file and when, how many errors, and who to call."""
        t = self.t
        contacts = [f for f in self.fields.values() if f.aggregate == "none" and f.role is None]
        lead, widths = self.lead()
        labels = [*lead, t["file_col"], t["received_col"], t["errors_col"], t["warnings_col"],
                  *(f.label.get(self.lang) for f in contacts)]
        widths += [40, 17, 8, 11] + [22] * len(contacts)
        ws = self.new_sheet(t["status_sheet"], labels, widths, len(lead), len(self.p.rows))
        for row in self.p.rows:
            sub = row.submission
            received = ""
            if sub is not None and plausible_arrival(sub.received, self.p.day, self.config):
                received = sub.received.strftime("%Y-%m-%d %H:%M")
            extra = [_rel(sub.path, self.inbox) if sub else "", received,
                     len(row.errors) if sub and not sub.report.valid else 0, len(row.warnings),
                     *(row.values.get(f.qualified) for f in contacts)]
            ws.append(self.lead_cells(ws, row) + [self.cell(ws, v) for v in extra])

    def section_sheet(self, sheet: Sheet) -> None:
        """A row per regency with every figure of the sheet that combines, then the totals;
        a free table (incidents) as its rows with the regency that reported each."""
        fields = [f for f in sheet.fields if f.aggregate != "none"]
        if sheet.table is not None and sheet.table.fixed:
            fields += [self.fields[f"{sheet.key}.{row}.{c.key}"]
                       for row, _ in sheet.table.rows for c in sheet.table.columns]
        if fields:
            lead, widths = self.lead()
            widths += [40 if f.type == "text" else 14 for f in fields]
            ws = self.new_sheet(sheet.name, lead + [f.label.get(self.lang) for f in fields],
                                widths, len(lead), len(self.p.rows))
            for row in self.p.rows:
                ws.append(self.lead_cells(ws, row) + [
                    self.cell(ws, row.values.get(f.qualified) if row.included else None, f)
                    for f in fields])
            for total in self.total_rows(ws, fields):
                ws.append(total)
        elif sheet.table is not None:
            columns = list(sheet.table.columns)
            entries = self.p.entries.get(sheet.key, [])
            ws = self.new_sheet(sheet.name, [self.t["code_col"], self.t["regency_col"],
                                             *(c.label.get(self.lang) for c in columns)],
                                [8, 30] + [40 if c.type == "text" else 14 for c in columns],
                                2, len(entries))
            for entry in entries:
                ws.append([self.cell(ws, entry.regency.code), self.cell(ws, entry.regency.name)]
                          + [self.cell(ws, entry.row.get(c.key), c) for c in columns])


def _sheet_title(name: str) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet name."""
    return re.sub(r"[\[\]:*?/\\]", "-", name)[:31]
