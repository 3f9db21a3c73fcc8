"""The catalogue of user-facing text, in Indonesian and English.

Every word pilkada shows a person lives in one module of this package, one per area
(`issues`, `briefing`, `check`, ...), as `TEXTS = {key: (Indonesian, English)}` with
`{placeholders}`. Code asks for text by area and key; issues carry a code and parameters,
so one report prints in either language and the JSON stays the same but for `message`.
This package imports nothing of pilkada's but the formats.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module

from pilkada_cli.formats import fmt_date

LANGS = ("id", "en")


@cache
def catalogue(area: str) -> dict[str, tuple[str, str]]:
    """One area's texts, key -> (Indonesian, English)."""
    texts: dict[str, tuple[str, str]] = import_module(f"{__name__}.{area}").TEXTS
    return texts


@cache
def table(area: str, lang: str) -> dict[str, str]:
    """One area's texts in one language, for a template or a run of messages."""
    index = LANGS.index(lang) if lang in LANGS else 0
    return {key: pair[index] for key, pair in catalogue(area).items()}


def text(area: str, key: str, lang: str, /, **params: object) -> str:
    """One text with its placeholders filled; a date shows as '18 November 2024', and a
    Phrase given as a parameter (a cause inside a sentence) is said in the same language."""
    template = table(area, lang).get(key)
    if template is None:
        return key
    return template.format_map(_Lenient({k: _shown(v, lang) for k, v in params.items()}))


def _shown(value: object, lang: str) -> object:
    if isinstance(value, Phrase):
        return value.get(lang)
    if isinstance(value, dt.date):
        return fmt_date(value, lang, weekday=False)
    return value


def issue_area(code: str) -> str:
    """The area of an issue's text: a provincial recap's issues (`recap-…`) live in
    `recap`, every other in `issues`."""
    return "recap" if code.startswith("recap-") else "issues"


def message(code: str, lang: str, params: dict[str, object]) -> str:
    """The text of an issue; unknown placeholders are left visible rather than failing."""
    return text(issue_area(code), code, lang, **params)


def expected(type_name: str, lang: str) -> str:
    """What a cell of this type should hold ('bilangan bulat')."""
    return table("expected", lang).get(type_name, type_name)


def briefing_phrases(lang: str) -> dict[str, str]:
    """The briefing's words in one language, for the view and the templates."""
    return table("briefing", lang)


class _Lenient(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(frozen=True)
class Phrase:
    """A text of the catalogue with its parameters, to be put in words later in either
    language (an issue's `{what}`, said by a stage that knows no language)."""

    area: str
    key: str
    params: dict[str, object] = field(default_factory=dict)

    def get(self, lang: str) -> str:
        return text(self.area, self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.get("id")


def phrase(area: str, key: str, /, **params: object) -> Phrase:
    """A Phrase of `area`, e.g. `phrase("reader", "nested_xml", depth=64, part=member)`."""
    return Phrase(area, key, params)
