"""`pilkada compile`: the day's reports -> the briefing (Markdown, Word, HTML) and recap (xlsx,
JSON)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pilkada_cli import texts
from pilkada_cli.commands.common import (
    ConfigOption,
    DateOption,
    Lang,
    LangOption,
    RecordOption,
    SchemaOption,
    WaitOption,
    guarded,
    load_context,
    parse_date,
)
from pilkada_cli.errors import ExitCode
from pilkada_cli.visible import visible


@guarded
def compile_command(
    inbox: Annotated[Path | None, typer.Argument(
        metavar="INBOX", help="Folder holding the workbooks (searched recursively; default: "
        "the config's paths.inbox).", show_default=False)] = None,
    date: DateOption = "today",
    out: Annotated[Path | None, typer.Option(
        "--out", help="Output folder; files go to OUT/YYYY-MM-DD/ (default: the config's "
                      "paths.out).", file_okay=False)] = None,
    formats: Annotated[str, typer.Option(
        "--format", help="Comma-separated: any of md, docx, xlsx, json, html, png, pdf (png "
                         "and pdf: the one-page summary for phones)."
    )] = "md,docx,xlsx,json,html,png,pdf",
    lang: LangOption = Lang.id,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Exit 1 when a regency/city is missing or its report is invalid "
                         "(the files are written all the same).")] = False,
    config_path: ConfigOption = None,
    schema_path: SchemaOption = None,
    record: RecordOption = None,
    wait: WaitOption = 60,
) -> None:
    """Compile the day's reports into the provincial briefing and the recap.

    Reads every workbook under INBOX, keeps each regency's newest valid report for the
    date, and writes briefing-D.md, briefing-D.docx, rekap-D.xlsx, rekap-D.json,
    briefing-D.html and the one-page summary for phones, ringkasan-D.png and .pdf.
    Exit code 0 when compiled (even with regencies missing: the briefing names them),
    1 with --strict when a regency is missing or invalid, 2 for a usage or
    configuration problem, 3 when there is no report for the date, 75 when another run
    holds the store for longer than --wait.
    """
    from pilkada_cli.jobs.compile_day import compile_day, parse_formats
    from pilkada_cli.store.lock import store_in_use

    config, schema = load_context(config_path, schema_path)
    day = parse_date(date, config)
    wanted = parse_formats(formats, lang.value)
    result = compile_day(inbox or config.paths["inbox"], day, out or config.paths["out"],
                         schema, config, wanted, lang.value,
                         record=record if record is not None else store_in_use(config),
                         wait=wait)
    text = texts.table("compile", lang.value)
    for path in result.written:
        typer.echo(visible(path))
    for note in result.notes:
        typer.echo(visible(f"pilkada: {note}"), err=True)
    written = text["written_one" if len(result.written) == 1 else "written"].format(
        n=len(result.written))
    typer.echo(visible(f"{written}. {result.summary}"), err=True)
    reporting = result.picture.whole.reporting
    if strict and (reporting.missing or reporting.invalid):
        typer.echo(text["strict"], err=True)
        raise typer.Exit(int(ExitCode.INPUT_ERRORS))
