"""Loaders for the events knowledge: CAMEO codes, the verb/noun pattern table, the
PLOVER<->CAMEO root map, mode cues, PLOVER contexts and the country-name fallback table.

Every file lives in ``geobrief/knowledge/events/``, starts with ``# source:`` and
``# licence:`` lines, and is loaded once per process. Malformed rows raise G201.
"""
from __future__ import annotations

import functools
import os
import re
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


# ---------------------------------------------------------------------------- Phoenix verb dictionary
# The Phoenix CAMEO.2.0 verb dictionary (openeventdata/petrarch2, MIT) is compiled by
# :func:`compile_phoenix` into ``phoenix_verbs.tsv`` (the columns of ``patterns.tsv`` plus the source
# line); run ``python -m geobrief.knowledge.events SRC`` to rebuild it. Format (PETRreader.py):
# ``&NAME`` synsets with ``+WORD`` members; ``---  NAME  [CODE]  ---`` opens a verb block whose
# verb lines (``WORD {FORMS} [CODE]``, ``+VERB_PARTICLE``) share its patterns
# (``- * OBJECT (PREP NOUN) [CODE] # verb``), ``*`` standing for the verb, ``+`` for the target,
# ``{A B}`` for a noun phrase, ``[---]`` for an explicit non-event and ``[:CODE]`` for an event whose
# subject is the target (compiled here as a non-event: the verb's own code must not apply).
PARTICLES = frozenset("about across after against along apart around as at away back by down for from in into "
                      "of off on onto out over through to toward towards under up upon with without".split())
PHOENIX_COLS = "lemma\tpos\trequire\tplover\tcameo\trecipient\tflags\tsource_line"
# recipient slots of a compiled row: the object, else a preposition on the verb or on its object
DEFAULT_SLOTS = ("obj", "against", "with", "on", "at", "into", "to")
LIGHT_SLOTS = ("against", "with", "on", "at", "into", "to", "over")


def _phoenix_error(path, lineno: int, detail: str):
    return error("G201", path=str(path), line=lineno, detail=detail)


def _phoenix_words(tok: str, synsets: dict, path, lineno: int) -> list[str]:
    """One pattern token -> lower-case head words (a synset expands to its one-word members)."""
    tok = tok.strip()
    if tok.startswith("&"):
        name = tok.rstrip("_")
        return synsets.get(name, [])  # PETRARCH ignores a pattern with an undefined synset
    return [tok.strip("_").lower().replace("_", " ")]


def _split_groups(body: str, path, lineno: int) -> list[tuple[str, str]]:
    """Pattern text after '*' -> [(kind, text)], kind in word | np | pp."""
    out, i = [], 0
    while i < len(body):
        c = body[i]
        if c.isspace():
            i += 1
            continue
        close = {"(": ")", "{": "}"}.get(c)
        if close:
            j = body.find(close, i)
            if j == -1:
                raise _phoenix_error(path, lineno, f"unclosed '{c}' in pattern")
            out.append(("pp" if c == "(" else "np", body[i + 1:j].strip()))
            i = j + 1
            continue
        j = i
        while j < len(body) and not body[j].isspace() and body[j] not in "({":
            j += 1
        out.append(("word", body[i:j]))
        i = j
    return out


def _np_conds(text: str, synsets: dict, path, lineno: int) -> Optional[list[str]]:
    """'{A B &C}' -> ['obj=c1|c2', 'mod=a', 'mod=b'] (head last), None when it holds a marker."""
    parts = text.split()
    if not parts or any(p in ("+", "$", "^", "%") or "/" in p for p in parts):
        return None
    head = [w for w in _phoenix_words(parts[-1], synsets, path, lineno) if " " not in w]
    if not head:
        return None
    conds = ["obj=" + "|".join(head)]
    for p in parts[:-1]:
        ws = [w for w in _phoenix_words(p, synsets, path, lineno) if " " not in w]
        if ws:
            conds.append("mod=" + "|".join(ws))
    return conds


def _pattern_row(body: str, synsets: dict, path, lineno: int) -> Optional[tuple[list[str], list[str]]]:
    """Compile the part of a pattern after '*' into (conditions, recipient slots); None when the
    pattern uses a form this compiler does not take (source markers, two bare words, ...)."""
    conds: list[str] = []
    slots: list[str] = []
    has_obj = False
    pending = None
    for kind, text in _split_groups(body, path, lineno):
        if kind != "word":
            pending = None
        if kind == "word":
            if text in ("+", "$", "^", "%") or has_obj:
                return None
            ws = [w for w in _phoenix_words(text, synsets, path, lineno) if " " not in w]
            if not ws:
                return None
            if pending is not None:  # "AT SUMMIT": a preposition and its noun without parentheses
                conds[-1] = f"pp:{pending}=" + "|".join(ws)
                pending = None
            elif len(ws) == 1 and ws[0] in PARTICLES:
                conds.append("part=" + ws[0])
                pending = ws[0]
            else:
                conds.append("obj=" + "|".join(ws))
                has_obj = True
        elif kind == "np":
            if has_obj:
                return None
            np_conds = _np_conds(text, synsets, path, lineno)
            if np_conds is None:
                return None
            conds.extend(np_conds)
            has_obj = True
        else:  # (PREP ...) : a preposition on the verb or on its object, with its noun
            parts = text.split()
            if not parts:
                return None
            preps = [p.lower() for p in parts[0].split("/")]
            if not all(p in PARTICLES for p in preps):
                return None
            rest = parts[1:]
            if not rest:
                conds.append("prep=" + "|".join(preps))
            elif rest == ["+"]:
                conds.append("prep=" + "|".join(preps))
                slots.extend(preps)
            elif any(p in ("+", "$", "^", "%") for p in rest):
                return None
            else:
                head = rest[-1][1:-1].split()[-1] if rest[-1].startswith("{") else rest[-1]
                ws = [w for w in _phoenix_words(head.strip("{}"), synsets, path, lineno) if " " not in w]
                if not ws:
                    return None
                for p in preps:
                    conds.append(f"pp:{p}=" + "|".join(ws))
                if len(preps) > 1:
                    return None  # alternatives of whole pp's are not one condition list
    if not slots:
        slots = list(LIGHT_SLOTS if has_obj else DEFAULT_SLOTS)
    return conds, slots


CODE_RE = re.compile(r"\[([0-9-]*)!?(?::([0-9-]*)!?)?\]")  # "[080!]" occurs once in CAMEO.2.0


def _code(text: str, path, lineno: int) -> tuple[Optional[str], bool]:
    """'[070]' -> ('070', False); '[---]' and '[:130]' -> (None, True) (a non-event);
    '[042:043]' -> ('042', False)."""
    m = CODE_RE.search(text)
    if m is None:
        raise _phoenix_error(path, lineno, "pattern or verb line without a [CODE]")
    main = m.group(1)
    if not main or main == "---":
        return None, True
    if not main.isdigit() or len(main) not in (3, 4):
        raise _phoenix_error(path, lineno, f"bad CAMEO code '{main}'")
    return main, False


def compile_phoenix(path) -> tuple[list[str], dict]:
    """Compile a Phoenix/PETRARCH verb dictionary into ``phoenix_verbs.tsv`` rows (lemma, VERB,
    require, plover, cameo, recipient, flags, source line) and counts of what was taken and left.
    A malformed line raises G201 naming the file and line."""
    path = Path(path)
    if not path.is_file():
        raise error("G202", path=str(path))
    codes, roots = cameo_codes(), cameo_roots()
    # verbs whose bare code is too general (phoenix_skip.tsv) and the mode cues ("fear", "hope", ...)
    # that the stage reads as modes of the act they govern (saying verbs keep their codes: "insisted
    # that X stop" is a demand)
    skip = {lemma for _, (lemma, _) in _rows("phoenix_skip.tsv", 2)} | {
        lemma for lemma, kind in mode_cues().items() if kind != "attribution"}
    synsets: dict[str, list[str]] = {}
    rows: list[str] = []
    stats = {"verbs": 0, "patterns": 0, "vetoes": 0, "skipped_patterns": 0, "skipped_codes": 0}
    lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
    cur_syn: Optional[str] = None
    block_code: Optional[str] = None
    block_head = ""
    verbs: list[tuple[str, list[str], Optional[str], int]] = []  # (lemma, conditions, code, line)
    section = "synsets"

    def row(lemma, conds, code, slots, flags, lineno):
        plover = roots[code[:2]].plover
        rows.append("\t".join([lemma, "VERB", ";".join(conds), plover, code, ",".join(slots),
                               ",".join(flags), str(lineno)]))

    def flush_block():
        # A bare verb takes the block's code only when it heads the block or carries a code of its
        # own: the other members are WordNet synonyms added for the patterns ("leave", "go" and
        # "think" sit in blocks coded 040), too loose to be an event on their own.
        for lemma, vconds, vcode, vline in verbs:
            if lemma in skip:
                continue
            code = vcode if vcode is not None else (block_code if lemma == block_head and not vconds else None)
            if code and code in codes and code[:2] != "01":  # bare 'make a statement' verbs code every 'said'
                row(lemma, vconds, code, list(DEFAULT_SLOTS), ["phoenix"], vline)
                stats["verbs"] += 1
        verbs.clear()

    for lineno, raw in enumerate(lines, 1):
        line = raw.split("#", 1)[0].rstrip() if not raw.startswith("####") else raw
        if raw.startswith("####"):
            if "VERB PATTERNS" in raw:
                section = "verbs"
            elif "TRANSFORMATIONS" in raw:
                flush_block()
                section = "done"
            continue
        if raw.lstrip().startswith("#"):
            continue  # a comment line (inside a synset too)
        if section == "done" or not line.strip() or line.lstrip().startswith("<"):
            if not line.strip():
                cur_syn = None
            continue
        s = line.strip()
        if section == "synsets" or (s.startswith("&") and section == "verbs" and not s.startswith("- ")):
            if s.startswith("&"):
                cur_syn = s.split()[0].rstrip("_")
                synsets[cur_syn] = []
            elif s.startswith("+") and cur_syn is not None:
                w = s[1:].strip().strip("_").lower().replace("_", " ")
                if w and " " not in w:
                    synsets[cur_syn].append(w)
            else:
                raise _phoenix_error(path, lineno, "expected '&SYNSET' or '+member' line")
            continue
        if s.startswith("+") and cur_syn is not None and not verbs:
            w = s[1:].strip().strip("_").lower().replace("_", " ")
            if w and " " not in w:
                synsets[cur_syn].append(w)
            continue
        if s.startswith("---"):
            flush_block()
            code, veto = _code(s, path, lineno)
            block_code = None if veto else code
            block_head = s.strip("- ").split()[0].split("_")[0].lower()
            cur_syn = None
            continue
        if s.startswith("-"):
            body = s[1:]
            if "*" not in body:
                raise _phoenix_error(path, lineno, "pattern without '*' (the verb's place)")
            code, veto = _code(body, path, lineno)
            pre, post = body[:body.index("[")].split("*", 1)
            if pre.strip():  # words before the verb (its subject): not compiled
                stats["skipped_patterns"] += 1
                continue
            compiled = _pattern_row(post, synsets, path, lineno)
            if compiled is None or not compiled[0]:
                stats["skipped_patterns"] += 1
                continue
            conds, slots = compiled
            if not veto and code not in codes:
                stats["skipped_codes"] += 1
                continue
            groups: dict[tuple, list[str]] = {}  # the block's verbs, grouped by their own conditions
            for lemma, vconds, _, _ in verbs:
                groups.setdefault(tuple(vconds), []).append(lemma)
            for vconds, lemmas in groups.items():
                lemma = "|".join(dict.fromkeys(lemmas))
                if veto:
                    rows.append("\t".join([lemma, "VERB", ";".join(list(vconds) + conds), "-", "---", "-",
                                           "phoenix", str(lineno)]))
                    stats["vetoes"] += 1
                else:
                    flags = ["phoenix"] + (["wide"] if any(c.startswith(("obj=", "part=")) for c in conds) else [])
                    row(lemma, list(vconds) + conds, code, slots, flags, lineno)
                    stats["patterns"] += 1
            continue
        # a verb line: WORD {FORMS} [CODE] or +VERB_PARTICLE {...}
        word = s.split("[")[0].split("{")[0].split()[0] if s.split("[")[0].strip() else s
        code, veto = (None, False)
        if "[" in s:
            code, veto = _code(s, path, lineno)
        parts = word.lstrip("+").strip("_").lower().split("_")
        if not parts[0].replace("-", "").isalpha():
            raise _phoenix_error(path, lineno, f"bad verb '{word}'")
        vconds: list[str] = []
        if len(parts) == 2:
            vconds = [("part=" if parts[1] in PARTICLES else "obj=") + parts[1]]
        elif len(parts) > 2:
            stats["skipped_patterns"] += 1
            continue
        verbs.append((parts[0], vconds, "---" if veto else code, lineno))
    flush_block()
    return rows, stats


def _write_phoenix(src: str) -> None:
    rows, stats = compile_phoenix(src)
    header = ["# source: compiled by geobrief.knowledge.events.compile_phoenix from the Phoenix CAMEO.2.0 verb "
              "dictionary (openeventdata/petrarch2 data/dictionaries/CAMEO.2.0.txt, Open Event Data Alliance)",
              "# licence: MIT (Copyright (c) 2015 Open Event Data Alliance); compiled rows: MIT (geobrief project)",
              "# columns: " + PHOENIX_COLS + "  (cameo '---' = an explicit non-event; source_line = line in CAMEO.2.0.txt)",
              "# " + ", ".join(f"{k} {v}" for k, v in stats.items())]
    seen, out = set(), []
    for r in rows:  # a pattern repeated on a later line adds nothing
        if r.rsplit("\t", 1)[0] not in seen:
            seen.add(r.rsplit("\t", 1)[0])
            out.append(r)
    (DIR / "phoenix_verbs.tsv").write_text("\n".join(header + out) + "\n", encoding="utf-8")
    print(stats)


if __name__ == "__main__":
    import sys

    _write_phoenix(sys.argv[1])
