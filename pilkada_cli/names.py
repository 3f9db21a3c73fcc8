"""Names as people type them (regencies, sheets, labels, choices), made comparable:
spacing of every kind, case, accents and punctuation do not matter."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

SPACES = re.compile(r"[\s\u00a0\u2007\u202f\u200b\ufeff]+")


def clean_text(raw: Any) -> str:
    """Text with every kind of space made one plain space, trimmed."""
    return SPACES.sub(" ", str(raw)).strip()


@functools.lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Compare-friendly text: case, accents, punctuation and spacing do not matter.

    Cached: the same labels are folded in every workbook of a day."""
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    text = re.sub(r"[^\w/%]+", " ", text)
    return re.sub(r"\s*/\s*", "/", SPACES.sub(" ", text)).strip()


@functools.lru_cache(maxsize=1024)
def sheet_key(name: str) -> str:
    """A sheet name as matched: case, spacing and a leading number ("5. LOGISTIK ") do not
    matter. Cached: each workbook's sheets are matched against every sheet of the schema."""
    return re.sub(r"^\d+\s*", "", fold(name)).replace(" ", "")
