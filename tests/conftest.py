"""Shared fixtures: a desk folder with its own pilkada.yaml, and copies of the sample reports
whose file times say they came in at 16.30 WITA on their day (as received files would)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from pilkada_cli.config import Config, load_config
from pilkada_cli.schema import Schema, load_schema

SAMPLES = Path(__file__).resolve().parent.parent / "sample_reports"
FIRST_DAY = dt.date(2024, 11, 12)
LAST_DAY = dt.date(2024, 11, 18)
WITA = dt.timezone(dt.timedelta(hours=8))


@dataclass
class Desk:
    """A desk's folder: config file, inbox, store, archive."""

    root: Path
    config: Config
    schema: Schema

    @property
    def config_path(self) -> Path:
        return self.root / "pilkada.yaml"

    @property
    def inbox(self) -> Path:
        return self.config.paths["inbox"]

    def copy_day(self, day: dt.date, target: Path | None = None,
                 at: dt.time = dt.time(16, 30)) -> list[Path]:
        """Copy a sample day into `target` (default inbox/D), file times set to `at` WITA."""
        target = target or self.inbox / day.isoformat()
        target.mkdir(parents=True, exist_ok=True)
        copied = []
        for source in sorted((SAMPLES / day.isoformat()).glob("*.xlsx")):
            path = target / source.name
            shutil.copyfile(source, path)
            set_time(path, dt.datetime.combine(day, at, tzinfo=WITA))
            copied.append(path)
        return copied

    def write_report(self, code: str, day: dt.date, changes: dict[str, Any] | None = None,
                     name: str | None = None, at: dt.time = dt.time(16, 30)) -> Path:
        """A real workbook for one regency and day (sample figures with `changes`)."""
        from pilkada_cli.files import save_workbook
        from pilkada_cli.samples import report_values
        from pilkada_cli.template import build_workbook

        index = [r.code for r in self.config.regencies].index(code)
        regency = self.config.regencies[index]
        values, tables = report_values(regency, day, index)
        values.update(changes or {})
        path = self.root / "made" / (name or f"{code}-{day.isoformat()}.xlsx")
        save_workbook(build_workbook(self.schema, self.config, values, tables), path)
        set_time(path, dt.datetime.combine(day, at, tzinfo=WITA))
        return path


def set_time(path: Path, moment: dt.datetime) -> None:
    stamp = moment.timestamp()
    os.utime(path, (stamp, stamp))


@pytest.fixture(scope="session")
def schema() -> Schema:
    return load_schema()


def make_desk(root: Path, schema: Schema) -> Desk:
    config_path = root / "pilkada.yaml"
    config_path.write_text('deadline: "18:00"\npaths: {store: data/pilkada.sqlite}\n',
                           encoding="utf-8")
    return Desk(root, load_config(config_path), schema)


@pytest.fixture
def desk(tmp_path: Path, schema: Schema) -> Desk:
    return make_desk(tmp_path, schema)
