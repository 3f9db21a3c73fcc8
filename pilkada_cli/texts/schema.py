"""Why a schema YAML cannot be used, pointing into it by its path (`sheets.Umum.fields.x`)."""

TEXTS: dict[str, tuple[str, str]] = {
    'in_file': ("{path}: {what}", "{path}: {what}"),
    'unreadable': ("{path}: tidak dapat dibaca ({why})", "{path}: cannot be read ({why})"),
    'not_utf8': ("{path}: bukan teks UTF-8", "{path}: not UTF-8 text"),
    'not_yaml': ("{path}: bukan YAML yang sah ({why})", "{path}: not valid YAML ({why})"),
    'hint': (" (maksudnya '{close}'?)", " (did you mean '{close}'?)"),
    'mapping': (
        "{at}: seharusnya pemetaan (mapping), tertulis {got}",
        "{at}: expected a mapping, got {got}"),
    'list': ("{at}: seharusnya daftar, tertulis {got}", "{at}: expected a list, got {got}"),
    'unknown_key': ("{at}: kunci tidak dikenal{hint}", "{at}: unknown key{hint}"),
    'labels': (
        "{at}: seharusnya teks atau {{id: ..., en: ...}}",
        "{at}: expected text or {{id: ..., en: ...}}"),
    'choice_value': ("{at}.value: belum diisi", "{at}.value: missing"),
    'version': (
        "version: seharusnya bilangan bulat, tertulis {got}",
        "version: expected a whole number, got {got}"),
    'no_sheets': (
        "sheets: diperlukan sedikitnya satu lembar", "sheets: at least one sheet is needed"),
    'sheet_key_twice': (
        "sheets: kunci '{key}' dipakai oleh dua lembar",
        "sheets: the key '{key}' is used by two sheets"),
    'no_role': (
        "sheets: tidak ada isian dengan 'role: {role}'; tanpa itu laporan tidak dapat dikenali",
        "sheets: no field has 'role: {role}'; the report cannot be identified without one"),
    'sheet_empty': (
        "{at}: sebuah lembar memerlukan 'fields', 'table', atau keduanya",
        "{at}: a sheet needs 'fields', a 'table' or both"),
    'no_columns': (
        "{at}.columns: diperlukan sedikitnya satu kolom",
        "{at}.columns: at least one column is needed"),
    'no_row_label': (
        "{at}.row_label: tabel dengan baris bernama memerlukan row_label",
        "{at}.row_label: a table with named rows needs a row_label"),
    'order_by': (
        "{at}.order_by: '{column}' bukan kolom pilihan berurutan",
        "{at}.order_by: '{column}' is not an ordered choice column"),
    'derived_column': (
        "{at}.derived: kolom '{name}' tidak dikenal", "{at}.derived: unknown column '{name}'"),
    'unknown_type': (
        "{at}.type: jenis '{value}' tidak dikenal{hint}",
        "{at}.type: unknown type '{value}'{hint}"),
    'unknown_aggregate': (
        "{at}.aggregate: cara penggabungan '{value}' tidak dikenal{hint}",
        "{at}.aggregate: unknown aggregate '{value}'{hint}"),
    'unknown_role': (
        "{at}.role: peran '{value}' tidak dikenal{hint}",
        "{at}.role: unknown role '{value}'{hint}"),
    'no_choices': (
        "{at}.choices: isian pilihan memerlukan daftar pilihan",
        "{at}.choices: a choice field needs choices"),
    'worst_needs_ordered': (
        "{at}.aggregate: 'worst' memerlukan isian pilihan berurutan",
        "{at}.aggregate: 'worst' needs an ordered choice field"),
    'bound': (
        "{at}: seharusnya angka (atau 'today' untuk tanggal), tertulis {got}",
        "{at}: expected a number (or 'today' for dates), got {got}"),
    'derived_form': (
        "{at}.derived: seharusnya {{ratio: [pembilang, penyebut]}}",
        "{at}.derived: expected {{ratio: [numerator, denominator]}}"),
    'derived_ratio': (
        "{at}.aggregate: rasio turunan digabung sebagai 'ratio'",
        "{at}.aggregate: a derived ratio combines as 'ratio'"),
    'ratio_only_derived': (
        "{at}.aggregate: 'ratio' hanya untuk isian turunan",
        "{at}.aggregate: 'ratio' is only for derived fields"),
    'needs_numeric': (
        "{at}.aggregate: '{value}' memerlukan jenis angka",
        "{at}.aggregate: '{value}' needs a numeric type"),
    'weight_pair': (
        "{at}.weight: 'weighted_mean' dan 'weight' harus dipakai bersama",
        "{at}.weight: 'weighted_mean' and 'weight' go together"),
    'check': ("{at}.check: {why}", "{at}.check: {why}"),
    'check_unknown': (
        "{at}.check: isian '{name}' tidak dikenal{hint}",
        "{at}.check: unknown field '{name}'{hint}"),
    'check_not_numeric': (
        "{at}.check: '{name}' bukan isian angka", "{at}.check: '{name}' is not numeric"),
    'severity': (
        "{at}.severity: seharusnya error atau warning, tertulis '{value}'",
        "{at}.severity: expected error or warning, got '{value}'"),
    'unknown_across': (
        "{at}.rule: aturan '{value}' tidak dikenal{hint}",
        "{at}.rule: unknown rule '{value}'{hint}"),
    'no_match': (
        "{at}: tidak ada isian yang cocok dengan '{pattern}'{hint}",
        "{at}: no field matches '{pattern}'{hint}"),
    'no_numeric_match': (
        "{at}: tidak ada isian angka yang cocok dengan '{pattern}'",
        "{at}: no numeric field matches '{pattern}'"),
    'factor': (
        "{at}.factor: seharusnya angka di atas 1", "{at}.factor: expected a number above 1"),
    'trend_key': (
        "{at}: seharusnya kunci isian seperti 'logistik.persen_tps'",
        "{at}: expected a field key such as 'logistik.persen_tps'"),
    'trend_not_percent': (
        "{at}: '{key}' bukan persentase yang digabung untuk provinsi (jenis percent dengan "
        "aggregate ratio atau weighted_mean); grafik tren hanya menggambarkan persentase",
        "{at}: '{key}' is not a percentage the province combines (type percent with aggregate "
        "ratio or weighted_mean); the trend charts percentages"),
    'unknown_attention': ("{at}: aturan tidak dikenal{hint}", "{at}: unknown rule{hint}"),
    'days': (
        "{at}.days: seharusnya bilangan bulat hari, sedikitnya 1",
        "{at}.days: expected a whole number of days, at least 1"),
    'missing_days': (
        "{at}.days: sedikitnya 2 (tidak melapor hari ini dan hari sebelumnya)",
        "{at}.days: at least 2 (missing today and the day before)"),
    'attention_field': (
        "{at}.field: isian '{key}' tidak dikenal{hint}",
        "{at}.field: unknown field '{key}'{hint}"),
    'not_worst': (
        "{at}.field: '{key}' bukan isian pilihan berurutan yang digabung sebagai 'worst'",
        "{at}.field: '{key}' is not an ordered choice combined as 'worst'"),
    'not_percent': (
        "{at}.field: '{key}' bukan persentase", "{at}.field: '{key}' is not a percentage"),
    'before_election': (
        "{at}.before_election: seharusnya bilangan bulat hari",
        "{at}.before_election: expected a whole number of days"),
    'not_free_table': (
        "{at}.table: '{key}' bukan tabel berbaris bebas dengan order_by{hint}",
        "{at}.table: '{key}' is not a table of free rows with order_by{hint}"),
    'not_named_table': (
        "{at}.table: '{key}' bukan tabel dengan baris bernama{hint}",
        "{at}.table: '{key}' is not a table with named rows{hint}"),
    'not_numeric_column': (
        "{at}: '{name}' bukan kolom angka pada '{key}'{hint}",
        "{at}: '{name}' is not a numeric column of '{key}'{hint}"),
    'weight_unknown': (
        "{at}.weight: isian angka '{name}' tidak dikenal{hint}",
        "{at}.weight: unknown numeric field '{name}'{hint}"),
    'derived_unknown': (
        "{at}.derived: isian angka '{name}' tidak dikenal",
        "{at}.derived: unknown numeric field '{name}'"),
    # A rule's `check:` expression (checking/expr.py).
    'expr_parse': ("'{text}' tidak dapat diurai", "cannot parse '{text}'"),
    'expr_one': (
        "'{text}' harus berupa satu perbandingan seperti 'a <= b'",
        "'{text}' must be one comparison such as 'a <= b'"),
    'expr_comparison': (
        "'{text}': perbandingan ini tidak didukung", "'{text}': unsupported comparison"),
    'expr_allowed': (
        "'{text}': hanya nama isian, angka, dan + - * / yang diperbolehkan",
        "'{text}': only field names, numbers and + - * / are allowed"),
    'summary_map': (
        "summary.map: '{value}' bukan pilihan berurutan yang digabung provinsi sebagai "
        "'worst'{hint}",
        "summary.map: '{value}' is not an ordered choice the province combines as "
        "'worst'{hint}"),
    'summary_incidents': (
        "summary.incidents: '{value}' bukan kunci tabel baris bebas dengan kolom "
        "order_by{hint}",
        "summary.incidents: '{value}' is not the key of a table of free rows with an "
        "order_by column{hint}"),
    'summary_tiles_many': (
        "summary.tiles: paling banyak {most} angka muat di halaman, tertulis {n}",
        "summary.tiles: at most {most} figures fit on the page, got {n}"),
    'summary_tile_unknown': (
        "summary.tiles[{i}]: tidak ada isian '{key}'{hint}",
        "summary.tiles[{i}]: no field '{key}'{hint}"),
    'summary_tile_aggregate': (
        "summary.tiles[{i}]: '{key}' bukan angka yang digabung provinsi menjadi satu "
        "(aggregate sum, ratio atau weighted_mean)",
        "summary.tiles[{i}]: '{key}' is not a figure the province combines into one number "
        "(aggregate sum, ratio or weighted_mean)"),
}
