"""Write the list of provinces and regencies/cities that `pilkada init` ships with.

    python scripts/regions.py

It is made from bench/regions/ (see its README) by bench/national.py, so the benchmark's
national list and the package's are one list; each province gets its time zone. The
package never reads bench/ at run time: the two CSV files it writes are inside it.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "pilkada_cli" / "data"

# Indonesia's three time zones by province code: WIB (UTC+7), WITA (UTC+8), WIT (UTC+9).
# West and Central Kalimantan keep WIB under the tz database's own name for them.
WITA = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
WIT = {"81", "82", "91", "92", "93", "94", "95", "96"}
PONTIANAK = {"61", "62"}


def time_zone(code: str) -> tuple[str, str]:
    if code in WITA:
        return "Asia/Makassar", "WITA"
    if code in WIT:
        return "Asia/Jayapura", "WIT"
    return ("Asia/Pontianak" if code in PONTIANAK else "Asia/Jakarta"), "WIB"


def national() -> object:
    spec = importlib.util.spec_from_file_location("bench_national", ROOT / "bench" / "national.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def tables() -> dict[str, str]:
    """The two files' text, by name."""
    source = national()
    provinces = io.StringIO()
    writer = csv.writer(provinces, lineterminator="\n")
    writer.writerow(["code", "name", "timezone", "timezone_label"])
    for code, name in source.provinces().items():  # type: ignore[attr-defined]
        writer.writerow([code, name, *time_zone(code)])
    regencies = io.StringIO()
    writer = csv.writer(regencies, lineterminator="\n")
    writer.writerow(["code", "name"])
    for unit in source.regencies():  # type: ignore[attr-defined]
        writer.writerow([unit.code, unit.name])
    return {"provinces.csv": provinces.getvalue(), "regencies.csv": regencies.getvalue()}


def main() -> None:
    TARGET.mkdir(exist_ok=True)
    for name, text in tables().items():
        (TARGET / name).write_text(text, encoding="utf-8")
        print(f"written: {TARGET / name}")


if __name__ == "__main__":
    main()
