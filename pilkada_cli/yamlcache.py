"""YAML files (the config, the schema) parsed once per content.

Importing PyYAML and parsing a national config cost a one-file check more than reading
the workbook. The data a file parses to is kept in the user's cache folder, named by
the SHA-256 of the file's bytes, so a later run with the same file reads it back with
marshal (which builds plain data and runs no code) and never imports PyYAML. A changed
file has another name; a cache that cannot be read or written is simply not used.
Every value is still checked by the config and schema loaders, as on the first run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import marshal
import os
from pathlib import Path
from typing import Any

from pilkada_cli import __version__
from pilkada_cli.files import atomic_write

# Part of every name: data written by another version or another layout is never read.
_LAYOUT = f"pilkada {__version__} marshal 1"


class InvalidYaml(ValueError):
    """The text is not valid YAML (the message is PyYAML's)."""


def read_yaml(path: Path) -> Any:
    """The data in a YAML file. Raises OSError, UnicodeDecodeError or InvalidYaml."""
    raw = path.read_bytes()
    kept = _cache_folder()
    name = hashlib.sha256(_LAYOUT.encode() + b"\0" + raw).hexdigest() + ".marshal"
    if kept is not None:
        try:
            return _revive(marshal.loads((kept / name).read_bytes()))
        except (OSError, EOFError, ValueError, TypeError):
            pass  # not kept yet, or unreadable: parse the file
    data = _parse(raw.decode("utf-8"))
    if kept is not None:
        try:
            kept.mkdir(mode=0o700, parents=True, exist_ok=True)
            atomic_write(kept / name, marshal.dumps(_flatten(data)))
        except (OSError, ValueError):
            pass  # a read-only home, or data marshal cannot hold: parse again next time
    return data


def _parse(text: str) -> Any:
    import yaml

    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise InvalidYaml(str(exc)) from exc


def _cache_folder() -> Path | None:
    base = os.environ.get("XDG_CACHE_HOME")
    try:
        return (Path(base) if base else Path.home() / ".cache") / "pilkada" / "yaml"
    except RuntimeError:  # no home directory to put it in
        return None


# YAML's dates and times have no marshal form: kept as tagged tuples, which YAML's own
# data never holds (its sequences are lists).
_TIMES = {"date": dt.date, "datetime": dt.datetime}


def _flatten(value: Any) -> Any:
    if isinstance(value, dict):
        return {_flatten(k): _flatten(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_flatten(v) for v in value]
    if isinstance(value, dt.datetime):
        return ("datetime", value.isoformat())
    if isinstance(value, dt.date):
        return ("date", value.isoformat())
    return value


def _revive(value: Any) -> Any:
    if isinstance(value, dict):
        return {_revive(k): _revive(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_revive(v) for v in value]
    if isinstance(value, tuple) and len(value) == 2 and value[0] in _TIMES:
        return _TIMES[value[0]].fromisoformat(value[1])
    return value
