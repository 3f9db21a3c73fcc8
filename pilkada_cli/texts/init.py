"""`pilkada init`: the comments of the config it writes, and the console's words."""

TEXTS: dict[str, tuple[str, str]] = {
    # comments in pilkada.yaml
    'head': ('pilkada.yaml: konfigurasi Desk Pilkada Provinsi {province}, dibuat oleh '
             '`pilkada init`.',
             'pilkada.yaml: the Desk Pilkada configuration of {province}, written by '
             '`pilkada init`.'),
    'head_edit': ('Setiap kunci boleh diubah; kunci yang dihapus memakai nilai bawaan. '
                  'Rincian: README.md, bagian "Configuration".',
                  'Change any key; a key left out takes its built-in value. Details: '
                  'README.md, "Configuration".'),
    'province': ('Provinsi: kode Kemendagri dan nama.',
                 'The province: its Kemendagri code and name.'),
    'timezone': ('Zona waktu provinsi: "hari ini" dan batas waktu menurut zona ini, bukan '
                 'menurut jam server.',
                 "The province's time zone: \"today\" and the deadline follow it, not the "
                 "server's clock."),
    'election_day': ('Hari pemungutan suara (hitung mundur H-9, H, H+1 di briefing).',
                     'Voting day (the countdown H-9, H, H+1 in the briefing).'),
    'deadline': ('Batas waktu laporan harian; laporan yang masuk sesudahnya terlambat.',
                 'The daily deadline; a report that comes in later is late.'),
    'regencies': ('Setiap kabupaten/kota yang wajib melapor: kode, nama resmi, dan '
                  'singkatan yang biasa diketik (aliases).',
                  'Every regency/city that must report: code, official name, and the short '
                  'forms people type (aliases).'),
    'check_list': ('Daftar ini dari BPS: cocokkan nama dan kode dengan daftar Kemendagri '
                   'terbaru, dan tambahkan singkatan, mis. aliases: [Kukar].',
                   "This list is BPS's: check names and codes against Kemendagri's current "
                   "list, and add short forms, e.g. aliases: [Kukar]."),
    'paths': ('Folder dan berkas, relatif terhadap berkas ini: kotak masuk (laporan yang '
              'diterima), hasil compile, arsip, dan basis data.',
              'Folders and files, relative to this file: the inbox (reports received), '
              "compile's output, the archive, and the store."),
    'schema': ('Skema laporan dan templat briefing sendiri; null = bawaan.',
               'Your own report schema and briefing templates; null = built-in.'),
    'map': ('Peta pada ringkasan untuk ponsel: null = peta petak (letak bawaan untuk Kalimantan '
            'Timur, selain itu disusun dari kode); {tiles: {"64.01": [kolom, baris]}} untuk '
            'letak sendiri, atau berkas GeoJSON batas wilayah (docs/summary.md).',
            'The map of the one-page summary for phones: null = the tile map (built-in places '
            'for Kalimantan Timur, otherwise laid out from the codes); {tiles: {"64.01": '
            '[column, row]}} for your own places, or a GeoJSON file of boundaries '
            '(docs/summary.md).'),
    'password': ('Kata sandi proteksi lembar pada templat (null = tanpa kata sandi).',
                 "The sheet-protection password of the templates (null = none)."),
    'limits': ('Batas keamanan untuk setiap berkas yang dibaca (README.md, bagian Keamanan).',
               'Safety limits applied to every file read (README.md, "Security").'),
    'targets': ('Target provinsi yang ditampilkan di samping angka pada ringkasan eksekutif, '
                'per isian (persen), mis. proyeksi partisipasi 79%.',
                "The province's targets shown beside a figure in the executive summary, by "
                "field (a percentage), e.g. a projected turnout of 79%."),
    'signature': ('Penutup briefing: tempat penandatanganan, dan jabatan, nama serta NIP '
                  'Ketua Desk Pilkada; null = tidak dicantumkan.',
                  "The briefing's closing: where it is signed, and the Desk head's title, "
                  "name and NIP; null = left out."),
    # the console
    'written': ('Konfigurasi ditulis: {path} (Provinsi {province}, {n} kabupaten/kota, {tz})',
                'Config written: {path} ({province}, {n} regencies/cities, {tz})'),
    'folder': ('Folder: {path}',
               'Folder: {path}'),
    'next': ('Langkah berikutnya:',
             'Next steps:'),
    'cd': ('pindah ke folder desk',
           'go to the desk folder'),
    'step_template': ('templat untuk setiap kabupaten/kota, untuk dikirim pagi ini',
                      'a template for every regency/city, to send out this morning'),
    'step_check': ('periksa laporan yang masuk (simpan dulu di inbox/)',
                   'check the reports that came in (save them into inbox/ first)'),
    'step_compile': ('briefing dan rekap malam ini, di out/',
                     "tonight's briefing and recap, in out/"),
    'exists': ('{path} sudah ada; tambahkan --force untuk menimpanya',
               '{path} already exists; add --force to replace it'),
    'unknown': ("--province: '{value}' tidak dikenal. Pilih kode atau nama: {choices}",
                "--province: '{value}' is not known. Use a code or name: {choices}"),
    'cannot': ('{path} tidak dapat ditulis: {why}',
               'cannot write {path}: {why}'),
}
