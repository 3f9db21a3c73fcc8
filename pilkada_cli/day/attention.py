"""What needs attention today ("Perlu perhatian"): the day's exceptions, ranked into one list.

Each rule of the schema's `attention:` list is a pure function of the provincial picture
(and the reports' issues it carries) and, for the rules that look back, of the store's
past days, handed in as data (`History`) by the compile job:

- `status`: a regency whose status is worse than yesterday, or at the worst level;
- `incidents`: incidents at the highest level that were not in the regency's last report;
- `logistics_pace`: the day distribution to the TPS reaches 100% at the regency's pace
  over its last `days` days, flagged when after H-`before_election`, or when it did not
  move for `days` days;
- `neutrality`: cases reported but neither being processed nor finished, the same number
  for `days` days in a row;
- `missing`: no file at all for `days` days in a row;
- `invalid`: only invalid files for the day, none valid yet;
- `outliers`: figures accepted with a "possible outlier" warning, or a figure fixed before
  the day (the DPT) that changed;
- `copied`: the cumulative figures all exactly as on the `days − 1` days before.

Items are ranked by the order of the rules in the schema, then most serious first within a
rule, then by the config's order of regencies, so the list never depends on file order.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pilkada_cli import texts
from pilkada_cli.checking.schema import AttentionRule, Field
from pilkada_cli.day.findings import AREA, Attention, History, Item, Past
from pilkada_cli.day.merge import INVALID, MISSING, ProvincialPicture, RegencyRow
from pilkada_cli.formats import fmt_date, fmt_number, fmt_percent

MAX_TEXT = 120


def find_attention(picture: ProvincialPicture, history: History | None = None) -> Attention:
    """Every rule of picture.schema.attention applied, the items ranked most urgent first."""
    schema = picture.schema
    index = {row.regency.code: i for i, row in enumerate(picture.rows)}
    ranked: list[tuple[int, int, int, int, Item]] = []
    left_out = []
    for position, rule in enumerate(schema.attention):
        if rule.needs_history and history is None:
            left_out.append(rule.kind)
            continue
        found = RULES[rule.kind](rule, picture, history or History({}, {}))
        ranked += [(position, item.order, index[item.regency.code], n, item)
                   for n, item in enumerate(found)]
    ranked.sort(key=lambda entry: entry[:4])
    return Attention(tuple(entry[-1] for entry in ranked), tuple(left_out))


# -- the rules --------------------------------------------------------------------------------
def status(rule: AttentionRule, picture: ProvincialPicture, history: History) -> list[Item]:
    key = rule.fields[0]
    fld = picture.schema.scalar_fields()[key]
    levels = [c.value for c in fld.choices]
    worst = levels[-1]
    items = []
    for row in _included(picture):
        now, before = row.values.get(key), (row.previous or {}).get(key)
        if now not in levels:
            continue
        params = {"label": fld.label, "after": _Choice(fld, now)}
        if before in levels and levels.index(now) > levels.index(before):
            params["before"] = _Choice(fld, before)
            items.append(_at(row, key, "status_worse", params, {"before": before, "after": now},
                             order=0 if now == worst else 2))
        elif now == worst:
            items.append(_at(row, key, "status_worst", params, {"after": now}, order=1))
    return items


def incidents(rule: AttentionRule, picture: ProvincialPicture, history: History) -> list[Item]:
    sheet = picture.schema.sheet(rule.table or "")
    table = sheet.table
    assert table is not None and table.order_by is not None
    column = next(c for c in table.columns if c.key == table.order_by)
    top = column.choices[-1].value
    # What tells one incident from another: its time and its required texts (the district,
    # what happened); the action taken and the status change as it is handled.
    identity = [c.key for c in table.columns
                if c.type == "time" or (c.type == "text" and c.required)]
    texts_ = [c.key for c in table.columns if c.type == "text" and c.required]
    items = []
    for row in _included(picture):
        past = history.recent.get(row.regency.code, ())
        known = {_identity(r, identity) for r in (past[-1].tables.get(sheet.key, [])
                                                  if past else [])}
        for i, record in enumerate(row.tables.get(sheet.key, [])):
            if record.get(column.key) != top or _identity(record, identity) in known:
                continue
            what = " · ".join(str(record[k]) for k in texts_ if record.get(k))
            if len(what) > MAX_TEXT:
                what = what[:MAX_TEXT - 1].rstrip() + "…"
            items.append(_at(row, f"{sheet.key}.{column.key}[{i}]", "incident",
                             {"level": _Choice(column, top), "what": what},
                             {"level": top, "row": i + 1},
                             key_field=f"{sheet.key}.{column.key}"))
    return items


def logistics_pace(rule: AttentionRule, picture: ProvincialPicture,
                   history: History) -> list[Item]:
    key = rule.fields[0]
    fld = picture.schema.scalar_fields()[key]
    due = picture.election_day - dt.timedelta(days=rule.before_election)
    numerator = fld.derived[0] if fld.derived else None
    items = []
    for row in _included(picture):
        value: Any = row.values.get(key)
        if not _number(value) or value >= 100:
            continue
        past = [(p.date, p.values[key]) for p in history.recent.get(row.regency.code, ())
                if _number(p.values.get(key)) and p.date >= picture.day - dt.timedelta(
                    days=rule.days)]
        window = _window(history.recent.get(row.regency.code, ()), picture.day, rule.days)
        if window is not None and all(p.values.get(key) == value for p in window):
            items.append(_at(row, key, "pace_stalled",
                             {"label": _Bare(fld.label), "value": _Pct(value), "days": rule.days,
                              "due": _Day(due)},
                             {"value": value, "due": due.isoformat(), "days": rule.days},
                             fallback=numerator))
            continue
        if not past:
            continue
        first_day, first = past[0]
        pace = (value - first) / (picture.day - first_day).days
        projected = None if pace <= 0 else picture.day + dt.timedelta(
            days=math.ceil((100 - value) / pace))
        if projected is not None and projected <= due:
            continue
        data = {"value": value, "pace": pace, "due": due.isoformat(),
                "projected": projected.isoformat() if projected else None}
        params = {"label": _Bare(fld.label), "value": _Pct(value), "pace": _Points(pace),
                  "due": _Day(due)}
        if projected is None:
            items.append(_at(row, key, "pace_none", params, data, fallback=numerator))
        else:
            params["projected"] = _Day(projected)
            items.append(_at(row, key, "pace_late", params, data, order=1, fallback=numerator))
    return items


def neutrality(rule: AttentionRule, picture: ProvincialPicture,
               history: History) -> list[Item]:
    sheet = picture.schema.sheet(rule.table or "")
    assert sheet.table is not None and rule.reported is not None
    columns = (rule.reported, *rule.handled)
    items = []
    for row in _included(picture):
        window = _window(history.recent.get(row.regency.code, ()), picture.day, rule.days)
        if window is None:
            continue
        for party, label in sheet.table.rows:
            prefix = f"{sheet.key}.{party}."
            now = _open_cases(row.values, prefix, columns)
            if now is None or now <= 0 or any(_open_cases(p.values, prefix, columns) != now
                                              for p in window):
                continue
            items.append(_at(row, prefix + rule.reported, "neutrality",
                             {"n": _Num(now), "party": label, "days": rule.days},
                             {"open": now, "days": rule.days}))
    return items


def missing(rule: AttentionRule, picture: ProvincialPicture, history: History) -> list[Item]:
    days = [picture.day - dt.timedelta(days=n) for n in range(1, rule.days)]
    items = []
    for row in picture.rows:
        if row.status != MISSING or any(row.regency.code in history.sent.get(d, frozenset())
                                        for d in days):
            continue
        data: dict[str, Any] = {"days": rule.days}
        params: dict[str, Any] = {"days": rule.days}
        key = "missing"
        if row.last_known is not None:
            key = "missing_since"
            params["last"] = _Day(row.last_known)
            data["last_known"] = row.last_known.isoformat()
        items.append(Item("missing", row.regency, key, params, data))
    return items


def invalid(rule: AttentionRule, picture: ProvincialPicture, history: History) -> list[Item]:
    items = []
    for row in picture.rows:
        if row.status != INVALID or row.submission is None:
            continue
        errors = row.errors
        first = next((e for e in errors if e.cell), errors[0] if errors else None)
        items.append(Item("invalid", row.regency, "invalid", {"n": len(errors)},
                          {"errors": len(errors)}, first.field if first else None,
                          first.sheet if first else None, first.cell if first else None,
                          row.submission.path))
    return items


def outliers(rule: AttentionRule, picture: ProvincialPicture, history: History) -> list[Item]:
    return [Item("outliers", row.regency, "outlier", {}, {"value": issue.value,
                                                          "code": issue.code},
                 issue.field, issue.sheet, issue.cell,
                 row.submission.path if row.submission else None, issue)
            for row in _included(picture) for issue in row.warnings
            if issue.code in ("outlier", "unchanged")]


def copied(rule: AttentionRule, picture: ProvincialPicture, history: History) -> list[Item]:
    fields = picture.schema.scalar_fields()
    items = []
    for row in _included(picture):
        present = [k for k in rule.fields if _number(row.values.get(k))]
        window = _window(history.recent.get(row.regency.code, ()), picture.day, rule.days)
        if not present or window is None:
            continue
        if all(p.values.get(k) == row.values[k] for p in window for k in present):
            items.append(_at(row, present[0], "copied",
                             {"n": len(present), "label": _Bare(fields[present[0]].label),
                              "days": rule.days}, {"fields": len(present), "days": rule.days}))
    return items


RULES: dict[str, Callable[[AttentionRule, ProvincialPicture, History], list[Item]]] = {
    "status": status, "incidents": incidents, "logistics_pace": logistics_pace,
    "neutrality": neutrality, "missing": missing, "invalid": invalid, "outliers": outliers,
    "copied": copied}


# -- helpers ----------------------------------------------------------------------------------
def _included(picture: ProvincialPicture) -> list[RegencyRow]:
    return [row for row in picture.rows if row.included]


# The rule behind each message.
_KINDS = {"status_worse": "status", "status_worst": "status", "incident": "incidents",
          "pace_stalled": "logistics_pace", "pace_none": "logistics_pace",
          "pace_late": "logistics_pace", "neutrality": "neutrality", "copied": "copied"}


def _at(row: RegencyRow, cell_key: str, key: str, params: Mapping[str, Any],
        data: Mapping[str, Any], order: int = 0, key_field: str | None = None,
        fallback: str | None = None) -> Item:
    """An item about a figure of the regency's report, placed at its cell."""
    report = row.submission.report if row.submission else None
    cells = report.cells if report else {}
    # A derived percentage has no cell of its own: its numerator's is where to look.
    sheet, cell = cells.get(cell_key) or cells.get(fallback or "") or (None, None)
    return Item(_KINDS[key], row.regency, key, params, data,
                key_field or cell_key, sheet, cell, report.path if report else None,
                order=order)


def _open_cases(values: Mapping[str, Any], prefix: str,
                columns: Sequence[str]) -> float | None:
    """Cases reported less those being processed or finished; None when a count is empty."""
    numbers: list[Any] = [values.get(prefix + c) for c in columns]
    if not all(_number(n) for n in numbers):
        return None
    return float(numbers[0] - sum(numbers[1:]))


def _window(past: Sequence[Past], day: dt.date, days: int) -> list[Past] | None:
    """The accepted reports of each of the `days − 1` days before `day`, or None when one of
    those days has none (a gap says nothing about "for n days")."""
    wanted = {day - dt.timedelta(days=n) for n in range(1, days)}
    found = [p for p in past if p.date in wanted]
    return found if len(found) == len(wanted) else None


def _identity(record: Mapping[str, Any], keys: Sequence[str]) -> tuple[str, ...]:
    return tuple(str(record.get(k) or "").strip().casefold() for k in keys)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class _Shown:
    """A value written in the reader's language when the message is."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def get(self, lang: str) -> str:
        raise NotImplementedError


class _Pct(_Shown):
    def get(self, lang: str) -> str:
        return fmt_percent(self.value, lang)


class _Points(_Shown):
    def get(self, lang: str) -> str:
        return fmt_number(self.value, lang, 1)


class _Num(_Shown):
    def get(self, lang: str) -> str:
        return fmt_number(self.value, lang, 0 if float(self.value).is_integer() else 1)


class _Day(_Shown):
    def get(self, lang: str) -> str:
        return fmt_date(self.value, lang, weekday=False)


class _Bare(_Shown):
    """A schema label without its unit: 'Distribusi logistik ke TPS (%)' -> '... ke TPS'."""

    def get(self, lang: str) -> str:
        return re.sub(r"\s*\(%\)\s*$", "", self.value.get(lang))


class _Choice(_Shown):
    def __init__(self, fld: Field, value: Any) -> None:
        super().__init__(value)
        self.fld = fld

    def get(self, lang: str) -> str:
        return next((c.label.get(lang) for c in self.fld.choices if c.value == self.value),
                    str(self.value))


def rule_names(kinds: Sequence[str], lang: str) -> str:
    """The rules left out, named in words."""
    return ", ".join(texts.text(AREA, f"rule_{kind}", lang) for kind in kinds)
