"""The one-page summary for phones: `ringkasan-D.png` (1080 x 1350) and `ringkasan-D.pdf`
(one A4 page), from the briefing view's one-page part, with a map of the regencies.

    from pilkada_cli.render.summary import render_summary, map_svg
    drawn = render_summary(view, ["png", "pdf"])   # drawn.files["png"], drawn.notes
    svg = map_svg(view)                            # the map alone, for an HTML page

matplotlib is imported only when something is drawn (by `page`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pilkada_cli.render.view.model import BriefingView, OnePageView

if TYPE_CHECKING:
    from pilkada_cli.render.summary.page import Drawn

FORMATS = ("png", "pdf")


def render_summary(view: BriefingView | OnePageView, formats: Sequence[str] = FORMATS) -> Drawn:
    """The page in each of `formats`; `notes` say why a configured GeoJSON map was not
    used (the tile map is drawn instead)."""
    from pilkada_cli.render.summary import page

    return page.render(_onepage(view), formats)


def map_svg(view: BriefingView | OnePageView) -> str:
    """The map of the regencies and its legend alone, as an SVG document."""
    from pilkada_cli.render.summary import page

    return page.map_svg(_onepage(view))[0]


def _onepage(view: BriefingView | OnePageView) -> OnePageView:
    if isinstance(view, OnePageView):
        return view
    assert view.onepage is not None
    return view.onepage
