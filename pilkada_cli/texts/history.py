"""`pilkada history`: the console's words and column headings."""

TEXTS: dict[str, tuple[str, str]] = {
    'date': ('Tanggal',
             'Date'),
    'value': ('Nilai',
              'Value'),
    'regencies': ('Kab/kota melapor',
                  'Regencies reporting'),
    'empty': ("Belum ada angka '{label}' yang diterima untuk {scope} sampai {last}.",
              "No accepted figures of '{label}' for {scope} up to {last} yet."),
}
