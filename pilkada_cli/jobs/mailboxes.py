"""Where reports arrive by e-mail: a Maildir folder (the standard `mailbox` module) or an
IMAP mailbox (`imaplib`). Both give the new (unseen) messages as raw bytes, and mark a
message seen only when asked, after its files are safely written.

    with open_maildir(path) as box:          # or open_imap(config.imap)
        for key, data in box.unseen(): ...
        box.mark_seen(key)
"""

from __future__ import annotations

import contextlib
import imaplib
import mailbox
import ssl
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Protocol

from pilkada_cli import texts
from pilkada_cli.config import MailServer
from pilkada_cli.errors import MailError, UsageError

TIMEOUT = 30.0
SEEN = "S"


class Source(Protocol):
    def unseen(self) -> Iterator[tuple[str, bytes]]: ...
    def mark_seen(self, key: str) -> None: ...
    def __enter__(self) -> Source: ...
    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 trace: TracebackType | None) -> None: ...


class MaildirSource:
    """New messages are those in new/, and those in cur/ without the Seen flag. Marking one
    seen moves it to cur/ with the flag, as a mail client does."""

    def __init__(self, path: Path, lang: str = "id") -> None:
        if not all((path / sub).is_dir() for sub in ("new", "cur", "tmp")):
            raise UsageError(texts.text("ambil", "not_maildir", lang, path=path))
        self.box = mailbox.Maildir(path, factory=None, create=False)

    def __enter__(self) -> MaildirSource:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.box.close()

    def unseen(self) -> Iterator[tuple[str, bytes]]:
        for key in sorted(self.box.keys()):
            message = self.box.get_message(key)
            if SEEN not in message.get_flags():
                yield key, self.box.get_bytes(key)

    def mark_seen(self, key: str) -> None:
        message = mailbox.MaildirMessage(self.box.get_bytes(key))
        old = self.box.get_message(key)
        message.set_flags(old.get_flags())
        message.add_flag(SEEN)
        message.set_subdir("cur")
        message.set_date(old.get_date())
        # Written beside, then renamed over the old file by the mailbox module.
        self.box[key] = message


class ImapSource:
    """New messages are those without \\Seen in the configured folder; they are fetched
    with BODY.PEEK so that reading them does not mark them."""

    def __init__(self, server: MailServer, lang: str = "id", timeout: float = TIMEOUT) -> None:
        self.server = server
        self.lang = lang
        self.timeout = timeout
        self._imap: imaplib.IMAP4 | None = None

    def __enter__(self) -> ImapSource:
        server = self.server
        password = server.password()
        try:
            context = ssl.create_default_context(
                cafile=str(server.cafile) if server.cafile else None)
            if server.ssl:
                imap: imaplib.IMAP4 = imaplib.IMAP4_SSL(server.host, server.port,
                                                        ssl_context=context,
                                                        timeout=self.timeout)
            else:
                imap = imaplib.IMAP4(server.host, server.port, timeout=self.timeout)
        except ssl.SSLError as exc:
            raise self._error("tls_failed", exc) from exc
        except (OSError, imaplib.IMAP4.error) as exc:
            raise self._error("unreachable", exc) from exc
        self._imap = imap
        try:
            if server.starttls:
                imap.starttls(ssl_context=context)
            if server.user is not None and password is not None:
                imap.login(server.user, password)
        except (ssl.SSLError, imaplib.IMAP4.abort) as exc:
            self._abandon()
            raise self._error("tls_failed", exc) from exc
        except imaplib.IMAP4.error as exc:
            self._abandon()
            key = "tls_failed" if server.starttls and "STARTTLS" in str(exc).upper() \
                else "login_failed"
            raise self._error(key, exc) from exc
        except OSError as exc:
            self._abandon()
            raise self._error("server_failed", exc) from exc
        try:
            kind, data = imap.select(_quote(server.folder))
        except (OSError, imaplib.IMAP4.error) as exc:
            self._abandon()
            raise self._error("no_folder", exc) from exc
        if kind != "OK":
            self._abandon()
            raise self._error("no_folder", Exception(_said(data)))
        return self

    def unseen(self) -> Iterator[tuple[str, bytes]]:
        imap = self._open()
        kind, found = self._call(imap.uid, "SEARCH", None, "UNSEEN")
        first = found[0] if found else b""
        for uid in (first if isinstance(first, bytes) else b"").split():
            kind, parts = self._call(imap.uid, "FETCH", uid.decode(), "(BODY.PEEK[])")
            data = next((part[1] for part in parts if isinstance(part, tuple)), None)
            if kind == "OK" and data is not None:
                yield uid.decode(), bytes(data)

    def mark_seen(self, key: str) -> None:
        imap = self._open()
        self._call(imap.uid, "STORE", key, "+FLAGS", "(\\Seen)")

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._imap is None:
            return
        try:
            self._imap.close()
            self._imap.logout()
        except (OSError, imaplib.IMAP4.error):
            self._abandon()
        self._imap = None

    def _open(self) -> imaplib.IMAP4:
        assert self._imap is not None, "use ImapSource as a context manager"
        return self._imap

    def _call(self, method: object, *args: object) -> tuple[str, list[object]]:
        try:
            kind, data = method(*args)  # type: ignore[operator]
        except (OSError, imaplib.IMAP4.error) as exc:
            self._abandon()
            raise self._error("server_failed", exc) from exc
        if kind != "OK":
            raise self._error("server_failed", Exception(_said(data)))
        return kind, data

    def _abandon(self) -> None:
        if self._imap is not None:
            with contextlib.suppress(OSError):
                self._imap.shutdown()
            self._imap = None

    def _error(self, key: str, exc: BaseException) -> MailError:
        server = self.server
        reason = str(exc).strip() or type(exc).__name__
        return MailError(texts.text("mail", key, self.lang, host=server.host, port=server.port,
                                    user=server.user, env=server.password_env,
                                    folder=server.folder, reason=reason))


def _quote(folder: str) -> str:
    """A mailbox name as an IMAP quoted string (names with spaces: 'Laporan Harian')."""
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _said(data: Sequence[object]) -> str:
    return " ".join(d.decode(errors="replace") if isinstance(d, bytes) else str(d)
                    for d in data if d)
