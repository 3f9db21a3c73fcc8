"""A sparkline as inline SVG, drawn by hand: a few numbers in, one small `<svg>` out.

Seven points need no plotting library, and the HTML briefing stays a text file that
needs nothing to open. The scale is fixed (0-100 for the trend's percentages), so two
regencies' lines can be compared by eye; a day without a value breaks the line, a value
with no neighbour and the last value are dots. The picture's text alternative is given
by the caller (every day's value in words) and escaped here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT, PAD = 120, 32, 3


@dataclass(frozen=True)
class Geometry:
    width: int
    height: int
    path: str
    """'M x y L x y ...'; a missing day breaks the line."""
    dots: list[tuple[float, float]]
    base: float
    """The y of the scale's low end (its axis)."""


def geometry(values: Sequence[float | None], low: float = 0.0, high: float = 100.0,
             width: int = WIDTH, height: int = HEIGHT) -> Geometry:
    span = (high - low) or 1.0
    step = (width - 2 * PAD) / max(len(values) - 1, 1)

    def y(value: float) -> float:
        clamped = min(max(value, low), high)
        return round(height - PAD - (clamped - low) / span * (height - 2 * PAD), 1)

    points = [None if v is None else (round(PAD + i * step, 1), y(v))
              for i, v in enumerate(values)]
    parts, dots = [], []
    for i, point in enumerate(points):
        if point is None:
            continue
        joined = i > 0 and points[i - 1] is not None
        parts.append(f"{'L' if joined else 'M'}{point[0]:g} {point[1]:g}")
        alone = not joined and (i + 1 >= len(points) or points[i + 1] is None)
        if alone or i == len(points) - 1:
            dots.append(point)
    return Geometry(width, height, " ".join(parts), dots, float(height - PAD))


def sparkline_svg(values: Sequence[float | None], text: str) -> str:
    """The sparkline as an `<svg role="img">` whose label and title are `text`."""
    g = geometry(values)
    label = escape(text, quote=True)
    shapes = [f'<line class="axis" x1="0" y1="{g.base:g}" x2="{g.width}" y2="{g.base:g}"/>']
    if g.path:
        shapes.append(f'<path d="{g.path}"/>')
    shapes += [f'<circle cx="{x:g}" cy="{y:g}" r="2.5"/>' for x, y in g.dots]
    return (f'<svg viewBox="0 0 {g.width} {g.height}" width="{g.width}" height="{g.height}" '
            f'role="img" aria-label="{label}"><title>{label}</title>{"".join(shapes)}</svg>')
