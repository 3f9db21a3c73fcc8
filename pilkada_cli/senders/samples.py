"""Deterministic sample reports: a week of realistic workbooks, and flawed ones with their issues.

    python -m pilkada_cli.senders.samples [FOLDER [FLAWED]]

The week goes to FOLDER (default sample_reports/), a realistic inbox that `pilkada compile`
reads as a desk's would; the flawed workbooks, for `pilkada check`, go to FLAWED (default
flawed_reports/ beside FOLDER), where a compile of the week never picks them up.

The workbooks are built by template.build_workbook, so samples, template and check
share one layout. Figures are plausible magnitudes for Kalimantan Timur (DOMAIN.md),
rising toward voting day; they are not facts.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from pilkada_cli.checking.schema import Schema, load_schema
from pilkada_cli.config import Config, Regency, load_config
from pilkada_cli.files import save_workbook
from pilkada_cli.jsonio import dumps
from pilkada_cli.senders.template import build_workbook, layout

FIRST_DAY = dt.date(2024, 11, 12)
LAST_DAY = dt.date(2024, 11, 18)
MISSING_ON_LAST_DAY = "64.11"
SUBMITTED_AT = dt.time(16, 30)

# Registered voters per regency (a plausible split of the province's 2.8 million).
DPT = {"64.01": 212_000, "64.02": 122_000, "64.03": 560_000, "64.04": 301_000,
       "64.05": 183_000, "64.09": 139_000, "64.11": 26_500, "64.71": 487_000,
       "64.72": 626_000, "64.74": 131_000}

# Five narratives for each status, so that the day's status and its narrative agree.
NARRATIVES = {
    "Aman": [
        "Situasi umum aman dan kondusif; kegiatan kampanye berjalan tertib.",
        "Kampanye dialogis berlangsung di beberapa kecamatan tanpa gangguan berarti.",
        "Aparat gabungan melaksanakan patroli rutin di titik keramaian.",
        "Koordinasi Forkopimda dengan KPU dan Bawaslu berjalan baik.",
        "Tidak ada kejadian menonjol; persiapan logistik berjalan sesuai jadwal.",
    ],
    "Waspada": [
        "Terdapat penyebaran informasi hoaks di media sosial; telah dikoordinasikan dengan Polres.",
        "Ketegangan antarpendukung di satu kecamatan; aparat meningkatkan patroli.",
        "Cuaca buruk mengganggu distribusi logistik ke desa terpencil; jalur alternatif disiapkan.",
        "Ada laporan dugaan ketidaknetralan ASN; sedang diklarifikasi Bawaslu.",
        "Pengerahan massa pada kampanye terbuka melebihi izin; panitia telah ditegur.",
    ],
    "Rawan": [
        "Dugaan politik uang di beberapa desa; Bawaslu dan Gakkumdu menindaklanjuti.",
        "Bentrokan kecil antarpendukung; situasi dikendalikan aparat gabungan.",
        "Ancaman terhadap penyelenggara di tingkat kecamatan; pengamanan ditingkatkan.",
        "Penolakan hasil penetapan DPT oleh sekelompok warga; dilakukan mediasi.",
        "Perusakan alat peraga kampanye meluas; Polres melakukan penyelidikan.",
    ],
}
FLASHPOINTS = ["Wilayah perbatasan antarkecamatan", "Daerah aliran sungai yang sulit dijangkau",
               "Kawasan pertambangan", "Permukiman padat di pusat kota", "-"]
INCIDENTS = [
    ("Keamanan", "Sedang", "Perselisihan antarpendukung paslon saat kampanye terbuka",
     "Dimediasi oleh Polsek dan panitia kampanye"),
    ("Politik uang", "Tinggi", "Dugaan pembagian sembako oleh tim pemenangan",
     "Dilaporkan ke Bawaslu kabupaten; sedang diklarifikasi"),
    ("Netralitas", "Sedang", "Kepala desa hadir dalam kegiatan kampanye paslon",
     "Diteruskan ke Bawaslu dan Inspektorat"),
    ("Logistik", "Rendah", "Sebagian kotak suara tiba dalam keadaan rusak",
     "Diganti dari stok cadangan KPU"),
    ("Bencana", "Sedang", "Banjir menghambat distribusi logistik ke beberapa desa",
     "Distribusi dialihkan melalui jalur sungai"),
]
PROBLEMS = [
    ("Akses ke desa terpencil hanya melalui sungai", "Dukungan perahu dan BBM untuk distribusi"),
    ("Jaringan internet tidak stabil di sebagian kecamatan", "Dukungan perangkat komunikasi"),
    ("Perekaman e-KTP pemilih pemula belum tuntas", "Tambahan alat perekaman keliling"),
]
NAMES = ["Andi Pratama", "Siti Rahmawati", "Muhammad Rizal", "Dewi Lestari", "Hendra Saputra",
         "Nur Aisyah", "Yusuf Hidayat", "Rina Marlina", "Agus Salim", "Fitri Handayani"]


def _rng(*parts: object) -> random.Random:
    return random.Random(zlib.crc32("|".join(map(str, parts)).encode()))


def _progress(start: float, end: float, day: dt.date) -> float:
    """A share rising steadily from `start` on the first sample day to `end` on the last."""
    span = (LAST_DAY - FIRST_DAY).days
    return start + (end - start) * (day - FIRST_DAY).days / span


def report_values(regency: Regency, day: dt.date, index: int) -> tuple[dict[str, Any],
                                                                       dict[str, list[dict]]]:
    """Plausible, internally consistent figures for one regency on one day."""
    rng = _rng(regency.code, day)
    base = _rng(regency.code)
    dpt = DPT.get(regency.code, 50_000 + base.randrange(400_000))
    tps = max(30, round(dpt / base.uniform(420, 470)))
    lag = base.uniform(-0.08, 0.05)
    share = min(1.0, max(0.0, _progress(0.48 + lag, 0.86 + lag, day)))
    ektp_target = round(dpt * base.uniform(0.035, 0.05))
    ektp_share = min(1.0, _progress(0.82 + lag / 2, 0.95 + lag / 2, day))
    recorded = round(ektp_target * ektp_share)
    status = "Aman"
    if rng.random() < 0.18:
        status = "Waspada"
    if regency.code == "64.03" and day == LAST_DAY:
        status = "Rawan"
    values: dict[str, Any] = {
        "identitas.kabupaten": regency.name,
        "identitas.tanggal": day,
        "identitas.pelapor": NAMES[index % len(NAMES)],
        "identitas.jabatan": "Sekretaris Desk Pilkada",
        "identitas.telepon": f"0812-{5100 + index * 37:04d}-{2000 + index * 113:04d}",
        "situasi.status": status,
        "situasi.narasi": rng.choice(NARRATIVES[status]),
        "situasi.titik_rawan": rng.choice(FLASHPOINTS),
        "pemilih.dpt": dpt,
        "pemilih.pemilih_pemula": round(dpt * base.uniform(0.06, 0.09)),
        "pemilih.ektp_target": ektp_target,
        "pemilih.ektp_terekam": recorded,
        "pemilih.ektp_belum": ektp_target - recorded,
        "logistik.jumlah_tps": tps,
        "logistik.tps_terdistribusi": round(tps * share),
        "kampanye.kegiatan": rng.randrange(2, 25),
        "kampanye.insiden": 1 if status != "Aman" else 0,
        "kampanye.pelanggaran": rng.randrange(0, 3),
        "partisipasi.proyeksi": round(base.uniform(74, 83) + _progress(0, 1.5, day), 1),
    }
    # Ballots: the DPT plus a 2.5% reserve per TPS; other items counted per TPS.
    needs = {"surat_suara_gubernur": round(dpt * 1.025), "surat_suara_bupati": round(dpt * 1.025),
             "kotak_suara": tps * 2, "bilik_suara": tps * 4, "tinta": tps * 2, "segel": tps * 10,
             "formulir": tps * 25}
    received_share = min(1.0, share + 0.12)
    for item, need in needs.items():
        received = round(need * received_share)
        values[f"logistik.{item}.kebutuhan"] = need
        values[f"logistik.{item}.diterima"] = received
        values[f"logistik.{item}.didistribusikan"] = min(received, round(need * share))
    for i, party in enumerate(("asn", "kpu", "bawaslu", "kades", "tni_polri")):
        reported = _rng(regency.code, party).randrange(0, 4) if i in (0, 3) else 0
        reported += (day - FIRST_DAY).days // 4 if i == 0 else 0
        done = min(reported, (day - FIRST_DAY).days // 3)
        values[f"netralitas.{party}.dilaporkan"] = reported
        values[f"netralitas.{party}.diproses"] = reported - done
        values[f"netralitas.{party}.selesai"] = done
    incidents = []
    if status != "Aman" or rng.random() < 0.15:
        category, level, what, action = rng.choice(INCIDENTS)
        if status == "Rawan":
            category, level, what, action = INCIDENTS[1]
        incidents.append({"waktu": dt.time(rng.randrange(8, 17), rng.choice((0, 15, 30, 45))),
                          "kecamatan": "Kecamatan " + rng.choice(
                              ["Utara", "Selatan", "Tengah", "Hulu", "Hilir"]),
                          "kategori": category, "tingkat": level, "uraian": what,
                          "tindakan": action,
                          "status": "Dalam penanganan" if level != "Rendah" else "Selesai"})
    problems = []
    if rng.random() < 0.3 or regency.code == "64.11":
        problem, request = PROBLEMS[0 if regency.code == "64.11" else rng.randrange(1, 3)]
        problems.append({"kendala": problem, "permintaan": request})
    return values, {"kejadian": incidents, "kendala": problems}


def build_report(schema: Schema, config: Config, regency: Regency, day: dt.date,
                 index: int) -> Workbook:
    values, tables = report_values(regency, day, index)
    return build_workbook(schema, config, values, tables)


# -- habits of real senders, applied to some of the valid samples --------------------------------
def _messy_numbers(book: Workbook, schema: Schema) -> None:
    """Numbers typed as text with Indonesian separators, and 'nihil' for zero."""
    cells = layout(schema).cells
    for key in ("pemilih.dpt", "pemilih.ektp_target", "logistik.jumlah_tps"):
        sheet, ref = cells[key]
        value = book[sheet][ref].value
        book[sheet][ref].value = f"{value:,}".replace(",", ".")
    sheet, ref = cells["kampanye.pelanggaran"]
    if book[sheet][ref].value == 0:
        book[sheet][ref].value = "nihil"


def _messy_identity(book: Workbook, schema: Schema) -> None:
    """A short regency name with a non-breaking space, and the date as Indonesian text."""
    cells = layout(schema).cells
    sheet, ref = cells["identitas.kabupaten"]
    name = book[sheet][ref].value.replace("Kabupaten ", "Kab.\u00a0")
    book[sheet][ref].value = name
    sheet, ref = cells["identitas.tanggal"]
    day = book[sheet][ref].value
    months = ["Januari", "Pebruari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
              "September", "Oktober", "Nopember", "Desember"]
    weekday = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"][day.weekday()]
    book[sheet][ref].value = f"{weekday}, {day.day} {months[day.month - 1]} {day.year}"


def _messy_sheet_names(book: Workbook, schema: Schema) -> None:
    """Sheet names retyped in capitals with stray spaces."""
    for sheet in schema.sheets:
        book[sheet.name].title = f" {sheet.name.upper()} "


MESSY: dict[str, Callable[[Workbook, Schema], None]] = {
    "64.03": _messy_numbers, "64.02": _messy_identity, "64.05": _messy_sheet_names,
}
FILE_NAMES = {"64.03": "Laporan Kukar {d} nov FINAL revisi2.xlsx",
              "64.02": "lap harian KUBAR {d}-11-2024.xlsx"}


def write_week(folder: Path, schema: Schema, config: Config) -> list[Path]:
    written = []
    day = FIRST_DAY
    while day <= LAST_DAY:
        target = folder / day.isoformat()
        target.mkdir(parents=True, exist_ok=True)
        for index, regency in enumerate(config.regencies):
            if day == LAST_DAY and regency.code == MISSING_ON_LAST_DAY:
                continue
            book = build_report(schema, config, regency, day, index)
            if regency.code in MESSY and (day.day % 2 == 0 or day == LAST_DAY):
                MESSY[regency.code](book, schema)
            name = FILE_NAMES.get(regency.code, "laporan-{code}-{iso}.xlsx").format(
                d=day.day, code=regency.code.replace(".", ""), iso=day.isoformat())
            path = target / name
            save_workbook(book, path)
            # The file's time says when it came in (timeliness), as a received file's would.
            sent = dt.datetime.combine(day, SUBMITTED_AT, tzinfo=config.timezone).timestamp()
            os.utime(path, (sent, sent))
            written.append(path)
        day += dt.timedelta(days=1)
    return written


# -- flawed workbooks, each with the issues it must produce -------------------------------------
@dataclass(frozen=True)
class Flaw:
    name: str
    description: str
    change: Callable[[Workbook, Schema], list[tuple[str | None, str | None, str]]] | None = None
    raw: bytes | None = None
    expected: tuple[tuple[str | None, str | None, str], ...] = ()


def _set(key: str, value: Any, code: str) -> Callable[[Workbook, Schema], list]:
    def change(book: Workbook, schema: Schema) -> list:
        sheet, ref = layout(schema).cells[key]
        book[sheet][ref].value = value
        return [(sheet, ref, code)]
    return change


def _rule(changes: dict[str, Any], first: str) -> Callable[[Workbook, Schema], list]:
    def change(book: Workbook, schema: Schema) -> list:
        cells = layout(schema).cells
        for key, value in changes.items():
            sheet, ref = cells[key]
            book[sheet][ref].value = value
        sheet, ref = cells[first]
        return [(sheet, ref, "rule")]
    return change


def _drop_sheet(name: str) -> Callable[[Workbook, Schema], list]:
    def change(book: Workbook, schema: Schema) -> list:
        del book[name]
        return [(name, None, "missing-sheet")]
    return change


def _formula(key: str) -> Callable[[Workbook, Schema], list]:
    def change(book: Workbook, schema: Schema) -> list:
        sheet, ref = layout(schema).cells[key]
        book[sheet][ref].value = "=SUM(1,2)"  # openpyxl saves no result, as many tools do
        return [(sheet, ref, "formula-no-value")]
    return change


FLAWS = [
    Flaw("kata-di-kolom-angka", "A word typed into a count of ballot boxes received",
         _set("logistik.kotak_suara.diterima", "seratus", "type-error")),
    Flaw("distribusi-melebihi-diterima", "More ballots distributed than received",
         _rule({"logistik.surat_suara_gubernur.didistribusikan": 999_999,
                "logistik.surat_suara_gubernur.diterima": 1000},
               "logistik.surat_suara_gubernur.didistribusikan")),
    Flaw("ektp-melebihi-target", "More e-KTP recorded than the target",
         _rule({"pemilih.ektp_terekam": 10**6, "pemilih.ektp_target": 1000,
                "pemilih.ektp_belum": 0}, "pemilih.ektp_terekam")),
    Flaw("tps-melebihi-jumlah", "More polling stations with logistics than polling stations",
         _rule({"logistik.tps_terdistribusi": 5000, "logistik.jumlah_tps": 100},
               "logistik.tps_terdistribusi")),
    Flaw("netralitas-diproses-melebihi", "Neutrality cases processed exceed those reported",
         _rule({"netralitas.asn.dilaporkan": 1, "netralitas.asn.diproses": 4,
                "netralitas.asn.selesai": 0}, "netralitas.asn.diproses")),
    Flaw("tanggal-kosong", "The report date left empty",
         _set("identitas.tanggal", None, "required")),
    Flaw("tanggal-masa-depan", "A report dated in the future",
         _set("identitas.tanggal", dt.date(2030, 1, 1), "future-date")),
    Flaw("telepon-tidak-wajar", "A phone number that cannot be dialled",
         _set("identitas.telepon", "12345", "invalid-phone")),
    Flaw("kabupaten-tidak-dikenal", "A regency that is not in the province",
         _set("identitas.kabupaten", "Kabupaten Antah Berantah", "unknown-regency")),
    Flaw("status-tidak-sah", "A status that is not on the scale",
         _set("situasi.status", "Gawat", "invalid-choice")),
    Flaw("partisipasi-di-atas-100", "A projected turnout above 100%",
         _set("partisipasi.proyeksi", 130, "out-of-range")),
    Flaw("jumlah-negatif", "A negative count of campaign events",
         _set("kampanye.kegiatan", -3, "out-of-range")),
    Flaw("rumus-tanpa-hasil", "A formula whose result was never saved",
         _formula("pemilih.dpt")),
    Flaw("lembar-logistik-hilang", "The logistics sheet deleted", _drop_sheet("Logistik")),
    Flaw("bukan-excel", "A text file named .xlsx",
         raw=b"Laporan harian Kutai Kartanegara\nDPT;560000\n",
         expected=((None, None, "not-workbook"),)),
    Flaw("berkas-kosong", "An empty file", raw=b"", expected=((None, None, "file-empty"),)),
]


def write_flawed(folder: Path, schema: Schema, config: Config) -> list[Path]:
    """Each flaw applied to a valid report of Kutai Kartanegara on the last sample day."""
    folder.mkdir(parents=True, exist_ok=True)
    regency = config.regencies[2]
    expectations: dict[str, dict[str, Any]] = {}
    written = []
    for flaw in FLAWS:
        path = folder / f"{flaw.name}.xlsx"
        if flaw.raw is not None:
            path.write_bytes(flaw.raw)
            expected = list(flaw.expected)
        else:
            book = build_report(schema, config, regency, LAST_DAY, 2)
            assert flaw.change is not None
            expected = flaw.change(book, schema)
            save_workbook(book, path)
        expectations[path.name] = {"description": flaw.description,
                                   "errors": [list(e) for e in expected]}
        written.append(path)
    # A truncated copy of a valid report: what a broken download leaves behind.
    whole = folder / "terpotong.xlsx"
    save_workbook(build_report(schema, config, regency, LAST_DAY, 2), whole)
    data = whole.read_bytes()
    whole.write_bytes(data[: len(data) // 2])
    expectations[whole.name] = {"description": "A workbook cut off half-way",
                                "errors": [[None, None, "corrupt-file"]]}
    written.append(whole)
    (folder / "expected.json").write_text(
        dumps(expectations, indent=2) + "\n", encoding="utf-8")
    return written


FLAWED_FOLDER = "flawed_reports"


def generate(folder: Path, schema: Schema | None = None, config: Config | None = None,
             flawed: Path | None = None) -> None:
    """The week into `folder`, the flawed workbooks into `flawed` (default: beside it)."""
    schema = schema or load_schema()
    config = config or load_config(None)
    write_week(folder, schema, config)
    write_flawed(flawed or folder.parent / FLAWED_FOLDER, schema, config)


def main(argv: list[str]) -> None:
    folder = Path(argv[0]) if argv else Path("sample_reports")
    flawed = Path(argv[1]) if len(argv) > 1 else folder.parent / FLAWED_FOLDER
    generate(folder, flawed=flawed)
    print(f"sample reports written to {folder}, flawed ones to {flawed}")


if __name__ == "__main__":
    main(sys.argv[1:])
