"""The optional real map: `map: boundaries.geojson` in pilkada.yaml, a FeatureCollection of
the regencies' boundaries keyed by Kemendagri code, read with the standard library.

Anything amiss (the file unreadable or not GeoJSON, a feature without a code or with a
broken geometry, a code not in the config, a regency without a boundary) gives a message
saying what, and no shapes: the page then draws the tile map. A compile never fails here.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pilkada_cli.formats import fmt_size

CODE_KEYS = ("code", "kode", "kode_kemendagri", "kemendagri", "kode_wilayah", "id")
MAX_BYTES = 64 * 1024 * 1024
MAX_POINTS = 600  # per ring: more is finer than a phone's pixels

Ring = list[tuple[float, float]]


@dataclass(frozen=True)
class Shapes:
    """Each regency's polygons (exterior ring first, then holes), projected so that x runs
    east and y north in the same units; `bounds` is (x0, y0, x1, y1)."""

    polygons: dict[str, list[list[Ring]]]
    bounds: tuple[float, float, float, float]


class Unusable(Exception):
    """The file cannot draw the map; the message says why, in the summary's words."""


def load(path: Path, codes: Sequence[str], t: dict[str, str]) -> Shapes:
    """The shapes of every code, or Unusable with the reason."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise Unusable(t["geo_unreadable"].format(error=f"> {fmt_size(MAX_BYTES)}"))
        raw = json.loads(path.read_bytes())
    except OSError as exc:
        raise Unusable(t["geo_unreadable"].format(error=exc.strerror or exc)) from None
    except (ValueError, RecursionError) as exc:
        raise Unusable(t["geo_not_json"].format(error=str(exc)[:80])) from None
    features = raw.get("features") if isinstance(raw, dict) else None
    if not isinstance(features, list) or raw.get("type") != "FeatureCollection":
        raise Unusable(t["geo_not_collection"])
    known = {_bare(c): c for c in codes}
    polygons: dict[str, list[list[Ring]]] = {}
    unknown: list[str] = []
    for n, feature in enumerate(features, 1):
        code = _code(feature)
        if code is None:
            raise Unusable(t["geo_no_code"].format(n=n))
        ours = known.get(_bare(code))
        if ours is None:
            unknown.append(code)
            continue
        rings = _polygons(feature.get("geometry"))
        if rings is None:
            raise Unusable(t["geo_bad_geometry"].format(code=code))
        polygons.setdefault(ours, []).extend(rings)
    if unknown:
        raise Unusable(t["geo_unknown"].format(codes=_few(unknown)))
    missing = [c for c in codes if c not in polygons]
    if missing:
        raise Unusable(t["geo_missing"].format(codes=_few(missing)))
    return _project(polygons)


def _bare(code: str) -> str:
    return code.replace(".", "").strip()


def _few(codes: Sequence[str]) -> str:
    return ", ".join(codes[:5]) + (f" (+{len(codes) - 5})" if len(codes) > 5 else "")


def _code(feature: Any) -> str | None:
    if not isinstance(feature, dict):
        return None
    props = feature.get("properties")
    if isinstance(props, dict):
        for key in CODE_KEYS:
            for name in (key, key.upper()):
                if isinstance(props.get(name), str | int) and str(props[name]).strip():
                    return str(props[name]).strip()
    value = feature.get("id")
    return str(value) if isinstance(value, str | int) else None


def _polygons(geometry: Any) -> list[list[Ring]] | None:
    """[polygon][ring][point] of a Polygon or MultiPolygon; None when malformed."""
    if not isinstance(geometry, dict):
        return None
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        coords = [coords]
    elif kind != "MultiPolygon":
        return None
    if not isinstance(coords, list) or not coords:
        return None
    out = []
    for polygon in coords:
        if not isinstance(polygon, list) or not polygon:
            return None
        rings = []
        for ring in polygon:
            points = _ring(ring)
            if points is None:
                return None
            rings.append(points)
        out.append(rings)
    return out


def _ring(ring: Any) -> Ring | None:
    if not isinstance(ring, list) or len(ring) < 4:
        return None
    step = max(1, len(ring) // MAX_POINTS)
    points = []
    for point in ring[::step]:
        if not (isinstance(point, list) and len(point) >= 2
                and all(isinstance(v, int | float) and math.isfinite(v) for v in point[:2])):
            return None
        lon, lat = float(point[0]), float(point[1])
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            return None
        points.append((lon, lat))
    return points


def _project(polygons: dict[str, list[list[Ring]]]) -> Shapes:
    """Longitudes shrunk by the cosine of the middle latitude, so shapes keep their
    proportions (an equirectangular projection, plenty at a province's scale)."""
    lats = [lat for polys in polygons.values() for rings in polys for lon, lat in rings[0]]
    scale = math.cos(math.radians((min(lats) + max(lats)) / 2))
    projected = {code: [[[(lon * scale, lat) for lon, lat in ring] for ring in rings]
                        for rings in polys] for code, polys in polygons.items()}
    xs = [x for polys in projected.values() for rings in polys for x, _ in rings[0]]
    ys = [y for polys in projected.values() for rings in polys for _, y in rings[0]]
    return Shapes(projected, (min(xs), min(ys), max(xs), max(ys)))


def label_point(polygons: list[list[Ring]]) -> tuple[float, float]:
    """Where a regency's name goes: the area centroid of its largest polygon."""
    best, best_area, point = None, -1.0, (0.0, 0.0)
    for rings in polygons:
        ring = rings[0]
        area = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            cross = x0 * y1 - x1 * y0
            area += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        if abs(area) > best_area:
            best, best_area = rings, abs(area)
            if area:
                point = (cx / (3 * area), cy / (3 * area))
            else:
                point = (sum(x for x, _ in ring) / len(ring), sum(y for _, y in ring) / len(ring))
    assert best is not None
    return point
