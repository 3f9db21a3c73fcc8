"""The one-page summary for phones: the map's regencies by the schema's map field, the
figure tiles the schema names, the most severe incidents and the reporting count.

Every figure comes from the same picture and is written the same way as in the briefing
(`Base.value`, `Base.delta`), so the summary and the briefing never disagree."""

from __future__ import annotations

import datetime as dt
import re

from pilkada_cli import texts
from pilkada_cli.checking.schema import Field
from pilkada_cli.day.merge import INVALID, MISSING, RegencyRow
from pilkada_cli.formats import fmt_date
from pilkada_cli.render.view.base import Base, bare, sheet_title
from pilkada_cli.render.view.model import FigureTile, LegendEntry, MapUnit, OnePageView

MAX_INCIDENTS = 3
_PREFIX = re.compile(r"^(kabupaten|kab\.|kota|city of|regency of)\s+", re.IGNORECASE)


class OnePage(Base):
    def onepage(self, now: dt.datetime | None = None) -> OnePageView:
        s = texts.table("summary", self.lang)
        p, whole = self.p, self.p.whole
        moment = (now or dt.datetime.now(self.config.timezone)).astimezone(self.config.timezone)
        clock = moment.strftime("%H.%M" if self.lang == "id" else "%H:%M")
        if self.config.timezone_label:
            clock += f" {self.config.timezone_label}"
        spec = self.schema.summary
        map_field = self.fields[spec.map] if spec.map else None
        units = [self.map_unit(row, map_field, s) for row in p.rows]
        incidents_title, incidents, more = self.incidents(s)
        tiles = [self.figure_tile(self.fields[key], s) for key in spec.tiles]
        return OnePageView(
            title=s["title_national" if self.multi else "title"].format(province=whole.name),
            subtitle=s["subtitle"].format(date=fmt_date(p.day, self.lang),
                                          countdown=p.countdown, time=clock),
            map_title=s["map_title"].format(
                label=bare(map_field.label.get(self.lang)) if map_field else ""),
            levels=[c.label.get(self.lang) for c in map_field.choices] if map_field else [],
            units=units,
            legend=self.legend(units, s),
            tiles=tiles,
            incidents_title=incidents_title,
            incidents=incidents,
            incidents_more=more,
            reporting=self.reporting_line(whole),
            footer=s["footer"].format(day=p.day.isoformat()),
            provinces={g.code: g.name for g in p.provinces},
            positions=dict(self.config.map_tiles),
            boundaries=self.config.map_boundaries,
            t=s,
            basis_note=self.basis_note(tiles, s),
        )

    @staticmethod
    def basis_note(tiles: list[FigureTile], s: dict[str, str]) -> str | None:
        """Under the tiles: on which regencies the changes marked * are computed."""
        basis = next((tile.basis for tile in tiles if tile.basis), None)
        return s["basis_note"].format(basis=basis) if basis else None

    def map_unit(self, row: RegencyRow, fld: Field | None, s: dict[str, str]) -> MapUnit:
        regency = row.regency
        short = _PREFIX.sub("", regency.name) or regency.name
        alias = min(regency.aliases, key=len) if regency.aliases else None
        level = None
        if row.status in (MISSING, INVALID):
            state = row.status
        elif fld is not None and (value := row.values.get(fld.qualified)) in \
                (levels := [c.value for c in fld.choices]):
            state, level = "level", levels.index(value)
        else:
            state = "no_data"
        word = (fld.choices[level].label.get(self.lang) if fld is not None and level is not None
                else s["word_" + state])
        return MapUnit(regency.code, regency.name, short, alias, regency.province_code, state,
                       level, word)

    def legend(self, units: list[MapUnit], s: dict[str, str]) -> list[LegendEntry]:
        """Each level, most severe first, with how many stand there; then whoever has no
        level (not reported, invalid, no data), named."""
        spec = self.schema.summary
        entries = []
        if spec.map:
            choices = self.fields[spec.map].choices
            for level in reversed(range(len(choices))):
                n = sum(1 for u in units if u.level == level)
                label = choices[level].label.get(self.lang)
                entries.append(LegendEntry(s["count"].format(label=label, n=n), "level", level,
                                           n))
        for state in (MISSING, INVALID, "no_data"):
            at = [u for u in units if u.state == state]
            if at:
                entries.append(LegendEntry(s["count"].format(label=s[state], n=len(at)), state,
                                           None, len(at), self.some([u.short for u in at])))
        return entries

    def figure_tile(self, fld: Field, s: dict[str, str]) -> FigureTile:
        whole = self.p.whole
        total = whole.totals[fld.qualified]
        change = whole.changes.get(fld.qualified)
        yesterday = delta = basis = None
        if change is not None and self.change_text(fld, whole) is not None:
            yesterday = s["yesterday"].format(value=self.value(fld, change.before))
            delta = self.delta(fld, change)
            basis = self.basis(whole).strip() or None
        expected = whole.reporting.expected
        coverage = (s["coverage"].format(n=total.covered, m=expected)
                    if total.covered < expected else None)
        return FigureTile(bare(fld.label.get(self.lang)), self.value(fld, total.value),
                          yesterday, delta, coverage, basis)

    def incidents(self, s: dict[str, str]) -> tuple[str, list[str], str | None]:
        """The free table's most severe rows, one line each: level · regency: the last
        required text (what happened)."""
        key = self.schema.summary.incidents
        if key is None:
            return "", [], None
        sheet = self.schema.sheet(key)
        table = sheet.table
        assert table is not None and table.order_by is not None
        title = sheet_title(sheet, self.lang)
        entries = self.p.entries.get(key, [])
        if not entries:
            return s["incidents_none"].format(title=title), [], None
        level = next(c for c in table.columns if c.key == table.order_by)
        lines = []
        for entry in entries[:MAX_INCIDENTS]:
            name = _PREFIX.sub("", entry.regency.name) or entry.regency.name
            said = self.said(sheet, entry)
            head = f"{self.value(level, entry.row.get(level.key))} · {name}"
            lines.append(f"{head}: {said}" if said else head)
        more = len(entries) - MAX_INCIDENTS
        return (s["incidents_title"].format(title=title, n=len(entries)), lines,
                s["incidents_more"].format(n=more) if more > 0 else None)
