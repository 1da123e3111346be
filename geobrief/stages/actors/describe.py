"""Organisations the knowledge base lacks, and the descriptions that refer back to actors.

- a name with an organisation noun as its appositive or title is that organisation, with the country
  the description gives ("Russia's state-owned arms company, X" -> X, RUS, BUS);
- a name that is a newspaper's ("The X Times") or that reports ("X reported ...") is a news outlet;
- unknown names with nothing to tell what they are wait as *pending*: a later description
  ("the British newspaper", "the Russian company") takes the nearest compatible one and gives it
  its country and sector;
- "the desert kingdom", "the oil-rich country": a state named before, not the one whose
  subject acts on it ("Chile's president scolded the nation" is not Chile);
- "the North" / "the South" in a text naming North/South Korea (or Sudan...) is that state.

Words come from ``knowledge/actors/descriptors.tsv``.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from ...knowledge.actors import DATA_DIR, _read_rows

DESCRIPTORS_FILE = "descriptors.tsv"
REPORT_LEMMAS = {"report", "publish", "reveal", "quote", "cite"}
COMPASS = {"north", "south", "east", "west"}


@lru_cache(maxsize=1)
def descriptors() -> dict[str, tuple[str, str]]:
    """word -> (kind, sector)."""
    out = {}
    for lineno, f in _read_rows(DATA_DIR / DESCRIPTORS_FILE, ("word", "kind", "sector"), require_meta=True):
        if lineno:
            out[f[0].lower()] = (f[1], f[2] or None)
    return out


@lru_cache(maxsize=1)
def title_roles() -> dict[str, tuple[str, ...]]:
    """title noun -> role words it may refer back to ("the diplomat" -> secretary of state, ...)."""
    out = {}
    for lineno, f in _read_rows(DATA_DIR / "title_roles.tsv", ("title", "roles"), require_meta=True):
        if lineno:
            out[f[0].lower()] = tuple(r.strip().lower() for r in f[1].split("|") if r.strip())
    return out


def fits_title(title: str, role: Optional[str]) -> bool:
    """'the diplomat' fits a secretary of state; an unlisted title fits a role that contains it."""
    role = (role or "").lower()
    return any(r in role for r in title_roles().get(title, (title,)))


def _org_noun(tok) -> Optional[str]:
    """The sector when ``tok`` is a common noun describing an organisation, else None."""
    if tok.pos_ != "NOUN" or not tok.text[:1].islower():
        return None
    d = descriptors().get(tok.lemma_.lower()) or descriptors().get(tok.lower_)
    return d[1] if d and d[0] == "organisation" else None


def _phrase_start(head):
    """The first token of ``head``'s phrase, not reaching back over a line break or into another
    sentence (a headline's last word the parser hangs on the next line's subject)."""
    start = head.i
    for k in range(head.i - 1, head.left_edge.i - 1, -1):
        t = head.doc[k]
        if "\n" in t.text or "\n" in t.whitespace_ or t.sent.start != head.sent.start:
            break
        start = k
    return head.doc[start]


def _country_before(an, head) -> Optional[tuple[str, int, int]]:
    """The country word nearest before ``head`` in its phrase ("Russia's state-owned arms company")."""
    first = _phrase_start(head)
    for t in reversed(an.doc[first.i:head.i]):
        hit = an.state_mods.get(t.i)
        if hit:
            return hit[0], hit[2], hit[3]
    return None


def naming_description(an, ent) -> Optional[tuple[str, Optional[str], tuple[int, int]]]:
    """(sector, country, description span) when an appositive or title calls the name an organisation:
    "Russia's state-owned arms company, X", "X, a Swedish research institute", "the X newspaper"."""
    root = ent.root
    heads = [ch for ch in root.children if ch.dep_ == "appos" and ch.i >= ent.end]
    if root.dep_ == "appos" and root.head.i < ent.start:
        heads.insert(0, root.head)
    if root.dep_ == "compound" and root.head.i >= ent.end:
        heads.append(root.head)
    for h in heads:
        sector = _org_noun(h)
        if sector is None:
            continue
        hit = _country_before(an, h)
        return sector, hit[0] if hit else None, (_phrase_start(h).idx, h.idx + len(h.text))
    return None


def organisation_head(ent) -> Optional[str]:
    """The sector of a name headed by an organisation noun ("the Nordic Institute for Conflict Studies")."""
    r = ent.root
    d = descriptors().get(r.lower_)
    return d[1] if d and d[0] == "organisation" and r.text[:1].isupper() and r.i > ent.start else None


def group_head(tok):
    """'a team of Chinese engineers': the group noun whose members ``tok`` names, else None."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "of":
        return None
    h = tok.head.head
    d = descriptors().get(h.lower_) or descriptors().get(h.lemma_.lower())
    return h if d and d[0] == "group_head" and h.i < tok.i and h.pos_ == "NOUN" else None


def media_name(ent) -> bool:
    """The X Times / The Daily Y: the last word of the name is a newspaper's."""
    toks = [t for t in ent if not t.is_punct]
    if len(toks) < 2:
        return False
    d = descriptors().get(toks[-1].lower_)
    return bool(d and d[0] == "media_name") and all(t.text[:1].isupper() or t.lower_ == "the" for t in toks)


def reports(ent) -> bool:
    """The name is the subject of 'report'/'publish' ("X reported on Thursday")."""
    r = ent.root
    return r.dep_ == "nsubj" and r.head.lemma_.lower() in REPORT_LEMMAS


def resolve_descriptions(an, make_cand) -> None:
    """'the British newspaper', 'the Russian company': the nearest organisation named before that fits."""
    doc = an.doc
    for tok in doc:
        sector = _org_noun(tok)
        if sector is None or tok.tag_ != "NN":
            continue
        det = [ch for ch in tok.children if ch.dep_ == "det" and ch.lower_ in ("the", "this", "that")]
        if not det or tok.dep_ == "appos" or any(
                ch.dep_ in ("appos", "relcl", "acl") or (ch.dep_ == "prep" and ch.lower_ == "of")
                for ch in tok.children):
            continue
        if tok.head.dep_ == "appos" and tok.dep_ == "compound":
            continue
        s, e = det[0].idx, tok.idx + len(tok.text)
        hit = _country_before(an, tok)
        country = hit[0] if hit else None
        ante = _nearest_org(an, s, sector, country)
        if ante is None:
            continue
        if ante.how == "pending":
            ante = an.promote(ante, sector)
        if ante.country is None and country:
            for c in an.cands:
                if c.key == ante.key:
                    c.country = country
                    c.code = country + (c.sector or "")
        # the description replaces a nominal group read off its country word
        inside = [c for c in an.cands if c.start >= s and c.end <= e]
        if any(c.how not in ("nominal", "demonym") and c.key != ante.key
               and not (c.key[0] == "state" and c.country == country) for c in inside):
            continue
        an.cands = [c for c in an.cands if c not in inside]
        an.taken = [(a, b) for a, b in an.taken if not (a >= s and b <= e)]
        an._take(make_cand(ante, s, e))


def _nearest_org(an, before: int, sector: str, country: Optional[str]):
    si = an._sent_index(before)
    pool = [c for c in an.cands + an.pending if c.end <= before and c.how in ("name", "alias", "pending")
            and c.kind in ("organisation", "pending") and si - an._sent_index(c.start) <= 8]
    pool = sorted(pool, key=lambda c: c.start, reverse=True)
    if country:  # an organisation known to be of that country first ("the Russian company")
        same = next((c for c in pool if c.country == country and c.sector in (None, sector)), None)
        if same is not None:
            return same
    for c in pool:
        if c.sector not in (None, sector):
            continue
        if country and c.country not in (None, country):
            continue
        return c
    return None


def compass_state(an, tok) -> Optional[str]:
    """'the North' in a text that names North Korea: that state's iso3."""
    if tok.lower_ not in COMPASS or not tok.text[:1].isupper() or tok.is_sent_start and tok.i == 0:
        return None
    if not (tok.i > 0 and tok.nbor(-1).lower_ == "the"):
        return None
    if tok.i + 1 < len(tok.doc) and tok.nbor(1).pos_ == "PROPN":
        return None  # "the North Atlantic"
    isos = {c.country for c in an.cands if c.key[0] == "state" and c.country
            and an.kb.states[c.country].name.lower().startswith(tok.lower_ + " ")}
    return isos.pop() if len(isos) == 1 else None


JOINT_RE = None


def joint_mentions(an, kept: list, copy) -> list:
    """'the two countries', 'both governments': one mention for each of the two states named last before it."""
    import re
    global JOINT_RE
    if JOINT_RE is None:
        # ("the two sides"/"both parties" are left to the events stage, which takes the parties of the
        # meeting "between X and Y" they refer to)
        JOINT_RE = re.compile(r"\b(?:[Tt]he two|[Bb]oth(?: the)?)\s+(countries|nations|states|governments|"
                              r"neighbou?rs|capitals)\b")
    extra = []
    for m in JOINT_RE.finditer(an.text):
        s, e = m.start(), m.end()
        if any(c.start < e and s < c.end for c in kept):
            continue
        states_only = True
        si = an._sent_index(s)
        seen, pair = set(), []
        for c in sorted(kept, key=lambda c: c.start, reverse=True):
            if c.end > s or si - an._sent_index(c.start) > 3:
                continue
            if c.kind == "person" and states_only or (states_only and not c.country):
                continue
            ident = c.country if states_only else c.key
            if ident is None or ident in seen:
                continue
            seen.add(ident)
            pair.append(c)
            if len(pair) == 2:
                break
        if len(pair) == 2:
            for c in pair:
                if states_only and c.key != ("state", c.country) and c.country in an.kb.states:
                    # "the two countries" are the states, not the armies that acted
                    state = next((x for x in kept if x.key == ("state", c.country)), None)
                    c = state or type(c)(s, e, ("state", c.country), "coref", an.kb.states[c.country].name,
                                         "state", c.country, None, c.country, confidence=0.7)
                extra.append(copy(c, s, e))
    return extra
