"""`pilkada compile`: the console's words."""

TEXTS: dict[str, tuple[str, str]] = {
    'written': ('{n} berkas ditulis',
                '{n} files written'),
    'strict': ('--strict: ada kabupaten/kota yang belum melapor atau laporannya tidak sah.',
               '--strict: a regency/city has not reported or its report is invalid.'),
    # What stops a compile.
    'no_inbox': ('folder kotak masuk tidak ditemukan: {path}',
                 'inbox folder not found: {path}'),
    'no_report': ('tidak ada laporan tanggal {date} di {path}',
                  'no report for {date} in {path}'),
    'cannot_write': ('{path} tidak dapat ditulis: {why}',
                     'cannot write {path}: {why}'),
    'bad_format': ("--format: pilih dari {choices}, bukan '{given}'",
                   "--format: expected any of {choices}, got '{given}'"),
    'written_one': ('{n} berkas ditulis',
                    '{n} file written'),
}
