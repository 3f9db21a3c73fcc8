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
import math
from json.encoder import encode_basestring  # type: ignore[attr-defined]  # in C
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
    data = plain(value)
    if indent is not None and not sort_keys:
        # With an indent the standard library falls back to its pure-Python encoder (a
        # generator per value): a good part of writing a national recap. This writer
        # gives the very same text, and leaves what it does not know to json.dumps.
        parts: list[str] = []
        try:
            _indented(data, parts, "", " " * indent)
        except _Other:
            pass
        else:
            return "".join(parts)
    return json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=sort_keys)


class _Other(Exception):
    """A value the indenting writer leaves to json.dumps (a float that is not finite)."""


def _indented(value: Any, parts: list[str], indent: str, step: str) -> None:
    if isinstance(value, str):
        parts.append(encode_basestring(value))
    elif value is None:
        parts.append("null")
    elif value is True:
        parts.append("true")
    elif value is False:
        parts.append("false")
    elif isinstance(value, int):
        parts.append(int.__repr__(value))
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise _Other
        parts.append(float.__repr__(value))
    elif isinstance(value, dict | list) and not value:
        parts.append("{}" if isinstance(value, dict) else "[]")
    elif isinstance(value, dict):
        inner = indent + step
        separator = "{\n" + inner
        for key, item in value.items():
            if not isinstance(key, str):
                raise _Other
            parts.append(separator + encode_basestring(key) + ": ")
            separator = ",\n" + inner
            _indented(item, parts, inner, step)
        parts.append("\n" + indent + "}")
    elif isinstance(value, list):
        inner = indent + step
        separator = "[\n" + inner
        for item in value:
            parts.append(separator)
            separator = ",\n" + inner
            _indented(item, parts, inner, step)
        parts.append("\n" + indent + "]")
    else:
        raise _Other
