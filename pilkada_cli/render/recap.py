"""The recap for the Ministry: `rekap-D.json` for machines and `rekap-D.xlsx` for people.

The JSON holds exact numbers (rounding is for the briefings only) in a stable order,
so the same inbox always gives the same bytes. The workbook has a sheet per section
with a row per regency, the province's total row(s), number formats, frozen headers
and filters, and prints on A4 across, one page wide, with the header row on every page;
workbook text is always written as text, never as a formula.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pilkada_cli import texts
from pilkada_cli.checking.recap import FORMAT_VERSION
from pilkada_cli.checking.schema import Field, Sheet
from pilkada_cli.config import Config
from pilkada_cli.day.attendance import plausible
from pilkada_cli.day.inbox import InboxFile
from pilkada_cli.day.merge import Group, ProvincialPicture, RegencyRow
from pilkada_cli.formats import fmt_date
from pilkada_cli.jsonio import dumps, plain
from pilkada_cli.texts import briefing_phrases

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


# -- JSON -----------------------------------------------------------------------------------------
def recap_json(picture: ProvincialPicture, config: Config, lang: str = "id",
               inbox: Path | None = None) -> bytes:
    """The recap document (see DESIGN.md) as UTF-8 JSON bytes."""
    fields = picture.schema.scalar_fields()
    whole = picture.whole
    doc: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "schema_version": picture.schema.version,
        "date": picture.day.isoformat(),
        "province": {"code": whole.code, "name": whole.name},
        "countdown": picture.countdown,
        "reporting": _reporting(whole),
        "fields": {key: {"label": f.label.get(lang), "aggregate": f.aggregate,
                         "weight": f.weight, "type": f.type}
                   for key, f in fields.items()},
        "totals": {key: plain(t.value) for key, t in whole.totals.items()},
        "coverage": {key: t.covered for key, t in whole.totals.items()},
        "levels": {key: dict(t.counts) for key, t in whole.totals.items() if t.counts},
        "changes": _changes(picture, whole),
        "attention": _attention(picture, lang, inbox),
        "regencies": [_regency(row, picture, config, lang, inbox) for row in picture.rows],
        "tables": {key: [{"regency": e.regency.code,
                          **{k: plain(v) for k, v in e.row.items()}} for e in entries]
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
            "other_days": [{"path": _rel(s.path, inbox), "regency": _code(s),
                            "date": plain(s.report.date), "received": s.received.isoformat()}
                           for s in picture.other_days],
            "after_day": [{"path": _rel(s.path, inbox), "regency": _code(s),
                           "received": s.received.isoformat()} for s in picture.after_day],
            "recaps": {code: {"path": _rel(recap.path, inbox), "late": late,
                              "regencies": len(recap.report.covers)}
                       for code, (recap, late) in picture.recaps.items()},
            "disagreements": [{"regency": used.report.regency.code
                               if used.report.regency else None,
                               "recap": _rel(recap.path, inbox), "used": _rel(used.path, inbox),
                               "fields": list(keys)}
                              for recap, used, keys in picture.disagreements],
        },
    }
    if picture.attention is not None and picture.attention.left_out:
        doc["attention_left_out"] = list(picture.attention.left_out)
    if picture.revision is not None:
        doc["revision"] = _revision(picture, config)
    if picture.multi_province:
        doc["provinces"] = [
            {"code": g.code, "name": g.name, "reporting": _reporting(g),
             "totals": {key: plain(t.value) for key, t in g.totals.items()},
             "coverage": {key: t.covered for key, t in g.totals.items()}}
            for g in picture.provinces]
    return (dumps(doc, indent=2) + "\n").encode("utf-8")


def _attention(picture: ProvincialPicture, lang: str, inbox: Path | None
               ) -> list[dict[str, Any]]:
    """What needs attention, most urgent first (day/attention.py)."""
    found = picture.attention
    return [{"kind": item.kind, "regency": item.regency.code, "name": item.regency.name,
             "field": item.field, "sheet": item.sheet, "cell": item.cell,
             "file": _rel(item.file, inbox) if item.file else None,
             "message": item.message(lang),
             "data": {k: plain(v) for k, v in item.data.items()}}
            for item in (found.items if found is not None else ())]


def _revision(picture: ProvincialPicture, config: Config) -> dict[str, Any]:
    """The revision this recap belongs to, its sign-off, and the figures changed since the
    last approved revision."""
    revision = picture.revision
    assert revision is not None
    previous = revision.previous
    return {
        "number": revision.number, "approved": revision.approved,
        "approved_by": revision.approved_by,
        "approved_at": revision.approved_at.astimezone(config.timezone).isoformat(
            timespec="seconds")
        if revision.approved_at else None,
        "files": {code: {"sha256": ref.sha256, "name": ref.name}
                  for code, ref in sorted(revision.files.items())},
        "since": previous.number if previous else None,
        "changes": [{"regency": d.regency.code, "field": d.field, "before": plain(d.before),
                     "after": plain(d.after), "file": d.file}
                    for d in revision.differences],
    }


def _reporting(group: Group) -> dict[str, Any]:
    r = group.reporting
    return {"expected": r.expected, "reported": r.reported, "late": r.late,
            "invalid": r.invalid, "missing": list(r.missing), "included": r.included}


def _changes(picture: ProvincialPicture, whole: Group) -> dict[str, Any] | None:
    if not picture.has_previous:
        return None
    return {"since": picture.previous_day.isoformat(), "compared": whole.compared,
            "totals": {key: {"before": plain(c.before), "after": plain(c.after),
                             "delta": plain(c.delta)}
                       for key, c in whole.changes.items()}}


def _regency(row: RegencyRow, picture: ProvincialPicture, config: Config, lang: str,
             inbox: Path | None) -> dict[str, Any]:
    sub = row.submission
    keys = picture.schema.scalar_fields()
    data: dict[str, Any] = {
        "code": row.regency.code, "name": row.regency.name,
        "province": row.regency.province_code, "status": row.status,
        "file": _rel(sub.path, inbox) if sub else None,
        "arrived": _moment(row.attendance.first, picture.day, config),
        "received": _moment(row.attendance.used, picture.day, config),
        "values": {key: plain(row.values.get(key)) for key in keys},
        "errors": [i.to_json(lang) for i in row.errors] if sub and not sub.report.valid else [],
        "warnings": len(row.warnings),
    }
    if row.last_known and not row.included:
        data["last_known"] = row.last_known.isoformat()
    return data


def _moment(at: dt.datetime | None, day: dt.date, config: Config) -> str | None:
    """An arrival as the briefing shows it (province time, to the minute), when it can be
    when the file was sent."""
    return at.isoformat() if at is not None and plausible(at, day, config) else None


def _code(submission: InboxFile) -> str | None:
    regency = submission.report.regency
    return regency.code if regency else None


def _rel(path: Path, inbox: Path | None) -> str:
    if inbox is not None:
        try:
            return path.relative_to(inbox).as_posix()
        except ValueError:
            pass
    return path.as_posix()


# -- xlsx -----------------------------------------------------------------------------------------
_FORMATS = {"integer": "#,##0", "number": "#,##0.0#", "percent": "0.0%", "date": "dd/mm/yyyy",
            "time": "hh:mm"}
# What a date or time gets when its field names no format (Excel shows a bare serial otherwise).
_DATE_FORMATS = {dt.datetime: "yyyy-mm-dd h:mm:ss", dt.date: "yyyy-mm-dd", dt.time: "h:mm:ss"}


def recap_xlsx(picture: ProvincialPicture, config: Config, lang: str = "id",
               inbox: Path | None = None) -> bytes:
    """The recap workbook as .xlsx bytes (fixed timestamps: the same picture, the same bytes).

    Written with xlsxwriter: it writes a 514-row recap several times faster than openpyxl
    and imports in a fraction of the time; openpyxl stays for the workbooks that are read
    back and edited (templates, annotated copies).
    """
    import io

    from xlsxwriter import Workbook

    from pilkada_cli.files import FIXED_TIME

    raw = io.BytesIO()
    # Text is written as text: nothing typed in a workbook becomes a formula, number or link.
    book = Workbook(raw, {"in_memory": True, "strings_to_numbers": False,
                          "strings_to_formulas": False, "strings_to_urls": False})
    book.set_properties({"created": FIXED_TIME})  # members are dated 1980-01-01 in memory
    writer = _Writer(book, picture, config, lang, inbox)
    writer.status_sheet()
    for sheet in picture.schema.sheets:
        writer.section_sheet(sheet)
    book.close()
    return raw.getvalue()


# A cell to write: its value, and the format it needs (None for a plain cell).
_Cell = tuple[Any, Any]


class _Writer:
    def __init__(self, book: Any, picture: ProvincialPicture, config: Config, lang: str,
                 inbox: Path | None) -> None:
        self.book = book
        self.p = picture
        self.config = config
        self.lang = lang
        self.t = briefing_phrases(lang)
        self.inbox = inbox
        self.fields = picture.schema.scalar_fields()
        self.header_format = book.add_format({"bold": True, "font_color": "#FFFFFF",
                                              "bg_color": "#1F4E79", "pattern": 1,
                                              "text_wrap": True, "valign": "top"})
        self.formats: dict[tuple[str | None, bool, bool], Any] = {}
        words = texts.table("recap", lang)
        footer = words["footer"].format(province=picture.whole.name,
                                        date=fmt_date(picture.day, lang, weekday=False))
        # '&' starts a code in a header or footer: a literal one is written twice.
        self.footer = f"&L&8{footer.replace('&', '&&')}&R&8{words['page']}"

    # -- cells --------------------------------------------------------------------------------
    def cell(self, value: Any, fld: Field | None = None, bold: bool = False) -> _Cell:
        """A value and the shared format it is written with."""
        if isinstance(value, str):
            value = _ILLEGAL.sub(" ", value)
        elif fld is not None and fld.type == "percent" and value is not None:
            value = value / 100
        elif fld is not None and fld.type == "choice" and value is not None:
            value = next((c.label.get(self.lang) for c in fld.choices if c.value == value), value)
        text = isinstance(value, str)
        number = _FORMATS.get(fld.type) if fld is not None and not text else None
        if number is None and not text:
            number = _DATE_FORMATS.get(type(value))
        # The quote prefix keeps Excel from making a formula of "=..." when the cell is edited.
        guard = text and value[:1] in "=+-@"
        if not (number or bold or guard):
            return value, None
        return value, self.format(number, bold, guard)

    def format(self, number: str | None, bold: bool, guard: bool) -> Any:
        """One shared format per combination (a format per cell would bloat the file)."""
        key = (number, bold, guard)
        if key not in self.formats:
            props: dict[str, Any] = {}
            if number:
                props["num_format"] = number
            if bold:
                props.update(bold=True, bg_color="#DDEBF7", pattern=1)
            if guard:
                props["quote_prefix"] = True
            self.formats[key] = self.book.add_format(props)
        return self.formats[key]

    def new_sheet(self, name: str, labels: list[str], widths: Sequence[float], freeze_cols: int,
                  data_rows: int) -> _Sheet:
        """A sheet with its header row written, frozen, and a filter over the data rows."""
        ws = self.book.add_worksheet(_sheet_title(name))
        for i, width in enumerate(widths):
            ws.set_column(i, i, width)
        ws.freeze_panes(1, freeze_cols)
        ws.autofilter(0, 0, max(data_rows, 1), len(labels) - 1)
        for col, label in enumerate(labels):
            ws.write_string(0, col, _ILLEGAL.sub(" ", label), self.header_format)
        self.print_setup(ws)
        return _Sheet(ws)

    def print_setup(self, ws: Any) -> None:
        """A4 landscape, every column on one page's width (as many pages down as needed),
        the header row repeated on each page and page numbers in the footer, as the
        regencies' template prints."""
        ws.set_paper(9)  # A4
        ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(0)
        ws.center_horizontally()
        ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
        ws.set_footer(self.footer)

    # -- sheets -------------------------------------------------------------------------------
    def lead(self) -> tuple[list[str], list[float]]:
        """The columns every regency sheet starts with, and their widths."""
        labels = [self.t["code_col"], self.t["regency_col"]]
        widths: list[float] = [8, 30]
        if self.p.multi_province:
            labels.append(self.t["province_col"])
            widths.append(22)
        return labels + [self.t["status_col"]], widths + [14]

    def lead_cells(self, row: RegencyRow) -> list[_Cell]:
        cells = [self.cell(row.regency.code), self.cell(row.regency.name)]
        if self.p.multi_province:
            cells.append(self.cell(self.config.province_of(row.regency)))
        return cells + [self.cell(self.t["status_" + row.status])]

    def total_rows(self, fields: list[Field]) -> list[list[_Cell]]:
        """A subtotal per province at national scale, then the whole."""
        groups = [*self.p.provinces, self.p.whole] if self.p.multi_province else [self.p.whole]
        rows = []
        for group in groups:
            r = group.reporting
            name = group.name if group is self.p.whole and self.p.multi_province \
                else self.t["province_name"].format(name=group.name)
            lead = [self.cell(group.code, bold=True), self.cell(name, bold=True)]
            if self.p.multi_province:
                lead.append(self.cell("", bold=True))
            lead.append(self.cell(self.t["n_of_m"].format(n=r.included, m=r.expected),
                                  bold=True))
            values = [self.cell(group.totals[f.qualified].value
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
            used = row.attendance.used
            received = used.strftime("%Y-%m-%d %H:%M") \
                if used is not None and plausible(used, self.p.day, self.config) else ""
            extra = [_rel(sub.path, self.inbox) if sub else "", received,
                     len(row.errors) if sub and not sub.report.valid else 0, len(row.warnings),
                     *(row.values.get(f.qualified) for f in contacts)]
            ws.append(self.lead_cells(row) + [self.cell(v) for v in extra])

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
                ws.append(self.lead_cells(row) + [
                    self.cell(row.values.get(f.qualified) if row.included else None, f)
                    for f in fields])
            for total in self.total_rows(fields):
                ws.append(total)
        elif sheet.table is not None:
            columns = list(sheet.table.columns)
            entries = self.p.entries.get(sheet.key, [])
            ws = self.new_sheet(sheet.name, [self.t["code_col"], self.t["regency_col"],
                                             *(c.label.get(self.lang) for c in columns)],
                                [8, 30] + [40 if c.type == "text" else 14 for c in columns],
                                2, len(entries))
            for entry in entries:
                ws.append([self.cell(entry.regency.code), self.cell(entry.regency.name)]
                          + [self.cell(entry.row.get(c.key), c) for c in columns])


class _Sheet:
    """Rows appended one after another below the header."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.row = 1

    def append(self, cells: list[_Cell]) -> None:
        write, row = self.ws.write, self.row
        for col, (value, fmt) in enumerate(cells):
            write(row, col, value, fmt)
        self.row += 1


def _sheet_title(name: str) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet name."""
    return re.sub(r"[\[\]:*?/\\]", "-", name)[:31]
