"""`pilkada history`: one field across days, for a regency or the province, from the store."""

from __future__ import annotations

import csv
import datetime as dt
import io
from enum import Enum
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
    parse_date,
)
from pilkada_cli.errors import UsageError
from pilkada_cli.jsonio import dumps, plain
from pilkada_cli.visible import visible, visible_json

if TYPE_CHECKING:
    from pilkada_cli.checking.schema import Field
    from pilkada_cli.config import Config, Regency
    from pilkada_cli.day.series import Point


class HistoryFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


@guarded
def history(
    field_key: Annotated[str, typer.Argument(
        metavar="FIELD", help="The field, named as in the recap JSON: pemilih.ektp_persen, "
        "logistik.persen_tps, logistik.kotak_suara.diterima, partisipasi.proyeksi ...",
        show_default=False)],
    regency_name: Annotated[str | None, typer.Option(
        "--regency", help="A regency/city (code, name or short form such as Kukar); "
        "default: the province, combined as the schema says.", show_default=False)] = None,
    since: Annotated[str | None, typer.Option(
        "--from", help="First day (YYYY-MM-DD); default: the first day in the store.",
        show_default=False)] = None,
    until: Annotated[str, typer.Option(
        "--to", help="Last day: YYYY-MM-DD, today or yesterday.")] = "today",
    output_format: Annotated[HistoryFormat, typer.Option(
        "--format", help="table, csv or json.")] = HistoryFormat.table,
    lang: LangOption = Lang.id,
    config_path: ConfigOption = None,
    schema_path: SchemaOption = None,
) -> None:
    """A field's accepted values day by day, for a regency or the province ("since when?").

    Figures come from the store (the reports accepted by check and compile). Province
    figures combine the regencies that reported each day: counts summed, percentages
    recomputed from the sums; the number of regencies behind each day is shown.
    """
    from pilkada_cli.day.series import series
    from pilkada_cli.store.ledger import Store

    config, schema = load_context(config_path, schema_path)
    first = parse_date(since, config) if since else None
    last = parse_date(until, config)
    if first and first > last:
        raise UsageError(texts.phrase("usage", "from_after_to", first=first, last=last))
    regency = _regency(regency_name, config) if regency_name else None
    with Store.open(config, schema, create=False) as store:
        points = series(store, field_key, regency.code if regency else None,
                              until=last, since=first)
    field = schema.scalar_fields()[field_key]
    if output_format is HistoryFormat.json:
        typer.echo(visible_json(dumps(_document(field, regency, config, points, lang.value),
                                      indent=2)))
    elif output_format is HistoryFormat.csv:
        typer.echo(_csv(points), nl=False)
    else:
        _print(field, regency, config, points, last, lang.value)


def _regency(name: str, config: Config) -> Regency:
    exact = config.regency(name)
    if exact is not None:
        return exact
    from pilkada_cli.checking.values import RegencyMatcher

    found = RegencyMatcher(config.regencies).match(name)
    if found.value is None:
        listed = ", ".join(f"{r.code} {r.name}" for r in config.regencies[:12])
        more = ", …" if len(config.regencies) > 12 else ""
        raise UsageError(texts.phrase("usage", "unknown_regency", name=name,
                                      listed=listed + more))
    return found.value


def _document(field: Field, regency: Regency | None, config: Config, points: list[Point],
              lang: str) -> dict[str, Any]:
    scope = ({"code": regency.code, "name": regency.name} if regency
             else {"code": config.province_code, "name": config.province_name})
    return {"field": {"key": field.qualified, "label": field.label.get(lang), "type": field.type,
                      "aggregate": field.aggregate},
            "scope": scope, "province": regency is None, "expected": 1 if regency
            else len(config.regencies),
            "points": [{"date": p.date.isoformat(), "value": plain(p.value),
                        "regencies": p.regencies} for p in points]}


def _csv(points: list[Point]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["date", "value", "regencies"])
    for p in points:
        value = plain(p.value)
        writer.writerow([p.date.isoformat(), visible(value) if isinstance(value, str) else value,
                         p.regencies])
    return out.getvalue()


def _print(field: Field, regency: Regency | None, config: Config, points: list[Point],
           last: dt.date, lang: str) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from pilkada_cli.formats import fmt_date

    text = texts.table("history", lang)
    console = Console()
    scope = regency.name if regency else config.province_name
    label = field.label.get(lang)
    if not points:
        console.print(text["empty"].format(label=escape(label), scope=escape(scope),
                                           last=fmt_date(last, lang, weekday=False)),
                      highlight=False)
        return
    console.print(f"{label} – {scope}", style="bold", highlight=False, markup=False)
    table = Table(show_edge=False, pad_edge=False)
    table.add_column(text["date"], no_wrap=True)
    table.add_column(text["value"], justify="right", no_wrap=True)
    if regency is None:
        table.add_column(text["regencies"], justify="right", no_wrap=True)
    for p in points:
        row = [fmt_date(p.date, lang), _shown(p.value, field, lang)]
        if regency is None:
            row.append(f"{p.regencies}/{len(config.regencies)}")
        table.add_row(*row)
    console.print(table)


def _shown(value: Any, field: Field, lang: str) -> str:
    from rich.markup import escape

    from pilkada_cli.formats import fmt_number, fmt_percent

    if isinstance(value, int | float) and not isinstance(value, bool):
        if field.type == "percent":
            return fmt_percent(value, lang)
        decimals = 0 if field.type == "integer" or float(value).is_integer() else 2
        return fmt_number(value, lang, decimals)
    return escape(visible(plain(value)))
