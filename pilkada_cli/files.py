"""Writing files whole or not at all, so that the same content gives the same bytes."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import io
import os
import re
import shutil
import stat
import sys
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


def replace_folder(folder: Path, files: dict[str, bytes],
                   kept_as: dict[str, str] | None = None) -> list[Path]:
    """Put `files` (name -> content) into `folder` as one set: all of them or none.

    They are written into a new folder beside it (flushed to disk), which then takes the
    old one's place in one rename; a failure before that (a full disk, a renderer that
    fails) leaves the folder exactly as it was. Other files already in the folder (a
    format not asked for this time, a note put there by hand) are carried over, linked
    where the file system allows, so only the files named are replaced. `kept_as`: files
    of the old folder carried over under another name (an earlier revision, NAME.rN.EXT)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".new", dir=folder.parent))
    try:
        for name, data in files.items():
            _write_synced(fresh / name, data)
        kept = _carry_over(folder, fresh, set(files), kept_as or {})
        os.chmod(fresh, _folder_mode(folder))
        _fsync_folder(fresh)
        _swap(fresh, folder)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    # `fresh` now holds the previous set (or nothing, if the folder is new).
    for name in kept:
        with contextlib.suppress(OSError):
            os.replace(fresh / name, folder / name)
    shutil.rmtree(fresh, ignore_errors=True)
    _fsync_folder(folder.parent)
    return [folder / name for name in files]


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(path, _default_mode())


def _carry_over(folder: Path, fresh: Path, replaced: set[str],
                kept_as: dict[str, str]) -> list[str]:
    """Link (or copy) the folder's other files into the new one, those in `kept_as` under
    their new name; name its sub-folders, which are moved across once the new folder has
    taken the old one's place."""
    later: list[str] = []
    if not folder.is_dir():
        return later
    for entry in os.scandir(folder):
        name = kept_as.get(entry.name, entry.name)
        if name in replaced:
            continue
        if entry.is_dir(follow_symlinks=False):
            later.append(entry.name)
            continue
        try:
            os.link(entry.path, fresh / name, follow_symlinks=False)
        except OSError:
            shutil.copy2(entry.path, fresh / name, follow_symlinks=False)
    return later


def _swap(fresh: Path, folder: Path) -> None:
    """`fresh` takes `folder`'s place; afterwards `fresh` holds what `folder` held.

    On Linux one atomic exchange (renameat2); elsewhere the old folder is first moved
    aside, and moved back if the new one cannot take its place."""
    if not folder.exists():
        os.rename(fresh, folder)
        return
    if _exchange(fresh, folder):
        return
    aside = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".old", dir=folder.parent))
    os.rmdir(aside)
    os.rename(folder, aside)
    try:
        os.rename(fresh, folder)
    except BaseException:
        os.rename(aside, folder)
        raise
    os.rename(aside, fresh)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically where the system can (Linux renameat2); False otherwise."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second),
                 rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):  # not on this file system
        return False
    raise OSError(code, os.strerror(code), str(second))


def _folder_mode(folder: Path) -> int:
    """The mode of the folder replaced, or the one mkdir() would give (mkdtemp's is 0700)."""
    try:
        return stat.S_IMODE(folder.stat().st_mode)
    except OSError:
        return _default_mode(0o777)


def _fsync_folder(folder: Path) -> None:
    """Make a folder's entries durable (POSIX); nothing to do where folders cannot be opened."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _default_mode(full: int = 0o666) -> int:
    umask = os.umask(0)
    os.umask(umask)
    return full & ~umask


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
