"""Indonesia's 38 provinces and 514 regencies/cities, shipped inside the package.

`pilkada init` writes a province's config from them. The list is BPS's (with Papua's
codes since the 2022 split; see bench/regions/README.md and scripts/regions.py): check
names and codes against Kemendagri's current list before official use. Kalimantan Timur
keeps the built-in list of config.py, with Kemendagri's spelling and the short forms
people type.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from pilkada_cli.config import DEFAULT_REGENCIES, DEFAULTS

_DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Province:
    code: str
    name: str
    timezone: str
    timezone_label: str


@dataclass(frozen=True)
class Unit:
    """A regency/city as a config lists it."""

    code: str
    name: str
    aliases: tuple[str, ...] = ()


def _rows(name: str) -> list[dict[str, str]]:
    with (_DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@functools.cache
def provinces() -> dict[str, Province]:
    """Every province by code, in code order."""
    return {row["code"]: Province(row["code"], row["name"], row["timezone"],
                                  row["timezone_label"]) for row in _rows("provinces.csv")}


def regencies(province_code: str) -> list[Unit]:
    """The province's regencies/cities in code order; the built-in province's from config."""
    if province_code == DEFAULTS["province"]["code"]:
        return [Unit(r["code"], r["name"], tuple(r["aliases"])) for r in DEFAULT_REGENCIES]
    return [Unit(row["code"], row["name"]) for row in _rows("regencies.csv")
            if row["code"].split(".")[0] == province_code]


def find_province(text: str) -> Province | None:
    """The province a code ("32"), a name ("Jawa Barat") or "Provinsi Jawa Barat" means."""
    key = " ".join(text.casefold().split())
    key = key.removeprefix("provinsi ").strip()
    for province in provinces().values():
        if key in (province.code, " ".join(province.name.casefold().split())):
            return province
    return None
