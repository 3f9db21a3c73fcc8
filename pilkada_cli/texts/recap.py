"""The recap: the workbook's page setup (what its printed pages say in the footer), and
provincial recaps (`rekap-D.json`) read as input: their issues, and what the briefing and
`pilkada status` say of them."""

TEXTS: dict[str, tuple[str, str]] = {
    # the recap workbook's printed pages
    "footer": ("Rekap Desk Pilkada {province} · {date}",
               "Desk Pilkada recap, {province} · {date}"),
    "page": ("Halaman &P dari &N",
             "Page &P of &N"),
    # reading the file
    "recap-not-utf8": (
        "Rekap bukan teks UTF-8 (byte ke-{offset}). Minta provinsi mengirim ulang "
        "rekap-TANGGAL.json yang dibuat pilkada, tanpa diubah.",
        "The recap is not UTF-8 text (byte {offset}). Ask the province to send again the "
        "rekap-DATE.json made by pilkada, unchanged.",
    ),
    "recap-not-json": (
        "Rekap bukan JSON yang sah: {what} (baris {line}, kolom {column}). Minta provinsi "
        "mengirim ulang rekap-TANGGAL.json yang dibuat pilkada, tanpa diubah.",
        "The recap is not valid JSON: {what} (line {line}, column {column}). Ask the province "
        "to send again the rekap-DATE.json made by pilkada, unchanged.",
    ),
    "recap-number": (
        "Rekap memuat bilangan yang tidak mungkin ada dalam rekap: {value}.",
        "The recap holds a number no recap holds: {value}.",
    ),
    "recap-too-deep": (
        "Rekap bersarang lebih dari {limit} tingkat; rekap pilkada tidak pernah sedalam itu.",
        "The recap nests deeper than {limit} levels; a pilkada recap never does.",
    ),
    "recap-too-many": (
        "Rekap memuat lebih dari {limit} nilai; rekap pilkada tidak pernah sebanyak itu.",
        "The recap holds more than {limit} values; a pilkada recap never does.",
    ),
    # what it says
    "recap-shape": (
        "Di sini rekap harus berisi {what}, ditemukan {found}.",
        "The recap must hold {what} here, found {found}.",
    ),
    "recap-format-version": (
        "Rekap berformat versi {found}; versi ini membaca format versi {expected}. Minta "
        "provinsi membuat ulang rekapnya dengan pilkada versi yang sama.",
        "The recap is format version {found}; this release reads format version {expected}. "
        "Ask the province to make its recap again with the same pilkada release.",
    ),
    "recap-schema-version": (
        "Rekap dibuat dari skema laporan versi {found}, bukan versi {expected}. Provinsi dan "
        "pusat harus memakai skema yang sama.",
        "The recap was made from report schema version {found}, not version {expected}. The "
        "province and the centre must use the same schema.",
    ),
    "recap-future-date": (
        "Tanggal rekap {date} belum terjadi (hari ini {today}).",
        "The recap's date {date} has not happened yet (today is {today}).",
    ),
    "recap-unknown-province": (
        "Provinsi '{code}' tidak terdaftar dalam konfigurasi (tidak ada kabupaten/kota "
        "dengan kode itu).",
        "Province '{code}' is not in the config (no regency/city has that code).",
    ),
    "recap-fields": (
        "{n} isian rekap tidak dijumlahkan seperti skema ini ({keys}). Provinsi dan pusat "
        "harus memakai skema yang sama.",
        "{n} of the recap's fields do not combine as this schema's do ({keys}). The "
        "province and the centre must use the same schema.",
    ),
    "recap-unknown-regency": (
        "'{code}' bukan kabupaten/kota Provinsi {province} dalam konfigurasi.",
        "'{code}' is not a regency/city of province {province} in the config.",
    ),
    "recap-duplicate": (
        "Kabupaten/kota {code} tercantum dua kali dalam rekap.",
        "Regency/city {code} is listed twice in the recap.",
    ),
    "recap-value": (
        "Nilai '{value}' tidak sah; seharusnya {expected}.",
        "The value '{value}' is not valid; expected {expected}.",
    ),
    "recap-type": (
        "'{label}': '{value}' bukan {type}.",
        "'{label}': '{value}' is not {type}.",
    ),
    "recap-range": (
        "'{label}': {value} di luar batas ({low} sampai {high}).",
        "'{label}': {value} is out of bounds ({low} to {high}).",
    ),
    "recap-derived": (
        "'{label}': rekap menulis {value}, padahal angka-angkanya memberi {expected}.",
        "'{label}': the recap says {value}, but its counts give {expected}.",
    ),
    "recap-table-regency": (
        "Baris tabel dari '{code}', yang tidak melapor menurut rekap ini.",
        "A table row from '{code}', which did not report according to this recap.",
    ),
    "recap-total": (
        "Total '{label}' dalam rekap ({value}) tidak sama dengan jumlah baris "
        "kabupaten/kotanya ({expected}). Rekap telah diubah setelah dibuat; minta provinsi "
        "mengirim ulang.",
        "The recap's total of '{label}' ({value}) is not what its regency rows give "
        "({expected}). The recap was changed after it was made; ask the province to send it "
        "again.",
    ),
    "recap-reporting": (
        "Ringkasan pelaporan rekap tidak sesuai dengan baris kabupaten/kotanya (melapor "
        "{reported}, terlambat {late}, tidak sah {invalid}, belum melapor {missing}).",
        "The recap's reporting summary does not match its regency rows (reported "
        "{reported}, late {late}, invalid {invalid}, missing {missing}).",
    ),
    "recap-regency-absent": (
        "{n} kabupaten/kota provinsi ini tidak tercantum dalam rekap ({names}); mereka "
        "dihitung belum melapor.",
        "{n} regencies/cities of this province are not in the recap ({names}); they count "
        "as missing.",
    ),
    "recap-regency-invalid": (
        "Laporan kabupaten/kota ini tidak sah menurut rekap Provinsi {province}.",
        "This regency's report is invalid according to the recap of province {province}.",
    ),
    # a recap beside a regency's own workbook
    "disagree_title": (
        "Rekap provinsi yang berbeda dari laporan kabupaten/kota",
        "Provincial recaps that differ from a regency's own workbook",
    ),
    "disagree_row": (
        "{regency}: rekap {recap} berbeda pada {n} isian ({keys}); yang dipakai laporan "
        "{workbook}.",
        "{regency}: recap {recap} differs in {n} fields ({keys}); the workbook {workbook} "
        "is used.",
    ),
    # the briefing and status at national level
    "recaps_missing": (
        "rekap provinsi belum masuk: {names}",
        "provincial recaps not yet in: {names}",
    ),
    "recaps_late": (
        "rekap provinsi terlambat: {names}",
        "provincial recaps late: {names}",
    ),
    "status_title": (
        "Rekap provinsi {date}",
        "Provincial recaps {date}",
    ),
    "status_province": ("Provinsi", "Province"),
    "status_file": ("Rekap", "Recap"),
    "status_arrived": ("Masuk", "Arrived"),
    "status_inside": ("Di dalam rekap", "In the recap"),
    "status_late": ("Terlambat", "Late"),
    "status_missing": ("Belum melapor", "Missing"),
    "status_no_recap": ("belum ada rekap", "no recap yet"),
    "status_recap_late": ("terlambat", "late"),
    "file_summary": (
        "Rekap {province}",
        "Recap of {province}",
    ),
    "regencies_n": (
        "{n} kabupaten/kota",
        "{n} regencies/cities",
    ),
}
