"""`pilkada ambil`: reports sent by e-mail, from a Maildir built here and from a real IMAP
server (dovecot on 127.0.0.1), saved into the inbox under names from their content with
the time the message arrived, so that `status` judges lateness by the e-mail."""

from __future__ import annotations

import datetime as dt
import hashlib
import imaplib
import json
import mailbox
import shutil
import ssl
from email.message import EmailMessage
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pilkada_cli.cli import app

from .conftest import FLAWED, SAMPLES, WITA, Desk
from .mailserver import (
    IMAP_PASSWORD,
    IMAP_USER,
    ImapServer,
    free_port,
    imap_server,
    make_certificate,
)

runner = CliRunner()
DAY = SAMPLES / "2024-11-18"
KUKAR = (DAY / "Laporan Kukar 18 nov FINAL revisi2.xlsx").read_bytes()
SAMARINDA = (DAY / "laporan-6472-2024-11-18.xlsx").read_bytes()
BONTANG = (DAY / "laporan-6474-2024-11-18.xlsx").read_bytes()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def mail(sender: str, subject: str, date: str, attachments: list[tuple[str, bytes, str]] = (),
         received: str | None = None) -> bytes:
    message = EmailMessage()
    if received:
        message["Received"] = f"from mx.example by mail.kaltimprov.example; {received}"
        message["Received"] = "from laptop by mx.example; Mon, 18 Nov 2024 09:00:00 +0000"
    message["From"] = sender
    message["To"] = "desk@kaltimprov.example"
    message["Subject"] = subject
    message["Date"] = date
    message.set_content("Terlampir laporan harian.")
    for name, data, kind in attachments:
        main, sub = kind.split("/")
        message.add_attachment(data, maintype=main, subtype=sub, filename=name)
    return bytes(message)


KUKAR_MAIL = mail("Desk Kukar <desk@kukar.example>", "Laporan 18 Nov",
                  "Mon, 18 Nov 2024 17:50:00 +0800",
                  [("Laporan Kukar 18 nov FINAL revisi2.xlsx", KUKAR, XLSX),
                   ("foto.jpg", b"\xff\xd8\xff\xe0 not really", "image/jpeg")],
                  received="Mon, 18 Nov 2024 19:05:00 +0800")
SAMARINDA_MAIL = mail("smd@samarinda.example", "lap smd", "Mon, 18 Nov 2024 16:10:00 +0800",
                      [("lap smd.xlsm", SAMARINDA, "application/octet-stream")])
FORWARDED_MAIL = mail("desk@kukar.example", "Fwd: Laporan 18 Nov",
                      "Mon, 18 Nov 2024 20:00:00 +0800",
                      [("salinan.xlsx", KUKAR, XLSX)])
QUESTION_MAIL = mail("bontang@example.id", "Pertanyaan format", "Mon, 18 Nov 2024 15:00:00 +0800")


def saved_name(data: bytes, code: str, suffix: str = ".xlsx") -> str:
    return f"2024-11-18/{code}-{hashlib.sha256(data).hexdigest()[:12]}{suffix}"


def flags(box: mailbox.Maildir) -> dict[str, str]:
    """Subject -> the message's Maildir flags."""
    return {box.get_message(k)["Subject"]: box.get_message(k).get_flags() for k in box.iterkeys()}


@pytest.fixture
def maildir(tmp_path: Path) -> Path:
    """New: Kukar (late, with a photo), Samarinda (.xlsm), Kukar's file forwarded again, a
    question without a file. Already read: Bontang's report."""
    path = tmp_path / "Maildir"
    box = mailbox.Maildir(path, create=True)
    for data in (KUKAR_MAIL, SAMARINDA_MAIL, FORWARDED_MAIL, QUESTION_MAIL):
        box.add(mailbox.MaildirMessage(data))
    seen = mailbox.MaildirMessage(mail("bontang@example.id", "sudah dibaca",
                                       "Mon, 18 Nov 2024 12:00:00 +0800",
                                       [("bontang.xlsx", BONTANG, XLSX)]))
    seen.set_subdir("cur")
    seen.add_flag("S")
    box.add(seen)
    return path


def ambil(desk: Desk, *args: str):
    return runner.invoke(app, ["ambil", *args, "--config", str(desk.config_path)])


def test_workbooks_are_saved_with_the_time_the_mail_arrived(desk: Desk, maildir: Path) -> None:
    done = ambil(desk, str(maildir))
    assert done.exit_code == 0, done.output
    inbox = desk.inbox
    kukar = inbox / saved_name(KUKAR, "64.03")
    samarinda = inbox / saved_name(SAMARINDA, "64.72", ".xlsm")
    assert sorted(str(p.relative_to(inbox)) for p in inbox.rglob("*") if p.is_file()) == \
        sorted([saved_name(KUKAR, "64.03"), saved_name(SAMARINDA, "64.72", ".xlsm")])
    assert kukar.read_bytes() == KUKAR and samarinda.read_bytes() == SAMARINDA
    # The desk's server received Kukar's mail at 19.05 (its own clock said 17.50).
    assert kukar.stat().st_mtime == dt.datetime(2024, 11, 18, 19, 5, tzinfo=WITA).timestamp()
    assert samarinda.stat().st_mtime == \
        dt.datetime(2024, 11, 18, 16, 10, tzinfo=WITA).timestamp()
    out = done.stdout
    assert "Surel dari desk@kukar.example (18 November 2024 19.05 WITA): Laporan 18 Nov" in out
    assert "Kabupaten Kutai Kartanegara, 18 November 2024" in out
    assert "dilewati: foto.jpg (bukan buku kerja .xlsx/.xlsm)" in out
    assert "sudah ada: " in out   # the forwarded copy is the same file
    assert "tanpa buku kerja: surel dibiarkan belum dibaca" in out
    assert "4 surel baru, 2 berkas disimpan" in done.stderr
    box = mailbox.Maildir(maildir, create=False)
    assert flags(box) == {"Laporan 18 Nov": "S", "lap smd": "S", "Fwd: Laporan 18 Nov": "S",
                          "Pertanyaan format": "", "sudah dibaca": "S"}
    marked = next(k for k in box.iterkeys() if box.get_message(k)["Subject"] == "Laporan 18 Nov")
    assert box.get_message(marked).get_subdir() == "cur"
    (attachment,) = [p for p in box.get_message(marked).walk()
                     if p.get_filename() and p.get_filename().endswith(".xlsx")]
    assert attachment.get_payload(decode=True) == KUKAR   # marking kept the message whole

    status = runner.invoke(app, ["status", "--date", "2024-11-18", "--format", "json",
                                 "--config", str(desk.config_path)])
    rows = {r["code"]: r for r in json.loads(status.stdout)["regencies"]}
    assert (rows["64.03"]["status"], rows["64.03"]["arrived"]) == \
        ("late", "2024-11-18T19:05:00+08:00")
    assert (rows["64.72"]["status"], rows["64.72"]["arrived"]) == \
        ("reported", "2024-11-18T16:10:00+08:00")
    assert rows["64.74"]["status"] == "missing"   # its mail had been read already

    again = ambil(desk, str(maildir), "--format", "json")
    assert again.exit_code == 0
    (question,) = json.loads(again.stdout)["messages"]
    assert question["subject"] == "Pertanyaan format" and question["marked_seen"] is False
    assert "1 surel baru, 0 berkas disimpan" in again.stderr


def test_an_unreadable_attachment_is_kept_for_check_to_name(desk: Desk, tmp_path: Path) -> None:
    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    junk = (FLAWED / "bukan-excel.xlsx").read_bytes()
    box.add(mail("x@example.id", "rusak", "Mon, 18 Nov 2024 16:00:00 +0800",
                 [("laporan.xlsx", junk, XLSX)]))
    done = ambil(desk, str(tmp_path / "Maildir"), "--format", "json")
    assert done.exit_code == 0, done.output
    (message,) = json.loads(done.stdout)["messages"]
    (workbook,) = message["workbooks"]
    assert workbook["regency"] is None and workbook["date"] is None
    path = Path(workbook["path"])
    assert path == desk.inbox / "unknown" / f"unknown-{hashlib.sha256(junk).hexdigest()[:12]}.xlsx"
    assert path.read_bytes() == junk
    check = runner.invoke(app, ["check", str(desk.inbox), "--no-record"])
    assert check.exit_code == 1 and "unknown-" in check.stdout


def test_no_source_or_not_a_maildir_exit_2(desk: Desk, tmp_path: Path) -> None:
    none = ambil(desk)
    assert none.exit_code == 2 and "tidak ada sumber surel" in none.stderr
    (tmp_path / "kosong").mkdir()
    wrong = ambil(desk, str(tmp_path / "kosong"))
    assert wrong.exit_code == 2 and "bukan folder Maildir" in wrong.stderr
    assert "Traceback" not in none.output + wrong.output


def imap_desk(desk: Desk, **settings: object) -> Desk:
    block = {"host": "127.0.0.1", "user": IMAP_USER, "password_env": "PILKADA_IMAP_PASSWORD",
             **settings}
    desk.config_path.write_text('paths: {store: data/pilkada.sqlite}\nimap: '
                                + json.dumps(block) + "\n", encoding="utf-8")
    return desk


def test_a_refused_imap_port_exits_2(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PILKADA_IMAP_PASSWORD", IMAP_PASSWORD)
    done = ambil(imap_desk(desk, port=free_port(), ssl=False))
    assert done.exit_code == 2 and "tidak dapat dihubungi" in done.stderr
    assert "Traceback" not in done.output


needs_dovecot = pytest.mark.skipif(shutil.which("dovecot") is None
                                   and not Path("/usr/sbin/dovecot").exists(),
                                   reason="dovecot is not installed (.ci/run installs it)")


@pytest.fixture(scope="module")
def dovecot(tmp_path_factory: pytest.TempPathFactory):
    certificate = make_certificate(tmp_path_factory.mktemp("imap-tls"))
    with imap_server(certificate) as server:
        yield server, certificate


def unseen(server: ImapServer, certificate: tuple[Path, Path]) -> list[str]:
    """The subjects still unread, asked of the server itself."""
    context = ssl.create_default_context(cafile=str(certificate[0]))
    with imaplib.IMAP4_SSL("127.0.0.1", server.tls_port, ssl_context=context) as imap:
        imap.login(IMAP_USER, IMAP_PASSWORD)
        imap.select("INBOX")
        _, found = imap.search(None, "UNSEEN")
        subjects = []
        for number in found[0].split():
            _, parts = imap.fetch(number, "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
            subjects.append(parts[0][1].decode().split(":", 1)[1].strip())
        return subjects


@needs_dovecot
def test_imap_over_tls_marks_only_what_was_saved(desk: Desk, dovecot, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    server, certificate = dovecot
    box = mailbox.Maildir(server.maildir, create=False)
    for data in (KUKAR_MAIL, QUESTION_MAIL):
        box.add(mailbox.MaildirMessage(data))
    server.hand_over()
    monkeypatch.setenv("PILKADA_IMAP_PASSWORD", IMAP_PASSWORD)
    desk = imap_desk(desk, port=server.tls_port, cafile=str(certificate[0]))
    done = ambil(desk, "--format", "json")
    assert done.exit_code == 0, done.output
    kukar, question = json.loads(done.stdout)["messages"]
    assert kukar["arrived"] == "2024-11-18T19:05:00+08:00" and kukar["marked_seen"] is True
    assert kukar["skipped"] == ["foto.jpg"]
    assert Path(kukar["workbooks"][0]["path"]) == desk.inbox / saved_name(KUKAR, "64.03")
    assert question["marked_seen"] is False
    assert unseen(server, certificate) == ["Pertanyaan format"]
    # STARTTLS on the plain port; nothing new but the question.
    desk = imap_desk(desk, port=server.port, ssl=False, starttls=True,
                     cafile=str(certificate[0]))
    again = ambil(desk, "--format", "json")
    assert again.exit_code == 0, again.output
    assert [m["subject"] for m in json.loads(again.stdout)["messages"]] == ["Pertanyaan format"]


@needs_dovecot
def test_imap_mistakes_exit_2_and_leave_the_mail_unread(desk: Desk, dovecot,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    server, certificate = dovecot
    box = mailbox.Maildir(server.maildir, create=False)
    box.add(mailbox.MaildirMessage(SAMARINDA_MAIL))
    server.hand_over()
    before = unseen(server, certificate)
    monkeypatch.setenv("PILKADA_IMAP_PASSWORD", IMAP_PASSWORD)
    trusted = {"port": server.tls_port, "cafile": str(certificate[0])}
    untrusted = ambil(imap_desk(desk, port=server.tls_port))
    assert untrusted.exit_code == 2 and "TLS dengan 127.0.0.1" in untrusted.stderr
    folder = ambil(imap_desk(desk, folder="Laporan Harian", **trusted))
    assert folder.exit_code == 2 and "folder Laporan Harian tidak ada" in folder.stderr
    # Last: after a failed login dovecot slows down the next ones from the same address.
    monkeypatch.setenv("PILKADA_IMAP_PASSWORD", "salah")
    wrong = ambil(imap_desk(desk, **trusted))
    assert wrong.exit_code == 2 and f"login sebagai {IMAP_USER} ditolak" in wrong.stderr
    assert "Traceback" not in wrong.output + untrusted.output + folder.output
    assert not desk.inbox.exists()
    assert "lap smd" in before
    box = mailbox.Maildir(server.maildir, create=False)
    assert flags(box)["lap smd"] == ""


def test_an_inbox_that_cannot_be_written_leaves_the_mail_unread(desk: Desk,
                                                                maildir: Path) -> None:
    blocked = desk.root / "berkas.txt"
    blocked.write_text("bukan folder", encoding="utf-8")
    done = ambil(desk, str(maildir), "--inbox", str(blocked / "inbox"))
    assert done.exit_code == 2 and "tidak dapat menulis ke kotak masuk" in done.stderr
    assert "Traceback" not in done.output
    assert set(flags(mailbox.Maildir(maildir, create=False)).values()) == {"", "S"}
    assert flags(mailbox.Maildir(maildir, create=False))["Laporan 18 Nov"] == ""
