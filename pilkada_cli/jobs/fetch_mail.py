"""Take reports in by e-mail: each new message's .xlsx/.xlsm attachments are saved into
the inbox under a name from their content, with the message's arrival as the file's
time, so that "late" is decided by when the report came, not when it was copied.

The name is the archive's (store.archive.archive_name): D/<code>-<sha256[:12]>.xlsx from
the regency and date read inside the workbook (unknown/… when they cannot be read), so
the same file sent twice is saved once and a sender's file name never matters. The
arrival is the time the desk's own mail server put on the message (its topmost Received
header), else its Date header; the store takes a file's arrival as the earlier of its
first sighting and its modification time, so the saved file's modification time is set
to it. Other attachments are listed and skipped. A message is marked seen only once all
its workbooks are written whole and flushed to disk; one without any workbook is left
unread for a person to look at.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import parseaddr, parsedate_to_datetime
from pathlib import Path

from pilkada_cli.checking.schema import Schema
from pilkada_cli.config import Config
from pilkada_cli.errors import UsageError
from pilkada_cli.files import atomic_write, safe_stem
from pilkada_cli.jobs.mailboxes import Source
from pilkada_cli.reader.opening import file_sha256
from pilkada_cli.store.archive import archive_name, describe_os_error
from pilkada_cli.texts import phrase

WORKBOOKS = (".xlsx", ".xlsm")
_XLSX_TYPES = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
               "application/vnd.ms-excel.sheet.macroenabled.12": ".xlsm"}


@dataclass
class Attachment:
    name: str
    data: bytes
    suffix: str
    saved: Path | None = None
    known: bool = False
    """Already in the inbox with the same content."""
    regency: str | None = None
    date: dt.date | None = None


@dataclass
class Fetched:
    """One message and what became of its attachments."""

    key: str
    sender: str
    subject: str
    arrived: dt.datetime | None
    workbooks: list[Attachment] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    too_large: list[str] = field(default_factory=list)
    marked: bool = False


def fetch(source: Source, inbox: Path, config: Config, schema: Schema) -> list[Fetched]:
    """Save the workbooks of every new message of `source` into `inbox`, then mark the
    messages seen."""
    fetched = [read_message(key, data, config.limits.max_file_bytes)
               for key, data in source.unseen()]
    attachments = [a for f in fetched for a in f.workbooks]
    _identify(attachments, config, schema)
    for message in fetched:
        for attachment in message.workbooks:
            try:
                save(attachment, inbox, message.arrived)
            except OSError as exc:
                # Nothing is marked seen: the next run fetches these messages again.
                raise UsageError(phrase("errors", "inbox_write", path=inbox,
                                        why=describe_os_error(exc))) from exc
    if any(a.saved and not a.known for a in attachments):
        _sync_folders({a.saved.parent for a in attachments if a.saved} | {inbox})
    for message in fetched:
        if message.workbooks:
            source.mark_seen(message.key)
            message.marked = True
    return fetched


def read_message(key: str, data: bytes, limit: int) -> Fetched:
    """A raw message: who sent it, when it arrived, its workbooks and the rest."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    sender = parseaddr(str(message.get("From", "")))[1] or str(message.get("From", ""))
    fetched = Fetched(key, sender, " ".join(str(message.get("Subject", "")).split()),
                      arrival(message))
    for part in message.walk():
        if part.is_multipart():
            continue
        name = part.get_filename() or ""
        suffix = Path(name).suffix.lower() or _XLSX_TYPES.get(part.get_content_type(), "")
        if not name and not suffix and part.get_content_disposition() != "attachment":
            continue  # the message's own text
        shown = name or part.get_content_type()
        if suffix not in WORKBOOKS:
            fetched.skipped.append(shown)
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            fetched.skipped.append(shown)
        elif len(payload) > limit:
            fetched.too_large.append(shown)
        else:
            fetched.workbooks.append(Attachment(name or f"lampiran{suffix}", payload, suffix))
    return fetched


def arrival(message: EmailMessage) -> dt.datetime | None:
    """When the message reached the desk: the time on the topmost Received header (added
    by the desk's own server), else the sender's Date; None when neither can be read."""
    received = message.get_all("Received") or []
    candidates = [str(received[0]).rpartition(";")[2]] if received else []
    candidates.append(str(message.get("Date", "")))
    for text in candidates:
        try:
            moment = parsedate_to_datetime(text.strip())
        except (TypeError, ValueError, IndexError):
            continue
        return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return None


def save(attachment: Attachment, inbox: Path, arrived: dt.datetime | None) -> None:
    """Write the workbook into the inbox whole (fsynced), its time set to the arrival; the
    same content already there is left as it is."""
    sha = hashlib.sha256(attachment.data).hexdigest()
    relative = archive_name(sha, attachment.regency, attachment.date)
    target = inbox / (relative.rsplit(".", 1)[0] + attachment.suffix)
    attachment.saved = target
    if target.is_file() and file_sha256(target, len(attachment.data)) == sha:
        attachment.known = True
        return
    atomic_write(target, attachment.data)
    if arrived is not None:
        stamp = arrived.timestamp()
        os.utime(target, (stamp, stamp))
    with target.open("rb") as handle:
        os.fsync(handle.fileno())


def _identify(attachments: list[Attachment], config: Config, schema: Schema) -> None:
    """The regency and date inside each workbook, read by the one safe reading path."""
    from pilkada_cli.checking.validate import check_files

    if not attachments:
        return
    with tempfile.TemporaryDirectory(prefix="pilkada-ambil-") as tmp:
        paths = []
        for n, attachment in enumerate(attachments):
            path = Path(tmp) / f"{n}-{safe_stem(attachment.name)}{attachment.suffix}"
            path.write_bytes(attachment.data)
            paths.append(path)
        for attachment, report in zip(attachments, check_files(paths, schema, config),
                                      strict=True):
            attachment.regency = report.regency.code if report.regency else None
            attachment.date = report.date


def _sync_folders(folders: set[Path]) -> None:
    """Flush the new names to disk (POSIX; Windows has no directory handles to flush)."""
    if os.name != "posix":
        return
    for folder in folders:
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


