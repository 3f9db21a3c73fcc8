"""The last days up to a report date, per regency, from the store: each day's reporting
status (as `pilkada status` decides it) and each regency's accepted values of the schema's
trend fields. What the HTML briefing draws as its reporting strip and sparklines.

Days before the store's first file are left out rather than shown as "missing": the
store cannot tell a regency that sent nothing from a desk that was not yet recording.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pilkada_cli.day.attendance import day_status
from pilkada_cli.day.series import field_of
from pilkada_cli.store.ledger import Store, revive

if TYPE_CHECKING:
    from pilkada_cli.checking.schema import Schema
    from pilkada_cli.config import Config

DAYS = 7


@dataclass(frozen=True)
class RecentDays:
    days: tuple[dt.date, ...]
    """Oldest first; the report date is the last."""
    status: dict[str, tuple[str, ...]]
    """Regency code -> its status on each day: reported, late, invalid or missing."""
    values: dict[str, dict[str, dict[dt.date, Any]]]
    """Regency code -> trend field -> accepted value by day (days before the report date:
    the report date's own figures are the briefing's)."""
    length: int = DAYS
    """The days asked for (more than `days` when the store is younger)."""


def recent_days(store: Store, config: Config, schema: Schema, day: dt.date,
                length: int = DAYS) -> RecentDays:
    """The `length` days up to `day` that the store has seen files for (the report date
    always included)."""
    window = [day - dt.timedelta(days=n) for n in range(length - 1, -1, -1)]
    seen = {d: store.submissions(d) for d in window}
    start = next((i for i, d in enumerate(window) if seen[d]), len(window) - 1)
    days = tuple(window[start:])
    statuses = [day_status(seen[d], config, d) for d in days]
    status = {r.code: tuple(s.regencies[i].status for s in statuses)
              for i, r in enumerate(config.regencies)}
    eve = day - dt.timedelta(days=1)
    values = _figures(store, list(schema.trend), days[0], eve) \
        if schema.trend and days[0] <= eve else {}
    return RecentDays(days, status, values, length)


def _figures(store: Store, keys: list[str], since: dt.date, until: dt.date
             ) -> dict[str, dict[str, dict[dt.date, Any]]]:
    """Every regency's accepted values of `keys`, regency -> key -> date -> value, in one
    query rather than one per regency and field (a thousand at national scale)."""
    targets = [field_of(store, key) for key in keys]
    found: dict[str, dict[str, dict[dt.date, Any]]] = {}
    codes = [r.code for r in store.config.regencies]
    for day, code, *values in store.extract(keys, since, until, codes):
        mine = found.setdefault(code, {})
        for target, value in zip(targets, values, strict=True):
            if value is not None:
                mine.setdefault(target.qualified, {})[day] = revive(target, value)
    return found
