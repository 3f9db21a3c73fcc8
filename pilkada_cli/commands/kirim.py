"""`pilkada kirim` (send): the day's messages to the regencies that are invalid, late or
missing, as text to paste, JSON, WhatsApp links, or e-mails with the marked copy."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pilkada_cli import texts
from pilkada_cli.commands.common import (
    ConfigOption,
    DateOption,
    Lang,
    LangOption,
    SchemaOption,
    WaitOption,
    guarded,
    load_context,
    parse_date,
)
from pilkada_cli.errors import ExitCode, UsageError
from pilkada_cli.jsonio import dumps

if TYPE_CHECKING:
    from pilkada_cli.config import Config
    from pilkada_cli.jobs.send_day import Delivery, Outgoing, Plan

KINDS = ("reported", "late", "invalid", "missing")
DEFAULT_KINDS = "invalid,late,missing"


class KirimFormat(str, Enum):
    text = "text"
    json = "json"


@guarded
def kirim(
    inbox: Annotated[Path | None, typer.Argument(
        metavar="INBOX", help="Folder of incoming workbooks to take in first (default: the "
        "config's paths.inbox, when that folder exists).", show_default=False)] = None,
    date: DateOption = "today",
    statuses: Annotated[str, typer.Option(
        "--status", help="Which regencies get a message, by status: any of "
        "invalid,late,missing,reported.")] = DEFAULT_KINDS,
    everyone: Annotated[bool, typer.Option(
        "--semua", "--all", help="A message to every regency, whatever its status.")] = False,
    output_format: Annotated[KirimFormat, typer.Option(
        "--format", help="text (one block per regency, ready to paste) or json.")
    ] = KirimFormat.text,
    wa: Annotated[bool, typer.Option(
        "--wa", help="A https://wa.me link per regency (the number from its last valid "
        "report, else contacts in pilkada.yaml).")] = False,
    email: Annotated[bool, typer.Option(
        "--email", help="Send each message by e-mail (smtp in pilkada.yaml) to the "
        "regency's contacts, the marked copy of an invalid file attached.")] = False,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="With --email: write the e-mails as .eml files instead of "
        "sending them.")] = False,
    out: Annotated[Path | None, typer.Option(
        "--out", help="With --dry-run: folder for the .eml files (default: "
        "OUT/YYYY-MM-DD/surel under the config's paths.out).", file_okay=False)] = None,
    resend: Annotated[bool, typer.Option(
        "--resend", help="With --email: send again what was sent before for the same "
        "file.")] = False,
    scan: Annotated[bool, typer.Option(
        "--scan/--no-scan", help="Check and record inbox files the store has not seen yet "
        "first; --no-scan reads the store only.")] = True,
    lang: LangOption = Lang.id,
    config_path: ConfigOption = None,
    schema_path: SchemaOption = None,
    wait: WaitOption = 60,
) -> None:
    """The day's messages to the regencies that are invalid, late or missing.

    Each message names the regency, the day, an invalid file's errors by sheet and cell,
    what to do and the deadline; its text comes from the templates in templates/kirim/.
    By e-mail a message for the same file goes out once (the store records it; --resend
    to repeat). Exit code 0 when every message is ready or sent, 1 when a regency has no
    address or the server refused one, 2 for a configuration or mail server error.
    """
    from pilkada_cli.jobs.scan_inbox import scan_inbox
    from pilkada_cli.jobs.send_day import deliver_email, plan_day
    from pilkada_cli.store.ledger import Store
    from pilkada_cli.store.lock import run_lock

    kinds = list(KINDS) if everyone else _kinds(statuses)
    if dry_run and not email:
        raise UsageError(texts.phrase("usage", "only_with_email", option="--dry-run"))
    if (resend or out is not None) and not email:
        raise UsageError(texts.phrase("usage", "only_with_email",
                                      option="--resend" if resend else "--out"))
    if wa and email:
        raise UsageError(texts.phrase("usage", "wa_or_email"))
    config, schema = load_context(config_path, schema_path)
    day = parse_date(date, config)
    if inbox is not None and not inbox.is_dir():
        raise UsageError(texts.phrase("usage", "no_folder", path=inbox))
    folder = inbox or config.paths["inbox"]
    if scan and folder.is_dir():
        scan_inbox(folder, config, schema, wait, "kirim")
    now = dt.datetime.now(config.timezone)
    code = lang.value
    if email:
        target = (out or config.paths["out"] / day.isoformat() / "surel") if dry_run else None
        with run_lock(config, wait), Store.open(config, schema, create=False) as store:
            plan = plan_day(store, config, schema, day, kinds, code, now, attach=True)
            delivery = deliver_email(plan, store, config, code, now, resend=resend,
                                     folder=target)
        failed = _print_delivery(plan, delivery, output_format, config, code, target)
        raise typer.Exit(int(ExitCode.INPUT_ERRORS if failed else ExitCode.OK))
    with Store.open(config, schema, create=False) as store:
        plan = plan_day(store, config, schema, day, kinds, code, now)
    unreachable = [item for item in plan.items if wa and item.phone is None]
    if output_format is KirimFormat.json:
        typer.echo(dumps(_document(plan, "wa" if wa else "text", None), indent=2))
    else:
        _print_messages(plan, wa, code)
    for item in unreachable:
        _note(texts.text("kirim", "no_phone", code, regency=item.row.regency.name))
    raise typer.Exit(int(ExitCode.INPUT_ERRORS if unreachable else ExitCode.OK))


def _kinds(text: str) -> list[str]:
    wanted = [part.strip().lower() for part in text.split(",") if part.strip()]
    unknown = [w for w in wanted if w not in KINDS]
    if unknown or not wanted:
        raise UsageError(texts.phrase("usage", "bad_status", choices=",".join(KINDS),
                                      value=text))
    return list(dict.fromkeys(wanted))


def _header(item: Outgoing, lang: str) -> str:
    return texts.text("kirim", "header", lang, code=item.row.regency.code,
                      regency=item.row.regency.name,
                      status=texts.text("kirim", f"status_{item.row.status}", lang))


def _print_messages(plan: Plan, wa: bool, lang: str) -> None:
    if not plan.items:
        _note(texts.text("kirim", "nothing", lang, date=plan.status.date))
        return
    blocks = []
    for item in plan.items:
        lines = [f"=== {_header(item, lang)} ==="]
        if wa:
            if item.wa:
                lines += [texts.text("kirim", "to", lang, to="+" + str(item.phone)), item.wa]
        else:
            lines.append(item.message.text.rstrip("\n"))
        blocks.append("\n".join(lines))
    typer.echo("\n\n".join(blocks))


def _document(plan: Plan, channel: str, delivery: Delivery | None) -> dict[str, Any]:
    outcomes = {id(o.item): o for o in delivery.outcomes} if delivery else {}
    messages = []
    for item in plan.items:
        entry: dict[str, Any] = {
            "code": item.row.regency.code, "name": item.row.regency.name,
            "status": item.row.status, "file": item.message.file,
            "sha256": item.message.sha256 or None, "errors": item.message.errors,
            "subject": item.message.subject, "text": item.message.text,
            "phone": item.phone, "phone_from": item.phone_from, "wa": item.wa,
            "email": list(item.emails)}
        outcome = outcomes.get(id(item))
        if outcome is not None:
            entry["outcome"] = outcome.result
            entry["detail"] = outcome.detail or None
            entry["path"] = str(outcome.path) if outcome.path else None
        messages.append(entry)
    return {"date": plan.status.date.isoformat(), "deadline": plan.status.deadline.isoformat(),
            "channel": channel, "messages": messages}


def _print_delivery(plan: Plan, delivery: Delivery, output_format: KirimFormat, config: Config,
                    lang: str, folder: Path | None) -> bool:
    """The e-mails' fate, one line each; True when one could not go."""
    if output_format is KirimFormat.json:
        typer.echo(dumps(_document(plan, "email", delivery), indent=2))
    elif not plan.items:
        _note(texts.text("kirim", "nothing", lang, date=plan.status.date))
    for outcome in delivery.outcomes:
        name = outcome.item.row.regency.name
        if outcome.no_copy:
            _note(texts.text("kirim", "no_copy", lang, regency=name, reason=outcome.no_copy))
        if outcome.result == "no_address":
            _note(texts.text("kirim", "no_email", lang, regency=name))
            continue
        if output_format is KirimFormat.json:
            continue
        if outcome.result == "already":
            when = dt.datetime.fromisoformat(outcome.detail).astimezone(config.timezone)
            line = texts.text("kirim", "already", lang, regency=name, to=outcome.to,
                              when=_when(when, lang, config))
        elif outcome.result == "written":
            line = texts.text("kirim", "written", lang, path=outcome.path)
        else:
            line = texts.text("kirim", outcome.result, lang, regency=name, to=outcome.to,
                              reason=outcome.detail)
        typer.echo(line)
    if folder is not None:
        _note(texts.text("kirim", "summary_dry", lang, written=delivery.count("written"),
                         folder=folder))
    else:
        _note(texts.text("kirim", "summary_email", lang, sent=delivery.count("sent"),
                         skipped=delivery.count("already"),
                         failed=delivery.count("refused") + delivery.count("no_address")))
    return bool(delivery.count("refused") or delivery.count("no_address"))


def _when(moment: dt.datetime, lang: str, config: Config) -> str:
    from pilkada_cli.formats import fmt_clock, fmt_date

    return f"{fmt_date(moment.date(), lang, weekday=False)} " \
           f"{fmt_clock(moment, lang, config.timezone_label)}"


def _note(text: str) -> None:
    typer.echo(text, err=True)
