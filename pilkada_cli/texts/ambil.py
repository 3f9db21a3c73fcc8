"""`pilkada ambil`: the console's words."""

TEXTS: dict[str, tuple[str, str]] = {
    'message': ('Surel dari {sender} ({arrived}): {subject}',
                'Mail from {sender} ({arrived}): {subject}'),
    'no_subject': ('(tanpa subjek)',
                   '(no subject)'),
    'saved': ('  disimpan: {path} ({what})',
              '  saved: {path} ({what})'),
    'known': ('  sudah ada: {path} ({what})',
              '  already there: {path} ({what})'),
    'skipped': ('  dilewati: {name} (bukan buku kerja .xlsx/.xlsm)',
                '  skipped: {name} (not an .xlsx/.xlsm workbook)'),
    'too_large': ('  dilewati: {name} (lebih dari {limit})',
                  '  skipped: {name} (larger than {limit})'),
    'unread': ('  tanpa buku kerja: surel dibiarkan belum dibaca',
               '  no workbook: the message is left unread'),
    'unidentified': ('kabupaten/kota atau tanggal tidak terbaca',
                     'regency or date not readable'),
    'summary': ('{messages} surel baru, {saved} berkas disimpan ke {inbox}.',
                '{messages} new messages, {saved} files saved to {inbox}.'),
    'no_source': ('tidak ada sumber surel: sebutkan folder Maildir, atau atur imap: {{host, '
                  'port, user, password_env, folder}} pada pilkada.yaml',
                  'no mail source: name a Maildir folder, or set imap: {{host, port, user, '
                  'password_env, folder}} in pilkada.yaml'),
    'not_maildir': ('{path}: bukan folder Maildir (harus berisi new/ dan cur/)',
                    '{path}: not a Maildir folder (it must hold new/ and cur/)'),
}
