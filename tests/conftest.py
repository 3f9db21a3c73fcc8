"""Shared fixtures: the built-in config and schema, and real workbooks written to tmp_path."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from pilkada_cli import samples
from pilkada_cli.config import Config, load_config
from pilkada_cli.files import save_workbook
from pilkada_cli.schema import Schema, load_schema
from pilkada_cli.template import layout

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_reports"
LAST_DAY = samples.LAST_DAY


@pytest.fixture(scope="session")
def config() -> Config:
    return load_config(None)


@pytest.fixture(scope="session")
def schema() -> Schema:
    return load_schema()


@pytest.fixture(scope="session")
def cells(schema: Schema) -> dict[str, tuple[str, str]]:
    return layout(schema).cells


BuildReport = Callable[..., Path]


@pytest.fixture
def build_report(tmp_path: Path, config: Config, schema: Schema) -> BuildReport:
    """Write a valid report of one regency and day, changed by `mutate(book)` first."""

    def build(code: str = "64.03", day: dt.date = LAST_DAY,
              mutate: Callable[[Workbook], None] | None = None, name: str = "report.xlsx") -> Path:
        index = [r.code for r in config.regencies].index(code)
        book = samples.build_report(schema, config, config.regency(code), day, index)
        if mutate is not None:
            mutate(book)
        path = tmp_path / name
        save_workbook(book, path)
        return path

    return build


def issue_tuples(report) -> list[tuple]:
    """Issues as (severity, sheet, cell, code), for one-line assertions."""
    return [(i.severity, i.sheet, i.cell, i.code) for i in report.issues]
