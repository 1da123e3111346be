"""A small offline map of a brief's places: one self-contained inline SVG, no tile server.

Equirectangular projection of the shipped coarse country outlines (``knowledge/places/world.json``,
after Natural Earth, public domain), a graticule, and one numbered dot per place with coordinates,
zoomed to the places' bounding box. Places named only by a demonym ("Russian officials") are drawn
hollow: they are associations, not locations.
"""
from __future__ import annotations

from html import escape
from typing import Iterable, Optional

WIDTH, HEIGHT = 640, 360


def _bbox(pts: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    lons = [p[1] for p in pts]
    lats = [p[0] for p in pts]
    w, e, s, n = min(lons), max(lons), min(lats), max(lats)
    # pad, and never zoom in closer than ~6 degrees so a single town still shows its surroundings
    span_lon = max(e - w, 6.0)
    span_lat = max(n - s, 4.0)
    cx, cy = (w + e) / 2, (s + n) / 2
    span_lon *= 1.3
    span_lat *= 1.3
    # keep the aspect ratio of the canvas
    if span_lon / span_lat < WIDTH / HEIGHT:
        span_lon = span_lat * WIDTH / HEIGHT
    else:
        span_lat = span_lon * HEIGHT / WIDTH
    w, e = cx - span_lon / 2, cx + span_lon / 2
    s, n = cy - span_lat / 2, cy + span_lat / 2
    if e - w > 360:
        w, e = -180.0, 180.0
    if n - s > 180:
        s, n = -90.0, 90.0
    return w, e, s, n


def svg_map(places: Iterable, outlines: Optional[dict] = None, width: int = WIDTH,
            height: int = HEIGHT) -> str:
    """An inline ``<svg>`` showing ``places`` (model ``Place`` objects or dicts of the same fields)."""
    items = []
    for p in places:
        get = p.get if isinstance(p, dict) else (lambda k, _p=p: getattr(_p, k, None))
        lat, lon = get("lat"), get("lon")
        if lat is None or lon is None:
            continue
        mentions = get("mentions") or []
        hows = {(m.get("how") if isinstance(m, dict) else getattr(m, "how", None)) for m in mentions}
        items.append({"id": get("id") or "", "name": get("name") or "", "lat": float(lat), "lon": float(lon),
                      "assoc": bool(hows) and hows <= {"demonym"}})
    if outlines is None:
        try:
            from ..knowledge.places import world_outlines

            outlines = world_outlines()
        except Exception:  # no outline data: graticule and dots only
            outlines = {}
    if items:
        w, e, s, n = _bbox([(i["lat"], i["lon"]) for i in items])
    else:
        w, e, s, n = -180.0, 180.0, -90.0, 90.0
    sx, sy = width / (e - w), height / (n - s)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (lon - w) * sx, (n - lat) * sy

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="geobrief-map" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" role="img" aria-label="Map of the places named">',
           f'<rect width="{width}" height="{height}" fill="#eef4f8"/>']
    # country outlines (only those touching the view)
    paths = []
    for iso, polys in sorted(outlines.items()):
        for ring in polys:
            lons = [pt[0] for pt in ring]
            lats = [pt[1] for pt in ring]
            if max(lons) < w or min(lons) > e or max(lats) < s or min(lats) > n:
                continue
            d = "M" + "L".join("%.1f,%.1f" % xy(pt[0], pt[1]) for pt in ring) + "Z"
            paths.append(f'<path d="{d}"><title>{escape(iso)}</title></path>')
    if paths:
        out.append('<g fill="#fbfbf6" stroke="#9aa5ad" stroke-width="0.6">' + "".join(paths) + "</g>")
    # graticule
    span = max(e - w, n - s)
    step = next(st for st in (1, 2, 5, 10, 15, 30, 60) if span / st <= 12)
    grid = []
    lon0 = int(w // step) * step
    while lon0 <= e:
        x, _ = xy(lon0, 0)
        grid.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height}"/>')
        lon0 += step
    lat0 = int(s // step) * step
    while lat0 <= n:
        _, y = xy(0, lat0)
        grid.append(f'<line x1="0" y1="{y:.1f}" x2="{width}" y2="{y:.1f}"/>')
        lat0 += step
    out.append('<g stroke="#c9d3da" stroke-width="0.4" stroke-dasharray="2,3">' + "".join(grid) + "</g>")
    # places
    dots = []
    for it in items:
        x, y = xy(it["lon"], it["lat"])
        fill = "none" if it["assoc"] else "#c0392b"
        label = escape(f'{it["id"]} {it["name"]}'.strip())
        dots.append(f'<g><circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{fill}" stroke="#7b241c" '
                    f'stroke-width="1.2"><title>{label} ({it["lat"]:.3f}, {it["lon"]:.3f})</title></circle>'
                    f'<text x="{x + 6:.1f}" y="{y - 5:.1f}" font-size="11" font-family="sans-serif" '
                    f'fill="#222">{label}</text></g>')
    out.extend(dots)
    out.append(f'<text x="{width - 4}" y="{height - 4}" font-size="8" text-anchor="end" '
               f'font-family="sans-serif" fill="#777">Outlines: Natural Earth (public domain). '
               f'Places: GeoNames (CC BY 4.0)</text>')
    out.append("</svg>")
    return "".join(out)
