"""Who reported for a day and when: the one rule that compile, status, kirim and the
recap all follow, and the one way to show it.

When a file arrived: the moment pilkada first saw it, or the file's own modification
time when that is earlier (a report dropped into the inbox at 17.00 and first seen by the
21.00 compile arrived at 17.00). A modification time later than the first sighting says
nothing about arrival and is ignored.

Lateness is judged to the minute, as times are shown: with the deadline at 18.00 WITA
(the config's, on the report date in the province's time zone), a file at 18.00.30 is
on time and shown "18.00 WITA"; one at 18.01 is late. A time more than a day after the
deadline is not taken as evidence: it is when the file was copied or first looked at
(old files read for the first time, a fresh checkout of the samples), not when it was
sent, and it is never shown as an arrival.

A regency's day, from all its files for that day:
- missing: no file;
- invalid: files, none of them valid;
- late: a valid report, but its first file came after the deadline;
- reported: a valid report, and its first file came in time.
The deadline is for sending: a regency that sent a file on time (even one with errors)
and a valid correction after the deadline is not late. The time that decides is its
first file's; where the file whose figures count came later, that time is shown beside.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pilkada_cli import texts
from pilkada_cli.config import Config, Regency
from pilkada_cli.formats import fmt_moment
from pilkada_cli.jsonio import plain
from pilkada_cli.store.ledger import Submission

REPORTED, LATE, INVALID, MISSING = "reported", "late", "invalid", "missing"

LATE_WINDOW = dt.timedelta(days=1)
"""How long after the deadline a file's time still says when it was sent."""


def arrival(first_seen: dt.datetime, mtime: dt.datetime | None) -> dt.datetime:
    """The earlier of first sighting and the file's modification time."""
    return first_seen if mtime is None else min(first_seen, mtime)


def deadline(day: dt.date, config: Config) -> dt.datetime:
    """The deadline for the report of `day`, as an aware time in the province's zone."""
    return dt.datetime.combine(day, config.deadline, tzinfo=config.timezone)


def local(moment: dt.datetime, config: Config) -> dt.datetime:
    """A moment on the province's clock, to the minute (what staff read: 17.05 WITA)."""
    return moment.astimezone(config.timezone).replace(second=0, microsecond=0)


def shown_at(moment: dt.datetime, day: dt.date, config: Config, lang: str) -> str:
    """A moment as every output shows it beside the report of `day`: '17.10 WITA', or
    '19 Nov 08.15 WITA' on another day."""
    return fmt_moment(local(moment, config), day, lang, config.timezone_label)


def is_late(arrived: dt.datetime, day: dt.date, config: Config) -> bool:
    """True when a file for `day` arrived, to the minute, after that day's deadline (and
    within LATE_WINDOW of it)."""
    due = deadline(day, config)
    return due < local(arrived, config) <= due + LATE_WINDOW


def plausible(received: dt.datetime, day: dt.date, config: Config) -> bool:
    """Whether a file's time can be when it was sent for `day` (and is worth showing): not
    before the day, nor so long after the deadline that it is when the file was copied."""
    start = dt.datetime.combine(day, dt.time(0, 0), config.timezone)
    return start <= received <= deadline(day, config) + LATE_WINDOW


@dataclass(frozen=True)
class Attendance:
    """A regency's day: its status, when its first file came (which decides lateness) and
    when the file whose figures count came, each on the province's clock to the minute."""

    status: str = MISSING
    first: dt.datetime | None = None
    used: dt.datetime | None = None
    files: int = 0

    @property
    def valid(self) -> bool:
        return self.status in (REPORTED, LATE)

    @property
    def late(self) -> bool:
        return self.status == LATE

    def describe(self, day: dt.date, config: Config, lang: str) -> str:
        """'17.30 WITA', or '17.30 WITA; berkas sah 19.10 WITA' when the file that counts
        came later; '–' without a time worth showing."""
        if self.first is None or not plausible(self.first, day, config):
            return "–"
        text = shown_at(self.first, day, config, lang)
        if self.used is not None and self.used != self.first \
                and plausible(self.used, day, config):
            key = "used_valid" if self.valid else "used_invalid"
            text += texts.text("attendance", key, lang,
                               at=shown_at(self.used, day, config, lang))
        return text


def attend(arrivals: Sequence[tuple[dt.datetime, bool]], used: dt.datetime | None,
           day: dt.date, config: Config) -> Attendance:
    """The day of a regency from (arrival, valid) for each of its files for `day` and the
    arrival of the file chosen to count (the caller chooses it)."""
    if not arrivals:
        return Attendance()
    first = local(min(moment for moment, _ in arrivals), config)
    if any(valid for _, valid in arrivals):
        status = LATE if is_late(first, day, config) else REPORTED
    else:
        status = INVALID
    return Attendance(status, first, local(used, config) if used else None, len(arrivals))


# -- the day from the store's ledger (status, kirim) ------------------------------------------
@dataclass(frozen=True)
class RegencyStatus:
    regency: Regency
    attendance: Attendance = Attendance()
    file: Submission | None = None
    """The file whose figures count (the newest valid one), or the newest invalid one."""

    @property
    def status(self) -> str:
        return self.attendance.status

    @property
    def arrived(self) -> dt.datetime | None:
        """When the regency's first file for the day came in (province's time)."""
        return self.attendance.first

    @property
    def valid(self) -> bool:
        return self.attendance.valid

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.regency.code, "name": self.regency.name, "status": self.status,
            "arrived": plain(self.arrived), "late": self.attendance.late,
            "files": self.attendance.files,
            "file": self.file.name if self.file else None,
            "received": plain(self.attendance.used),
            "sha256": self.file.sha256 if self.file else None,
            "errors": self.file.errors if self.file else None,
            "warnings": self.file.warnings if self.file else None,
        }


@dataclass(frozen=True)
class DayStatus:
    date: dt.date
    deadline: dt.datetime
    regencies: tuple[RegencyStatus, ...]
    # Files for other days that arrived on this one (a late report for yesterday), newest
    # last: they never count for this day, and are named so no one misses them.
    other_days: tuple[Submission, ...] = ()

    @property
    def complete(self) -> bool:
        """Every regency has a valid report (late ones count)."""
        return all(r.valid for r in self.regencies)

    def having(self, status: str) -> list[RegencyStatus]:
        return [r for r in self.regencies if r.status == status]

    def summary(self) -> dict[str, Any]:
        """The recap's `reporting` block: counts by status and the codes missing."""
        return {"expected": len(self.regencies), "reported": len(self.having(REPORTED)),
                "late": len(self.having(LATE)), "invalid": len(self.having(INVALID)),
                "missing": [r.regency.code for r in self.having(MISSING)]}

    def to_json(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "deadline": plain(self.deadline),
                "complete": self.complete, "reporting": self.summary(),
                "regencies": [r.to_json() for r in self.regencies],
                "other_days": [{"file": s.name, "regency": s.regency,
                                "date": plain(s.date), "received": plain(s.arrived)}
                               for s in self.other_days]}


def arrived_on(moment: dt.datetime, day: dt.date, config: Config) -> bool:
    """Whether a moment falls on `day` by the province's calendar."""
    return moment.astimezone(config.timezone).date() == day


def day_status(submissions: Iterable[Submission], config: Config, date: dt.date) -> DayStatus:
    """The status of every regency of the config on `date`, from the ledger's submissions
    (files of other regencies are ignored; files for other days that arrived on `date`
    are listed)."""
    by_regency: dict[str, list[Submission]] = {}
    other_days = []
    for sub in submissions:
        if sub.date == date and sub.regency is not None:
            by_regency.setdefault(sub.regency, []).append(sub)
        elif sub.date is not None and sub.date != date and arrived_on(sub.arrived, date,
                                                                         config):
            other_days.append(sub)
    rows = []
    for regency in config.regencies:
        subs = sorted(by_regency.get(regency.code, []),
                      key=lambda s: (s.arrived, s.first_seen, s.sha256))
        valid = [s for s in subs if s.valid]
        chosen = valid[-1] if valid else subs[-1] if subs else None
        seen = attend([(s.arrived, s.valid) for s in subs],
                      chosen.arrived if chosen else None, date, config)
        rows.append(RegencyStatus(regency, seen, chosen))
    other_days.sort(key=lambda s: (s.arrived, s.name))
    return DayStatus(date, deadline(date, config), tuple(rows), tuple(other_days))
