"""`pilkada template`: the workbook a regency fills in, made from the schema and pre-filled."""

from __future__ import annotations

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
    guarded,
    load_context,
    parse_date,
)
from pilkada_cli.errors import UsageError

if TYPE_CHECKING:
    import datetime as dt

    from pilkada_cli.checking.schema import Schema
    from pilkada_cli.config import Config, Regency


@guarded
def template(
    regency: Annotated[str | None, typer.Option(
        "--regency", "-r", help="Regency/city to pre-fill: code (64.03), official name or "
        "short form (Kukar).", show_default=False)] = None,
    date: DateOption = "today",
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="File to write (default: laporan-<code>-<date>.xlsx in the "
        "current folder); with --all, the folder to write into.", show_default=False)] = None,
    every: Annotated[bool, typer.Option(
        "--all", help="One pre-filled workbook for every regency/city in the config.")] = False,
    force: Annotated[bool, typer.Option(
        "--force", help="Replace files that already exist.")] = False,
    lang: LangOption = Lang.id,
    config_path: ConfigOption = None,
    schema_path: SchemaOption = None,
) -> None:
    """Write the workbook regencies fill in: made from the schema, with the regency and date
    pre-filled, dropdowns and checks that Excel applies as people type, and a Petunjuk
    (instructions) sheet first.

    Exit code 0 when written, 2 for a usage or configuration problem.
    """
    config, schema = load_context(config_path, schema_path)
    text = texts.table("template", lang.value)
    day = parse_date(date, config)
    if every and regency is not None:
        raise UsageError(text["both"])
    if every:
        folder = output or Path.cwd()
        if folder.exists() and not folder.is_dir():
            raise UsageError(text["not_folder"].format(path=folder))
        jobs: list[tuple[Path, Regency | None]] = [
            (folder / default_name(r, day), r) for r in config.regencies]
    else:
        chosen = find_regency(regency, config, lang.value) if regency is not None else None
        path = output or Path(default_name(chosen, day))
        if path.is_dir():
            path = path / default_name(chosen, day)
        if path.suffix.lower() != ".xlsx":
            raise UsageError(text["suffix"].format(path=path))
        jobs = [(path, chosen)]
    existing = [str(p) for p, _ in jobs if p.exists()]
    if existing and not force:
        raise UsageError(text["exists"].format(path=", ".join(existing)))
    from pilkada_cli.formats import fmt_date

    for path, unit in jobs:
        _write(path, schema, config, unit, day, lang.value)
        who = unit.name if unit else text["blank"]
        typer.echo(text["written"].format(path=path, who=who, when=fmt_date(day, lang.value)))
    if every:
        typer.echo(text["all"].format(n=len(jobs), folder=jobs[0][0].parent))


def default_name(regency: Regency | None, day: dt.date) -> str:
    """laporan-6403-2024-11-18.xlsx: from the regency's code and the date, never typed text."""
    from pilkada_cli.files import safe_stem

    code = "".join(ch for ch in regency.code if ch.isascii() and ch.isalnum()) if regency else ""
    return safe_stem("-".join(p for p in ("laporan", code, day.isoformat()) if p)) + ".xlsx"


def find_regency(value: str, config: Config, lang: str) -> Regency:
    """The configured regency a code, official name or short form means."""
    from pilkada_cli.checking.values import RegencyMatcher

    parsed = RegencyMatcher(config.regencies).match(value)
    if parsed.value is not None:
        return parsed.value
    text = texts.table("template", lang)
    if parsed.code == "ambiguous-regency":
        raise UsageError(text["ambiguous"].format(value=value, choices=parsed.params["choices"]))
    choices = ", ".join(f"{r.name} ({r.code})" for r in config.regencies[:12])
    if len(config.regencies) > 12:
        choices += ", …"
    raise UsageError(text["unknown"].format(value=value, choices=choices))


def _write(path: Path, schema: Schema, config: Config, regency: Regency | None, day: dt.date,
           lang: str) -> None:
    from pilkada_cli.files import save_workbook
    from pilkada_cli.senders.template import build_workbook, identity_values

    values = identity_values(schema, regency.name if regency else None, day)
    book = build_workbook(schema, config, values, lang=lang)
    try:
        save_workbook(book, path)
    except OSError as exc:
        raise UsageError(texts.text("template", "cannot", lang, path=path,
                                    why=exc.strerror or exc)) \
            from exc
