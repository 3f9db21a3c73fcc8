"""A new desk's folder: a commented pilkada.yaml for its province, and the folders it names.

    from pilkada_cli.starter import start_desk
    started = start_desk(Path("desk"), find_province("Jawa Barat"))

The config is written out in full, every key with a comment, so that a desk sees what it
can change; it loads as any pilkada.yaml does (config.load_config).
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from pathlib import Path

from pilkada_cli import texts
from pilkada_cli.config import CONFIG_NAME, DEFAULTS
from pilkada_cli.errors import UsageError
from pilkada_cli.files import atomic_write
from pilkada_cli.regions import Province, Unit, provinces, regencies

FOLDERS = ("inbox", "out", "archive")


@dataclass(frozen=True)
class Started:
    config: Path
    folders: tuple[Path, ...]
    province: Province
    regencies: int


def built_in_province() -> Province:
    """The province the tool runs for without a config (Kalimantan Timur)."""
    return provinces()[DEFAULTS["province"]["code"]]


def start_desk(folder: Path, province: Province | None = None, force: bool = False,
               lang: str = "id") -> Started:
    """Write `folder/pilkada.yaml` and make the inbox, out and archive folders beside it.
    An existing config is only replaced with `force`; folders are kept as they are."""
    province = province or built_in_province()
    path = folder / CONFIG_NAME
    if path.exists() and not force:
        raise UsageError(texts.text("init", "exists", lang, path=path))
    units = regencies(province.code)
    try:
        atomic_write(path, config_text(province, units, lang).encode("utf-8"))
        made = tuple(folder / name for name in FOLDERS)
        for sub in made:
            sub.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(texts.text("init", "cannot", lang, path=exc.filename or path,
                                    why=exc.strerror or exc)) from exc
    return Started(path, made, province, len(units))


def note(text: str) -> list[str]:
    """A comment, in lines that fit an editor's window."""
    return textwrap.wrap(text, 88, initial_indent="# ", subsequent_indent="# ")


def config_text(province: Province, units: list[Unit], lang: str = "id") -> str:
    """The commented YAML of a province's config (names quoted, so any name stays text)."""
    t = texts.table("init", lang)
    q = json.dumps
    items = [f"{k}: {v}" for k, v in DEFAULTS["limits"].items()]
    rows = [", ".join(items[i:i + 4]) for i in range(0, len(items), 4)]
    limits = ("limits: {" + (",\n" + " " * 9).join(rows) + "}").split("\n")
    built_in = province.code == DEFAULTS["province"]["code"]
    sign = {**DEFAULTS["signature"], "place": DEFAULTS["signature"]["place"] if built_in
            else None}
    lines = [
        *note(t['head'].format(province=province.name)),
        *note(t['head_edit']),
        "",
        *note(t['province']),
        f"province: {{code: {q(province.code)}, name: {q(province.name)}}}",
        *note(t['timezone']),
        f"timezone: {province.timezone}",
        f"timezone_label: {province.timezone_label}",
        *note(t['election_day']),
        f"election_day: {DEFAULTS['election_day']}",
        *note(t['deadline']),
        f"deadline: {q(DEFAULTS['deadline'])}",
        *note(t['regencies']),
        *([] if built_in else note(t['check_list'])),
        "regencies:",
        *(f"  - {{code: {q(u.code)}, name: {q(u.name)}, aliases: {q(list(u.aliases))}}}"
          for u in units),
        *note(t['paths']),
        "paths: {" + ", ".join(f"{k}: {v}" for k, v in DEFAULTS["paths"].items()) + "}",
        *note(t['schema']),
        "schema: null",
        "templates: null",
        *note(t['map']),
        "map: null",
        *note(t['password']),
        "template_password: null",
        *note(t['targets']),
        "targets: {" + ", ".join(f"{k}: {v}" for k, v in DEFAULTS["targets"].items()) + "}",
        *note(t['signature']),
        "signature: {" + ", ".join(f"{k}: {'null' if v is None else q(v)}"
                                   for k, v in sign.items()) + "}",
        *note(t['limits']),
        *limits,
    ]
    return "\n".join(lines) + "\n"
