"""The sign-off stamp and the changes since the last approved revision, in the briefing."""

TEXTS: dict[str, tuple[str, str]] = {
    "approved": ("Disetujui oleh {by} pukul {at}, revisi {n}",
                 "Approved by {by} at {at}, revision {n}"),
    "pending": ("Revisi {n} · belum disetujui", "Revision {n} · not yet approved"),
    "pending_after": ("(revisi {n} disetujui oleh {by} pukul {at})",
                      "(revision {n} approved by {by} at {at})"),
    "on_day": ("tanggal {day}", "on {day}"),
    "changes_title": ("Perubahan sejak revisi {n}", "Changes since revision {n}"),
    "no_changes": ("Berkas berganti sejak revisi {n}, tetapi tidak ada angka yang berubah.",
                   "Files changed since revision {n}, but no figure did."),
    "regency": ("Kabupaten/Kota", "Regency/City"),
    "figure": ("Angka", "Figure"),
    "before": ("Revisi {n}", "Revision {n}"),
    "after": ("Sekarang", "Now"),
    "file": ("Berkas", "File"),
    "no_file": ("(tidak ada berkas sah)", "(no valid file)"),
    "more": ("… dan {n} perubahan lainnya (lihat rekap JSON).",
             "… and {n} more changes (see the recap JSON)."),
}
