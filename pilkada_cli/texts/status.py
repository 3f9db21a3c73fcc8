"""`pilkada status`: the console's words and column headings."""

TEXTS: dict[str, tuple[str, str]] = {
    'title': ('Status laporan {date} (batas {deadline})',
              'Reports for {date} (deadline {deadline})'),
    'code': ('Kode',
             'Code'),
    'regency': ('Kabupaten/Kota',
                'Regency/City'),
    'status': ('Status',
               'Status'),
    'arrived': ('Masuk',
                'Arrived'),
    'files': ('Berkas',
              'Files'),
    'reported': ('melapor',
                 'reported'),
    'late': ('terlambat',
             'late'),
    'invalid': ('tidak sah ({n} galat)',
                'invalid ({n} errors)'),
    'missing': ('belum melapor',
                'missing'),
    'summary': ('{ok} dari {n} kabupaten/kota melapor ({late} terlambat).',
                '{ok} of {n} regencies/cities reported ({late} late).'),
    'list_invalid': ('Tidak sah: {names}.',
                     'Invalid: {names}.'),
    'list_missing': ('Belum melapor: {names}.',
                     'Missing: {names}.'),
    "other_days": ("Berkas untuk tanggal lain yang masuk pada {day} (tidak dihitung untuk "
                   "{day}): {files}.",
                   "Files for other dates that came in on {day} (not counted for {day}): "
                   "{files}."),
}
