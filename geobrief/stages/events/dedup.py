"""Merging and counting: participant keys, folded visits, background and participant-less events."""
from __future__ import annotations

from typing import Optional

from .argcodes import argument_code_for_text, argument_codes
from .arguments import SIDES
from .syntax import _lem


def _key(brief, args: list[Arg]) -> frozenset:
    """Participants as codes, so that "the Taliban" in a headline and "Muttaqi, the Taliban's
    foreign minister" in the body (both AFGGOV) count as the same side of one event."""
    out = set()
    for a in args:
        act = brief.actor(a.actor) if a.actor else None
        if act is not None:
            out.add(act.code or ((act.country or "") + (act.sector or "")) or act.id)
        else:
            out.add(argument_code_for_text(a.span.text)[0])
    return frozenset(out)


def _in_headline(text: str, start: int) -> bool:
    """Is ``start`` in a headline: a short first paragraph (under 300 characters)?"""
    first = text.find("\n\n")
    return 0 <= start < first < 300


def _other_occasion(text_a: Optional[str], text_b: Optional[str], date_a: Optional[str], date_b: Optional[str]) -> bool:
    """Two mentions dated by different words ("in March" / "after a test in January") are two
    occasions even when an undated article leaves the dates unresolved; the same resolved date
    is one."""
    if date_a and date_b:
        return date_a != date_b
    return bool(text_a and text_b and text_a != text_b)


VISIT_CODES = ("042",)


def _fold_visits(brief, drafts: list["Draft"]) -> list["Draft"]:
    """"arrived in Kabul and held talks with Muttaqi", "landed in Kabul and sat down with Muttaqi",
    "held talks with Muttaqi during a visit to Kabul": one meeting. A visit conjoined with a meeting of the same actors is folded into the meeting,
    which takes the visit's place and date when it has none of its own."""
    out = []
    for d in drafts:
        t = d.match.trigger
        if d.cameo in VISIT_CODES:
            meet = next((m for m in drafts if m is not d and m.plover == "CONSULT" and m.cameo not in ("042", "043")
                         and m.mode.mode == d.mode.mode
                         and ((m.match.trigger.dep_ == "conj" and m.match.trigger.head.i == t.i) or
                              (t.dep_ == "conj" and t.head.i == m.match.trigger.i) or
                              (t.dep_ == "pobj" and t.head.head.i == m.match.trigger.i))  # "talks during a visit"
                         and _key(brief, m.actors) == _key(brief, d.actors)), None)
            if meet is not None:
                if meet.place is None:
                    meet.place, meet.place_span = d.place, d.place_span
                if meet.date is None:
                    meet.date, meet.date_span = d.date, d.date_span
                continue
        out.append(d)
    return out
GENERIC_PERSONS = frozenset({"you", "we", "i", "one", "us", "me", "anyone", "someone", "nobody", "everyone"})


def _no_participant(d: "Draft") -> bool:
    """True when the event is nobody's: no participant resolved by the actors stage, and either
    only generic persons ("you", "we") or, for a non-asserted event, nothing with a country or a
    sector word ("You cannot negotiate with wolves")."""
    args = list(d.actors) + list(d.recipients)
    if any(a.actor for a in args):
        return False
    if any(a.span is not None and SIDES.match(a.span.text) for a in args):
        return False  # "the two sides", "neither side": the parties of a particular dispute or talks
    if d.place is not None and not args and d.mode.mode != "asserted":
        return False  # "No agreement was reached at talks in Doha": a particular, located occasion
    if all(a.span is None or a.span.text.lower() in GENERIC_PERSONS for a in args):
        return True
    # an asserted attack by "gunmen" stays; a denied or supposed act of nobody in particular does not
    return d.mode.mode != "asserted" and all(
        a.span is None or argument_code_for_text(a.span.text)[0] == "---" for a in args)


# Background: an event recalled in a relative clause in the perfect ("the group that has seized
# parts of Iraq", "Yaish, who had been arrested 15 months ago") or in a clause that dates the news
# by an earlier event ("two weeks after rebels kidnapped peacekeepers"). It stays in the brief as
# evidence but, as in CAMEO practice (code the reported event), is not counted (< 0.5).
BACKGROUND_CONFIDENCE = 0.45


def _unlocated(brief: Brief, ev: Event) -> bool:
    """No participant with a country (or an international organisation / group code) and no place
    with a country: "A protestor demolished the building", "Yaish had been arrested". Such an event
    stays in the brief as evidence but cannot be placed in any dyad, so it is not counted."""
    codes = [a["code"] or "---" for role in ("actor", "recipient") for a in argument_codes(brief, ev, role)]
    if any(c[:3] != "---" for c in codes):
        return False
    return not any(pl.id == ev.place and pl.country for pl in brief.places)


def _background_relative(t) -> bool:
    return t.dep_ == "relcl" and any(c.dep_ == "aux" and _lem(c) == "have" for c in t.children)


BACKGROUND_MODS = {"earlier", "previous", "past", "prior", "former"}
BACKGROUND_ADVS = {"previously", "repeatedly", "formerly"}


def _background_perfect(t, pub: Optional[dt.date]) -> bool:
    """A present perfect that sums up the past, not today's news: "have released several foreign
    detainees since returning to power in 2021", "has mediated several earlier contacts", "has
    repeatedly accused". Not "have launched strikes since Monday" (a since-phrase with no earlier year)."""
    if not any(c.dep_ == "aux" and _lem(c) == "have" and c.tag_ in ("VBZ", "VBP") for c in t.children):
        return False
    kids = list(t.children)
    if any(c.dep_ == "advmod" and c.lower_ in BACKGROUND_ADVS for c in kids):
        return True
    if any(m.dep_ == "amod" and m.lower_ in BACKGROUND_MODS for o in kids if o.dep_ in ("dobj", "nsubjpass")
           for m in o.children):
        return True
    year = pub.year if pub is not None else None
    for c in kids:
        if c.lower_ == "since" and c.dep_ in ("prep", "mark"):
            scope = c.subtree
        elif c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in c.children):
            scope = c.subtree
        else:
            continue
        if any(x.like_num and len(x.text) == 4 and x.text.isdigit() and (year is None or int(x.text) < year)
               for x in scope):
            return True
    return False


def _past_purpose(t) -> bool:
    """The purpose of a past presence ("was officially there to discuss detained Americans", "were in
    Kabul to negotiate"): an infinitive under a past-tense "be" says why someone was there, not a
    further event."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children) and t.dep_ in ("advcl", "xcomp") \
        and _lem(t.head) == "be" and t.head.tag_ == "VBD"


def _clip_to_paragraph(text: str, start: int, end: int, at: int) -> tuple[int, int]:
    """The evidence sentence, cut at line breaks (a headline the parser glued to the first paragraph)."""
    seg_start = text.rfind("\n", start, at)
    seg_end = text.find("\n", at, end)
    s = seg_start + 1 if seg_start >= 0 else start
    e = seg_end if seg_end >= 0 else end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
