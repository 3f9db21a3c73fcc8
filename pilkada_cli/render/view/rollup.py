"""What the briefing says of provincial recaps at national scale: which province's recap
is missing or late, and where a regency's own workbook overrode its province's recap."""

from __future__ import annotations

from pilkada_cli import texts
from pilkada_cli.render.view.base import Base
from pilkada_cli.render.view.model import TableView


def recap_notes(view: Base) -> list[str]:
    """For the reporting line: provinces whose recap has not come (and whose regencies have
    not all reported on their own), and provinces whose recap came late."""
    p = view.p
    if not p.rollup:
        return []
    t = texts.table("recap", view.lang)
    missing = [g.name for g in p.provinces if g.code not in p.recaps
               and g.reporting.included < g.reporting.expected]
    late = [g.name for g in p.provinces if g.code in p.recaps and p.recaps[g.code][1]]
    notes = []
    if missing:
        notes.append(t["recaps_missing"].format(names=view.some(missing)))
    if late:
        notes.append(t["recaps_late"].format(names=view.some(late)))
    return notes


def disagreement_table(view: Base) -> TableView:
    """Each regency whose workbook says other than its province's recap (the workbook is
    used)."""
    t, b = texts.table("recap", view.lang), view.t
    rows = []
    for recap, used, keys in view.p.disagreements:
        regency = used.report.regency
        labels = [view.fields[k].label.get(view.lang) if k in view.fields else k
                  for k in keys]
        rows.append([regency.name if regency else "–", t["disagree_row"].format(
            regency=regency.name if regency else "–", recap=view.path(recap.path),
            n=len(keys), keys=view.some(labels), workbook=view.path(used.path))])
    return TableView([b["regency_col"], b["note_col"]], [False, False], rows,
                     title=t["disagree_title"])
