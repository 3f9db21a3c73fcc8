"""Turn what people type into typed values, saying what was assumed.

Every reader returns a `Parsed`: the value (or None), and at most one issue code
with its parameters. A warning code means "read, but not as the template asks"; an
error code means "could not be read"; validate.py decides which is which.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from dataclasses import dataclass, field
from typing import Any

from pilkada_cli import texts
from pilkada_cli.checking.schema import Choice, Labels
from pilkada_cli.config import Regency
from pilkada_cli.names import SPACES, clean_text, fold

NIL_WORDS = frozenset({"nihil", "nil", "-", "–", "—", "tidak ada", "tdk ada"})
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_FIRST_YEAR = 1900  # Excel's dates begin on 1 January 1900

MONTHS = {
    "januari": 1, "january": 1, "jan": 1,
    "februari": 2, "pebruari": 2, "february": 2, "feb": 2, "peb": 2,
    "maret": 3, "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "agustus": 8, "august": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "agus": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "december": 12, "des": 12, "dec": 12,
}
_WEEKDAYS = re.compile(
    r"^(senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday)\b[,\s]*"
)
_DATE_WORDS = re.compile(r"^(\d{1,2})[\s\-/.]+([a-z]+)\.?[\s\-/.,]+(\d{4}|\d{2})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DATE_DMY = re.compile(r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4}|\d{2})$")
_TIME = re.compile(
    r"^(?:pukul|jam|pk\.?)?\s*(\d{1,2})[.:](\d{2})(?:[.:](\d{2}))?\s*(wita|wib|wit)?$")

_INT = re.compile(r"^[+-]?\d+$")
_ID_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_EN_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")
_DECIMAL_POINT = re.compile(r"^[+-]?\d+\.\d+$")
_SPACE_GROUPED = re.compile(r"^[+-]?\d{1,3}(?: \d{3})+(?:[.,]\d+)?$")


@dataclass(frozen=True)
class Parsed:
    value: Any
    code: str | None = None
    params: dict[str, Any] = field(default_factory=dict)


def is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and (not raw or bool(SPACES.fullmatch(raw))))


def shown(raw: Any) -> str:
    """How a raw cell value is quoted back to the user."""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return clean_text(str(raw)[:400])[:80]


def read_number(raw: Any, kind: str) -> Parsed:
    """integer, number or percent from a numeric cell or from text typed the Indonesian way."""
    if isinstance(raw, bool | dt.date | dt.time | dt.timedelta):
        return Parsed(None, "type-error")
    if isinstance(raw, int | float):
        if not math.isfinite(raw):
            return Parsed(None, "type-error")
        return _as_kind(float(raw), kind, None)
    text = clean_text(raw)
    if text.casefold() in NIL_WORDS:
        return Parsed(0, "nil-as-zero", {"read": "0"})
    body = text
    if kind == "percent" and body.endswith("%"):
        body = body[:-1].strip()
    if _ambiguous(body):
        return Parsed(None, "type-error", {"expected": _Ambiguous(body, kind)})
    number = _number_from_text(body)
    if number is None or not math.isfinite(number):
        return Parsed(None, "type-error")
    return _as_kind(number, kind, text)


def _number_from_text(text: str) -> float | None:
    if _SPACE_GROUPED.match(text):
        text = text.replace(" ", "")
    if _INT.match(text):
        return float(text)
    if _ID_GROUPED.match(text):
        return float(text.replace(".", "").replace(",", "."))
    if _EN_GROUPED.match(text):
        # "1,234" alone could be Indonesian for 1.234: too ambiguous to guess.
        return None if _ambiguous(text) else float(text.replace(",", ""))
    if _DECIMAL_COMMA.match(text):
        return float(text.replace(",", "."))
    if _DECIMAL_POINT.match(text):
        return float(text)
    return None


def _ambiguous(text: str) -> bool:
    """'1,234' alone: Indonesian for 1.234, or English for 1234? Too ambiguous to guess."""
    return bool(_EN_GROUPED.match(text)) and text.count(",") == 1 and "." not in text


@dataclass(frozen=True)
class _Ambiguous:
    """What the cell should hold, said of a number that reads two ways: both readings, and
    how to type the one meant."""

    text: str
    kind: str

    def get(self, lang: str) -> str:
        from pilkada_cli.formats import fmt_number

        whole = self.text.replace(",", "")
        sign = "-" if whole.startswith("-") else ""
        digits = whole.lstrip("+-")
        thousands = sign + fmt_number(int(digits), lang)
        decimal = sign + fmt_number(int(digits) / 1000, lang, 3)
        key = "ambiguous_integer" if self.kind == "integer" else "ambiguous_number"
        return texts.text("expected", key, lang, what=texts.table("expected", lang)[self.kind],
                          thousands=thousands, decimal=decimal, plain=sign + digits,
                          decimal_plain=decimal + "0")


def _as_kind(number: float, kind: str, text: str | None) -> Parsed:
    if kind == "integer":
        if not number.is_integer():
            return Parsed(None, "type-error")
        value: int | float = int(number)
    else:
        value = int(number) if number.is_integer() and abs(number) < 2**53 else number
    if text is None:
        return Parsed(value)
    return Parsed(value, "number-as-text", {"read": _plain(value)})


def _plain(value: float | int) -> str:
    from pilkada_cli.formats import fmt_number

    decimals = 0 if float(value).is_integer() else min(len(repr(float(value)).split(".")[1]), 6)
    return fmt_number(value, "id", decimals)


def read_date(raw: Any) -> Parsed:
    """A date cell, an Excel serial number, or Indonesian/English text."""
    if isinstance(raw, dt.date) and raw.year < _FIRST_YEAR:
        # Excel's day 0 or 1: what a time-only cell, or a serial that is not a number,
        # becomes in a date cell; never a report's date.
        return Parsed(None, "type-error")
    if isinstance(raw, dt.datetime):
        return Parsed(raw.date())
    if isinstance(raw, dt.date):
        return Parsed(raw)
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if math.isfinite(raw) and float(raw).is_integer() and 20000 <= raw <= 80000:
            serial = _EXCEL_EPOCH + dt.timedelta(days=int(raw))
            return Parsed(serial, "date-serial", {"read": serial})
        return Parsed(None, "type-error")
    if not isinstance(raw, str):
        return Parsed(None, "type-error")
    text = _WEEKDAYS.sub("", clean_text(raw).casefold().replace(",", " ")).strip()
    text = SPACES.sub(" ", text)
    day = _date_from_text(text)
    if day is None:
        return Parsed(None, "type-error")
    return Parsed(day, "date-as-text", {"read": day})


def _date_from_text(text: str) -> dt.date | None:
    parts: tuple[int, int, int] | None = None
    if match := _DATE_WORDS.match(text):
        month = MONTHS.get(match[2])
        if month is not None:
            parts = (int(match[3]), month, int(match[1]))
    elif match := _DATE_ISO.match(text):
        parts = (int(match[1]), int(match[2]), int(match[3]))
    elif match := _DATE_DMY.match(text):
        parts = (int(match[3]), int(match[2]), int(match[1]))
    if parts is None:
        return None
    year, month, day = parts
    if year < 100:
        year += 2000
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def read_time(raw: Any) -> Parsed:
    """A time cell, a fraction of a day, or text like '14.30' or '14:30 WITA'."""
    if isinstance(raw, dt.datetime):
        return Parsed(raw.time().replace(microsecond=0))
    if isinstance(raw, dt.time):
        return Parsed(raw.replace(microsecond=0))
    if isinstance(raw, dt.timedelta):
        seconds = int(raw.total_seconds())
        if 0 <= seconds < 86400:
            return Parsed(dt.time(seconds // 3600, seconds % 3600 // 60))
        return Parsed(None, "type-error")
    if isinstance(raw, float | int) and not isinstance(raw, bool):
        if math.isfinite(raw) and 0 <= raw < 1:
            minutes = round(raw * 1440)
            return Parsed(dt.time(minutes // 60 % 24, minutes % 60))
        return Parsed(None, "type-error")
    match = _TIME.match(clean_text(raw).casefold())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        return Parsed(None, "type-error")
    # Text, not a time: LibreOffice in an Indonesian locale keeps "13.30" so.
    hour, minute = int(match[1]), int(match[2])
    return Parsed(dt.time(hour, minute), "time-as-text",
                  {"read": Labels(f"{hour:02d}.{minute:02d}", f"{hour:02d}:{minute:02d}")})


def read_text(raw: Any) -> Parsed:
    if isinstance(raw, float) and raw.is_integer():
        return Parsed(str(int(raw)))
    if isinstance(raw, dt.datetime | dt.date | dt.time):
        return Parsed(raw.isoformat())
    return Parsed(clean_text(raw))


def read_phone(raw: Any) -> Parsed:
    """An Indonesian phone number as text: 08…, +62… or an area-code landline."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if not (math.isfinite(raw) and float(raw).is_integer() and raw > 0):
            return Parsed(None, "invalid-phone")
        digits = str(int(raw))
        national = "0" + (digits[2:] if digits.startswith("62") else digits)
        if _plausible_phone(national):
            return Parsed(national, "phone-as-number", {"read": national})
        return Parsed(None, "invalid-phone")
    text = clean_text(raw)
    digits = re.sub(r"[\s\-.()/]", "", text)
    if digits.startswith("+62"):
        digits = "0" + digits[3:]
    elif digits.startswith("62") and len(digits) >= 11:
        digits = "0" + digits[2:]
    if not _plausible_phone(digits):
        return Parsed(None, "invalid-phone")
    return Parsed(digits)


def _plausible_phone(digits: str) -> bool:
    return digits.isdigit() and digits.startswith("0") and 9 <= len(digits) <= 14 \
        and len(set(digits[1:])) > 1


def read_choice(raw: Any, choices: tuple[Choice, ...]) -> Parsed:
    text = clean_text(shown(raw))
    for choice in choices:
        if text == choice.value:
            return Parsed(choice.value)
    key = fold(text)
    for choice in choices:
        names = (choice.value, choice.label.id, choice.label.en, *choice.aliases)
        if key in {fold(n) for n in names}:
            return Parsed(choice.value, "choice-spelling", {"read": choice.value})
    return Parsed(None, "invalid-choice")


_KIND_WORDS = {"kabupaten": "kabupaten", "kab": "kabupaten", "pemkab": "kabupaten",
               "kota": "kota", "pemkot": "kota", "kotamadya": "kota"}


def _split_kind(text: str) -> tuple[str | None, str]:
    words = fold(text).split(" ")
    if words and words[0] in _KIND_WORDS and len(words) > 1:
        return _KIND_WORDS[words[0]], " ".join(words[1:])
    return None, " ".join(words)


class RegencyMatcher:
    """Finds the configured regency a typed name means, or says why it cannot."""

    def __init__(self, regencies: tuple[Regency, ...]) -> None:
        self.regencies = regencies
        self._by_name = {r.name: r for r in reversed(regencies)}  # the first of a name wins

    @functools.cached_property
    def _by_core(self) -> dict[str, list[tuple[str | None, Regency]]]:
        """Every way of writing each regency, folded. Made on the first name that is not
        written exactly as configured: a national config has 514 names to fold."""
        by_core: dict[str, list[tuple[str | None, Regency]]] = {}

        def add(core: str, kind: str | None, regency: Regency) -> None:
            entries = by_core.setdefault(core, [])
            if all(r.code != regency.code for _, r in entries):
                entries.append((kind, regency))

        for regency in self.regencies:
            kind, core = _split_kind(regency.name)
            add(core, kind, regency)
            for alias in regency.aliases:
                alias_kind, alias_core = _split_kind(alias)
                add(alias_core, alias_kind or kind, regency)
            add(regency.code.replace(".", ""), kind, regency)
            add(fold(regency.code), kind, regency)
        return by_core

    def match(self, raw: Any) -> Parsed:
        if isinstance(raw, str) and raw in self._by_name:
            return Parsed(self._by_name[raw])
        text = clean_text(shown(raw))
        kind, core = _split_kind(text)
        found = [r for k, r in self._by_core.get(core, []) if kind is None or k in (None, kind)]
        if len(found) == 1:
            return Parsed(found[0], "regency-spelling",
                          {"read": f"{found[0].name} ({found[0].code})"})
        if len(found) > 1:
            return Parsed(None, "ambiguous-regency",
                          {"choices": ", ".join(f"{r.name} ({r.code})" for r in found)})
        return Parsed(None, "unknown-regency")
