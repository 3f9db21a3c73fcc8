"""`pilkada check`: validate incoming workbooks and say, cell by cell, what is wrong."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pilkada_cli import texts
from pilkada_cli.commands.common import (
    ConfigOption,
    Lang,
    LangOption,
    RecordOption,
    SchemaOption,
    WaitOption,
    guarded,
    load_context,
)
from pilkada_cli.errors import ExitCode, StoreError, UsageError
from pilkada_cli.jsonio import dumps
from pilkada_cli.visible import visible, visible_json

if TYPE_CHECKING:
    from pilkada_cli.checking.model import Issue, Report
    from pilkada_cli.checking.schema import Schema
    from pilkada_cli.config import Config, Limits


class CheckFormat(str, Enum):
    text = "text"
    json = "json"


@guarded
def check(
    paths: Annotated[list[Path], typer.Argument(
        help="Workbooks, or folders to search for workbooks.", metavar="PATH...",
        show_default=False,
        readable=False)],  # a file that cannot be read is that file's issue, not the run's
    output_format: Annotated[CheckFormat, typer.Option(
        "--format", help="text (a table per file) or json (for scripts).")] = CheckFormat.text,
    annotate: Annotated[Path | None, typer.Option(
        "--annotate", help="Folder for a marked copy of each file with issues "
        "(<name>-koreksi.xlsx): problem cells coloured and commented, a Koreksi sheet "
        "first. The original files are never changed.", file_okay=False,
        show_default=False)] = None,
    lang: LangOption = Lang.id,
    config_path: ConfigOption = None,
    schema_path: SchemaOption = None,
    record: RecordOption = None,
    wait: WaitOption = 60,
) -> None:
    """Check each workbook against the schema and list what is wrong, cell by cell.

    With a store, each file is also recorded (ledger, archive) and checked against the
    regency's previous days. Exit code 0 when every file is valid (warnings allowed), 1
    when any file has an error, 2 for a usage or configuration problem, 75 when another
    run holds the store for longer than --wait.
    """
    from pilkada_cli.checking.validate import check_files
    from pilkada_cli.reader.workbook import discover, folders_among
    from pilkada_cli.store.lock import store_in_use

    config, schema = load_context(config_path, schema_path)
    if annotate is not None:
        _writable_folder(annotate, lang.value)
    files = discover(paths)
    if not files:
        raise UsageError(texts.phrase("usage", "no_workbook",
                                            paths=", ".join(str(p) for p in paths)))
    # The first files are read meanwhile.
    checking = check_files(files, schema, config, folders=folders_among(paths))
    with contextlib.closing(checking):  # a store that fails first leaves no reading behind
        if record if record is not None else store_in_use(config):
            reports = _record(checking, config, schema, wait)
        else:
            reports = list(checking)
    if output_format is CheckFormat.json:
        document = {"files": [r.to_json(lang.value) for r in reports]}
        typer.echo(visible_json(dumps(document, indent=2)))
    else:
        _print_reports(reports, lang.value, config)
    if annotate is not None:
        # With --format json, stdout holds the JSON document alone.
        _annotate(reports, annotate, lang.value, to_stderr=output_format is CheckFormat.json,
                  limits=config.limits)
    raise typer.Exit(int(ExitCode.OK if all(r.valid for r in reports) else ExitCode.INPUT_ERRORS))


def _record(checking: Iterable[Report], config: Config, schema: Schema,
            wait: float) -> list[Report]:
    """Rules across days, ledger and archive, under the store's lock. The store is opened
    while the first files are read."""
    from pilkada_cli.store.intake import take_in
    from pilkada_cli.store.ledger import Store
    from pilkada_cli.store.lock import run_lock
    from pilkada_cli.store.runlog import run_log

    try:
        with run_log(config, "check") as log, run_lock(config, wait), \
                Store.open(config, schema) as store:
            reports = list(checking)
            take_in(store, reports, schema)
            valid = sum(r.valid for r in reports)
            log.info("%d %s checked: %d valid, %d invalid", len(reports),
                     "file" if len(reports) == 1 else "files", valid, len(reports) - valid)
    except StoreError as exc:
        raise StoreError(texts.phrase("errors", "store_no_record", why=exc.what)) from exc
    return reports


def _print_reports(reports: list[Report], lang: str, config: Config) -> None:
    from pilkada_cli.formats import fmt_date

    text = texts.table("check", lang)
    valid = sum(r.valid for r in reports)
    summary = text["summary"].format(n=len(reports), ok=valid, bad=len(reports) - valid)

    def detail(report: Report) -> list[str]:
        if [i.code for i in report.issues] == ["file-missing"]:
            return []  # nothing was read: "not found" says it all
        who = report.regency.name if report.regency else text["no_regency"]
        when = fmt_date(report.date, lang) if report.date else text["no_date"]
        if report.rollup is not None and report.rollup.province:  # a provincial recap
            code = report.rollup.province
            name = config.province_name if code == config.province_code \
                else config.provinces.get(code, code)
            who = texts.text("recap", "file_summary", lang, province=name)
            if report.valid:
                who += f" ({texts.text('recap', 'regencies_n', lang, n=len(report.covers))})"
        return [visible(f"  {who} · {when} · {text['errors']}: {len(report.errors)}, "
                        f"{text['warnings']}: {len(report.warnings)}")]

    def issues(report: Report) -> list[Issue]:
        return sorted(report.issues, key=lambda i: i.severity != "error")

    if not sys.stdout.isatty():
        # Piped or in a cron log: one line per issue, easy to grep and never wrapped.
        lines = []
        for report in reports:
            lines += ["", f"{visible(report.path)}  {text['valid' if report.valid else 'invalid']}",
                      *detail(report)]
            lines += [f"  [{text[i.severity]}] {visible(_where(i) + i.message(lang))}"
                      for i in issues(report)]
        typer.echo("\n".join([*lines, "", summary]))
        return

    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console()
    for report in reports:
        verdict = f"[green]{text['valid']}[/]" if report.valid else f"[red]{text['invalid']}[/]"
        console.print(f"\n[bold]{escape(visible(report.path))}[/]  {verdict}", highlight=False)
        for line in detail(report):
            console.print(escape(line), highlight=False)
        if not report.issues:
            continue
        table = Table(show_edge=False, pad_edge=False, expand=False)
        table.add_column(text["severity"], no_wrap=True)
        table.add_column(text["sheet"], no_wrap=True)
        table.add_column(text["cell"], no_wrap=True)
        table.add_column(text["message"], overflow="fold")
        for issue in issues(report):
            style = "red" if issue.severity == "error" else "yellow"
            table.add_row(f"[{style}]{text[issue.severity]}[/]",
                          escape(visible(issue.sheet or "–")), issue.cell or "–",
                          escape(visible(issue.message(lang))))
        console.print(table)
    console.print("\n" + summary, highlight=False)


def _where(issue: Issue) -> str:
    if issue.cell:
        return f"{issue.sheet}!{issue.cell}: "
    return f"{issue.sheet}: " if issue.sheet else ""


def _writable_folder(folder: Path, lang: str) -> None:
    """Fail before checking anything when the copies could not be written."""
    existing = next(p for p in (folder, *folder.parents) if p.exists())
    if not existing.is_dir() or not os.access(existing, os.W_OK):
        raise UsageError(texts.text("check", "no_folder", lang, path=folder, existing=existing))


def _annotate(reports: list[Report], folder: Path, lang: str, to_stderr: bool,
              limits: Limits) -> None:
    from pilkada_cli.senders.annotate import annotate_reports

    text = texts.table("check", lang)
    try:
        done = annotate_reports(reports, folder, lang, limits)
    except OSError as exc:
        raise UsageError(text["cannot"].format(path=exc.filename or folder,
                                               why=exc.strerror or exc)) from exc
    lines = [visible(text["annotated"].format(path=a.target, n=a.marked) if a.target else
                     text[a.reason or "failed"].format(path=a.source, detail=a.detail))
             for a in done]
    if not to_stderr:
        typer.echo("")
    for line in lines or [text["nothing"]]:
        typer.echo(line, err=to_stderr)
