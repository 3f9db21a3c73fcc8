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

from pilkada_cli.config import Limits
from pilkada_cli.errors import UnreadableWorkbook, refuse

_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_END_OF_DIRECTORY = struct.Struct("<4sHHHHIIH")
_CHUNK = 1 << 16
# A genuine part name: no drive letters, control characters, absolute or parent paths,
# and no "&", which would let an escaped name in the XML mean one part to one reader
# and another part to the other.
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f:&]|^/|(^|/)\.\.?(/|$)")
_BIG_MEMBER = 1 << 20


class SafeZip:
    """A zip archive whose directory has been checked; members are read through caps."""

    def __init__(self, data: bytes, limits: Limits) -> None:
        self._data = data
        self._limits = limits
        self._check_directory_end()
        try:
            infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
        except Exception as exc:  # BadZipFile, EOFError, ValueError, UnicodeDecodeError...
            raise refuse("corrupt-file", "zip_container_truncated_or") from exc
        if len(infos) > limits.max_members:
            raise refuse("zip-bomb", "holds_parts", parts=len(infos))
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
            raise refuse("corrupt-file", "zip_container_truncated_or")
        fields = _END_OF_DIRECTORY.unpack_from(data, at)
        entries, directory_size = fields[4], fields[5]
        if (entries != 0xFFFF and entries > self._limits.max_members) or \
                (directory_size != 0xFFFFFFFF and directory_size > self._limits.max_members * 1024):
            raise refuse("zip-bomb", "zip_directory_lists_parts", entries=entries)

    def _check_member(self, info: zipfile.ZipInfo) -> None:
        name = info.filename
        if "\\" in name:  # written by faulty zip tools; no reader finds the parts
            raise refuse("corrupt-file", "part_names_written_backslashes")
        if _UNSAFE_NAME.search(name) or not name:
            raise refuse("unsafe-file", "unsafe_part_name", name=name[:80])
        key = name.encode("utf-8", "surrogateescape").lower()
        if key in self._by_key:
            raise refuse("unsafe-file", "two_parts_named", name=name[:80])
        self._by_key[key] = info
        if info.flag_bits & 0x1:
            raise UnreadableWorkbook("password-protected")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise refuse("unsupported-format", "zip_compression_method",
                         method=info.compress_type)

    def _check_sizes(self, infos: list[zipfile.ZipInfo]) -> None:
        limits = self._limits
        inflated = sum(info.file_size for info in infos)
        if inflated > limits.max_inflated_bytes:
            raise refuse("zip-bomb", "inflates_mb", megabytes=inflated // 2**20)
        for info in infos:
            ratio = info.file_size // max(info.compress_size, 1)
            if info.file_size > _BIG_MEMBER and ratio > limits.max_ratio:
                raise refuse("zip-bomb", "part_inflates_times", part=info.filename,
                             ratio=ratio)

    def _check_layout(self, infos: list[zipfile.ZipInfo]) -> None:
        """Each member's bytes are its own: no two entries share data (overlap bombs)."""
        end = 0
        for info in sorted(infos, key=lambda i: i.header_offset):
            if info.header_offset < end:
                raise refuse("zip-bomb", "zip_parts_overlap_one")
            start = self._data_start(info)
            end = start + info.compress_size
            if end > len(self._data):
                raise refuse("corrupt-file", "zip_container_truncated")

    def _data_start(self, info: zipfile.ZipInfo) -> int:
        offset = info.header_offset
        if offset + _LOCAL_HEADER.size > len(self._data):
            raise refuse("corrupt-file", "zip_container_truncated")
        header = _LOCAL_HEADER.unpack_from(self._data, offset)
        if header[0] != b"PK\x03\x04":
            raise refuse("corrupt-file", "zip_container_broken")
        name_length, extra_length = header[9], header[10]
        start = offset + _LOCAL_HEADER.size
        encoding = "utf-8" if info.flag_bits & 0x800 else "cp437"
        if self._data[start:start + name_length] != info.orig_filename.encode(encoding, "replace"):
            raise refuse("unsafe-file", "part_has_two_different", part=info.filename)
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
                    raise refuse("corrupt-file", "part_larger_than_size", name=name)
                crc = zlib.crc32(piece, crc)
                yield piece
        except zlib.error as exc:
            raise refuse("corrupt-file", "part_damaged", name=name) \
                from exc
        if total != info.file_size or crc != info.CRC:
            raise refuse("corrupt-file", "part_damaged_or_truncated", name=name)

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
