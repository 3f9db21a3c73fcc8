"""Options and arguments that cannot be used as given, said before anything is done."""

TEXTS: dict[str, tuple[str, str]] = {
    'bad_date': (
        "--date: seharusnya YYYY-MM-DD, today atau yesterday, tertulis '{value}'",
        "--date: expected YYYY-MM-DD, today or yesterday, got '{value}'"),
    'no_workbook': ("tidak ada buku kerja di {paths}", "no workbook found in {paths}"),
    'no_folder': ("{path}: folder tidak ditemukan", "{path}: folder not found"),
    'from_after_to': (
        "--from {first} jatuh sesudah --to {last}", "--from {first} is after --to {last}"),
    'unknown_regency': (
        "--regency: '{name}' bukan kabupaten/kota dalam konfigurasi ({listed})",
        "--regency: '{name}' is not a regency/city of the config ({listed})"),
    'only_with_email': ("{option}: hanya bersama --email", "{option}: only with --email"),
    'wa_or_email': ("--wa dan --email: pilih salah satu", "--wa and --email: choose one"),
    'bad_status': (
        "--status: seharusnya salah satu dari {choices}, tertulis '{value}'",
        "--status: expected any of {choices}, got '{value}'"),
    'not_combined': (
        "'{field}' tidak digabung untuk seluruh kabupaten/kota (aggregate: {aggregate}); "
        "sebutkan satu kabupaten/kota dengan --regency",
        "'{field}' is not combined across regencies (aggregate: {aggregate}); name a regency "
        "with --regency"),
    'no_schema': ("penyimpanan dibuka tanpa skema", "the store was opened without a schema"),
    'unknown_field': (
        "isian '{key}' tidak dikenal{hint}; isian ditulis seperti 'pemilih.dpt' atau "
        "'logistik.kotak_suara.diterima'",
        "unknown field '{key}'{hint}; fields are named like 'pemilih.dpt' or "
        "'logistik.kotak_suara.diterima'"),
}
