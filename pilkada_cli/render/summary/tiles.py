"""The tile map's layout and colours: one tile per regency, placed roughly where it lies.

Positions come from the config (`map: {tiles: {code: [column, row]}}`); without them
Kalimantan Timur has built-in ones, and any other list is laid out from its codes: one
block per province (Kemendagri codes run roughly west to east), the blocks packed in
rows to fill the map's box. Colours follow the map field's ordered scale from green
(calmest) through amber to red, each level with its own hatching, so the levels differ
in greyscale and for red-green colour-blind readers too; regencies without a level are
grey and hatched.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pilkada_cli.render.view.model import MapUnit

# Kalimantan Timur, north at the top: Berau and Kutai Timur in the north-east, Mahakam Ulu
# in the far west, the three cities on the coast, Paser and Penajam Paser Utara south.
KALTIM: dict[str, tuple[int, int]] = {
    "64.05": (2, 0),
    "64.11": (0, 1), "64.04": (2, 1), "64.74": (3, 1),
    "64.02": (1, 2), "64.03": (2, 2), "64.72": (3, 2),
    "64.01": (1, 3), "64.09": (2, 3), "64.71": (3, 3),
}

# The ordered scale, calmest first; longer scales are interpolated along it.
SCALE = ("#3f9e4d", "#f2b600", "#c62828")
HATCHES = ("", "//", "xx", "\\\\", "++", "..")
GREY = "#a9a9a9"
NO_LEVEL_HATCH = {"missing": "\\\\\\", "invalid": "xxx", "no_data": "..."}


@dataclass(frozen=True)
class Block:
    """A province's group of tiles at national scale: its cells' bounding box."""

    code: str
    name: str
    col: int
    row: int
    width: int
    height: int


@dataclass(frozen=True)
class Layout:
    cells: dict[str, tuple[int, int]]
    blocks: tuple[Block, ...]
    cols: int
    rows: int


def layout(units: Sequence[MapUnit], positions: Mapping[str, tuple[int, int]],
           provinces: Mapping[str, str], aspect: float) -> Layout:
    """Where each regency's tile goes: the config's positions, else the built-in ones,
    else one derived from the codes for a box `aspect` times as wide as it is high."""
    codes = [u.code for u in units]
    if not positions and set(codes) <= set(KALTIM):
        positions = KALTIM
    cells = {c: positions[c] for c in codes if c in positions}
    rest = [u for u in units if u.code not in cells]
    blocks: tuple[Block, ...] = ()
    if rest:
        top = max((r for _, r in cells.values()), default=-1) + 1
        derived, blocks = _derive(rest, provinces, aspect, top)
        cells.update(derived)
    cols = max(c for c, _ in cells.values()) + 1
    rows = max(r for _, r in cells.values()) + 1
    return Layout(cells, blocks, cols, rows)


def _derive(units: Sequence[MapUnit], provinces: Mapping[str, str], aspect: float,
            top: int) -> tuple[dict[str, tuple[int, int]], tuple[Block, ...]]:
    groups: dict[str, list[MapUnit]] = {}
    for unit in sorted(units, key=lambda u: u.code):
        groups.setdefault(unit.province, []).append(unit)
    if len(groups) == 1:
        (members,) = groups.values()
        width = max(1, round(math.sqrt(len(members) * aspect)))
        return ({u.code: (i % width, top + i // width) for i, u in enumerate(members)}, ())
    shapes = {}
    for code, members in groups.items():
        w = math.ceil(math.sqrt(len(members)))
        shapes[code] = (w, math.ceil(len(members) / w))
    best: tuple[float, int] | None = None
    widest = max(w for w, _ in shapes.values())
    total = sum(w + 1 for w, _ in shapes.values())
    for width in range(widest, total + 1):
        cols, rows = width, _shelves(shapes, width)[1]
        size = min(aspect / cols, 1 / rows)
        if best is None or size > best[0]:
            best = (size, width)
    assert best is not None
    places, _ = _shelves(shapes, best[1])
    cells: dict[str, tuple[int, int]] = {}
    blocks = []
    for code, members in groups.items():
        col, row = places[code]
        w, h = shapes[code]
        for i, unit in enumerate(members):
            cells[unit.code] = (col + i % w, top + row + i // w)
        blocks.append(Block(code, provinces.get(code, code), col, top + row, w, h))
    return cells, tuple(blocks)


def _shelves(shapes: Mapping[str, tuple[int, int]],
             width: int) -> tuple[dict[str, tuple[int, int]], int]:
    """Blocks left to right in code order, a new shelf when the row is full; a free
    column between blocks and a free row between shelves."""
    places, col, row, tallest = {}, 0, 0, 0
    for code, (w, h) in shapes.items():
        if col and col + w > width:
            col, row, tallest = 0, row + tallest + 1, 0
        places[code] = (col, row)
        col += w + 1
        tallest = max(tallest, h)
    return places, row + tallest


def colour(unit: MapUnit, levels: int) -> str:
    return GREY if unit.level is None else level_colour(unit.level, levels)


def hatch(unit: MapUnit, levels: int) -> str:
    if unit.level is None:
        return NO_LEVEL_HATCH.get(unit.state, "...")
    return level_hatch(unit.level, levels)


def level_colour(level: int, levels: int) -> str:
    """The level's place on the scale: green, amber, red (interpolated for other lengths)."""
    if levels <= 1:
        return SCALE[0]
    at = level / (levels - 1) * (len(SCALE) - 1)
    low = min(int(at), len(SCALE) - 2)
    a, b = _rgb(SCALE[low]), _rgb(SCALE[low + 1])
    f = at - low
    return "#" + "".join(f"{round(x + (y - x) * f):02x}" for x, y in zip(a, b, strict=True))


def level_hatch(level: int, levels: int) -> str:
    """No hatching for the calmest level, then denser patterns toward the most severe."""
    if levels == 2:
        return HATCHES[0] if level == 0 else HATCHES[2]
    return HATCHES[level % len(HATCHES)]


def ink(background: str) -> str:
    """Black or white text, whichever reads on the background."""
    r, g, b = _rgb(background)
    return "#111111" if 0.2126 * r + 0.7152 * g + 0.0722 * b > 120 else "#ffffff"


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)
