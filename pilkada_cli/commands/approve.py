"""`pilkada approve`: sign off the day's compiled briefing (who, when, which files)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

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
from pilkada_cli.errors import UsageError

if TYPE_CHECKING:
    from pilkada_cli.config import Config
    from pilkada_cli.store.approvals import RevisionRecord


@guarded
def approve(
    by: Annotated[str, typer.Option(
        "--by", help='Who approves, as it is to be printed: "NAMA, Jabatan".',
        show_default=False)],
    date: DateOption = "today",
    lang: LangOption = Lang.id,
    config_path: ConfigOption = None,
    schema_path: SchemaOption = None,
    wait: WaitOption = 60,
) -> None:
    """Approve the day's briefing as last compiled: records in the store who approved, when,
    and which files (by SHA-256) made its figures.

    Later outputs of the day are stamped "Disetujui oleh … pukul …, revisi N"; a compile
    whose files have changed since writes revision N+1, not yet approved. Exit code 2
    when the day was never compiled with the store, is approved already, or --by is empty.
    """
    from pilkada_cli.store.approvals import Refused
    from pilkada_cli.store.approvals import approve as sign_off
    from pilkada_cli.store.ledger import Store
    from pilkada_cli.store.lock import run_lock
    from pilkada_cli.store.runlog import run_log

    config, schema = load_context(config_path, schema_path)
    day = parse_date(date, config)
    text = texts.table("approve", lang.value)
    try:
        if not by.strip():
            raise Refused("empty_name", day)
        if not config.paths["store"].exists():
            raise Refused("no_compile", day)
        with run_log(config, "approve") as log, run_lock(config, wait), \
                Store.open(config, schema, create=False) as store:
            record = sign_off(store, day, by)
            log.info("%s revision %d approved by %s", day.isoformat(), record.number,
                     record.approved_by)
    except Refused as refused:
        raise UsageError(refusal(refused, config, lang.value)) from None
    assert record.approved_by and record.approved_at
    typer.echo(text["done"].format(n=record.number, day=_day(day, lang.value),
                                   by=record.approved_by,
                                   at=moment(record.approved_at, day, config, lang.value),
                                   files=len(record.files)))
    typer.echo(text["again"].format(iso=day.isoformat()), err=True)


def refusal(refused: Exception, config: Config, lang: str) -> str:
    from pilkada_cli.store.approvals import Refused

    assert isinstance(refused, Refused)
    record: RevisionRecord | None = refused.record
    params: dict[str, object] = {"day": _day(refused.day, lang), "iso": refused.day.isoformat()}
    if record is not None and record.approved_at is not None:
        params.update(n=record.number, by=record.approved_by,
                      at=moment(record.approved_at, refused.day, config, lang))
    return texts.text("approve", refused.key, lang, **params)


def moment(at: dt.datetime, day: dt.date, config: Config, lang: str) -> str:
    """'21.15 WITA', with the date when it is not the report's own."""
    from pilkada_cli.day.attendance import local
    from pilkada_cli.render.view.revision import when

    return when(local(at, config), day, config.timezone_label, lang)


def _day(day: dt.date, lang: str) -> str:
    from pilkada_cli.formats import fmt_date

    return fmt_date(day, lang, weekday=False)
