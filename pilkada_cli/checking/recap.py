"""Check a provincial recap (`rekap-D.json`) and turn it into one Report per regency.

A recap stands for every regency of its province, so it is checked like a workbook:
its format and schema versions must be this release's, its date and province known to
the config, every figure of every regency row of the right type and within the
schema's bounds, each derived percentage equal to the one its counts give, and every
total equal to the same aggregate of its own rows (checking.aggregates: what merge
uses). Only a recap with no error stands for its regencies: each reported or late row
becomes a Report (as if read from that regency's workbook), an invalid row a Report
with one error; a missing row stays missing (never zero).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pilkada_cli.checking.aggregates import aggregate
from pilkada_cli.checking.model import ERROR, WARNING, Issue, Report, Rollup
from pilkada_cli.checking.schema import Field, Schema
from pilkada_cli.config import Config, Regency
from pilkada_cli.errors import UnreadableWorkbook
from pilkada_cli.reader.recap import read_recap
from pilkada_cli.texts import expected

# The version of the recap JSON's layout (docs/rekap.schema.json): raised on any change a
# reader of an older recap could misread.
FORMAT_VERSION = 1
RECAP = "recap"  # Rollup.status of the recap file's own report
STATUSES = ("reported", "late", "invalid", "missing")
INCLUDED = ("reported", "late")
MAX_TEXT = 32_767  # what an Excel cell holds, so what a workbook could have sent


def is_recap(path: Path) -> bool:
    """A recap is known by its name: `.json` (a workbook never is)."""
    return path.suffix.lower() == ".json"


def check_recap(path: Path, schema: Schema, config: Config,
                today: dt.date | None = None) -> Report:
    """The recap file's report: its issues, and in `covers` the regency reports it stands
    for (only when it has no error)."""
    try:
        recap = read_recap(path, config.limits)
    except UnreadableWorkbook as exc:
        return Report(path, issues=[Issue(ERROR, exc.code, params=exc.params)],
                      rollup=Rollup("", RECAP))
    report = Report(path, size=recap.size, sha256=recap.sha256, rollup=Rollup("", RECAP))
    _Checker(schema, config, today or config.today(), report).run(recap.document)
    return report


class _Checker:
    def __init__(self, schema: Schema, config: Config, today: dt.date, report: Report) -> None:
        self.schema = schema
        self.config = config
        self.today = today
        self.report = report
        self.fields = schema.scalar_fields()
        self.derived_fields = [f for f in self.fields.values() if f.derived is not None]
        self.roles = {f.role: f.qualified for f in self.fields.values() if f.role}
        self.first_error: dict[str, tuple[str | None, str | None, str | None]] = {}

    def issue(self, kind: str, where: str | None = None, severity: str = ERROR,
              value: Any = None, **params: Any) -> None:
        """An issue at a place in the JSON (`regencies[3].values.pemilih.dpt`)."""
        self.report.issues.append(Issue(severity, kind, where, None, None, value, params))

    # -- the document ---------------------------------------------------------------------------
    def run(self, doc: Any) -> None:
        if not isinstance(doc, dict):
            self.issue("recap-shape", None, what="object", found=_kind(doc))
            return
        if not self.versions(doc) or not self.identity(doc) or not self.field_list(doc):
            return
        rows = self.rows(doc)
        if rows is None:
            return
        tables = self.tables(doc, {code for code, status, _ in rows if status in INCLUDED})
        self.totals(doc, rows)
        self.reporting(doc, rows)
        if self.report.valid and tables is not None:
            self.report.covers = self.regency_reports(rows, tables)

    def versions(self, doc: dict[str, Any]) -> bool:
        found = doc.get("format_version")
        if found != FORMAT_VERSION:
            self.issue("recap-format-version", "format_version", value=found,
                       found=found if found is not None else "–", expected=FORMAT_VERSION)
            return False
        found = doc.get("schema_version")
        if found != self.schema.version:
            self.issue("recap-schema-version", "schema_version", value=found,
                       found=found if found is not None else "–", expected=self.schema.version)
            return False
        return True

    def identity(self, doc: dict[str, Any]) -> bool:
        """The date and the province, both known; the file report carries them."""
        day = _date(doc.get("date"))
        if day is None:
            self.issue("recap-value", "date", value=_short(doc.get("date")),
                       expected="YYYY-MM-DD")
        elif day > self.today:
            self.issue("recap-future-date", "date", value=day.isoformat(), date=day,
                       today=self.today)
            day = None
        province = doc.get("province")
        code = province.get("code") if isinstance(province, dict) else None
        known = {r.province_code for r in self.config.regencies}
        if not isinstance(code, str) or code not in known:
            self.issue("recap-unknown-province", "province.code", value=_short(code),
                       code=_short(code))
            code = None
        self.report.date = day
        if code is not None:
            self.report.rollup = Rollup(code, RECAP)
        return day is not None and code is not None

    def field_list(self, doc: dict[str, Any]) -> bool:
        """The recap's fields combine as ours do (same keys, aggregates and weights)."""
        fields = doc.get("fields")
        if not isinstance(fields, dict):
            self.issue("recap-shape", "fields", what="object", found=_kind(fields))
            return False
        wrong = [key for key, fld in self.fields.items()
                 if not isinstance(fields.get(key), dict)
                 or fields[key].get("aggregate") != fld.aggregate
                 or fields[key].get("weight") != fld.weight]
        if wrong:
            self.issue("recap-fields", "fields", keys=", ".join(wrong[:5])
                       + (", …" if len(wrong) > 5 else ""), n=len(wrong))
            return False
        return True

    # -- the regency rows -----------------------------------------------------------------------
    def rows(self, doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]] | None:
        """(code, status, typed values) per row, in the recap's order; None if unusable."""
        items = doc.get("regencies")
        province = self.report.rollup.province if self.report.rollup else ""
        if not isinstance(items, list) or len(items) > len(self.config.regencies):
            self.issue("recap-shape", "regencies", what="array", found=_kind(items))
            return None
        rows: list[tuple[str, str, dict[str, Any]]] = []
        seen: set[str] = set()
        for index, item in enumerate(items):
            where = f"regencies[{index}]"
            if not isinstance(item, dict):
                self.issue("recap-shape", where, what="object", found=_kind(item))
                continue
            code, status = item.get("code"), item.get("status")
            regency = self.config.regency(code) if isinstance(code, str) else None
            if regency is None or not isinstance(code, str) \
                    or regency.province_code != province:
                self.issue("recap-unknown-regency", f"{where}.code", value=_short(code),
                           code=_short(code), province=province)
                continue
            if code in seen:
                self.issue("recap-duplicate", f"{where}.code", value=code, code=code)
                continue
            seen.add(code)
            if status not in STATUSES:
                self.issue("recap-value", f"{where}.status", value=_short(status),
                           expected=" | ".join(STATUSES))
                continue
            values = self.values(item.get("values"), f"{where}.values", regency, status)
            rows.append((code, status, values))
            if status == "invalid":
                self.first_error[code] = _first_error(item.get("errors"))
        absent = [r.name for r in self.config.regencies
                  if r.province_code == province and r.code not in seen]
        if absent:
            self.issue("recap-regency-absent", "regencies", WARNING,
                       names=", ".join(absent[:5]) + (", …" if len(absent) > 5 else ""),
                       n=len(absent))
        return rows

    def values(self, raw: Any, where: str, regency: Regency, status: str) -> dict[str, Any]:
        if not isinstance(raw, dict):
            self.issue("recap-shape", where, what="object", found=_kind(raw))
            return {}
        if status not in INCLUDED:
            return {}
        values: dict[str, Any] = {}
        for key, fld in self.fields.items():
            found = raw.get(key)
            if found is not None and fld.derived is None:
                value = self.value(fld, found, f"{where}.{key}")
                if value is not None:
                    values[key] = value
        for fld in self.derived_fields:
            self.derived(fld, values, raw.get(fld.qualified), f"{where}.{fld.qualified}")
        role = self.roles
        if "regency" in role and values.get(role["regency"]) not in (None, regency.code):
            self.issue("recap-value", f"{where}.{role['regency']}",
                       value=_short(values[role["regency"]]), expected=regency.code)
        if "report_date" in role and values.get(role["report_date"]) not in (
                None, self.report.date):
            self.issue("recap-value", f"{where}.{role['report_date']}",
                       value=str(values[role["report_date"]]), expected=str(self.report.date))
        return values

    def value(self, fld: Field, raw: Any, where: str) -> Any:
        """One figure typed as a workbook would give it, or None with an issue."""
        if raw is None:
            return None
        value = _typed(fld, raw)
        if value is None:
            self.issue("recap-type", where, value=_short(raw), label=fld.label,
                       type=_Expected(fld.type))
            return None
        if fld.numeric:
            low, high = fld.bounds()
            if (low is not None and value < low) or (high is not None and value > high):
                self.issue("recap-range", where, value=raw, label=fld.label,
                           low="–" if low is None else low, high="–" if high is None else high)
                return None
        return value

    def derived(self, fld: Field, values: dict[str, Any], stated: Any, where: str) -> None:
        """A percentage is recomputed from its counts; the recap must say the same."""
        assert fld.derived is not None
        num, den = (values.get(k) for k in fld.derived)
        computed = 100 * num / den if num is not None and den else None
        if not _same(stated, computed):
            self.issue("recap-derived", where, value=_short(stated), label=fld.label,
                       expected=computed)
        if computed is None:
            values.pop(fld.qualified, None)
        else:
            values[fld.qualified] = computed

    # -- free tables ----------------------------------------------------------------------------
    def tables(self, doc: dict[str, Any], included: set[str]
               ) -> dict[str, dict[str, list[dict[str, Any]]]] | None:
        """Per regency code, per free table, its rows typed; None if unusable."""
        raw = doc.get("tables", {})
        if not isinstance(raw, dict):
            self.issue("recap-shape", "tables", what="object", found=_kind(raw))
            return None
        result: dict[str, dict[str, list[dict[str, Any]]]] = {}
        for sheet in self.schema.sheets:
            table = sheet.table
            if table is None or table.fixed:
                continue
            entries = raw.get(sheet.key, [])
            if not isinstance(entries, list):
                self.issue("recap-shape", f"tables.{sheet.key}", what="array",
                           found=_kind(entries))
                return None
            for index, entry in enumerate(entries):
                where = f"tables.{sheet.key}[{index}]"
                code = entry.get("regency") if isinstance(entry, dict) else None
                if not isinstance(entry, dict) or code not in included:
                    self.issue("recap-table-regency", where, value=_short(code),
                               code=_short(code))
                    continue
                record = {c.key: self.value(c, entry.get(c.key), f"{where}.{c.key}")
                          for c in table.columns}
                result.setdefault(code, {}).setdefault(sheet.key, []).append(record)
        return result

    # -- totals and reporting -------------------------------------------------------------------
    def totals(self, doc: dict[str, Any], rows: list[tuple[str, str, dict[str, Any]]]) -> None:
        """Every total equal to the aggregate of the rows, by the rules merge uses."""
        stated, coverage = doc.get("totals"), doc.get("coverage", {})
        if not isinstance(stated, dict) or not isinstance(coverage, dict):
            self.issue("recap-shape", "totals", what="object", found=_kind(stated))
            return
        included = [(code, values) for code, status, values in rows if status in INCLUDED]
        for key, fld in self.fields.items():
            if fld.aggregate == "none":
                continue
            total = aggregate(fld, included)
            expected = total.value
            if not _same(stated.get(key), expected):
                self.issue("recap-total", f"totals.{key}", value=_short(stated.get(key)),
                           label=fld.label, expected=_short(expected))
            elif key in coverage and coverage[key] != total.covered:
                self.issue("recap-total", f"coverage.{key}", value=_short(coverage[key]),
                           label=fld.label, expected=total.covered)

    def reporting(self, doc: dict[str, Any], rows: list[tuple[str, str, dict[str, Any]]]
                  ) -> None:
        block = doc.get("reporting")
        statuses = [status for _, status, _ in rows]
        missing = [code for code, status, _ in rows if status == "missing"]
        expected: dict[str, Any] = {s: statuses.count(s) for s in ("reported", "late", "invalid")}
        if not isinstance(block, dict) or block.get("missing") != missing \
                or any(block.get(k) != v for k, v in expected.items()):
            self.issue("recap-reporting", "reporting", missing=len(missing), **expected)

    # -- what the recap stands for --------------------------------------------------------------
    def regency_reports(self, rows: list[tuple[str, str, dict[str, Any]]],
                        tables: Mapping[str, dict[str, list[dict[str, Any]]]]) -> list[Report]:
        file = self.report
        assert file.rollup is not None
        province = file.rollup.province
        reports = []
        for code, status, values in rows:
            if status == "missing":
                continue
            report = Report(file.path, self.config.regency(code), file.date, values,
                            {k: list(v) for k, v in tables.get(code, {}).items()},
                            size=file.size, sha256=file.sha256, rollup=Rollup(province, status))
            if status == "invalid":
                # Where its first error was, as the recap says; its words stay the recap's.
                sheet, cell, key = self.first_error.get(code, (None, None, None))
                report.issues.append(Issue(ERROR, "recap-regency-invalid", sheet, cell, key,
                                           params={"province": province}))
            reports.append(report)
        return reports


# -- values -------------------------------------------------------------------------------------
class _Expected:
    """A type, named in the reader's language ('bilangan bulat')."""

    def __init__(self, type_name: str) -> None:
        self.type_name = type_name

    def get(self, lang: str) -> str:
        return expected(self.type_name, lang)


def _typed(fld: Field, raw: Any) -> Any:
    """The value a workbook's cell would have given, from its JSON form; None if wrong."""
    kind = fld.type
    if kind == "integer":
        return raw if isinstance(raw, int) and not isinstance(raw, bool) else None
    if kind in ("number", "percent"):
        if isinstance(raw, int | float) and not isinstance(raw, bool) and math.isfinite(raw):
            return float(raw)
        return None
    if kind == "date":
        return _date(raw)
    if kind == "time":
        try:
            return dt.time.fromisoformat(raw) if isinstance(raw, str) and len(raw) <= 8 else None
        except ValueError:
            return None
    if kind == "choice":
        return raw if any(c.value == raw for c in fld.choices) else None
    if isinstance(raw, str) and len(raw) <= MAX_TEXT:  # text, phone, regency
        return raw
    return None


def _first_error(errors: Any) -> tuple[str | None, str | None, str | None]:
    """(sheet, cell, field key) of the first error a recap lists for a regency."""
    first = errors[0] if isinstance(errors, list) and errors else None
    if not isinstance(first, dict):
        return None, None, None

    def text(key: str) -> str | None:
        value = first.get(key)
        return value if isinstance(value, str) and len(value) <= 200 else None

    return text("sheet"), text("cell"), text("key")


def _date(raw: Any) -> dt.date | None:
    if not isinstance(raw, str) or len(raw) != 10:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        return None


def _same(a: Any, b: Any) -> bool:
    """Equal; numbers to within rounding (a recap may come from another platform's floats)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return bool(a == b)


def _kind(value: Any) -> str:
    """The JSON type of a value, as JSON names it."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return {dict: "object", list: "array", str: "string", type(None): "null"}.get(
        type(value), type(value).__name__)


def _short(value: Any) -> Any:
    if isinstance(value, str) and len(value) > 60:
        return value[:57] + "…"
    if isinstance(value, dict | list):
        return _kind(value)
    return value
