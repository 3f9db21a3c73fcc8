"""`pilkada kirim`: the fixed words of the messages to the regencies (the templates in
templates/kirim/ put them together) and the console's words."""

TEXTS: dict[str, tuple[str, str]] = {
    # -- the messages -------------------------------------------------------------------------
    'greeting': ('Yth. {addressee},',
                 'Dear {addressee},'),
    'desk_of': ('Desk Pilkada {regency}',
                'Election desk of {regency}'),
    'subject_invalid': ('Perbaikan laporan harian {regency} – {date}',
                        'Daily report of {regency} – {date}: corrections needed'),
    'subject_late': ('Laporan harian {regency} – {date}: terlambat',
                     'Daily report of {regency} – {date}: late'),
    'subject_missing': ('Pengingat laporan harian {regency} – {date}',
                        'Reminder: daily report of {regency} – {date}'),
    'subject_reported': ('Laporan harian {regency} – {date}: diterima',
                         'Daily report of {regency} – {date}: received'),
    'invalid_intro': ('Laporan harian {regency} untuk {date} (berkas "{file}") belum dapat kami '
                      'rekap karena terdapat {errors} galat:',
                      'The daily report of {regency} for {date} (file "{file}") cannot be '
                      'compiled yet. Errors found ({errors}):'),
    'and_more': ('… dan {n} lainnya.',
                 '… and {n} more.'),
    'invalid_todo': ('Mohon perbaiki sel-sel tersebut pada berkas yang sama, lalu kirim ulang '
                     'berkasnya.',
                     'Please correct these cells in the same file and send it again.'),
    'attached': ('Terlampir salinan berkas dengan sel yang bermasalah ditandai merah; daftar '
                 'lengkapnya ada di lembar "Koreksi".',
                 'Attached is a copy of the file with the cells in question marked red; the '
                 'full list is on the "Koreksi" sheet.'),
    'late_intro': ('Laporan harian {regency} untuk {date} kami terima pukul {arrived}, setelah '
                   'batas pengiriman {deadline}. Laporan tetap kami rekap.',
                   'We received the daily report of {regency} for {date} at {arrived}, after '
                   'the {deadline} deadline. It is included in the briefing.'),
    'late_todo': ('Mohon laporan berikutnya dikirim sebelum pukul {deadline}.',
                  'Please send the next reports before {deadline}.'),
    'missing_intro': ('Hingga saat ini kami belum menerima laporan harian {regency} untuk '
                      '{date}.',
                      'We have not yet received the daily report of {regency} for {date}.'),
    'missing_todo': ('Mohon laporan dikirim dengan templat dari Desk Pilkada Provinsi.',
                     'Please send it using the template from the provincial desk.'),
    'reported_intro': ('Laporan harian {regency} untuk {date} telah kami terima pukul {arrived} '
                       'dan sah. Terima kasih.',
                       'We received the daily report of {regency} for {date} at {arrived}; it '
                       'is valid. Thank you.'),
    'deadline_ahead': ('Batas pengiriman: {deadline}, {deadline_day}.',
                       'Deadline: {deadline}, {deadline_day}.'),
    'deadline_passed': ('Batas pengiriman ({deadline}) sudah lewat; mohon dikirim secepatnya.',
                        'The deadline ({deadline}) has passed; please send it as soon as '
                        'possible.'),
    'closing': ('Terima kasih atas kerja samanya.',
                'Thank you for your cooperation.'),
    'signature': ('Desk Pilkada Provinsi {province}',
                  'Desk Pilkada, Province of {province}'),
    # -- the console --------------------------------------------------------------------------
    'status_reported': ('sah', 'valid'),
    'status_late': ('terlambat', 'late'),
    'status_invalid': ('tidak sah', 'invalid'),
    'status_missing': ('belum melapor', 'missing'),
    'header': ('{code} {regency} ({status})',
               '{code} {regency} ({status})'),
    'to': ('Kepada: {to}',
           'To: {to}'),
    'nothing': ('Tidak ada pesan untuk {date}: semua kabupaten/kota yang dipilih sudah '
                'melapor dengan sah.',
                'No message for {date}: every regency/city chosen has a valid report.'),
    'no_phone': ('{regency}: tidak ada nomor WhatsApp (tidak ada di laporan sah terakhir '
                 'maupun di contacts pada pilkada.yaml).',
                 '{regency}: no WhatsApp number (none on the last valid report nor in '
                 'contacts in pilkada.yaml).'),
    'no_email': ('{regency}: tidak ada alamat surel (tambahkan contacts pada pilkada.yaml).',
                 '{regency}: no e-mail address (add it to contacts in pilkada.yaml).'),
    'sent': ('terkirim: {regency} → {to}',
             'sent: {regency} → {to}'),
    'written': ('ditulis: {path}',
                'written: {path}'),
    'already': ('sudah dikirim {when}: {regency} → {to} (--resend untuk mengirim lagi)',
                'already sent {when}: {regency} → {to} (--resend to send again)'),
    'refused': ('ditolak server: {regency} → {to} ({reason})',
                'refused by the server: {regency} → {to} ({reason})'),
    'no_copy': ('{regency}: salinan bertanda tidak dapat dibuat ({reason}); surel dikirim '
                'tanpa lampiran.',
                '{regency}: no marked copy could be made ({reason}); the e-mail goes without '
                'it.'),
    'summary_email': ('{sent} surel terkirim, {skipped} sudah pernah dikirim, {failed} gagal.',
                      '{sent} e-mails sent, {skipped} sent before, {failed} failed.'),
    'summary_dry': ('{written} surel ditulis ke {folder} (tidak dikirim).',
                    '{written} e-mails written to {folder} (not sent).'),
    # -- mail server errors (exit code 2, nothing recorded) ----------------------------------
    'no_smtp': ('--email: server SMTP belum diatur; tambahkan smtp: {{host, port, starttls, '
                'user, password_env, from}} pada pilkada.yaml, atau pakai --dry-run',
                '--email: no SMTP server configured; add smtp: {{host, port, starttls, user, '
                'password_env, from}} to pilkada.yaml, or use --dry-run'),
    'no_sender': ('smtp.from: alamat pengirim belum diatur pada pilkada.yaml',
                  'smtp.from: no sender address in pilkada.yaml'),
}
