"""The records that flow between the stages: issues found in a file, and the report read from it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import field as _field
from pathlib import Path
from typing import Any

from pilkada_cli.config import Regency
from pilkada_cli.jsonio import plain
from pilkada_cli.texts import message

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Issue:
    """One problem in one place of one file. `params` fill the message in either language;
    a value with a `get(lang)` method (such as schema Labels) is resolved per language."""

    severity: str
    code: str
    sheet: str | None = None
    cell: str | None = None
    field: str | None = None
    value: Any = None
    params: dict[str, Any] = _field(default_factory=dict)
    cells: tuple[str, ...] = ()

    def message(self, lang: str = "id") -> str:
        resolved = {k: (v.get(lang) if hasattr(v, "get") and not isinstance(v, dict) else v)
                    for k, v in self.params.items()}
        resolved.setdefault("value", self.value)
        return message(self.code, lang, resolved)

    def to_json(self, lang: str = "id") -> dict[str, Any]:
        data: dict[str, Any] = {
            "severity": self.severity, "code": self.code, "sheet": self.sheet,
            "cell": self.cell, "field": self.field.rsplit(".", 1)[-1] if self.field else None,
            "value": plain(self.value), "message": self.message(lang),
        }
        if self.field:
            data["key"] = self.field
        if self.cells:
            data["cells"] = list(self.cells)
        return data


@dataclass(frozen=True)
class Rollup:
    """Where a regency's report came from when a provincial recap stands for it: the
    province, and the regency's status inside that recap (`reported`, `late`)."""

    province: str
    status: str


@dataclass
class Report:
    """What one workbook says, as typed values keyed like the schema, and what is wrong with it."""

    path: Path
    regency: Regency | None = None
    date: dt.date | None = None
    values: dict[str, Any] = _field(default_factory=dict)
    tables: dict[str, list[dict[str, Any]]] = _field(default_factory=dict)
    cells: dict[str, tuple[str, str]] = _field(default_factory=dict)
    issues: list[Issue] = _field(default_factory=list)
    size: int = 0
    sha256: str | None = None
    # A report read from a provincial recap (`rekap-D.json`) says so here ...
    rollup: Rollup | None = None
    # ... and the recap file's own report lists the regency reports it stands for.
    covers: list[Report] = _field(default_factory=list)
    content: bytes | None = _field(default=None, repr=False, compare=False)
    """The bytes read, once: what the store archives (None when nothing could be read)."""
    refused: bool = False
    """True when the file was not read as a workbook at all (its one issue says why)."""

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == WARNING]

    @property
    def valid(self) -> bool:
        return not self.errors

    def to_json(self, lang: str = "id") -> dict[str, Any]:
        data: dict[str, Any] = {
            "path": str(self.path),
            "regency": {"code": self.regency.code, "name": self.regency.name}
            if self.regency else None,
            "date": self.date.isoformat() if self.date else None,
            "valid": self.valid,
            "issues": [i.to_json(lang) for i in self.issues],
        }
        if self.rollup is not None and self.rollup.status == "recap":
            # A provincial recap: its province, and how many regencies it stands for.
            data["recap"] = {"province": self.rollup.province or None,
                             "regencies": len(self.covers)}
        return data

