"""The message to a regency about its report of one day: its subject and text, from the
staff-editable templates in templates/kirim/ (one per status: invalid, late, missing,
reported; and subject.txt.j2), with the fixed words of texts/kirim.py.

The templates run in jinja2's sandbox; what comes from a workbook (a file name, an
error's value) is only ever printed, never run as template code. A message is plain
text, the same for WhatsApp and e-mail.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from pilkada_cli import texts
from pilkada_cli.checking.model import Issue
from pilkada_cli.config import Config
from pilkada_cli.day.attendance import DayStatus, RegencyStatus, shown_at
from pilkada_cli.errors import ConfigError
from pilkada_cli.formats import countdown, fmt_clock, fmt_date
from pilkada_cli.resources import resource_path

KINDS = ("invalid", "late", "missing", "reported")
FOLDER = "kirim"
MAX_ERRORS = 10
"""Errors listed one by one; the rest are counted ('dan 5 lainnya')."""


@dataclass(frozen=True)
class MessageContext:
    """What a message template can use, as `m`: every field is text or a number, ready to
    print, in the chosen language."""

    kind: str
    code: str
    regency: str
    addressee: str
    date: str
    countdown: str
    deadline: str
    deadline_day: str
    past_deadline: bool
    province: str
    file: str = ""
    arrived: str = ""
    error_count: int = 0
    errors: tuple[str, ...] = ()
    more: int = 0
    attached: bool = False

    def params(self) -> dict[str, Any]:
        """The values texts/kirim.py's placeholders are filled with."""
        values = dataclasses.asdict(self)
        values["errors"] = self.error_count
        return values


@dataclass(frozen=True)
class Message:
    """A message ready to go: to which regency, why, about which file ('' for none)."""

    code: str
    regency: str
    kind: str
    subject: str
    text: str
    file: str | None = None
    sha256: str = ""
    errors: int = 0
    context: MessageContext | None = field(default=None, compare=False)


def error_lines(issues: list[Issue], lang: str) -> list[str]:
    """Each error as 'Sheet!Cell: what is wrong' (the sheet alone when no cell is known)."""
    lines = []
    for issue in issues:
        if issue.severity != "error":
            continue
        where = f"{issue.sheet}!{issue.cell}" if issue.sheet and issue.cell else issue.sheet
        lines.append(f"{where}: {issue.message(lang)}" if where else issue.message(lang))
    return lines


def context(row: RegencyStatus, day: DayStatus, config: Config, lang: str, now: dt.datetime,
            issues: list[Issue] | None = None, attached: bool = False) -> MessageContext:
    """The template's `m` for one regency of the day's status."""
    label = config.timezone_label
    contact = config.contact(row.regency.code)
    addressee = contact.name if contact and contact.name else texts.text(
        "kirim", "desk_of", lang, regency=row.regency.name)
    lines = error_lines(issues or [], lang)
    return MessageContext(
        kind=row.status, code=row.regency.code, regency=row.regency.name, addressee=addressee,
        date=fmt_date(day.date, lang), countdown=countdown(day.date, config.election_day),
        deadline=fmt_clock(day.deadline, lang, label),
        deadline_day=fmt_date(day.deadline.date(), lang),
        past_deadline=now > day.deadline, province=config.province_name,
        file=row.file.name if row.file else "",
        arrived=shown_at(row.arrived, day.date, config, lang) if row.arrived else "",
        error_count=len(lines) if lines else (row.file.errors if row.file else 0),
        errors=tuple(lines[:MAX_ERRORS]), more=max(0, len(lines) - MAX_ERRORS),
        attached=attached)


def compose(m: MessageContext, row: RegencyStatus, config: Config, lang: str) -> Message:
    """The message for `m`, from the templates (the config's own copies when it has them)."""
    subject = " ".join(_render("subject.txt.j2", m, config, lang).split())
    return Message(m.code, m.regency, m.kind, subject, _render(f"{m.kind}.txt.j2", m, config,
                                                               lang),
                   row.file.name if row.file else None,
                   row.file.sha256 if row.file and row.status != "missing" else "",
                   m.error_count, m)


def wa_link(number: str, text: str) -> str:
    """A link that opens WhatsApp with the message typed, ready to send to `number` (62…)."""
    return f"https://wa.me/{number}?text={quote(text, safe='')}"


def _render(name: str, m: MessageContext, config: Config, lang: str) -> str:
    from jinja2 import FileSystemLoader, StrictUndefined, TemplateError
    from jinja2.sandbox import SandboxedEnvironment

    path = resource_path(f"{FOLDER}/{name}", config.templates_dir)
    env = SandboxedEnvironment(loader=FileSystemLoader(str(path.parent)), autoescape=False,
                               trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                               undefined=StrictUndefined)
    params = m.params()

    def say(key: str, **extra: Any) -> str:
        return texts.text("kirim", key, lang, **{**params, **extra})

    try:
        text = env.get_template(path.name).render(m=m, say=say)
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        where = texts.phrase("errors", "at_line", path=path, line=line) if line else path
        raise ConfigError(texts.phrase("errors", "message_template", where=where,
                                       why=exc)) from exc
    return _tidy(text)


def _tidy(text: str) -> str:
    """At most one blank line in a row, no trailing spaces, one newline at the end."""
    text = "\n".join(line.rstrip() for line in text.splitlines())
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"

