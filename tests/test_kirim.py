"""`pilkada kirim`: the day's messages to the regencies (text, JSON, WhatsApp links, e-mail
through a real SMTP server on 127.0.0.1), sent once per file, and bad mail config told
plainly with nothing recorded."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import sqlite3
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from pilkada_cli.cli import app
from pilkada_cli.config import load_config
from pilkada_cli.errors import ConfigError
from pilkada_cli.formats import wa_number
from pilkada_cli.jobs.send_day import plan_day
from pilkada_cli.store.ledger import Store
from pilkada_cli.store.migrations import SCHEMA_VERSION

from .conftest import LAST_DAY, WITA, Desk, raises_in_english
from .mailserver import PASSWORD, USER, free_port, make_certificate, smtp_server

runner = CliRunner()
EVE = LAST_DAY - dt.timedelta(days=1)
CONTACTS = """contacts:
  - {regency: Kukar, name: Bapak Budi, phone: "0812-3456-7890", email: desk@kukar.example}
  - {regency: Mahulu, email: [mahulu@example.id, sekretariat@mahulu.example]}
  - {regency: "64.01", phone: "+62 811 5400 123"}
"""
SENDER = "Desk Pilkada Kaltim <desk@kaltimprov.example>"


def configure(desk: Desk, extra: str = "") -> Desk:
    """The desk's pilkada.yaml with contacts and `extra` (an smtp: block)."""
    desk.config_path.write_text('deadline: "18:00"\npaths: {store: data/pilkada.sqlite}\n'
                                + CONTACTS + extra, encoding="utf-8")
    return Desk(desk.root, load_config(desk.config_path), desk.schema)


def smtp_block(port: int, **options: object) -> str:
    settings = {"host": "127.0.0.1", "port": port, "starttls": False, "from": SENDER, **options}
    return "smtp: " + json.dumps(settings) + "\n"


def kirim(desk: Desk, *args: str):
    return runner.invoke(app, ["kirim", "--date", "2024-11-18", *args, "--config",
                               str(desk.config_path)])


def broken_kukar(desk: Desk, changes: dict | None = None, name: str = "kukar-salah.xlsx") -> Path:
    path = desk.write_report("64.03", LAST_DAY, changes or {"logistik.kotak_suara.diterima":
                                                           "seratus"}, name=name)
    return Path(shutil.move(path, desk.inbox / "2024-11-18" / name))


@pytest.fixture
def day(desk: Desk) -> Desk:
    """17 and 18 November; on the 18th Kukar sent only an invalid file and Mahulu nothing."""
    desk = configure(desk)
    desk.copy_day(EVE)
    for path in desk.copy_day(LAST_DAY):
        if "Kukar" in path.name:
            path.unlink()
    broken_kukar(desk)
    return desk


def blocks(stdout: str) -> dict[str, str]:
    """The text output by regency code."""
    found = {}
    for block in stdout.split("=== ")[1:]:
        found[block.split()[0]] = block
    return found


def test_text_messages_name_the_errors_by_cell_and_the_deadline(day: Desk) -> None:
    done = kirim(day)
    assert done.exit_code == 0, done.output
    messages = blocks(done.stdout)
    assert list(messages) == ["64.03", "64.11"]
    kukar, mahulu = messages["64.03"], messages["64.11"]
    assert kukar.startswith("64.03 Kabupaten Kutai Kartanegara (tidak sah) ===\nYth. Bapak Budi,")
    assert ('Laporan harian Kabupaten Kutai Kartanegara untuk Senin, 18 November 2024 (berkas '
            '"kukar-salah.xlsx") belum dapat kami rekap karena terdapat 1 galat:') in kukar
    assert "1. Logistik!C9: 'Kotak suara – Diterima': 'seratus' bukan bilangan bulat." in kukar
    assert "Batas pengiriman (18.00 WITA) sudah lewat; mohon dikirim secepatnya." in kukar
    assert "Terlampir" not in kukar   # no marked copy in a pasted text
    assert "Yth. Desk Pilkada Kabupaten Mahakam Ulu," in mahulu
    assert "belum menerima laporan harian Kabupaten Mahakam Ulu untuk Senin, 18 November" \
        in mahulu
    assert mahulu.rstrip().endswith("Desk Pilkada Provinsi Kalimantan Timur")
    everyone = kirim(day, "--semua", "--no-scan")
    assert len(blocks(everyone.stdout)) == 10
    assert "telah kami terima pukul 16.30 WITA dan sah" in blocks(everyone.stdout)["64.01"]
    only = kirim(day, "--status", "missing", "--no-scan")
    assert list(blocks(only.stdout)) == ["64.11"]


def test_json_in_english(day: Desk) -> None:
    done = kirim(day, "--format", "json", "--lang", "en")
    assert done.exit_code == 0, done.output
    document = json.loads(done.stdout)
    assert document["date"] == "2024-11-18" and document["channel"] == "text"
    kukar, mahulu = document["messages"]
    assert kukar["status"] == "invalid" and kukar["errors"] == 1
    assert kukar["file"] == "kukar-salah.xlsx" and len(kukar["sha256"]) == 64
    assert kukar["subject"] == ("Daily report of Kabupaten Kutai Kartanegara – Monday, "
                                "18 November 2024: corrections needed")
    assert "Logistik!C9: 'Ballot boxes – Received': 'seratus' is not a whole number." \
        in kukar["text"]
    assert kukar["email"] == ["desk@kukar.example"]
    assert mahulu["status"] == "missing" and mahulu["sha256"] is None
    assert mahulu["email"] == ["mahulu@example.id", "sekretariat@mahulu.example"]


def test_ten_errors_at_most_then_how_many_more(desk: Desk) -> None:
    desk = configure(desk)
    desk.copy_day(LAST_DAY)
    keys = [k for k, f in desk.schema.scalar_fields().items()
            if f.type == "integer" and k.startswith("netralitas.")][:12]
    broken = desk.write_report("64.11", LAST_DAY, dict.fromkeys(keys, "banyak"))
    shutil.move(broken, desk.inbox / "2024-11-18" / "mahulu.xlsx")
    done = kirim(desk, "--format", "json")
    (message,) = [m for m in json.loads(done.stdout)["messages"] if m["code"] == "64.11"]
    lines = message["text"].splitlines()
    numbered = [line for line in lines if re.match(r"\d+\. ", line)]
    assert len(numbered) == 10 and numbered[0].startswith("1. Netralitas!")
    assert "… dan 2 lainnya." in lines
    assert "terdapat 12 galat" in message["text"]


def test_before_the_deadline_the_message_gives_it(day: Desk) -> None:
    runner.invoke(app, ["status", "--date", "2024-11-18", "--config", str(day.config_path)])
    morning = dt.datetime(2024, 11, 18, 16, 0, tzinfo=WITA)
    with Store.open(day.config, day.schema) as store:
        plan = plan_day(store, day.config, day.schema, LAST_DAY, ["missing"], "id", morning)
    (item,) = plan.items
    assert "Batas pengiriman: 18.00 WITA, Senin, 18 November 2024." in item.message.text
    assert item.message.subject == ("Pengingat laporan harian Kabupaten Mahakam Ulu – Senin, "
                                    "18 November 2024")


def test_whatsapp_links_from_the_last_valid_report_or_the_contacts(day: Desk) -> None:
    done = kirim(day, "--wa", "--format", "json", "--semua")
    assert done.exit_code == 0, done.output
    by_code = {m["code"]: m for m in json.loads(done.stdout)["messages"]}
    # Kukar's file of the day is invalid: the phone of its report of the 17th.
    kukar = by_code["64.03"]
    assert (kukar["phone"], kukar["phone_from"]) == ("6281251742226", "report")
    link = urlsplit(kukar["wa"])
    assert (link.scheme, link.netloc, link.path) == ("https", "wa.me", "/6281251742226")
    assert parse_qs(link.query)["text"] == [kukar["text"]]
    assert by_code["64.11"]["phone"] == "6281253222678"   # missing today, reported on the 17th
    text = kirim(day, "--wa", "--no-scan")
    assert "Kepada: +6281251742226\nhttps://wa.me/6281251742226?text=Yth.%20Bapak%20Budi" \
        in text.stdout


def test_the_contacts_phone_when_no_report_has_one(desk: Desk) -> None:
    desk = configure(desk)
    (desk.inbox / "2024-11-18").mkdir(parents=True)
    broken_kukar(desk)
    done = kirim(desk, "--wa", "--format", "json")
    assert done.exit_code == 1   # most regencies have no number at all
    by_code = {m["code"]: m for m in json.loads(done.stdout)["messages"]}
    assert (by_code["64.03"]["phone"], by_code["64.03"]["phone_from"]) == \
        ("6281234567890", "contacts")
    assert by_code["64.01"]["phone"] == "628115400123"
    assert by_code["64.02"]["wa"] is None
    assert "Kabupaten Kutai Barat: tidak ada nomor WhatsApp" in done.stderr


@pytest.mark.parametrize(("typed", "number"), [
    ("0812-5174-2226", "6281251742226"), ("+62 812 5174 2226", "6281251742226"),
    ("6281251742226", "6281251742226"), ("81251742226", "6281251742226"),
    ("(0541) 736-852", "62541736852"), ("12345", None), ("0000000000", None), ("0888888888", None),
    ("+1 202 555 0100", None), ("nomor", None)])
def test_phone_numbers_become_62(typed: str, number: str | None) -> None:
    assert wa_number(typed) == number


@pytest.mark.parametrize(("block", "message"), [
    ("contacts:\n  - {regency: Jakarta, phone: '0812'}\n", "contacts[0].regency: 'Jakarta'"),
    ("contacts:\n  - {regency: Kukar, phone: '12-34'}\n", "contacts[0].phone: '12-34' is not"),
    ("contacts:\n  - {regency: Kukar, email: budi}\n", "contacts[0].email: 'budi' is not"),
    ("contacts:\n  - {regency: Kukar}\n  - {regency: '64.03'}\n", "64.03 has contacts already"),
    ("smtp: {port: 25}\n", "smtp.host: missing"),
    ("smtp: {host: mail.example, password: rahasia}\n", "a password is never read"),
    ("smtp: {host: mail.example, port: 99999}\n", "smtp.port: expected a port"),
    ("smtp: {host: mail.example, starttls: ya}\n", "smtp.starttls: expected true or false"),
    ("imap: {host: mail.example, ssl: true, starttls: true}\n", "cannot both be true"),
])
def test_bad_contacts_and_server_settings_are_named(tmp_path: Path, block: str,
                                                     message: str) -> None:
    path = tmp_path / "pilkada.yaml"
    path.write_text(block, encoding="utf-8")
    with raises_in_english(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")
                       .replace("(", r"\(").replace(")", r"\)")):
        load_config(path)
    done = runner.invoke(app, ["kirim", "--config", str(path)])
    assert done.exit_code == 2 and "Traceback" not in done.output


def test_server_defaults(tmp_path: Path) -> None:
    path = tmp_path / "pilkada.yaml"
    path.write_text("smtp: {host: mail.example, user: desk, password_env: SANDI}\n"
                    "imap: {host: mail.example}\n", encoding="utf-8")
    config = load_config(path)
    assert (config.smtp.port, config.smtp.starttls, config.smtp.ssl) == (587, True, False)
    assert (config.imap.port, config.imap.ssl, config.imap.folder) == (993, True, "INBOX")


def sent_rows(desk: Desk) -> list[tuple]:
    with Store.open(desk.config, desk.schema) as store:
        return [(s.regency, s.kind, s.sha256[:12], s.channel, s.recipient)
                for s in store.sent(LAST_DAY)]


def test_email_is_sent_once_per_file_with_the_marked_copy(day: Desk) -> None:
    with smtp_server() as (port, received):
        desk = configure(day, smtp_block(port))
        done = kirim(desk, "--email")
        assert done.exit_code == 0, done.output
        assert "terkirim: Kabupaten Kutai Kartanegara → desk@kukar.example" in done.stdout
        assert "2 surel terkirim, 0 sudah pernah dikirim, 0 gagal." in done.stderr
        assert len(received.messages) == 2
        (sender, to, kukar), (_, to_mahulu, mahulu) = received.messages
        assert sender == "desk@kaltimprov.example" and to == ["desk@kukar.example"]
        assert to_mahulu == ["mahulu@example.id", "sekretariat@mahulu.example"]
        assert kukar["Subject"] == ("Perbaikan laporan harian Kabupaten Kutai Kartanegara – "
                                    "Senin, 18 November 2024")
        body = kukar.get_body(("plain",)).get_content()
        assert "Logistik!C9:" in body and "Terlampir salinan berkas" in body
        (attachment,) = kukar.iter_attachments()
        assert attachment.get_filename() == "kukar-salah-koreksi.xlsx"
        book = load_workbook(io.BytesIO(attachment.get_content()))
        assert book.sheetnames[0] == "Koreksi"
        assert book["Koreksi"]["C2"].value == "kukar-salah.xlsx"
        assert book["Logistik"]["C9"].fill.fgColor.rgb == "00FF9999"
        assert not list(mahulu.iter_attachments())
        rows = sent_rows(desk)
        assert [(r[0], r[1], r[3], r[4]) for r in rows] == [
            ("64.03", "invalid", "email", "desk@kukar.example"),
            ("64.11", "missing", "email", "mahulu@example.id, sekretariat@mahulu.example")]
        assert rows[1][2] == ""   # a reminder is about no file

        again = kirim(desk, "--email")
        assert again.exit_code == 0 and len(received.messages) == 2
        assert "sudah dikirim 18 November" not in again.stdout   # sent today, not on the 18th
        assert again.stdout.count("sudah dikirim") == 2 and "--resend" in again.stdout
        # A corrected file that is still wrong is another file: its own message.
        broken_kukar(desk, {"logistik.kotak_suara.diterima": "dua ratus"}, "kukar-2.xlsx")
        third = kirim(desk, "--email")
        assert third.exit_code == 0 and len(received.messages) == 3
        assert "kukar-2.xlsx" in received.messages[2][2].get_body(("plain",)).get_content()
        forced = kirim(desk, "--email", "--resend", "--no-scan")
        assert forced.exit_code == 0 and len(received.messages) == 5
        assert len(sent_rows(desk)) == 5


def test_a_refused_recipient_fails_that_message_only(day: Desk) -> None:
    with smtp_server() as (port, received):
        desk = configure(day, smtp_block(port))
        text = desk.config_path.read_text(encoding="utf-8").replace(
            "desk@kukar.example", "tolak@kukar.example")
        desk.config_path.write_text(text, encoding="utf-8")
        done = kirim(desk, "--email")
        assert done.exit_code == 1
        assert "ditolak server: Kabupaten Kutai Kartanegara → tolak@kukar.example" in done.stdout
        assert "550" in done.stdout
        assert len(received.messages) == 1
        assert [r[0] for r in sent_rows(desk)] == ["64.11"]


def test_a_regency_without_an_address_is_named(day: Desk) -> None:
    with smtp_server() as (port, received):
        desk = configure(day, smtp_block(port))
        done = kirim(desk, "--email", "--semua")
        assert done.exit_code == 1
        assert "Kabupaten Kutai Barat: tidak ada alamat surel" in done.stderr
        assert len(received.messages) == 2


def test_dry_run_writes_eml_files_and_records_nothing(day: Desk, tmp_path: Path) -> None:
    folder = tmp_path / "surel"
    done = kirim(day, "--email", "--dry-run", "--out", str(folder))
    assert done.exit_code == 0, done.output
    assert sorted(p.name for p in folder.iterdir()) == ["64.03-invalid.eml", "64.11-missing.eml"]
    from email import message_from_bytes, policy

    message = message_from_bytes((folder / "64.03-invalid.eml").read_bytes(),
                                 policy=policy.default)
    assert message["To"] == "desk@kukar.example"
    assert [a.get_filename() for a in message.iter_attachments()] == ["kukar-salah-koreksi.xlsx"]
    assert sent_rows(day) == []
    default = kirim(day, "--email", "--dry-run", "--no-scan")
    assert (day.config.paths["out"] / "2024-11-18" / "surel" / "64.11-missing.eml").is_file()
    assert "2 surel ditulis" in default.stderr


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return make_certificate(tmp_path_factory.mktemp("tls"))


def test_starttls_and_login_with_the_desk_s_own_certificate(
        day: Desk, certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PILKADA_SMTP_PASSWORD", PASSWORD)
    with smtp_server(certificate, login=True) as (port, received):
        desk = configure(day, smtp_block(port, starttls=True, user=USER,
                                         password_env="PILKADA_SMTP_PASSWORD",
                                         cafile=str(certificate[0])))
        done = kirim(desk, "--email")
        assert done.exit_code == 0, done.output
        assert len(received.messages) == 2 and len(sent_rows(desk)) == 2


def bad_server(desk: Desk, block: str, *args: str) -> str:
    """Run kirim --email against a server that cannot be used: exit 2, nothing recorded."""
    desk = configure(desk, block)
    done = kirim(desk, "--email", *args)
    assert done.exit_code == 2, done.output
    assert "Traceback" not in done.output
    assert sent_rows(desk) == []
    return done.stderr


def test_bad_mail_servers_stop_the_run_and_nothing_is_recorded(
        day: Desk, certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    assert "server SMTP belum diatur" in bad_server(day, "")
    refused = bad_server(day, smtp_block(free_port()))
    assert "tidak dapat dihubungi" in refused and "127.0.0.1" in refused
    assert "cannot reach the mail server" in bad_server(day, smtp_block(free_port()),
                                                        "--lang", "en")
    monkeypatch.setenv("PILKADA_SMTP_PASSWORD", "salah")
    with smtp_server(certificate, login=True) as (port, received):
        login = {"user": USER, "password_env": "PILKADA_SMTP_PASSWORD"}
        # The server's certificate is not trusted without cafile.
        untrusted = bad_server(day, smtp_block(port, starttls=True, **login))
        assert "TLS dengan 127.0.0.1" in untrusted and "certificate" in untrusted
        # No STARTTLS asked for: the server refuses to go on in the clear.
        assert "login" in bad_server(day, smtp_block(port, **login)).lower()
        wrong = bad_server(day, smtp_block(port, starttls=True, cafile=str(certificate[0]),
                                           **login))
        assert f"login sebagai {USER} ditolak" in wrong and "PILKADA_SMTP_PASSWORD" in wrong
        monkeypatch.delenv("PILKADA_SMTP_PASSWORD")
        unset = bad_server(day, smtp_block(port, starttls=True, **login))
        assert "PILKADA_SMTP_PASSWORD (password_env) belum diisi" in unset
        assert received.messages == []
    with smtp_server() as (port, _):
        assert "TLS dengan" in bad_server(day, smtp_block(port, starttls=True))


def test_usage_mistakes_exit_2(day: Desk) -> None:
    for args in (["--dry-run"], ["--resend"], ["--wa", "--email"], ["--status", "telat"]):
        done = kirim(day, *args)
        assert done.exit_code == 2 and "Traceback" not in done.output, args


def test_send_is_kirim_in_english(day: Desk) -> None:
    done = runner.invoke(app, ["send", "--date", "2024-11-18", "--config",
                               str(day.config_path), "--lang", "en"])
    assert done.exit_code == 0 and "We have not yet received" in done.stdout
    assert "send" not in runner.invoke(app, ["--help"]).stdout.split("Commands:")[1]


def test_a_store_of_the_previous_version_opens_with_every_row(day: Desk) -> None:
    assert runner.invoke(app, ["status", "--config", str(day.config_path)]).exit_code in (0, 1)
    path = day.config.paths["store"]
    with Store.open(day.config, day.schema) as store:
        before = (store.submissions(), store.accepted(EVE), store.accepted(LAST_DAY))
    # Back to version 2, as the previous release left it.
    with sqlite3.connect(path) as db:
        for table in ("sent", "revision_files", "revisions"):
            db.execute(f"DROP TABLE {table}")
        db.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    db.close()
    with Store.open(day.config, day.schema) as store:
        assert store.version() == SCHEMA_VERSION == 4
        assert (store.submissions(), store.accepted(EVE), store.accepted(LAST_DAY)) == before
        assert len(before[0]) == 19 and store.sent(LAST_DAY) == []
    with smtp_server() as (port, received):
        desk = configure(day, smtp_block(port))
        assert kirim(desk, "--email").exit_code == 0 and len(sent_rows(desk)) == 2
