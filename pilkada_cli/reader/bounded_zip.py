"""Inflate a zip container without trusting what it says about itself.

Every number in a zip's directory is a claim. A member can inflate to far more than it
declares (python-calamine streams members and would fill memory long before it
noticed), entries can share bytes (the overlapping-member bomb), and names can differ
only in case (python-calamine looks parts up ignoring ASCII case, Python exactly), so
two readers could read two different parts under one name. Here every member is
inflated under hard caps and the archive is refused unless every claim holds; parts are
then looked up the way calamine looks them up.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator

from pilkada_cli.checking.schema import Labels
from pilkada_cli.config import Limits
from pilkada_cli.errors import UnreadableWorkbook

_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_END_OF_DIRECTORY = struct.Struct("<4sHHHHIIH")
_CHUNK = 1 << 16
# A genuine part name: no drive letters, control characters, absolute or parent paths,
# and no "&", which would let an escaped name in the XML mean one part to one reader
# and another part to the other.
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f:&]|^/|(^|/)\.\.?(/|$)")
_BIG_MEMBER = 1 << 20


def _refuse(code: str, id_text: str, en_text: str) -> UnreadableWorkbook:
    return UnreadableWorkbook(code, what=Labels(id_text, en_text))


class SafeZip:
    """A zip archive whose directory has been checked; members are read through caps."""

    def __init__(self, data: bytes, limits: Limits) -> None:
        self._data = data
        self._limits = limits
        self._check_directory_end()
        try:
            infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
        except Exception as exc:  # BadZipFile, EOFError, ValueError, UnicodeDecodeError...
            raise _refuse("corrupt-file", "wadah zip terpotong atau rusak",
                          "zip container truncated or broken") from exc
        if len(infos) > limits.max_members:
            raise _refuse("zip-bomb", f"berisi {len(infos)} bagian",
                          f"it holds {len(infos)} parts")
        self._by_key: dict[bytes, zipfile.ZipInfo] = {}
        for info in infos:
            self._check_member(info)
        self._check_sizes(infos)
        self._check_layout(infos)

    # -- the directory ----------------------------------------------------------------------
    def _check_directory_end(self) -> None:
        """Refuse a directory too large for the member limit before Python parses it."""
        data = self._data
        at = data.rfind(b"PK\x05\x06", max(0, len(data) - _END_OF_DIRECTORY.size - 65535))
        if at < 0 or len(data) < at + _END_OF_DIRECTORY.size:
            raise _refuse("corrupt-file", "wadah zip terpotong atau rusak",
                          "zip container truncated or broken")
        fields = _END_OF_DIRECTORY.unpack_from(data, at)
        entries, directory_size = fields[4], fields[5]
        if (entries != 0xFFFF and entries > self._limits.max_members) or \
                (directory_size != 0xFFFFFFFF and directory_size > self._limits.max_members * 1024):
            raise _refuse("zip-bomb", f"daftar isi zip memuat {entries} bagian",
                          f"the zip directory lists {entries} parts")

    def _check_member(self, info: zipfile.ZipInfo) -> None:
        name = info.filename
        if "\\" in name:  # written by faulty zip tools; no reader finds the parts
            raise _refuse("corrupt-file", "nama bagian ditulis dengan garis miring terbalik",
                          "part names written with backslashes")
        if _UNSAFE_NAME.search(name) or not name:
            raise _refuse("unsafe-file", f"nama bagian yang tidak sah '{name[:80]}'",
                          f"an unsafe part name '{name[:80]}'")
        key = name.encode("utf-8", "surrogateescape").lower()
        if key in self._by_key:
            raise _refuse("unsafe-file", f"dua bagian bernama '{name[:80]}'",
                          f"two parts named '{name[:80]}'")
        self._by_key[key] = info
        if info.flag_bits & 0x1:
            raise UnreadableWorkbook("password-protected")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise UnreadableWorkbook("unsupported-format", what=Labels(
                f"zip dengan metode kompresi {info.compress_type}",
                f"zip with compression method {info.compress_type}"))

    def _check_sizes(self, infos: list[zipfile.ZipInfo]) -> None:
        limits = self._limits
        inflated = sum(info.file_size for info in infos)
        if inflated > limits.max_inflated_bytes:
            raise _refuse("zip-bomb", f"isinya mengembang menjadi {inflated // 2**20} MB",
                          f"it inflates to {inflated // 2**20} MB")
        for info in infos:
            ratio = info.file_size // max(info.compress_size, 1)
            if info.file_size > _BIG_MEMBER and ratio > limits.max_ratio:
                raise _refuse("zip-bomb", f"bagian '{info.filename}' mengembang {ratio} kali",
                              f"part '{info.filename}' inflates {ratio} times")

    def _check_layout(self, infos: list[zipfile.ZipInfo]) -> None:
        """Each member's bytes are its own: no two entries share data (overlap bombs)."""
        end = 0
        for info in sorted(infos, key=lambda i: i.header_offset):
            if info.header_offset < end:
                raise _refuse("zip-bomb", "bagian-bagian zip saling tumpang tindih",
                              "zip parts overlap one another")
            start = self._data_start(info)
            end = start + info.compress_size
            if end > len(self._data):
                raise _refuse("corrupt-file", "wadah zip terpotong",
                              "zip container truncated")

    def _data_start(self, info: zipfile.ZipInfo) -> int:
        offset = info.header_offset
        if offset + _LOCAL_HEADER.size > len(self._data):
            raise _refuse("corrupt-file", "wadah zip terpotong", "zip container truncated")
        header = _LOCAL_HEADER.unpack_from(self._data, offset)
        if header[0] != b"PK\x03\x04":
            raise _refuse("corrupt-file", "wadah zip rusak", "zip container broken")
        name_length, extra_length = header[9], header[10]
        start = offset + _LOCAL_HEADER.size
        encoding = "utf-8" if info.flag_bits & 0x800 else "cp437"
        if self._data[start:start + name_length] != info.orig_filename.encode(encoding, "replace"):
            raise _refuse("unsafe-file", f"nama bagian '{info.filename}' tidak konsisten",
                          f"part '{info.filename}' has two different names")
        return start + name_length + extra_length

    # -- members -----------------------------------------------------------------------------
    def find(self, name: str) -> str | None:
        """The member calamine would open for `name` (ASCII case ignored), if any."""
        info = self._by_key.get(name.encode("utf-8", "surrogateescape").lower())
        return info.filename if info else None

    def names(self) -> list[str]:
        return [info.filename for info in self._by_key.values()]

    def chunks(self, name: str) -> Iterator[bytes]:
        """The member's bytes, inflated here: never more than declared, CRC checked."""
        info = self._by_key[name.encode("utf-8", "surrogateescape").lower()]
        start = self._data_start(info)
        raw = memoryview(self._data)[start:start + info.compress_size]
        crc, total = 0, 0
        try:
            for piece in self._pieces(raw, info.compress_type):
                total += len(piece)
                if total > info.file_size:
                    raise _refuse(
                        "corrupt-file",
                        f"bagian '{name}' lebih besar dari ukuran yang dinyatakannya",
                        f"part '{name}' is larger than the size it declares")
                crc = zlib.crc32(piece, crc)
                yield piece
        except zlib.error as exc:
            raise _refuse("corrupt-file", f"bagian '{name}' rusak", f"part '{name}' is damaged") \
                from exc
        if total != info.file_size or crc != info.CRC:
            raise _refuse("corrupt-file", f"bagian '{name}' rusak atau terpotong",
                          f"part '{name}' is damaged or truncated")

    @staticmethod
    def _pieces(raw: memoryview, method: int) -> Iterator[bytes]:
        if method == zipfile.ZIP_STORED:
            for at in range(0, len(raw), _CHUNK):
                yield bytes(raw[at:at + _CHUNK])
            return
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        pending: bytes | memoryview = b""
        at = 0
        while not inflater.eof:
            if not pending:
                if at >= len(raw):
                    raise zlib.error("incomplete deflate stream")
                pending = raw[at:at + _CHUNK]
                at += _CHUNK
            piece = inflater.decompress(pending, _CHUNK)
            pending = inflater.unconsumed_tail
            if piece:
                yield piece

    def head(self, name: str, size: int) -> bytes:
        """The first `size` bytes of a member."""
        out = b""
        for piece in self.chunks(name):
            out += piece
            if len(out) >= size:
                break
        return out[:size]

    def search(self, name: str, needles: tuple[bytes, ...]) -> set[bytes]:
        """Which of the needles occur in a member; inflates all of it, so checks it too."""
        found: set[bytes] = set()
        overlap = max((len(n) for n in needles), default=1) - 1
        tail = b""
        for piece in self.chunks(name):
            window = tail + piece
            found.update(n for n in needles if n in window)
            tail = window[-overlap:] if overlap else b""
        return found
