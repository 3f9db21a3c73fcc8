"""The briefing's charts, as PNG: the headline percentages per regency (or per province),
and the campaign trend day by day.

Drawn with matplotlib's Agg backend at compile time; kept plain so they cost little and
print well in black and white too (bars are hatched apart, lines have their own dash and
marker).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Literal

from pilkada_cli.formats import fmt_number
from pilkada_cli.render.view import ChartView, TrendChartView

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.typing import LineStyleType

_COLOURS = ("#1f4e79", "#e07b00", "#5b8c3a", "#8c3a5b", "#17becf", "#7f7f7f", "#bcbd22",
            "#6a51a3")
_HATCHES = ("", "//", "..", "xx")
_DASHES: tuple[LineStyleType, ...] = ("-", "--", "-.", ":")
_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
_FEW_DAYS = 14  # up to this many, every point has its marker and its value
_MAX_LABELLED = 3  # lines whose values are written; more would print on each other
_MAX_TICKS = 9
_CLOSE = 9  # percentage points: two values nearer than this would print on each other
_WIDTH_IN = 6.3


def render_chart(chart: ChartView, lang: str = "id") -> bytes:
    """A horizontal grouped bar chart, 0–100%, with each bar's value written at its end."""
    n_cat, n_ser = len(chart.categories), len(chart.series)
    bar = 0.8 / max(n_ser, 1)
    height = min(9.0, 0.8 + 0.15 * n_cat * max(n_ser, 1) ** 0.5)
    fig = _figure(height)
    ax = fig.subplots()
    positions = list(range(n_cat))
    for i, series in enumerate(chart.series):
        ys = [p - 0.4 + bar * (i + 0.5) for p in positions]
        values = [v if v is not None else 0 for v in series.values]
        bars = ax.barh(ys, values, height=bar * 0.9, label=series.label,
                       color=_COLOURS[i % len(_COLOURS)], hatch=_HATCHES[i % len(_HATCHES)],
                       edgecolor="white", linewidth=0.4)
        for rect, value in zip(bars, series.values, strict=True):
            if value is not None:
                ax.text(rect.get_width() + 0.8, rect.get_y() + rect.get_height() / 2,
                        fmt_number(value, lang, 1), va="center", fontsize=6.5)
    ax.set_yticks(positions, chart.categories, fontsize=7.5)
    ax.invert_yaxis()
    ax.set_xlim(0, 108)
    _percent_axis(ax, "x")
    ax.legend(fontsize=7, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=n_ser,
              frameon=False)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()


def render_trend(chart: TrendChartView, lang: str = "id") -> bytes:
    """A line per field across the days, 0–100%, the dates spaced as in the calendar.

    Days on which not every regency reported have an open marker. Over a few weeks every
    value is written by its point; over a longer campaign only the last day's, at the
    right, and the markers are left to the incomplete days. With many lines no values
    are written (the briefing's notes give each line's first and last).
    """
    from matplotlib.lines import Line2D

    x = [(d - chart.dates[0]).days for d in chart.dates]
    few = len(x) <= _FEW_DAYS
    fig = _figure(3.0)
    ax = fig.subplots()
    handles = []
    for i, series in enumerate(chart.series):
        colour, marker = _COLOURS[i % len(_COLOURS)], _MARKERS[i % len(_MARKERS)]
        dash = _DASHES[i % len(_DASHES)]
        ys = [v if v is not None else float("nan") for v in series.values]
        ax.plot(x, ys, color=colour, linestyle=dash, linewidth=1.6)
        for partial in (False, True):
            if not (partial or few):
                continue
            points = [(xi, y) for xi, y, p in zip(x, ys, chart.partial, strict=True)
                      if p == partial]
            if points:
                ax.plot(*zip(*points, strict=True), linestyle="none", marker=marker,
                        markersize=4.5, color=colour, markeredgewidth=1.2,
                        markerfacecolor="white" if partial else colour)
        handles.append(Line2D([], [], color=colour, linestyle=dash, marker=marker,
                              markersize=4.5, label=series.label))
    if any(chart.partial):
        handles.append(Line2D([], [], linestyle="none", marker="o", markersize=4.5,
                              color="#555555", markerfacecolor="white",
                              label=chart.partial_label))
    if len(chart.series) <= _MAX_LABELLED:
        for day in range(len(x)) if few else [len(x) - 1]:
            _write_values(ax, chart, x, day, lang, beside=not few)
    step = -(-len(x) // _MAX_TICKS)
    shown = sorted(range(len(x) - 1, -1, -step))
    ax.set_xticks([x[i] for i in shown], [chart.ticks[i] for i in shown], fontsize=7)
    ax.set_xlim(x[0] - 0.4, x[-1] + (0.4 if few else 0.08 * x[-1]))
    ax.set_ylim(0, 108)
    _percent_axis(ax, "y")
    # One row of up to three entries, else two columns: a long row would leave the picture.
    ax.legend(handles=handles, fontsize=7, loc="lower center", bbox_to_anchor=(0.5, 1.0),
              ncol=len(handles) if len(handles) <= 3 else 2, frameon=False)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()


def _figure(height: float) -> Figure:
    """A figure drawn by Agg from the start: tight_layout then measures the texts with the
    renderer that draws them, and the drawing reuses those measurements (a sixth of the
    time at national scale). No pyplot: no GUI machinery, no global state."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(_WIDTH_IN, height), dpi=150)
    FigureCanvasAgg(fig)
    return fig


def _percent_axis(ax: Axes, axis: Literal["x", "y"]) -> None:
    """A 0-100% scale with light grid lines, and no frame on the top and right."""
    from matplotlib.ticker import FuncFormatter

    (ax.set_xticks if axis == "x" else ax.set_yticks)(range(0, 101, 20))
    (ax.xaxis if axis == "x" else ax.yaxis).set_major_formatter(
        FuncFormatter(lambda value, _: f"{value:.0f}%"))
    ax.tick_params(axis=axis, labelsize=7)
    ax.grid(axis=axis, color="#dddddd", linewidth=0.5)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _write_values(ax: Axes, chart: TrendChartView, x: list[int], day: int, lang: str,
                  beside: bool) -> None:
    """The day's values by their points: above, unless a higher value of that day is so
    close that the two would touch (then below, or beside the point at the right end)."""
    present: list[tuple[float, int]] = sorted(
        ((v, i) for i, s in enumerate(chart.series) if (v := s.values[day]) is not None),
        reverse=True)
    higher: float | None = None
    for value, i in present:
        below = higher is not None and higher - value < _CLOSE and value > _CLOSE
        higher = value
        ax.annotate(fmt_number(value, lang, 1), (x[day], value),
                    xytext=(6 if beside else 0, -4 if below else 4),
                    textcoords="offset points", fontsize=6.5,
                    ha="left" if beside else "center", va="top" if below else "bottom",
                    color=_COLOURS[i % len(_COLOURS)])
