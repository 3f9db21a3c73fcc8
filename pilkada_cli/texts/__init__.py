"""The catalogue of user-facing text, in Indonesian and English.

Issues carry a code and parameters; the text is made here, so one report can be
printed in either language and the JSON stays the same apart from `message`.
"""

from __future__ import annotations

import datetime as dt

from pilkada_cli.formats import fmt_date

# code -> (Indonesian, English); {placeholders} come from Issue.params.
MESSAGES: dict[str, tuple[str, str]] = {
    # the file as a whole
    "file-missing": (
        "Berkas tidak ditemukan.",
        "File not found.",
    ),
    "file-empty": (
        "Berkas kosong (0 byte). Minta kabupaten/kota mengirim ulang berkasnya.",
        "The file is empty (0 bytes). Ask the regency to send it again.",
    ),
    "file-too-large": (
        "Berkas terlalu besar ({size}; batas {limit}). Laporan harian biasanya di bawah 1 MB; "
        "periksa apakah ini berkas yang benar.",
        "The file is too large ({size}; limit {limit}). A daily report is usually under 1 MB; "
        "check that this is the right file.",
    ),
    "not-workbook": (
        "Bukan berkas Excel (.xlsx): {what}. Minta kabupaten/kota menyimpan laporan sebagai "
        "Excel Workbook (.xlsx).",
        "Not an Excel workbook (.xlsx): {what}. Ask the regency to save the report as an "
        "Excel Workbook (.xlsx).",
    ),
    "unsupported-format": (
        "Format {what} tidak dapat dibaca. Buka berkas di Excel atau LibreOffice lalu simpan "
        "sebagai Excel Workbook (.xlsx).",
        "The {what} format cannot be read. Open the file in Excel or LibreOffice and save it "
        "as an Excel Workbook (.xlsx).",
    ),
    "password-protected": (
        "Berkas dilindungi kata sandi (terenkripsi, password-protected). Minta kabupaten/kota "
        "mengirim ulang tanpa kata sandi.",
        "The file is password-protected (encrypted). Ask the regency to send it again "
        "without a password.",
    ),
    "corrupt-file": (
        "Berkas rusak atau tidak lengkap ({what}). Minta kabupaten/kota mengirim ulang.",
        "The file is damaged or incomplete ({what}). Ask the regency to send it again.",
    ),
    "zip-bomb": (
        "Berkas ditolak demi keamanan: {what}. Laporan harian yang wajar tidak seperti ini.",
        "The file was refused for safety: {what}. A genuine daily report does not look "
        "like this.",
    ),
    "unsafe-file": (
        "Berkas ditolak demi keamanan: {what}. Laporan harian yang wajar tidak seperti ini; "
        "minta kabupaten/kota menyimpan ulang laporan di Excel lalu mengirimnya lagi.",
        "The file was refused for safety: {what}. A genuine daily report does not look "
        "like this; ask the regency to save the report again in Excel and resend it.",
    ),
    "too-complex": (
        "Berkas terlalu rumit untuk dibaca dengan aman: {what}. Laporan harian yang wajar jauh "
        "lebih sederhana; minta kabupaten/kota menyalin isinya ke templat baru (pilkada "
        "template).",
        "The file is too complex to read safely: {what}. A genuine daily report is far "
        "simpler; ask the regency to copy its content into a fresh template (pilkada "
        "template).",
    ),
    "sheet-too-large": (
        "Lembar '{sheet}' memakai atau menyatakan sel sampai {cell}, melebihi batas {rows} "
        "baris x {cols} kolom. Hapus baris/kolom kosong di luar data lalu simpan ulang.",
        "Sheet '{sheet}' uses or declares cells up to {cell}, beyond the limit of {rows} "
        "rows x {cols} columns. Delete the empty rows/columns beyond the data and save again.",
    ),
    "internal-error": (
        "Berkas ini tidak dapat diperiksa karena kesalahan tak terduga ({what}). Berkas lain "
        "tetap diperiksa; laporkan berkas ini kepada pengelola aplikasi.",
        "This file could not be checked because of an unexpected fault ({what}). The other "
        "files are checked as usual; report this file to the administrator.",
    ),
    "schema-version": (
        "Berkas dibuat dari format laporan versi {found}, sedangkan yang berlaku versi "
        "{expected}. Gunakan templat terbaru (pilkada template).",
        "The file was made from report format version {found}; the current version is "
        "{expected}. Use the latest template (pilkada template).",
    ),
    # sheets and layout
    "not-a-report": (
        "Berkas ini bukan laporan harian Desk Pilkada: tidak ada lembar {sheets}. Lembar yang "
        "ada: {found}. Minta kabupaten/kota memakai templat (pilkada template).",
        "This file is not a Desk Pilkada daily report: it has none of the sheets {sheets}. "
        "Sheets present: {found}. Ask the regency to use the template (pilkada template).",
    ),
    "missing-sheet": (
        "Lembar '{sheet}' tidak ada. Lembar yang ada: {found}.",
        "Sheet '{sheet}' is missing. Sheets present: {found}.",
    ),
    "sheet-name": (
        "Nama lembar '{found}' dibaca sebagai '{sheet}'.",
        "Sheet name '{found}' was read as '{sheet}'.",
    ),
    "hidden-sheet": (
        "Lembar '{sheet}' disembunyikan (hidden), jadi isinya tidak terlihat oleh pengirim. "
        "Tampilkan lembar itu (Unhide), periksa isinya, lalu kirim ulang.",
        "Sheet '{sheet}' is hidden, so the sender cannot see what it holds. Unhide it, "
        "check its content, and send the file again.",
    ),
    "hidden-cells": (
        "'{label}': sel ini ada di baris atau kolom yang disembunyikan, jadi isinya tidak "
        "terlihat oleh pengirim. Tampilkan (Unhide), periksa isinya, lalu kirim ulang.",
        "'{label}': this cell is in a hidden row or column, so the sender cannot see it. "
        "Unhide it, check its content, and send the file again.",
    ),
    "missing-field": (
        "Isian '{label}' tidak ditemukan di lembar ini.",
        "Field '{label}' was not found on this sheet.",
    ),
    "duplicate-field": (
        "Isian '{label}' muncul lebih dari sekali di lembar ini (juga di {used}), jadi tidak "
        "jelas nilai mana yang benar. Hapus salah satunya lalu kirim ulang.",
        "Field '{label}' appears more than once on this sheet (also at {used}), so it is "
        "unclear which value is right. Delete one of them and send the file again.",
    ),
    "missing-header": (
        "Baris judul tabel tidak ditemukan (kolom yang dicari: {labels}).",
        "The table's header row was not found (columns looked for: {labels}).",
    ),
    "missing-column": (
        "Kolom '{label}' tidak ditemukan di baris judul tabel.",
        "Column '{label}' was not found in the table's header row.",
    ),
    "column-moved": (
        "Kolom '{label}' ada di posisi lain dari templat; dibaca menurut judulnya.",
        "Column '{label}' is not where the template puts it; it was read by its header.",
    ),
    "duplicate-column": (
        "Judul kolom '{label}' muncul lebih dari sekali (juga di kolom {used}), jadi tidak "
        "jelas angka mana yang benar. Hapus salah satu kolom itu lalu kirim ulang.",
        "Column header '{label}' appears more than once (also in column {used}), so it is "
        "unclear which figures are right. Delete one of the columns and send the file again.",
    ),
    "extra-column": (
        "Kolom tambahan '{label}' tidak dikenal dan diabaikan.",
        "Extra column '{label}' is not known and was ignored.",
    ),
    "missing-row": (
        "Baris '{label}' tidak ditemukan di tabel.",
        "Row '{label}' was not found in the table.",
    ),
    "duplicate-row": (
        "Baris '{label}' muncul lebih dari sekali (juga di baris {used}), jadi tidak jelas "
        "angka mana yang benar. Hapus salah satu baris itu lalu kirim ulang.",
        "Row '{label}' appears more than once (also in row {used}), so it is unclear which "
        "figures are right. Delete one of the rows and send the file again.",
    ),
    "unknown-row": (
        "Baris '{value}' tidak dikenal dan diabaikan.",
        "Row '{value}' is not known and was ignored.",
    ),
    "merged-cell": (
        "'{label}': sel ini tertutup sel gabungan (merge) {range}, jadi isinya tidak "
        "terbaca. Pisahkan sel itu (Unmerge) lalu isi kembali.",
        "'{label}': this cell lies under the merged cells {range}, so its content cannot be "
        "read. Unmerge the cells and fill them in again.",
    ),
    # values
    "required": (
        "'{label}' wajib diisi.",
        "'{label}' is required.",
    ),
    "type-error": (
        "'{label}': '{value}' bukan {expected}.",
        "'{label}': '{value}' is not {expected}.",
    ),
    "text-too-long": (
        "'{label}': teks terlalu panjang ({length} karakter; satu sel Excel memuat paling "
        "banyak {limit}). Persingkat isinya.",
        "'{label}': the text is too long ({length} characters; an Excel cell holds at most "
        "{limit}). Shorten it.",
    ),
    "formula-no-value": (
        "'{label}': sel berisi rumus tanpa hasil tersimpan. Buka dan simpan ulang berkas di "
        "Excel agar hasilnya ikut tersimpan.",
        "'{label}': the cell holds a formula with no saved result. Open and save the file "
        "in Excel again so that the result is saved.",
    ),
    "formula-error": (
        "'{label}': rumus menghasilkan galat {value}.",
        "'{label}': the formula gives the error {value}.",
    ),
    "out-of-range": (
        "'{label}': {value} di luar batas yang wajar ({bounds}).",
        "'{label}': {value} is outside the allowed range ({bounds}).",
    ),
    "invalid-choice": (
        "'{label}': '{value}' bukan pilihan yang sah. Pilihan: {choices}.",
        "'{label}': '{value}' is not a valid choice. Choices: {choices}.",
    ),
    "choice-spelling": (
        "'{label}': '{value}' dibaca sebagai '{read}'.",
        "'{label}': '{value}' was read as '{read}'.",
    ),
    "unknown-regency": (
        "'{label}': '{value}' bukan kabupaten/kota yang terdaftar. Yang terdaftar: {choices}.",
        "'{label}': '{value}' is not a listed regency/city. Listed: {choices}.",
    ),
    "ambiguous-regency": (
        "'{label}': '{value}' cocok dengan lebih dari satu kabupaten/kota ({choices}); "
        "tulis lengkap dengan 'Kabupaten' atau 'Kota'.",
        "'{label}': '{value}' matches more than one regency/city ({choices}); write it in "
        "full with 'Kabupaten' or 'Kota'.",
    ),
    "regency-spelling": (
        "'{label}': '{value}' dikenali sebagai {read}.",
        "'{label}': '{value}' was recognised as {read}.",
    ),
    "number-as-text": (
        "'{label}': angka diketik sebagai teks '{value}', dibaca {read}.",
        "'{label}': a number typed as text '{value}', read as {read}.",
    ),
    "percent-cell": (
        "'{label}': sel berformat persen berisi {value}, dibaca {read}.",
        "'{label}': a cell formatted as a percentage holds {value}, read as {read}.",
    ),
    "nil-as-zero": (
        "'{label}': '{value}' dibaca sebagai 0.",
        "'{label}': '{value}' was read as 0.",
    ),
    "date-as-text": (
        "'{label}': tanggal diketik sebagai teks '{value}', dibaca {read}.",
        "'{label}': a date typed as text '{value}', read as {read}.",
    ),
    "date-serial": (
        "'{label}': angka {value} dibaca sebagai tanggal Excel {read}. Format sel sebagai tanggal.",
        "'{label}': the number {value} was read as the Excel date {read}. Format the cell "
        "as a date.",
    ),
    "future-date": (
        "'{label}': tanggal {date} belum terjadi (hari ini {today}).",
        "'{label}': the date {date} is in the future (today is {today}).",
    ),
    "invalid-phone": (
        "'{label}': '{value}' bukan nomor telepon yang wajar (contoh: 0812 3456 7890).",
        "'{label}': '{value}' is not a plausible phone number (e.g. 0812 3456 7890).",
    ),
    "phone-as-number": (
        "'{label}': nomor telepon diketik sebagai angka {value}, sehingga nol di depannya "
        "hilang; dibaca {read}. Lain kali format sel sebagai Teks.",
        "'{label}': the phone number was typed as the number {value}, which loses its "
        "leading zero; read as {read}. Next time format the cell as Text.",
    ),
    "rule": (
        "{message}: {details}.",
        "{message}: {details}.",
    ),
    "never-decreases": (
        "'{label}' turun dari {previous} (laporan {previous_date}) menjadi {value}; angka "
        "kumulatif tidak boleh turun. Periksa kembali angka ini.",
        "'{label}' fell from {previous} (report of {previous_date}) to {value}; a cumulative "
        "count must not fall. Please check this figure.",
    ),
    "outlier": (
        "'{label}': {value} kemungkinan pencilan, jauh dari angka biasanya ({median}, nilai "
        "tengah {days} laporan terakhir). Periksa apakah ada salah ketik.",
        "'{label}': {value} is a possible outlier, far from the usual figure ({median}, the "
        "median of the last {days} reports). Check for a typing mistake.",
    ),
    "regency-unknown-file": (
        "Kabupaten/kota pelapor tidak dapat dikenali dari isi berkas.",
        "The reporting regency/city cannot be identified from the file's content.",
    ),
    "date-unknown-file": (
        "Tanggal laporan tidak dapat dikenali dari isi berkas.",
        "The report date cannot be identified from the file's content.",
    ),
}

EXPECTED: dict[str, tuple[str, str]] = {
    "integer": ("bilangan bulat", "a whole number"),
    "number": ("angka", "a number"),
    "percent": ("persentase (0-100)", "a percentage (0-100)"),
    "date": ("tanggal (mis. 18 November 2024)", "a date (e.g. 18 November 2024)"),
    "time": ("jam (mis. 14.30)", "a time (e.g. 14:30)"),
    "text": ("teks", "text"),
}


def message(code: str, lang: str, params: dict[str, object]) -> str:
    """The text of an issue; unknown placeholders are left visible rather than failing."""
    texts = MESSAGES.get(code)
    if texts is None:
        return code
    template = texts[0] if lang == "id" else texts[1]
    shown = {k: fmt_date(v, lang, weekday=False) if isinstance(v, dt.date) else v
             for k, v in params.items()}
    return template.format_map(_Lenient(shown))


class _Lenient(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def expected(type_name: str, lang: str) -> str:
    pair = EXPECTED.get(type_name, (type_name, type_name))
    return pair[0] if lang == "id" else pair[1]


# The briefing's own words (compile): key -> (Indonesian, English).
BRIEFING: dict[str, tuple[str, str]] = {
    "title": ("Laporan Harian Desk Pilkada Provinsi {province}",
              "Daily Report of the Election Desk, {province} Province"),
    "authority": ("Pemerintah Provinsi {province}", "Provincial Government of {province}"),
    "title_national": ("Laporan Harian Desk Pilkada: {province}",
                       "Daily Report of the Election Desks: {province}"),
    "full_list_in_annex": ("Daftar lengkap ({n}) ada di lampiran.",
                           "The full list ({n}) is in the annex."),
    "to": ("Kepada Yth. Pj Gubernur dan Sekretaris Daerah",
           "To the Acting Governor and the Provincial Secretary"),
    "countdown": ("{countdown} menuju hari pemungutan suara, {day}",
                  "{countdown} to voting day, {day}"),
    "footer": ("Disusun dari laporan kabupaten/kota {day} ({n} dari {m} masuk dalam rekap).",
               "Compiled from the regencies' reports of {day} ({n} of {m} in the totals)."),
    "page": ("Halaman", "Page"),
    "summary_title": ("Ringkasan eksekutif", "Executive summary"),
    "sections_title": ("Rincian per bagian", "Details by section"),
    "reporting": ("Pelaporan", "Reporting"),
    "reporting_line": ("{n} dari {m} kabupaten/kota masuk dalam rekap",
                       "{n} of {m} regencies/cities are in the totals"),
    "late_list": ("terlambat: {names}", "late: {names}"),
    "invalid_list": ("tidak sah (tidak dihitung): {names}",
                     "invalid (not counted): {names}"),
    "missing_list": ("belum melapor: {names}", "not reported: {names}"),
    "status_reported": ("melapor", "reported"),
    "status_late": ("terlambat", "late"),
    "status_invalid": ("tidak sah", "invalid"),
    "status_missing": ("belum melapor", "not reported"),
    "n_of_m": ("{n} dari {m}", "{n} of {m}"),
    "and_more": ("dan {n} lainnya", "and {n} more"),
    "regencies_n": ("{n} kabupaten/kota", "{n} regencies/cities"),
    "no_data": ("tidak ada data", "no data"),
    "worst_line": ("terburuk {worst}. {levels}", "worst {worst}. {levels}"),
    "worst": ("terburuk", "worst"),
    "since_yesterday": ("(kemarin {before}; {delta})", "(yesterday {before}; {delta})"),
    "weighted_by": ("tertimbang {weight}", "weighted by {weight}"),
    "lowest": ("terendah {name} {value}", "lowest {name} {value}"),
    "lowest_item": ("{column} terendah: {name} {value}", "lowest {column}: {name} {value}"),
    "covered": ("(dari {n} kabupaten/kota)", "(from {n} regencies/cities)"),
    "none_reported": ("nihil", "none reported"),
    "entries": ("{n} laporan dari {k} kabupaten/kota", "{n} entries from {k} regencies/cities"),
    "most_severe": ("tingkat tertinggi {level}: {names}", "most severe {level}: {names}"),
    "unchanged": ("tetap", "unchanged"),
    "points": ("poin", "pts"),
    "province_name": ("Provinsi {name}", "{name} Province"),
    "province_col": ("Provinsi", "Province"),
    "regency_col": ("Kabupaten/Kota", "Regency/City"),
    "province_table": ("Provinsi {province} ({count} kabupaten/kota)",
                       "{province} Province ({count} regencies/cities)"),
    "per_unit_table": ("{column} per {unit}", "{column} by {unit}"),
    "note_weighted": ("{label} provinsi adalah rata-rata tertimbang {weight}.",
                      "The province's {label} is a mean weighted by {weight}."),
    "note_ratio": ("{label} provinsi = jumlah {num} ÷ jumlah {den} dari kabupaten/kota yang "
                   "dihitung, bukan rata-rata persentase.",
                   "The province's {label} = total {num} ÷ total {den} over the regencies "
                   "counted, not a mean of percentages."),
    "worse": ("memburuk", "worse"),
    "better": ("membaik", "better"),
    "changes": ("Perubahan", "Changes"),
    "changes_title": ("Perubahan sejak {day}", "Changes since {day}"),
    "no_previous": ("Laporan {day} tidak ada di kotak masuk; perubahan harian tidak dihitung.",
                    "The reports of {day} are not in the inbox; no day-over-day changes."),
    "indicator": ("Indikator", "Indicator"),
    "yesterday": ("Kemarin", "Yesterday"),
    "today": ("Hari ini", "Today"),
    "change": ("Perubahan", "Change"),
    "province_changes": ("Provinsi {province}", "{province} Province"),
    "unit_changes": ("Per {unit}", "By {unit}"),
    "compared": ("Dibandingkan dengan laporan {day}, atas {n} kabupaten/kota yang laporannya "
                 "sah pada kedua hari.",
                 "Compared with the reports of {day}, over the {n} regencies/cities with a "
                 "valid report on both days."),
    "unchanged_n": ("{n} angka lain tidak berubah.", "{n} other figures are unchanged."),
    "ordered_by": ("Diurutkan menurut {column}, tertinggi lebih dulu.",
                   "Ordered by {column}, most severe first."),
    "annex_title": ("Lampiran: kelengkapan data", "Annex: data completeness"),
    "completeness_title": ("Status laporan kabupaten/kota", "Report status by regency/city"),
    "deadline_note": ("Batas waktu pengiriman pukul {deadline} {tz}; laporan sesudahnya "
                      "terlambat. Laporan yang tidak sah dan yang belum masuk tidak dihitung "
                      "dalam angka provinsi (tidak dianggap nol).",
                      "Reports are due by {deadline} {tz}; later ones are late. Invalid and "
                      "missing reports are left out of the province's figures (never counted "
                      "as zero)."),
    "status_col": ("Status", "Status"),
    "code_col": ("Kode", "Code"),
    "errors_col": ("Galat", "Errors"),
    "warnings_col": ("Peringatan", "Warnings"),
    "status_sheet": ("Status laporan", "Report status"),
    "file_col": ("Berkas", "File"),
    "received_col": ("Diterima", "Received"),
    "note_col": ("Keterangan", "Note"),
    "sheet_col": ("Lembar", "Sheet"),
    "cell_col": ("Sel", "Cell"),
    "last_known": ("laporan sah terakhir: {day}", "last valid report: {day}"),
    "never_reported": ("belum ada laporan sah di kotak masuk", "no valid report in the inbox"),
    "n_errors": ("{n} galat, lihat di bawah", "{n} errors, see below"),
    "n_warnings": ("{n} peringatan", "{n} warnings"),
    "errors_title": ("Galat pada laporan yang tidak sah", "Errors in invalid reports"),
    "superseded_title": ("Berkas yang tidak dipakai", "Files not used"),
    "superseded_newer": ("digantikan berkas yang lebih baru: {file}",
                         "replaced by a newer file: {file}"),
    "superseded_invalid": ("tidak sah, dipakai berkas sah {file}. Galat: {errors}",
                           "invalid; the valid file {file} is used. Errors: {errors}"),
    "unidentified_title": ("Berkas yang tidak dapat dikenali (kabupaten/kota atau tanggal)",
                           "Files that cannot be identified (regency/city or date)"),
    "other_dates": ("{n} berkas untuk tanggal lain diabaikan: {days}.",
                    "{n} files for other dates were ignored: {days}."),
    "contacts_title": ("Pelapor", "Reporters"),
    "regency_detail_title": ("Angka utama per kabupaten/kota",
                             "Headline figures by regency/city"),
    "chart_title": ("Angka utama per {unit} (%)", "Headline figures by {unit} (%)"),
    "trend_title": ("Tren kampanye", "Campaign trend"),
    "trend_caption": ("{scope} per hari, {first} – {last}", "{scope} by day, {first} – {last}"),
    "date_col": ("Tanggal", "Date"),
    "reporting_col": ("Kabupaten/kota melapor", "Regencies/cities reporting"),
    "trend_change": ("{label}: dari {first} ({first_day}) menjadi {last} ({last_day}); "
                     "{delta}.",
                     "{label}: from {first} ({first_day}) to {last} ({last_day}); {delta}."),
    "trend_method": ("Angka tiap hari dihitung dari kabupaten/kota yang laporannya sah pada "
                     "hari itu; yang belum melapor tidak dihitung sebagai nol.",
                     "Each day's figures are computed over the regencies/cities with a valid "
                     "report that day; those missing never count as zero."),
    "trend_partial": ("Belum semua kabupaten/kota melapor pada {days}.",
                      "Not every regency/city reported on {days}."),
    "trend_partial_marker": ("titik kosong: belum semua kabupaten/kota melapor",
                             "open marker: not every regency/city reported"),
    "trend_short": ("Tren kampanye ditampilkan bila laporan sedikitnya dua hari sudah "
                    "tersimpan; saat ini baru {n} hari.",
                    "The campaign trend is shown once reports of at least two days are "
                    "stored; days stored so far: {n}."),
}


def briefing_phrases(lang: str) -> dict[str, str]:
    """The briefing's words in one language, for the view and the templates."""
    index = 1 if lang == "en" else 0
    return {key: pair[index] for key, pair in BRIEFING.items()}
