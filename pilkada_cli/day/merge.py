"""Combine the day's reports into the provincial picture, by the schema's rules alone.

Counts add up; a derived percentage is recomputed from the summed counts, never
averaged; a weighted mean uses its weight field; an ordered choice shows the worst
level and how many regencies stand at each; text is listed per regency. A regency
that did not report, or whose file is invalid, is left out of every total and never
counts as zero; each total says how many regencies it covers.

Every figure is computed over regencies in the config's order, and floating sums
are exact (math.fsum), so the totals never depend on the order of the files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pilkada_cli.checking.aggregates import NUMERIC_AGGREGATES, Total, aggregate, totals
from pilkada_cli.checking.model import Issue, Report
from pilkada_cli.checking.schema import Schema
from pilkada_cli.config import Config, Regency
from pilkada_cli.day.attendance import INVALID as INVALID  # the picture's statuses
from pilkada_cli.day.attendance import LATE as LATE
from pilkada_cli.day.attendance import MISSING as MISSING
from pilkada_cli.day.attendance import REPORTED as REPORTED
from pilkada_cli.day.attendance import Attendance, is_late
from pilkada_cli.day.inbox import Inbox, InboxFile
from pilkada_cli.day.series import Point
from pilkada_cli.formats import countdown

if TYPE_CHECKING:
    from pilkada_cli.day.findings import Attention, Revision


@dataclass(frozen=True)
class Change:
    """A figure yesterday and today, over the same regencies on both days."""

    before: Any
    after: Any
    covered: int

    @property
    def delta(self) -> float | int | None:
        if isinstance(self.before, int | float) and isinstance(self.after, int | float):
            return self.after - self.before
        return None

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass
class RegencyRow:
    """One regency's line in the picture."""

    regency: Regency
    status: str
    values: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    previous: dict[str, Any] | None = None
    submission: InboxFile | None = None
    last_known: dt.date | None = None
    attendance: Attendance = Attendance()

    @property
    def included(self) -> bool:
        """Its figures count in the totals."""
        return self.status in (REPORTED, LATE)

    @property
    def errors(self) -> list[Issue]:
        return self.submission.report.errors if self.submission else []

    @property
    def warnings(self) -> list[Issue]:
        return self.submission.report.warnings if self.submission else []


@dataclass(frozen=True)
class Reporting:
    expected: int
    reported: int
    late: int
    invalid: int
    missing: tuple[str, ...]

    @property
    def included(self) -> int:
        return self.reported + self.late


@dataclass
class Group:
    """A set of regencies with its totals: a province, or the whole config."""

    code: str
    name: str
    rows: list[RegencyRow]
    reporting: Reporting
    totals: dict[str, Total]
    changes: dict[str, Change]
    compared: int  # regencies with a valid report on both days


@dataclass(frozen=True)
class TableEntry:
    """A row of a free table (an incident, a request) with the regency that reported it."""

    regency: Regency
    row: dict[str, Any]


@dataclass
class ProvincialPicture:
    day: dt.date
    previous_day: dt.date
    countdown: str
    election_day: dt.date
    schema: Schema
    whole: Group
    provinces: list[Group]
    entries: dict[str, list[TableEntry]]
    superseded: list[tuple[InboxFile, InboxFile]]
    other_dates: dict[dt.date, list[Path]]
    unidentified: list[Report]
    # Files dated for another day that came in on this one, and files used for this day
    # that came in after it had ended (inbox.Inbox): both named in the briefing.
    other_days: list[InboxFile] = field(default_factory=list)
    after_day: list[InboxFile] = field(default_factory=list)
    # The schema's trend fields for the province day by day, the last day being this
    # picture's own totals; None when no store was used.
    trend: dict[str, list[Point]] | None = None
    # What needs attention today, ranked (day/attention.py; the compile job sets it).
    attention: Attention | None = None
    # The day's revision and its sign-off, when compiled with the store (day/revisions.py).
    revision: Revision | None = None
    # Provincial recaps used for the day, by province code, each with whether it came
    # late; and where a regency's own workbook overrode a recap that said otherwise.
    recaps: dict[str, tuple[InboxFile, bool]] = field(default_factory=dict)
    disagreements: list[tuple[InboxFile, InboxFile, tuple[str, ...]]] = field(
        default_factory=list)

    @property
    def rollup(self) -> bool:
        """Built (at least partly) from provincial recaps: the national roll-up."""
        return bool(self.recaps)

    @property
    def rows(self) -> list[RegencyRow]:
        return self.whole.rows

    @property
    def multi_province(self) -> bool:
        return len(self.provinces) > 1

    @property
    def has_previous(self) -> bool:
        return self.whole.compared > 0


def changes(schema: Schema, rows: Sequence[RegencyRow]) -> tuple[dict[str, Change], int]:
    """Yesterday against today over the regencies valid on both days (like for like)."""
    both = [r for r in rows if r.included and r.previous is not None]
    before = [(r.regency.code, r.previous or {}) for r in both]
    after = [(r.regency.code, r.values) for r in both]
    result: dict[str, Change] = {}
    for key, fld in schema.scalar_fields().items():
        if fld.aggregate in NUMERIC_AGGREGATES or fld.aggregate == "worst":
            old, new = aggregate(fld, before), aggregate(fld, after)
            result[key] = Change(old.value, new.value, min(old.covered, new.covered))
    return result, len(both)


# -- the picture ------------------------------------------------------------------------------
def build_picture(inbox: Inbox, schema: Schema, config: Config,
                  previous: Mapping[str, Mapping[str, Any]] | None = None,
                  trend_before: Mapping[str, Sequence[Point]] | None = None
                  ) -> ProvincialPicture:
    """The provincial picture of inbox.day: a row for every regency of the config.

    `previous` gives each regency's accepted values of the day before (by code); by
    default they come from the eve's files in the inbox. `trend_before` gives each trend
    field's province values of the days before (from the store); the day itself is
    added from this picture's totals, so the trend never contradicts the rest.
    """
    day = inbox.day.day
    if previous is None:
        previous = {code: report.values for code, report in inbox.previous.valid.items()}
    rows = [_row(regency, inbox, previous) for regency in config.regencies]
    whole = _group(config.province_code, config.province_name, rows, schema)
    codes = list(dict.fromkeys(r.province_code for r in config.regencies))
    provinces = [whole]
    if len(codes) > 1:
        provinces = []
        for code in codes:
            members = [row for row in rows if row.regency.province_code == code]
            provinces.append(_group(code, config.province_of(members[0].regency), members,
                                    schema))
    picture = ProvincialPicture(
        day=day, previous_day=inbox.previous.day, countdown=countdown(day, config.election_day),
        election_day=config.election_day, schema=schema, whole=whole, provinces=provinces,
        entries=_entries(schema, rows), superseded=sorted(
            inbox.day.superseded, key=lambda pair: str(pair[0].path)),
        other_dates=dict(sorted(inbox.other_dates.items())), unidentified=inbox.unidentified,
        other_days=inbox.other_days, after_day=inbox.after_day,
        trend=None if trend_before is None else _trend(schema, whole, day, trend_before),
        recaps={code: (recap, is_late(recap.received, day, config))
                for code, recap in sorted(inbox.day.recaps.items())},
        disagreements=inbox.day.disagreements,
    )
    return picture


def _row(regency: Regency, inbox: Inbox,
         previous: Mapping[str, Mapping[str, Any]]) -> RegencyRow:
    submission = inbox.day.chosen.get(regency.code)
    eve = previous.get(regency.code)
    attendance = inbox.day.attendance.get(regency.code, Attendance())
    row = RegencyRow(regency, attendance.status, last_known=inbox.last_known.get(regency.code),
                     submission=submission, previous=dict(eve) if eve is not None else None,
                     attendance=attendance)
    if submission is None or not attendance.valid:
        return row
    report = submission.report
    # A regency that was late into its province's recap stays late nationally.
    if report.rollup is not None and report.rollup.status == LATE:
        row.status = LATE
    row.values = dict(report.values)
    row.tables = {key: list(records) for key, records in report.tables.items()}
    return row


def _trend(schema: Schema, whole: Group, day: dt.date,
           before: Mapping[str, Sequence[Point]]) -> dict[str, list[Point]]:
    trend = {}
    for key in schema.trend:
        points = [p for p in before.get(key, ()) if p.date < day]
        total = whole.totals[key]
        if total.value is not None:
            points.append(Point(day, total.value, total.covered))
        trend[key] = points
    return trend


def _group(code: str, name: str, rows: list[RegencyRow], schema: Schema) -> Group:
    statuses = [r.status for r in rows]
    reporting = Reporting(
        expected=len(rows), reported=statuses.count(REPORTED), late=statuses.count(LATE),
        invalid=statuses.count(INVALID),
        missing=tuple(r.regency.code for r in rows if r.status == MISSING))
    included = [(r.regency.code, r.values) for r in rows if r.included]
    diff, compared = changes(schema, rows)
    return Group(code, name, rows, reporting, totals(schema, included), diff, compared)


def _entries(schema: Schema, rows: list[RegencyRow]) -> dict[str, list[TableEntry]]:
    """Free-table rows of the included regencies; most severe first where the table says
    how to order (its `order_by` column), then in the config's order."""
    result: dict[str, list[TableEntry]] = {}
    for sheet in schema.sheets:
        table = sheet.table
        if table is None or table.fixed:
            continue
        entries = [TableEntry(r.regency, record) for r in rows if r.included
                   for record in r.tables.get(sheet.key, [])]
        if table.order_by:
            column = next(c for c in table.columns if c.key == table.order_by)
            rank: dict[Any, int] = {c.value: i for i, c in enumerate(column.choices)}
            # sort() is stable: equal severity keeps the config's and the sheet's order.
            entries.sort(key=lambda e: -rank.get(e.row.get(column.key), -1))
        result[sheet.key] = entries
    return result
