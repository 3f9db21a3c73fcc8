"""The executive summary (one line per headline figure) and the headline chart."""

from __future__ import annotations

from pilkada_cli.checking.schema import Field, Sheet
from pilkada_cli.day.merge import (
    INVALID,
    LATE,
    MISSING,
    Group,
)
from pilkada_cli.formats import fmt_date
from pilkada_cli.render.view.base import HEADLINE, Base, form_fields, headline_column, sheet_title
from pilkada_cli.render.view.model import (
    ChartSeries,
    ChartView,
    SummaryItem,
)
from pilkada_cli.render.view.rollup import recap_notes


class Summary(Base):
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
        recaps = recap_notes(self) if group is self.p.whole else []
        parts += recaps
        return SummaryItem(t["reporting"], "; ".join(parts) + ".",
                           bool(invalid or missing or recaps))

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
        return SummaryItem(sheet_title(sheet, self.lang), "; ".join(parts) + ".")

    def summary_fixed(self, sheet: Sheet) -> SummaryItem | None:
        """Named-row tables: the row that lags most on a percentage, else the rows with any."""
        table = sheet.table
        assert table is not None
        whole = self.p.whole
        column = headline_column(sheet)
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
            return SummaryItem(sheet_title(sheet, self.lang), text + ".")
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
        return SummaryItem(sheet_title(sheet, self.lang), text + ".")

    def summary_free(self, sheet: Sheet) -> SummaryItem:
        t = self.t
        table = sheet.table
        assert table is not None
        entries = self.p.entries.get(sheet.key, [])
        if not entries:
            return SummaryItem(sheet_title(sheet, self.lang), t["none_reported"] + ".")
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
        return SummaryItem(sheet_title(sheet, self.lang), text + ".", alert)

    # -- chart ----------------------------------------------------------------------------------
    def chart(self) -> ChartView | None:
        fields = [f for f in form_fields(self.schema) if f.aggregate == "ratio"]
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
