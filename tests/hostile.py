"""Hostile and broken files for the hardening tests, built in the test's own folder.

Each builder starts from a committed sample report (or from nothing) and returns the
path of the file it made; `CATALOGUE` lists them with the error code `pilkada check`
must give. `run_check` runs the CLI in a subprocess under a 1 GB address-space limit
and a timeout, as the evening run would meet such a file.
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import resource
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DAY = REPO / "sample_reports" / "2024-11-18"
SAMPLE = DAY / "laporan-6401-2024-11-18.xlsx"
FORMATS = REPO / "tests" / "formats"  # .ods and .xls twins made by LibreOffice
ODS = FORMATS / "lap harian KUBAR 18-11-2024.ods"
XLS = FORMATS / "lap harian KUBAR 18-11-2024.xls"


def _sheet_parts(path: Path) -> dict[str, str]:
    """Sheet name -> its XML part in the sample, from workbook.xml and its relationships."""
    import xml.etree.ElementTree as ET

    with zipfile.ZipFile(path) as archive:
        book = ET.fromstring(archive.read("xl/workbook.xml"))
        rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): "xl/" + r.get("Target").lstrip("/").removeprefix("xl/") for r in rels}
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    return {s.get("name"): targets[s.get(rid)] for s in book.iter()
            if s.tag.endswith("}sheet")}


_PARTS = _sheet_parts(SAMPLE)
IDENTITAS = _PARTS["Identitas"]
SITUASI = _PARTS["Situasi"]
PEMILIH = _PARTS["Pemilih"]
LOGISTIK = _PARTS["Logistik"]
with zipfile.ZipFile(SAMPLE) as _archive:
    DPT_CELL = re.search(r'<c r="B3"[^>]*><v>212000</v></c>',
                         _archive.read(PEMILIH).decode())[0]
SECRET = "rahasia-lokal-7f3a9c"  # written to a local file that a hostile workbook points at
GB = 2**30


# -- running the CLI ----------------------------------------------------------------------------
@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def files(self) -> list[dict[str, Any]]:
        return json.loads(self.stdout)["files"]

    def errors(self, index: int = 0) -> list[dict[str, Any]]:
        return [i for i in self.files[index]["issues"] if i["severity"] == "error"]


def run_check(*paths: Path | str, cwd: Path | None = None, memory: int = GB,
              timeout: float = 20, lang: str = "id") -> Run:
    """`pilkada check --format json PATHS` in a subprocess limited to `memory` bytes."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    env = {**os.environ, "PYTHONPATH": str(REPO)}
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "pilkada_cli", "check", "--format", "json", "--lang", lang,
         *map(str, paths)],
        capture_output=True, text=True, timeout=timeout, cwd=cwd or REPO, env=env,
        preexec_fn=limit)
    return Run(done.returncode, done.stdout, done.stderr, time.monotonic() - start)


# -- zip and XML helpers ------------------------------------------------------------------------
def members(path: Path = SAMPLE) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write_zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def edited(path: Path, member: str, old: str, new: str) -> Path:
    """The sample with one text replaced in one part."""
    parts = members()
    text = parts[member].decode()
    assert old in text, old
    parts[member] = text.replace(old, new, 1).encode()
    return write_zip(path, parts)


def add_rows(path: Path, member: str, rows: str) -> Path:
    return edited(path, member, "</sheetData>", rows + "</sheetData>")


def patch_entry(data: bytes, name: str, **fields: int) -> bytes:
    """Rewrite a member's header fields (method, crc, compressed, size, offset) in both
    its local header and its central directory entry: what a forged zip does."""
    out = bytearray(data)
    encoded = name.encode()
    local_at = {"method": 8, "crc": 14, "compressed": 18, "size": 22}
    central_at = {"method": 10, "crc": 16, "compressed": 20, "size": 24, "offset": 42}
    for match in re.finditer(re.escape(b"PK\x01\x02"), data):
        start = match.start()
        length = struct.unpack_from("<H", data, start + 28)[0]
        if data[start + 46:start + 46 + length] != encoded:
            continue
        local = struct.unpack_from("<I", data, start + 42)[0]
        for key, value in fields.items():
            fmt = "<H" if key == "method" else "<I"
            struct.pack_into(fmt, out, start + central_at[key], value)
            if key in local_at:
                struct.pack_into(fmt, out, local + local_at[key], value)
    return bytes(out)


def deflated(chunks: int, chunk: bytes) -> tuple[bytes, int]:
    """A raw deflate stream of `chunks` copies of `chunk`, built by repeating one fully
    flushed segment (cheap even for gigabytes), and the CRC of what it inflates to."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    compressor.compress(chunk)
    compressor.flush(zlib.Z_FULL_FLUSH)
    segment = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    stream = segment * chunks + compressor.flush()
    crc = 0
    for _ in range(chunks):
        crc = zlib.crc32(chunk, crc)
    return stream, crc


def with_raw_member(path: Path, name: str, stream: bytes, crc: int, size: int) -> Path:
    """The sample plus one member whose deflate stream and headers are given as is."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in members().items():
            archive.writestr(part, data)
        archive.writestr(zipfile.ZipInfo(name), stream, compress_type=zipfile.ZIP_STORED)
    data = patch_entry(buffer.getvalue(), name, method=8, crc=crc, size=size)
    path.write_bytes(data)
    return path


def edited_ods(path: Path, *changes: tuple[str, str], source: Path = ODS) -> Path:
    """The .ods twin with texts of content.xml replaced (regular expressions, each must
    match), written back as LibreOffice writes it: mimetype first and stored."""
    parts = members(source)
    text = parts["content.xml"].decode()
    for old, new in changes:
        text, count = re.subn(old, new, text, count=1, flags=re.S)
        assert count == 1, old
    parts["content.xml"] = text.encode()
    return write_ods(path, parts)


def write_ods(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", parts.pop("mimetype", b""), zipfile.ZIP_STORED)
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def patched_xls(path: Path, old: bytes, new: bytes, source: Path = XLS) -> Path:
    """The .xls twin with every occurrence of a byte pattern replaced (same length): the
    Workbook stream of a file LibreOffice wrote lies in order, so a record is found
    where it is in the file."""
    data = source.read_bytes()
    assert len(old) == len(new) and old in data
    path.write_bytes(data.replace(old, new))
    return path


def _brt(kind: int, body: bytes = b"") -> bytes:
    """One BIFF12 (.xlsb) record: type and size as 7-bit varints, then the body."""
    def varint(n: int) -> bytes:
        out = b""
        while n >= 0x80:
            out += bytes([n & 0x7F | 0x80])
            n >>= 7
        return out + bytes([n])
    return varint(kind) + varint(len(body)) + body


def xlsb_file(path: Path, cells: list[tuple[int, int, float]],
              declared: tuple[int, int, int, int] = (0, 0, 0, 0)) -> Path:
    """A minimal Excel Binary workbook: one sheet 'Pemilih' with numbers at (row, col),
    declaring (first row, last row, first col, last col) in its BrtWsDim."""
    def wide(text: str) -> bytes:
        return struct.pack("<I", len(text)) + text.encode("utf-16-le")

    book = (_brt(0x83) + _brt(0x8F) + _brt(0x9C, struct.pack("<II", 0, 1) + wide("rId1")
                                           + wide("Pemilih")) + _brt(0x90) + _brt(0x84))
    sheet = _brt(0x81) + _brt(0x94, struct.pack("<IIII", *declared)) + _brt(0x91)
    for row, col, value in cells:
        sheet += _brt(0x00, struct.pack("<IIHHBB", row, 0, 300, 0, 0, 0))
        sheet += _brt(0x05, struct.pack("<IId", col, 0, value))
    sheet += _brt(0x92) + _brt(0x82)
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/{kind}" Target="{target}"/></Relationships>')
    return write_zip(path, {
        "[Content_Types].xml": b'<Types xmlns="http://schemas.openxmlformats.org/package/'
                               b'2006/content-types"/>',
        "_rels/.rels": rels.format(kind="officeDocument", target="xl/workbook.bin").encode(),
        "xl/workbook.bin": book,
        "xl/_rels/workbook.bin.rels": rels.format(kind="worksheet",
                                                  target="worksheets/sheet1.bin").encode(),
        "xl/worksheets/sheet1.bin": sheet})


def ole_file(streams: list[str]) -> bytes:
    """A minimal OLE2 compound file (what .xls and encrypted .xlsx are) with empty streams."""
    end, free, fat_sector = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, 1, 1, 0, 4096, end, 0, end, 0)
    header[76:512] = struct.pack("<I", 0) + b"\xff" * 432
    fat = struct.pack("<128I", fat_sector, end, *([free] * 126))
    entries = [("Root Entry", 5)] + [(name, 2) for name in streams]
    directory = b""
    for index, (name, kind) in enumerate(entries):
        encoded = (name + "\0").encode("utf-16-le")
        sibling = index + 1 if 0 < index < len(entries) - 1 else free
        child = 1 if index == 0 and len(entries) > 1 else free
        directory += (encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
                      + struct.pack("<III", free, sibling, child) + bytes(36)
                      + struct.pack("<IQ", end, 0))
    directory = directory.ljust(512 * ((len(directory) + 511) // 512), b"\0")
    return bytes(header) + fat + directory


def workbook_xml(sheets: list[tuple[str, str]]) -> bytes:
    body = "".join(
        f'<sheet name="{name}" sheetId="{i + 1}" r:id="{rid}"/>' for i, (name, rid) in
        enumerate(sheets))
    return ('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f"<sheets>{body}</sheets></workbook>").encode()


# -- the catalogue ------------------------------------------------------------------------------
def far_cell(tmp: Path) -> Path:
    return add_rows(tmp / "sel-jauh.xlsx", PEMILIH,
                    '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')


def far_cell_single_quotes(tmp: Path) -> Path:
    return add_rows(tmp / "sel-jauh-kutip.xlsx", PEMILIH,
                    "<row r = '8'><c t='n' r = 'XFD1048576' ><v>1</v></c></row>")


def rows_without_numbers(tmp: Path) -> Path:
    return add_rows(tmp / "baris-tanpa-nomor.xlsx", PEMILIH, "<row><c><v>1</v></c></row>" * 6000)


def lowercase_reference(tmp: Path) -> Path:
    return add_rows(tmp / "alamat-huruf-kecil.xlsx", PEMILIH,
                    '<row r="9"><c r="xfd1048576"><v>1</v></c></row>')


def unlisted_sheet(tmp: Path) -> Path:
    parts = members()
    parts["xl/worksheets/sheet99.xml"] = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
        b"</worksheet>")
    return write_zip(tmp / "lembar-tak-terdaftar.xlsx", parts)


def zip_bomb(tmp: Path) -> Path:
    stream, crc = deflated(128, bytes(16 * 2**20))  # 2 GB of zeros in about 2 MB
    return with_raw_member(tmp / "bom-zip.xlsx", "xl/media/image1.png", stream, crc,
                           128 * 16 * 2**20)


def lying_sizes(tmp: Path) -> Path:
    """Shared strings that inflate to 1 GB while the headers say 17 bytes."""
    chunk = b"<si><t>x</t></si>" * (2**20 // 17)
    stream, _ = deflated(1024, chunk)
    return with_raw_member(tmp / "ukuran-palsu.xlsx", "xl/sharedStrings.xml", stream,
                           zlib.crc32(chunk[:17]), 17)


def too_many_members(tmp: Path) -> Path:
    parts = members()
    parts.update({f"customXml/item{i}.xml": b"<a/>" for i in range(1500)})
    return write_zip(tmp / "terlalu-banyak-bagian.xlsx", parts)


def external_entity(tmp: Path) -> Path:
    """The DPT cell points at a local file through an external entity (XXE)."""
    secret = tmp / "secret.txt"
    secret.write_text(SECRET)
    parts = members()
    text = parts[PEMILIH].decode().replace(
        "<worksheet", f'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file://{secret}">]><worksheet',
        1)
    parts[PEMILIH] = text.replace(
        DPT_CELL, '<c r="B3" t="inlineStr"><is><t>&xxe;</t></is></c>').encode()
    return write_zip(tmp / "xxe.xlsx", parts)


def entity_expansion(tmp: Path) -> Path:
    """A billion laughs, declared after a comment longer than a naive 4 KB look-ahead."""
    entities = '<!ENTITY l0 "ha">' + "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    parts = members()
    text = parts[IDENTITAS].decode().replace(
        "<worksheet", "<!--" + "x" * 5000 + f"--><!DOCTYPE worksheet [{entities}]><worksheet", 1)
    parts[IDENTITAS] = text.replace("Andi Pratama", "&l9;").encode()
    return write_zip(tmp / "tawa-miliaran.xlsx", parts)


def entity_in_unread_part(tmp: Path) -> Path:
    parts = members()
    parts["docProps/custom.xml"] = (b'<!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                                    b"<Properties>&x;</Properties>")
    return write_zip(tmp / "entitas-docprops.xlsx", parts)


def encrypted(tmp: Path) -> Path:
    path = tmp / "terkunci.xlsx"
    path.write_bytes(ole_file(["EncryptionInfo", "EncryptedPackage"]))
    return path


def empty_xls_named_xlsx(tmp: Path) -> Path:
    path = tmp / "laporan-lama.xlsx"
    path.write_bytes(ole_file(["Workbook", "\x05SummaryInformation"]))
    return path


def empty_ods_named_xlsx(tmp: Path) -> Path:
    path = tmp / "dari-libreoffice.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
        archive.writestr("META-INF/manifest.xml", "<manifest/>")
    return path


def broken_xlsb_named_xlsx(tmp: Path) -> Path:
    return write_zip(tmp / "biner.xlsx", {"[Content_Types].xml": b"<Types/>",
                                          "xl/workbook.bin": b"\x83\x01\x00",
                                          "xl/worksheets/sheet1.bin": b"\x81\x01\x00"})


# -- .ods, .xls and .xlsb -----------------------------------------------------------------------
# Where the Pemilih table's body starts in the .ods twin (\1 keeps what comes before).
PEMILIH_ROWS = r'(<table:table table:name="Pemilih".*?</table:table-header-rows>)'


def ods_zip_bomb(tmp: Path) -> Path:
    """content.xml inflating to 512 MB of one repeated row."""
    row = b'<table:table-row><table:table-cell office:value="1"/></table:table-row>' * 1000
    stream, crc = deflated(2**29 // len(row), row)
    parts = members(ODS)
    del parts["content.xml"]
    buffer = io.BytesIO()
    write_ods(buffer, parts)  # type: ignore[arg-type]
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr(zipfile.ZipInfo("content.xml"), stream, compress_type=zipfile.ZIP_STORED)
    data = patch_entry(buffer.getvalue(), "content.xml", method=8, crc=crc,
                       size=(2**29 // len(row)) * len(row))
    path = tmp / "bom-zip.ods"
    path.write_bytes(data)
    return path


def ods_entity_expansion(tmp: Path) -> Path:
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    return edited_ods(tmp / "tawa-miliar.ods",
                      (r"^<\?xml[^>]*\?>", '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY l0 "ha">'
                       + laughs + "]>"),
                      ("<text:p>Kab.\u00a0Kutai Barat<", "<text:p>&l9;<"))


def ods_million_rows(tmp: Path) -> Path:
    """A row with a value repeated a million times: calamine would copy it into each."""
    return edited_ods(tmp / "sejuta-baris.ods", (PEMILIH_ROWS, (
        r'\1<table:table-row table:number-rows-repeated="1000000"><table:table-cell '
        'office:value-type="float" office:value="1"/></table:table-row>')))


def ods_repeated_cell(tmp: Path) -> Path:
    return edited_ods(tmp / "sel-berulang.ods", (PEMILIH_ROWS, (
        r'\1<table:table-row><table:table-cell table:number-columns-repeated="99999999" '
        'office:value-type="float" office:value="1"/></table:table-row>')))


def ods_spaces(tmp: Path) -> Path:
    """Cells of a hundred million spaces each, written in a few bytes (<text:s text:c>)."""
    cell = ('<table:table-cell office:value-type="string"><text:p><text:s text:c="99999999"/>'
            "</text:p></table:table-cell>")
    return edited_ods(tmp / "spasi.ods", (PEMILIH_ROWS,
                                         rf"\1<table:table-row>{cell * 12}</table:table-row>"))


def ods_encrypted(tmp: Path) -> Path:
    parts = members(ODS)
    parts["META-INF/manifest.xml"] = parts["META-INF/manifest.xml"].replace(
        b'manifest:full-path="content.xml" manifest:media-type="text/xml"/>',
        b'manifest:full-path="content.xml" manifest:media-type="text/xml">'
        b'<manifest:encryption-data manifest:checksum="x"/></manifest:file-entry>')
    assert b"encryption-data" in parts["META-INF/manifest.xml"]
    return write_ods(tmp / "terkunci.ods", parts)


def xls_million_rows(tmp: Path) -> Path:
    """DIMENSIONS records declaring a million rows: calamine reserves room for them all."""
    data = XLS.read_bytes()
    out = bytearray(data)
    for match in re.finditer(re.escape(b"\x00\x02\x0e\x00"), data):
        struct.pack_into("<I", out, match.end() + 4, 1_000_000)
    path = tmp / "sejuta-baris.xls"
    path.write_bytes(bytes(out))
    return path


def xls_password(tmp: Path) -> Path:
    """The record after the workbook's BOF turned into FILEPASS (an encrypted .xls)."""
    data = XLS.read_bytes()
    bof = data.index(b"\x09\x08\x10\x00\x00\x06\x05\x00")
    out = bytearray(data)
    struct.pack_into("<H", out, bof + 20, 0x002F)
    path = tmp / "terkunci.xls"
    path.write_bytes(bytes(out))
    return path


def xls_truncated(tmp: Path) -> Path:
    path = tmp / "terpotong.xls"
    path.write_bytes(XLS.read_bytes()[:7000])
    return path


def xls_random(tmp: Path) -> Path:
    path = tmp / "acak.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + random.Random(18).randbytes(40_000))
    return path


def xlsb_declared_rows(tmp: Path) -> Path:
    return xlsb_file(tmp / "sejuta-baris.xlsb", [(0, 0, 1.0)], (0, 999_999, 0, 16_383))


def xlsb_far_cell(tmp: Path) -> Path:
    """A cell a million rows down while the sheet declares one cell."""
    return xlsb_file(tmp / "sel-jauh.xlsb", [(0, 0, 1.0), (999_999, 0, 1.0)])


def xlsb_zip_bomb(tmp: Path) -> Path:
    path = xlsb_file(tmp / "unused.xlsb", [(2, 1, 212000.0)])
    parts = members(path)
    path.unlink()
    stream, crc = deflated(2**9, b"\x00" * 2**20)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
        archive.writestr(zipfile.ZipInfo("xl/sharedStrings.bin"), stream,
                         compress_type=zipfile.ZIP_STORED)
    target = tmp / "bom-zip.xlsb"
    target.write_bytes(patch_entry(buffer.getvalue(), "xl/sharedStrings.bin", method=8,
                                   crc=crc, size=2**29))
    return target


def pptx_named_xlsx(tmp: Path) -> Path:
    return write_zip(tmp / "presentasi.xlsx", {"[Content_Types].xml": b"<Types/>",
                                               "ppt/presentation.xml": b"<p:presentation/>"})


def docx_named_xlsx(tmp: Path) -> Path:
    return write_zip(tmp / "dokumen.xlsx", {"[Content_Types].xml": b"<Types/>",
                                            "word/document.xml": b"<w:document/>"})


def csv_named_xlsx(tmp: Path) -> Path:
    path = tmp / "tabel.xlsx"
    path.write_text("kabupaten;tanggal;dpt\nKabupaten Paser;18/11/2024;212000\n")
    return path


def html_named_xlsx(tmp: Path) -> Path:
    path = tmp / "halaman.xlsx"
    path.write_text("<html><body><table><tr><td>DPT</td><td>212000</td></tr></table></body>"
                    "</html>")
    return path


def empty(tmp: Path) -> Path:
    path = tmp / "kosong.xlsx"
    path.write_bytes(b"")
    return path


def truncated(tmp: Path) -> Path:
    path = tmp / "terpotong.xlsx"
    data = SAMPLE.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _openpyxl_edit(tmp: Path, name: str, edit: Callable[[Any], None]) -> Path:
    import openpyxl

    book = openpyxl.load_workbook(SAMPLE)
    edit(book)
    path = tmp / name
    book.save(path)
    return path


def formula_without_value(tmp: Path) -> Path:
    def edit(book: Any) -> None:
        book["Pemilih"]["B3"] = "=SUM(B4:B5)"  # openpyxl saves no result: Excel never ran it

    return _openpyxl_edit(tmp, "rumus-tanpa-hasil.xlsx", edit)


def error_value(tmp: Path) -> Path:
    return edited(tmp / "galat-rumus.xlsx", PEMILIH, DPT_CELL,
                  '<c r="B3" t="e"><f>B4/0</f><v>#DIV/0!</v></c>')


def hidden_sheet(tmp: Path) -> Path:
    def edit(book: Any) -> None:
        book["Logistik"].sheet_state = "hidden"

    return _openpyxl_edit(tmp, "lembar-tersembunyi.xlsx", edit)


def hidden_row(tmp: Path) -> Path:
    def edit(book: Any) -> None:
        book["Logistik"].row_dimensions[9].hidden = True

    return _openpyxl_edit(tmp, "baris-tersembunyi.xlsx", edit)


def merged_inputs(tmp: Path) -> Path:
    def edit(book: Any) -> None:
        book["Logistik"].merge_cells("C7:D7")

    return _openpyxl_edit(tmp, "sel-digabung.xlsx", edit)


def duplicate_header(tmp: Path) -> Path:
    def edit(book: Any) -> None:
        sheet = book["Logistik"]
        sheet["E6"] = "Diterima"
        for row in range(7, 14):
            sheet.cell(row=row, column=5, value=1)

    return _openpyxl_edit(tmp, "judul-ganda.xlsx", edit)


def duplicate_label(tmp: Path) -> Path:
    def edit(book: Any) -> None:
        sheet = book["Pemilih"]
        sheet["A9"] = "DPT (daftar pemilih tetap)"
        sheet["B9"] = 999999

    return _openpyxl_edit(tmp, "isian-ganda.xlsx", edit)


def parent_path_member(tmp: Path) -> Path:
    parts = members()
    parts["../../x.xlsx"] = b"<a/>"
    return write_zip(tmp / "nama-bagian-naik.xlsx", parts)


def absolute_member(tmp: Path) -> Path:
    parts = members()
    parts["/etc/passwd"] = b"root:x:0:0"
    return write_zip(tmp / "nama-bagian-mutlak.xlsx", parts)


def case_twin_members(tmp: Path) -> Path:
    parts = members()
    hostile = add_rows(tmp / "unused.xlsx", PEMILIH,
                       '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    twin = members(hostile)[PEMILIH]
    hostile.unlink()
    parts = {"XL/WORKSHEETS/SHEET6.XML": twin, **parts}
    return write_zip(tmp / "kembar-huruf.xlsx", parts)


def overlapping_entries(tmp: Path) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in members().items():
            archive.writestr(part, data)
        archive.writestr("xl/media/a.bin", b"a" * 1000)
        archive.writestr("xl/media/b.bin", b"b" * 1000)
    data = buffer.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        offset = archive.getinfo("xl/media/a.bin").header_offset
    path = tmp / "tumpang-tindih.xlsx"
    path.write_bytes(patch_entry(data, "xl/media/b.bin", offset=offset))
    return path


def shared_string_repeated(tmp: Path) -> Path:
    """One 30 KB shared string used by 40,000 cells: 1.2 GB once copied into each."""
    parts = members()
    parts["xl/sharedStrings.xml"] = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + b"<si><t>" + b"x" * 30000 + b"</t></si></sst>")
    rows = "".join(f'<row r="{r}">' + "".join(
        f'<c r="{col}{r}" t="s"><v>0</v></c>' for col in "CDEFGHIJ") + "</row>"
        for r in range(10, 5000))
    parts[PEMILIH] = parts[PEMILIH].replace(b"</sheetData>", rows.encode() + b"</sheetData>")
    return write_zip(tmp / "teks-berulang.xlsx", parts)


def deep_nesting(tmp: Path) -> Path:
    return edited(tmp / "xml-bersarang.xlsx", PEMILIH, DPT_CELL,
                  '<c r="B3" t="inlineStr"><is>' + "<x>" * 100000 + "1" + "</x>" * 100000
                  + "</is></c>")


def unknown_encoding(tmp: Path) -> Path:
    parts = members()
    parts[PEMILIH] = b'<?xml version="1.0" encoding="tak-dikenal"?>' + parts[PEMILIH]
    return write_zip(tmp / "pengodean-asing.xlsx", parts)


def huge_text(tmp: Path) -> Path:
    """A 10 MB narrative on one line: beyond what an Excel cell holds (openpyxl would cut
    it to 32,767 characters, so the XML is written directly)."""
    from pilkada_cli.config import load_config
    from pilkada_cli.senders.samples import LAST_DAY, report_values

    paser = load_config(None).regencies[0]
    narrative = report_values(paser, LAST_DAY, 0)[0]["situasi.narasi"]
    words = ["aman", "kondusif", "waspada", "patroli", "koordinasi", "polres", "kecamatan"]
    chooser = random.Random(7)
    text = " ".join(chooser.choice(words) + str(chooser.randrange(1000)) for _ in range(10**6))
    return edited(tmp / "teks-raksasa.xlsx", SITUASI, narrative, text)


def missing_part(tmp: Path) -> Path:
    parts = members()
    del parts[LOGISTIK]
    return write_zip(tmp / "bagian-hilang.xlsx", parts)


def duplicate_sheet_names(tmp: Path) -> Path:
    return edited(tmp / "nama-lembar-ganda.xlsx", "xl/workbook.xml", 'name="Kampanye"',
                  'name="Logistik"')


def symlink_to_local_file(tmp: Path) -> Path:
    path = tmp / "tautan.xlsx"
    secret = tmp / "secret.txt"
    secret.write_text(SECRET)
    path.symlink_to(secret)
    return path


def symlink_to_fifo(tmp: Path) -> Path:
    fifo = tmp / "pipa"
    os.mkfifo(fifo)
    path = tmp / "tautan-pipa.xlsx"
    path.symlink_to(fifo)
    return path


# builder, expected error code, and a text the message must contain (Indonesian)
CATALOGUE: dict[str, tuple[Callable[[Path], Path], str, str]] = {
    "far-cell": (far_cell, "sheet-too-large", "XFD1048576"),
    "far-cell-single-quotes": (far_cell_single_quotes, "sheet-too-large", "XFD1048576"),
    "rows-without-numbers": (rows_without_numbers, "sheet-too-large", "melebihi batas"),
    "lowercase-reference": (lowercase_reference, "corrupt-file", "alamat sel"),
    "unlisted-sheet": (unlisted_sheet, "sheet-too-large", "XFD1048576"),
    "zip-bomb": (zip_bomb, "zip-bomb", "mengembang"),
    "lying-sizes": (lying_sizes, "corrupt-file", "lebih besar dari ukuran"),
    "too-many-members": (too_many_members, "zip-bomb", "bagian"),
    "external-entity": (external_entity, "unsafe-file", "DOCTYPE"),
    "entity-expansion": (entity_expansion, "unsafe-file", "DOCTYPE"),
    "entity-in-unread-part": (entity_in_unread_part, "unsafe-file", "DOCTYPE"),
    "encrypted": (encrypted, "password-protected", "kata sandi"),
    "xls-empty": (empty_xls_named_xlsx, "corrupt-file", "BIFF"),
    "ods-empty": (empty_ods_named_xlsx, "not-a-report", "bukan laporan harian"),
    "xlsb-broken": (broken_xlsb_named_xlsx, "corrupt-file", "rusak"),
    "ods-zip-bomb": (ods_zip_bomb, "zip-bomb", "mengembang"),
    "ods-entity-expansion": (ods_entity_expansion, "unsafe-file", "DOCTYPE"),
    "ods-million-rows": (ods_million_rows, "sheet-too-large", "melebihi batas"),
    "ods-repeated-cell": (ods_repeated_cell, "sheet-too-large", "melebihi batas"),
    "ods-spaces": (ods_spaces, "too-complex", "teks panjang"),
    "ods-encrypted": (ods_encrypted, "password-protected", "kata sandi"),
    "xls-million-rows": (xls_million_rows, "sheet-too-large", "1000000"),
    "xls-password": (xls_password, "password-protected", "kata sandi"),
    "xls-truncated": (xls_truncated, "corrupt-file", "OLE"),
    "xls-random": (xls_random, "corrupt-file", "OLE"),
    "xlsb-declared-rows": (xlsb_declared_rows, "sheet-too-large", "XFD1000000"),
    "xlsb-far-cell": (xlsb_far_cell, "sheet-too-large", "A1000000"),
    "xlsb-zip-bomb": (xlsb_zip_bomb, "zip-bomb", "mengembang"),
    "pptx": (pptx_named_xlsx, "not-workbook", "PowerPoint"),
    "docx": (docx_named_xlsx, "not-workbook", "Word"),
    "csv": (csv_named_xlsx, "not-workbook", "CSV"),
    "html": (html_named_xlsx, "not-workbook", "HTML"),
    "empty": (empty, "file-empty", "kosong"),
    "truncated": (truncated, "corrupt-file", "rusak"),
    "formula-without-value": (formula_without_value, "formula-no-value", "simpan ulang"),
    "error-value": (error_value, "formula-error", "#DIV/0!"),
    "hidden-sheet": (hidden_sheet, "hidden-sheet", "Unhide"),
    "hidden-row": (hidden_row, "hidden-cells", "Unhide"),
    "merged-inputs": (merged_inputs, "merged-cell", "C7:D7"),
    "duplicate-header": (duplicate_header, "duplicate-column", "Diterima"),
    "duplicate-label": (duplicate_label, "duplicate-field", "DPT"),
    "parent-path-member": (parent_path_member, "unsafe-file", "../../x.xlsx"),
    "absolute-member": (absolute_member, "unsafe-file", "/etc/passwd"),
    "case-twin-members": (case_twin_members, "unsafe-file", "dua bagian"),
    "overlapping-entries": (overlapping_entries, "zip-bomb", "tumpang tindih"),
    "shared-string-repeated": (shared_string_repeated, "too-complex", "teks panjang"),
    "deep-nesting": (deep_nesting, "too-complex", "bersarang"),
    "unknown-encoding": (unknown_encoding, "corrupt-file", "pengodean"),
    "huge-text": (huge_text, "text-too-long", "terlalu panjang"),
    "missing-part": (missing_part, "corrupt-file", "tidak ada"),
    "duplicate-sheet-names": (duplicate_sheet_names, "corrupt-file", "dua lembar"),
    "symlink-to-local-file": (symlink_to_local_file, "not-workbook", "teks"),
    "symlink-to-fifo": (symlink_to_fifo, "not-a-file", "berkas khusus"),
}
