"""Indonesian (and English) number, date and time formats: 1.234.567, 79,4%, Senin,
18 November 2024, 18.00 WITA. Every output that shows a figure or a moment formats it here."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, localcontext

MONTHS_ID = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
DAYS_ID = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
DAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def wa_number(text: str) -> str | None:
    """An Indonesian phone number as WhatsApp wants it, country code first without '+':
    0812-3456-7890, +62 812 3456 7890, 62812… and 812… (a lost leading zero) -> 6281234567890.
    None when it is no such number."""
    digits = re.sub(r"[\s\-.()/]", "", str(text))
    if digits.startswith("+"):
        digits = digits[1:]
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    elif digits.startswith("8"):
        digits = "62" + digits
    if not (digits.isdigit() and digits.startswith("62") and 10 <= len(digits) <= 15):
        return None
    return digits if len(set(digits[2:])) > 1 and digits[2] != "0" else None


def fmt_number(value: float | int | Decimal | None, lang: str = "id", decimals: int = 0) -> str:
    """1.234.567 and 79,4 in Indonesian; 1,234,567 and 79.4 in English. None is '–'."""
    if value is None:
        return "–"
    text = f"{rounded(value, decimals):,.{decimals}f}"
    if lang == "id":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def rounded(value: float | int | Decimal, decimals: int = 0) -> Decimal:
    """The value as it is shown: rounded half up to `decimals`, exactly (so the difference
    of two shown values is what a reader computes from them)."""
    quant = Decimal(1).scaleb(-decimals) if decimals else Decimal(1)
    with localcontext() as context:
        context.prec = 400  # any float, however large, formats exactly
        return Decimal(str(value)).quantize(quant, rounding=ROUND_HALF_UP)


def fmt_percent(value: float | None, lang: str = "id", decimals: int = 1) -> str:
    return "–" if value is None else fmt_number(value, lang, decimals) + "%"


def fmt_date(day: dt.date, lang: str = "id", weekday: bool = True) -> str:
    """'Senin, 18 November 2024' or 'Monday, 18 November 2024'."""
    months, days = (MONTHS_ID, DAYS_ID) if lang == "id" else (MONTHS_EN, DAYS_EN)
    text = f"{day.day} {months[day.month - 1]} {day.year}"
    return f"{days[day.weekday()]}, {text}" if weekday else text


def fmt_clock(moment: dt.datetime | dt.time, lang: str = "id", label: str = "") -> str:
    """'18.00 WITA' (Indonesian) or '18:00 WITA'."""
    text = moment.strftime("%H.%M" if lang == "id" else "%H:%M")
    return f"{text} {label}" if label else text


def fmt_moment(moment: dt.datetime, day: dt.date, lang: str = "id", label: str = "") -> str:
    """'17.10 WITA' on the report's own `day`, '19 Nov 08.15 WITA' on another: a moment as
    every output shows it (to the minute, on the clock it carries)."""
    clock = fmt_clock(moment, lang, label)
    if moment.date() == day:
        return clock
    year = f" {moment.year}" if moment.year != day.year else ""
    return f"{fmt_short_date(moment.date(), lang)}{year} {clock}"


def fmt_short_date(day: dt.date, lang: str = "id") -> str:
    """'12 Nov', '3 Des': a date on a chart's axis."""
    months = MONTHS_ID if lang == "id" else MONTHS_EN
    return f"{day.day} {months[day.month - 1][:3]}"


def fmt_size(n_bytes: float) -> str:
    """'512 B', '17.5 KB', '20.0 MB'."""
    if n_bytes < 1024:
        return f"{n_bytes:.0f} B"
    for unit in ("KB", "MB"):
        n_bytes /= 1024
        if n_bytes < 1024:
            return f"{n_bytes:.1f} {unit}"
    return f"{n_bytes / 1024:.1f} GB"


def countdown(day: dt.date, election_day: dt.date) -> str:
    """'H-9' nine days before voting day, 'H' on it, 'H+1' after."""
    delta = (day - election_day).days
    if delta == 0:
        return "H"
    return f"H{delta:+d}"


