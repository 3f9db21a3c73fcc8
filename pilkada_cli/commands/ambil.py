"""`pilkada ambil` (fetch): reports sent by e-mail, from a Maildir folder or the IMAP
mailbox of pilkada.yaml, saved into the inbox with the time they arrived."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pilkada_cli import texts
from pilkada_cli.commands.common import (
    ConfigOption,
    Lang,
    LangOption,
    SchemaOption,
    guarded,
    load_context,
)
from pilkada_cli.errors import UsageError
from pilkada_cli.jsonio import dumps

if TYPE_CHECKING:
    from pilkada_cli.config import Config
    from pilkada_cli.jobs.fetch_mail import Attachment, Fetched


class AmbilFormat(str, Enum):
    text = "text"
    json = "json"


@guarded
def ambil(
    maildir: Annotated[Path | None, typer.Argument(
        metavar="[MAILDIR]", help="A Maildir folder to read (default: the imap: mailbox of "
        "pilkada.yaml).", show_default=False)] = None,
    inbox: Annotated[Path | None, typer.Option(
        "--inbox", help="Where the workbooks go (default: the config's paths.inbox).",
        file_okay=False)] = None,
    output_format: Annotated[AmbilFormat, typer.Option(
        "--format", help="text (a line per message and file) or json.")] = AmbilFormat.text,
    lang: LangOption = Lang.id,
    config_path: ConfigOption = None,
    schema_path: SchemaOption = None,
) -> None:
    """Save the .xlsx/.xlsm attachments of new e-mails into the inbox.

    Each workbook is named from its content (date/code-sha256.xlsx), and its file time
    is when the message arrived (its Received header, else its Date), so `status` and
    `compile` judge lateness by the e-mail. Other attachments are listed and skipped. A
    message is marked read once its workbooks are safely written; one without a workbook
    stays unread.
    """
    from pilkada_cli.jobs.fetch_mail import fetch
    from pilkada_cli.jobs.mailboxes import ImapSource, MaildirSource, Source

    config, schema = load_context(config_path, schema_path)
    code = lang.value
    target = inbox or config.paths["inbox"]
    source: Source
    if maildir is not None:
        source = MaildirSource(maildir, code)
    elif config.imap is not None:
        source = ImapSource(config.imap, code)
    else:
        raise UsageError(texts.text("ambil", "no_source", code))
    with source:
        fetched = fetch(source, target, config, schema)
    if output_format is AmbilFormat.json:
        typer.echo(dumps({"inbox": target, "messages": [_entry(f) for f in fetched]}, indent=2))
    else:
        _print(fetched, config, code)
    saved = sum(1 for f in fetched for a in f.workbooks if not a.known)
    typer.echo(texts.text("ambil", "summary", code, messages=len(fetched), saved=saved,
                          inbox=target), err=True)


def _entry(fetched: Fetched) -> dict[str, Any]:
    return {"sender": fetched.sender, "subject": fetched.subject,
            "arrived": fetched.arrived.isoformat() if fetched.arrived else None,
            "marked_seen": fetched.marked,
            "workbooks": [{"name": a.name, "path": str(a.saved) if a.saved else None,
                           "known": a.known, "regency": a.regency,
                           "date": a.date.isoformat() if a.date else None}
                          for a in fetched.workbooks],
            "skipped": fetched.skipped, "too_large": fetched.too_large}


def _print(fetched: list[Fetched], config: Config, lang: str) -> None:
    from pilkada_cli.formats import fmt_clock, fmt_date, fmt_size

    for message in fetched:
        when = "–"
        if message.arrived is not None:
            local = message.arrived.astimezone(config.timezone)
            when = f"{fmt_date(local.date(), lang, weekday=False)} " \
                   f"{fmt_clock(local, lang, config.timezone_label)}"
        typer.echo(texts.text("ambil", "message", lang, sender=message.sender or "?",
                              arrived=when, subject=message.subject
                              or texts.text("ambil", "no_subject", lang)))
        for attachment in message.workbooks:
            typer.echo(texts.text("ambil", "known" if attachment.known else "saved", lang,
                                  path=attachment.saved, what=_what(attachment, config, lang)))
        for name in message.skipped:
            typer.echo(texts.text("ambil", "skipped", lang, name=name))
        for name in message.too_large:
            typer.echo(texts.text("ambil", "too_large", lang, name=name,
                                  limit=fmt_size(config.limits.max_file_bytes)))
        if not message.workbooks:
            typer.echo(texts.text("ambil", "unread", lang))


def _what(attachment: Attachment, config: Config, lang: str) -> str:
    from pilkada_cli.formats import fmt_date

    regency = config.regency(attachment.regency) if attachment.regency else None
    if regency is None or attachment.date is None:
        return f"{attachment.name}; {texts.text('ambil', 'unidentified', lang)}"
    return f"{attachment.name}; {regency.name}, {fmt_date(attachment.date, lang, weekday=False)}"
