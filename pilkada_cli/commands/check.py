"""`pilkada check`: validate incoming workbooks and say, cell by cell, what is wrong."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import ExitCode, UsageError
from .common import ConfigOption, Lang, LangOption, SchemaOption, guarded, load_context

if TYPE_CHECKING:
    from ..model import Report


class CheckFormat(str, Enum):
    text = "text"
    json = "json"


@guarded
def check(
    paths: Annotated[list[Path], typer.Argument(
        help="Workbooks, or folders to search for workbooks.", show_default=False)],
    output_format: Annotated[CheckFormat, typer.Option(
        "--format", help="text (a table per file) or json (for scripts).")] = CheckFormat.text,
    lang: LangOption = Lang.id,
    config_path: ConfigOption = None,
    schema_path: SchemaOption = None,
) -> None:
    """Check each workbook against the schema and list what is wrong, cell by cell.

    Exit code 0 when every file is valid (warnings allowed), 1 when any file has an
    error, 2 for a usage or configuration problem.
    """
    from ..validate import check_files
    from ..workbook import discover

    config, schema = load_context(config_path, schema_path)
    files = discover(paths)
    if not files:
        raise UsageError("no workbook found in " + ", ".join(str(p) for p in paths))
    reports = list(check_files(files, schema, config))
    if output_format is CheckFormat.json:
        document = {"files": [r.to_json(lang.value) for r in reports]}
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        _print_reports(reports, lang.value)
    raise typer.Exit(int(ExitCode.OK if all(r.valid for r in reports) else ExitCode.INPUT_ERRORS))


_TEXT = {
    "id": {"valid": "SAH", "invalid": "TIDAK SAH", "errors": "galat", "warnings": "peringatan",
           "severity": "Tingkat", "sheet": "Lembar", "cell": "Sel", "message": "Keterangan",
           "error": "galat", "warning": "peringatan", "unknown": "tidak dikenali",
           "summary": "{n} berkas diperiksa: {ok} sah, {bad} tidak sah."},
    "en": {"valid": "VALID", "invalid": "INVALID", "errors": "errors", "warnings": "warnings",
           "severity": "Severity", "sheet": "Sheet", "cell": "Cell", "message": "Message",
           "error": "error", "warning": "warning", "unknown": "not identified",
           "summary": "{n} files checked: {ok} valid, {bad} invalid."},
}


def _print_reports(reports: list[Report], lang: str) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from ..i18n import fmt_date

    text = _TEXT[lang]
    console = Console()
    for report in reports:
        verdict = f"[green]{text['valid']}[/]" if report.valid else f"[red]{text['invalid']}[/]"
        who = escape(report.regency.name) if report.regency else text["unknown"]
        when = fmt_date(report.date, lang) if report.date else text["unknown"]
        console.print(f"\n[bold]{escape(str(report.path))}[/]  {verdict}", highlight=False)
        console.print(f"  {who} · {when} · {len(report.errors)} {text['errors']}, "
                      f"{len(report.warnings)} {text['warnings']}", highlight=False)
        if not report.issues:
            continue
        table = Table(show_edge=False, pad_edge=False, expand=False)
        table.add_column(text["severity"], no_wrap=True)
        table.add_column(text["sheet"], no_wrap=True)
        table.add_column(text["cell"], no_wrap=True)
        table.add_column(text["message"], overflow="fold")
        for issue in sorted(report.issues, key=lambda i: i.severity != "error"):
            style = "red" if issue.severity == "error" else "yellow"
            table.add_row(f"[{style}]{text[issue.severity]}[/]", escape(issue.sheet or "–"),
                          issue.cell or "–", escape(issue.message(lang)))
        console.print(table)
    valid = sum(r.valid for r in reports)
    console.print("\n" + text["summary"].format(n=len(reports), ok=valid, bad=len(reports) - valid),
                  highlight=False)
