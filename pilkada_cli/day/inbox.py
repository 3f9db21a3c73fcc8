"""Sort an inbox of workbooks into the reports of one day.

Every workbook under the inbox is checked and identified by what is inside it (the
file name means nothing). For the day asked, each regency's newest valid file is its
report; older files are superseded, and a newer file that is invalid is set aside
with its errors (the valid one is used, and the briefing says so). A regency that
sent only invalid files is *invalid*. Files for other dates are ignored and counted;
files that cannot be identified are listed. The previous day is sorted the same way,
for the day-over-day changes, as yesterday's briefing could have seen it: a file for
yesterday that came in today is not its baseline.

A file dated for another day that came in on the day (a late report for yesterday) is
named, never silently used; and a file for the day that came in after the day had ended
is named where it is used (it changes a picture that may have been sent already).

A provincial recap (`rekap-D.json`) stands for each regency it covers, as one report per
regency; a regency's own valid workbook wins over a recap, and where both are valid and
their figures differ, the difference is kept to be reported.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pilkada_cli.checking.model import Report
from pilkada_cli.config import Config
from pilkada_cli.day.attendance import Attendance, arrived_on, attend, plausible


@dataclass(frozen=True)
class InboxFile:
    """One file in the inbox, its report and when it arrived (in the province's time zone)."""

    report: Report
    received: dt.datetime

    @property
    def path(self) -> Path:
        return self.report.path

    def sort_key(self) -> tuple[dt.datetime, str]:
        """Newest last: by arrival, then by name, so the choice never depends on disk order."""
        return self.received, str(self.report.path)


@dataclass
class DayFiles:
    """The files of one day: the one used per regency code, those set aside, and each
    regency's attendance (when its files came, and so whether it was late)."""

    day: dt.date
    chosen: dict[str, InboxFile] = field(default_factory=dict)
    superseded: list[tuple[InboxFile, InboxFile]] = field(default_factory=list)
    attendance: dict[str, Attendance] = field(default_factory=dict)
    # The valid recaps of the day by province code (the newest one per province), and
    # (recap, workbook used, the value keys that differ) where a workbook overrode a recap.
    recaps: dict[str, InboxFile] = field(default_factory=dict)
    disagreements: list[tuple[InboxFile, InboxFile, tuple[str, ...]]] = field(
        default_factory=list)

    @property
    def valid(self) -> dict[str, Report]:
        return {code: s.report for code, s in self.chosen.items() if s.report.valid}


@dataclass
class Inbox:
    """What an inbox holds for one day, its eve, and everything else."""

    day: DayFiles
    previous: DayFiles
    other_dates: dict[dt.date, list[Path]] = field(default_factory=dict)
    # Files dated for another day that came in on the day, oldest first.
    other_days: list[InboxFile] = field(default_factory=list)
    # Files used for the day that came in after it had ended, oldest first.
    after_day: list[InboxFile] = field(default_factory=list)
    unidentified: list[Report] = field(default_factory=list)
    last_known: dict[str, dt.date] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        """No file at all reports on the day: there is nothing to compile."""
        return not self.day.chosen


def received_at(path: Path, config: Config) -> dt.datetime:
    """When a file arrived, without a store: its modification time. (With a store, the
    arrival is the earlier of its first sighting and this, see attendance.arrival; a mail
    or WhatsApp gateway that records the true arrival time would replace this function.)"""
    try:
        stamp = path.stat().st_mtime
    except OSError:
        stamp = 0.0  # gone since it was read: the oldest of all, and never "late"
    return dt.datetime.fromtimestamp(stamp, dt.UTC).astimezone(config.timezone)


def sort_inbox(reports: Iterable[Report], day: dt.date, config: Config,
               received: Callable[[Path], dt.datetime] | None = None) -> Inbox:
    """Sort checked reports into the day's, the eve's, other dates' and unidentified ones."""
    when = received or (lambda path: received_at(path, config))
    eve = day - dt.timedelta(days=1)
    by_day: dict[dt.date, dict[str, list[InboxFile]]] = {day: {}, eve: {}}
    inbox = Inbox(DayFiles(day), DayFiles(eve))
    for report in _expanded(reports, by_day, inbox, when):
        if report.regency is None or report.date is None:
            inbox.unidentified.append(report)
            continue
        code = report.regency.code
        if report.valid and report.date < day:
            known = inbox.last_known.get(code)
            inbox.last_known[code] = max(known, report.date) if known else report.date
        submission = InboxFile(report, when(report.path))
        came_today = report.date != day and arrived_on(submission.received, day, config)
        if came_today:
            inbox.other_days.append(submission)
        if report.date == day or (report.date == eve and not came_today):
            by_day[report.date].setdefault(code, []).append(submission)
        elif report.date != eve:
            inbox.other_dates.setdefault(report.date, []).append(report.path)
    for files, candidates in ((inbox.day, by_day[day]), (inbox.previous, by_day[eve])):
        for code, submissions in candidates.items():
            _choose(files, code, submissions, config)
    inbox.after_day = sorted(
        (s for s in inbox.day.chosen.values() if s.report.valid and _after(s, day, config)),
        key=InboxFile.sort_key)
    inbox.other_days.sort(key=InboxFile.sort_key)
    inbox.unidentified.sort(key=lambda r: str(r.path))
    for paths in inbox.other_dates.values():
        paths.sort()
    return inbox


def _after(submission: InboxFile, day: dt.date, config: Config) -> bool:
    """Came in after `day` had ended, by a time that says when it was sent."""
    received = submission.received
    return received.astimezone(config.timezone).date() > day and plausible(received, day,
                                                                           config)


def _expanded(reports: Iterable[Report], by_day: dict[dt.date, dict[str, list[InboxFile]]],
              inbox: Inbox, when: Callable[[Path], dt.datetime]) -> Iterator[Report]:
    """Each report, a valid recap replaced by the regency reports it stands for."""
    days = {inbox.day.day: inbox.day, inbox.previous.day: inbox.previous}
    for report in reports:
        if not report.covers:
            yield report
            continue
        files = days.get(report.date) if report.date else None
        if files is not None and report.rollup is not None:
            recap = InboxFile(report, when(report.path))
            known = files.recaps.get(report.rollup.province)
            if known is None or known.sort_key() < recap.sort_key():
                files.recaps[report.rollup.province] = recap
        yield from report.covers


def _choose(files: DayFiles, code: str, submissions: list[InboxFile],
            config: Config) -> None:
    """The newest valid workbook wins, else the newest valid recap; with no valid file,
    the newest invalid one stands."""
    ordered = sorted(submissions, key=InboxFile.sort_key)
    valid = [s for s in ordered if s.report.valid]
    own = [s for s in valid if s.report.rollup is None]
    winner = own[-1] if own else valid[-1] if valid else ordered[-1]
    files.chosen[code] = winner
    files.attendance[code] = attend([(s.received, s.report.valid) for s in ordered],
                                    winner.received, files.day, config)
    files.superseded.extend((s, winner) for s in ordered if s is not winner)
    if own:
        for recap in (s for s in valid if s.report.rollup is not None):
            keys = _differences(recap.report, winner.report)
            if keys:
                files.disagreements.append((recap, winner, keys))


def _differences(recap: Report, workbook: Report) -> tuple[str, ...]:
    """The value keys (and free tables) whose content differs between the two reports."""
    values = tuple(k for k in sorted(set(recap.values) | set(workbook.values))
                   if not _equal(recap.values.get(k), workbook.values.get(k)))
    tables = tuple(k for k in sorted(set(recap.tables) | set(workbook.tables))
                   if _rows(recap, k) != _rows(workbook, k))
    return values + tables


def _rows(report: Report, key: str) -> list[dict[str, object]]:
    """A free table's rows without their empty cells (a recap writes them as null)."""
    return [{k: v for k, v in row.items() if v is not None}
            for row in report.tables.get(key, [])]


def _equal(a: object, b: object) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def find_workbooks(folder: Path, exclude: Path | None = None) -> list[Path]:
    """Every workbook under `folder`, but none under `exclude` (where our own output goes)."""
    from pilkada_cli.reader.workbook import discover

    found = discover([folder])
    skip = exclude.resolve() if exclude is not None else None
    root = folder.resolve()
    if skip is None or not (skip.is_relative_to(root) or root.is_relative_to(skip)):
        return found  # the output is outside the inbox: no need to resolve every file's path
    return [p for p in found if not p.resolve().is_relative_to(skip)]
