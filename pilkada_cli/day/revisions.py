"""Which revision of the day's briefing a compile makes, and what changed since the last
approved one.

The files that make the picture are each included regency's accepted file (by SHA-256).
With no revision yet, the compile makes revision 1. While the current revision is not
approved, each compile replaces its record (still that revision). Once it is approved, a
compile over the same files stamps it as approved; one over other files (a regency sent a
correction) starts revision N+1, unapproved, and lists each figure that changed since
revision N, old → new, with the file that brought the change. A file that came in after
the day had ended does the same to an unapproved revision: by then it may have been sent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pilkada_cli.checking.schema import Schema
from pilkada_cli.config import Config
from pilkada_cli.day.findings import Difference, Revision
from pilkada_cli.day.merge import ProvincialPicture
from pilkada_cli.store.approvals import FileRef, RevisionRecord

# The figures a revision keeps and compares: what combines into the province.
FIGURES = ("sum", "ratio", "weighted_mean", "worst")


def figure_keys(schema: Schema) -> list[str]:
    return [k for k, f in schema.scalar_fields().items() if f.aggregate in FIGURES]


def picture_files(picture: ProvincialPicture, shas: Mapping[Path, str]) -> dict[str, FileRef]:
    """Each included regency's file, by regency code."""
    files = {}
    for row in picture.rows:
        if row.included and row.submission is not None:
            report = row.submission.report
            sha = shas.get(report.path) or report.sha256
            if sha:
                files[row.regency.code] = FileRef(sha, report.path.name)
    return files


def picture_figures(picture: ProvincialPicture) -> dict[str, dict[str, Any]]:
    """Each included regency's figures, as JSON values."""
    keys = figure_keys(picture.schema)
    return {row.regency.code: {k: _plain(row.values[k]) for k in keys
                               if row.values.get(k) is not None}
            for row in picture.rows if row.included}


def settle(records: Sequence[RevisionRecord], picture: ProvincialPicture,
           shas: Mapping[Path, str], config: Config) -> Revision:
    """The revision this compile writes, given the day's revisions so far (oldest first)."""
    files, figures = picture_files(picture, shas), picture_figures(picture)
    if not records:
        return Revision(1, files, figures, new=True, save=True)
    current = records[-1]
    if current.approved and current.same_files(files):
        before = records[-2] if len(records) > 1 else None
        return Revision(current.number, current.files, current.figures, current.approved_by,
                        current.approved_at, before,
                        differences(before, current.figures, current.files, picture, config))
    if current.approved or _changed_after_day(current, files, picture):
        return Revision(current.number + 1, files, figures, previous=current,
                        differences=differences(current, figures, files, picture, config),
                        new=True, save=True)
    before = records[-2] if len(records) > 1 else None
    return Revision(current.number, files, figures, previous=before,
                    differences=differences(before, figures, files, picture, config),
                    save=True)


def _changed_after_day(current: RevisionRecord, files: Mapping[str, FileRef],
                       picture: ProvincialPicture) -> bool:
    """A file that came in after the day had ended changes the revision's files: the
    revision may have been sent, so it is kept and the change makes the next one."""
    late = {s.report.sha256 for s in picture.after_day}
    held = {code: ref.sha256 for code, ref in current.files.items()}
    return any(ref.sha256 in late and held.get(code) != ref.sha256
               for code, ref in files.items())


def differences(before: RevisionRecord | None, figures: Mapping[str, Mapping[str, Any]],
                files: Mapping[str, FileRef], picture: ProvincialPicture,
                config: Config) -> tuple[Difference, ...]:
    """Every figure that differs from revision `before`, by regency (config order) and field
    (schema order)."""
    if before is None:
        return ()
    keys = figure_keys(picture.schema)
    found = []
    for regency in config.regencies:
        old, new = before.figures.get(regency.code, {}), figures.get(regency.code, {})
        if not old and not new:
            continue
        ref = files.get(regency.code)
        for key in keys:
            if old.get(key) != new.get(key):
                found.append(Difference(regency, key, old.get(key), new.get(key),
                                        ref.name if ref else None))
    return tuple(found)


def _plain(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
