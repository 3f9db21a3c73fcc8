"""`pilkada status`: who has reported for a day, who is late, whose file is invalid, who is
missing."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
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
from pilkada_cli.errors import ExitCode, UsageError
from pilkada_cli.jsonio import dumps
from pilkada_cli.visible import visible_json

if TYPE_CHECKING:
    from pilkada_cli.checking.schema import Schema
    from pilkada_cli.config import Config
    from pilkada_cli.day.attendance import DayStatus, RegencyStatus
    from pilkada_cli.day.provinces import ProvinceStatus
    from pilkada_cli.store.approvals import RevisionRecord
    from pilkada_cli.store.ledger import Store, Submission


class StatusFormat(str, Enum):
    text = "text"
    json = "json"


@guarded
def status(
    inbox: Annotated[Path | None, typer.Argument(
        metavar="INBOX", help="Folder of incoming workbooks to take in first (default: the "
        "config's paths.inbox, when that folder exists).", show_default=False)] = None,
    date: DateOption = "today",
    output_format: Annotated[StatusFormat, typer.Option(
        "--format", help="text (a table) or json (for scripts).")] = StatusFormat.text,
    scan: Annotated[bool, typer.Option(
        "--scan/--no-scan", help="Check inbox files the store has not seen yet before "
        "answering, recording them when check would (a pilkada.yaml in use or the store "
        "exists); --no-scan reads the store only.")] = True,
    lang: LangOption = Lang.id,
    config_path: ConfigOption = None,
    schema_path: SchemaOption = None,
    wait: WaitOption = 60,
) -> None:
    """Who has reported for a day: reported (and when), late, invalid, or missing.

    The answer comes from the store, which records every file `check` and `compile`
    read; files in the inbox that the store has not seen yet are checked and recorded
    first. As with `check`, they are recorded only when a pilkada.yaml is in use or the
    store already exists; otherwise the inbox is read and nothing is left behind. Exit
    code 0 when every regency has a valid report, 1 otherwise.
    """
    from pilkada_cli.day.attendance import day_status
    from pilkada_cli.day.provinces import with_recaps
    from pilkada_cli.errors import StoreMissing
    from pilkada_cli.jobs.scan_inbox import scan_inbox
    from pilkada_cli.store.ledger import Store

    config, schema = load_context(config_path, schema_path)
    day = parse_date(date, config)
    if inbox is not None and not inbox.is_dir():
        raise UsageError(texts.phrase("usage", "no_folder", path=inbox))
    folder = inbox or config.paths["inbox"]
    scanning = scan and folder.is_dir()
    with _store_for(config, scanning) as config:
        if scanning:
            scan_inbox(folder, config, schema, wait, "status")
        from pilkada_cli.store.approvals import revisions

        provinces = _provinces(folder, config, schema, day) if folder.is_dir() else []
        signed: list[RevisionRecord] = []
        try:
            with Store.open(config, schema, create=False) as store:
                result = day_status(_day_files(store, day, config), config, day)
                signed = revisions(store, day)
        except StoreMissing:
            if not provinces:
                raise
            result = day_status([], config, day)  # a national desk that receives recaps only
    if provinces:
        result = with_recaps(result, provinces, config)
    if output_format is StatusFormat.json:
        data = result.to_json()
        data["approval"] = _approval_json(signed, config)
        if provinces:
            data["provinces"] = [p.to_json() for p in provinces]
        typer.echo(visible_json(dumps(data, indent=2)))
    else:
        _print(result, config, lang.value)
        if provinces:
            _print_provinces(provinces, result, config, lang.value)
        typer.echo(_approval_line(signed, day, config, lang.value))
    raise typer.Exit(int(ExitCode.OK if result.complete else ExitCode.INPUT_ERRORS))


@contextlib.contextmanager
def _store_for(config: Config, scanning: bool) -> Iterator[Config]:
    """The config to answer with. A scan records only where `check` would (store_in_use);
    elsewhere the inbox is taken into a store, archive and log in a temporary folder that
    is gone after the answer, so the working folder is left as it was (and an inbox with
    no workbook answers that nobody has reported)."""
    import tempfile  # here: only a run without a store needs it

    from pilkada_cli.store.ledger import Store
    from pilkada_cli.store.lock import store_in_use

    if not scanning or store_in_use(config):
        yield config
        return
    with tempfile.TemporaryDirectory(prefix="pilkada-status-") as scratch:
        moved = {key: Path(scratch) / config.paths[key].name for key in ("store", "archive")}
        unrecorded = dataclasses.replace(config, paths={**config.paths, **moved})
        with Store.open(unrecorded):
            pass
        yield unrecorded


def _day_files(store: Store, day: dt.date, config: Config) -> list[Submission]:
    """The day's files, and those for other days that came in on it (to be named)."""
    start = dt.datetime.combine(day, dt.time(0, 0), config.timezone)
    came = store.arrived_between(start, start + dt.timedelta(days=1))
    return store.submissions(day) + [s for s in came if s.date != day]


def _approval_json(signed: list[RevisionRecord], config: Config) -> dict[str, object] | None:
    """The day's current revision and its sign-off, and every revision; None before the
    first compile with the store."""
    if not signed:
        return None

    def one(record: RevisionRecord) -> dict[str, object]:
        at = record.approved_at
        return {"number": record.number, "approved": record.approved,
                "approved_by": record.approved_by,
                "approved_at": at.astimezone(config.timezone).isoformat(timespec="seconds")
                if at else None,
                "files": len(record.files)}

    current = one(signed[-1])
    return {"revision": current["number"], "approved": current["approved"],
            "approved_by": current["approved_by"], "approved_at": current["approved_at"],
            "revisions": [one(r) for r in signed]}


def _approval_line(signed: list[RevisionRecord], day: dt.date, config: Config,
                   lang: str) -> str:
    from pilkada_cli.commands.approve import moment

    text = texts.table("approve", lang)
    if not signed:
        return text["status_none"]
    current = signed[-1]
    if current.approved_by and current.approved_at:
        return text["status_approved"].format(n=current.number, by=current.approved_by,
                                              at=moment(current.approved_at, day, config, lang))
    earlier = next((r for r in reversed(signed) if r.approved_by and r.approved_at), None)
    if earlier is None or earlier.approved_at is None:
        return text["status_pending"].format(n=current.number)
    return text["status_pending_after"].format(
        n=current.number, m=earlier.number, by=earlier.approved_by,
        at=moment(earlier.approved_at, day, config, lang))


def _provinces(folder: Path, config: Config, schema: Schema,
               day: dt.date) -> list[ProvinceStatus]:
    """Per province, what its recap in the folder says (none: no recap in the folder).
    Recaps are not kept in the store (a file there is one regency's), so they are read
    from the folder each time."""
    from pilkada_cli.checking.recap import check_recap, is_recap
    from pilkada_cli.day.inbox import received_at
    from pilkada_cli.day.provinces import province_statuses
    from pilkada_cli.reader.workbook import discover

    recaps = [check_recap(path, schema, config) for path in discover([folder])
              if is_recap(path)]
    if not recaps:
        return []
    return province_statuses(recaps, config, day, lambda path: received_at(path, config))


def _print_provinces(provinces: list[ProvinceStatus], result: DayStatus, config: Config,
                     lang: str) -> None:
    """A row per province: its recap, when it came, and the regencies inside, late and
    missing."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from pilkada_cli.day.attendance import plausible, shown_at
    from pilkada_cli.formats import fmt_date

    text = texts.table("recap", lang)
    names = {r.regency.code: r.regency.name for r in result.regencies}
    console = Console()
    console.print("\n" + text["status_title"].format(date=fmt_date(result.date, lang)),
                  style="bold", highlight=False)
    table = Table(show_edge=False, pad_edge=False)
    for column in ("status_province", "status_file", "status_arrived", "status_inside",
                   "status_late", "status_missing"):
        table.add_column(text[column], no_wrap=column in ("status_arrived", "status_inside"))
    for p in provinces:
        arrived = "–"
        # A time long after the day is when the recap was copied, not when it was sent.
        if p.arrived is not None and plausible(p.arrived, result.date, config):
            arrived = shown_at(p.arrived, result.date, config, lang)
            if p.late:
                arrived += f" [yellow]({text['status_recap_late']})[/]"
        listed = escape(p.recap.name) if p.recap else f"[red]{text['status_no_recap']}[/]"
        table.add_row(escape(f"{p.code} {p.name}"), listed, arrived,
                      f"{len(p.inside)}/{len(p.regencies)}",
                      escape(", ".join(names.get(c, c) for c in p.late_inside)) or "–",
                      escape(", ".join(names.get(c, c) for c in p.missing)) or "–")
    console.print(table)


_STYLE = {"reported": "green", "late": "yellow", "invalid": "red", "missing": "red"}


def _print(result: DayStatus, config: Config, lang: str) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from pilkada_cli.day.attendance import shown_at
    from pilkada_cli.formats import fmt_date

    text = texts.table("status", lang)
    console = Console()
    console.print(text["title"].format(date=fmt_date(result.date, lang),
                                       deadline=shown_at(result.deadline, result.date, config,
                                                      lang)),
                  style="bold", highlight=False)
    table = Table(show_edge=False, pad_edge=False)
    for column in ("code", "regency", "status", "arrived", "files"):
        table.add_column(text[column], no_wrap=column != "regency")
    for row in result.regencies:
        label = text[row.status].format(n=row.file.errors if row.file else 0)
        table.add_row(row.regency.code, escape(row.regency.name),
                      f"[{_STYLE[row.status]}]{label}[/]",
                      escape(row.attendance.describe(result.date, config, lang)),
                      str(row.attendance.files) if row.attendance.files else "–")
    console.print(table)
    valid = [r for r in result.regencies if r.valid]
    console.print(text["summary"].format(ok=len(valid), n=len(result.regencies),
                                         late=len(result.having("late"))), highlight=False)
    for status in ("invalid", "missing"):
        rows = result.having(status)
        if rows:
            console.print(text[f"list_{status}"].format(names=_names(rows)), highlight=False)
    if result.other_days:
        names = {r.regency.code: r.regency.name for r in result.regencies}
        files = "; ".join(texts.text(
            "attendance", "other_day", lang, regency=names.get(s.regency or "", s.regency),
            date=s.date, at=shown_at(s.arrived, result.date, config, lang))
            for s in result.other_days)
        console.print(escape(text["other_days"].format(
            files=files, day=fmt_date(result.date, lang, weekday=False))), highlight=False)


def _names(rows: list[RegencyStatus]) -> str:
    from rich.markup import escape

    return escape(", ".join(r.regency.name for r in rows))
