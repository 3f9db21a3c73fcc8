"""The national picture for the benchmark: 38 provinces, 514 regencies/cities and their reports.

The list comes from `regions/` (see its README); the reports come from the project's own
sample generator, so the benchmark reads exactly the workbooks `pilkada template` makes.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

REGIONS = Path(__file__).resolve().parent / "regions"
DAY = dt.date(2024, 11, 18)
# Reports arrive in the afternoon, before the daily deadline.
SUBMITTED_AT = dt.time(16, 30)
TIMEZONE = "Asia/Jakarta"
_ACRONYMS = {"DKI", "DI"}
_SMALL_WORDS = {"DAN"}


@dataclass(frozen=True)
class Unit:
    code: str
    name: str

    @property
    def province_code(self) -> str:
        return self.code.split(".")[0]


def title(name: str) -> str:
    """`KABUPATEN PANGKAJENE DAN KEPULAUAN` -> `Kabupaten Pangkajene dan Kepulauan`."""
    words = []
    for i, word in enumerate(name.split()):
        if word in _ACRONYMS:
            words.append(word)
        elif word in _SMALL_WORDS and i > 0:
            words.append(word.lower())
        else:
            words.append(word.title())
    return " ".join(words)


def _rows(name: str) -> list[dict[str, str]]:
    with (REGIONS / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def provinces() -> dict[str, str]:
    """The 38 provinces, code -> name; Papua and Papua Barat as split in 2022."""
    papua = _rows("papua-2022.csv")
    old_papua = {row["bps_code"][:2] for row in papua}
    found = {row["code"]: title(row["name"]) for row in _rows("provinces.csv")
             if row["code"] not in old_papua}
    found.update({row["code"].split(".")[0]: row["province"] for row in papua})
    return dict(sorted(found.items()))


def regencies() -> list[Unit]:
    """The 514 regencies/cities, ordered by code, with Papua's codes since the split."""
    papua = {row["bps_code"]: row["code"] for row in _rows("papua-2022.csv")}
    units = [Unit(papua.get(row["code"], f"{row['code'][:2]}.{row['code'][2:]}"),
                  title(row["name"])) for row in _rows("regencies.csv")]
    return sorted(units, key=lambda u: u.code)


def spread(units: Sequence[Unit], count: int) -> list[Unit]:
    """`count` units spread evenly over the list, so a subset spans many provinces."""
    count = min(count, len(units))
    return [units[i * len(units) // count] for i in range(count)]


def config_text(units: Sequence[Unit], names: dict[str, str], inbox: str = "inbox") -> str:
    """A pilkada.yaml for the national view: every unit, and the names of their provinces."""
    used = sorted({u.province_code for u in units})
    lines = [
        "# National view for the benchmark: written by bench/run.py, regenerated each run.",
        'province: {code: "00", name: Indonesia}',
        f"timezone: {TIMEZONE}",
        "timezone_label: WIB",
        "provinces:",
        *(f'  "{code}": {json.dumps(names[code])}' for code in used),
        "regencies:",
        *(f"  - {{code: {json.dumps(u.code)}, name: {json.dumps(u.name)}}}" for u in units),
        f"paths: {{inbox: {json.dumps(inbox)}, out: out}}",
    ]
    return "\n".join(lines) + "\n"


def write_if_changed(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def report_name(code: str, day: dt.date = DAY) -> str:
    return f"laporan-{code.replace('.', '')}-{day.isoformat()}.xlsx"


def write_reports(folder: Path, config_path: Path | None, day: dt.date = DAY,
                  workers: int = 1) -> list[Path]:
    """One report per regency of the config, written only where the file is missing."""
    from pilkada_cli.config import load_config

    config = load_config(config_path)
    per_province: dict[str, int] = {}
    jobs = []
    for regency in config.regencies:
        index = per_province.get(regency.province_code, 0)
        per_province[regency.province_code] = index + 1
        path = folder / report_name(regency.code, day)
        if not path.is_file():
            jobs.append((regency.code, index, path))
    folder.mkdir(parents=True, exist_ok=True)
    if workers > 1 and len(jobs) > 20:
        chunks = [jobs[i::workers] for i in range(workers)]
        with ProcessPoolExecutor(workers) as pool:
            list(pool.map(_write_chunk, [config_path] * workers, [day] * workers, chunks))
    elif jobs:
        _write_chunk(config_path, day, jobs)
    return [folder / report_name(r.code, day) for r in config.regencies]


def _write_chunk(config_path: Path | None, day: dt.date,
                 jobs: list[tuple[str, int, Path]]) -> None:
    from pilkada_cli.checking.schema import load_schema
    from pilkada_cli.config import load_config
    from pilkada_cli.files import save_workbook
    from pilkada_cli.senders.samples import report_values
    from pilkada_cli.senders.template import build_workbook

    config = load_config(config_path)
    schema = load_schema(config.schema_path)
    arrived = dt.datetime.combine(day, SUBMITTED_AT, ZoneInfo(str(config.timezone))).timestamp()
    for code, index, path in jobs:
        regency = config.regency(code)
        assert regency is not None
        values, tables = report_values(regency, day, index)
        save_workbook(build_workbook(schema, config, values, tables), path)
        os.utime(path, (arrived, arrived))
