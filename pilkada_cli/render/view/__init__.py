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
- the schema's `attention` rules make "Perlu perhatian", at the top;
- with the store, the sign-off stamp and the changes since the last approved revision;
- the schema's `trend` fields make the campaign trend (a table, and a line chart in
  Word), day by day from the store;
- with the store's last days (`day.recent`), a regency × day strip of reporting statuses
  and a card per regency with its trend fields (drawn by the HTML briefing only).

When the config spans several provinces the section tables show a row per province
(a subtotal) and the national total; the regencies' headline figures go to the annex."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pilkada_cli.config import Config
from pilkada_cli.day.merge import ProvincialPicture
from pilkada_cli.day.recent import RecentDays
from pilkada_cli.formats import fmt_date
from pilkada_cli.render.view.annex import Annex
from pilkada_cli.render.view.attention import Attention
from pilkada_cli.render.view.changes import Changes
from pilkada_cli.render.view.model import (
    AttentionLine,
    AttentionView,
    BriefingView,
    ChartSeries,
    ChartView,
    ClosingView,
    FigureTile,
    LegendEntry,
    MapUnit,
    OnePageView,
    SectionView,
    SummaryItem,
    TableView,
    TrendChartView,
)
from pilkada_cli.render.view.onepage import OnePage
from pilkada_cli.render.view.recent import Recent
from pilkada_cli.render.view.revision import Revision
from pilkada_cli.render.view.sections import Sections
from pilkada_cli.render.view.summary import Summary

__all__ = ["AttentionLine", "AttentionView", "BriefingView", "ChartSeries", "ChartView",
           "ClosingView", "FigureTile", "LegendEntry", "MapUnit", "OnePageView", "SectionView",
           "SummaryItem", "TableView", "TrendChartView", "build_view"]


def build_view(picture: ProvincialPicture, config: Config, lang: str = "id",
               inbox: Path | None = None, days: RecentDays | None = None,
               now: dt.datetime | None = None) -> BriefingView:
    """Everything the briefing says, as text in `lang`; with the store's `days`, the last
    days per regency too; `now` is the time of compiling the one-page summary shows
    (default: now, in the config's time zone)."""
    return _Builder(picture, config, lang, inbox, days).build(now)


class _Builder(Summary, Sections, Changes, Annex, Attention, Revision, Recent, OnePage):
    # -- the whole ------------------------------------------------------------------------------
    def build(self, now: dt.datetime | None = None) -> BriefingView:
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
            attention=self.attention(),
            approval=self.approval(),
            revision=self.revision_changes(),
            recent=self.recent(),
            onepage=self.onepage(now),
            to=None if self.multi else t["to"].format(province=whole.name),
            closing=None if self.multi else self.closing(),
        )

    def closing(self) -> ClosingView:
        """What the report is (one province's daily report to Kemendagri), and the signature
        block the config gives (place, the Desk head's title, name and NIP)."""
        t, sign = self.t, self.config.signature
        day = fmt_date(self.p.day, self.lang, weekday=False)
        return ClosingView(
            note=t["closing_note"].format(province=self.p.whole.name),
            place_date=t["closing_place"].format(place=sign.place, day=day) if sign.place
            else day,
            title=sign.title, name=sign.name,
            nip=t["nip"].format(nip=sign.nip) if sign.nip else None)
