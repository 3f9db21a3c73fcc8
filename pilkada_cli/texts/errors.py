"""Failures that stop a run (the store, its lock, log and archive, the inbox, the output
files and the templates they are written from), said to the desk."""

TEXTS: dict[str, tuple[str, str]] = {
    'locked': (
        "proses pilkada lain masih memakai penyimpanan {store} setelah {seconds} detik "
        "(berkas kunci {lock}); coba lagi nanti, atau beri waktu lebih dengan --wait",
        "another pilkada run is still using the store {store} after {seconds} s (lock file "
        "{lock}); try again later, or give more time with --wait"),
    'lock_failed': (
        "kunci penyimpanan tidak dapat diambil: {why}",
        "cannot take the store's lock: {why}"),
    'no_store': (
        "belum ada penyimpanan di {path}: penyimpanan dibuat saat `pilkada check`, "
        "`compile` atau `status` membaca laporan dengan pilkada.yaml (atau `check` dan "
        "`compile` dengan --record)",
        "no store yet at {path}: it is made when `pilkada check`, `compile` or `status` read "
        "reports with a pilkada.yaml (or `check` and `compile` with --record)"),
    'interrupted': ("dihentikan", "interrupted"),
    'internal': (
        "kesalahan internal: {kind}: {why} (jalankan dengan --debug untuk rinciannya)",
        "internal error: {kind}: {why} (run with --debug for details)"),
    'store_no_record': (
        "{why}; untuk memeriksa tanpa penyimpanan, tambahkan --no-record",
        "{why}; to check without the store, add --no-record"),
    'store_folder': (
        "{path} adalah folder; paths.store di pilkada.yaml harus menyebut sebuah berkas",
        "{path} is a folder; paths.store in pilkada.yaml must name a file"),
    'store_mkdir': (
        "folder penyimpanan tidak dapat dibuat: {why}", "cannot make the store's folder: {why}"),
    'not_store': (
        "{path} bukan penyimpanan pilkada (bukan basis data SQLite); arahkan paths.store ke "
        "berkas lain",
        "{path} is not a pilkada store (not an SQLite database); point paths.store at another "
        "file"),
    'not_store_meta': (
        "{path} adalah basis data SQLite tetapi bukan penyimpanan pilkada (tidak ada tabel "
        "'meta'); arahkan paths.store ke berkas lain",
        "{path} is an SQLite database but not a pilkada store (no 'meta' table); point "
        "paths.store at another file"),
    'store_newer': (
        "{path} dibuat oleh pilkada yang lebih baru (versi penyimpanan {current}, versi ini "
        "mengenal {known}); perbarui pilkada",
        "{path} was made by a newer pilkada (store version {current}, this one knows {known}); "
        "upgrade pilkada"),
    'store_readonly': (
        "penyimpanan {path} tidak dapat ditulisi ({why}); periksa bahwa foldernya ada dan dapat "
        "ditulisi, atau atur paths.store di pilkada.yaml",
        "cannot write the store {path} ({why}); check that its folder exists and can be "
        "written, or set paths.store in pilkada.yaml"),
    'store_busy': (
        "penyimpanan {path} sedang sibuk ({why}); coba lagi nanti",
        "the store {path} is busy ({why}); try again later"),
    'store_unusable': (
        "penyimpanan {path} tidak dapat dipakai ({why})",
        "the store {path} cannot be used ({why})"),
    'log_write': ("log {path} tidak dapat ditulis: {why}", "cannot write the log {path}: {why}"),
    'os_error': (
        "{path}: {why} (periksa bahwa foldernya ada dan dapat ditulisi, atau atur paths di "
        "pilkada.yaml)",
        "{path}: {why} (check that the folder exists and can be written, or set paths in "
        "pilkada.yaml)"),
    'os_error_here': (
        "{why} (periksa bahwa foldernya ada dan dapat ditulisi, atau atur paths di pilkada.yaml)",
        "{why} (check that the folder exists and can be written, or set paths in pilkada.yaml)"),
    'in_the_way': (
        "ada berkas di tempat yang seharusnya folder",
        "a file is in the way where a folder should be"),
    'inbox_write': (
        "tidak dapat menulis ke kotak masuk {path}: {why}",
        "cannot write into the inbox {path}: {why}"),
    'approved': (
        "revisi {number} untuk {date} sudah disetujui dan tidak dapat diubah",
        "revision {number} of {date} is approved and cannot change"),
    'at_line': ("{path}, baris {line}", "{path}, line {line}"),
    'docx_template': (
        "{path}: templat Word tidak dapat dipakai ({why})",
        "{path}: the Word template cannot be used ({why})"),
    'docx_template_line': (
        "{path}: templat Word tidak dapat dipakai ({why}) sekitar baris {line} XML-nya",
        "{path}: the Word template cannot be used ({why}) near line {line} of its XML"),
    'docx_unusable': (
        "{path}: bukan templat Word yang dapat dipakai ({why})",
        "{path}: not a usable Word template ({why})"),
    'markdown_template': (
        "{where}: templat briefing tidak dapat dipakai ({why})",
        "{where}: the briefing template cannot be used ({why})"),
    'html_template': (
        "{where}: templat briefing HTML tidak dapat dipakai ({why})",
        "{where}: the HTML briefing template cannot be used ({why})"),
    'html_csp': (
        "{path}: templat briefing HTML harus tetap memuat {{{{ csp }}}} di <head>-nya "
        "(Content-Security-Policy halaman)",
        "{path}: the HTML briefing template must keep {{{{ csp }}}} in its <head> (the page's "
        "Content-Security-Policy)"),
    'message_template': (
        "{where}: templat pesan tidak dapat dipakai ({why})",
        "{where}: the message template cannot be used ({why})"),
}
