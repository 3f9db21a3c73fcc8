"""Why pilkada.yaml cannot be used, pointing at the setting by its path (`contacts[2].phone`)."""

TEXTS: dict[str, tuple[str, str]] = {
    'not_found': ("{path}: berkas tidak ditemukan", "{path}: file not found"),
    'unreadable': ("{path}: tidak dapat dibaca ({why})", "{path}: cannot be read ({why})"),
    'not_yaml': ("{path}: bukan YAML yang sah ({why})", "{path}: not valid YAML ({why})"),
    'top_level': (
        "{path}: seharusnya berisi pemetaan pengaturan di tingkat teratas",
        "{path}: expected a mapping of settings at the top level"),
    'unknown_setting': ("{at}: pengaturan tidak dikenal", "{at}: unknown setting"),
    'expected_bool': ("{at}: harus true atau false, bukan '{value}'",
                      "{at}: expected true or false, got '{value}'"),
    'mapping': ("{at}: seharusnya pemetaan (mapping)", "{at}: expected a mapping"),
    'province': (
        "{at}: seharusnya {{code: ..., name: ...}}", "{at}: expected {{code: ..., name: ...}}"),
    'timezone': (
        "{at}: zona waktu '{value}' tidak dikenal", "{at}: unknown time zone '{value}'"),
    'regencies': (
        "{at}: seharusnya daftar yang tidak kosong", "{at}: expected a non-empty list"),
    'regency': (
        "{at}: seharusnya {{code: ..., name: ..., aliases: [...]}}",
        "{at}: expected {{code: ..., name: ..., aliases: [...]}}"),
    'code_twice': ("{at}.code: '{code}' muncul dua kali", "{at}.code: '{code}' appears twice"),
    'aliases': ("{at}.aliases: seharusnya daftar", "{at}.aliases: expected a list"),
    'unknown_limit': (
        "{at}: batas tidak dikenal; yang dikenal: {known}", "{at}: unknown limit; known: {known}"),
    'limit_positive': (
        "{at}: seharusnya angka positif, tertulis '{value}'",
        "{at}: expected a positive number, got '{value}'"),
    'limits_numbers': ("{at}: seharusnya angka ({why})", "{at}: expected numbers ({why})"),
    'date': (
        "{at}: seharusnya tanggal seperti 2024-11-27, tertulis '{value}'",
        "{at}: expected a date like 2024-11-27, got '{value}'"),
    'time': (
        "{at}: seharusnya jam seperti \"18:00\", tertulis '{value}'",
        "{at}: expected a time like \"18:00\", got '{value}'"),
    'contacts': (
        "{at}: seharusnya daftar {{regency, phone, email}}",
        "{at}: expected a list of {{regency, phone, email}}"),
    'contact': (
        "{at}: seharusnya {{regency: ..., phone: ..., email: ...}}",
        "{at}: expected {{regency: ..., phone: ..., email: ...}}"),
    'unknown_key': (
        "{at}: kunci tidak dikenal; yang dikenal: {known}", "{at}: unknown key; known: {known}"),
    'contact_regency': (
        "{at}.regency: '{value}' bukan kabupaten/kota dalam konfigurasi",
        "{at}.regency: '{value}' is not a regency of the config"),
    'contact_twice': (
        "{at}.regency: {code} sudah punya kontak", "{at}.regency: {code} has contacts already"),
    'phone': (
        "{at}: '{value}' bukan nomor telepon Indonesia (tulis seperti 0812-3456-7890 atau "
        "+62 812 3456 7890)",
        "{at}: '{value}' is not an Indonesian phone number (write it like 0812-3456-7890 or "
        "+62 812 3456 7890)"),
    'email': (
        "{at}: '{value}' bukan alamat e-mail", "{at}: '{value}' is not an e-mail address"),
    'texts': (
        "{at}: seharusnya teks atau daftar teks", "{at}: expected text or a list of texts"),
    'server': (
        "{at}: seharusnya pemetaan seperti {{host: ..., port: ...}}",
        "{at}: expected a mapping like {{host: ..., port: ...}}"),
    'password': (
        "{at}.password: kata sandi tidak pernah dibaca dari berkas; simpan di variabel "
        "lingkungan dan sebutkan nama variabel itu di password_env",
        "{at}.password: a password is never read from the file; put it in an environment "
        "variable and name that variable in password_env"),
    'host': (
        "{at}.host: belum diisi; sebutkan server {kind}",
        "{at}.host: missing; name the {kind} server"),
    'flag': (
        "{at}: seharusnya true atau false, tertulis '{value}'",
        "{at}: expected true or false, got '{value}'"),
    'ssl_starttls': (
        "{at}: ssl dan starttls tidak boleh sama-sama true",
        "{at}: ssl and starttls cannot both be true"),
    'port': (
        "{at}.port: seharusnya nomor port (1-65535), tertulis '{value}'",
        "{at}.port: expected a port number (1-65535), got '{value}'"),
    'sender': (
        "{at}.from: '{value}' tidak memuat alamat e-mail",
        "{at}.from: '{value}' holds no e-mail address"),
    'no_password_env': (
        "{host}: user '{user}' diisi tetapi password_env tidak; sebutkan variabel lingkungan "
        "yang memuat kata sandinya",
        "{host}: user '{user}' is set but password_env is not; name the environment variable "
        "that holds the password"),
    'env_unset': (
        "{host}: variabel lingkungan {env} (password_env) belum diisi",
        "{host}: the environment variable {env} (password_env) is not set"),
    'map_kind': (
        "{where}map: seharusnya nama berkas GeoJSON atau "
        "{{tiles: {{kode: [kolom, baris]}}, boundaries: BERKAS}}",
        "{where}map: expected a GeoJSON file name or "
        "{{tiles: {{code: [column, row]}}, boundaries: FILE}}"),
    'map_unknown': (
        "{where}map.{key}: pengaturan tidak dikenal; yang dikenal: tiles, boundaries",
        "{where}map.{key}: unknown setting; known: tiles, boundaries"),
    'map_boundaries': (
        "{where}map.boundaries: seharusnya nama berkas",
        "{where}map.boundaries: expected a file name"),
    'map_tiles': (
        "{where}map.tiles: seharusnya {{kode: [kolom, baris], ...}}",
        "{where}map.tiles: expected {{code: [column, row], ...}}"),
    'tile_unknown': (
        "{at}: tidak ada kabupaten/kota dengan kode ini di `regencies`",
        "{at}: no regency with this code in `regencies`"),
    'tile_unquoted': (
        "{at}: tidak ada kabupaten/kota dengan kode ini di `regencies` (tulis kodenya dalam "
        "tanda kutip: \"64.10\")",
        "{at}: no regency with this code in `regencies` (write the code in quotes: "
        "\"64.10\")"),
    'tile_place': (
        "{at}: seharusnya [kolom, baris], dua bilangan bulat mulai 0, tertulis {value}",
        "{at}: expected [column, row], two whole numbers from 0, got {value}"),
    'tile_taken': (
        "{at}: petak [{column}, {row}] sudah dipakai {other}",
        "{at}: the tile [{column}, {row}] is already {other}'s"),
    'targets': (
        "{at}: seharusnya {{isian: persen}}, misalnya {{partisipasi.proyeksi: 79}}",
        "{at}: expected {{field: percent}}, for example {{partisipasi.proyeksi: 79}}"),
    'target_value': (
        "{at}: seharusnya persen antara 0 dan 100, tertulis {value}",
        "{at}: expected a percentage from 0 to 100, got {value}"),
    'signature_text': (
        "{at}: seharusnya teks (atau null), tertulis {value}",
        "{at}: expected text (or null), got {value}"),
    'target_field': (
        "{at}: bukan isian persen pada skema; yang dikenal: {known}",
        "{at}: not a percentage field of the schema; known: {known}"),
}
