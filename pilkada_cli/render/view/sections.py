"""A part per schema sheet: its tables and notes, and the lists of free rows."""

from __future__ import annotations

from pilkada_cli.checking.schema import Field, Sheet
from pilkada_cli.render.view.base import Base, headline_column, sheet_title, table_column
from pilkada_cli.render.view.model import (
    SectionView,
    TableView,
)


class Sections(Base):
    def section(self, sheet: Sheet) -> SectionView | None:
        tables = []
        notes = []
        fields = [f for f in sheet.fields if f.aggregate != "none"]
        if fields:
            tables.append(self.table(fields, [f.label.get(self.lang) for f in fields]))
            if any(f.aggregate == "sum" for f in fields):
                notes += self.sum_note()
            notes += [self.method_note(f) for f in fields if f.aggregate in ("ratio",
                                                                              "weighted_mean")]
        if sheet.table is not None and sheet.table.fixed:
            tables += self.fixed_tables(sheet)
            column = headline_column(sheet)
            if column.aggregate == "ratio":
                notes.append(self.method_note(column))
        if not tables:
            return None
        return SectionView(sheet.key, sheet_title(sheet, self.lang), tables, notes)

    def sum_note(self) -> list[str]:
        """The province row's sums are of those who reported (a DPT of 9 of 10 regencies is
        not the province's DPT): said while any regency is left out."""
        whole = self.p.whole
        out = [r for r in whole.rows if not r.included]
        if not out:
            return []
        return [self.t["sum_note"].format(n=whole.reporting.included, names=self.names(out))]

    def method_note(self, fld: Field) -> str:
        label = fld.label.get(self.lang)
        if fld.aggregate == "weighted_mean" and fld.weight:
            return self.t["note_weighted"].format(
                label=label, weight=self.fields[fld.weight].label.get(self.lang))
        assert fld.derived is not None
        sheet_key = fld.qualified.split(".")[0]
        names = []
        for key in fld.derived:
            source = self.fields.get(key) or table_column(self.schema, sheet_key, key)
            names.append(self.total_of(source.label.get(self.lang)))
        return self.t["note_ratio"].format(label=label, num=names[0], den=names[1])

    def total_of(self, label: str) -> str:
        """'jumlah Kebutuhan', and 'jumlah TPS' for 'Jumlah TPS' (never 'jumlah Jumlah TPS')."""
        word = self.t["total_of"]
        if label.casefold().startswith(word.casefold() + " "):
            return word + label[len(word):]
        return f"{word} {label}"

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
        column = headline_column(sheet)
        fields = [self.fields[f"{sheet.key}.{row}.{column.key}"] for row, _ in table.rows]
        per_unit = self.table(fields, [labels.get(self.lang) for _, labels in table.rows],
                              t["per_unit_table"].format(column=column.label.get(self.lang),
                                                         unit=self.unit_label().lower()))
        return [province, per_unit]

    # -- free tables ----------------------------------------------------------------------------
    def free_list(self, sheet: Sheet) -> SectionView:
        """A free table's rows with their regency. At national scale the body keeps only the
        most severe rows (or none, for a table without an order) and the annex has them all."""
        table = sheet.table
        assert table is not None
        entries = self.p.entries.get(sheet.key, [])
        title = sheet_title(sheet, self.lang)
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
