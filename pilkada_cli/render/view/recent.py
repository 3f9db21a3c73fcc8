"""The last days from the store: each regency's reporting status day by day (the strip)
and its trend figures over those days (a card with sparklines). The report date's figures
are the picture's own, so a card never contradicts the tables."""

from __future__ import annotations

from pilkada_cli import texts
from pilkada_cli.day.merge import INVALID, LATE, MISSING, REPORTED, RegencyRow
from pilkada_cli.formats import countdown, fmt_date, fmt_short_date
from pilkada_cli.render.view.base import Base, bare
from pilkada_cli.render.view.model import (
    RecentGroup,
    RecentView,
    RegencyRecent,
    Spark,
    StripCell,
)

STATUSES = (REPORTED, LATE, INVALID, MISSING)


class Recent(Base):
    def recent(self) -> RecentView | None:
        if self.days is None:
            return None
        words = texts.table("recent", self.lang)
        days = self.days.days
        n = len(days)
        first = fmt_date(days[0], self.lang, weekday=False)
        last = fmt_date(days[-1], self.lang, weekday=False)
        notes = [words["strip_note"].format(deadline=self.config.deadline.strftime("%H.%M"),
                                            tz=self.config.timezone_label)]
        if n < self.days.length:
            notes.append(words["strip_short"].format(day=first))
        groups: dict[str, list[RegencyRecent]] = {}
        for row in self.p.rows:
            name = self.config.province_of(row.regency) if self.multi else ""
            groups.setdefault(name, []).append(self.regency_recent(row, words))
        return RecentView(
            strip_title=words["strip_title"].format(n=n),
            strip_caption=words["strip_caption"].format(first=first, last=last),
            days=[fmt_short_date(d, self.lang) for d in days],
            countdowns=[countdown(d, self.p.election_day) for d in days],
            day_names=[fmt_date(d, self.lang) for d in days],
            legend=[StripCell(s, words[f"status_{s}"]) for s in STATUSES],
            notes=notes,
            cards_title=words["cards_title"].format(n=n),
            cards_notes=[words["cards_note"]] if self.p.schema.trend else [],
            groups=[RecentGroup(name or None, members) for name, members in groups.items()])

    def regency_recent(self, row: RegencyRow, words: dict[str, str]) -> RegencyRecent:
        assert self.days is not None
        code = row.regency.code
        cells = [StripCell(s, words[f"status_{s}"]) for s in self.days.status[code]]
        sparks = []
        stored = self.days.values.get(code, {})
        for key in self.p.schema.trend:
            fld = self.fields[key]
            values = [stored.get(key, {}).get(d) for d in self.days.days[:-1]]
            values.append(row.values.get(key) if row.included else None)
            shown = [self.value(fld, v) for v in values]
            label = bare(fld.label.get(self.lang))
            text = words["spark_text"].format(
                label=label, first=fmt_short_date(self.days.days[0], self.lang),
                last=fmt_short_date(self.days.days[-1], self.lang),
                values="; ".join(f"{fmt_short_date(d, self.lang)} {v}"
                                 for d, v in zip(self.days.days, shown, strict=True)))
            sparks.append(Spark(label, values, shown[-1], text))
        return RegencyRecent(row.regency.name, cells[-1], cells, sparks)
