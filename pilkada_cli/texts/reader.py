"""What the reader says of a file it refuses or cannot read: the `{what}` of its issues."""

TEXTS: dict[str, tuple[str, str]] = {
    'zip_compression_method': (
        'zip dengan metode kompresi {method}',
        'zip with compression method {method}'),
    'doctype': (
        "bagian '{part}' memuat deklarasi DOCTYPE/ENTITY",
        "part '{part}' declares a DOCTYPE or entities"),
    'xml_nested_more_than': (
        "XML bersarang lebih dari {depth} tingkat di '{part}'",
        "XML nested more than {depth} levels deep in '{part}'"),
    'sheet_element_out_place': (
        "lembar '{sheet}': elemen <{local}> di tempat yang salah",
        "sheet '{sheet}': a <{local}> element out of place"),
    'sheet_invalid_cell_reference': (
        "lembar '{sheet}': alamat sel '{ref}' tidak sah",
        "sheet '{sheet}': invalid cell reference '{ref}'"),
    'too_many_xml_elements': (
        'terlalu banyak elemen XML',
        'too many XML elements'),
    'part_not_well_formed': (
        "bagian '{part}' bukan XML yang utuh ({error}, baris {lineno})",
        "part '{part}' is not well-formed XML ({error}, line {lineno})"),
    'part_declares_unknown_encoding': (
        "bagian '{part}' memakai pengodean (encoding) yang tidak dikenal",
        "part '{part}' declares an unknown encoding"),
    'more_than_sheets': (
        'lebih dari {sheets} lembar',
        'more than {sheets} sheets'),
    'sheet_two_references': (
        'lembar dengan dua rujukan',
        'a sheet with two references'),
    'too_many_cell_formats': (
        'terlalu banyak format sel',
        'too many cell formats'),
    'more_than_merged_cells': (
        'lebih dari {cells} sel gabungan',
        'more than {cells} merged cells'),
    'text_file': (
        'berkas teks',
        'a text file'),
    'pdf_document': (
        'dokumen PDF',
        'a PDF document'),
    'image': (
        'gambar',
        'an image'),
    'html_page': (
        'halaman HTML',
        'an HTML page'),
    'excel_2003_xml': (
        'Excel 2003 XML',
        'Excel 2003 XML'),
    'xml_file': (
        'berkas XML',
        'an XML file'),
    'incomplete_zip_archive': (
        'arsip zip yang tidak lengkap',
        'an incomplete zip archive'),
    'csv_or_text_table': (
        'tabel CSV atau teks',
        'a CSV or text table'),
    'ole_container_unknown_kind': (
        'wadah OLE yang tidak dikenal',
        'an OLE container of unknown kind'),
    'binary_data_unknown_kind': (
        'data biner yang tidak dikenal',
        'binary data of unknown kind'),
    'part_missing': (
        "bagian '{name}' tidak ada di dalam berkas",
        "part '{name}' is missing"),
    'word_document': (
        'dokumen Word',
        'a Word document'),
    'powerpoint_presentation': (
        'presentasi PowerPoint',
        'a PowerPoint presentation'),
    'zip_archive_without_workbook': (
        'arsip zip tanpa buku kerja Excel di dalamnya',
        'a zip archive without a workbook in it'),
    'word_97_2003_document': (
        'dokumen Word 97-2003',
        'a Word 97-2003 document'),
    'powerpoint_97_2003_presentation': (
        'presentasi PowerPoint 97-2003',
        'a PowerPoint 97-2003 presentation'),
    'folder_or_special_file': (
        'folder atau berkas khusus',
        'a folder or special file'),
    'two_sheets_named': (
        "dua lembar bernama '{sheet}'",
        "two sheets named '{sheet}'"),
    'sheet_repeats_long_text': (
        "lembar '{sheet}' mengulang teks panjang di terlalu banyak sel",
        "sheet '{sheet}' repeats a long text in too many cells"),
    'not_enough_memory_read': (
        'memori tidak cukup untuk membacanya',
        'not enough memory to read it'),
    'reading_took_longer_than': (
        'pembacaan melebihi batas waktu {seconds:g} detik',
        'reading took longer than the limit of {seconds:g} s'),
    'reading_stopped_abnormally_memory': (
        'pembacaan terhenti tak wajar, batas memori {megabytes} MB',
        'reading stopped abnormally, memory limit {megabytes} MB'),
    'holds_parts': (
        'berisi {parts} bagian',
        'it holds {parts} parts'),
    'zip_container_truncated_or': (
        'wadah zip terpotong atau rusak',
        'zip container truncated or broken'),
    'zip_directory_lists_parts': (
        'daftar isi zip memuat {entries} bagian',
        'the zip directory lists {entries} parts'),
    'part_names_written_backslashes': (
        'nama bagian ditulis dengan garis miring terbalik',
        'part names written with backslashes'),
    'unsafe_part_name': (
        "nama bagian yang tidak sah '{name}'",
        "an unsafe part name '{name}'"),
    'two_parts_named': (
        "dua bagian bernama '{name}'",
        "two parts named '{name}'"),
    'inflates_mb': (
        'isinya mengembang menjadi {megabytes} MB',
        'it inflates to {megabytes} MB'),
    'zip_container_truncated': (
        'wadah zip terpotong',
        'zip container truncated'),
    'zip_container_broken': (
        'wadah zip rusak',
        'zip container broken'),
    'part_has_two_different': (
        "nama bagian '{part}' tidak konsisten",
        "part '{part}' has two different names"),
    'part_damaged_or_truncated': (
        "bagian '{name}' rusak atau terpotong",
        "part '{name}' is damaged or truncated"),
    'part_inflates_times': (
        "bagian '{part}' mengembang {ratio} kali",
        "part '{part}' inflates {ratio} times"),
    'zip_parts_overlap_one': (
        'bagian-bagian zip saling tumpang tindih',
        'zip parts overlap one another'),
    'part_damaged': (
        "bagian '{name}' rusak",
        "part '{name}' is damaged"),
    'opendocument_not_spreadsheet': (
        'dokumen OpenDocument yang bukan lembar kerja',
        'an OpenDocument file that is not a spreadsheet'),
    'ods_table_in_table': (
        "bagian '{part}': tabel di dalam tabel",
        "part '{part}': a table inside a table"),
    'ods_invalid_count': (
        "bagian '{part}': {attribute} '{value}' tidak sah",
        "part '{part}': invalid {attribute} '{value}'"),
    'ole_container_truncated_or_broken': (
        'wadah OLE terpotong atau rusak',
        'OLE container truncated or broken'),
    'ole_container_broken': (
        'wadah OLE rusak',
        'OLE container broken'),
    'biff_record_cut_off': (
        'rekaman BIFF terpotong',
        'a BIFF record is cut off'),
    'workbook_stream_without_bof': (
        'aliran Workbook tidak diawali rekaman BOF',
        'the Workbook stream does not begin with a BOF record'),
    'part_larger_than_size': (
        "bagian '{name}' lebih besar dari ukuran yang dinyatakannya",
        "part '{name}' is larger than the size it declares"),
    'system_file': (
        'berkas sistem (/proc, /sys), bukan laporan',
        'a system file (/proc, /sys), not a report'),
    'permission_denied': (
        'izin ditolak (permission denied) untuk pengguna yang menjalankan pilkada',
        'permission denied to the user running pilkada'),
    'replaced_while_opened': (
        'berkas berganti saat dibuka',
        'the file was replaced while it was opened'),
}
