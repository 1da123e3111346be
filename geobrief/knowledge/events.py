"""Loaders for the events knowledge: CAMEO codes, the verb/noun pattern table, the
PLOVER<->CAMEO root map, mode cues, PLOVER contexts and the country-name fallback table.

Every file lives in ``geobrief/knowledge/events/``, starts with ``# source:`` and
``# licence:`` lines, and is loaded once per process. Malformed rows raise G201.
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..errors import error

DIR = Path(__file__).resolve().parent / "events"

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
# PLOVER 0.5b1 names that later versions folded into the 16 types.
PLOVER_LEGACY = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


def _rows(name: str, ncols: int, min_cols: Optional[int] = None) -> list[tuple[int, list[str]]]:
    path = DIR / name
    if not path.is_file():
        raise error("G202", path=str(path))
    out = []
    header_seen = {"source": False, "licence": False}
    for lineno, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if line.startswith("#"):
            for k in header_seen:
                if line.startswith(f"# {k}:"):
                    header_seen[k] = True
            continue
        if not line.strip():
            continue
        cols = line.split("\t")
        lo = ncols if min_cols is None else min_cols
        if len(cols) < lo or len(cols) > ncols:
            raise error("G201", path=str(path), line=lineno,
                        detail=f"expected {ncols} tab-separated columns, got {len(cols)}")
        cols += [""] * (ncols - len(cols))
        out.append((lineno, cols))
    if not all(header_seen.values()):
        raise error("G201", path=str(path), line=1, detail="missing '# source:' or '# licence:' header line")
    return out


@dataclass(frozen=True)
class CameoCode:
    code: str
    root_code: str
    name: str
    goldstein: float


@functools.lru_cache(maxsize=1)
def cameo_codes() -> dict[str, CameoCode]:
    """CAMEO code -> CameoCode (312 codes, CAMEO 1.1b3, Goldstein values)."""
    out = {}
    for lineno, (code, root, name, gold) in _rows("cameo_codes.tsv", 4):
        try:
            g = float(gold)
        except ValueError:
            raise error("G201", path=str(DIR / "cameo_codes.tsv"), line=lineno,
                        detail=f"Goldstein value '{gold}' is not a number") from None
        out[code] = CameoCode(code, root, name, g)
    return out


@dataclass(frozen=True)
class RootInfo:
    plover: str
    quad_class: int


@functools.lru_cache(maxsize=1)
def cameo_roots() -> dict[str, RootInfo]:
    """CAMEO root code ("01".."20") -> default PLOVER type and quad class (see plover_cameo.tsv)."""
    out = {}
    for lineno, (root, plover, quad) in _rows("plover_cameo.tsv", 3):
        if plover not in PLOVER_TYPES or quad not in ("1", "2", "3", "4"):
            raise error("G201", path=str(DIR / "plover_cameo.tsv"), line=lineno,
                        detail=f"unknown PLOVER type '{plover}' or quad class '{quad}'")
        out[root] = RootInfo(plover, int(quad))
    return out


def quad_class(cameo: Optional[str]) -> Optional[int]:
    """Quad class of a CAMEO code: 1 verbal coop (01-05), 2 material coop (06-08),
    3 verbal conflict (09-13), 4 material conflict (14-20, PROTEST included as in GDELT 1.0)."""
    if not cameo:
        return None
    info = cameo_roots().get(cameo[:2])
    return info.quad_class if info else None


def goldstein(cameo: Optional[str]) -> Optional[float]:
    c = cameo_codes().get(cameo or "")
    return c.goldstein if c else None


@dataclass(frozen=True)
class Pattern:
    lemma: str
    pos: str  # VERB | NOUN
    require: tuple[tuple[str, frozenset[str]], ...]  # (kind, allowed lemmas) kind in obj/prep/prt/xcomp/as
    plover: str
    cameo: str
    recipient: tuple[str, ...]
    flags: frozenset[str]

    @property
    def specificity(self) -> int:
        return len(self.require)


COND_KINDS = ("obj", "prep", "prt", "xcomp", "as", "part", "mod")


def _pattern_rows(name: str, ncols: int, min_cols: int, veto_ok: bool) -> dict[tuple[str, str], list[Pattern]]:
    """Rows of a pattern table -> (lemma, pos) -> patterns, most specific first (stable). The lemma
    column may list several lemmas ("a|b": a verb block sharing the row)."""
    path = DIR / name
    codes = cameo_codes()
    out: dict[tuple[str, str], list[Pattern]] = {}
    for lineno, cols in _rows(name, ncols, min_cols):
        lemma, pos, req, plover, cameo, recip, flags = cols[:7]
        veto = veto_ok and cameo == "---"
        if pos not in ("VERB", "NOUN"):
            raise error("G201", path=str(path), line=lineno, detail=f"pos must be VERB or NOUN, not '{pos}'")
        if not veto and plover not in PLOVER_TYPES:
            raise error("G201", path=str(path), line=lineno, detail=f"unknown PLOVER type '{plover}'")
        if not veto and cameo not in codes:
            raise error("G201", path=str(path), line=lineno, detail=f"unknown CAMEO code '{cameo}'")
        conds = []
        for part in filter(None, req.split(";")):
            if "=" not in part:
                raise error("G201", path=str(path), line=lineno, detail=f"bad condition '{part}'")
            kind, vals = part.split("=", 1)
            if kind not in COND_KINDS and not (kind.startswith("pp:") and kind[3:].isalpha()):
                raise error("G201", path=str(path), line=lineno, detail=f"unknown condition kind '{kind}'")
            conds.append((kind, frozenset(vals.split("|"))))
        slots = tuple(s for s in recip.split(",") if s and s != "-")
        for lem in lemma.split("|"):
            if not lem:
                raise error("G201", path=str(path), line=lineno, detail="empty lemma")
            p = Pattern(lem, pos, tuple(conds), plover, cameo, slots, frozenset(filter(None, flags.split(","))))
            out.setdefault((lem, pos), []).append(p)
    for k in out:
        out[k].sort(key=lambda p: -p.specificity)
    return out


@functools.lru_cache(maxsize=1)
def patterns() -> dict[tuple[str, str], list[Pattern]]:
    """(lemma, pos) -> the project's own patterns (patterns.tsv), most specific first."""
    return _pattern_rows("patterns.tsv", 7, 6, veto_ok=True)


class PatternIndex:
    """(lemma, pos) -> patterns, built per lemma on first look-up from compact rows (so that the
    cached table unpickles fast)."""

    def __init__(self, rows: list[tuple], index: dict[tuple[str, str], list[int]]):
        self.rows = rows  # (pos, require, plover, cameo, recipient, flags)
        self.index = index
        self._built: dict[tuple[str, str], list[Pattern]] = {}

    def __getstate__(self):
        return {"rows": self.rows, "index": self.index}

    def __setstate__(self, st):
        self.rows, self.index, self._built = st["rows"], st["index"], {}

    def __len__(self) -> int:
        return len(self.index)

    def get(self, key: tuple[str, str], default=None):
        hit = self._built.get(key)
        if hit is None:
            ids = self.index.get(key)
            if ids is None:
                return default
            hit = [Pattern(key[0], *self.rows[i]) for i in ids]
            self._built[key] = hit
        return hit

    def __getitem__(self, key):
        hit = self.get(key)
        if hit is None:
            raise KeyError(key)
        return hit


@functools.lru_cache(maxsize=1)
def phoenix_patterns() -> PatternIndex:
    """(lemma, "VERB") -> the compiled Phoenix CAMEO.2.0 rows (phoenix_verbs.tsv), most specific
    first; a row with cameo "---" is an explicit non-event. Compiled on first use and cached on disk
    (pickle under :func:`cache.cache_dir`, keyed by the table's and this loader's hashes)."""
    import hashlib
    import pickle

    from .cache import cache_dir

    path = DIR / "phoenix_verbs.tsv"
    if not path.is_file():
        raise error("G202", path=str(path))
    h = hashlib.sha1(path.read_bytes())
    h.update(Path(__file__).read_bytes())
    cached = cache_dir() / f"phoenix-verbs-{h.hexdigest()[:16]}.pickle"
    try:
        with open(cached, "rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    full = _pattern_rows("phoenix_verbs.tsv", 8, 8, veto_ok=True)
    rows: list[tuple] = []
    row_ids: dict[tuple, int] = {}
    index: dict[tuple[str, str], list[int]] = {}
    for key, pats in full.items():
        for p in pats:
            r = (p.pos, p.require, p.plover, p.cameo, p.recipient, p.flags)
            if r not in row_ids:
                row_ids[r] = len(rows)
                rows.append(r)
            index.setdefault(key, []).append(row_ids[r])
    out = PatternIndex(rows, index)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(out, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cached)
    except OSError:
        pass  # a read-only cache directory only costs the compile time
    return out


@functools.lru_cache(maxsize=1)
def mode_cues() -> dict[str, str]:
    """lemma -> cue kind (negation, deny, hypothetical, future, attribution, threat)."""
    kinds = {"negation", "deny", "hypothetical", "future", "attribution", "threat"}
    out = {}
    for lineno, (lemma, kind) in _rows("mode_cues.tsv", 2):
        if kind not in kinds:
            raise error("G201", path=str(DIR / "mode_cues.tsv"), line=lineno, detail=f"unknown cue kind '{kind}'")
        out[lemma] = kind
    return out


@functools.lru_cache(maxsize=1)
def contexts() -> dict[str, str]:
    """word -> PLOVER context."""
    return {w: c for _, (w, c) in _rows("contexts.tsv", 2)}


@functools.lru_cache(maxsize=1)
def countries() -> dict[str, str]:
    """Upper-case country name, demonym or capital -> ISO 3166 alpha-3 (fallback table)."""
    out = {}
    for lineno, (name, iso) in _rows("countries.tsv", 2):
        if len(iso) != 3 or not iso.isalpha():
            raise error("G201", path=str(DIR / "countries.tsv"), line=lineno, detail=f"bad ISO code '{iso}'")
        out[name] = iso
    return out


DOMESTIC_SCOPES = ("act", "group")


@functools.lru_cache(maxsize=1)
def domestic_codes() -> dict[str, str]:
    """CAMEO code (or prefix) -> scope: "act" for acts aimed, when no recipient is named, at the
    actor's own state (political reform, administrative sanctions, popular dissent), "group" for acts
    whose unnamed domestic target group is of the actor's state (arrests, seizures, repression):
    domestic_codes.tsv."""
    out = {}
    for lineno, (code, scope, _) in _rows("domestic_codes.tsv", 3):
        if not code.isdigit() or not 2 <= len(code) <= 4 or scope not in DOMESTIC_SCOPES:
            raise error("G201", path=str(DIR / "domestic_codes.tsv"), line=lineno,
                        detail=f"bad CAMEO code '{code}' or scope '{scope}' (one of {', '.join(DOMESTIC_SCOPES)})")
        out[code] = scope
    return out


def domestic_code(cameo: Optional[str], scope: str = "act") -> bool:
    """Is ``cameo`` a domestic code of ``scope`` ("act"; "group" also takes the "act" codes)?"""
    if not cameo:
        return False
    return any(cameo.startswith(c) and (s == scope or s == "act") for c, s in domestic_codes().items())


# Agent words -> CAMEO/PLOVER sector. Written by the project (CAMEO actor codebook sector names).
SECTOR_WORDS = {
    "government": "GOV", "minister": "GOV", "ministry": "GOV", "president": "GOV", "premier": "GOV",
    "chancellor": "GOV", "administration": "GOV", "cabinet": "GOV", "secretary": "GOV", "spokesman": "GOV",
    "spokeswoman": "GOV", "spokesperson": "GOV", "leader": "GOV", "official": "GOV", "officials": "GOV",
    "diplomat": "GOV", "ambassador": "GOV", "envoy": "GOV", "king": "GOV", "state": "GOV", "department": "GOV",
    "military": "MIL", "army": "MIL", "troops": "MIL", "troop": "MIL", "soldier": "MIL", "forces": "MIL",
    "force": "MIL", "navy": "MIL", "commander": "MIL", "general": "MIL", "tank": "MIL", "artillery": "MIL",
    "rebel": "REB", "insurgent": "REB", "militant": "REB", "militia": "REB", "guerrilla": "REB",
    "police": "COP", "policeman": "COP", "officer": "COP",
    "court": "JUD", "judge": "JUD", "prosecutor": "JUD",
    "activist": "OPP", "protester": "OPP", "protestor": "OPP", "demonstrator": "OPP", "opposition": "OPP",
    "dissident": "OPP", "opponent": "OPP",
    "lawmaker": "LEG", "parliament": "LEG", "congress": "LEG", "senate": "LEG", "legislator": "LEG",
    "senator": "LEG", "mp": "LEG",
    "civilian": "CVL", "people": "CVL", "resident": "CVL", "child": "CVL", "villager": "CVL",
    "children": "CVL", "man": "CVL", "men": "CVL", "woman": "CVL", "women": "CVL", "victim": "CVL",
    "student": "EDU", "university": "EDU", "company": "BUS", "firm": "BUS", "bank": "BUS", "airline": "BUS",
    "journalist": "JRN", "reporter": "JRN", "media": "JRN", "missionary": "REL", "cleric": "REL",
    "peacekeeper": "IGOMIL", "inspector": "IGO",
}

# International organisations, for the fallback path. Codes follow the Phoenix IGO convention.
IGO_NAMES = {
    "UNITED NATIONS": "IGOUNO", "UN": "IGOUNO", "U.N.": "IGOUNO", "SECURITY COUNCIL": "IGOUNO",
    "EUROPEAN UNION": "IGOEUREEC", "EU": "IGOEUREEC", "NATO": "IGOWSTNAT", "INTERPOL": "IGOCOPITP",
    "AFRICAN UNION": "IGOAFRAFU", "ARAB LEAGUE": "IGOARBARL", "WORLD FOOD PROGRAMME": "IGOUNOWFP",
    "IAEA": "IGOUNOIAE", "WORLD BANK": "IGOWORWBK", "IMF": "IGOWORIMF", "OPEC": "IGOOPC",
}


@functools.lru_cache(maxsize=1)
def legacy_country_codes() -> dict[str, str]:
    """Legacy CAMEO/KEDS/Phoenix country block (JAP, ITL, VTN, TMP, ...) -> ISO 3166-1 alpha-3."""
    out = {}
    for lineno, (old, iso) in _rows("legacy_country_codes.tsv", 2):
        if len(old) != 3 or len(iso) != 3 or not (old.isalpha() and iso.isalpha()):
            raise error("G201", path=str(DIR / "legacy_country_codes.tsv"), line=lineno,
                        detail=f"bad code pair '{old}' -> '{iso}'")
        out[old.upper()] = iso.upper()
    return out


def compile_phoenix(path) -> tuple[list[str], dict]:
    """Compile the Phoenix CAMEO.2.0 verb dictionary into ``phoenix_verbs.tsv`` rows: see
    :func:`knowledge.phoenix.compile_phoenix` (the compiler lives there; the table's header names it here)."""
    from .phoenix import compile_phoenix as _compile

    return _compile(path)

if __name__ == "__main__":
    import sys

    from .phoenix import _write_phoenix

    _write_phoenix(sys.argv[1])
