"""Writing files whole or not at all, so that the same content gives the same bytes."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import tempfile
import unicodedata
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl import Workbook

# Characters Windows refuses in a file name, and names it reserves for devices.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
             *(f"LPT{i}" for i in range(1, 10))}

# Fixed zip and document times make a rebuilt workbook byte-identical to the last one.
FIXED_TIME = dt.datetime(2024, 1, 1)


def atomic_write(path: Path, data: bytes) -> None:
    """Write beside the target, flush to disk, then rename over it: never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private (0600); give it the mode a plain open() would.
        os.chmod(tmp, _default_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def workbook_bytes(book: Workbook) -> bytes:
    """The workbook as .xlsx bytes with fixed timestamps, so equal content gives equal bytes."""
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    raw = io.BytesIO()
    book.save(raw)
    return fixed_zip(raw.getvalue())


def fixed_zip(data: bytes) -> bytes:
    """An Office file (zip) rewritten with fixed member and document times."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            member = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                member = _fix_core_times(member)
            target.writestr(fixed, member)
    return out.getvalue()


def _fix_core_times(xml: bytes) -> bytes:
    """openpyxl stamps 'modified' with the clock at save time; pin it."""
    import re

    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</)", rb"\g<1>" + stamp + rb"\g<2>",
                  xml)


def save_workbook(book: Workbook, path: Path) -> None:
    atomic_write(path, workbook_bytes(book))


def safe_stem(name: str, fallback: str = "laporan", limit: int = 100) -> str:
    """The stem of a file name, made safe to write on Windows and Linux alike.

    Folder parts (with / or \\) are dropped, characters Windows refuses become '_',
    leading and trailing dots and spaces go, device names (CON, NUL...) get a prefix,
    so the result always names a plain file inside the folder it is joined to.
    """
    base = re.split(r"[/\\]", unicodedata.normalize("NFC", name))[-1]
    stem = base.rsplit(".", 1)[0] if "." in base.strip(".") else base
    stem = re.sub(r"\s+", " ", _UNSAFE.sub("_", stem)).strip(" .")[:limit].strip(" .")
    if not stem:
        return fallback
    if stem.split(".")[0].upper() in _RESERVED:
        stem = "_" + stem
    return stem
