"""The marked copy sent back to a sender: its Koreksi sheet."""

TEXTS: dict[str, tuple[str, str]] = {
    'title': ('Koreksi laporan',
              'Corrections'),
    'file': ('Berkas',
             'File'),
    'regency': ('Kabupaten/kota',
                'Regency/city'),
    'date': ('Tanggal laporan',
             'Report date'),
    'unknown': ('tidak dikenali',
                'not identified'),
    'summary': ('{errors} galat, {warnings} peringatan. Sel yang bermasalah diberi warna '
                '(merah: galat, kuning: peringatan) dan catatan; klik alamat sel untuk menuju '
                'ke sana. Perbaiki lalu kirim ulang berkas lengkapnya.',
                '{errors} errors, {warnings} warnings. Cells with a problem are coloured (red: '
                'error, yellow: warning) and carry a comment; click a cell address to go '
                'there. Correct them and send the whole file again.'),
    'no': ('No',
           'No'),
    'severity': ('Tingkat',
                 'Severity'),
    'sheet': ('Lembar',
              'Sheet'),
    'cell': ('Sel',
             'Cell'),
    'message': ('Keterangan',
                'Message'),
    'error': ('galat',
              'error'),
    'warning': ('peringatan',
                'warning'),
}
