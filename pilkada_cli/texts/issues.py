"""Issues found in a file: code -> (Indonesian, English); {placeholders} come from
Issue.params. Each is an error (the file goes back to its sender) unless it is one of the
WARNINGS (read, and said, and the file stays valid)."""

# Read as the sender meant, only written differently from the template: said, and the
# file stays valid. Whatever the sender cannot see (hidden sheets, rows, columns; cells
# under a merge), whatever leaves two candidates for one figure (a header, row or label
# twice), is an error: a guess there could change a figure silently. A phone number
# typed as a number has its leading zero restored: no figure depends on it, so it does
# not keep the report out of the totals.
WARNINGS = frozenset({
    "sheet-name", "column-moved", "extra-column", "unknown-row", "choice-spelling",
    "regency-spelling", "number-as-text", "nil-as-zero", "date-as-text", "date-serial",
    "phone-as-number", "percent-cell", "time-as-text", "blank-rows", "blank-columns",
    "not-xlsx",
})


TEXTS: dict[str, tuple[str, str]] = {
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
    "unreadable-here": (
        "Berkas tidak dapat dibaca di sini: {what}. Ini bukan kesalahan kabupaten/kota: periksa "
        "izin berkas di komputer ini (pemilik, chmod), lalu jalankan lagi.",
        "The file cannot be read here: {what}. This is not the regency's fault: check the "
        "file's permissions on this computer (owner, chmod), then run again.",
    ),
    "symlink-outside": (
        "Berkas ini tautan (symlink) ke luar folder kotak masuk ({target}); tidak dibuka. "
        "Salin berkasnya ke kotak masuk, atau izinkan tautan dengan inbox.follow_symlinks: true "
        "di pilkada.yaml.",
        "This file is a symlink leading out of the inbox folder ({target}); it was not opened. "
        "Copy the file into the inbox, or allow such links with inbox.follow_symlinks: true in "
        "pilkada.yaml.",
    ),
    "not-workbook": (
        "Bukan berkas Excel (.xlsx): {what}. Minta kabupaten/kota menyimpan laporan sebagai "
        "Excel Workbook (.xlsx).",
        "Not an Excel workbook (.xlsx): {what}. Ask the regency to save the report as an "
        "Excel Workbook (.xlsx).",
    ),
    "not-a-file": (
        "Bukan berkas laporan: {what} di komputer ini; tidak dibuka. Ini bukan kiriman "
        "kabupaten/kota: pindahkan atau hapus dari kotak masuk.",
        "Not a report file: {what} on this computer; it was not opened. This is not something "
        "a regency sent: move it out of the inbox or delete it.",
    ),
    "unsupported-format": (
        "Format {what} tidak dapat dibaca. Buka berkas di Excel atau LibreOffice lalu simpan "
        "sebagai Excel Workbook (.xlsx).",
        "The {what} format cannot be read. Open the file in Excel or LibreOffice and save it "
        "as an Excel Workbook (.xlsx).",
    ),
    "not-xlsx": (
        "Berkas ini {what}, bukan Excel Workbook (.xlsx); isinya tetap dibaca dan diperiksa. "
        "Minta kabupaten/kota memakai templat (.xlsx) untuk laporan berikutnya.",
        "This file is {what}, not an Excel Workbook (.xlsx); it was read and checked all the "
        "same. Ask the regency to use the template (.xlsx) for its next reports.",
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
    "duplicate-sheet": (
        "Lembar '{found}' dan '{used}' sama-sama dibaca sebagai '{sheet}' (beda spasi atau huruf "
        "besar/kecil saja), jadi tidak jelas mana yang berlaku. Hapus atau ganti nama salah "
        "satunya, lalu kirim ulang.",
        "Sheets '{found}' and '{used}' both pass for '{sheet}' (they differ only in spacing or "
        "case), so which one holds the report is unclear. Delete or rename one of them and "
        "send the file again.",
    ),
    "bad-shared-string": (
        "Sel ini merujuk teks bersama (shared string) dengan nomor '{value}' yang tidak ada; "
        "pembaca lain akan menampilkan teks lain di sini. Berkas dibuat bukan oleh Excel atau "
        "rusak: buka di Excel, ketik ulang isian ini, simpan, lalu kirim ulang.",
        "This cell refers to a shared string numbered '{value}', which does not exist; other "
        "readers would show some other text here. The file was not made by Excel or is "
        "damaged: open it in Excel, retype this entry, save and send it again.",
    ),
    "bad-number": (
        "'{label}': sel ini menyimpan angka '{value}' yang bukan tanggal, waktu atau angka yang "
        "sah (NaN, tak hingga, atau di luar rentang); Excel tidak menyimpannya seperti itu. "
        "Ketik ulang isian ini di Excel, simpan, lalu kirim ulang.",
        "'{label}': this cell stores the number '{value}', which is not a valid date, time or "
        "number (NaN, infinite, or out of range); Excel never saves it so. Retype this entry "
        "in Excel, save and send the file again.",
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
    "blank-rows": (
        "Lembar '{sheet}': {count} baris kosong di atas isian; isian dibaca menurut labelnya.",
        "Sheet '{sheet}': {count} blank row(s) above the fields; they were read by their labels.",
    ),
    "blank-columns": (
        "Lembar '{sheet}': {count} kolom kosong di sebelah kiri isian; isian dibaca menurut "
        "labelnya.",
        "Sheet '{sheet}': {count} blank column(s) left of the fields; they were read by their "
        "labels.",
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
    "time-as-text": (
        "'{label}': jam diketik sebagai teks '{value}', dibaca {read}. Format sel sebagai jam.",
        "'{label}': a time typed as text '{value}', read as {read}. Format the cell as a time.",
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
    "unchanged": (
        "'{label}' berubah dari {previous} (laporan {previous_date}) menjadi {value}; angka "
        "ini sudah ditetapkan dan tidak berubah dari hari ke hari. Periksa kembali angka ini.",
        "'{label}' changed from {previous} (report of {previous_date}) to {value}; this "
        "figure is fixed and does not change from day to day. Please check this figure.",
    ),
}
