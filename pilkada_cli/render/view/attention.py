""""Perlu perhatian": the day's exceptions, most urgent first, at the top of the briefing."""

from __future__ import annotations

from pilkada_cli import texts
from pilkada_cli.day.attention import find_attention, rule_names
from pilkada_cli.render.view.base import Base
from pilkada_cli.render.view.model import AttentionLine, AttentionView

MAX_ITEMS = 15
"""Lines shown in the briefing (it is read on a phone); the recap JSON has them all."""


class Attention(Base):
    def attention(self) -> AttentionView:
        t = texts.table("attention", self.lang)
        # A picture made outside a compile has no list yet: the rules that need no past.
        found = self.p.attention if self.p.attention is not None else find_attention(self.p)
        items = found.items
        lines = [AttentionLine(item.regency.name, self.where(item),
                               sentence(item.message(self.lang)))
                 for item in items[:MAX_ITEMS]]
        notes = []
        if not items:
            notes.append(t["none"])
        if len(items) > MAX_ITEMS:
            notes.append(t["more"].format(n=len(items) - MAX_ITEMS))
        if found.left_out:
            notes.append(t["left_out"].format(rules=rule_names(found.left_out, self.lang)))
        return AttentionView(t["title"], lines, notes)

    def where(self, item: object) -> str:
        """Sheet!cell when the item comes from a cell, else the file it comes from."""
        sheet, cell, path = (getattr(item, name) for name in ("sheet", "cell", "file"))
        if sheet and cell:
            return f"{sheet}!{cell}"
        return self.path(path) if path is not None else ""


def sentence(text: str) -> str:
    """A message as a sentence: a capital first, a full stop last."""
    text = text.strip()
    if not text:
        return text
    return text[0].upper() + text[1:] + ("" if text[-1] in ".?!…" else ".")
