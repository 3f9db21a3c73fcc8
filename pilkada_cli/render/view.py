"""The briefing as plain text in one language: what the Markdown and Word templates lay out.

Both briefings are rendered from this one view, so they say the same things. Every
string here is plain text (workbook text included, unescaped): each template escapes
for its own format. What goes where is driven by the schema alone:

- a sheet's form fields that combine (any aggregate but `none`) make a table with a
  row per regency and the province's row;
- a table with named rows (logistics items) makes the province's table and a table
  per regency of its headline column (its percentage, else its first column);
- a table with free rows (incidents, problems) makes a list, most severe first;
- fields with `worst`, `ratio` or `weighted_mean` are the headline figures of the
  executive summary, the changes since yesterday and the chart;
- the schema's `trend` fields make the campaign trend (a table, and a line chart in
  Word), day by day from the store.

When the config spans several provinces the section tables show a row per province
(a subtotal) and the national total; the regencies' headline figures go to the annex.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pilkada_cli.checking.schema import Field, Schema, Sheet
from pilkada_cli.config import Config
from pilkada_cli.day.merge import (
    INVALID,
    LATE,
    MISSING,
    Change,
    Group,
    ProvincialPicture,
    RegencyRow,
    Total,
)
from pilkada_cli.day.timeliness import plausible_arrival
from pilkada_cli.formats import countdown, fmt_date, fmt_number, fmt_percent, fmt_short_date
from pilkada_cli.texts import briefing_phrases

HEADLINE = ("worst", "ratio", "weighted_mean")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s*")
_UNIT = re.compile(r"\s*\(%\)\s*$")
_MAX_NAMES = 8
_MAX_ERRORS = 3


@dataclass
class TableView:
    """A table of plain-text cells; `totals` are the bold rows at its foot."""

    columns: list[str]
    numeric: list[bool]
    rows: list[list[str]]
    totals: list[list[str]] = field(default_factory=list)
    title: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def aligns(self) -> list[str]:
        return ["right" if n else "left" for n in self.numeric]


@dataclass
class SectionView:
    key: str
    title: str
    tables: list[TableView]
    notes: list[str] = field(default_factory=list)


@dataclass
class SummaryItem:
    label: str
    text: str
    alert: bool = False


@dataclass
class ChartSeries:
    label: str
    values: list[float | None]


@dataclass
class ChartView:
    """The headline percentages per regency (or per province), for the Word chart."""

    title: str
    categories: list[str]
    series: list[ChartSeries]
    note: str


@dataclass
class TrendChartView:
    """The trend fields day by day, for the Word line chart; `partial` marks the days on
    which not every regency reported (drawn with an open marker)."""

    title: str
    dates: list[dt.date]
    ticks: list[str]
    series: list[ChartSeries]
    partial: list[bool]
    partial_label: str


@dataclass
class BriefingView:
    lang: str
    t: dict[str, str]
    title: str
    province: str
    authority: str
    date: str
    countdown: str
    countdown_text: str
    reporting: str
    summary: list[SummaryItem]
    sections: list[SectionView]
    changes: SectionView
    trend: SectionView | None
    trend_chart: TrendChartView | None
    lists: list[SectionView]
    annex: SectionView
    chart: ChartView | None
    footer: str


def build_view(picture: ProvincialPicture, config: Config, lang: str = "id",
               inbox: Path | None = None) -> BriefingView:
    """Everything the briefing says, as text in `lang`."""
    return _Builder(picture, config, lang, inbox).build()


class _Builder:
    def __init__(self, picture: ProvincialPicture, config: Config, lang: str,
                 inbox: Path | None) -> None:
        self.p = picture
        self.schema: Schema = picture.schema
        self.config = config
        self.lang = lang
        self.t = briefing_phrases(lang)
        self.inbox = inbox
        self.fields = self.schema.scalar_fields()
        # The groups that make the body's rows: regencies, or provinces at national scale.
        self.multi = picture.multi_province

    # -- the whole ------------------------------------------------------------------------------
    def build(self) -> BriefingView:
        t, p = self.t, self.p
        whole = p.whole
        trend, trend_chart = self.trend()
        return BriefingView(
            lang=self.lang, t=t,
            title=t["title_national" if self.multi else "title"].format(province=whole.name),
            province=whole.name,
            authority=whole.name if self.multi else t["authority"].format(province=whole.name),
            date=fmt_date(p.day, self.lang),
            countdown=p.countdown,
            countdown_text=t["countdown"].format(
                countdown=p.countdown, day=fmt_date(p.election_day, self.lang)),
            reporting=self.reporting_line(whole),
            summary=self.summary(),
            sections=[s for sheet in self.schema.sheets if (s := self.section(sheet))],
            changes=self.changes(),
            trend=trend,
            trend_chart=trend_chart,
            lists=[self.free_list(sheet) for sheet in self.schema.sheets
                   if sheet.table is not None and not sheet.table.fixed],
            annex=self.annex(),
            chart=self.chart(),
            footer=t["footer"].format(day=fmt_date(p.day, self.lang, weekday=False),
                                      n=whole.reporting.included,
                                      m=whole.reporting.expected),
        )

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
        if fld.aggregate == "worst":
            levels = [c.value for c in fld.choices]
            if change.before not in levels or change.after not in levels:
                return "–"
            step = levels.index(change.after) - levels.index(change.before)
            return self.t["worse" if step > 0 else "better" if step < 0 else "unchanged"]
        d = change.delta
        if d is None:
            return "–"
        decimals = 1 if fld.type in ("percent", "number") else 0
        if fmt_number(abs(d), self.lang, decimals) == fmt_number(0, self.lang, decimals):
            return self.t["unchanged"]
        sign = "+" if d > 0 else "−"
        text = sign + fmt_number(abs(d), self.lang, decimals)
        return text + (" " + self.t["points"] if fld.type == "percent" else "")

    def total_cell(self, fld: Field, total: Total, included: int) -> str:
        if fld.aggregate in ("list", "none"):
            return ""
        text = self.value(fld, total.value)
        if fld.aggregate == "worst" and total.value is not None:
            text += f" ({self.t['worst']})"
        if total.value is not None and total.covered < included:
            text += " " + self.t["covered"].format(n=total.covered)
        return text

    def of(self, n: int, m: int) -> str:
        return self.t["n_of_m"].format(n=n, m=m)

    def names(self, rows: Sequence[RegencyRow]) -> str:
        return self.some([r.regency.name for r in rows])

    def some(self, names: Sequence[str]) -> str:
        """The first few names, and how many more."""
        shown = list(names[:_MAX_NAMES])
        if len(names) > _MAX_NAMES:
            shown.append(self.t["and_more"].format(n=len(names) - _MAX_NAMES))
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

    def summary(self) -> list[SummaryItem]:
        t, whole = self.t, self.p.whole
        items = [self.summary_reporting(whole)]
        for sheet in self.schema.sheets:
            for fld in sheet.fields:
                if fld.aggregate in HEADLINE:
                    items.append(self.summary_field(fld))
            if not any(f.aggregate in HEADLINE for f in sheet.fields) and \
                    any(f.aggregate == "sum" for f in sheet.fields):
                items.append(self.summary_sums(sheet))
            if sheet.table is not None and sheet.table.fixed:
                item = self.summary_fixed(sheet)
                if item:
                    items.append(item)
            if sheet.table is not None and not sheet.table.fixed:
                items.append(self.summary_free(sheet))
        if not self.p.has_previous:
            items.append(SummaryItem(t["changes"], t["no_previous"].format(
                day=fmt_date(self.p.previous_day, self.lang))))
        return items

    def summary_reporting(self, group: Group) -> SummaryItem:
        t = self.t
        rows = group.rows
        parts = [self.reporting_line(group)]
        late = [r for r in rows if r.status == LATE]
        invalid = [r for r in rows if r.status == INVALID]
        missing = [r for r in rows if r.status == MISSING]
        if late:
            parts.append(t["late_list"].format(names=self.names(late)))
        if invalid:
            parts.append(t["invalid_list"].format(names=self.names(invalid)))
        if missing:
            parts.append(t["missing_list"].format(names=self.names(missing)))
        return SummaryItem(t["reporting"], "; ".join(parts) + ".", bool(invalid or missing))

    def summary_field(self, fld: Field) -> SummaryItem:
        t, whole = self.t, self.p.whole
        total = whole.totals[fld.qualified]
        label = fld.label.get(self.lang)
        included = [r for r in whole.rows if r.included]
        if total.value is None:
            return SummaryItem(label, t["no_data"])
        if fld.aggregate == "worst":
            levels = {c.value: c for c in fld.choices}
            parts = []
            lowest = fld.choices[0].value
            for level, count in total.counts:
                if not count:
                    continue
                at = [r for r in included if r.values.get(fld.qualified) == level]
                name = levels[level].label.get(self.lang)
                if level == lowest and len(fld.choices) > 1:
                    parts.append(f"{name} {self.t['regencies_n'].format(n=count)}")
                else:
                    parts.append(f"{name}: {self.names(at)}")
            text = t["worst_line"].format(worst=self.value(fld, total.value),
                                          levels="; ".join(parts)) + "."
            return SummaryItem(label, text, total.value != lowest)
        text = self.value(fld, total.value)
        change = whole.changes.get(fld.qualified)
        if change is not None and change.before is not None and self.p.has_previous:
            text += " " + t["since_yesterday"].format(before=self.value(fld, change.before),
                                                      delta=self.delta(fld, change))
        if fld.aggregate == "weighted_mean" and fld.weight:
            weight = self.fields[fld.weight].label.get(self.lang)
            text += " " + t["weighted_by"].format(weight=weight)
        ranked = sorted((r for r in included if r.values.get(fld.qualified) is not None),
                        key=lambda r: r.values[fld.qualified])
        if len(ranked) > 1:
            low = ranked[0]
            text += "; " + t["lowest"].format(
                name=low.regency.name, value=self.value(fld, low.values[fld.qualified]))
        if total.covered < whole.reporting.included:
            text += " " + t["covered"].format(n=total.covered)
        return SummaryItem(label, text + ".")

    def summary_sums(self, sheet: Sheet) -> SummaryItem:
        whole = self.p.whole
        parts = []
        for fld in sheet.fields:
            if fld.aggregate != "sum":
                continue
            total = whole.totals[fld.qualified]
            part = f"{fld.label.get(self.lang)} {self.value(fld, total.value)}"
            change = whole.changes.get(fld.qualified)
            if change is not None and self.p.has_previous and change.changed:
                part += f" ({self.delta(fld, change)})"
            parts.append(part)
        return SummaryItem(_title(sheet, self.lang), "; ".join(parts) + ".")

    def summary_fixed(self, sheet: Sheet) -> SummaryItem | None:
        """Named-row tables: the row that lags most on a percentage, else the rows with any."""
        table = sheet.table
        assert table is not None
        whole = self.p.whole
        column = _headline_column(sheet)
        cells = [(labels.get(self.lang), self.fields[f"{sheet.key}.{row}.{column.key}"])
                 for row, labels in table.rows]
        if column.aggregate == "ratio":
            values = [(name, fld, whole.totals[fld.qualified].value) for name, fld in cells]
            values = [v for v in values if v[2] is not None]
            if not values:
                return None
            name, fld, low = min(values, key=lambda v: v[2])
            text = self.t["lowest_item"].format(column=column.label.get(self.lang), name=name,
                                                value=self.value(fld, low))
            return SummaryItem(_title(sheet, self.lang), text + ".")
        parts = []
        for (row, labels), (_, fld) in zip(table.rows, cells, strict=True):
            if whole.totals[fld.qualified].value:
                others = [self.fields[f"{sheet.key}.{row}.{c.key}"] for c in table.columns]
                figures = ", ".join(
                    f"{c.label.get(self.lang).lower()} "
                    f"{self.value(f, whole.totals[f.qualified].value)}"
                    for c, f in zip(table.columns, others, strict=True))
                parts.append(f"{labels.get(self.lang)} ({figures})")
        text = "; ".join(parts) if parts else self.t["none_reported"]
        return SummaryItem(_title(sheet, self.lang), text + ".")

    def summary_free(self, sheet: Sheet) -> SummaryItem:
        t = self.t
        table = sheet.table
        assert table is not None
        entries = self.p.entries.get(sheet.key, [])
        if not entries:
            return SummaryItem(_title(sheet, self.lang), t["none_reported"] + ".")
        regencies = list(dict.fromkeys(e.regency.name for e in entries))
        text = t["entries"].format(n=len(entries), k=len(regencies))
        alert = False
        if table.order_by:
            column = next(c for c in table.columns if c.key == table.order_by)
            counts = []
            for choice in reversed(column.choices):
                n = sum(1 for e in entries if e.row.get(column.key) == choice.value)
                if n:
                    counts.append(f"{choice.label.get(self.lang)} {n}")
            top = entries[0].row.get(column.key)
            at_top = list(dict.fromkeys(e.regency.name for e in entries
                                        if e.row.get(column.key) == top))
            text += f" ({', '.join(counts)}); " + t["most_severe"].format(
                level=self.value(column, top), names=self.some(at_top))
            alert = top == column.choices[-1].value
        else:
            text += ": " + self.some(regencies)
        return SummaryItem(_title(sheet, self.lang), text + ".", alert)

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

    def section(self, sheet: Sheet) -> SectionView | None:
        tables = []
        notes = []
        fields = [f for f in sheet.fields if f.aggregate != "none"]
        if fields:
            tables.append(self.table(fields, [f.label.get(self.lang) for f in fields]))
            notes += [self.method_note(f) for f in fields if f.aggregate in ("ratio",
                                                                              "weighted_mean")]
        if sheet.table is not None and sheet.table.fixed:
            tables += self.fixed_tables(sheet)
            column = _headline_column(sheet)
            if column.aggregate == "ratio":
                notes.append(self.method_note(column))
        if not tables:
            return None
        return SectionView(sheet.key, _title(sheet, self.lang), tables, notes)

    def method_note(self, fld: Field) -> str:
        label = fld.label.get(self.lang)
        if fld.aggregate == "weighted_mean" and fld.weight:
            return self.t["note_weighted"].format(
                label=label, weight=self.fields[fld.weight].label.get(self.lang))
        assert fld.derived is not None
        sheet_key = fld.qualified.split(".")[0]
        names = []
        for key in fld.derived:
            source = self.fields.get(key) or _table_column(self.schema, sheet_key, key)
            names.append(source.label.get(self.lang))
        return self.t["note_ratio"].format(label=label, num=names[0], den=names[1])

    def fixed_tables(self, sheet: Sheet) -> list[TableView]:
        table = sheet.table
        assert table is not None and table.row_label is not None
        whole = self.p.whole
        t = self.t
        rows = []
        for row, labels in table.rows:
            cells = [self.fields[f"{sheet.key}.{row}.{c.key}"] for c in table.columns]
            rows.append([labels.get(self.lang)] + [
                self.total_cell(f, whole.totals[f.qualified], whole.reporting.included)
                for f in cells])
        province = TableView(
            [table.row_label.get(self.lang), *(c.label.get(self.lang) for c in table.columns)],
            [False] + [c.numeric for c in table.columns], rows,
            title=t["province_table"].format(province=whole.name,
                                             count=self.of(whole.reporting.included,
                                                           whole.reporting.expected)))
        column = _headline_column(sheet)
        fields = [self.fields[f"{sheet.key}.{row}.{column.key}"] for row, _ in table.rows]
        per_unit = self.table(fields, [labels.get(self.lang) for _, labels in table.rows],
                              t["per_unit_table"].format(column=column.label.get(self.lang),
                                                         unit=self.unit_label().lower()))
        return [province, per_unit]

    # -- changes --------------------------------------------------------------------------------
    def changes(self) -> SectionView:
        t, p = self.t, self.p
        whole = p.whole
        title = t["changes_title"].format(day=fmt_date(p.previous_day, self.lang))
        if not p.has_previous:
            return SectionView("changes", title, [], [t["no_previous"].format(
                day=fmt_date(p.previous_day, self.lang))])
        rows, unchanged = [], 0
        for key in self.change_keys():
            fld, change = self.fields[key], whole.changes[key]
            if not change.changed:
                unchanged += 1
                continue
            rows.append([fld.label.get(self.lang), self.value(fld, change.before),
                         self.value(fld, change.after), self.delta(fld, change)])
        province = TableView([t["indicator"], t["yesterday"], t["today"], t["change"]],
                             [False, True, True, True], rows,
                             title=t["province_changes"].format(province=whole.name))
        notes = [t["compared"].format(n=whole.compared, day=fmt_date(p.previous_day, self.lang))]
        if unchanged:
            notes.append(t["unchanged_n"].format(n=unchanged))
        headline = [f for f in _form_fields(self.schema) if f.aggregate in HEADLINE]
        unit_rows = []
        units: list[tuple[str, Any]] = (
            [(g.name, g) for g in p.provinces] if self.multi else
            [(r.regency.name, r) for r in p.rows if r.included and r.previous is not None])
        for name, unit in units:
            unit_rows.append([name] + [self.unit_change(f, unit) for f in headline])
        per_unit = TableView([self.unit_label(), *(f.label.get(self.lang) for f in headline)],
                             [False] + [f.numeric for f in headline], unit_rows,
                             title=t["unit_changes"].format(unit=self.unit_label().lower()))
        return SectionView("changes", title, [province, per_unit], notes)

    def change_keys(self) -> list[str]:
        """Form fields that combine, and each named table row's headline column."""
        keys = []
        for sheet in self.schema.sheets:
            keys += [f.qualified for f in sheet.fields
                     if f.aggregate in ("sum", "ratio", "weighted_mean", "worst")]
            if sheet.table is not None and sheet.table.fixed:
                column = _headline_column(sheet)
                keys += [f"{sheet.key}.{row}.{column.key}" for row, _ in sheet.table.rows]
        return keys

    def unit_change(self, fld: Field, unit: Group | RegencyRow) -> str:
        if isinstance(unit, Group):
            change = unit.changes.get(fld.qualified)
            if change is None or unit.compared == 0:
                return "–"
            before, after = change.before, change.after
        else:
            before = (unit.previous or {}).get(fld.qualified)
            after = unit.values.get(fld.qualified)
            change = Change(before, after, 1)
        if fld.aggregate == "worst":
            if before == after:
                return self.value(fld, after)
            return f"{self.value(fld, before)} → {self.value(fld, after)}"
        if before is None or after is None:
            return self.value(fld, after)
        return f"{self.value(fld, after)} ({self.delta(fld, change)})"

    # -- trend ----------------------------------------------------------------------------------
    def trend(self) -> tuple[SectionView | None, TrendChartView | None]:
        """The campaign trend: a row per day with the province's value of each trend field
        and how many regencies stand behind it. None without a store."""
        if self.p.trend is None:
            return None, None
        t, whole = self.t, self.p.whole
        fields = [self.fields[key] for key in self.p.trend]
        by_day = {key: {p.date: p for p in points} for key, points in self.p.trend.items()}
        days = sorted({day for points in by_day.values() for day in points})
        if len(days) < 2:
            return SectionView("trend", t["trend_title"], [],
                               [t["trend_short"].format(n=len(days))]), None
        expected = whole.reporting.expected
        rows, partial, short = [], [], []
        for day in days:
            points = [by_day[f.qualified].get(day) for f in fields]
            n = max(p.regencies for p in points if p is not None)
            cells = [fmt_date(day, self.lang, weekday=False)]
            for fld, point in zip(fields, points, strict=True):
                text = self.value(fld, point.value if point else None)
                if point is not None and point.regencies < n:
                    text += " " + t["covered"].format(n=point.regencies)
                cells.append(text)
            rows.append([*cells, self.of(n, expected)])
            partial.append(n < expected)
            if n < expected:
                short.append(f"{fmt_date(day, self.lang, weekday=False)} "
                             f"({self.of(n, expected)})")
        scope = whole.name if self.multi else t["province_name"].format(name=whole.name)
        caption = t["trend_caption"].format(scope=scope,
                                            first=fmt_date(days[0], self.lang, weekday=False),
                                            last=fmt_date(days[-1], self.lang, weekday=False))
        table = TableView([t["date_col"], *(f.label.get(self.lang) for f in fields),
                           t["reporting_col"]], [False] + [True] * (len(fields) + 1), rows,
                          title=caption)
        notes = [self.trend_change(f, self.p.trend[f.qualified]) for f in fields
                 if len(self.p.trend[f.qualified]) > 1]
        notes.append(t["trend_method"])
        if short:
            notes.append(t["trend_partial"].format(days=self.some(short)))
        chart = TrendChartView(
            caption, days,
            [f"{fmt_short_date(d, self.lang)}\n{countdown(d, self.p.election_day)}"
             for d in days],
            [ChartSeries(_bare(f.label.get(self.lang)),
                         [p.value if (p := by_day[f.qualified].get(d)) else None
                          for d in days]) for f in fields],
            partial, t["trend_partial_marker"])
        return SectionView("trend", t["trend_title"], [table], notes), chart

    def trend_change(self, fld: Field, points: Sequence[Any]) -> str:
        first, last = points[0], points[-1]
        return self.t["trend_change"].format(
            label=_bare(fld.label.get(self.lang)), first=self.value(fld, first.value),
            first_day=fmt_date(first.date, self.lang, weekday=False),
            last=self.value(fld, last.value),
            last_day=fmt_date(last.date, self.lang, weekday=False),
            delta=self.delta(fld, Change(first.value, last.value, last.regencies)))

    # -- free tables ----------------------------------------------------------------------------
    def free_list(self, sheet: Sheet) -> SectionView:
        """A free table's rows with their regency. At national scale the body keeps only the
        most severe rows (or none, for a table without an order) and the annex has them all."""
        table = sheet.table
        assert table is not None
        entries = self.p.entries.get(sheet.key, [])
        title = _title(sheet, self.lang)
        if not entries:
            return SectionView(sheet.key, title, [], [self.t["none_reported"] + "."])
        notes = []
        shown = entries
        if self.multi:
            top = entries[0].row.get(table.order_by) if table.order_by else None
            shown = [e for e in entries if table.order_by and e.row.get(table.order_by) == top]
            notes.append(self.t["full_list_in_annex"].format(n=len(entries)))
        if table.order_by:
            column = next(c for c in table.columns if c.key == table.order_by)
            notes.insert(0, self.t["ordered_by"].format(column=column.label.get(self.lang)))
        tables = [self.entry_table(sheet, shown)] if shown else []
        return SectionView(sheet.key, title, tables, notes)

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

    # -- annex ----------------------------------------------------------------------------------
    def annex(self) -> SectionView:
        t = self.t
        tables = [self.completeness()]
        errors = self.error_table()
        if errors.rows:
            tables.append(errors)
        if self.p.superseded:
            tables.append(self.superseded())
        if self.p.unidentified:
            tables.append(self.unidentified())
        contacts = self.contacts()
        if contacts is not None:
            tables.append(contacts)
        if self.multi:
            tables.append(self.regency_headlines())
            for sheet in self.schema.sheets:
                if sheet.table is not None and not sheet.table.fixed and \
                        self.p.entries.get(sheet.key):
                    tables.append(self.entry_table(sheet, self.p.entries[sheet.key],
                                                   _title(sheet, self.lang)))
        notes = []
        if self.p.other_dates:
            days = ", ".join(f"{fmt_date(d, self.lang, weekday=False)} ({len(paths)})"
                             for d, paths in self.p.other_dates.items())
            notes.append(t["other_dates"].format(
                n=sum(len(v) for v in self.p.other_dates.values()), days=days))
        return SectionView("annex", t["annex_title"], tables, notes)

    def path(self, path: Path) -> str:
        if self.inbox is not None:
            try:
                return path.relative_to(self.inbox).as_posix()
            except ValueError:
                pass
        return path.name

    def completeness(self) -> TableView:
        t = self.t
        rows = []
        for row in self.p.rows:
            sub = row.submission
            note = ""
            if row.status == MISSING:
                note = (t["last_known"].format(day=fmt_date(row.last_known, self.lang))
                        if row.last_known else t["never_reported"])
            elif row.status == INVALID:
                note = t["n_errors"].format(n=len(row.errors))
            elif row.warnings:
                note = t["n_warnings"].format(n=len(row.warnings))
            received = "–"
            if sub is not None and plausible_arrival(sub.received, self.p.day, self.config):
                received = self.time(sub.received)
            cells = [row.regency.name, self.status_word(row),
                     self.path(sub.path) if sub else "–", received, note]
            if self.multi:
                cells.insert(1, self.config.province_of(row.regency))
            rows.append(cells)
        columns = [t["regency_col"], t["status_col"], t["file_col"], t["received_col"],
                   t["note_col"]]
        if self.multi:
            columns.insert(1, t["province_col"])
        return TableView(columns, [False] * len(columns), rows, title=t["completeness_title"],
                         notes=[t["deadline_note"].format(
                             deadline=self.config.deadline.strftime("%H.%M"),
                             tz=self.config.timezone_label)])

    def time(self, moment: dt.datetime) -> str:
        clock = moment.strftime("%H.%M" if self.lang == "id" else "%H:%M")
        label = f" {self.config.timezone_label}" if self.config.timezone_label else ""
        day = fmt_date(moment.date(), self.lang, weekday=False)
        return f"{day} {clock}{label}"

    def error_table(self) -> TableView:
        t = self.t
        rows = []
        for row in self.p.rows:
            if row.status != INVALID or row.submission is None:
                continue
            for issue in row.errors:
                rows.append([row.regency.name, self.path(row.submission.path),
                             issue.sheet or "–", issue.cell or "–", issue.message(self.lang)])
        return TableView([t["regency_col"], t["file_col"], t["sheet_col"], t["cell_col"],
                          t["note_col"]], [False] * 5, rows, title=t["errors_title"])

    def superseded(self) -> TableView:
        t = self.t
        rows = []
        for old, winner in self.p.superseded:
            regency = old.report.regency
            if old.report.valid:
                reason = t["superseded_newer"].format(file=self.path(winner.path))
            else:
                first = "; ".join(self.issue_text(i) for i in old.report.errors[:_MAX_ERRORS])
                more = len(old.report.errors) - _MAX_ERRORS
                if more > 0:
                    first += "; " + t["and_more"].format(n=more)
                reason = t["superseded_invalid"].format(file=self.path(winner.path),
                                                        errors=first)
            rows.append([self.path(old.path), regency.name if regency else "–", reason])
        return TableView([t["file_col"], t["regency_col"], t["note_col"]], [False] * 3, rows,
                         title=t["superseded_title"])

    def issue_text(self, issue: Any) -> str:
        where = "!".join(p for p in (issue.sheet, issue.cell) if p)
        return f"{where}: {issue.message(self.lang)}" if where else issue.message(self.lang)

    def unidentified(self) -> TableView:
        t = self.t
        rows = []
        for report in self.p.unidentified:
            first = "; ".join(self.issue_text(i) for i in report.errors[:_MAX_ERRORS])
            rows.append([self.path(report.path),
                         report.regency.name if report.regency else "–", first or "–"])
        return TableView([t["file_col"], t["regency_col"], t["note_col"]], [False] * 3, rows,
                         title=t["unidentified_title"])

    def contacts(self) -> TableView | None:
        """The fields kept per regency but never combined (reporter, phone): who to call."""
        fields = [f for f in self.fields.values() if f.aggregate == "none" and f.role is None]
        if not fields:
            return None
        rows = [[r.regency.name, *(self.value(f, r.values.get(f.qualified)) for f in fields)]
                for r in self.p.rows if r.included]
        return TableView([self.t["regency_col"], *(f.label.get(self.lang) for f in fields)],
                         [False] * (len(fields) + 1), rows, title=self.t["contacts_title"])

    def regency_headlines(self) -> TableView:
        """At national scale: each regency's headline figures, grouped by province."""
        fields = [f for f in _form_fields(self.schema) if f.aggregate in HEADLINE]
        rows = [[self.row_label(r), self.config.province_of(r.regency),
                 *self.cells(fields, r)] for r in self.p.rows]
        return TableView([self.t["regency_col"], self.t["province_col"],
                          *(f.label.get(self.lang) for f in fields)],
                         [False, False] + [f.numeric for f in fields], rows,
                         title=self.t["regency_detail_title"])

    # -- chart ----------------------------------------------------------------------------------
    def chart(self) -> ChartView | None:
        fields = [f for f in _form_fields(self.schema) if f.aggregate == "ratio"]
        if not fields:
            return None
        if self.multi:
            categories = [g.name for g in self.p.provinces]
            series = [ChartSeries(f.label.get(self.lang),
                                  [g.totals[f.qualified].value for g in self.p.provinces])
                      for f in fields]
        else:
            categories = [r.regency.name if r.included else
                          f"{r.regency.name} ({self.status_word(r)})" for r in self.p.rows]
            series = [ChartSeries(f.label.get(self.lang),
                                  [r.values.get(f.qualified) if r.included else None
                                   for r in self.p.rows]) for f in fields]
        whole = self.p.whole
        note = "; ".join(f"{f.label.get(self.lang)} {whole.name}: "
                         f"{self.value(f, whole.totals[f.qualified].value)}" for f in fields)
        return ChartView(self.t["chart_title"].format(
            unit=self.unit_label().lower()), categories, series, note)


def _form_fields(schema: Schema) -> list[Field]:
    return [f for sheet in schema.sheets for f in sheet.fields]


def _bare(label: str) -> str:
    """A label without its unit, for prose and legends: 'Perekaman e-KTP (%)' -> 'Perekaman
    e-KTP'."""
    return _UNIT.sub("", label)


def _title(sheet: Sheet, lang: str) -> str:
    return _NUMBERED.sub("", sheet.title.get(lang))


def _headline_column(sheet: Sheet) -> Field:
    """A named-row table's most telling column: its percentage, else its first column."""
    assert sheet.table is not None
    columns = sheet.table.columns
    return next((c for c in columns if c.aggregate == "ratio"), columns[0])


def _table_column(schema: Schema, sheet_key: str, key: str) -> Field:
    table = schema.sheet(sheet_key).table
    assert table is not None
    return next(c for c in table.columns if c.key == key.split(".")[-1])
