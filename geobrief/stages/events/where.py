"""Where an event happened, and the host state of an act directed at a place."""
from __future__ import annotations

from ...model import Actor, Mention, Span
from .argcodes import _next_actor_id, argument_code_for_text
from .syntax import _children, _crosses_paragraph, _lem, _preps
from .vocab import ATTACK_NOUNS, _misparsed_relative


# CAMEO roots of acts done to the country where they happen, when the place is the only recipient:
# a visit (042), inspection (09), protest (14), force posture (15), cuts in relations and travel
# advisories (16), coercion (17), assault and fighting (18-20). Not talks (04): a meeting in Doha
# is not an act towards Qatar.
HOST_TARGET_CODES = ("042", "09", "14", "15", "16", "17", "18", "19", "20")


# A war or conflict as the subject of a killing names where it happened, not who acted ("the war in
# Sudan has killed thousands"): the victims take the country of that place.
WAR_NOUNS = frozenset({"war", "conflict", "fighting", "violence", "insurgency", "hostilities", "clashes", "warfare"})


def war_subject(t, subj) -> bool:
    return subj is not None and subj.i != t.i and _lem(subj) in WAR_NOUNS


def scene_visitor(brief: Brief, idx, t, recips: list) -> list:
    """Who made a visit that sets the scene of a clause (:func:`vocab.visit_setting`): the clause's
    subject, when it is a known party with a country and that country is not among the
    destinations ("ministers pledged X a loan during a visit to Rome": the hosts, no visitor)."""
    from .arguments import _np_args, _subject

    s = _subject(t.head.head)
    if s is None or s.pos_ not in ("NOUN", "PROPN"):
        return []
    args = _np_args(brief, idx, s)
    own = {_arg_country(brief, a) for a in args}
    dest = {_arg_country(brief, r) for r in recips} | {
        pl.country for r in recips for pl in brief.places
        if any(m.start < r.span.end and r.span.start < m.end for m in pl.mentions)}
    if not args or None in own or own & dest:
        return []
    return args


def _arg_country(brief: Brief, a: Arg) -> Optional[str]:
    if a.actor:
        return next((x.country for x in brief.actors if x.id == a.actor), None)
    return argument_code_for_text(a.span.text)[1]


def _host_state_recipients(brief: Brief, d: Draft, actor_ids: set) -> None:
    """A recipient that is a place in another actor's country is that country's state, as an actor.

    "Russia is conducting military exercises in Alaska", "UN inspectors want to re-examine the
    refineries in Iran", "activists staged a protest in Beijing": the act is directed at the host
    state (the CAMEO convention: RUS 150 USA, IGO 09 IRN). When the place is the act's only
    recipient, the code is one of ``HOST_TARGET_CODES``, and every actor's country is known and
    differs from the place's (or the actors are international organisations), the state joins the
    brief's actors with a mention ``how="place"`` and confidence 0.5, and the event's recipient is
    that actor. A domestic act ("Pakistani police raided a house in Lahore") adds no actor: its
    place stays a place, coded only in exports."""
    if not d.actors or len(d.recipients) != 1 or d.recipients[0].actor or \
            d.mode.mode in ("negated", "hypothetical") or not d.cameo.startswith(HOST_TARGET_CODES):
        return
    countries = [_arg_country(brief, a) for a in d.actors]
    igo = all(not c and (argument_code_for_text(a.span.text)[0].startswith("IGO") or
                         any(x.id == a.actor and x.kind == "igo" for x in brief.actors))
              for a, c in zip(d.actors, countries))
    for r in d.recipients:
        if r.actor:
            continue
        pl = next((p for p in brief.places if p.country and any(
            m.start <= r.span.start and r.span.end <= m.end for m in p.mentions)), None)
        if pl is None or not (igo or (all(countries) and pl.country not in countries)):
            continue
        state = next((a for a in brief.actors if a.kind == "state" and a.country == pl.country
                      and a.sector in (None, "GOV")), None)
        if state is None:
            from ...knowledge.actors import load_kb

            st = load_kb().states.get(pl.country)
            if st is None:
                continue
            state = Actor(id=_next_actor_id(brief), name=st.name, kind="state", country=pl.country,
                          code=pl.country, confidence=0.5)
            brief.actors.append(state)
            actor_ids.add(state.id)
        if not any(m.start == r.span.start and m.end == r.span.end for m in state.mentions):
            state.mentions.append(Mention(r.span.start, r.span.end, r.span.text, how="place"))
            state.mentions.sort(key=lambda m: m.start)
        r.actor = state.id


def _clip_at_paragraph(text: str, sp: Span) -> Span:
    """An argument never runs over a paragraph break (a headline parsed together with the dateline
    below it: "Taliban foreign minister in Kabul / KABUL, Nov 12")."""
    cut = text.find("\n\n", sp.start, sp.end)
    if cut == -1:
        return sp
    end = len(text[sp.start:cut].rstrip()) + sp.start
    return Span.of(text, sp.start, end) if end > sp.start else sp


def _is_place(brief: Brief, sp: Span) -> bool:
    """The span is a place mention (and no more): "Peshawar", not "Peshawar police"."""
    return any(m.start <= sp.start and sp.end <= m.end for pl in brief.places for m in pl.mentions)


def _place_hit(brief: Brief, tok) -> Optional[str]:
    """Country of a place mention (from the places stage) covering ``tok``."""
    for pl in brief.places:
        if pl.country and any(m.start <= tok.idx < m.end for m in pl.mentions):
            return pl.country
    return None


def _place_for(brief: Brief, t, actors, recips) -> tuple[Optional[str], Optional[Span]]:
    if not brief.places:
        return None, None
    text = brief.article.text
    for x in _location_tokens(t):  # nearest location phrase first
        for pl in brief.places:
            for m in pl.mentions:
                # a destination can be recipient and place at once ("arrived in Kabul")
                if m.start <= x.idx < m.end:
                    return pl.id, Span.of(text, m.start, m.end)
    return None, None


def _site_country(brief: Brief, t) -> Optional[str]:
    """The country of the site the event's location phrase names, also when the name was read as
    a state's alias rather than a place ("in the centre of Kharkiv")."""
    for x in _location_tokens(t):
        for a in brief.actors:
            if a.country and (a.kind == "state" or a.code == a.country) and \
                    any(m.start <= x.idx < m.end for m in a.mentions):
                return a.country
    return None


def _location_tokens(t) -> list:
    """Tokens of the trigger's location phrases, nearest first (not across a paragraph break)."""
    cands = []
    holders = [t] + [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
    subj = [c for c in t.children if c.dep_ == "nsubj"]
    ante = t.head if t.dep_ == "relcl" else (_misparsed_relative(subj[0], t) if subj else None)
    if ante is not None and _lem(ante) in ATTACK_NOUNS:
        holders.append(ante)  # "a suicide bombing at a checkpoint in Jalalabad that killed 11"
    holders += [c for c in t.children if (c.dep_ == "nsubj" and _lem(c) in ATTACK_NOUNS | WAR_NOUNS) or
                (c.dep_ == "advcl" and c.lower_ in ATTACK_NOUNS)]  # "killed in Israeli tank shelling in Gaza"
    preps = ("in", "at", "near", "outside", "inside", "to", "into", "over")
    for h in holders:
        hp = preps + (("on",) if h.i != t.i and _lem(h) in ATTACK_NOUNS else ())  # "an attack on a checkpoint"
        for pobj in _preps(h, hp):
            cands.extend(_loc_tokens(pobj))
    # "holds talks with the Taliban foreign minister in Kabul": where the partner was met
    partners = [h for h in holders if _lem(h) in ("talk", "meeting", "meet", "hold", "sit", "discuss")]
    for h in partners:
        for pobj in _preps(h, ("with",)):
            for inner in _preps(pobj, ("in", "at")):
                cands.extend(_loc_tokens(inner))
    # "... in Kabul / KABUL -": the dateline of the next paragraph is not where it happened
    return [x for x in cands if not _crosses_paragraph(x, t)]


def _loc_tokens(pobj, depth: int = 0) -> list:
    """The tokens of a location phrase: its head, name parts, and nested "of / in / near" phrases
    ("the east of the Gaza Strip", "the outskirts of Jalalabad", "the foreign ministry in central
    Kabul"); not clauses or modifiers ("Israeli shelling", "a meeting focused on Americans")."""
    out = [pobj]
    for c in pobj.children:
        if c.dep_ in ("compound", "nmod", "poss", "appos"):
            out.extend(x for x in c.subtree if x.dep_ not in ("amod", "relcl", "acl", "prep", "pobj") or x is c)
        elif c.dep_ == "prep" and c.lower_ in ("of", "in", "on", "near", "outside", "inside") and depth < 3:
            for g in _children(c, "pobj"):
                out.extend(_loc_tokens(g, depth + 1))
    return out
