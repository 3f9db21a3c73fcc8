"""Rules across days (schema `across_days`), checked against the regency's own past.

- `never_decreases`: a cumulative count (ballots received, e-KTP recorded) must not fall
  below the regency's previous accepted report; severity as the schema says.
- `unchanged`: a figure fixed before the reports begin (the DPT, set by the KPU weeks
  before voting) must equal the regency's previous accepted report.
- `outlier`: a value that jumps far from the regency's recent days is flagged as a
  possible outlier (a typo such as an extra zero). With m the median of the regency's
  last reports (at least 3) and `factor` from the schema, a value v is flagged when it is
  more than `factor` times m or less than m / `factor`, and also further from m than
  `factor` times the usual variation: the larger of those days' median absolute
  deviation and the square root of m (a day's count of events varies by about that much
  by chance). So an extra or a lost digit is flagged, an ordinary swing in a small daily
  count (12 campaign events, then 3) is not.

A pure function of the report, the regency's past and the schema: the caller (check,
compile) fetches the past from the store.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any, Protocol

from pilkada_cli.checking.model import Issue, Report
from pilkada_cli.checking.schema import AcrossDays, Schema
from pilkada_cli.formats import fmt_date, fmt_number

OUTLIER_DAYS = 7
"""How many of the regency's last reports make its 'recent days'."""
OUTLIER_MIN_DAYS = 3
"""Fewer reports than this say too little about what is usual."""


class Past(Protocol):
    """One earlier accepted report of the regency (history.Snapshot is one)."""

    @property
    def date(self) -> dt.date: ...

    @property
    def values(self) -> dict[str, Any]: ...


def check(report: Report, past: Sequence[Past], schema: Schema) -> list[Issue]:
    """Issues for `report` from the schema's rules across days.

    `past` holds the regency's accepted reports before the report's date, oldest first
    (the store's `recent()`); reports of other days or regencies must not be in it.
    """
    if report.date is not None:
        past = [p for p in past if p.date < report.date]
    if not past:
        return []
    issues: list[Issue] = []
    scalars = schema.scalar_fields()
    for rule in schema.across_days:
        for key in rule.fields:
            value = report.values.get(key)
            if not isinstance(value, int | float) or isinstance(value, bool):
                continue
            history = [(p.date, p.values[key]) for p in past if _is_number(p.values.get(key))]
            if not history:
                continue
            found = _RULES[rule.rule](rule, value, history)
            if found is None:
                continue
            code, params = found
            sheet, cell = report.cells.get(key, (None, None))
            params["label"] = scalars[key].label
            params["value"] = _Number(value)
            issues.append(Issue(rule.severity, code, sheet, cell, key, value, params))
    return issues


def _never_decreases(rule: AcrossDays, value: float,
                     history: list[tuple[dt.date, float]]) -> tuple[str, dict[str, Any]] | None:
    return _previous("never-decreases", history) if value < history[-1][1] else None


def _unchanged(rule: AcrossDays, value: float,
               history: list[tuple[dt.date, float]]) -> tuple[str, dict[str, Any]] | None:
    return _previous("unchanged", history) if value != history[-1][1] else None


def _previous(code: str, history: list[tuple[dt.date, float]]) -> tuple[str, dict[str, Any]]:
    """The issue against the previous accepted report: its figure and its day."""
    day, previous = history[-1]
    return code, {"previous": _Number(previous), "previous_date": _Day(day)}


def _outlier(rule: AcrossDays, value: float,
             history: list[tuple[dt.date, float]]) -> tuple[str, dict[str, Any]] | None:
    recent = [v for _, v in history[-OUTLIER_DAYS:]]
    if len(recent) < OUTLIER_MIN_DAYS:
        return None
    import statistics  # here: a check without history never needs it

    middle = statistics.median(recent)
    if middle <= 0:
        return None
    spread = max(statistics.median(abs(v - middle) for v in recent), math.sqrt(middle))
    far = value > rule.factor * middle or value < middle / rule.factor
    if not far or abs(value - middle) <= rule.factor * spread:
        return None
    return "outlier", {"median": _Number(middle), "days": len(recent)}


_RULES = {"never_decreases": _never_decreases, "unchanged": _unchanged, "outlier": _outlier}
"""Each rule of schema.ACROSS_DAYS: the issue's code and parameters, or None."""


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class _Number:
    """A figure written the reader's way (1.234.567 or 1,234,567)."""

    def __init__(self, value: float) -> None:
        self.value = value

    def get(self, lang: str) -> str:
        decimals = 0 if float(self.value).is_integer() else 1
        return fmt_number(self.value, lang, decimals)


class _Day:
    def __init__(self, day: dt.date) -> None:
        self.day = day

    def get(self, lang: str) -> str:
        return fmt_date(self.day, lang, weekday=False)
