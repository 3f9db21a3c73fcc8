"""The records of what needs attention and of the day's revision, as the picture carries
them: made by day/attention.py and day/revisions.py, read by the briefing and the recap.
Kept apart from the rules so that the picture (day/merge.py) can name them without
importing the rules that read it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from pilkada_cli import texts
from pilkada_cli.checking.model import Issue
from pilkada_cli.config import Regency
from pilkada_cli.store.approvals import FileRef, RevisionRecord

AREA = "attention"


class Past(Protocol):
    """One earlier accepted report of a regency (store.ledger.Snapshot is one)."""

    @property
    def date(self) -> dt.date: ...

    @property
    def values(self) -> dict[str, Any]: ...

    @property
    def tables(self) -> dict[str, list[dict[str, Any]]]: ...


@dataclass(frozen=True)
class History:
    """What the store knows of the days before the report date."""

    recent: Mapping[str, Sequence[Past]]
    """Per regency code: its accepted reports before the day, oldest first."""
    sent: Mapping[dt.date, frozenset[str]]
    """Per earlier day: the regencies that sent any file for it, valid or not."""


@dataclass(frozen=True)
class Item:
    """One line of the block: a regency, where to look, and what is the matter."""

    kind: str
    regency: Regency
    key: str
    params: Mapping[str, Any] = field(default_factory=dict)
    data: Mapping[str, Any] = field(default_factory=dict)
    """Exact figures behind the message, for the recap JSON."""
    field: str | None = None
    sheet: str | None = None
    cell: str | None = None
    file: Path | None = None
    issue: Issue | None = None
    order: int = 0
    """Seriousness within the rule, lowest first."""

    def message(self, lang: str = "id") -> str:
        if self.issue is not None:
            return self.issue.message(lang)
        # Numbers, dates and the schema's labels are written in the message's language.
        shown = {k: v.get(lang) if hasattr(v, "get") else v for k, v in self.params.items()}
        return texts.text(AREA, self.key, lang, **shown)


@dataclass(frozen=True)
class Attention:
    """The ranked items, and the rules left out for want of the store's past days."""

    items: tuple[Item, ...]
    left_out: tuple[str, ...] = ()


@dataclass(frozen=True)
class Difference:
    """A regency's figure in the approved revision and now, and the file it now comes from."""

    regency: Regency
    field: str
    before: Any
    after: Any
    file: str | None


@dataclass(frozen=True)
class Revision:
    """The revision a compile writes, and its sign-off."""

    number: int
    files: dict[str, FileRef]
    figures: dict[str, dict[str, Any]]
    approved_by: str | None = None
    approved_at: dt.datetime | None = None
    previous: RevisionRecord | None = None
    """The approved revision before this one, compared against."""
    differences: tuple[Difference, ...] = ()
    new: bool = False
    """This compile starts the revision (the earlier one's files are to be kept)."""
    save: bool = False
    """The store's record of the revision is to be written once the files are."""

    @property
    def approved(self) -> bool:
        return self.approved_by is not None
