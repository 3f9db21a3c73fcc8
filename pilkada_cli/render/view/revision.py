"""The sign-off stamp and "Perubahan sejak revisi N" (figures changed since the last
approved revision, and the file behind each change)."""

from __future__ import annotations

import datetime as dt

from pilkada_cli import texts
from pilkada_cli.day.attendance import local
from pilkada_cli.formats import fmt_date
from pilkada_cli.render.view.base import Base
from pilkada_cli.render.view.model import SectionView, TableView

MAX_ROWS = 30


class Revision(Base):
    def approval(self) -> str | None:
        """"Disetujui oleh … pukul …, revisi N", or "Revisi N · belum disetujui" (with the
        last sign-off); None without the store."""
        revision = self.p.revision
        if revision is None:
            return None
        t = texts.table("revision", self.lang)
        if revision.approved_by and revision.approved_at:
            return t["approved"].format(by=revision.approved_by,
                                        at=self.clock(revision.approved_at), n=revision.number)
        line = t["pending"].format(n=revision.number)
        earlier = revision.previous
        if earlier is not None and earlier.approved_by and earlier.approved_at:
            line += " " + t["pending_after"].format(n=earlier.number, by=earlier.approved_by,
                                                    at=self.clock(earlier.approved_at))
        return line

    def revision_changes(self) -> SectionView | None:
        revision = self.p.revision
        if revision is None or revision.previous is None:
            return None
        t = texts.table("revision", self.lang)
        n = revision.previous.number
        title = t["changes_title"].format(n=n)
        if not revision.differences:
            return SectionView("revision", title, [], [t["no_changes"].format(n=n)])
        rows = []
        for diff in revision.differences[:MAX_ROWS]:
            fld = self.fields[diff.field]
            rows.append([diff.regency.name, fld.label.get(self.lang),
                         self.value(fld, diff.before), self.value(fld, diff.after),
                         diff.file or t["no_file"]])
        table = TableView([t["regency"], t["figure"], t["before"].format(n=n), t["after"],
                           t["file"]], [False, False, True, True, False], rows)
        notes = []
        if len(revision.differences) > MAX_ROWS:
            notes.append(t["more"].format(n=len(revision.differences) - MAX_ROWS))
        return SectionView("revision", title, [table], notes)

    def clock(self, moment: dt.datetime) -> str:
        """'21.15 WITA', with the date when it is not the report's own."""
        return when(local(moment, self.config), self.p.day, self.config.timezone_label,
                    self.lang)


def when(at: dt.datetime, day: dt.date, label: str | None, lang: str) -> str:
    """A moment on the province's clock as the briefing writes it."""
    clock = at.strftime("%H.%M" if lang == "id" else "%H:%M")
    if label:
        clock += f" {label}"
    if at.date() != day:
        clock += " " + texts.text("revision", "on_day", lang,
                                   day=fmt_date(at.date(), lang, weekday=False))
    return clock
