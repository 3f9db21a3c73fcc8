"""The briefing's last seven days (the HTML page's reporting strip and regency cards)."""

TEXTS: dict[str, tuple[str, str]] = {
    "strip_title": ("Pelaporan {n} hari terakhir", "Reporting over the last {n} days"),
    "strip_caption": ("Status laporan per kabupaten/kota per hari, {first} – {last}",
                      "Report status by regency/city and day, {first} – {last}"),
    "strip_note": ("Tepat waktu: berkas pertama hari itu masuk sebelum pukul {deadline} {tz} "
                   "dan laporannya sah; terlambat: masuk sesudahnya; tidak sah: tidak ada "
                   "berkas yang sah; belum melapor: tidak ada berkas.",
                   "On time: the day's first file came before {deadline} {tz} and the report "
                   "is valid; late: it came after; invalid: no file was valid; not reported: "
                   "no file came."),
    "strip_short": ("Hari sebelum {day} belum tercatat di penyimpanan.",
                    "Days before {day} are not in the store."),
    "status_reported": ("tepat waktu", "on time"),
    "status_late": ("terlambat", "late"),
    "status_invalid": ("tidak sah", "invalid"),
    "status_missing": ("belum melapor", "not reported"),
    "legend": ("Keterangan", "Legend"),
    "cards_title": ("Per kabupaten/kota, {n} hari terakhir",
                    "By regency/city, the last {n} days"),
    "cards_note": ("Garis: nilai yang diterima tiap hari, skala 0–100%; celah: tidak ada "
                   "laporan sah hari itu.",
                   "Lines: the value accepted each day, on a 0–100% scale; a gap: no valid "
                   "report that day."),
    "today": ("hari ini", "today"),
    "spark_text": ("{label}, {first} – {last}: {values}",
                   "{label}, {first} – {last}: {values}"),
}
