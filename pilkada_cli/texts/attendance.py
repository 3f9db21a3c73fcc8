"""When a regency's files came in, as every output shows it (day/attendance.py)."""

TEXTS: dict[str, tuple[str, str]] = {
    "used_valid": ("; berkas sah {at}", "; valid file {at}"),
    "used_invalid": ("; berkas terakhir {at}", "; last file {at}"),
    "other_day": ("{regency}: laporan {date}, diterima {at}",
                  "{regency}: report for {date}, received {at}"),
}
