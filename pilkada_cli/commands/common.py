"""What the commands share: options declared once, loading config and schema, errors to exit codes.

Heavy libraries are imported inside the functions that need them, so that
`pilkada --help` and `pilkada check` start fast.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from pilkada_cli.errors import ExitCode, PilkadaError, UsageError
from pilkada_cli.texts import phrase

if TYPE_CHECKING:
    from pilkada_cli.checking.schema import Schema
    from pilkada_cli.config import Config


class Lang(str, Enum):
    id = "id"
    en = "en"


ConfigOption = Annotated[Path | None, typer.Option(
    "--config", help="Config file (default: ./pilkada.yaml if present, else built-in).",
    dir_okay=False)]
SchemaOption = Annotated[Path | None, typer.Option(
    "--schema", help="Report schema YAML (default: the config's, else built-in).",
    dir_okay=False)]
LangOption = Annotated[Lang, typer.Option(
    "--lang", help="Language of messages and briefings: id (Indonesian) or en.")]
DateOption = Annotated[str, typer.Option(
    "--date", help="Report date: YYYY-MM-DD, today or yesterday (in the province's time zone).")]
WaitOption = Annotated[float, typer.Option(
    "--wait", min=0, help="Seconds to wait for another run over the same store to finish; "
    "then give up with exit code 75.")]
RecordOption = Annotated[bool | None, typer.Option(
    "--record/--no-record", show_default=False,
    help="Take the files into the store (ledger, archive, accepted figures, rules across "
    "days). Default: on when a pilkada.yaml is in use or the store already exists.")]

DEBUG = {"on": False}
F = TypeVar("F", bound=Callable[..., Any])


def guarded(command: F) -> F:
    """Turn the library's errors into a message on stderr and the contract's exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except PilkadaError as exc:
            if DEBUG["on"]:
                raise
            error(exc.message(_lang(kwargs)))
            raise typer.Exit(int(exc.exit_code)) from None
        except KeyboardInterrupt:
            error(phrase("errors", "interrupted").get(_lang(kwargs)))
            raise typer.Exit(130) from None
        except Exception as exc:
            if DEBUG["on"]:
                raise
            error(phrase("errors", "internal", kind=type(exc).__name__, why=exc)
                  .get(_lang(kwargs)))
            raise typer.Exit(int(ExitCode.USAGE)) from None

    return wrapper  # type: ignore[return-value]


def _lang(kwargs: dict[str, Any]) -> str:
    """The command's `--lang`, Indonesian when it has none."""
    lang = kwargs.get("lang")
    return str(getattr(lang, "value", lang) or "id")


def error(text: str) -> None:
    from rich.console import Console
    from rich.markup import escape

    from pilkada_cli.visible import visible

    # One line, never broken at 80 columns: paths stay whole in cron logs and for grep.
    Console(stderr=True).print(f"[bold red]pilkada:[/] {escape(visible(text))}", highlight=False,
                               soft_wrap=True)


def load_context(config_path: Path | None, schema_path: Path | None) -> tuple[Config, Schema]:
    from pilkada_cli.checking.schema import load_schema
    from pilkada_cli.config import find_config, load_config

    config = load_config(find_config(config_path))
    schema = load_schema(schema_path or config.schema_path)
    check_targets(config, schema)
    return config, schema


def check_targets(config: Config, schema: Schema) -> None:
    """Each of the config's `targets` names a headline percentage of the schema (a typo
    would leave the target out of the briefing without a word). The built-in target is
    left alone by a schema without its field."""
    from pilkada_cli.config import DEFAULTS
    from pilkada_cli.errors import ConfigError

    known = [f.qualified for sheet in schema.sheets for f in sheet.fields
             if f.type == "percent" and f.aggregate in ("ratio", "weighted_mean")]
    where = f"{config.source}: " if config.source else ""
    for key in config.targets:
        if key not in known and key not in DEFAULTS["targets"]:
            raise ConfigError(phrase("config", "target_field", at=f"{where}targets.{key}",
                                     known=", ".join(known)))


def parse_date(text: str, config: Config) -> dt.date:
    today = config.today()
    words = {"today": today, "hari-ini": today, "yesterday": today - dt.timedelta(days=1),
             "kemarin": today - dt.timedelta(days=1)}
    if text.lower() in words:
        return words[text.lower()]
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(phrase("usage", "bad_date", value=text)) from None


