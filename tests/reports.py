"""Reports for the compile tests: made by hand (no workbook), or written as real workbooks."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path
from typing import Any

from pilkada_cli.checking.model import ERROR, Issue, Report
from pilkada_cli.checking.schema import Schema
from pilkada_cli.config import Config
from pilkada_cli.files import save_workbook
from pilkada_cli.senders.samples import report_values
from pilkada_cli.senders.template import build_workbook

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_reports"
DAY = dt.date(2024, 11, 18)


def derive(schema: Schema, values: dict[str, Any]) -> dict[str, Any]:
    """Values with the derived percentages filled in, as validation leaves them."""
    out = dict(values)
    for key, fld in schema.scalar_fields().items():
        if fld.derived:
            num, den = (out.get(k) for k in fld.derived)
            out[key] = 100 * num / den if num is not None and den else None
    return out


def make_report(schema: Schema, config: Config, code: str, day: dt.date = DAY,
                changes: dict[str, Any] | None = None,
                tables: dict[str, list[dict[str, Any]]] | None = None,
                errors: int = 0, name: str | None = None) -> Report:
    """A report as validation would give it, without a workbook."""
    regency = config.regency(code)
    assert regency is not None
    index = [r.code for r in config.regencies].index(code)
    values, sample_tables = report_values(regency, day, index)
    values["identitas.kabupaten"] = code
    values.update(changes or {})
    issues = [Issue(ERROR, "type-error", "Logistik", f"C{7 + i}") for i in range(errors)]
    return Report(Path(name or f"{code}-{day.isoformat()}.xlsx"), regency, day,
                  derive(schema, values), tables if tables is not None else sample_tables,
                  issues=issues)


def write_report(folder: Path, schema: Schema, config: Config, code: str, day: dt.date = DAY,
                 changes: dict[str, Any] | None = None,
                 tables: dict[str, list[dict[str, Any]]] | None = None,
                 name: str | None = None) -> Path:
    """A real workbook in the template's layout, as a regency would send it."""
    regency = config.regency(code)
    assert regency is not None
    index = [r.code for r in config.regencies].index(code)
    values, sample_tables = report_values(regency, day, index)
    values.update(changes or {})
    book = build_workbook(schema, config, values, tables if tables is not None else sample_tables)
    path = folder / (name or f"laporan-{code.replace('.', '')}-{day.isoformat()}.xlsx")
    path.parent.mkdir(parents=True, exist_ok=True)
    save_workbook(book, path)
    return path


def copy_samples(target: Path, *folders: str) -> Path:
    """A fresh inbox holding the named sample folders (their files' times are now)."""
    for folder in folders:
        shutil.copytree(SAMPLES / folder, target / folder)
    return target


def set_time(path: Path, day: dt.date, hour: int, minute: int, config: Config) -> None:
    """Give a file the modification time of a moment in the province's time zone."""
    moment = dt.datetime.combine(day, dt.time(hour, minute), config.timezone)
    os.utime(path, (moment.timestamp(), moment.timestamp()))
