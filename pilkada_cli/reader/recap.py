"""Read a provincial recap (`rekap-D.json`) as safely as a workbook.

A recap comes from another office, so it is read like any file from outside: the size
is capped before a byte is parsed, a file with more values than any recap holds is
refused before parsing (counting commas and brackets costs a pass in C), numbers that
no recap holds (integers of more than 20 digits, NaN, Infinity) stop the parse at once,
and nesting is bounded both during the parse (Python's recursion guard) and after it
(an iterative walk, level by level). What is refused raises
UnreadableWorkbook with the issue's code, so a hostile recap costs its own file only.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pilkada_cli.config import Limits
from pilkada_cli.errors import UnreadableWorkbook
from pilkada_cli.reader.opening import read_file

# A national recap of 514 regencies nests 6 deep (files > unidentified > [i] > issues >
# [j] > value) and holds about 60 000 values; these bounds leave room and stop the rest.
MAX_DEPTH = 12
MAX_VALUES = 200_000
MAX_DIGITS = 20
MAX_NUMBER_TEXT = 40


@dataclass(frozen=True)
class RecapFile:
    path: Path
    size: int
    sha256: str
    document: Any


class _Refused(ValueError):
    """A number the parse will not build."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def read_recap(path: Path, limits: Limits) -> RecapFile:
    """The parsed recap, or UnreadableWorkbook (`recap-not-json`, `recap-too-many`, ...)."""
    data = read_file(path, limits.max_file_bytes)  # opened as a workbook is
    # Every value but the first follows a comma or an opening bracket: an upper bound on
    # how many the parse would build, known before building any.
    if data.count(b",") + data.count(b"[") + data.count(b"{") >= MAX_VALUES:
        raise UnreadableWorkbook("recap-too-many", limit=MAX_VALUES)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableWorkbook("recap-not-utf8", offset=exc.start) from exc
    try:
        document = json.loads(text, parse_int=_integer, parse_float=_float,
                              parse_constant=_constant)
    except _Refused as exc:
        raise UnreadableWorkbook("recap-number", value=exc.text[:MAX_NUMBER_TEXT]) from exc
    except RecursionError as exc:
        raise UnreadableWorkbook("recap-too-deep", limit=MAX_DEPTH) from exc
    except json.JSONDecodeError as exc:
        raise UnreadableWorkbook("recap-not-json", what=exc.msg, line=exc.lineno,
                                 column=exc.colno) from exc
    except ValueError as exc:  # int() of more digits than Python allows, and the like
        raise UnreadableWorkbook("recap-number", value=str(exc)[:MAX_NUMBER_TEXT]) from exc
    _check_shape(document)
    return RecapFile(path, len(data), hashlib.sha256(data).hexdigest(), document)


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _Refused(text)
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_NUMBER_TEXT:
        raise _Refused(text)
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise _Refused(text)
    return value


def _constant(text: str) -> Any:
    raise _Refused(text)  # NaN, Infinity, -Infinity: not JSON, and never a figure


def _check_shape(document: Any) -> None:
    """The nesting depth, without recursion (only containers are visited)."""
    level = [document] if type(document) in (dict, list) else []
    depth = 1
    while level:
        if depth > MAX_DEPTH:
            raise UnreadableWorkbook("recap-too-deep", limit=MAX_DEPTH)
        level = [child for value in level
                 for child in (value.values() if type(value) is dict else value)
                 if type(child) in (dict, list)]
        depth += 1
