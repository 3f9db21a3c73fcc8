"""`pilkada approve`, and the sign-off in `pilkada status`."""

TEXTS: dict[str, tuple[str, str]] = {
    "done": ("Revisi {n} laporan {day} disetujui oleh {by} pukul {at} ({files} berkas).",
             "Revision {n} of the report of {day} approved by {by} at {at} ({files} files)."),
    "again": ("Jalankan `pilkada compile --date {iso}` lagi agar briefing dan rekap dicap "
              "\"Disetujui\".",
              "Run `pilkada compile --date {iso}` again to stamp the briefing and recap "
              "\"Approved\"."),
    "empty_name": ("--by: nama yang menyetujui kosong; tulis misalnya --by \"NAMA, Jabatan\".",
                   "--by: the approver's name is empty; write e.g. --by \"NAME, Position\"."),
    "no_compile": ("Laporan {day} belum pernah dikompilasi dengan basis data (store); "
                   "jalankan `pilkada compile --date {iso}` dulu.",
                   "The report of {day} was never compiled with the store; run "
                   "`pilkada compile --date {iso}` first."),
    "twice": ("Revisi {n} laporan {day} sudah disetujui oleh {by} pukul {at}; persetujuan "
              "baru hanya untuk revisi berikutnya (setelah berkas berubah dan dikompilasi "
              "lagi).",
              "Revision {n} of the report of {day} is already approved by {by} at {at}; a new "
              "approval is only for the next revision (once files change and it is compiled "
              "again)."),
    "status_none": ("Persetujuan: belum dikompilasi dengan basis data (store).",
                    "Approval: not yet compiled with the store."),
    "status_approved": ("Persetujuan: revisi {n}, disetujui oleh {by} pukul {at}.",
                        "Approval: revision {n}, approved by {by} at {at}."),
    "status_pending": ("Persetujuan: revisi {n}, belum disetujui.",
                       "Approval: revision {n}, not yet approved."),
    "status_pending_after": ("Persetujuan: revisi {n}, belum disetujui (revisi {m} disetujui "
                             "oleh {by} pukul {at}).",
                             "Approval: revision {n}, not yet approved (revision {m} approved "
                             "by {by} at {at})."),
}
