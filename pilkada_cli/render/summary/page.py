"""The one page, drawn once with matplotlib and saved as PNG (1080 x 1350, WhatsApp's
portrait picture) and as a one-page A4 PDF (text as text, DejaVu Sans embedded).

The page is laid out in the PNG's pixels: one Axes whose units are those pixels sits in the
middle of an A4 figure; the PNG is that Axes' box cut out at 150 dpi, the PDF the whole
sheet. No text is smaller than WhatsApp's own message text at that width (28 px).
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import matplotlib
from matplotlib import patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PatchCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path as MplPath
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from pilkada_cli.render.summary import geojson, tiles
from pilkada_cli.render.view.model import FigureTile, LegendEntry, MapUnit, OnePageView

DPI = 150
W, H = 1080, 1350
A4 = (8.27, 11.69)
MIN_PX = 28  # WhatsApp's message text on a 1080 px wide screen
MARGIN = 36
# Latin-1 only in what the page adds itself: any other character embeds one more font
# subset in the PDF (a tenth of a second each).
ELLIPSIS = "..."
NAVY, INK, MUTED, PANEL = "#1f3b5c", "#1a1a1a", "#4a4a4a", "#eef1f5"
# No ligatures: 'fi' of 'briefing' would be a glyph outside the PDF's first font subset,
# and every further subset costs a tenth of a second (matplotlib >= 3.11 shapes text).
PLAIN: dict[str, Any] = ({"fontfeatures": ("-liga",)} if hasattr(Text, "set_fontfeatures")
                         else {})
RC: Any = {"font.family": "DejaVu Sans", "pdf.fonttype": 42, "svg.fonttype": "none",
      "svg.hashsalt": "pilkada", "hatch.linewidth": 2.0, "path.simplify": True}


def pt(pixels: float) -> float:
    """A font size in points that is `pixels` high in the PNG."""
    return pixels * 72 / DPI


@dataclass
class Drawn:
    """The page's files by format, what could not be used (the GeoJSON), and where each
    regency lies on the PNG (x0, y0, x1, y1 in pixels, y downwards)."""

    files: dict[str, bytes] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    boxes: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)


@contextmanager
def _style() -> Iterator[None]:
    with matplotlib.rc_context(RC):
        yield


def render(view: OnePageView, formats: Sequence[str]) -> Drawn:
    """The page as each of `formats` ('png', 'pdf')."""
    with _style():
        page = _Page(view, A4, (W, H))
        page.draw_page()
        drawn = Drawn(notes=page.notes, boxes=page.boxes)
        if "png" in formats:
            left, bottom = page.offset
            out = io.BytesIO()
            page.fig.savefig(out, format="png", dpi=DPI, metadata={"Software": None},
                             bbox_inches=Bbox.from_bounds(left, bottom, W / DPI, H / DPI),
                             pad_inches=0)
            drawn.files["png"] = out.getvalue()
        if "pdf" in formats:
            out = io.BytesIO()
            page.fig.savefig(out, format="pdf", metadata={
                "Title": view.title, "Creator": "pilkada", "Producer": "pilkada",
                "CreationDate": None})
            drawn.files["pdf"] = out.getvalue()
    return drawn


def map_svg(view: OnePageView) -> tuple[str, list[str]]:
    """The map and its legend alone, as an SVG document (text as text)."""
    with _style():
        height = 560 + _Page.legend_height_for(view)
        page = _Page(view, (W / DPI, height / DPI), (W, height))
        page.draw_map_only()
        out = io.BytesIO()
        page.fig.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue().decode("utf-8"), page.notes


class _Page:
    def __init__(self, view: OnePageView, sheet: tuple[float, float],
                 box: tuple[int, int]) -> None:
        self.v = view
        self.fig = Figure(figsize=sheet, dpi=DPI)
        FigureCanvasAgg(self.fig)
        width, height = box[0] / DPI, box[1] / DPI
        self.offset = ((sheet[0] - width) / 2, (sheet[1] - height) / 2)
        self.ax = self.fig.add_axes((self.offset[0] / sheet[0], self.offset[1] / sheet[1],
                                     width / sheet[0], height / sheet[1]))
        self.ax.set_xlim(0, box[0])
        self.ax.set_ylim(box[1], 0)
        self.ax.set_axis_off()
        self.width, self.height = box
        self.renderer = self.fig.canvas.get_renderer()  # type: ignore[attr-defined]
        self.notes: list[str] = []
        self.widths: dict[tuple[str, float, bool], float] = {}
        self.styled: dict[tuple[str, str, str], list[Rectangle | PathPatch]] = {}
        self.boxes: dict[str, tuple[float, float, float, float]] = {}
        self.levels = len(view.levels)

    # -- the whole ------------------------------------------------------------------------------
    def draw_page(self) -> None:
        v = self.v
        y = self.header()
        legend_h = self.legend_height()
        rows = -(-len(v.tiles) // 2)
        tiles_h = rows * 160 + max(rows - 1, 0) * 12
        lines = len(v.incidents) + (1 if v.incidents_more else 0)
        incidents_h = 44 + 40 * lines
        note_h = 40 if v.basis_note else 0
        rest = 44 + 12 + legend_h + 16 + tiles_h + note_h + 20 + incidents_h + 92 + 16
        map_h = max(300, self.height - y - rest)
        y = self.text(MARGIN, y + 34, v.map_title, 28, bold=True) + 10
        self.draw_map(MARGIN, y, self.width - 2 * MARGIN, map_h)
        y = self.legend(y + map_h + 12) + 16
        self.incidents(self.figure_tiles(y) + 20)
        self.footer()

    def draw_map_only(self) -> None:
        height = self.height - self.legend_height() - 12
        self.draw_map(MARGIN, 12, self.width - 2 * MARGIN, height - 12)
        self.legend(height)

    # -- text -----------------------------------------------------------------------------------
    def measure(self, text: str, size: float, bold: bool = False) -> float:
        key = (text, size, bold)
        if key not in self.widths:
            prop = FontProperties(size=pt(size), weight="bold" if bold else "normal")
            width, _, _ = self.renderer.get_text_width_height_descent(text, prop, ismath=False)
            self.widths[key] = float(width)
        return self.widths[key]

    def fit(self, text: str, size: float, width: float, bold: bool = False) -> str:
        """The text, cut with an ellipsis where it would pass `width`."""
        if self.measure(text, size, bold) <= width:
            return text
        low, high = 0, len(text)
        while low < high:
            mid = (low + high + 1) // 2
            if self.measure(text[:mid].rstrip() + ELLIPSIS, size, bold) <= width:
                low = mid
            else:
                high = mid - 1
        return text[:low].rstrip() + ELLIPSIS

    def text(self, x: float, y: float, text: str, size: float, bold: bool = False,
             colour: str = INK, width: float | None = None, ha: str = "left",
             backing: str | None = None) -> float:
        """Write one line with its baseline at y (on a patch of `backing` colour, hiding
        hatching under it); returns y."""
        room = {"left": self.width - MARGIN - x, "right": x - MARGIN,
                "center": 2 * min(x - MARGIN, self.width - MARGIN - x)}[ha]
        shown = self.fit(text, size, width or room, bold)
        box = {"facecolor": backing, "edgecolor": "none", "pad": 1.5} if backing else None
        self.ax.text(x, y, shown, fontsize=pt(size), fontweight="bold" if bold else "normal",
                     color=colour, ha=ha, va="baseline", parse_math=False, bbox=box, **PLAIN)
        return y

    # -- parts ----------------------------------------------------------------------------------
    def header(self) -> float:
        v = self.v
        self.ax.add_patch(Rectangle((0, 0), self.width, 128, facecolor=NAVY, linewidth=0))
        size = next((s for s in (42, 38, 34, 30) if
                     self.measure(v.title, s, True) <= self.width - 2 * MARGIN), 30)
        self.text(MARGIN, 58, v.title, size, bold=True, colour="white")
        self.text(MARGIN, 106, v.subtitle, 30, colour="#e3eaf3")
        return 128

    def legend_items(self) -> list[tuple[LegendEntry, str]]:
        items = []
        for entry in self.v.legend:
            if entry.state == "level" and not entry.count:
                continue
            items.append((entry, f"{entry.label}: {entry.names}" if entry.names
                          else entry.label))
        return items

    def legend_rows(self) -> list[list[tuple[LegendEntry, str, float]]]:
        rows: list[list[tuple[LegendEntry, str, float]]] = [[]]
        room = self.width - 2 * MARGIN
        used = 0.0
        for entry, label in self.legend_items():
            width = 48 + min(self.measure(label, 28), room - 48)
            if rows[-1] and used + width > room:
                rows.append([])
                used = 0
            rows[-1].append((entry, label, width))
            used += width + 28
        return [r for r in rows if r]

    def legend_height(self) -> int:
        return 42 * len(self.legend_rows())

    @staticmethod
    def legend_height_for(view: OnePageView) -> int:
        return _Page(view, (1, 1), (W, 100)).legend_height()

    def legend(self, y: float) -> float:
        for row in self.legend_rows():
            x = float(MARGIN)
            for entry, label, width in row:
                unit = MapUnit("", "", "", None, "", entry.state, entry.level, "")
                self.ax.add_patch(Rectangle(
                    (x, y + 4), 36, 30, facecolor=tiles.colour(unit, self.levels),
                    hatch=tiles.hatch(unit, self.levels), edgecolor=_hatch_ink(unit, self.levels),
                    linewidth=0))
                self.ax.add_patch(Rectangle((x, y + 4), 36, 30, fill=False, edgecolor=MUTED,
                                            linewidth=0.8))
                self.text(x + 48, y + 30, label, 28, width=width - 48)
                x += width + 28
            y += 42
        return y

    def figure_tiles(self, y: float) -> float:
        gap = 16
        width = (self.width - 2 * MARGIN - gap) / 2
        size = self.change_size(width - 40)
        for i, tile in enumerate(self.v.tiles):
            x = MARGIN + (i % 2) * (width + gap)
            top = y + (i // 2) * 172
            self.ax.add_patch(Rectangle((x, top), width, 160, facecolor=PANEL, linewidth=0))
            self.ax.add_patch(Rectangle((x, top), 8, 160, facecolor=NAVY, linewidth=0))
            inner = width - 40
            self.text(x + 24, top + 38, tile.label, 28, colour=MUTED, width=inner)
            value = self.fit(tile.value, 58, inner * 0.6, bold=True)
            self.text(x + 24, top + 104, value, 58, bold=True, colour=NAVY)
            side = inner - self.measure(value, 58, bold=True) - 24
            if tile.change:
                self.text(x + width - 16, top + 100, self.change(tile), size, bold=True,
                          ha="right", width=side)
            coverage = self.measure(tile.coverage, 28, True) + 24 if tile.coverage else 0
            if tile.yesterday:
                self.text(x + 24, top + 144, tile.yesterday, 28, colour=MUTED,
                          width=inner - coverage)
            if tile.coverage:
                self.text(x + width - 16, top + 144, tile.coverage, 28, bold=True,
                          colour="#8a3b00", ha="right")
        rows = -(-len(self.v.tiles) // 2)
        y += rows * 172 - 12
        if self.v.basis_note:
            y = self.text(MARGIN, y + 32, self.v.basis_note, 24, colour=MUTED) + 8
        return y

    @staticmethod
    def change(tile: FigureTile) -> str:
        """A tile's change, marked * when the note under the tiles gives its basis."""
        return (tile.change or "") + ("*" if tile.basis else "")

    def change_size(self, inner: float) -> float:
        """One size for every tile's change, the largest at which each fits beside its
        value ('+6,3 poin persen' is long)."""
        def fits(size: float) -> bool:
            return all(self.measure(self.change(t), size, True) <=
                       inner - self.measure(self.fit(t.value, 58, inner * 0.6, bold=True), 58,
                                            bold=True) - 24
                       for t in self.v.tiles if t.change)
        return next((size for size in (30, 26, 22) if fits(size)), 22)

    def incidents(self, y: float) -> None:
        v = self.v
        y = self.text(MARGIN, y + 30, v.incidents_title, 28, bold=True) + 10
        for line in v.incidents:
            y += 40
            self.ax.add_patch(Rectangle((MARGIN, y - 19), 14, 14, facecolor=NAVY, linewidth=0))
            self.text(MARGIN + 26, y, line, 28)
        if v.incidents_more:
            self.text(MARGIN + 26, y + 40, v.incidents_more, 28, colour=MUTED)

    def footer(self) -> None:
        v = self.v
        top = self.height - 92
        self.ax.add_patch(Rectangle((0, top), self.width, 92, facecolor=PANEL, linewidth=0))
        self.text(MARGIN, top + 38, v.reporting, 28, bold=True)
        self.text(MARGIN, top + 78, v.footer, 28, colour=MUTED)

    # -- the map --------------------------------------------------------------------------------
    def draw_map(self, x: float, y: float, width: float, height: float) -> None:
        v = self.v
        if v.boundaries is not None:
            try:
                shapes = geojson.load(v.boundaries, [u.code for u in v.units], v.t)
            except geojson.Unusable as exc:
                self.notes.append(v.t["geo_fallback"].format(path=v.boundaries, problem=exc))
            else:
                self.draw_shapes(shapes, x, y, width, height)
                return
        self.draw_tiles(x, y, width, height)

    def draw_tiles(self, x: float, y: float, width: float, height: float) -> None:
        v = self.v
        grid = tiles.layout(v.units, v.positions, v.provinces, width / height)
        cw, ch = width / grid.cols, height / grid.rows
        cw = min(cw, ch * 2.6)
        left = x + (width - cw * grid.cols) / 2
        top = y + (height - ch * grid.rows) / 2
        gap = max(2.0, min(cw, ch) * 0.06)
        for unit in v.units:
            col, row = grid.cells[unit.code]
            box = (left + col * cw + gap / 2, top + row * ch + gap / 2,
                   left + (col + 1) * cw - gap / 2, top + (row + 1) * ch - gap / 2)
            self.boxes[unit.code] = box
            self.unit_patch(unit, Rectangle((box[0], box[1]), box[2] - box[0], box[3] - box[1]))
            self.tile_label(unit, box)
        self.add_patches()
        for block in grid.blocks:
            bw = block.width * cw
            if bw < 40 or block.height * ch < 30:
                continue
            self.ax.text(left + (block.col + block.width / 2) * cw,
                         top + (block.row + block.height / 2) * ch, block.code,
                         fontsize=pt(MIN_PX), fontweight="bold", color="white", ha="center",
                         va="center", parse_math=False, **PLAIN,
                         path_effects=[patheffects.withStroke(linewidth=3, foreground=INK)])

    def unit_patch(self, unit: MapUnit, patch: Rectangle | PathPatch) -> None:
        """Keep the patch with the others of its colour and hatching (see `add_patches`)."""
        style = (tiles.colour(unit, self.levels), tiles.hatch(unit, self.levels),
                 _hatch_ink(unit, self.levels))
        self.styled.setdefault(style, []).append(patch)

    def add_patches(self) -> None:
        """One collection per colour and hatching: at national scale, a handful of artists
        to draw instead of five hundred."""
        for (face, hatch, ink), patches in self.styled.items():
            self.ax.add_collection(PatchCollection(
                patches, facecolor=face, hatch=hatch, edgecolor=ink, linewidth=0),
                autolim=False)
        self.styled.clear()

    def tile_label(self, unit: MapUnit, box: tuple[float, float, float, float]) -> None:
        width, height = box[2] - box[0] - 12, box[3] - box[1]
        if height < 36 or width < 60:
            return
        name = self.short_name(unit, width, bold=True)
        face = tiles.colour(unit, self.levels)
        cx = (box[0] + box[2]) / 2
        if height >= 84:
            word = self.word(unit, width)
            middle = (box[1] + box[3]) / 2
            self.text(cx, middle - 6, name, 28, bold=True, colour=tiles.ink(face), ha="center",
                      width=width, backing=face)
            self.text(cx, middle + 30, word, 28, colour=tiles.ink(face), ha="center",
                      width=width, backing=face)
        else:
            self.text(cx, (box[1] + box[3]) / 2 + 10, name, 28, bold=True,
                      colour=tiles.ink(face), ha="center", width=width, backing=face)

    def short_name(self, unit: MapUnit, width: float, bold: bool = False) -> str:
        """The name without 'Kabupaten'/'Kota' if it fits, else the shortest alias."""
        if self.measure(unit.short, 28, bold) <= width or not unit.alias:
            return unit.short
        return unit.alias

    def word(self, unit: MapUnit, width: float) -> str:
        """The level's label, or its first part ('Aman' of 'Aman/kondusif') if too wide."""
        if self.measure(unit.word, 28) <= width:
            return unit.word
        return unit.word.split("/")[0]

    def draw_shapes(self, shapes: geojson.Shapes, x: float, y: float, width: float,
                    height: float) -> None:
        x0, y0, x1, y1 = shapes.bounds
        scale = min(width / max(x1 - x0, 1e-9), height / max(y1 - y0, 1e-9))
        left = x + (width - (x1 - x0) * scale) / 2
        top = y + (height - (y1 - y0) * scale) / 2

        def place(point: tuple[float, float]) -> tuple[float, float]:
            return left + (point[0] - x0) * scale, top + (y1 - point[1]) * scale

        labels = []
        outlines: list[PathPatch] = []
        for unit in self.v.units:
            polygons = shapes.polygons[unit.code]
            vertices: list[tuple[float, float]] = []
            codes: list[int] = []
            for rings in polygons:
                for ring in rings:
                    points = [place(p) for p in ring]
                    vertices += points + [points[0]]
                    codes += [int(MplPath.MOVETO)] + [int(MplPath.LINETO)] * (
                        len(points) - 1) + [int(MplPath.CLOSEPOLY)]
            self.unit_patch(unit, PathPatch(MplPath(vertices, codes)))
            outlines.append(PathPatch(MplPath(vertices, codes)))
            xs = [p[0] for p in vertices]
            ys = [p[1] for p in vertices]
            self.boxes[unit.code] = (min(xs), min(ys), max(xs), max(ys))
            labels.append((unit, place(geojson.label_point(polygons))))
        self.add_patches()
        self.ax.add_collection(PatchCollection(outlines, facecolor="none", edgecolor="white",
                                               linewidth=1.2), autolim=False)
        for unit, (lx, ly) in labels:
            name = self.short_name(unit, 200, bold=True)
            self.ax.text(lx, ly, name, fontsize=pt(MIN_PX), fontweight="bold", color=INK,
                         ha="center", va="center", parse_math=False, **PLAIN,
                         path_effects=[patheffects.withStroke(linewidth=4, foreground="white")])


def _hatch_ink(unit: MapUnit, levels: int) -> str:
    """The hatching's colour: darker than the tile, so the pattern shows in greyscale."""
    face = tiles.colour(unit, levels)
    return "#555555" if unit.level is None else _shade(face, 0.55)


def _shade(colour: str, factor: float) -> str:
    h = colour.lstrip("#")
    return "#" + "".join(f"{round(int(h[i:i + 2], 16) * factor):02x}" for i in (0, 2, 4))
