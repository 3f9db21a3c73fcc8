"""A figure day by day from the store, for a regency or the province, combined by the
briefing's own rule (merge.aggregate), so the trend and `pilkada history` agree with it."""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from pilkada_cli.checking.aggregates import aggregate
from pilkada_cli.checking.schema import Field
from pilkada_cli.errors import UsageError
from pilkada_cli.store.ledger import Store, revive
from pilkada_cli.texts import phrase


class Point(NamedTuple):
    """One day of a series: the value and how many regencies it stands for."""

    date: dt.date
    value: Any
    regencies: int


# The aggregates that give the province one value per day.
_COMBINED = ("sum", "ratio", "weighted_mean", "worst")


def series(store: Store, key: str, regency: str | None = None, *, until: dt.date | None = None,
           since: dt.date | None = None) -> list[Point]:
    """A field's accepted values day by day, for one regency or (None) the province.

    The province combines the regencies of the config that reported that day, as the
    schema says: sums add up, ratios are recomputed from the summed counts, weighted
    means are weighted, 'worst' takes the worst level. Each point says how many
    regencies it stands for; a regency that did not report is left out, never zero.
    """
    target = field_of(store, key)
    if regency is not None:
        rows = store.extract([key], since, until, [regency])
        return [Point(day, revive(target, value), 1)
                for day, _, value in rows if value is not None]
    if target.aggregate not in _COMBINED:
        raise UsageError(phrase("usage", "not_combined", field=target.qualified,
                                aggregate=target.aggregate))
    keys = list(dict.fromkeys([target.qualified, *(target.derived or ()),
                               *([target.weight] if target.weight else [])]))
    rows = store.extract(keys, since, until, [r.code for r in store.config.regencies])
    by_day: dict[dt.date, list[tuple[str, dict[str, Any]]]] = {}
    for day, code, *values in rows:
        by_day.setdefault(day, []).append((code, dict(zip(keys, values, strict=True))))
    points = []
    for day, entries in by_day.items():
        total = aggregate(target, entries)
        if total.value is not None and total.covered:
            points.append(Point(day, total.value, total.covered))
    return points


def field_of(store: Store, key: str) -> Field:
    """The schema's scalar field `key`, or a usage error naming the nearest one."""
    import difflib

    if store.schema is None:
        raise UsageError(phrase("usage", "no_schema"))
    fields = store.schema.scalar_fields()
    if key not in fields:
        close = difflib.get_close_matches(key, list(fields), n=1)
        hint = phrase("schema", "hint", close=close[0]) if close else ""
        raise UsageError(phrase("usage", "unknown_field", key=key, hint=hint))
    return fields[key]
