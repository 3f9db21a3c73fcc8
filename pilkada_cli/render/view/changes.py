"""What changed since yesterday, and the campaign trend from the store."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pilkada_cli.checking.schema import Field
from pilkada_cli.day.merge import (
    Change,
    Group,
    RegencyRow,
)
from pilkada_cli.formats import countdown, fmt_date, fmt_short_date
from pilkada_cli.render.view.base import HEADLINE, Base, bare, form_fields, headline_column
from pilkada_cli.render.view.model import (
    ChartSeries,
    SectionView,
    TableView,
    TrendChartView,
)


class Changes(Base):
    # -- changes --------------------------------------------------------------------------------
    def changes(self) -> SectionView:
        t, p = self.t, self.p
        whole = p.whole
        title = t["changes_title"].format(day=fmt_date(p.previous_day, self.lang))
        if not p.has_previous:
            return SectionView("changes", title, [], [t["no_previous"].format(
                day=fmt_date(p.previous_day, self.lang))])
        rows, unchanged = [], []
        basis = self.basis(whole)
        for key in self.change_keys():
            fld, change = self.fields[key], whole.changes[key]
            if not change.changed:
                unchanged.append(fld.label.get(self.lang))
                continue
            rows.append([fld.label.get(self.lang), self.value(fld, change.before),
                         self.value(fld, change.after), self.delta(fld, change)])
        # The basis heads the table: every row of it, both days' figures too, rests on it.
        province = TableView([t["indicator"], t["yesterday"], t["today"], t["change"]],
                             [False, True, True, True], rows,
                             title=t["province_changes"].format(province=whole.name) + basis)
        notes = [t["compared"].format(n=whole.compared, day=fmt_date(p.previous_day, self.lang))]
        if unchanged:
            notes.append(t["unchanged_list"].format(names=", ".join(unchanged)))
        headline = [f for f in form_fields(self.schema) if f.aggregate in HEADLINE]
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
                column = headline_column(sheet)
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
        basis = self.basis(unit) if isinstance(unit, Group) else ""
        return f"{self.value(fld, after)} ({self.delta(fld, change)}{basis})"

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
            [ChartSeries(bare(f.label.get(self.lang)),
                         [p.value if (p := by_day[f.qualified].get(d)) else None
                          for d in days]) for f in fields],
            partial, t["trend_partial_marker"])
        return SectionView("trend", t["trend_title"], [table], notes), chart

    def trend_change(self, fld: Field, points: Sequence[Any]) -> str:
        first, last = points[0], points[-1]
        return self.t["trend_change"].format(
            label=bare(fld.label.get(self.lang)), first=self.value(fld, first.value),
            first_day=fmt_date(first.date, self.lang, weekday=False),
            last=self.value(fld, last.value),
            last_day=fmt_date(last.date, self.lang, weekday=False),
            delta=self.delta(fld, Change(first.value, last.value, last.regencies)))
