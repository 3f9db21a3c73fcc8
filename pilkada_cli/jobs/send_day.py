"""Closing the loop with the senders for one day: a message to each regency that is
invalid, late or missing (or any chosen status), addressed from its last valid report
or the config's contacts, and, by e-mail, sent once per file.

Who is what comes from day.attendance.day_status over the store's submissions, the one
rule `pilkada status` and the briefing use. An invalid file is read again (its archived
copy, the very bytes first checked) to list its errors cell by cell, with the rules
across days applied as when it was taken in. The store's `sent` table says what went
out, when and to whom: a message for the same day, regency, status and file goes to the
same addresses once, unless `resend`.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from pilkada_cli.checking.model import Report
from pilkada_cli.checking.schema import Schema
from pilkada_cli.config import Config
from pilkada_cli.day.attendance import DayStatus, RegencyStatus, day_status
from pilkada_cli.errors import MailError
from pilkada_cli.files import atomic_write, safe_stem
from pilkada_cli.formats import wa_number
from pilkada_cli.reader.opening import file_sha256
from pilkada_cli.senders.messages import Message, compose, context, wa_link
from pilkada_cli.store.ledger import SentMessage, Store, Submission

EMAIL = "email"


@dataclass
class Outgoing:
    """One regency's message and where it can go."""

    row: RegencyStatus
    message: Message
    phone: str | None = None
    phone_from: str | None = None
    """'report' (the last valid report's phone) or 'contacts' (pilkada.yaml)."""
    emails: tuple[str, ...] = ()
    report: Report | None = None
    """The invalid file as checked again, for its marked copy."""

    @property
    def wa(self) -> str | None:
        return wa_link(self.phone, self.message.text) if self.phone else None


@dataclass
class Plan:
    status: DayStatus
    items: list[Outgoing]


@dataclass(frozen=True)
class Outcome:
    """What became of one e-mail: sent, written (.eml), already (sent before), refused,
    no_address; `no_copy` when the marked copy could not be attached."""

    item: Outgoing
    result: str
    to: str = ""
    detail: str = ""
    path: Path | None = None
    no_copy: str | None = None


@dataclass
class Delivery:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, result: str) -> int:
        return sum(o.result == result for o in self.outcomes)


def plan_day(store: Store, config: Config, schema: Schema, day: dt.date,
             kinds: Sequence[str], lang: str, now: dt.datetime, *,
             attach: bool = False) -> Plan:
    """The messages of the day for the regencies whose status is one of `kinds`."""
    status = day_status(store.submissions(day), config, day)
    rows = [row for row in status.regencies if row.status in kinds]
    checked = _check_again(store, config, schema,
                           [row.file for row in rows if row.status == "invalid" and row.file])
    phone_key = next((key for key, f in schema.scalar_fields().items() if f.type == "phone"),
                     None)
    items = []
    for row in rows:
        report = checked.get(row.file.sha256) if row.file and row.status == "invalid" else None
        m = context(row, status, config, lang, now, report.issues if report else None,
                    attached=attach and report is not None)
        phone, source = _phone(store, config, row, day, phone_key)
        contact = config.contact(row.regency.code)
        items.append(Outgoing(row, compose(m, row, config, lang), phone, source,
                              contact.emails if contact else (), report))
    return Plan(status, items)


def _check_again(store: Store, config: Config, schema: Schema,
                 files: list[Submission]) -> dict[str, Report]:
    """The files read again, by SHA-256: from the archive, else from where they were seen
    when that still holds the same bytes. Rules across days are applied, not recorded."""
    from pilkada_cli.checking.validate import check_files
    from pilkada_cli.store.intake import take_in

    paths = {}
    for sub in files:
        for candidate in (sub.archive_path, Path(sub.path)):
            if candidate is not None and file_sha256(
                    candidate, config.limits.max_file_bytes) == sub.sha256:
                paths[sub.sha256] = candidate
                break
    if not paths:
        return {}
    reports = list(check_files(list(paths.values()), schema, config))
    take_in(store, reports, schema, record=False)
    return {r.sha256: r for r in reports if r.sha256}


def _phone(store: Store, config: Config, row: RegencyStatus, day: dt.date,
           key: str | None) -> tuple[str | None, str | None]:
    """The reporter's phone on the regency's last valid report up to the day, else the
    first phone of its contacts."""
    if key is not None:
        last = store.recent(row.regency.code, day + dt.timedelta(days=1), 1)
        number = wa_number(str(last[-1].values.get(key) or "")) if last else None
        if number:
            return number, "report"
    contact = config.contact(row.regency.code)
    if contact and contact.phones:
        return contact.phones[0], "contacts"
    return None, None


def marked_copy(item: Outgoing, lang: str) -> tuple[tuple[str, bytes] | None, str | None]:
    """The `-koreksi.xlsx` copy of the invalid file, named after the sender's file, or why
    there is none."""
    from pilkada_cli.senders.annotate import SUFFIX, annotate

    report, row = item.report, item.row
    if report is None or row.file is None:
        return None, None
    name = safe_stem(row.file.name) + Path(row.file.name).suffix.lower()
    with tempfile.TemporaryDirectory(prefix="pilkada-kirim-") as tmp:
        source = Path(tmp) / name
        try:
            # The bytes checked, not the file opened again.
            source.write_bytes(report.content if report.content is not None
                               else report.path.read_bytes())
        except OSError as exc:
            return None, exc.strerror or str(exc)
        done = annotate(replace(report, path=source), Path(tmp) / "out", lang)
        if done.target is None:
            return None, done.detail or done.reason
        return (safe_stem(row.file.name) + SUFFIX, done.target.read_bytes()), None


def deliver_email(plan: Plan, store: Store, config: Config, lang: str, now: dt.datetime, *,
                  resend: bool = False, folder: Path | None = None) -> Delivery:
    """Send each message by e-mail (or, with `folder`, write it there as .eml), once per
    file and addresses unless `resend`. Sent messages are recorded as each is taken;
    a server that cannot be used stops the run before the first (MailError)."""
    from pilkada_cli.senders.mail import Refused, SmtpSession, build_email

    server = config.smtp
    if folder is None and server is None:
        raise MailError(_text("no_smtp", lang))
    sender = server.sender if server and server.sender else None
    if folder is None and sender is None:
        raise MailError(_text("no_sender", lang))
    delivery = Delivery()
    pending = []
    for item in plan.items:
        to = ", ".join(item.emails)
        if not item.emails:
            delivery.outcomes.append(Outcome(item, "no_address"))
            continue
        before = _sent_before(store, plan.status.date, item.message, to)
        if before is not None and not resend:
            delivery.outcomes.append(Outcome(item, "already", to, detail=before.isoformat()))
            continue
        pending.append(item)
    if not pending:
        return delivery
    if folder is not None:
        for item in pending:
            attachment, no_copy = marked_copy(item, lang)
            email = build_email(item.message, sender or "Desk Pilkada <desk-pilkada@localhost>",
                                item.emails, now, attachment)
            path = folder / f"{item.row.regency.code}-{item.message.kind}.eml"
            atomic_write(path, bytes(email))
            delivery.outcomes.append(Outcome(item, "written", ", ".join(item.emails), path=path,
                                             no_copy=no_copy))
        return delivery
    assert server is not None and sender is not None
    prepared = [(item, *marked_copy(item, lang)) for item in pending]
    with SmtpSession(server, lang) as smtp:
        for item, attachment, no_copy in prepared:
            email = build_email(item.message, sender, item.emails, now, attachment)
            to = ", ".join(item.emails)
            try:
                smtp.send(email)
            except Refused as exc:
                delivery.outcomes.append(Outcome(item, "refused", to, detail=str(exc)))
                continue
            store.record_sent(SentMessage(
                plan.status.date, item.row.regency.code, item.message.kind,
                item.message.sha256, EMAIL, to, item.message.subject, email["Message-ID"],
                dt.datetime.now(dt.UTC)))
            delivery.outcomes.append(Outcome(item, "sent", to, no_copy=no_copy))
    return delivery


def _sent_before(store: Store, day: dt.date, message: Message, to: str) -> dt.datetime | None:
    for sent in store.sent(day, message.code):
        if (sent.kind, sent.sha256, sent.channel, sent.recipient) == (
                message.kind, message.sha256, EMAIL, to):
            return sent.sent_at
    return None


def _text(key: str, lang: str) -> str:
    from pilkada_cli import texts

    return texts.text("kirim", key, lang)
