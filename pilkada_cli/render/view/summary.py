"""The executive summary (one line per headline figure) and the headline chart."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pilkada_cli.checking.schema import Field, Sheet
from pilkada_cli.day.attendance import plausible
from pilkada_cli.day.merge import (
    INVALID,
    LATE,
    MISSING,
    Group,
    RegencyRow,
)
from pilkada_cli.formats import fmt_clock, fmt_date
from pilkada_cli.names import clean_text
from pilkada_cli.render.view.base import (
    HEADLINE,
    Base,
    bare,
    form_fields,
    headline_column,
    level_step,
    sheet_title,
)
from pilkada_cli.render.view.model import (
    ChartSeries,
    ChartView,
    SummaryItem,
)
from pilkada_cli.render.view.rollup import recap_notes

MAX_SEVERE = 3


class Summary(Base):
    def summary(self) -> list[SummaryItem]:
        """What changed for the worse and why, who reported and as of when, then the
        figures sheet by sheet."""
        t = self.t
        worse = self.summary_worsened()
        items = [worse] if worse else []
        items.append(self.summary_reporting(self.p.whole))
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

    def summary_worsened(self) -> SummaryItem | None:
        """Each ordered level that rose since yesterday: the province's, then each regency's
        with the cause in its own words (the sheet's narrative)."""
        t, whole = self.t, self.p.whole
        parts = []
        for sheet in self.schema.sheets:
            cause = next((f for f in sheet.fields if f.type == "text" and f.required
                          and f.aggregate == "list"), None)
            for fld in (f for f in sheet.fields if f.aggregate == "worst"):
                change = whole.changes.get(fld.qualified)
                if change is not None and (level_step(fld, change.before, change.after) or 0) > 0:
                    parts.append(t["worsened_province"].format(
                        label=bare(fld.label.get(self.lang)), before=self.value(fld, change.before),
                        after=self.value(fld, change.after), basis=self.basis(whole)))
                parts += [self.worse_unit(fld, row, cause) for row in self.worse_rows(fld)]
        if not parts:
            return None
        return SummaryItem(t["worsened"], "; ".join(parts) + ".", True)

    def worse_rows(self, fld: Field) -> list[RegencyRow]:
        """The regencies whose level rose, highest level first."""
        levels = [c.value for c in fld.choices]
        rows = [r for r in self.p.rows if r.included and (level_step(
            fld, (r.previous or {}).get(fld.qualified), r.values.get(fld.qualified)) or 0) > 0]
        return sorted(rows, key=lambda r: -levels.index(r.values[fld.qualified]))

    def worse_unit(self, fld: Field, row: RegencyRow, cause: Field | None) -> str:
        text = self.t["worsened_unit"].format(
            name=row.regency.name, before=self.value(fld, (row.previous or {})[fld.qualified]),
            after=self.value(fld, row.values[fld.qualified]))
        said = row.values.get(cause.qualified) if cause is not None else None
        return f"{text} ({clean_text(said).rstrip('.')})" if said else text

    def summary_reporting(self, group: Group) -> SummaryItem:
        t = self.t
        rows = group.rows
        parts = [self.reporting_line(group)]
        newest = self.newest_arrival(group)
        if newest is not None:
            clock = fmt_clock(newest, self.lang, self.config.timezone_label)
            day = fmt_date(newest.date(), self.lang, weekday=False)
            parts[0] += " " + t["as_of"].format(time=f"{day} {clock}")
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
                           bool(invalid or missing or recaps), "reporting")

    def newest_arrival(self, group: Group) -> dt.datetime | None:
        """When the newest file in the totals arrived: the time the picture stands at. None
        when that time cannot be the sending (a file copied in later keeps the copy's)."""
        arrivals = [r.attendance.used for r in group.rows if r.included and r.attendance.used]
        if not arrivals or not plausible(max(arrivals), self.p.day, self.config):
            return None
        return max(arrivals)

    def summary_field(self, fld: Field) -> SummaryItem:
        t, whole = self.t, self.p.whole
        total = whole.totals[fld.qualified]
        label = bare(fld.label.get(self.lang))
        included = [r for r in whole.rows if r.included]
        if total.value is None:
            return SummaryItem(label, t["no_data"])
        if fld.aggregate == "worst":
            return self.summary_levels(fld, label)
        text = self.value(fld, total.value)
        change = whole.changes.get(fld.qualified)
        delta = self.change_text(fld, whole)
        if change is not None and delta is not None:
            text += " " + t["since_yesterday"].format(before=self.value(fld, change.before),
                                                      delta=delta)
        if fld.qualified in self.config.targets:
            text += "; " + t["target"].format(
                value=self.value(fld, self.config.targets[fld.qualified]))
        if fld.aggregate == "weighted_mean" and fld.weight:
            weight = self.fields[fld.weight].label.get(self.lang)
            text += "; " + t["weighted_by"].format(weight=weight)
        gap = self.gap(fld)
        if gap:
            text += "; " + gap
        ranked = sorted((r for r in included if r.values.get(fld.qualified) is not None),
                        key=lambda r: r.values[fld.qualified])
        if len(ranked) > 1:
            low = ranked[0]
            text += "; " + t["lowest"].format(
                name=low.regency.name, value=self.value(fld, low.values[fld.qualified]))
        if total.covered < whole.reporting.included:
            text += " " + t["covered"].format(n=total.covered)
        return SummaryItem(label, text + ".")

    def summary_levels(self, fld: Field, label: str) -> SummaryItem:
        """An ordered choice: who stands at each level, the highest first."""
        whole = self.p.whole
        total = whole.totals[fld.qualified]
        included = [r for r in whole.rows if r.included]
        levels = {c.value: c for c in fld.choices}
        lowest = fld.choices[0].value
        parts = []
        for level, count in total.counts:
            if not count:
                continue
            at = [r for r in included if r.values.get(fld.qualified) == level]
            name = levels[level].label.get(self.lang)
            names = (self.t["regencies_n"].format(n=count)
                     if level == lowest and len(fld.choices) > 1 else self.names(at))
            parts.append(self.t["level_names"].format(level=name, names=names))
        return SummaryItem(label, "; ".join(parts) + ".", total.value != lowest)

    def gap(self, fld: Field) -> str | None:
        """A ratio's remainder as a number: 'belum 911 dari 6.256 (Jumlah TPS)'."""
        if fld.aggregate != "ratio" or fld.derived is None:
            return None
        totals = self.p.whole.totals
        num, den = (totals[key].value for key in fld.derived)
        if not isinstance(num, int | float) or not isinstance(den, int | float):
            return None
        whole = self.fields[fld.derived[1]]
        return self.t["gap"].format(gap=self.value(whole, den - num),
                                    whole=self.value(whole, den),
                                    label=whole.label.get(self.lang))

    def summary_sums(self, sheet: Sheet) -> SummaryItem:
        whole = self.p.whole
        parts = []
        for fld in sheet.fields:
            if fld.aggregate != "sum":
                continue
            total = whole.totals[fld.qualified]
            part = f"{fld.label.get(self.lang)} {self.value(fld, total.value)}"
            change = whole.changes.get(fld.qualified)
            delta = self.change_text(fld, whole)
            if change is not None and change.changed and delta is not None:
                part += f" ({delta})"
            parts.append(part)
        text = self.period([f for f in sheet.fields if f.aggregate == "sum"]) + "; ".join(parts)
        return SummaryItem(sheet_title(sheet, self.lang), text + ".")

    def period(self, fields: Sequence[Field]) -> str:
        """The schema's word on what the counts cover ('Angka hari laporan saja, bukan
        kumulatif'), when the fields share one; said before them."""
        said = {f.description.get(self.lang).strip().rstrip(".") if f.description else ""
                for f in fields}
        return f"{said.pop()}: " if len(said) == 1 and "" not in said else ""

    def summary_fixed(self, sheet: Sheet) -> SummaryItem | None:
        """Named-row tables: a percentage's lowest row (or one value for all) and what is
        still short; else the rows with any count, and 'nihil' for the others."""
        table = sheet.table
        assert table is not None
        column = headline_column(sheet)
        if column.aggregate == "ratio":
            return self.summary_ratio_rows(sheet, column)
        totals = self.p.whole.totals
        parts, empty = [], []
        for row, labels in table.rows:
            cells = [self.fields[f"{sheet.key}.{row}.{c.key}"] for c in table.columns]
            if not any(totals[f.qualified].value for f in cells):
                empty.append(labels.get(self.lang))
                continue
            figures = ", ".join(f"{c.label.get(self.lang).lower()} "
                                f"{self.value(f, totals[f.qualified].value)}"
                                for c, f in zip(table.columns, cells, strict=True))
            parts.append(f"{labels.get(self.lang)} ({figures})")
        if empty:
            parts.append(self.t["none_for"].format(names=", ".join(empty)))
        text = self.period(table.columns) + "; ".join(parts)
        return SummaryItem(sheet_title(sheet, self.lang), text + ".")

    def summary_ratio_rows(self, sheet: Sheet, column: Field) -> SummaryItem | None:
        table = sheet.table
        assert table is not None
        totals = self.p.whole.totals
        values = [(labels.get(self.lang), self.fields[f"{sheet.key}.{row}.{column.key}"])
                  for row, labels in table.rows]
        shown = [(name, self.value(f, totals[f.qualified].value), totals[f.qualified].value)
                 for name, f in values if totals[f.qualified].value is not None]
        if not shown:
            return None
        title = column.label.get(self.lang)
        if len({text for _, text, _ in shown}) == 1:
            parts = [self.t["all_items"].format(column=title, value=shown[0][1])]
        else:
            name, text, _ = min(shown, key=lambda v: v[2])
            parts = [self.t["lowest_item"].format(column=title, name=name, value=text)]
        short = self.short_of(sheet)
        if short:
            parts.append(short)
        return SummaryItem(sheet_title(sheet, self.lang), "; ".join(parts) + ".")

    def short_of(self, sheet: Sheet) -> str | None:
        """What is still to come per row: the first summed column less the second
        ('Kebutuhan dikurangi Diterima: Surat suara Gubernur 103.822, ...'), 'nihil' when
        nothing is short."""
        table = sheet.table
        assert table is not None
        sums = [c for c in table.columns if c.aggregate == "sum"]
        if len(sums) < 2:
            return None
        first, second = sums[:2]
        totals = self.p.whole.totals
        items = []
        for row, labels in table.rows:
            a = totals[f"{sheet.key}.{row}.{first.key}"].value
            b = totals[f"{sheet.key}.{row}.{second.key}"].value
            if isinstance(a, int | float) and isinstance(b, int | float) and a > b:
                items.append(f"{labels.get(self.lang)} {self.value(first, a - b)}")
        return self.t["short_of"].format(
            minuend=first.label.get(self.lang), subtrahend=second.label.get(self.lang),
            items=", ".join(items) if items else self.t["none_reported"])

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
            at_top = [e for e in entries if e.row.get(column.key) == top]
            items = [f"{e.regency.name}: {said}" if (said := self.said(sheet, e))
                     else e.regency.name for e in at_top[:MAX_SEVERE]]
            if len(at_top) > MAX_SEVERE:
                items.append(t["and_more"].format(n=len(at_top) - MAX_SEVERE))
            text += f" ({', '.join(counts)}); " + t["most_severe"].format(
                level=self.value(column, top), items="; ".join(items))
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
