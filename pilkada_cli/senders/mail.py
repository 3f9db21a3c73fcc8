"""E-mail to the regencies: a message as an EmailMessage (the marked copy attached), sent
through the desk's SMTP server, or written as an .eml file to look at first.

The server comes from `smtp:` in pilkada.yaml, the password only from the environment
variable it names. Everything that stops a run before a message is taken (no server,
refused port, TLS failure, wrong password) is a MailError (exit code 2), raised before
anything is sent, so nothing is recorded as sent. A recipient the server refuses fails
that one message only.
"""

from __future__ import annotations

import datetime as dt
import smtplib
import ssl
from collections.abc import Sequence
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from types import TracebackType

from pilkada_cli import texts
from pilkada_cli.config import MailServer
from pilkada_cli.errors import MailError
from pilkada_cli.senders.messages import Message

XLSX_TYPE = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
TIMEOUT = 30.0


class Refused(Exception):
    """The server would not take this one message (a recipient or the content refused)."""


def build_email(message: Message, sender: str, to: Sequence[str], now: dt.datetime,
                attachment: tuple[str, bytes] | None = None) -> EmailMessage:
    """One e-mail: the message's subject and text (UTF-8), and the attachment if any."""
    email = EmailMessage()
    email["Subject"] = message.subject
    email["From"] = sender
    email["To"] = ", ".join(to)
    email["Date"] = format_datetime(now)
    domain = parseaddr(sender)[1].rpartition("@")[2] or None
    email["Message-ID"] = make_msgid(f"kirim.{message.code}", domain=domain)
    email.set_content(message.text)
    if attachment is not None:
        name, data = attachment
        email.add_attachment(data, maintype=XLSX_TYPE[0], subtype=XLSX_TYPE[1], filename=name)
    return email


def tls_context(server: MailServer) -> ssl.SSLContext:
    """Certificates checked as a browser would; `cafile` names the ones to trust instead
    (a desk's own server with its own certificate)."""
    return ssl.create_default_context(cafile=str(server.cafile) if server.cafile else None)


class SmtpSession:
    """One connection for a run: `with SmtpSession(server, lang) as smtp: smtp.send(email)`."""

    def __init__(self, server: MailServer, lang: str = "id", timeout: float = TIMEOUT) -> None:
        self.server = server
        self.lang = lang
        self.timeout = timeout
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpSession:
        server = self.server
        password = server.password()  # a missing variable stops the run before connecting
        try:
            context = tls_context(server)
        except (OSError, ssl.SSLError) as exc:
            raise self._error("tls_failed", exc) from exc
        try:
            if server.ssl:
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(server.host, server.port,
                                                      timeout=self.timeout, context=context)
            else:
                smtp = smtplib.SMTP(server.host, server.port, timeout=self.timeout)
        except ssl.SSLError as exc:
            raise self._error("tls_failed", exc) from exc
        except (OSError, smtplib.SMTPException) as exc:
            raise self._error("unreachable", exc) from exc
        self._smtp = smtp
        try:
            if server.starttls:
                smtp.starttls(context=context)
            if server.user is not None and password is not None:
                smtp.login(server.user, password)
        except (ssl.SSLError, smtplib.SMTPNotSupportedError) as exc:
            self._abandon()
            if isinstance(exc, smtplib.SMTPNotSupportedError) and not server.starttls:
                raise self._error("login_failed", exc) from exc
            raise self._error("tls_failed", exc) from exc
        except smtplib.SMTPAuthenticationError as exc:
            self._abandon()
            raise self._error("login_failed", exc) from exc
        except (OSError, smtplib.SMTPException) as exc:
            self._abandon()
            raise self._error("server_failed", exc) from exc
        return self

    def send(self, email: EmailMessage) -> None:
        """Hand one e-mail to the server; Refused when it will not take it."""
        assert self._smtp is not None, "use SmtpSession as a context manager"
        try:
            self._smtp.send_message(email)
        except smtplib.SMTPRecipientsRefused as exc:
            raise Refused("; ".join(f"{to}: {_reply(r)}" for to, r in exc.recipients.items())
                          ) from exc
        except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
            raise Refused(_reply((exc.smtp_code, exc.smtp_error))) from exc
        except (OSError, smtplib.SMTPException) as exc:
            self._abandon()
            raise self._error("server_failed", exc) from exc

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._smtp is None:
            return
        try:
            self._smtp.quit()
        except (OSError, smtplib.SMTPException):
            self._abandon()
        self._smtp = None

    def _abandon(self) -> None:
        if self._smtp is not None:
            self._smtp.close()
            self._smtp = None

    def _error(self, key: str, exc: BaseException) -> MailError:
        server = self.server
        return MailError(texts.text("mail", key, self.lang, host=server.host, port=server.port,
                                    user=server.user, env=server.password_env,
                                    reason=_reason(exc)))


def _reply(reply: tuple[int, bytes | str]) -> str:
    code, text = reply
    return f"{code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"


def _reason(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        return _reply((exc.smtp_code, exc.smtp_error))
    text = str(exc).strip()
    return text or type(exc).__name__
