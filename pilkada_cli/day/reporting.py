"""Who has reported for a day: each regency of the config as reported, late, invalid or
missing, from the ledger's submissions.

- missing: no file for the day;
- invalid: files for the day, none of them valid (the newest one's errors are counted);
- late: a valid report, but the regency's first file for the day came after the deadline;
- reported: a valid report, and the first file came in time.

A regency that sent a file on time and a correction after the deadline is not late: the
deadline is for sending, and the correction wins as its figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pilkada_cli.config import Config, Regency
from pilkada_cli.day.timeliness import deadline, is_late, local
from pilkada_cli.jsonio import plain
from pilkada_cli.store.ledger import Submission


@dataclass(frozen=True)
class RegencyStatus:
    regency: Regency
    status: str
    arrived: dt.datetime | None = None
    """When the regency's first file for the day came in (province's time)."""
    late: bool = False
    files: int = 0
    file: Submission | None = None
    """The file whose figures count (the newest valid one), or the newest invalid one."""

    @property
    def valid(self) -> bool:
        return self.status in ("reported", "late")

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.regency.code, "name": self.regency.name, "status": self.status,
            "arrived": plain(self.arrived), "late": self.late,
            "files": self.files,
            "file": self.file.name if self.file else None,
            "sha256": self.file.sha256 if self.file else None,
            "errors": self.file.errors if self.file else None,
            "warnings": self.file.warnings if self.file else None,
        }


@dataclass(frozen=True)
class DayStatus:
    date: dt.date
    deadline: dt.datetime
    regencies: tuple[RegencyStatus, ...]

    @property
    def complete(self) -> bool:
        """Every regency has a valid report (late ones count)."""
        return all(r.valid for r in self.regencies)

    def having(self, status: str) -> list[RegencyStatus]:
        return [r for r in self.regencies if r.status == status]

    def summary(self) -> dict[str, Any]:
        """The recap's `reporting` block: counts by status and the codes missing."""
        return {"expected": len(self.regencies), "reported": len(self.having("reported")),
                "late": len(self.having("late")), "invalid": len(self.having("invalid")),
                "missing": [r.regency.code for r in self.having("missing")]}

    def to_json(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "deadline": plain(self.deadline),
                "complete": self.complete, "reporting": self.summary(),
                "regencies": [r.to_json() for r in self.regencies]}


def day_status(submissions: Iterable[Submission], config: Config, date: dt.date) -> DayStatus:
    """The status of every regency of the config on `date`, from the ledger's submissions
    (any others are ignored)."""
    by_regency: dict[str, list[Submission]] = {}
    for sub in submissions:
        if sub.date == date and sub.regency is not None:
            by_regency.setdefault(sub.regency, []).append(sub)
    rows = []
    for regency in config.regencies:
        subs = sorted(by_regency.get(regency.code, []),
                      key=lambda s: (s.arrived, s.first_seen, s.sha256))
        if not subs:
            rows.append(RegencyStatus(regency, "missing"))
            continue
        first = local(subs[0].arrived, config)
        late = is_late(first, date, config)
        valid = [s for s in subs if s.valid]
        if valid:
            status, chosen = ("late" if late else "reported"), valid[-1]
        else:
            status, chosen = "invalid", subs[-1]
        rows.append(RegencyStatus(regency, status, first, late, len(subs), chosen))
    return DayStatus(date, deadline(date, config), tuple(rows))
