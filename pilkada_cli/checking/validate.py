"""Apply the schema to a workbook's cells: a typed Report and the Issues found, cell by cell.

Layout is found, not assumed: sheets by name regardless of case and spacing, form
fields by their label anywhere on the sheet, table columns by their header and
named table rows by their first cell. Whatever is read differently from the
template is reported as a warning, so nothing is assumed silently.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import math
from collections.abc import Generator, Iterable, Sequence
from pathlib import Path
from typing import Any

from pilkada_cli.checking.model import ERROR, WARNING, Issue, Report
from pilkada_cli.checking.recap import check_recap, is_recap
from pilkada_cli.checking.schema import Field, Labels, Rule, Schema, Sheet, Table
from pilkada_cli.checking.values import (
    RegencyMatcher,
    is_blank,
    read_choice,
    read_date,
    read_number,
    read_phone,
    read_text,
    read_time,
    shown,
)
from pilkada_cli.config import Config
from pilkada_cli.errors import refuse
from pilkada_cli.formats import fmt_number
from pilkada_cli.names import fold, sheet_key
from pilkada_cli.reader.workbook import (
    FORMAT_NAMES,
    SheetData,
    UnreadableWorkbook,
    Workbook,
    cell_name,
    column_name,
    read_workbooks,
)
from pilkada_cli.texts import expected
from pilkada_cli.texts.issues import WARNINGS

EXCEL_TEXT_LIMIT = 32_767  # characters in one cell; only a file made outside Excel holds more
LABEL_MAX = 300  # no label or header is longer; longer text is never compared with them


def check_file(path: Path, schema: Schema, config: Config,
               today: dt.date | None = None) -> Report:
    """Read and validate one file; an unreadable file becomes a report with one error."""
    (report,) = check_files([path], schema, config, today)
    return report


def check_files(paths: Iterable[Path], schema: Schema, config: Config,
                today: dt.date | None = None, *, folders: Sequence[Path] = ()
                ) -> Generator[Report, None, None]:
    """check_file for many files, in order; each is read while the one before is checked.
    Reading starts at once, so the caller can prepare what comes next meanwhile; a caller
    that stops early closes the generator, which frees the reader workers at once.
    `folders`: those the files were found in (an inbox): no symlink leads out of them
    unless the config's inbox.follow_symlinks allows it."""
    day = today or config.today()
    paths = list(paths)
    reads = iter(read_workbooks([p for p in paths if not is_recap(p)], config.limits,
                                schema.wanted_sheets(), folders=folders,
                                follow_symlinks=config.follow_symlinks))
    matcher = RegencyMatcher(config.regencies)  # one per run: what it learns is kept
    # A provincial recap (JSON) is read here, in order among the workbooks.
    return (check_recap(path, schema, config, day) if is_recap(path)
            else _report(path, next(reads), schema, config, day, matcher) for path in paths)


def _report(path: Path, read: Workbook | Exception, schema: Schema, config: Config,
            today: dt.date, matcher: RegencyMatcher) -> Report:
    if isinstance(read, UnreadableWorkbook):
        # Refused after it was read: recorded as read (by these bytes), never opened again.
        content = read.content
        # A refusal that has its place (at_sheet, at_cell) says it at that cell.
        where = (read.params.get("at_sheet"), read.params.get("at_cell"))
        return Report(path, issues=[Issue(ERROR, read.code, *where, params=read.params)],
                      size=len(content or b""), content=content, refused=True,
                      sha256=hashlib.sha256(content).hexdigest() if content else None)
    if isinstance(read, MemoryError):
        refused = refuse("too-complex", "not_enough_memory_read")
        return Report(path, issues=[Issue(ERROR, refused.code, params=refused.params)])
    if isinstance(read, Exception):  # a fault no check foresaw: it costs this file only
        return Report(path, issues=[Issue(ERROR, "internal-error", params={"what": _fault(read)})])
    try:
        return validate_workbook(read, schema, config, today, matcher)
    except Exception as exc:
        return Report(path, size=read.size, sha256=read.sha256, content=read.content,
                      issues=[Issue(ERROR, "internal-error", params={"what": _fault(exc)})])


def _fault(exc: Exception) -> str:
    text = str(exc) if isinstance(exc, RuntimeError) else f"{type(exc).__name__}: {exc}"
    return text[:200]


def validate_workbook(workbook: Workbook, schema: Schema, config: Config,
                      today: dt.date, matcher: RegencyMatcher | None = None) -> Report:
    report = Report(workbook.path, size=workbook.size, sha256=workbook.sha256,
                    content=workbook.content)
    _Validator(schema, config, today, report,
               matcher or RegencyMatcher(config.regencies)).run(workbook)
    return report


class _Validator:
    def __init__(self, schema: Schema, config: Config, today: dt.date, report: Report,
                 matcher: RegencyMatcher) -> None:
        self.schema = schema
        self.config = config
        self.today = today
        self.report = report
        self.matcher = matcher

    # -- issues -------------------------------------------------------------------------------
    def issue(self, code: str, where: str | None = None, cell: str | None = None,
              field: Field | None = None, value: Any = None, severity: str | None = None,
              **params: Any) -> None:
        if field is not None:
            params.setdefault("label", field.label)
        severity = severity or (WARNING if code in WARNINGS else ERROR)
        self.report.issues.append(Issue(severity, code, where, cell,
                                        field.qualified if field else None, value, params))

    # -- the workbook ---------------------------------------------------------------------------
    def run(self, workbook: Workbook) -> None:
        if workbook.kind != "xlsx":
            self.issue("not-xlsx", what=FORMAT_NAMES[workbook.kind])
        wanted = self.schema.wanted_sheets()
        if not any(sheet_key(data.name) in wanted for data in workbook.sheets):
            # Some other workbook altogether: one plain message, not one per missing sheet.
            self.issue("not-a-report", found=", ".join(f"'{d.name}'" for d in workbook.sheets)
                       or "-", sheets=", ".join(s.name for s in self.schema.sheets))
            return
        for sheet in self.schema.sheets:
            data = self.find_sheet(sheet, workbook)
            if data is None:
                continue
            if data.hidden:
                self.issue("hidden-sheet", data.name, sheet=data.name)
            for (row, col), written in sorted(data.bad_strings.items()):
                self.issue("bad-shared-string", data.name, cell_name(row, col), value=written)
            header_row = None
            corners = []
            if sheet.table is not None:
                header_row = self.read_table(sheet, sheet.table, data)
                if header_row is not None:
                    corners.append((header_row, _first_filled(data, header_row)))
            corners += self.read_form(sheet, data, header_row)
            self.blank_margins(data, corners)
        self.derive()
        self.apply_rules()
        self.identify()

    def find_sheet(self, sheet: Sheet, workbook: Workbook) -> SheetData | None:
        wanted = self.schema.sheet_names(sheet)
        candidates = [data for data in workbook.sheets if sheet_key(data.name) in wanted]
        exact = next((data for data in candidates if data.name == sheet.name), None)
        chosen = exact or (candidates[0] if candidates else None)
        for other in candidates:
            # Two sheets that both pass for this one ('Identitas' and 'Identitas '): either
            # could hold the figures, so neither is chosen silently.
            if other is not chosen:
                self.issue("duplicate-sheet", other.name, found=other.name, sheet=sheet.name,
                           used=chosen.name if chosen else "")
        if exact is not None:
            return exact
        for data in candidates:
            self.issue("sheet-name", data.name, found=data.name, sheet=sheet.name)
            return data
        found = ", ".join(f"'{d.name}'" for d in workbook.sheets) or "-"
        self.issue("missing-sheet", sheet.name, sheet=sheet.name, found=found)
        return None

    def blank_margins(self, data: SheetData, corners: list[tuple[int, int]]) -> None:
        """Blank rows above the form or table, and blank columns left of it: read all the
        same (fields are found by their labels), and said, as the template has none."""
        if not corners:
            return
        top = min(row for row, _ in corners)
        left = min(col for _, col in corners)
        rows = sum(1 for r in range(top) if _row_blank(data, r))
        cols = sum(1 for c in range(left) if _column_blank(data, c))
        if rows:
            self.issue("blank-rows", data.name, sheet=data.name, count=rows)
        if cols:
            self.issue("blank-columns", data.name, sheet=data.name, count=cols)

    # -- key-value forms ----------------------------------------------------------------------
    def read_form(self, sheet: Sheet, data: SheetData,
                  stop_row: int | None) -> list[tuple[int, int]]:
        """Read the form's fields; return where their labels were found."""
        found: list[tuple[int, int]] = []
        if not sheet.input_fields:
            return found
        labels: dict[str, list[tuple[int, int]]] = {}
        top, left = data.origin
        stop = len(data.rows) if stop_row is None else max(0, stop_row - top)
        for r, cells in enumerate(data.rows[:stop], start=top):
            for c, raw in enumerate(cells, start=left):
                if isinstance(raw, str) and raw.strip() and len(raw) <= LABEL_MAX:
                    labels.setdefault(fold(raw), []).append((r, c))
        for field in sheet.input_fields:
            places = next((labels[v] for v in _label_variants(field) if v in labels), None)
            if places is None:
                if field.required:
                    self.issue("missing-field", data.name, field=field)
                continue
            row, col = places[0]
            found.append((row, col))
            if len(places) > 1:
                self.issue("duplicate-field", data.name, cell_name(*places[1]), field,
                           used=cell_name(row, col))
                continue
            value_col = next((c for c in range(col + 1, data.width)
                              if not is_blank(data.value(row, c))), col + 1)
            self.store(field, self.read_cell(data, row, value_col, field), data, row, value_col)
        return found

    # -- tables -------------------------------------------------------------------------------
    def read_table(self, sheet: Sheet, table: Table, data: SheetData) -> int | None:
        """Read the table; return its header row so the form above it is read separately."""
        wanted: dict[str, set[str]] = {}
        if table.row_label is not None:
            wanted["__row__"] = {fold(table.row_label.id), fold(table.row_label.en)}
        wanted.update({c.key: set(_label_variants(c)) for c in table.input_columns})
        known = set().union(*wanted.values()) - {""}  # an empty cell names no column
        header, best = None, 0
        for row, cells in enumerate(data.rows, start=data.origin[0]):
            hits = sum(1 for v in cells
                       if isinstance(v, str) and len(v) <= LABEL_MAX and fold(v) in known)
            if hits > best:
                header, best = row, hits
        if header is None or best < max(1, len(wanted) // 2):
            labels = ", ".join(f"'{c.label.id}'" for c in table.input_columns)
            self.issue("missing-header", data.name, labels=labels)
            return None
        columns: dict[str, int] = {}
        for col in range(data.origin[1], data.width):
            raw = data.value(header, col)
            if is_blank(raw):
                continue
            key = next((k for k, w in wanted.items() if fold(str(raw)) in w), None)
            if key is None:
                self.issue("extra-column", data.name, cell_name(header, col), value=shown(raw),
                           label=shown(raw))
            elif key in columns:
                self.issue("duplicate-column", data.name, cell_name(header, col), value=shown(raw),
                           label=shown(raw), used=column_name(columns[key]))
            else:
                columns[key] = col
        order = [k for k in wanted if k in columns]
        by_position = sorted(order, key=lambda k: columns[k])
        for expected_key, actual_key in zip(order, by_position, strict=True):
            if expected_key != actual_key and expected_key != "__row__":
                col_def = next(c for c in table.input_columns if c.key == expected_key)
                self.issue("column-moved", data.name, cell_name(header, columns[expected_key]),
                           label=col_def.label)
        for col_def in table.input_columns:
            if col_def.key not in columns:
                self.issue("missing-column", data.name, cell_name(header, data.origin[1]),
                           label=col_def.label)
        body = [r for r in range(header + 1, data.height)
                if any(not is_blank(data.value(r, c)) for c in columns.values())]
        if table.fixed:
            self.read_fixed_rows(sheet, table, data, body, columns)
        else:
            self.read_free_rows(sheet, table, data, body, columns)
        return header

    def read_fixed_rows(self, sheet: Sheet, table: Table, data: SheetData, body: list[int],
                        columns: dict[str, int]) -> None:
        key_col = columns.get("__row__", min(columns.values(), default=data.origin[1]))
        names: dict[str, str] = {}
        for key, labels in table.rows:
            for variant in (fold(labels.id), fold(labels.en), fold(key.replace("_", " "))):
                names.setdefault(variant, key)
        found: dict[str, int] = {}
        for row in body:
            raw = data.value(row, key_col)
            row_key = names.get(fold(shown(raw))) if not is_blank(raw) else None
            if row_key is None:
                self.issue("unknown-row", data.name, cell_name(row, key_col), value=shown(raw))
            elif row_key in found:
                self.issue("duplicate-row", data.name, cell_name(row, key_col),
                           value=shown(raw), label=shown(raw), used=found[row_key] + 1)
            else:
                found[row_key] = row
        scalars = self.schema.scalar_fields()
        for key, labels in table.rows:
            if key not in found:
                self.issue("missing-row", data.name, label=labels)
                continue
            row = found[key]
            for col_def in table.input_columns:
                if col_def.key in columns:
                    field = scalars[f"{sheet.key}.{key}.{col_def.key}"]
                    col = columns[col_def.key]
                    self.store(field, self.read_cell(data, row, col, field), data, row, col)
            for rule in table.rules:
                names_in_row = {n: f"{sheet.key}.{key}.{n.split('.')[-1]}"
                                for n in rule.check.names}
                self.check_rule(rule, names_in_row)

    def read_free_rows(self, sheet: Sheet, table: Table, data: SheetData, body: list[int],
                       columns: dict[str, int]) -> None:
        records = []
        for index, row in enumerate(body):
            record: dict[str, Any] = {}
            cells: dict[str, tuple[str, str]] = {}
            for col_def in table.input_columns:
                if col_def.key in columns:
                    col = columns[col_def.key]
                    record[col_def.key] = self.read_cell(data, row, col, col_def)
                    cells[col_def.qualified] = (data.name, cell_name(row, col))
            for col_def in table.columns:
                if col_def.derived:
                    record[col_def.key] = _ratio(*(record.get(n.split(".")[-1])
                                                   for n in col_def.derived))
            records.append(record)
            row_values = {f"{sheet.key}.{k}": v for k, v in record.items()}
            for rule in table.rules:
                self.check_rule(rule, {n: n for n in rule.check.names}, row_values, cells)
            for key, place in cells.items():
                self.report.cells[f"{key}[{index}]"] = place
        self.report.tables[sheet.key] = records

    # -- cells ----------------------------------------------------------------------------------
    def store(self, field: Field, value: Any, data: SheetData, row: int, col: int) -> None:
        self.report.values[field.qualified] = value
        self.report.cells[field.qualified] = (data.name, cell_name(row, col))

    def read_cell(self, data: SheetData, row: int, col: int, field: Field) -> Any:
        """The typed value of one cell, or None; every problem becomes an issue at the cell."""
        cell = cell_name(row, col)
        raw = data.value(row, col)
        if (row, col) in data.errors:
            self.issue("formula-error", data.name, cell, field, data.errors[(row, col)])
            return None
        if (row, col) in data.uncached:
            self.issue("formula-no-value", data.name, cell, field)
            return None
        if (row, col) in data.bad_strings:
            return None  # reported with the sheet
        if (row, col) in data.odd_numbers and _misread_number(raw):
            self.issue("bad-number", data.name, cell, field, data.odd_numbers[(row, col)])
            return None
        merged = data.merged_range(row, col)
        if merged is not None:
            top, left, bottom, right = merged
            self.issue("merged-cell", data.name, cell, field,
                       range=f"{cell_name(top, left)}:{cell_name(bottom, right)}")
            return None
        if is_blank(raw):
            if field.required:
                self.issue("required", data.name, cell, field)
            return None
        if isinstance(raw, str) and len(raw) > EXCEL_TEXT_LIMIT:
            self.issue("text-too-long", data.name, cell, field, shown(raw),
                       length=fmt_number(len(raw)), limit=fmt_number(EXCEL_TEXT_LIMIT))
            return None
        if row in data.hidden_rows or col in data.hidden_cols:
            self.issue("hidden-cells", data.name, cell, field, shown(raw))
            return None
        if field.type == "percent" and (row, col) in data.percent and \
                isinstance(raw, int | float) and not isinstance(raw, bool):
            # Typed as "79,4%", Excel stores 0.794: the sender meant 79.4.
            self.issue("percent-cell", data.name, cell, field, shown(raw),
                       read=fmt_number(raw * 100, "id", 1) + "%")
            raw = raw * 100
        parsed = self.parse(raw, field)
        if parsed.code is not None:
            self.issue(parsed.code, data.name, cell, field, shown(raw),
                       **{"expected": _Expected(field.type), **parsed.params})
        if parsed.value is None or (parsed.code is not None and parsed.code not in WARNINGS):
            return None
        return self.check_bounds(parsed.value, field, data.name, cell, raw)

    def parse(self, raw: Any, field: Field) -> Any:
        if field.numeric:
            return read_number(raw, field.type)
        if field.type == "date":
            return read_date(raw)
        if field.type == "time":
            return read_time(raw)
        if field.type == "phone":
            return read_phone(raw)
        if field.type == "choice":
            parsed = read_choice(raw, field.choices)
            if parsed.code == "invalid-choice":
                # As the briefing and the recap name them: "Aman/kondusif, Waspada, Rawan".
                parsed.params["choices"] = Labels(
                    ", ".join(c.label.id for c in field.choices),
                    ", ".join(c.label.id if c.label.id == c.label.en else
                              f"{c.label.id} ({c.label.en})" for c in field.choices))
            return parsed
        if field.type == "regency":
            parsed = self.matcher.match(raw)
            if parsed.code == "unknown-regency":
                parsed.params["choices"] = ", ".join(r.name for r in self.config.regencies[:12]) \
                    + (", …" if len(self.config.regencies) > 12 else "")
            if parsed.value is not None:
                return type(parsed)(parsed.value.code, parsed.code, parsed.params)
            return parsed
        return read_text(raw)

    def check_bounds(self, value: Any, field: Field, sheet: str, cell: str, raw: Any) -> Any:
        if field.numeric:
            low, high = field.bounds()
            if (low is not None and value < low) or (high is not None and value > high):
                self.issue("out-of-range", sheet, cell, field, shown(raw),
                           bounds=_Bounds(low, high))
                return None
        if field.type == "date" and field.max == "today" and value > self.today:
            self.issue("future-date", sheet, cell, field, value.isoformat(),
                       today=self.today, date=value)
            return None
        return value

    # -- derived values and rules ---------------------------------------------------------------
    def derive(self) -> None:
        values = self.report.values
        for key, field in self.schema.scalar_fields().items():
            if field.derived:
                values[key] = _ratio(values.get(field.derived[0]), values.get(field.derived[1]))

    def apply_rules(self) -> None:
        for rule in self.schema.rules:
            self.check_rule(rule, {n: n for n in rule.check.names})

    def check_rule(self, rule: Rule, names: dict[str, str],
                   values: dict[str, Any] | None = None,
                   cells: dict[str, tuple[str, str]] | None = None) -> None:
        """Evaluate a rule; `names` maps the rule's names to the keys holding their values."""
        values = values if values is not None else self.report.values
        cells = cells if cells is not None else self.report.cells
        bound = {n: values.get(k) for n, k in names.items()}
        if rule.check.evaluate(bound) is not False:
            return
        # The rule was evaluated, so every value it names is a number.
        scalars = self.schema.scalar_fields()
        places = [cells.get(k) for k in names.values()]
        details_id, details_en = [], []
        for (name, key), place in zip(names.items(), places, strict=True):
            field = scalars.get(key) or _column(self.schema, key)
            where = f"{place[0]}!{place[1]} " if place else ""
            value = float(bound[name] or 0)
            decimals = 0 if value.is_integer() else 1
            number, number_en = fmt_number(value, "id", decimals), fmt_number(value, "en", decimals)
            details_id.append(f"{where}{field.label.id} = {number}")
            details_en.append(f"{where}{field.label.en} = {number_en}")
        first = next((p for p in places if p), None)
        self.report.issues.append(Issue(
            rule.severity, "rule", first[0] if first else None, first[1] if first else None,
            next(iter(names.values())), None,
            {"message": rule.message, "details": Labels("; ".join(details_id),
                                                        "; ".join(details_en))},
            tuple(f"{p[0]}!{p[1]}" for p in places if p),
        ))

    # -- identification -------------------------------------------------------------------------
    def identify(self) -> None:
        values = self.report.values
        regency_field = self.schema.role("regency")
        date_field = self.schema.role("report_date")
        version_field = self.schema.role("schema_version")
        code = values.get(regency_field.qualified) if regency_field else None
        self.report.regency = self.config.regency(code) if code else None
        self.report.date = values.get(date_field.qualified) if date_field else None
        if self.report.regency is None and not self._has_issue_for(regency_field):
            self.issue("regency-unknown-file")
        if self.report.date is None and not self._has_issue_for(date_field):
            self.issue("date-unknown-file")
        version = values.get(version_field.qualified) if version_field else None
        if version_field is not None and version is not None and version != self.schema.version:
            sheet, cell = self.report.cells[version_field.qualified]
            self.issue("schema-version", sheet, cell, version_field, version,
                       found=version, expected=self.schema.version)

    def _has_issue_for(self, field: Field | None) -> bool:
        return field is not None and any(
            i.field == field.qualified and i.severity == ERROR for i in self.report.issues)


def _row_blank(data: SheetData, row: int) -> bool:
    r = row - data.origin[0]
    return not 0 <= r < len(data.rows) or all(is_blank(v) for v in data.rows[r])


def _column_blank(data: SheetData, col: int) -> bool:
    return all(is_blank(data.value(r, col)) for r in range(data.origin[0], data.height))


def _first_filled(data: SheetData, row: int) -> int:
    return next((c for c in range(data.origin[1], data.width) if not is_blank(data.value(row, c))),
                data.origin[1])


def _misread_number(raw: Any) -> bool:
    """Whether a negative or non-finite number was read as something else: calamine makes
    30 December 1899 or 00:00 of it in a date or time cell, 'nan' would pass as text."""
    return isinstance(raw, dt.date | dt.time) or (isinstance(raw, float)
                                                  and not math.isfinite(raw))


def _label_variants(field: Field) -> list[str]:
    return _variants(field.key, field.label)


@functools.cache
def _variants(key: str, label: Labels) -> list[str]:
    """Cached by key and label alone: hashing a whole Field costs more than the lookup."""
    variants = [fold(label.id), fold(label.en), fold(key.replace("_", " "))]
    variants += [fold(text.split("(")[0]) for text in (label.id, label.en)]
    return [v for v in dict.fromkeys(variants) if v]


def _ratio(numerator: Any, denominator: Any) -> float | None:
    if numerator is None or denominator is None or denominator == 0:
        return None
    return 100 * numerator / denominator


def _column(schema: Schema, key: str) -> Field:
    sheet_key, column = key.split(".")[0], key.split(".")[-1]
    table = schema.sheet(sheet_key).table
    assert table is not None
    return next(c for c in table.columns if c.key == column)


class _Expected:
    """The expected type, named in the reader's language."""

    def __init__(self, type_name: str) -> None:
        self.type_name = type_name

    def get(self, lang: str) -> str:
        return expected(self.type_name, lang)


class _Bounds:
    def __init__(self, low: float | None, high: float | None) -> None:
        self.low, self.high = low, high

    def get(self, lang: str) -> str:
        low = fmt_number(self.low, lang) if self.low is not None else None
        high = fmt_number(self.high, lang) if self.high is not None else None
        if low is not None and high is not None:
            return f"{low}–{high}"
        if low is not None:
            return f">= {low}"
        return f"<= {high}"

