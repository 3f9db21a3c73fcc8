"""Open a file from an inbox once, safely, and read its bytes through the size cap.

Whatever is done with a file afterwards (checking it, recording it, archiving it) uses
these bytes: nothing opens the file a second time, so what is archived is what was read.
Before anything is opened, the file is looked at without opening it:
- a symlink found in a folder that leads out of that folder is refused by name (unless
  the config's `inbox.follow_symlinks` allows it), and is never followed;
- only a regular file is opened: a FIFO, a device, a socket or a folder (or a symlink
  to one) is refused without being opened, so nothing can block or read without end;
- nothing on the kernel's own file systems (/proc, /sys) is opened, even a "regular"
  file there: their sizes say nothing and their content is the machine's, not a report;
- an empty file and one above `max_file_mb` are refused from their size.
The file is then opened without blocking and without following a symlink swapped in
meanwhile, and checked again on the open descriptor (still a regular file, still the
same one) before a byte is read; at most `max_file_mb` + 1 bytes are ever read.
"""

from __future__ import annotations

import functools
import os
import stat
from pathlib import Path

from pilkada_cli.errors import UnreadableWorkbook, refuse
from pilkada_cli.formats import fmt_size

_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
          | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0))
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def read_file(path: Path, max_bytes: int, folder: Path | None = None,
              follow_symlinks: bool = False) -> bytes:
    """The bytes of the regular file at `path`, at most `max_bytes` (limits.max_file_bytes),
    or UnreadableWorkbook.

    `folder`: the folder the file was found in (None for a file named outright, whose
    symlink is followed as the user asked). A symlink there must stay inside it unless
    `follow_symlinks`."""
    target, nofollow = str(path), 0
    try:
        if folder is not None and not follow_symlinks:
            target, nofollow = _inside(path, folder), _NOFOLLOW
        before = os.stat(target)
    except OSError as exc:
        raise _os_error(exc) from exc
    _openable(before, max_bytes)
    try:
        fd = os.open(target, _FLAGS | nofollow)
    except OSError as exc:
        raise _os_error(exc) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise refuse("not-a-file", "folder_or_special_file")
        if (info.st_dev, info.st_ino) != (before.st_dev, before.st_ino):
            raise refuse("unreadable-here", "replaced_while_opened")
        data = _read_up_to(fd, max_bytes + 1)
    except OSError as exc:
        raise _os_error(exc) from exc
    finally:
        os.close(fd)
    if not data:
        raise UnreadableWorkbook("file-empty")
    if len(data) > max_bytes:
        raise UnreadableWorkbook("file-too-large", size=fmt_size(len(data)),
                                 limit=fmt_size(max_bytes))
    return data


def file_sha256(path: Path, max_bytes: int) -> str:
    """The SHA-256 of a regular file read as read_file reads it (never blocking on a FIFO,
    never reading a device); "" when it cannot be read so."""
    import hashlib

    try:
        return hashlib.sha256(read_file(path, max_bytes)).hexdigest()
    except UnreadableWorkbook:
        return ""


def _inside(path: Path, folder: Path) -> str:
    """Where `path` really is, if that is inside `folder`; a symlink out is refused."""
    if stat.S_ISLNK(os.lstat(path).st_mode):
        real = os.path.realpath(path)
    else:  # the folder it is in is shared by the day's files: resolved once
        real = os.path.join(_real_folder(str(path.parent)), path.name)
    root = _real_folder(str(folder))
    if os.path.commonpath([real, root]) != root:
        raise UnreadableWorkbook("symlink-outside", target=real[-200:])
    return real


@functools.lru_cache(maxsize=256)
def _real_folder(folder: str) -> str:
    return os.path.realpath(folder)


def _openable(info: os.stat_result, max_bytes: int) -> None:
    """Refuse what must not be opened at all, from what stat() says."""
    if not stat.S_ISREG(info.st_mode):
        raise refuse("not-a-file", "folder_or_special_file")
    if info.st_dev in _system_devices():
        raise refuse("not-a-file", "system_file")
    if info.st_size == 0:
        raise UnreadableWorkbook("file-empty")
    if info.st_size > max_bytes:
        raise UnreadableWorkbook("file-too-large", size=fmt_size(info.st_size),
                                 limit=fmt_size(max_bytes))


@functools.cache
def _system_devices() -> frozenset[int]:
    """The devices of /proc and /sys, where they are file systems of their own."""
    try:
        root = os.stat("/").st_dev
    except OSError:
        return frozenset()
    found = set()
    for mount in ("/proc", "/sys"):
        try:
            device = os.stat(mount).st_dev
        except OSError:
            continue
        if device != root:
            found.add(device)
    return frozenset(found)


def _read_up_to(fd: int, limit: int) -> bytes:
    chunks, got = [], 0
    while got < limit:
        chunk = os.read(fd, min(limit - got, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def _os_error(exc: OSError) -> UnreadableWorkbook:
    """A local failure to open or read is this file's own issue, never the sender's."""
    if isinstance(exc, FileNotFoundError):
        return UnreadableWorkbook("file-missing")
    if isinstance(exc, PermissionError):
        return refuse("unreadable-here", "permission_denied")
    return UnreadableWorkbook("unreadable-here", what=exc.strerror or str(exc))
