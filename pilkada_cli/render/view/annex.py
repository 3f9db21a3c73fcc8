"""The annex: data completeness, errors, files not used, reporters."""

from __future__ import annotations

import datetime as dt

from pilkada_cli.day.attendance import shown_at
from pilkada_cli.day.merge import (
    INVALID,
    MISSING,
)
from pilkada_cli.formats import fmt_date
from pilkada_cli.render.view.base import HEADLINE, MAX_ERRORS, Base, form_fields, sheet_title
from pilkada_cli.render.view.model import (
    SectionView,
    TableView,
)
from pilkada_cli.render.view.rollup import disagreement_table


class Annex(Base):
    # -- annex ----------------------------------------------------------------------------------
    def annex(self) -> SectionView:
        t = self.t
        tables = [self.completeness()]
        errors = self.error_table()
        if errors.rows:
            tables.append(errors)
        if self.p.superseded or self.p.other_days:
            tables.append(self.superseded())
        if self.p.disagreements:
            tables.append(disagreement_table(self))
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
                                                   sheet_title(sheet, self.lang)))
        notes = []
        if self.p.other_dates:
            days = ", ".join(f"{fmt_date(d, self.lang, weekday=False)} ({len(paths)})"
                             for d, paths in self.p.other_dates.items())
            notes.append(t["other_dates"].format(
                n=sum(len(v) for v in self.p.other_dates.values()), days=days))
        return SectionView("annex", t["annex_title"], tables, notes)

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
            cells = [row.regency.name, self.status_word(row),
                     self.path(sub.path) if sub else "–",
                     row.attendance.describe(self.p.day, self.config, self.lang), note]
            if self.multi:
                cells.insert(1, self.config.province_of(row.regency))
            rows.append(cells)
        columns = [t["regency_col"], t["status_col"], t["file_col"], t["received_col"],
                   t["note_col"]]
        if self.multi:
            columns.insert(1, t["province_col"])
        notes = [t["deadline_note"].format(deadline=self.config.deadline.strftime("%H.%M"),
                                           tz=self.config.timezone_label)]
        if self.p.after_day:
            notes.append(t["after_day"].format(day=fmt_date(self.p.day, self.lang),
                                               files=self.after_day_files()))
        return TableView(columns, [False] * len(columns), rows, title=t["completeness_title"],
                         notes=notes)

    def after_day_files(self) -> str:
        """'Kabupaten X (18 Nov 17.10 WITA)': the files used that came after the day ended."""
        return "; ".join(
            f"{s.report.regency.name if s.report.regency else self.path(s.path)} "
            f"({self.moment(s.received)})" for s in self.p.after_day)

    def moment(self, at: dt.datetime) -> str:
        return shown_at(at, self.p.day, self.config, self.lang)

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
                first = "; ".join(self.issue_text(i) for i in old.report.errors[:MAX_ERRORS])
                more = len(old.report.errors) - MAX_ERRORS
                if more > 0:
                    first += "; " + t["and_more"].format(n=more)
                reason = t["superseded_invalid"].format(file=self.path(winner.path),
                                                        errors=first)
            rows.append([self.path(old.path), regency.name if regency else "–", reason])
        for sub in self.p.other_days:
            regency = sub.report.regency
            assert sub.report.date is not None  # sorted by its date: it has one
            rows.append([self.path(sub.path), regency.name if regency else "–",
                         t["other_day"].format(
                             date=fmt_date(sub.report.date, self.lang, weekday=False),
                             at=self.moment(sub.received),
                             day=fmt_date(self.p.day, self.lang, weekday=False))])
        return TableView([t["file_col"], t["regency_col"], t["note_col"]], [False] * 3, rows,
                         title=t["superseded_title"])

    def unidentified(self) -> TableView:
        t = self.t
        rows = []
        for report in self.p.unidentified:
            first = "; ".join(self.issue_text(i) for i in report.errors[:MAX_ERRORS])
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
        fields = [f for f in form_fields(self.schema) if f.aggregate in HEADLINE]
        rows = [[self.row_label(r), self.config.province_of(r.regency),
                 *self.cells(fields, r)] for r in self.p.rows]
        return TableView([self.t["regency_col"], self.t["province_col"],
                          *(f.label.get(self.lang) for f in fields)],
                         [False, False] + [f.numeric for f in fields], rows,
                         title=self.t["regency_detail_title"])
