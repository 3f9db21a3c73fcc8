"""Shared fixtures: the built-in config and schema, real workbooks written to tmp_path, and a
desk folder with its own pilkada.yaml whose sample copies say they came in at 16.30 WITA."""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

# Parsed YAML is kept in the user's cache folder: the tests keep theirs apart, and every
# CLI run in a subprocess inherits it.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="pilkada-tests-cache-")

from pilkada_cli.checking.schema import Schema, load_schema
from pilkada_cli.config import Config, load_config
from pilkada_cli.files import save_workbook
from pilkada_cli.senders import samples
from pilkada_cli.senders.template import layout

atexit.register(shutil.rmtree, os.environ["XDG_CACHE_HOME"], True)

# Every recap JSON the tests make, in this process, is checked against docs/rekap.schema.json.
from pilkada_cli.render import recap as _recap  # noqa: E402

from .recap_schema import validating  # noqa: E402

_recap.recap_json = validating(_recap.recap_json)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_reports"
FLAWED = ROOT / "flawed_reports"
FIRST_DAY = samples.FIRST_DAY
LAST_DAY = samples.LAST_DAY
WITA = dt.timezone(dt.timedelta(hours=8))


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
        from pilkada_cli.senders.samples import report_values
        from pilkada_cli.senders.template import build_workbook

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


def make_desk(root: Path, schema: Schema) -> Desk:
    config_path = root / "pilkada.yaml"
    config_path.write_text('deadline: "18:00"\npaths: {store: data/pilkada.sqlite}\n',
                           encoding="utf-8")
    return Desk(root, load_config(config_path), schema)


@pytest.fixture
def desk(tmp_path: Path, schema: Schema) -> Desk:
    return make_desk(tmp_path, schema)


@contextlib.contextmanager
def raises_in_english(kind: type[Exception], match: str) -> Iterator[Any]:
    """`pytest.raises(kind, match=...)` against the error's English text (what `--lang en`
    shows); its str() is the Indonesian one."""
    with pytest.raises(kind) as caught:
        yield caught
    said = caught.value.message("en")  # type: ignore[attr-defined]
    assert re.search(match, said), said
