"""Load the YAML schema of the daily report into typed objects, and check it.

Everything the tool knows about a report (sheets, labels, types, bounds, how a
figure combines across regencies, rules) comes from here, never from Python.
A mistake in the schema is reported with its path in the YAML.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pilkada_cli.checking import expr
from pilkada_cli.errors import SchemaError
from pilkada_cli.resources import resource_path
from pilkada_cli.texts import Phrase, phrase
from pilkada_cli.yamlfile import InvalidYaml, read_yaml

TYPES = ("integer", "number", "percent", "text", "date", "time", "choice", "regency", "phone")
NUMERIC = ("integer", "number", "percent")
AGGREGATES = ("sum", "weighted_mean", "worst", "list", "ratio", "none")
SEVERITIES = ("error", "warning")
ROLES = ("regency", "report_date", "schema_version")
ACROSS_DAYS = ("never_decreases", "unchanged", "outlier")
# A trend is drawn on one 0-100% axis: percentages the province can combine.
TREND_AGGREGATES = ("ratio", "weighted_mean")
# The rules of the briefing's "Perlu perhatian" block, most urgent first by default.
ATTENTION = ("status", "incidents", "logistics_pace", "neutrality", "missing", "invalid",
             "outliers", "copied")
# Each rule's options (besides `days`, which every rule but invalid and outliers takes).
_ATTENTION_OPTIONS = {"status": {"field"}, "incidents": {"table"},
                      "logistics_pace": {"field", "days", "before_election"},
                      "neutrality": {"table", "reported", "handled", "days"},
                      "missing": {"days"}, "invalid": set(), "outliers": set(),
                      "copied": {"fields", "days"}}
# The one-page summary's figure tiles: figures the province combines into one number.
SUMMARY_AGGREGATES = ("sum", "ratio", "weighted_mean")
SUMMARY_KEYS = ("map", "tiles", "incidents")
MAX_TILES = 4


@dataclass(frozen=True)
class Labels:
    id: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.id


@dataclass(frozen=True)
class Choice:
    value: str
    label: Labels
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Field:
    key: str
    qualified: str
    label: Labels
    type: str
    required: bool = False
    min: float | None = None
    max: float | str | None = None
    choices: tuple[Choice, ...] = ()
    ordered: bool = False
    aggregate: str = "none"
    weight: str | None = None
    derived: tuple[str, str] | None = None
    role: str | None = None
    description: Labels | None = None

    @property
    def numeric(self) -> bool:
        return self.type in NUMERIC

    def bounds(self) -> tuple[float | None, float | None]:
        """(min, max) for numbers: counts are never negative, percentages stay in 0-100."""
        low, high = self.min, self.max if not isinstance(self.max, str) else None
        if self.type in ("integer", "number") and low is None:
            low = 0
        if self.type == "percent":
            low = 0 if low is None else low
            high = 100 if high is None else high
        return low, high


@dataclass(frozen=True)
class Rule:
    check: expr.Expr
    severity: str
    message: Labels


@dataclass(frozen=True)
class Table:
    columns: tuple[Field, ...]
    rows: tuple[tuple[str, Labels], ...] = ()
    row_label: Labels | None = None
    rules: tuple[Rule, ...] = ()
    order_by: str | None = None

    @property
    def fixed(self) -> bool:
        """A table with named rows (logistics items) rather than free rows (incidents)."""
        return bool(self.rows)

    @property
    def input_columns(self) -> tuple[Field, ...]:
        return tuple(c for c in self.columns if c.derived is None)


@dataclass(frozen=True)
class Sheet:
    name: str
    key: str
    title: Labels
    fields: tuple[Field, ...] = ()
    table: Table | None = None

    @property
    def input_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.derived is None)


@dataclass(frozen=True)
class AcrossDays:
    rule: str
    severity: str
    fields: tuple[str, ...]
    factor: float = 3.0


@dataclass(frozen=True)
class AttentionRule:
    """One rule of the "Perlu perhatian" block (see day/attention.py for what each finds)."""

    kind: str
    fields: tuple[str, ...] = ()
    """status, logistics_pace: the field watched; copied: the cumulative figures."""
    days: int = 3
    """For how many days in a row (stalled, unchanged, unprocessed, missing)."""
    table: str | None = None
    """incidents, neutrality: the sheet key of the table."""
    reported: str | None = None
    handled: tuple[str, ...] = ()
    """neutrality: the column of cases reported, and those being or done being handled."""
    before_election: int = 1
    """logistics_pace: the day by which distribution must be complete, in days before
    voting day (1 = H-1)."""

    @property
    def needs_history(self) -> bool:
        """The rule reads the regency's past days from the store."""
        return self.kind in ("logistics_pace", "neutrality", "missing", "outliers", "copied")


@dataclass(frozen=True)
class SummarySpec:
    """What the one-page summary shows: the field that colours the map (an ordered choice
    combined as `worst`), up to four figure tiles (field keys), and the free table whose
    most severe rows are listed."""

    map: str | None = None
    tiles: tuple[str, ...] = ()
    incidents: str | None = None


@dataclass(frozen=True)
class Schema:
    version: int
    title: Labels
    sheets: tuple[Sheet, ...]
    rules: tuple[Rule, ...] = ()
    across_days: tuple[AcrossDays, ...] = ()
    trend: tuple[str, ...] = ()
    """The percentages the briefing follows day by day across the campaign (field keys)."""
    attention: tuple[AttentionRule, ...] = ()
    """The rules of the "Perlu perhatian" block, most urgent first."""
    source: Path | None = None
    _scalars: dict[str, Field] = field(default_factory=dict, compare=False, repr=False)
    _names: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)
    summary: SummarySpec = SummarySpec()
    """The one-page summary's map, figure tiles and incident list."""

    def scalar_fields(self) -> dict[str, Field]:
        """Every single-valued figure, keyed like the recap JSON: form fields and the
        cells of named-row tables (`logistik.kotak_suara.diterima`)."""
        return self._scalars

    def role(self, role: str) -> Field | None:
        return next((f for f in self._scalars.values() if f.role == role), None)

    def sheet(self, key: str) -> Sheet:
        return next(s for s in self.sheets if s.key == key)

    def sheet_names(self, sheet: Sheet) -> frozenset[str]:
        """The names under which a workbook's sheet is taken for this one (values.sheet_key)."""
        names = self._names.get(sheet.key)
        if names is None:  # asked once per sheet, not once per report
            from pilkada_cli.names import sheet_key

            names = self._names[sheet.key] = frozenset(
                sheet_key(n) for n in (sheet.name, sheet.key, sheet.title.id, sheet.title.en))
        return names

    def wanted_sheets(self) -> frozenset[str]:
        """Every name a schema sheet may go by: the only sheets worth parsing."""
        return frozenset().union(*(self.sheet_names(s) for s in self.sheets))


def default_schema_path() -> Path:
    return resource_path("schema.yaml")


def load_schema(path: Path | None = None) -> Schema:
    """Read and check a schema file (the built-in one when `path` is None)."""
    path = path or default_schema_path()
    try:
        raw = read_yaml(path)
    except OSError as exc:
        raise SchemaError(phrase("schema", "unreadable", path=path, why=exc.strerror)) from exc
    except UnicodeDecodeError as exc:
        raise SchemaError(phrase("schema", "not_utf8", path=path)) from exc
    except InvalidYaml as exc:
        raise SchemaError(phrase("schema", "not_yaml", path=path, why=exc)) from exc
    try:
        return _Builder(raw, path).build()
    except SchemaError as exc:
        raise SchemaError(phrase("schema", "in_file", path=path, what=exc.what)) from None


class _Builder:
    def __init__(self, raw: Any, path: Path) -> None:
        self.raw = raw
        self.path = path

    def build(self) -> Schema:
        raw = _mapping(self.raw, "(top level)")
        _known(raw, {"version", "title", "sheets", "rules", "across_days", "trend",
                    "attention", "summary"}, "")
        version = raw.get("version", 1)
        if not isinstance(version, int) or isinstance(version, bool):
            raise SchemaError(phrase("schema", "version", got=repr(version)))
        sheets_raw = _mapping(raw.get("sheets"), "sheets")
        if not sheets_raw:
            raise SchemaError(phrase("schema", "no_sheets"))
        sheets = tuple(self.sheet(str(name), body) for name, body in sheets_raw.items())
        keys = [s.key for s in sheets]
        for key in keys:
            if keys.count(key) > 1:
                raise SchemaError(phrase("schema", "sheet_key_twice", key=key))

        scalars: dict[str, Field] = {}
        for sheet in sheets:
            for f in sheet.fields:
                scalars[f.qualified] = f
            if sheet.table and sheet.table.fixed:
                for row_key, row_labels in sheet.table.rows:
                    for col in sheet.table.columns:
                        cell = _row_field(sheet, row_key, row_labels, col)
                        scalars[cell.qualified] = cell

        rules = tuple(
            self.rule(item, f"rules[{i}]", "", scalars)
            for i, item in enumerate(_list(raw.get("rules"), "rules"))
        )
        across = tuple(
            self.across(item, f"across_days[{i}]", scalars)
            for i, item in enumerate(_list(raw.get("across_days"), "across_days"))
        )
        schema = Schema(version, _labels(raw.get("title", "Laporan"), "title"), sheets,
                        rules, across, self.trend(raw, sheets, scalars),
                        self.attention(raw, sheets, scalars, across), self.path, scalars,
                        summary=self.summary(raw, sheets, scalars))
        self.check_references(schema)
        for role in ("regency", "report_date"):
            if schema.role(role) is None:
                raise SchemaError(phrase("schema", "no_role", role=role))
        return schema

    def sheet(self, name: str, body: Any) -> Sheet:
        at = f"sheets.{name}"
        body = _mapping(body, at)
        _known(body, {"key", "title", "fields", "table"}, at)
        key = str(body.get("key") or name.lower().replace(" ", "_"))
        title = _labels(body.get("title", name), f"{at}.title")
        fields = tuple(
            self.field(str(k), v, f"{at}.fields.{k}", f"{key}.")
            for k, v in _mapping(body.get("fields"), f"{at}.fields").items()
        )
        table = self.table(body["table"], f"{at}.table", key) if "table" in body else None
        if not fields and table is None:
            raise SchemaError(phrase("schema", "sheet_empty", at=at))
        return Sheet(name, key, title, fields, table)

    def table(self, body: Any, at: str, sheet_key: str) -> Table:
        body = _mapping(body, at)
        _known(body, {"columns", "rows", "row_label", "rules", "order_by"}, at)
        columns = tuple(
            self.field(str(k), v, f"{at}.columns.{k}", f"{sheet_key}.")
            for k, v in _mapping(body.get("columns"), f"{at}.columns").items()
        )
        if not columns:
            raise SchemaError(phrase("schema", "no_columns", at=at))
        rows = tuple(
            (str(k), _labels(v, f"{at}.rows.{k}"))
            for k, v in _mapping(body.get("rows"), f"{at}.rows").items()
        )
        row_label = _labels(body["row_label"], f"{at}.row_label") if "row_label" in body else None
        if rows and row_label is None:
            raise SchemaError(phrase("schema", "no_row_label", at=at))
        by_key = {c.key: c for c in columns}
        order_by = body.get("order_by")
        if order_by is not None and not (order_by in by_key and by_key[order_by].ordered):
            raise SchemaError(phrase("schema", "order_by", at=at,
                                                column=order_by))
        rules = tuple(
            self.rule(item, f"{at}.rules[{i}]", f"{sheet_key}.",
                      {c.qualified: c for c in columns})
            for i, item in enumerate(_list(body.get("rules"), f"{at}.rules"))
        )
        for col in columns:
            if col.derived:
                for name in col.derived:
                    if name not in {c.qualified for c in columns}:
                        raise SchemaError(phrase("schema", "derived_column",
                                                            at=f"{at}.columns.{col.key}",
                                                            name=name.split(".")[-1]))
        return Table(columns, rows, row_label, rules, order_by)

    def field(self, key: str, body: Any, at: str, prefix: str) -> Field:
        body = _mapping(body, at)
        _known(body, {"label", "type", "required", "min", "max", "choices", "ordered",
                      "aggregate", "weight", "derived", "role", "description"}, at)
        type_name = body.get("type")
        if type_name not in TYPES:
            raise SchemaError(phrase("schema", "unknown_type", at=at, value=type_name,
                                            hint=_hint(type_name, TYPES)))
        aggregate = body.get("aggregate", "none")
        if aggregate not in AGGREGATES:
            raise SchemaError(phrase("schema", "unknown_aggregate", at=at, value=aggregate,
                                            hint=_hint(aggregate, AGGREGATES)))
        role = body.get("role")
        if role is not None and role not in ROLES:
            raise SchemaError(phrase("schema", "unknown_role", at=at, value=role,
                                            hint=_hint(role, ROLES)))
        choices: tuple[Choice, ...] = ()
        if type_name == "choice":
            items = _list(body.get("choices"), f"{at}.choices")
            if not items:
                raise SchemaError(phrase("schema", "no_choices", at=at))
            choices = tuple(_choice(c, f"{at}.choices[{i}]") for i, c in enumerate(items))
        ordered = bool(body.get("ordered", False))
        if aggregate == "worst" and not (type_name == "choice" and ordered):
            raise SchemaError(phrase("schema", "worst_needs_ordered", at=at))
        for bound in ("min", "max"):
            value = body.get(bound)
            if value is not None and not (isinstance(value, int | float) or value == "today"):
                raise SchemaError(phrase("schema", "bound", at=f"{at}.{bound}",
                                                got=repr(value)))
        derived = None
        if "derived" in body:
            spec = _mapping(body["derived"], f"{at}.derived")
            ratio = spec.get("ratio")
            if set(spec) != {"ratio"} or not (isinstance(ratio, list) and len(ratio) == 2):
                raise SchemaError(phrase("schema", "derived_form", at=at))
            derived = (prefix + str(ratio[0]), prefix + str(ratio[1]))
            if aggregate != "ratio":
                raise SchemaError(phrase("schema", "derived_ratio", at=at))
        elif aggregate == "ratio":
            raise SchemaError(phrase("schema", "ratio_only_derived", at=at))
        if aggregate in ("sum", "weighted_mean") and type_name not in NUMERIC:
            raise SchemaError(phrase("schema", "needs_numeric", at=at, value=aggregate))
        weight = body.get("weight")
        if (aggregate == "weighted_mean") != (weight is not None):
            raise SchemaError(phrase("schema", "weight_pair", at=at))
        return Field(
            key=key, qualified=prefix + key, label=_labels(body.get("label", key), f"{at}.label"),
            type=type_name, required=bool(body.get("required", False)),
            min=body.get("min"), max=body.get("max"), choices=choices, ordered=ordered,
            aggregate=aggregate, weight=weight, derived=derived, role=role,
            description=_labels(body["description"], f"{at}.description")
            if "description" in body else None,
        )

    def rule(self, body: Any, at: str, prefix: str, known: dict[str, Field]) -> Rule:
        body = _mapping(body, at)
        _known(body, {"check", "severity", "message"}, at)
        try:
            parsed = expr.parse(body.get("check", ""), prefix)
        except expr.ExprError as exc:
            raise SchemaError(phrase("schema", "check", at=at, why=exc.args[0])) from None
        for name in parsed.names:
            if name not in known:
                shown = name.removeprefix(prefix)
                raise SchemaError(phrase("schema", "check_unknown", at=at, name=shown, hint=_hint(
                    shown, [k.removeprefix(prefix) for k in known])))
            if not known[name].numeric:
                raise SchemaError(phrase("schema", "check_not_numeric", at=at, name=name))
        severity = body.get("severity", "error")
        if severity not in SEVERITIES:
            raise SchemaError(phrase("schema", "severity", at=at, value=severity))
        message = _labels(body.get("message", parsed.text), f"{at}.message")
        return Rule(parsed, severity, message)

    def across(self, body: Any, at: str, scalars: dict[str, Field]) -> AcrossDays:
        body = _mapping(body, at)
        _known(body, {"rule", "severity", "fields", "factor"}, at)
        rule = body.get("rule")
        if rule not in ACROSS_DAYS:
            raise SchemaError(phrase("schema", "unknown_across", at=at, value=rule,
                                            hint=_hint(rule, ACROSS_DAYS)))
        severity = body.get("severity", "warning")
        if severity not in SEVERITIES:
            raise SchemaError(phrase("schema", "severity", at=at, value=severity))
        names: list[str] = []
        for i, pattern in enumerate(_list(body.get("fields"), f"{at}.fields")):
            matched = [k for k in scalars if _matches(str(pattern), k)]
            if not matched:
                raise SchemaError(phrase("schema", "no_match", at=f"{at}.fields[{i}]",
                                                pattern=pattern, hint=""))
            names.extend(matched)
        factor = body.get("factor", 3)
        if not isinstance(factor, int | float) or factor <= 1:
            raise SchemaError(phrase("schema", "factor", at=at))
        return AcrossDays(rule, severity, tuple(dict.fromkeys(names)), float(factor))

    def trend(self, raw: dict[Any, Any], sheets: tuple[Sheet, ...],
              scalars: dict[str, Field]) -> tuple[str, ...]:
        """The `trend` list (patterns allowed, as in across_days); without one, the form's
        derived percentages (logistics distribution, e-KTP recording)."""
        if "trend" not in raw:
            return tuple(f.qualified for sheet in sheets for f in sheet.fields
                         if f.aggregate == "ratio")
        names: list[str] = []
        for i, pattern in enumerate(_list(raw["trend"], "trend")):
            at = f"trend[{i}]"
            if not isinstance(pattern, str):
                raise SchemaError(phrase("schema", "trend_key", at=at))
            matched = [k for k in scalars if _matches(pattern, k)]
            if not matched:
                raise SchemaError(phrase("schema", "no_match", at=at, pattern=pattern,
                                                hint=_hint(pattern, list(scalars))))
            for key in matched:
                fld = scalars[key]
                if fld.type != "percent" or fld.aggregate not in TREND_AGGREGATES:
                    raise SchemaError(phrase("schema", "trend_not_percent", at=at, key=key))
            names.extend(matched)
        return tuple(dict.fromkeys(names))

    def attention(self, raw: dict[Any, Any], sheets: tuple[Sheet, ...],
                  scalars: dict[str, Field],
                  across: tuple[AcrossDays, ...]) -> tuple[AttentionRule, ...]:
        """The `attention` rules in the order given (`rule: false` or left out: off).
        Without the key, every rule with its defaults, those that find their fields."""
        given = raw.get("attention")
        if "attention" not in raw:
            given = {kind: {} for kind in ATTENTION}
        rules = []
        for kind, body in _mapping(given, "attention").items():
            at = f"attention.{kind}"
            if kind not in ATTENTION:
                raise SchemaError(phrase("schema", "unknown_attention", at=at,
                                                hint=_hint(kind, ATTENTION)))
            if body is False:
                continue
            body = _mapping(None if body is True else body, at)
            _known(body, _ATTENTION_OPTIONS[kind], at)
            rule = self.attention_rule(str(kind), body, at, sheets, scalars, across,
                                       "attention" in raw)
            if rule is not None:
                rules.append(rule)
        return tuple(rules)

    def attention_rule(self, kind: str, body: dict[Any, Any], at: str,
                       sheets: tuple[Sheet, ...], scalars: dict[str, Field],
                       across: tuple[AcrossDays, ...], explicit: bool) -> AttentionRule | None:
        """One rule with its defaults filled in; None when a default finds nothing to watch
        (a schema without the field) and the rule was not asked for by name."""
        days = body.get("days", 2 if kind == "missing" else 3)
        if not isinstance(days, int) or isinstance(days, bool) or days < 1:
            raise SchemaError(phrase("schema", "days", at=at))
        if kind == "missing" and days < 2:
            raise SchemaError(phrase("schema", "missing_days", at=at))
        rule = AttentionRule(kind, days=days)
        if kind in ("status", "logistics_pace"):
            wanted = "worst" if kind == "status" else "percent"
            default = next((k for k, f in scalars.items() if f.aggregate == "worst"), None) \
                if kind == "status" else "logistik.persen_tps"
            key = body.get("field", default)
            if key not in scalars:
                if not explicit and "field" not in body:
                    return None
                raise SchemaError(phrase("schema", "attention_field", at=at, key=key,
                                                hint=_hint(key, list(scalars))))
            fld = scalars[key]
            if (fld.aggregate != "worst") if wanted == "worst" else (fld.type != "percent"):
                key_of = "not_worst" if wanted == "worst" else "not_percent"
                raise SchemaError(phrase("schema", key_of, at=at, key=key))
            before = body.get("before_election", 1)
            if not isinstance(before, int) or isinstance(before, bool) or before < 0:
                raise SchemaError(phrase("schema", "before_election", at=at))
            return AttentionRule(kind, (key,), days, before_election=before)
        if kind in ("incidents", "neutrality"):
            free = kind == "incidents"
            tables = {s.key: s.table for s in sheets
                      if s.table is not None and s.table.fixed != free
                      and (not free or s.table.order_by)}
            default = next(iter(tables), None) if free else "netralitas"
            key = body.get("table", default)
            if key not in tables:
                if not explicit and "table" not in body:
                    return None
                raise SchemaError(phrase("schema", "not_free_table" if free else "not_named_table",
                                         at=at, key=key, hint=_hint(key, list(tables))))
            if free:
                return AttentionRule(kind, days=days, table=key)
            table = tables[key]
            assert table is not None
            columns = {c.key: c for c in table.columns if c.numeric}
            reported = body.get("reported", "dilaporkan")
            handled = body.get("handled", ["diproses", "selesai"])
            for i, name in enumerate([reported, *_list(handled, f"{at}.handled")]):
                if name not in columns:
                    if not explicit and not {"reported", "handled"} & set(body):
                        return None
                    where = f"{at}.reported" if i == 0 else f"{at}.handled[{i - 1}]"
                    raise SchemaError(phrase("schema", "not_numeric_column", at=where, name=name,
                                                    key=key, hint=_hint(name, list(columns))))
            return AttentionRule(kind, days=days, table=key, reported=str(reported),
                                 handled=tuple(str(h) for h in handled))
        if kind == "copied":
            if "fields" not in body:
                names = [k for r in across if r.rule == "never_decreases" for k in r.fields]
                return AttentionRule(kind, tuple(dict.fromkeys(names)), days) if names else None
            names = []
            for i, pattern in enumerate(_list(body["fields"], f"{at}.fields")):
                matched = [k for k, f in scalars.items()
                           if _matches(str(pattern), k) and f.numeric]
                if not matched:
                    raise SchemaError(phrase("schema", "no_numeric_match", at=f"{at}.fields[{i}]",
                                                    pattern=pattern))
                names.extend(matched)
            return AttentionRule(kind, tuple(dict.fromkeys(names)), days)
        return rule
    def summary(self, raw: dict[Any, Any], sheets: tuple[Sheet, ...],
                scalars: dict[str, Field]) -> SummarySpec:
        """The `summary` mapping; what it leaves out (or a schema without it) defaults to
        the first `worst` field, the form's headline figures and the first ordered table."""
        body = _mapping(raw.get("summary"), "summary")
        _known(body, set(SUMMARY_KEYS), "summary")
        worst = [k for k, f in scalars.items() if f.aggregate == "worst"]
        ordered = [s.key for s in sheets
                   if s.table is not None and not s.table.fixed and s.table.order_by]
        map_key = body.get("map", worst[0] if worst else None)
        if map_key is not None and map_key not in worst:
            raise SchemaError(phrase("schema", "summary_map", value=map_key,
                                     hint=_hint(map_key, worst)))
        incidents = body.get("incidents", ordered[0] if ordered else None)
        if incidents is not None and incidents not in ordered:
            raise SchemaError(phrase("schema", "summary_incidents", value=incidents,
                                     hint=_hint(incidents, ordered)))
        if "tiles" not in body:
            tiles = [f.qualified for s in sheets for f in s.fields
                     if f.aggregate in ("ratio", "weighted_mean")][:MAX_TILES]
            return SummarySpec(map_key, tuple(tiles), incidents)
        items = _list(body["tiles"], "summary.tiles")
        if len(items) > MAX_TILES:
            raise SchemaError(phrase("schema", "summary_tiles_many", most=MAX_TILES,
                                     n=len(items)))
        for i, key in enumerate(items):
            fld = scalars.get(key) if isinstance(key, str) else None
            if fld is None:
                raise SchemaError(phrase("schema", "summary_tile_unknown", i=i, key=key,
                                         hint=_hint(key, list(scalars))))
            if fld.aggregate not in SUMMARY_AGGREGATES:
                raise SchemaError(phrase("schema", "summary_tile_aggregate", i=i, key=key))
        return SummarySpec(map_key, tuple(dict.fromkeys(items)), incidents)

    def check_references(self, schema: Schema) -> None:
        scalars = schema.scalar_fields()
        for sheet in schema.sheets:
            for f in sheet.fields:
                at = f"sheets.{sheet.name}.fields.{f.key}"
                if f.weight is not None and (f.weight not in scalars
                                             or not scalars[f.weight].numeric):
                    raise SchemaError(phrase("schema", "weight_unknown", at=at, name=f.weight,
                                                    hint=_hint(f.weight, list(scalars))))
                for name in f.derived or ():
                    if name not in scalars or not scalars[name].numeric:
                        raise SchemaError(phrase("schema", "derived_unknown", at=at,
                                                        name=name.removeprefix(sheet.key + ".")))


def _row_field(sheet: Sheet, row_key: str, row_labels: Labels, col: Field) -> Field:
    """The cell of a named-row table as a scalar field of its own."""
    prefix = f"{sheet.key}.{row_key}."
    derived = None
    if col.derived:
        derived = tuple(prefix + name.split(".")[-1] for name in col.derived)
    label = Labels(f"{row_labels.id} – {col.label.id}", f"{row_labels.en} – {col.label.en}")
    return Field(
        key=col.key, qualified=prefix + col.key, label=label, type=col.type,
        required=col.required, min=col.min, max=col.max, choices=col.choices,
        ordered=col.ordered, aggregate=col.aggregate, weight=col.weight,
        derived=derived, role=None, description=col.description,  # type: ignore[arg-type]
    )


def _matches(pattern: str, key: str) -> bool:
    parts, keys = pattern.split("."), key.split(".")
    return len(parts) == len(keys) and all(p in ("*", k) for p, k in zip(parts, keys, strict=True))


def _mapping(value: Any, at: str) -> dict[Any, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise SchemaError(phrase("schema", "mapping", at=at, got=type(value).__name__))
    return value


def _list(value: Any, at: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise SchemaError(phrase("schema", "list", at=at, got=type(value).__name__))
    return value


def _known(body: dict[Any, Any], allowed: set[str], at: str) -> None:
    for key in body:
        if key not in allowed:
            where = f"{at}.{key}" if at else str(key)
            raise SchemaError(phrase("schema", "unknown_key", at=where,
                                            hint=_hint(str(key), sorted(allowed))))


def _labels(value: Any, at: str) -> Labels:
    if isinstance(value, str):
        return Labels(value, value)
    if isinstance(value, dict) and "id" in value:
        return Labels(str(value["id"]), str(value.get("en", value["id"])))
    raise SchemaError(phrase("schema", "labels", at=at))


def _choice(value: Any, at: str) -> Choice:
    if isinstance(value, str):
        return Choice(value, Labels(value, value))
    body = _mapping(value, at)
    _known(body, {"value", "label", "aliases"}, at)
    if "value" not in body:
        raise SchemaError(phrase("schema", "choice_value", at=at))
    return Choice(str(body["value"]), _labels(body.get("label", str(body["value"])), f"{at}.label"),
                  tuple(str(a) for a in _list(body.get("aliases"), f"{at}.aliases")))


def _hint(value: Any, options: Any) -> Phrase | str:
    """' (did you mean ...?)' after a name not known, when one known is close."""
    close = difflib.get_close_matches(str(value), [str(o) for o in options], n=1)
    return phrase("schema", "hint", close=close[0]) if close else ""
