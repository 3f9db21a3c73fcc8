"""Who has reported at national level, province by province, when provinces send recaps.

The store holds regency workbooks (one regency per file); a provincial recap stands for
many regencies and is read from the inbox each time. For the day asked, each province's
newest valid recap says which of its regencies are inside it (reported or late), which
it lists as invalid, and which it lists as missing; a regency with no workbook of its
own in the store takes its status from the recap (late when it was late into the
province, or when the recap itself came after the deadline).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pilkada_cli.checking.model import Report
from pilkada_cli.config import Config
from pilkada_cli.day.attendance import Attendance, DayStatus, RegencyStatus, is_late, local


@dataclass(frozen=True)
class ProvinceStatus:
    code: str
    name: str
    regencies: tuple[str, ...]  # every code of the province in the config
    recap: Path | None = None
    arrived: dt.datetime | None = None
    late: bool = False  # the recap came after the deadline
    inside: tuple[str, ...] = ()  # reported or late in the recap
    late_inside: tuple[str, ...] = ()
    invalid_inside: tuple[str, ...] = ()

    @property
    def missing(self) -> tuple[str, ...]:
        """The province's regencies the recap does not stand for (or all, with no recap)."""
        covered = set(self.inside) | set(self.invalid_inside)
        return tuple(code for code in self.regencies if code not in covered)

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name,
                "recap": self.recap.name if self.recap else None,
                "arrived": self.arrived.isoformat() if self.arrived else None,
                "late": self.late, "inside": list(self.inside),
                "late_inside": list(self.late_inside),
                "invalid_inside": list(self.invalid_inside), "missing": list(self.missing)}


def province_statuses(recaps: Iterable[Report], config: Config, day: dt.date,
                      received: Callable[[Path], dt.datetime]) -> list[ProvinceStatus]:
    """Per province of the config (in its order), what its newest valid recap of `day`
    says; a province with none has every regency missing."""
    newest: dict[str, tuple[dt.datetime, Report]] = {}
    for report in recaps:
        if not report.valid or report.date != day or report.rollup is None:
            continue
        when = received(report.path)
        code = report.rollup.province
        if code not in newest or newest[code][0] <= when:
            newest[code] = (when, report)
    result = []
    for code in dict.fromkeys(r.province_code for r in config.regencies):
        members = tuple(r.code for r in config.regencies if r.province_code == code)
        name = config.province_name if code == config.province_code \
            else config.provinces.get(code, code)
        status = ProvinceStatus(code, name, members)
        if code in newest:
            when, report = newest[code]
            rows = [(r.regency.code, r.rollup.status) for r in report.covers
                    if r.regency is not None and r.rollup is not None]
            status = replace(
                status, recap=report.path, arrived=when, late=is_late(when, day, config),
                inside=tuple(c for c, s in rows if s in ("reported", "late")),
                late_inside=tuple(c for c, s in rows if s == "late"),
                invalid_inside=tuple(c for c, s in rows if s == "invalid"))
        result.append(status)
    return result


def with_recaps(day_status: DayStatus, provinces: list[ProvinceStatus],
                config: Config) -> DayStatus:
    """The day's status with each regency that has no file of its own taking its status
    from its province's recap."""
    by_code: dict[str, tuple[ProvinceStatus, str]] = {}
    for province in provinces:
        for code in province.inside:
            late = province.late or code in province.late_inside
            by_code[code] = (province, "late" if late else "reported")
        for code in province.invalid_inside:
            by_code[code] = (province, "invalid")
    rows = []
    for row in day_status.regencies:
        if row.status == "missing" and row.regency.code in by_code:
            province, status = by_code[row.regency.code]
            arrived = local(province.arrived, config) if province.arrived else None
            row = RegencyStatus(row.regency, Attendance(status, arrived, arrived, 1))
        rows.append(row)
    return replace(day_status, regencies=tuple(rows))
