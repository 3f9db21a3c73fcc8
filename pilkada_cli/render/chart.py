"""The briefing's chart: the headline percentages per regency (or per province), as a PNG.

Drawn with matplotlib's Agg backend at compile time; kept to one plain bar chart so it
costs little and prints well in black and white too (the bars are hatched apart).
"""

from __future__ import annotations

import io

from ..i18n import fmt_number
from .view import ChartView

_COLOURS = ("#1f4e79", "#e07b00", "#5b8c3a", "#8c3a5b")
_HATCHES = ("", "//", "..", "xx")
_WIDTH_IN = 6.3


def render_chart(chart: ChartView, lang: str = "id") -> bytes:
    """A horizontal grouped bar chart, 0–100%, with each bar's value written at its end."""
    # Figure without pyplot: no GUI backend machinery, no global state, a faster import.
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    n_cat, n_ser = len(chart.categories), len(chart.series)
    bar = 0.8 / max(n_ser, 1)
    height = min(9.0, 0.8 + 0.15 * n_cat * max(n_ser, 1) ** 0.5)
    fig = Figure(figsize=(_WIDTH_IN, height), dpi=150)
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
    ax.set_xticks(range(0, 101, 20))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{x:.0f}%"))
    ax.tick_params(axis="x", labelsize=7)
    ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(fontsize=7, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=n_ser,
              frameon=False)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()
