"""Real mail servers on 127.0.0.1 for the tests: an SMTP server (aiosmtpd) that keeps what
it receives, optionally with STARTTLS (a self-signed certificate made by openssl) and a
login, and a free port to find a refused connection on."""

from __future__ import annotations

import socket
import ssl
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER, PASSWORD = "desk", "rahasia-123"


def free_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and its key."""
    cert, key = folder / "server.crt", folder / "server.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


@dataclass
class Received:
    """What the server was given: one entry per message, with its envelope."""

    messages: list[tuple[str, list[str], EmailMessage]] = field(default_factory=list)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          options: list[str]) -> str:
        if address.startswith("tolak"):
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 OK"


def _authenticator(server: Any, session: Any, envelope: Any, mechanism: str,
                   auth_data: Any) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == USER.encode() \
        and auth_data.password == PASSWORD.encode()
    return AuthResult(success=ok, handled=False)


@contextmanager
def smtp_server(certificate: tuple[Path, Path] | None = None,
                login: bool = False) -> Iterator[tuple[int, Received]]:
    """A running SMTP server on 127.0.0.1: its port and what it received."""
    received = Received()
    port = free_port()
    options: dict[str, Any] = {}
    if certificate is not None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(str(certificate[0]), str(certificate[1]))
        options.update(tls_context=context, require_starttls=True)
    if login:
        options.update(authenticator=_authenticator, auth_required=True,
                       auth_require_tls=certificate is not None)
    controller = Controller(received, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield port, received
    finally:
        controller.stop()


IMAP_USER, IMAP_PASSWORD = "desk", "sandi-imap"
_DOVECOT = """base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
{ssl}
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
first_valid_uid = 1
{users}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
mail_location = maildir:~/Maildir
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
  }}
  chroot =
}}
service anvil {{
  chroot =
}}
"""


@dataclass
class ImapServer:
    """A running dovecot: plain IMAP on `port`, implicit TLS on `tls_port`, and the
    user's Maildir to put messages in (then call `hand_over`)."""

    port: int
    tls_port: int
    maildir: Path
    uid: int
    gid: int

    def hand_over(self) -> None:
        """Give the messages written by the test to the mail user dovecot runs as."""
        import os

        for path in [self.maildir.parent, *self.maildir.parent.rglob("*")]:
            os.chown(path, self.uid, self.gid)


@contextmanager
def imap_server(certificate: tuple[Path, Path]) -> Iterator[ImapServer]:
    """dovecot on 127.0.0.1 in the foreground, as a child of this process."""
    import getpass
    import os
    import shutil
    import tempfile
    import time

    dovecot = shutil.which("dovecot") or "/usr/sbin/dovecot"
    root = Path(tempfile.mkdtemp(prefix="pilkada-imap-"))
    root.chmod(0o755)   # the mail process runs as another user
    if os.geteuid() == 0:
        uid = gid = 65534   # dovecot never reads mail as root
        users = ""
    else:
        uid, gid, me = os.getuid(), os.getgid(), getpass.getuser()
        users = f"default_internal_user = {me}\ndefault_login_user = {me}"
    maildir = root / "home" / IMAP_USER / "Maildir"
    for sub in ("new", "cur", "tmp"):
        (maildir / sub).mkdir(parents=True)
    (root / "passwd").write_text(f"{IMAP_USER}:{{PLAIN}}{IMAP_PASSWORD}\n", encoding="utf-8")
    port, tls_port = free_port(), free_port()
    ssl_lines = f"ssl = yes\nssl_cert = <{certificate[0]}\nssl_key = <{certificate[1]}"
    (root / "dovecot.conf").write_text(_DOVECOT.format(
        root=root, ssl=ssl_lines, users=users, uid=uid, gid=gid, port=port,
        tls_port=tls_port), encoding="utf-8")
    server = ImapServer(port, tls_port, maildir, uid, gid)
    server.hand_over()
    process = subprocess.Popen([dovecot, "-F", "-c", str(root / "dovecot.conf")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log = root / "dovecot.log"
                    said = log.read_text() if log.exists() else ""
                    raise RuntimeError(f"dovecot did not start: {said}") from None
                time.sleep(0.05)
        yield server
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(root, ignore_errors=True)
