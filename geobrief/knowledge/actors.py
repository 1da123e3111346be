"""The actor knowledge base: states, people with date-bounded roles, organisations, groups.

Data files live in ``geobrief/knowledge/actors/`` (TSV, ``# source:`` / ``# licence:`` lines,
then a header). Two schemas:

* states (``states.tsv``)::

    iso3  name  short_names  demonym_sg  demonym_pl  capitals  gov_metonyms  src

* entities (``people.tsv``, ``organisations.tsv``, ``groups.tsv``, ``phoenix.tsv``, user files)::

    kb_id  kind  name  aliases  country  sector  code  role  from  to

  one row per role/period; rows with the same ``kb_id`` are one entity. ``from``/``to`` are ISO
  dates (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; empty = open). A ``# valid_until: DATE`` line
  marks a file whose open-ended roles are not known to hold after DATE (the Phoenix dictionaries).

Users add entries with a file of either schema, named by ``load_kb(user_files=...)`` or by the
``GEOBRIEF_ACTORS`` environment variable (several paths separated by ``os.pathsep``). User rows
take precedence over the shipped ones for any alias they share.

Matching is a token-trie (multi-pattern, longest match first) over a simple word tokenisation
that ignores hyphens and keeps periods and apostrophes, so ``al-Qaeda`` = ``al Qaeda`` and
``U.S.`` matches ``U.S.``. Short all-capital tokens (``US``, ``UN``, ``ISI``) match case-sensitively;
other aliases match case-insensitively but need a capital letter somewhere in the matched text.
"""
from __future__ import annotations

import datetime as _dt
import functools
import os
import re
from pathlib import Path
from typing import Iterable, NamedTuple, Optional, Sequence

from ..errors import error

DATA_DIR = Path(__file__).with_name("actors")
STATE_FILE = "states.tsv"
# shipped entity files, in order of precedence (earlier wins an alias they share)
ENTITY_FILES = ("people.tsv", "groups.tsv", "organisations.tsv", "phoenix.tsv")
STATE_COLUMNS = ("iso3", "name", "short_names", "demonym_sg", "demonym_pl", "capitals", "gov_metonyms", "src")
ENTITY_COLUMNS = ("kb_id", "kind", "name", "aliases", "country", "sector", "code", "role", "from", "to")
KINDS = ("person", "state", "organisation", "armed_group", "igo", "other")
ENV_VAR = "GEOBRIEF_ACTORS"

_TOKEN_RE = re.compile(r"\w+|[^\w\s\-\u2010-\u2014]")
_ISO3_RE = re.compile(r"^[A-Z]{3}$")
_CODE_RE = re.compile(r"^[A-Z]{3}([A-Z]{3})*$")
_SECTOR_RE = re.compile(r"^[A-Z]{3}$")
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


_NICKNAME = re.compile(r"[Tt]he [A-Z][a-z]+")


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """Word tokens of ``text`` as ``(start, end, token)``; hyphens and dashes are separators."""
    text = text.replace("\u2019", "'")  # same length: offsets stay valid
    return [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text)]


def _case_mask(tokens: Sequence[str]) -> tuple[bool, ...]:
    """Which alias tokens must match case-sensitively: short all-capital acronyms, and tokens
    with a capital after the first letter ("LeT", "ISKP"), so "Let us" is not Lashkar-e-Taiba."""
    return tuple(t.isalpha() and ((t.isupper() and len(t) <= 4) or any(c.isupper() for c in t[1:]))
                 for t in tokens)


# short particles that names write in lower case ("al-Qaeda", "Lashkar-e-Taiba", "bin Salman")
_PARTICLES = {"al", "el", "ul", "e", "i", "bin", "ibn", "of", "the", "and", "for", "de", "da", "van", "von", "la", "le"}


_GENERIC_HEADS = {"group", "groups", "office", "party", "front", "army", "council", "movement", "brigade",
                  "brigades", "organisation", "organization", "ministry", "department", "force", "forces",
                  "committee", "union", "league", "state", "republic", "government", "authority", "authorities",
                  "agency", "court", "police", "guard", "guards", "corps", "assembly", "network", "alliance",
                  "coalition", "service", "services", "administration", "commission", "bank", "company", "mission",
                  "militia", "militias", "association", "society", "institute", "center", "centre", "fund"}


def _proper_case_ok(atoks: Sequence[str], surface: Sequence[str]) -> bool:
    """A multi-word proper name must be written as a name. Of the alias's capitalised words
    (particles aside), when more are lower case in the text than capitalised, or as many and the
    last is a generic head ("group", "office"), the text is a description: "an armed Islamic group"
    is not the Armed Islamic Group, "an Islamic group" not the Islamic Group; sloppy case on one
    word of a name ("President obama", "US State department") still matches."""
    caps = [(a, s) for a, s in zip(atoks, surface)
            if a[:1].isupper() and a.lower() not in _PARTICLES]
    lower = sum(1 for _, s in caps if s[:1].islower())
    if not lower:
        return True
    upper = len(caps) - lower
    if lower > upper:
        return False
    a, s = caps[-1]
    return not (lower == upper and s[:1].islower() and s.lower() in _GENERIC_HEADS)


def parse_date(value: str) -> Optional[_dt.date]:
    """An ISO date, or a year / year-month (first day). Raises ValueError when malformed."""
    value = (value or "").strip()
    if not value:
        return None
    m = _DATE_RE.match(value)
    if not m:
        raise ValueError(f"'{value}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    y, mo, d = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        return _dt.date(y, mo, d)
    except ValueError as exc:
        raise ValueError(f"'{value}' is not a valid date ({exc})") from exc


class Role(NamedTuple):
    """One period of an entity: who/what it was between ``start`` and ``end`` (end-exclusive)."""

    country: Optional[str]
    sector: Optional[str]
    code: Optional[str]
    title: Optional[str]
    start: Optional[_dt.date]
    end: Optional[_dt.date]
    kind: str
    stale_after: Optional[_dt.date] = None  # open-ended roles not known to hold after this date

    def active(self, on: _dt.date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


class Entry(NamedTuple):
    """A person, organisation, armed group or IGO of the knowledge base."""

    kb_id: str
    kind: str
    name: str
    aliases: list[str]
    roles: list[Role]
    source: str = ""  # file:line of its first row
    rank: int = 0  # precedence of its file: lower wins an alias shared with another file
    weak: bool = False  # from a stale bulk dictionary: single-word aliases need NER support


class Resolved(NamedTuple):
    """What an entry was on a date."""

    kind: str
    country: Optional[str]
    sector: Optional[str]
    code: Optional[str]
    role: Optional[str]
    confidence: float
    current: bool  # a role active on the date was found


class State(NamedTuple):
    iso3: str
    name: str
    short_names: list[str]
    demonym_sg: list[str]
    demonym_pl: list[str]
    capitals: list[str]
    gov_metonyms: list[str]
    source: str = ""


class Target(NamedTuple):
    """What an alias points to: a state (with the kind of reference) or an entry."""

    kind: str  # "state" | "entry"
    ref: str  # iso3 or kb_id
    how: str  # name | alias | demonym_sg | demonym_pl | capital | metonym
    rank: int = 0
    weak: bool = False


class Match(NamedTuple):
    start: int
    end: int
    text: str
    targets: tuple[Target, ...]
    n_tokens: int


def _resolve_entry(entry: Entry, on: _dt.date, since: Optional[_dt.date] = None) -> Resolved:
    """What the entry was on ``on``; with ``since``, at some time from ``since`` to ``on`` (a text
    whose date is only known to lie in that window: no role held then is called "former")."""
    roles = entry.roles
    if since is not None and since < on:
        active = [r for r in roles if (r.start is None or r.start <= on) and (r.end is None or r.end > since)]
        on_fresh = since
    else:
        active = [r for r in roles if r.active(on)]
        on_fresh = on
    if active:
        fresh = [r for r in active if not (r.end is None and r.stale_after and on_fresh > r.stale_after)]
        pool = fresh or active
        # prefer a real office over an 'elite' (former/notable) code, then the latest start
        pool = sorted(pool, key=lambda r: (r.sector != "ELI", r.start or _dt.date.min), reverse=True)
        r = pool[0]
        conf = 0.95 if fresh else 0.6
        sector = r.sector if fresh else (None if r.sector in ("GOV", "MIL", "SPY") and entry.kind == "person" else r.sector)
        code = r.code if fresh else (r.country or r.code)
        return Resolved(r.kind, r.country, sector, code, r.title, conf, True)
    past = [r for r in roles if r.end is not None and r.end <= on]
    if past:
        r = max(past, key=lambda r: r.end)
        if entry.kind == "person":
            title = f"former {r.title}" if r.title else "former office-holder"
            code = (r.country + "ELI") if r.country else r.code
            return Resolved(r.kind, r.country, "ELI", code, title, 0.85, False)
        return Resolved(r.kind, r.country, r.sector, r.code, r.title, 0.7, False)
    future = [r for r in roles if r.start is not None and r.start > on]
    if future:
        r = min(future, key=lambda r: r.start)
        return Resolved(r.kind, r.country, None, r.country, None, 0.6, False)
    r = roles[0]
    return Resolved(r.kind, r.country, r.sector, r.code, r.title, 0.6, False)


class KnowledgeBase:
    """States and entities plus the alias index used for matching."""

    def __init__(self) -> None:
        self.states: dict[str, State] = {}
        self.entries: dict[str, Entry] = {}
        self._index: dict[tuple[str, ...], list[tuple[tuple[bool, ...], tuple[str, ...], Target]]] = {}
        self._maxlen: dict[str, int] = {}
        self._prefixes: set[tuple[str, ...]] = set()
        self.demonym_to_iso: dict[str, str] = {}
        self.files: list[str] = []

    # ---- building
    def _add_alias(self, alias: str, target: Target) -> None:
        toks = tuple(t for _, _, t in tokenize(alias))
        if len(toks) > 1 and toks[0].lower() == "the":
            toks = toks[1:]  # "the Taliban" = "Taliban": the article is taken into the span when present
        if not toks:
            return
        key = tuple(t.lower() for t in toks)
        slot = self._index.setdefault(key, [])
        for _, _, t in slot:
            if t.kind == target.kind and t.ref == target.ref and t.how == target.how:
                return
        slot.append((_case_mask(toks), toks, target))
        if len(key) > self._maxlen.get(key[0], 0):
            self._maxlen[key[0]] = len(key)

    def add_state(self, st: State, rank: int = 0) -> None:
        self.states[st.iso3] = st
        self._add_alias(st.name, Target("state", st.iso3, "name", rank))
        for s in st.short_names:
            self._add_alias(s, Target("state", st.iso3, "name", rank))
        for d in st.demonym_sg:
            self._add_alias(d, Target("state", st.iso3, "demonym_sg", rank))
            self.demonym_to_iso.setdefault(d.lower(), st.iso3)
        for d in st.demonym_pl:
            self._add_alias(d, Target("state", st.iso3, "demonym_pl", rank))
            self.demonym_to_iso.setdefault(d.lower(), st.iso3)
        for c in st.capitals:
            self._add_alias(c, Target("state", st.iso3, "capital", rank))
        for m in st.gov_metonyms:
            self._add_alias(m, Target("state", st.iso3, "metonym", rank))

    def add_entry(self, e: Entry) -> None:
        if e.kb_id in self.entries:
            old = self.entries[e.kb_id]
            old.roles.extend(e.roles)
            new_aliases = [a for a in e.aliases if a not in old.aliases]
            old.aliases.extend(new_aliases)
            names = new_aliases
        else:
            self.entries[e.kb_id] = e
            names = [e.name] + e.aliases
        if e.weak:
            # a bulk dictionary's nickname "The <Word>" ("The Foundation", "The Lightning") is a common
            # noun in news text: it would make any "... Policy Foundation" that armed group
            names = [a for a in names if a == e.name or not _NICKNAME.fullmatch(a)]
        for a in names:
            self._add_alias(a, Target("entry", e.kb_id, "name" if a == e.name else "alias", e.rank, e.weak))

    def finish(self) -> None:
        """Drop weak (bulk-dictionary) targets that clash with stronger ones or disagree among themselves;
        build the prefix set the matcher walks.

        A weak entry with the name, kind and country of a curated one is the same entity: its aliases
        ("Russian Foreign Minister Sergey Lavrov") point to the curated entry, whose dated roles win."""
        strong_by_name: dict[tuple[str, str, Optional[str]], Entry] = {}
        for e in self.entries.values():
            if not e.weak and e.roles:
                strong_by_name.setdefault((e.name.lower(), e.kind, e.roles[0].country), e)
        for slot in self._index.values():
            for i, (mask, atoks, t) in enumerate(slot):
                if t.kind != "entry" or not t.weak:
                    continue
                e = self.entries.get(t.ref)
                if e is None or not e.roles:
                    continue
                s = strong_by_name.get((e.name.lower(), e.kind, e.roles[0].country))
                if s is not None:
                    slot[i] = (mask, atoks, Target("entry", s.kb_id, "alias", s.rank, False))
        for key, slot in list(self._index.items()):
            strong = [s for s in slot if not s[2].weak]
            weak = [s for s in slot if s[2].weak]
            if weak and strong:
                slot[:] = strong
            elif len(weak) > 1:
                countries = {self._country_of(s[2]) for s in weak}
                if len(countries) > 1:
                    del self._index[key]
                    continue
            best = min(s[2].rank for s in slot)
            slot[:] = [s for s in slot if s[2].rank == best]
        self._prefixes = {key[:k] for key in self._index for k in range(1, len(key) + 1)}

    def _country_of(self, t: Target) -> Optional[str]:
        if t.kind == "state":
            return t.ref
        e = self.entries.get(t.ref)
        return e.roles[0].country if e and e.roles else None

    # ---- using
    def match(self, text: str, tokens: Optional[list[tuple[int, int, str]]] = None) -> list[Match]:
        """All knowledge-base aliases in ``text``, longest first, non-overlapping, left to right."""
        toks = tokens if tokens is not None else tokenize(text)
        lows = [t[2].lower() for t in toks]
        out: list[Match] = []
        i, n = 0, len(toks)
        index, maxlen = self._index, self._maxlen
        prefixes = self._prefixes

        def at(i: int) -> Optional[Match]:
            if lows[i] not in maxlen:
                return None
            # walk the trie of alias prefixes, remembering every complete alias on the way
            found = []
            L = 1
            while i + L <= n:
                key = tuple(lows[i:i + L])
                if key not in prefixes:
                    break
                if key in index:
                    found.append(L)
                L += 1
            for L in reversed(found):
                slot = index[tuple(lows[i:i + L])]
                surface = [t[2] for t in toks[i:i + L]]
                if not any(ch.isupper() for s in surface for ch in s):
                    continue
                ok = tuple(tg for mask, atoks, tg in slot
                           if all(not m or s == a for m, s, a in zip(mask, surface, atoks))
                           and (L == 1 or _proper_case_ok(atoks, surface)))
                if ok:
                    s, e = toks[i][0], toks[i + L - 1][1]
                    return Match(s, e, text[s:e], ok, L)
            return None

        while i < n:
            hit = at(i)
            if hit is None:
                if lows[i] == "the" and i + 1 < n:
                    h2 = at(i + 1)
                    if h2 is not None:
                        s = toks[i][0]
                        out.append(Match(s, h2.end, text[s:h2.end], h2.targets, h2.n_tokens + 1))
                        i += h2.n_tokens + 1
                        continue
                i += 1
                continue
            # a longer alias starting inside this one wins ("Sheikh [Mohammed bin ... Al Thani]")
            better = None
            for j in range(i + 1, i + hit.n_tokens):
                h2 = at(j)
                if h2 is not None and h2.end > hit.end and h2.n_tokens > hit.n_tokens:
                    better = (j, h2)
                    break
            if better:
                i, hit = better
            out.append(hit)
            i += hit.n_tokens
        return out

    def resolve(self, kb_id: str, on: Optional[_dt.date] = None, since: Optional[_dt.date] = None) -> Resolved:
        """Who/what entry ``kb_id`` was on date ``on`` (default today), or at some time from ``since``."""
        return _resolve_entry(self.entries[kb_id], on or _dt.date.today(), since)

    def state_for_demonym(self, word: str) -> Optional[str]:
        return self.demonym_to_iso.get(word.lower())

    @property
    def n_aliases(self) -> int:
        return len(self._index)


# ---------------------------------------------------------------- reading files
def _read_rows(path: Path, expected: Sequence[str], require_meta: bool):
    """Yield ``(lineno, fields)``; check comment lines and header; meta dict is returned first."""
    if not path.is_file():
        raise error("G202", path=str(path))
    meta: dict[str, str] = {}
    header = None
    with path.open(encoding="utf-8") as fh:
        for lineno, raw in enumerate(fh, 1):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip():
                continue
            if line.startswith("#"):
                m = re.match(r"#\s*([a-z_]+)\s*:\s*(.*)", line)
                if m:
                    meta.setdefault(m.group(1), m.group(2).strip())
                continue
            fields = line.split("\t")
            if header is None:
                header = [f.strip() for f in fields]
                if tuple(header) != tuple(expected):
                    raise error("G201", path=str(path), line=lineno,
                                detail=f"header must be {' TAB '.join(expected)}; found {' TAB '.join(header)}")
                if require_meta:
                    for k in ("source", "licence"):
                        if k not in meta:
                            raise error("G201", path=str(path), line=lineno,
                                        detail=f"missing '# {k}: ...' comment line before the header")
                yield 0, meta
                continue
            if len(fields) != len(expected):
                raise error("G201", path=str(path), line=lineno,
                            detail=f"expected {len(expected)} tab-separated columns, found {len(fields)}")
            yield lineno, [f.strip() for f in fields]
    if header is None:
        raise error("G201", path=str(path), line=1, detail="no header line")


def _split(v: str) -> list[str]:
    return [x.strip() for x in v.split("|") if x.strip()]


def read_states(path: Path, kb: KnowledgeBase, rank: int = 1, require_meta: bool = True) -> None:
    for lineno, f in _read_rows(path, STATE_COLUMNS, require_meta):
        if lineno == 0:
            continue
        iso3, name = f[0], f[1]
        if not _ISO3_RE.match(iso3):
            raise error("G201", path=str(path), line=lineno, detail=f"iso3 '{iso3}' is not three capital letters")
        if not name:
            raise error("G201", path=str(path), line=lineno, detail="empty name")
        kb.add_state(State(iso3, name, _split(f[2]), _split(f[3]), _split(f[4]), _split(f[5]), _split(f[6]),
                           f"{path.name}:{lineno}"), rank)


def read_entities(path: Path, kb: KnowledgeBase, rank: int, require_meta: bool = True) -> None:
    stale = None
    weak = False
    for lineno, f in _read_rows(path, ENTITY_COLUMNS, require_meta):
        if lineno == 0:
            if f.get("valid_until"):
                try:
                    stale = parse_date(f["valid_until"])
                except ValueError as exc:
                    raise error("G201", path=str(path), line=1, detail=f"valid_until: {exc}") from exc
                weak = True
            continue
        kb_id, kind, name, aliases, country, sector, code, title, start, end = f

        def bad(detail: str):
            return error("G201", path=str(path), line=lineno, detail=detail)

        if not kb_id:
            raise bad("empty kb_id")
        if kind not in KINDS:
            raise bad(f"kind '{kind}' is not one of {', '.join(KINDS)}")
        if not name:
            raise bad("empty name")
        if country and not _ISO3_RE.match(country):
            raise bad(f"country '{country}' is not an ISO3 code")
        if sector and not _SECTOR_RE.match(sector):
            raise bad(f"sector '{sector}' is not a three-letter CAMEO sector")
        if code and not _CODE_RE.match(code):
            raise bad(f"code '{code}' is not a CAMEO-style code (groups of three capitals)")
        try:
            d0, d1 = parse_date(start), parse_date(end)
        except ValueError as exc:
            raise bad(str(exc)) from exc
        if d0 and d1 and d1 < d0:
            raise bad(f"'to' {end} is before 'from' {start}")
        if kind == "igo" and not sector:
            sector = "IGO"
        if kind == "person" and _BODY_WORDS.search(name):
            kind = "organisation"  # the bulk dictionary files some bodies as people ("... Think Tank")
        if not code:
            code = (country or "") + (sector or "") or None
        role = Role(country or None, sector or None, code, title or None, d0, d1, kind, stale)
        kb.add_entry(Entry(kb_id, kind, name, _split(aliases), [role], f"{path.name}:{lineno}", rank, weak))


def _detect_schema(path: Path) -> str:
    if not path.is_file():
        raise error("G202", path=str(path))
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                return "states" if line.split("\t")[0].strip() == "iso3" else "entities"
    return "entities"


CACHE_VERSION = 7  # 7: dictionary "people" named as bodies are organisations; 6: bulk nicknames "The <Word>" are not aliases
_BODY_WORDS = re.compile(r"\b(?:Think Tank|Institute|Institution|Center|Centre|Foundation|Council|Committee|Association|"
                         r"Federation|University|Agency|Ministry|Company|Corporation|Organi[sz]ation|Party)\b")


def _cache_path(data_dir: Path, bulk: bool) -> Optional[Path]:
    """Where the parsed shipped files are cached (keyed by their sizes and mtimes), or None."""
    import hashlib

    from .cache import cache_dir

    base = cache_dir()
    h = hashlib.sha1(f"{CACHE_VERSION}:{bulk}:{data_dir.resolve()}".encode())
    for name in (STATE_FILE,) + ENTITY_FILES:
        try:
            st = (data_dir / name).stat()
        except OSError:
            return None
        h.update(f"{name}:{st.st_size}:{st.st_mtime_ns}".encode())
    return Path(base) / f"actors-kb-{h.hexdigest()[:16]}.pickle"


def _build_shipped(data_dir: Path, bulk: bool) -> KnowledgeBase:
    kb = KnowledgeBase()
    read_states(data_dir / STATE_FILE, kb, rank=1)
    kb.files.append(str(data_dir / STATE_FILE))
    for name in ENTITY_FILES:
        if name == "phoenix.tsv" and not bulk:
            continue
        read_entities(data_dir / name, kb, rank=0 if name != "phoenix.tsv" else 2)
        kb.files.append(str(data_dir / name))
    kb.finish()
    return kb


def _shipped(data_dir: Path, bulk: bool, use_cache: bool = True) -> KnowledgeBase:
    """The shipped knowledge base, from the pickle cache when the files have not changed.

    The cache is only an accelerator: any problem reading or writing it falls back to parsing
    the TSV files (which is also where malformed rows are reported).
    """
    import pickle

    path = _cache_path(data_dir, bulk) if use_cache else None
    if path is not None and path.is_file():
        try:
            with path.open("rb") as fh:
                kb = pickle.load(fh)
            if isinstance(kb, KnowledgeBase):
                return kb
        except Exception:  # noqa: BLE001 - a stale or broken cache is simply rebuilt
            pass
    kb = _build_shipped(data_dir, bulk)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                pickle.dump(kb, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            pass
    return kb


def build_kb(user_files: Iterable[str | Path] = (), data_dir: Path = DATA_DIR,
             bulk: bool = True, use_cache: bool = True) -> KnowledgeBase:
    """The shipped files plus ``user_files`` (whose rows win any alias they share) as a new KB."""
    import gc

    # tens of thousands of small records: the cyclic GC would rescan them many times while loading
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build_kb(user_files, Path(data_dir), bulk, use_cache)
    finally:
        if enabled:
            gc.enable()


def _build_kb(user_files, data_dir: Path, bulk: bool, use_cache: bool) -> KnowledgeBase:
    kb = _shipped(data_dir, bulk, use_cache)
    user_files = list(user_files)
    for uf in user_files:
        p = Path(uf)
        kb.files.append(str(p))
        if _detect_schema(p) == "states":
            read_states(p, kb, rank=-1, require_meta=False)
        else:
            read_entities(p, kb, rank=-1, require_meta=False)
    if user_files:
        kb.finish()
    return kb


@functools.lru_cache(maxsize=4)
def _cached(user_files: tuple[str, ...]) -> KnowledgeBase:
    from ..memory import release_free_memory

    kb = build_kb(user_files)
    release_free_memory()  # what loading it freed (~14 MB resident)
    return kb


def user_files_from_env() -> tuple[str, ...]:
    v = os.environ.get(ENV_VAR, "").strip()
    return tuple(p for p in v.split(os.pathsep) if p.strip()) if v else ()


def load_kb(user_files: Optional[Iterable[str | Path]] = None) -> KnowledgeBase:
    """The knowledge base, loaded once per process (per set of user files).

    ``user_files`` defaults to the paths in ``$GEOBRIEF_ACTORS``.
    """
    files = tuple(str(p) for p in user_files) if user_files is not None else user_files_from_env()
    return _cached(files)
