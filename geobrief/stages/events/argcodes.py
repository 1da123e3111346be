"""Argument codes: one truth for who an event's participants are.

The events stage codes every argument span the actors stage left unresolved *while it builds the
brief* (:func:`code_free_arguments`): a span that is a place, or that a country/IGO name table or an
agent word codes, becomes an actor of the brief (a state, or a group named by the span with its
country and sector). Exports, the network and the scorer then read only the brief's actors
(:func:`argument_codes`): nothing resolves an argument on the side, and what the brief shows is
what is counted.
"""
from __future__ import annotations

import re
from typing import Optional

from ...knowledge import events as kb
from ...model import Actor, Brief, Event, Mention, Span
from ..actors.words import ATTITUDE_PREFIX

SECTOR_CODES = kb.SECTOR_WORDS
# sector -> actor kind for a group the events stage names from an argument span
GROUP_KIND = {"REB": "armed_group", "INS": "armed_group", "GOV": "organisation", "MIL": "organisation",
              "COP": "organisation", "JUD": "organisation", "LEG": "organisation", "SPY": "organisation",
              "BUS": "organisation", "EDU": "organisation", "IGO": "igo"}
FORCES = ("MIL", "COP", "SPY")
# unnamed targets of force that take the country of the place where it struck: things and civilians
# ("four children were killed in shelling in Gaza"), police, judges, lawmakers, and the local rebels,
# militants and protesters it was aimed at ("air strikes on militant targets in Somalia", "fired on
# demonstrators in Khartoum"); not soldiers or officials, who are often foreign
SITE_SECTORS = (None, "CVL", "COP", "REB", "INS", "OPP", "JUD", "LEG")


def site_coded(recip_args: list) -> bool:
    """Does a recipient of an act of force take its country from the place where it struck (an
    unnamed thing, civilian, policeman, judge, rebel, protester: :data:`SITE_SECTORS`)?"""
    for a in recip_args:
        if a.actor:
            continue
        code, country, sector = argument_code_for_text(a.span.text)
        if country is None and not code.startswith("IGO") and sector in SITE_SECTORS:
            return True
    return False


def _longer_place(name: str) -> bool:
    """A place name the gazetteer knows, and not as a country ("NEW MEXICO", "RHODE ISLAND")."""
    from ...knowledge import places as kp

    entries = kp.gazetteer().lookup(name.title())
    return bool(entries) and not any(e.kind == kp.COUNTRY for e in entries)


def argument_code_for_text(text: str) -> tuple[str, Optional[str], Optional[str]]:
    """CAMEO-style code for an argument phrase from the country/IGO name tables and agent words:
    (code, country, sector). Used by the events stage to code spans into the brief's actors."""
    up = re.sub(r"[’']s\b", "", text).upper()
    words = re.findall(r"[A-Z][A-Z.\-]*", up)
    country = None
    igo = None
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            w = " ".join(words[i:i + n])
            if country is None and w in kb.countries() and not (i and _longer_place(words[i - 1] + " " + w)):
                country = kb.countries()[w]  # (not the Mexico of "New Mexico governor")
            if igo is None and w in kb.IGO_NAMES:
                igo = kb.IGO_NAMES[w]
        if country or igo:
            break
    sector = None
    for w in reversed(text.lower().replace("'s", "").split()):
        w = w.strip(".,;:")
        if w.upper() in kb.countries() or w in ("united", "states"):
            continue
        base = w[:-1] if w.endswith("s") and w[:-1] in SECTOR_CODES else w
        if base in SECTOR_CODES:
            sector = SECTOR_CODES[base]
            break
    if igo and not country:
        return igo, None, "IGO"
    code = (country or "---") + (sector or "")
    if country is None and sector is None:
        code = "---"
    return code, country, sector


def _overlaps(m, sp: Span) -> bool:
    return m.start < sp.end and sp.start < m.end


def _next_actor_id(brief: Brief) -> str:
    nums = [int(a.id[1:]) for a in brief.actors if a.id[:1] == "A" and a.id[1:].isdigit()]
    return f"A{max(nums, default=0) + 1}"


def _state(brief: Brief, country: str) -> Optional[Actor]:
    """The brief's state actor for ``country``, added from the knowledge base when missing."""
    st = next((a for a in brief.actors if a.kind == "state" and a.country == country and a.sector in (None, "GOV")),
              None)
    if st is not None:
        return st
    from ...knowledge.actors import load_kb

    info = load_kb().states.get(country)
    if info is None:
        return None
    st = Actor(id=_next_actor_id(brief), name=info.name, kind="state", country=country, code=country, confidence=0.5)
    brief.actors.append(st)
    return st


def _group(brief: Brief, name: str, country: Optional[str], sector: Optional[str], code: str) -> Actor:
    """A group actor named by an argument span ("Tunisian rioters"), reused by name and code."""
    key = " ".join(name.lower().split())
    hit = next((a for a in brief.actors if a.code == code and " ".join(a.name.lower().split()) == key), None)
    if hit is not None:
        return hit
    kind = "igo" if code.startswith("IGO") else GROUP_KIND.get(sector or "", "other")
    a = Actor(id=_next_actor_id(brief), name=name, kind=kind, country=country, sector=sector, code=code,
              confidence=0.5)
    brief.actors.append(a)
    return a


def _add_mention(actor: Actor, sp: Span, how: str) -> None:
    if not any(m.start == sp.start and m.end == sp.end for m in actor.mentions):
        actor.mentions.append(Mention(sp.start, sp.end, sp.text, how=how))
        actor.mentions.sort(key=lambda m: m.start)


def _place_country(brief: Brief, sp: Span) -> Optional[str]:
    return next((pl.country for pl in brief.places if pl.country and any(_overlaps(m, sp) for m in pl.mentions)),
                None)


# unnamed groups that an act other than force aims at inside the actor's own country: "the government
# lifted restrictions on opposition outlets", "demanded that protesters leave the streets"
DOMESTIC_SECTORS = frozenset({"OPP", "JRN", "GOV", "LEG", "JUD", "COP", "PTY"})  # not civilians: often unstated


def domestic_home(brief: Brief, actor_args: list, start: int, end: int) -> Optional[str]:
    """The one country of an event's coded actors, when the sentence (``start``..``end``) names no
    other state: an unnamed group the act is aimed at is then of that country."""
    ids = {a.actor for a in actor_args if a.actor}
    homes = {a.country for a in brief.actors if a.id in ids and a.country}
    if len(homes) != 1:
        return None
    home = next(iter(homes))
    others = {a.country for a in brief.actors if a.country and a.country != home and a.kind == "state"
              and any(start <= m.start < end for m in a.mentions)}
    others |= {p.country for p in brief.places if p.country and p.country != home
               and any(start <= m.start < end for m in p.mentions)}
    return None if others else home


LOCATIVE_PREPS = frozenset({"in", "at", "near", "through", "across", "outside", "inside", "around", "along", "into"})


def _names_no_party(brief: Brief, sp: Span) -> bool:
    """Does the argument span name no party: no country, IGO or agent word, no place, no name, and
    not the object of a locative preposition ("protested in the capital": where, not at whom)?"""
    if argument_code_for_text(sp.text) != ("---", None, None) or _place_country(brief, sp):
        return False
    doc = brief.doc
    span = doc.char_span(sp.start, sp.end, alignment_mode="expand") if doc is not None else None
    if span is None or not len(span):
        return False
    head = span.root
    if any(t.pos_ == "PROPN" or t.ent_type_ in ("GPE", "LOC", "ORG", "NORP", "PERSON", "FAC") for t in span):
        return False
    return not (head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS)


def implicit_home_recipient(brief: Brief, cameo: str, actor_args: list, recip_args: list, start: int, end: int,
                            actor_ids: set) -> Optional[str]:
    """The actor's own state as the recipient of a domestic act that names none: a protest, a strike,
    a pledge of reform, a curfew ("Greek teachers went on hunger strike", "the junta imposed martial
    law"), whose CAMEO code is listed in ``domestic_codes.tsv``. Only with no recipient phrase at
    all, actors of one country and a sentence (``start``..``end``) that names no other state or
    place abroad (:func:`domestic_home`); the state joins the brief's actors (one truth). A recipient
    phrase that names no party (no actor, country or agent word, not a name, not where it happened:
    "threatened a general strike", "torched buses") leaves the act as unaddressed as none."""
    if not kb.domestic_code(cameo) or any(a.actor or not _names_no_party(brief, a.span) for a in recip_args):
        return None
    home = domestic_home(brief, actor_args, start, end)
    st = _state(brief, home) if home else None
    if st is None:
        return None
    actor_ids.add(st.id)
    return st.id


def code_free_arguments(brief: Brief, args: list, role: str, cameo: str, site: Optional[str],
                        source: Optional[str], actor_ids: set, mode: str = "asserted",
                        home: Optional[str] = None) -> None:
    """Give each argument no actor covers an actor of the brief, when its words say whose it is.

    In order: a country/IGO name or agent word in the span ("Tunisian rioters" TUNOPP, "the
    Rwandan capital" RWA); a place named in it (its state); unnamed civilian victims or sites of
    violence, the country of the place where it happened ("four children were killed in shelling in
    Gaza", not soldiers, who are often foreign); an official's bare "security forces", his own
    state's (``site``: the country where the event happened). A span with neither country nor IGO stays unresolved (no country in the brief). A
    negated or hypothetical act takes no country from a place: "Russia did not hold exercises in
    Alaska" is not an act towards the United States."""
    quad = kb.quad_class(cameo)
    counted_place = mode not in ("negated", "hypothetical")
    src = next((a for a in brief.actors if a.id == source), None) if source else None
    for a in args:
        if a.actor:
            continue
        sp = a.span
        words = sp.text
        if ATTITUDE_PREFIX.search(brief.article.text, max(0, sp.start - 6), sp.start) and " " in words:
            words = words.split(" ", 1)[1]  # "pro-Russia rebels": an attitude, not the rebels' country
        code, country, sector = argument_code_for_text(words)
        from_place = False
        if country is None and not code.startswith("IGO"):
            from_place = True
            if not counted_place:
                continue
            country = _place_country(brief, sp)
            if country is None and role == "recipient" and sector in SITE_SECTORS and quad == 4 and site:
                country = site
                sector = sector or "CVL"
            if country is None and role == "recipient" and home and sector in DOMESTIC_SECTORS and (
                    quad != 4 or kb.domestic_code(cameo, "group")):
                country = home  # "the Iranian government demanded that protesters leave": Iran's protesters
                # ("Israelis protested against the government's plans": a protest is no act of force)
            if country is None and role == "actor" and sector in FORCES and src is not None and \
                    src.sector in ("GOV", "MIL", "COP", "SPY"):
                country = src.country
            if country is None:
                continue
            code = country + (sector or "")
        if sector is None and country:
            actor = _state(brief, country)
            how = "place" if from_place else "demonym"  # a place standing for its state
        else:
            actor = _group(brief, sp.text, country, sector, code)
            how = "nominal"
        if actor is None:
            continue
        _add_mention(actor, sp, how)
        actor_ids.add(actor.id)
        a.actor = actor.id


def argument_codes(brief: Brief, ev: Event, role: str = "actor") -> list[dict]:
    """The participants of ``ev`` in ``role`` ("actor" | "recipient") as the brief shows them: one
    dict per argument span (name, actor id or None, code, country, sector, span), then the event's
    actors with no span of their own. A span no actor covers has code "---": the brief names no one
    for it, so no export or score gives it a country."""
    ids = ev.actor if role == "actor" else ev.recipient
    spans = ev.actor_spans if role == "actor" else ev.recipient_spans
    actors = [a for a in (brief.actor(i) for i in ids) if a is not None]
    out, used = [], set()
    for sp in spans:
        hit = next((a for a in actors if a.id not in used and any(_overlaps(m, sp) for m in a.mentions)), None)
        if hit is None:
            out.append({"name": sp.text, "actor": None, "code": "---", "country": None, "sector": None, "span": sp})
            continue
        used.add(hit.id)
        out.append(_row(hit, sp))
    # an actor the stage resolved by its own anaphora ("the delegation"), or with no span of its own
    spare = [a for a in actors if a.id not in used]
    for k, o in enumerate(out):
        if o["actor"] is None and spare:
            a = spare.pop(0)
            used.add(a.id)
            out[k] = _row(a, o["span"])
    out.extend(_row(a, None) for a in actors if a.id not in used)
    return out


def _row(a: Actor, sp: Optional[Span]) -> dict:
    code = a.code or ((a.country or "---") + (a.sector or ""))
    if a.kind == "igo" and not a.code:
        code = "IGO" + (a.sector or "")
    return {"name": a.name, "actor": a.id, "code": code, "country": a.country, "sector": a.sector, "span": sp}
