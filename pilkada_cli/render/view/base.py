"""What every part of the briefing view shares: the picture, the words, and how a
value, a change, a name list or a table is written."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pilkada_cli.checking.schema import Field, Schema, Sheet
from pilkada_cli.config import Config
from pilkada_cli.day.merge import (
    LATE,
    Change,
    Group,
    ProvincialPicture,
    RegencyRow,
    Total,
)
from pilkada_cli.day.recent import RecentDays
from pilkada_cli.formats import fmt_date, fmt_number, fmt_percent, rounded
from pilkada_cli.names import clean_text
from pilkada_cli.render.view.model import (
    TableView,
)
from pilkada_cli.texts import briefing_phrases

HEADLINE = ("worst", "ratio", "weighted_mean")
NUMBERED = re.compile(r"^\s*\d+[.)]\s*")
UNIT = re.compile(r"\s*\(%\)\s*$")
MAX_NAMES = 8
MAX_ERRORS = 3




class Base:
    """The picture and the words in one language, and the ways of writing them."""

    def __init__(self, picture: ProvincialPicture, config: Config, lang: str,
                 inbox: Path | None, days: RecentDays | None = None) -> None:
        self.p = picture
        self.schema: Schema = picture.schema
        self.config = config
        self.lang = lang
        self.t = briefing_phrases(lang)
        self.inbox = inbox
        self.days = days
        self.fields = self.schema.scalar_fields()
        # The groups that make the body's rows: regencies, or provinces at national scale.
        self.multi = picture.multi_province

    # -- formatting -----------------------------------------------------------------------------
    def value(self, fld: Field, value: Any) -> str:
        """A typed value as the briefing shows it."""
        if value is None or value == "":
            return "–"
        if fld.type == "percent":
            return fmt_percent(value, self.lang)
        if fld.type == "integer":
            return fmt_number(value, self.lang)
        if fld.type == "number":
            return fmt_number(value, self.lang, 0 if float(value).is_integer() else 1)
        if fld.type == "choice":
            return next((c.label.get(self.lang) for c in fld.choices if c.value == value),
                        str(value))
        if fld.type == "date" and isinstance(value, dt.date):
            return fmt_date(value, self.lang, weekday=False)
        if fld.type == "time" and isinstance(value, dt.time):
            return value.strftime("%H.%M" if self.lang == "id" else "%H:%M")
        if fld.type == "regency":
            regency = self.config.regency(str(value))
            return regency.name if regency else str(value)
        return str(value)

    def delta(self, fld: Field, change: Change) -> str:
        """A change as the difference of the two values as shown (81,6% → 94,7% is +13,1,
        never the +13,0 of the exact values), so the reader's sum comes out."""
        if fld.aggregate == "worst":
            step = level_step(fld, change.before, change.after)
            if step is None:
                return "–"
            return self.t["worse" if step > 0 else "better" if step < 0 else "unchanged"]
        if change.delta is None:
            return "–"
        decimals = 1 if fld.type in ("percent", "number") else 0
        d = rounded(change.after, decimals) - rounded(change.before, decimals)
        if d == 0:
            return self.t["unchanged"]
        sign = "+" if d > 0 else "−"
        text = sign + fmt_number(abs(d), self.lang, decimals)
        return text + (" " + self.t["points"] if fld.type == "percent" else "")

    def basis(self, group: Group) -> str:
        """' pada 9 kabupaten/kota yang melapor kedua hari', when the change covers fewer
        regencies than today's total or yesterday's: said beside every change, so a reader
        holding yesterday's briefing does not take it for the difference of the totals."""
        yesterday = sum(1 for r in group.rows if r.previous is not None)
        if group.compared < max(group.reporting.included, yesterday):
            return " " + self.t["basis"].format(n=group.compared)
        return ""

    def change_text(self, fld: Field, group: Group) -> str | None:
        """A province's (or group's) change of a figure with its basis; None without one."""
        change = group.changes.get(fld.qualified)
        if change is None or change.before is None or group.compared == 0:
            return None
        return self.delta(fld, change) + self.basis(group)

    def total_cell(self, fld: Field, total: Total, included: int) -> str:
        if fld.aggregate in ("list", "none"):
            return ""
        text = self.value(fld, total.value)
        if fld.aggregate == "worst" and total.value is not None:
            text += f" ({self.t['worst']})"
        if total.value is not None and total.covered < included:
            text += " " + self.t["covered"].format(n=total.covered)
        return text

    def said(self, sheet: Sheet, entry: Any) -> str | None:
        """What a free row says in a few words: its last required text (what happened),
        on one line."""
        table = sheet.table
        assert table is not None
        column = next((c for c in reversed(table.columns) if c.type == "text" and c.required),
                      None)
        text = entry.row.get(column.key) if column is not None else None
        return clean_text(text) if text else None

    def of(self, n: int, m: int) -> str:
        return self.t["n_of_m"].format(n=n, m=m)

    def names(self, rows: Sequence[RegencyRow]) -> str:
        return self.some([r.regency.name for r in rows])

    def some(self, names: Sequence[str]) -> str:
        """The first few names, and how many more."""
        shown = list(names[:MAX_NAMES])
        if len(names) > MAX_NAMES:
            shown.append(self.t["and_more"].format(n=len(names) - MAX_NAMES))
        return ", ".join(shown)

    def status_word(self, row: RegencyRow) -> str:
        return self.t["status_" + row.status]

    def group_label(self, group: Group, whole: bool) -> str:
        count = self.of(group.reporting.included, group.reporting.expected)
        if whole and self.multi:
            return f"{group.name} ({count})"
        return f"{self.t['province_name'].format(name=group.name)} ({count})"

    def unit_label(self) -> str:
        return self.t["province_col"] if self.multi else self.t["regency_col"]

    # -- summary --------------------------------------------------------------------------------
    def reporting_line(self, group: Group) -> str:
        r = group.reporting
        return self.t["reporting_line"].format(n=r.included, m=r.expected)

    # -- sections -------------------------------------------------------------------------------
    def body_rows(self) -> list[tuple[str, Group | RegencyRow]]:
        """The rows of a section table: each regency, or each province at national scale."""
        if self.multi:
            return [(self.group_label(g, False), g) for g in self.p.provinces]
        return [(self.row_label(r), r) for r in self.p.rows]

    def row_label(self, row: RegencyRow) -> str:
        if row.status == LATE:
            return f"{row.regency.name} ({self.t['status_late']})"
        return row.regency.name

    def cells(self, fields: Sequence[Field], unit: Group | RegencyRow) -> list[str]:
        if isinstance(unit, Group):
            return [self.total_cell(f, unit.totals[f.qualified], unit.reporting.included)
                    for f in fields]
        if not unit.included:
            return [self.status_word(unit)] + ["–"] * (len(fields) - 1)
        return [self.value(f, unit.values.get(f.qualified)) for f in fields]

    def table(self, fields: Sequence[Field], headers: Sequence[str],
              title: str | None = None) -> TableView:
        whole = self.p.whole
        if self.multi:
            return self.group_table(fields, headers, title)
        rows = [[label, *self.cells(fields, unit)] for label, unit in self.body_rows()]
        totals = [[self.group_label(whole, True), *self.cells(fields, whole)]]
        numeric = [False] + [f.numeric for f in fields]
        return TableView([self.unit_label(), *headers], numeric, rows, totals, title)

    def group_table(self, fields: Sequence[Field], headers: Sequence[str],
                    title: str | None) -> TableView:
        """A row per province: texts are left out (they are per regency), and an ordered
        choice shows its worst level and how many regencies stand at each."""
        columns: list[str] = [self.unit_label()]
        numeric = [False]
        kept = [(f, h) for f, h in zip(fields, headers, strict=True) if f.aggregate != "list"]
        for fld, header in kept:
            columns.append(header)
            numeric.append(fld.numeric)
            if fld.aggregate == "worst":
                columns += [c.label.get(self.lang) for c in reversed(fld.choices)]
                numeric += [True] * len(fld.choices)

        def cells(group: Group) -> list[str]:
            out = []
            for fld, _ in kept:
                total = group.totals[fld.qualified]
                out.append(self.total_cell(fld, total, group.reporting.included))
                if fld.aggregate == "worst":
                    out += [fmt_number(n, self.lang) for _, n in total.counts]
            return out

        rows = [[self.group_label(g, False), *cells(g)] for g in self.p.provinces]
        totals = [[self.group_label(self.p.whole, True), *cells(self.p.whole)]]
        return TableView(columns, numeric, rows, totals, title)

    def path(self, path: Path) -> str:
        if self.inbox is not None:
            try:
                return path.relative_to(self.inbox).as_posix()
            except ValueError:
                pass
        return path.name

    def issue_text(self, issue: Any) -> str:
        where = "!".join(p for p in (issue.sheet, issue.cell) if p)
        return f"{where}: {issue.message(self.lang)}" if where else issue.message(self.lang)

    def entry_table(self, sheet: Sheet, entries: Sequence[Any],
                    title: str | None = None) -> TableView:
        table = sheet.table
        assert table is not None
        columns = list(table.columns)
        if table.order_by:
            # The severity first, so the eye finds the worst at once.
            columns.sort(key=lambda c: c.key != table.order_by)
        rows = [[e.regency.name, *(self.value(c, e.row.get(c.key)) for c in columns)]
                for e in entries]
        return TableView([self.t["regency_col"], *(c.label.get(self.lang) for c in columns)],
                         [False] + [c.numeric for c in columns], rows, title=title)


def level_step(fld: Field, before: Any, after: Any) -> int | None:
    """How many levels an ordered choice rose (negative: fell); None without both levels."""
    levels = [c.value for c in fld.choices]
    if before not in levels or after not in levels:
        return None
    return levels.index(after) - levels.index(before)


def form_fields(schema: Schema) -> list[Field]:
    return [f for sheet in schema.sheets for f in sheet.fields]


def bare(label: str) -> str:
    """A label without its unit, for prose and legends: 'Perekaman e-KTP (%)' -> 'Perekaman
    e-KTP'."""
    return UNIT.sub("", label)


def sheet_title(sheet: Sheet, lang: str) -> str:
    return NUMBERED.sub("", sheet.title.get(lang))


def headline_column(sheet: Sheet) -> Field:
    """A named-row table's most telling column: its percentage, else its first column."""
    assert sheet.table is not None
    columns = sheet.table.columns
    return next((c for c in columns if c.aggregate == "ratio"), columns[0])


def table_column(schema: Schema, sheet_key: str, key: str) -> Field:
    table = schema.sheet(sheet_key).table
    assert table is not None
    return next(c for c in table.columns if c.key == key.split(".")[-1])

