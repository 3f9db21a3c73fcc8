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
    # Notes on the day's files, printed with the files written.
    'other_day': ('{file} adalah laporan {regency} untuk {date} yang masuk {at}: tidak '
                  'dihitung untuk {day}',
                  '{file} is the report of {regency} for {date}, in at {at}: not counted for '
                  '{day}'),
    'after_day': ('{file} ({regency}) masuk {at}, sesudah {day} berakhir, dan dipakai untuk '
                  'hari itu',
                  '{file} ({regency}) came in at {at}, after {day} had ended, and is used for '
                  'it'),
    'new_revision': ('revisi {n} ditulis; berkas revisi {m} disimpan dengan nama *.r{m}.*',
                     'revision {n} written; the files of revision {m} are kept as *.r{m}.*'),
}
