"""One way to write pilkada's JSON (check's output, the recap, the store, status), so that a
time, a date, a path or a whole number reads the same in every file.

- a date is `2024-11-18`; a moment `2024-11-18T17:05:00+08:00` (to the second, with its offset);
  a time of day `17:05` (with `:30` seconds only when it has them);
- a whole float is an integer (`7.0` read from a cell is `7`); a path is written with `/`;
- anything else pilkada's records hold (labels, choices) is its text.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import PurePath
from typing import Any


def plain(value: Any) -> Any:
    """`value` as JSON's own types, by the rules above; dicts and lists all the way down."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S" if value.second else "%H:%M")
    if isinstance(value, PurePath):
        return value.as_posix()
    return str(value)


def dumps(value: Any, *, indent: int | None = None, sort_keys: bool = False) -> str:
    """The JSON text of `value`; non-ASCII stays readable (Indonesian names, en dashes)."""
    return json.dumps(plain(value), ensure_ascii=False, indent=indent, sort_keys=sort_keys)
