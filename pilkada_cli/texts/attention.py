"""The briefing's "Perlu perhatian" block: one message per kind of exception."""

TEXTS: dict[str, tuple[str, str]] = {
    "title": ("Perlu perhatian", "Needs attention"),
    "none": ("Tidak ada hal yang perlu perhatian khusus hari ini.",
             "Nothing needs special attention today."),
    "left_out": ("Tanpa basis data (store), hal yang memerlukan hari-hari sebelumnya tidak "
                 "diperiksa: {rules}.",
                 "Without the store, what needs the days before is not checked: {rules}."),
    "more": ("… dan {n} hal lainnya (lihat rekap JSON).",
             "… and {n} more (see the recap JSON)."),
    "status_worse": ("{label} memburuk dari {before} menjadi {after}",
                     "{label} worse: from {before} to {after}"),
    "status_worst": ("{label} {after} (tingkat tertinggi)",
                     "{label} {after} (the highest level)"),
    "incident": ("kejadian baru tingkat {level}: {what}",
                 "new incident, level {level}: {what}"),
    "pace_late": ("{label} {value}; dengan laju {pace} poin/hari baru 100% pada {projected}, "
                  "melewati batas {due}",
                  "{label} {value}; at {pace} points a day 100% only on {projected}, after "
                  "{due}"),
    "pace_none": ("{label} {value} dan tidak naik; harus 100% pada {due}",
                  "{label} {value} and not rising; due at 100% by {due}"),
    "pace_stalled": ("{label} tetap {value} selama {days} hari; harus 100% pada {due}",
                     "{label} unchanged at {value} for {days} days; due at 100% by {due}"),
    "neutrality": ("{n} kasus netralitas {party} dilaporkan tetapi belum diproses selama "
                   "{days} hari",
                   "{n} neutrality cases ({party}) reported but not processed for {days} "
                   "days"),
    "missing": ("belum melapor {days} hari berturut-turut",
                "not reported for {days} days in a row"),
    "missing_since": ("belum melapor {days} hari berturut-turut (laporan sah terakhir {last})",
                      "not reported for {days} days in a row (last valid report {last})"),
    "invalid": ("berkas tidak sah ({n} galat) dan belum diganti dengan berkas yang sah",
                "invalid file ({n} errors), not yet replaced by a valid one"),
    "copied": ("{n} angka kumulatif (a.l. {label}) sama persis selama {days} hari: laporan "
               "disalin?",
               "{n} cumulative figures (e.g. {label}) exactly the same for {days} days: a "
               "copied report?"),
    "rule_status": ("status situasi", "situation status"),
    "rule_incidents": ("kejadian menonjol", "notable incidents"),
    "rule_logistics_pace": ("laju distribusi logistik", "logistics pace"),
    "rule_neutrality": ("kasus netralitas tertunda", "unprocessed neutrality cases"),
    "rule_missing": ("tidak melapor berturut-turut", "missing days in a row"),
    "rule_invalid": ("berkas tidak sah", "invalid files"),
    "rule_outliers": ("kemungkinan pencilan dan angka tetap yang berubah",
                      "possible outliers and fixed figures that changed"),
    "rule_copied": ("laporan yang disalin", "copied reports"),
}
