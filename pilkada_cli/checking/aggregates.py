"""How the regencies' figures combine into one, by the schema's aggregate alone: counts add
up, a derived percentage is recomputed from the summed counts, a weighted mean uses its
weight, an ordered choice takes the worst level; each total says how many regencies it
rests on. One rule for the briefing, the recap and the store's series, and for checking a
provincial recap read as input (its totals must be these aggregates of its own rows), so it
lives here beside the schema, below the day's merge."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pilkada_cli.checking.schema import Field, Schema

NUMERIC_AGGREGATES = ("sum", "ratio", "weighted_mean")


@dataclass(frozen=True)
class Total:
    """One figure for a group of regencies, and how many regencies it rests on."""

    value: Any
    covered: int
    # For an ordered choice: regencies per level, most severe first.
    counts: tuple[tuple[str, int], ...] = ()


# -- aggregation ------------------------------------------------------------------------------
def aggregate(fld: Field, values: Sequence[tuple[str, Mapping[str, Any]]]) -> Total:
    """The group's value of one field from (regency code, values) pairs, by fld.aggregate."""
    key = fld.qualified
    how = fld.aggregate
    if how == "sum":
        present = [v[key] for _, v in values if v.get(key) is not None]
        return Total(_exact_sum(present) if present else None, len(present))
    if how == "ratio":
        assert fld.derived is not None
        num, den = fld.derived
        pairs = [(v[num], v[den]) for _, v in values
                 if v.get(num) is not None and v.get(den) is not None]
        denominator = _exact_sum([d for _, d in pairs])
        value = 100 * _exact_sum([n for n, _ in pairs]) / denominator if denominator else None
        return Total(value, len(pairs))
    if how == "weighted_mean":
        assert fld.weight is not None
        pairs = [(v[key], v[fld.weight]) for _, v in values
                 if v.get(key) is not None and v.get(fld.weight) is not None]
        weight = _exact_sum([w for _, w in pairs])
        value = math.fsum(x * w for x, w in pairs) / weight if weight else None
        return Total(value, len(pairs))
    if how == "worst":
        levels = [c.value for c in fld.choices]
        present = [v[key] for _, v in values if v.get(key) in levels]
        worst = max(present, key=levels.index) if present else None
        counts = tuple((level, present.count(level)) for level in reversed(levels))
        return Total(worst, len(present), counts)
    if how == "list":
        texts = {code: v[key] for code, v in values if v.get(key) not in (None, "")}
        return Total(texts, len(texts))
    return Total(None, 0)


def _exact_sum(numbers: Iterable[float | int]) -> float | int:
    items = list(numbers)
    if all(isinstance(n, int) for n in items):
        return sum(items)
    return math.fsum(items)


def totals(schema: Schema, values: Sequence[tuple[str, Mapping[str, Any]]]) -> dict[str, Total]:
    return {key: aggregate(fld, values) for key, fld in schema.scalar_fields().items()}

