"""What the briefing says, as plain-text records the templates lay out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path


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
    key: str = ""
    """What the item is about, for code that picks one out ("reporting")."""


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
class AttentionLine:
    """One item of "Perlu perhatian": the regency, where to look (sheet!cell, or the file),
    and what is the matter."""

    regency: str
    where: str
    text: str


@dataclass
class AttentionView:
    title: str
    items: list[AttentionLine]
    notes: list[str] = field(default_factory=list)


@dataclass
class StripCell:
    status: str
    """reported, late, invalid or missing: for the colour."""
    word: str


@dataclass
class Spark:
    """One trend figure of a regency over the last days, for a sparkline."""

    label: str
    values: list[float | None]
    """A value per day of the strip, None where no valid report."""
    last: str
    """The report date's value as written."""
    text: str
    """Every day's value in words: the picture's text alternative."""


@dataclass
class RegencyRecent:
    name: str
    status: StripCell
    """Its status on the report date."""
    days: list[StripCell]
    sparks: list[Spark]


@dataclass
class RecentGroup:
    """The regencies of one province (name None when the briefing covers one province)."""

    name: str | None
    regencies: list[RegencyRecent]


@dataclass
class RecentView:
    """The last days from the store: a regency × day strip of reporting statuses and a card
    per regency with its trend figures as sparklines."""

    strip_title: str
    strip_caption: str
    days: list[str]
    """Column heads: '12 Nov'."""
    countdowns: list[str]
    """'H-15' under each day."""
    day_names: list[str]
    """'12 November 2024': each column's full date."""
    legend: list[StripCell]
    notes: list[str]
    cards_title: str
    cards_notes: list[str]
    groups: list[RecentGroup]

    @property
    def has_cards(self) -> bool:
        """Whether there are sparklines to draw (the schema follows trend fields)."""
        return any(r.sparks for g in self.groups for r in g.regencies)


@dataclass
class MapUnit:
    """One regency on the summary map: `level` is its place on the map field's ordered
    scale (0 = calmest), None when it has no level; `state` says why: `level`, `missing`,
    `invalid` or `no_data`."""

    code: str
    name: str
    short: str
    alias: str | None
    province: str
    state: str
    level: int | None
    word: str


@dataclass
class LegendEntry:
    """A line of the map's legend: a level (or a state without one) and who stands there."""

    label: str
    state: str
    level: int | None
    count: int
    names: str = ""


@dataclass
class FigureTile:
    """A headline figure of the one-page summary, with yesterday's value and the change."""

    label: str
    value: str
    yesterday: str | None
    change: str | None
    coverage: str | None
    basis: str | None = None
    """'pada 9 kabupaten/kota yang melapor kedua hari', when the change covers fewer."""


@dataclass
class OnePageView:
    """What the one-page summary for phones says (ringkasan-D.png, .pdf), and where the
    config places the map's regencies (tile positions, a GeoJSON of boundaries)."""

    title: str
    subtitle: str
    map_title: str
    levels: list[str]
    units: list[MapUnit]
    legend: list[LegendEntry]
    tiles: list[FigureTile]
    incidents_title: str
    incidents: list[str]
    incidents_more: str | None
    reporting: str
    footer: str
    provinces: dict[str, str]
    positions: dict[str, tuple[int, int]]
    boundaries: Path | None
    t: dict[str, str]
    basis_note: str | None = None
    """Under the tiles, for the changes marked *: on which regencies they are computed."""


@dataclass
class ClosingView:
    """The end of the briefing: what it is, then place and date and who signs (the parts
    the config leaves out are None)."""

    note: str
    place_date: str
    title: str | None
    name: str | None
    nip: str | None


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
    attention: AttentionView
    approval: str | None = None
    """The sign-off stamp ("Disetujui oleh … pukul …, revisi N"), when the store is used."""
    revision: SectionView | None = None
    """"Perubahan sejak revisi N": the figures changed since the last approved revision."""
    recent: RecentView | None = None
    """From the store (None without one): drawn by the HTML briefing only."""
    onepage: OnePageView | None = None
    """The one-page summary for phones (ringkasan-D.png, .pdf)."""
    to: str | None = None
    """"Kepada Yth. Pj. Gubernur …": one province's briefing only."""
    closing: ClosingView | None = None
    """The note that it is the daily report to Kemendagri and the signature block: one
    province's briefing only."""
