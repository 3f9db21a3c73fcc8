"""`pilkada template`: the console's words."""

TEXTS: dict[str, tuple[str, str]] = {
    'written': ('Templat ditulis: {path} ({who}, {when})',
                'Template written: {path} ({who}, {when})'),
    'blank': ('kabupaten/kota belum diisi',
              'regency/city left blank'),
    'all': ('{n} templat ditulis ke {folder}',
            '{n} templates written to {folder}'),
    'unknown': ("kabupaten/kota '{value}' tidak dikenal. Yang terdaftar: {choices}",
                "unknown regency/city '{value}'. Listed: {choices}"),
    'ambiguous': ("'{value}' cocok dengan lebih dari satu kabupaten/kota: {choices}",
                  "'{value}' matches more than one regency/city: {choices}"),
    'both': ('pilih salah satu: --regency atau --all',
             'choose one: --regency or --all'),
    'suffix': ('--output: nama berkas harus berakhiran .xlsx (mis. laporan.xlsx), bukan '
               "'{path}'",
               "--output: the file name must end in .xlsx (e.g. report.xlsx), not '{path}'"),
    'not_folder': ("--output: '{path}' bukan folder; dengan --all, --output adalah folder",
                   "--output: '{path}' is not a folder; with --all, --output is a folder"),
    'exists': ('{path} sudah ada; tambahkan --force untuk menimpanya',
               '{path} already exists; add --force to replace it'),
    'cannot': ('{path} tidak dapat ditulis ({why})',
               'cannot write {path} ({why})'),
}
