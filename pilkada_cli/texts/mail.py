"""The mail servers (SMTP for kirim, IMAP for ambil): what stops a run, and why."""

TEXTS: dict[str, tuple[str, str]] = {
    'unreachable': ('server surel {host}:{port} tidak dapat dihubungi ({reason}); periksa host '
                    'dan port pada pilkada.yaml',
                    'cannot reach the mail server {host}:{port} ({reason}); check host and '
                    'port in pilkada.yaml'),
    'tls_failed': ('TLS dengan {host}:{port} gagal ({reason}); periksa ssl/starttls dan '
                   'cafile pada pilkada.yaml',
                   'TLS with {host}:{port} failed ({reason}); check ssl/starttls and cafile in '
                   'pilkada.yaml'),
    'login_failed': ('{host}: login sebagai {user} ditolak ({reason}); periksa user dan kata '
                     'sandi di variabel lingkungan {env}',
                     '{host}: login as {user} refused ({reason}); check the user and the '
                     'password in the environment variable {env}'),
    'server_failed': ('server surel {host}:{port} gagal ({reason})',
                      'the mail server {host}:{port} failed ({reason})'),
    'no_folder': ('{host}: folder {folder} tidak ada ({reason}); periksa imap.folder pada '
                  'pilkada.yaml',
                  '{host}: no folder {folder} ({reason}); check imap.folder in pilkada.yaml'),
}
