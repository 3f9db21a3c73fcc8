"""Make the committed .ods and .xls twins in tests/formats/ with LibreOffice (run once).

    python scripts/make_format_fixtures.py       (needs `soffice`, e.g. Debian's
                                                  libreoffice-calc-nogui)

Two sample reports of 18 November 2024 are converted as a regency's LibreOffice would
save them: Kutai Kartanegara (numbers typed as text, "nihil", an incident, a real date
cell) and Kutai Barat (a short regency name with a non-breaking space, the date as
Indonesian text). A third .xls is the Kutai Barat report with what readers hide: an
error value, a hidden row, a hidden sheet, a percentage cell and merged input cells.
The tests read the committed files; LibreOffice is not needed to run them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parent.parent
DAY = ROOT / "sample_reports" / "2024-11-18"
OUT = ROOT / "tests" / "formats"
TWINS = ["Laporan Kukar 18 nov FINAL revisi2.xlsx", "lap harian KUBAR 18-11-2024.xlsx"]
HIDDEN = "lap harian KUBAR 18-11-2024 tersembunyi.xlsx"


def convert(source: Path, kind: str) -> None:
    subprocess.run(["soffice", "--headless", "--convert-to", kind, "--outdir", str(OUT),
                    str(source)], check=True, capture_output=True)


def hidden_things(folder: Path) -> Path:
    book = load_workbook(DAY / TWINS[1])
    book["Pemilih"]["B3"] = "=1/0"  # LibreOffice saves its result: #DIV/0!
    book["Logistik"].row_dimensions[9].hidden = True
    book["Kampanye"].sheet_state = "hidden"
    book["Partisipasi"]["B3"] = 0.799
    book["Partisipasi"]["B3"].number_format = "0.0%"
    book["Logistik"].merge_cells("C10:D10")
    path = folder / HIDDEN
    book.save(path)
    return path


def main() -> None:
    if shutil.which("soffice") is None:
        sys.exit("soffice (LibreOffice) not found")
    OUT.mkdir(parents=True, exist_ok=True)
    for name in TWINS:
        convert(DAY / name, "ods")
        convert(DAY / name, "xls")
    with tempfile.TemporaryDirectory() as folder:
        convert(hidden_things(Path(folder)), "xls")
    print(f"written to {OUT}")


if __name__ == "__main__":
    main()
