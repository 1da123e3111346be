"""Events stage: who did what to whom, where and when, coded in PLOVER and CAMEO, with modes.

Extraction runs over the dependency parse of each sentence:

* a trigger is a verb (or, in a few licensed positions, an event noun) whose lemma and
  dependents match a row of ``knowledge/events/patterns.tsv`` (the project's own table, which
  overrides) or, for verbs, of ``phoenix_verbs.tsv`` (the Phoenix CAMEO.2.0 verb dictionary compiled
  by :func:`knowledge.events.compile_phoenix`; a ``[---]`` row there is an explicit non-event, and a
  dictionary trigger counts only with a known actor and a known recipient); light-verb constructions
  ("held talks with", "imposed sanctions on", "carried out strikes") are rows that require
  an object lemma; an event noun in any position counts when its phrase names both parties
  ("the Russian invasion of Ukraine");
* the actor is the subject (inherited through xcomp / purpose clauses / conjoined verbs /
  relative clauses, taken from the ``by`` agent in the passive); the recipient fills the
  pattern's slots (object, indirect object, a preposition on the verb or on its object); a threat,
  demand or refusal with no addressee of its own takes it from the act it governs;
  conjoined noun phrases stay together as one compound actor (PLOVER style, no dyad explosion);
* each argument noun phrase is mapped to ``brief.actors`` by overlapping mention offsets; an
  argument no actor covers is coded by the stage itself when its words, a place in it or the
  site of the violence say whose it is, and then joins ``brief.actors`` (``argcodes.py``): the
  brief, its exports, the network and the scorer all read the same actors (one truth);
* the mode comes from negation, modals, conditionals, governing verbs of intention, denial,
  fear and saying, purpose clauses and the event's date (see :func:`_mode`); priority is
  negated > hypothetical > future > historical > attributed > asserted;
* dates attached to the trigger are resolved against ``brief.article.published``;
* mentions of the same event within an article are merged (same type and CAMEO root, participant
  codes, mode — asserted and attributed count as one, so a headline and the body sentence it
  summarises are one event —, compatible dates); the merged event takes a place or date that only
  a later mention gives. A visit conjoined with a meeting of the same actor ("arrived in Kabul and
  held talks with Muttaqi", "landed in Kabul and sat down with Muttaqi") is one meeting: the visit
  (042) is folded into it and lends it its place. A bare definite phrase ("the delegation") that
  no actor covers takes the actor of an earlier phrase with the same head noun;
* not counted (confidence below 0.5, ``BACKGROUND_CONFIDENCE``; kept in the brief as evidence):
  events the article recalls as background — a relative clause in the perfect ("the group that
  has seized parts of Iraq"), a clause dating the news by an earlier event ("two weeks after
  rebels kidnapped peacekeepers") — and events that no participant or place locates in any
  country ("a protester smashed a window"). A generalisation with a quantified, unnamed actor
  ("recognised by only a handful of states") is not an event;
* unnamed civilian victims or sites of violence (no country of their own) take the country of the
  place where the violence happened; a claim of responsibility for an attack takes as recipient
  the first participant or place named inside the attack phrase, and the claimant becomes the
  actor of that attack when the text names no other (on its word: attributed, confidence 0.6);
  "blown up by a missile fired by
  X" makes X the actor and the code military (19x);
* speech acts that CAMEO codes as events of their own are added: "X said/claimed/alleged that Y
  attacked Z" (preposed) gives X ACCUSE Y (112), or a claim of responsibility (015) when X is Y;
  "X refused to / said it would not <cooperate>" gives X REJECT (12x); "X wants Y to <act>" gives
  X REQUEST Y (02x). The embedded event keeps its own mode; when the claim was coded, its
  confidence is 0.45 (``EMBEDDED_CONFIDENCE``) so that counts can follow the CAMEO convention;
* stated intentions ("wants to", "pledged to", "agreed to", "X said it will") keep the action's
  PLOVER type with mode "future", and take the CAMEO code of the intention: 03x for cooperation,
  138 for force; "agreed/threatened/asked to <act>" is one event on the governing verb, coded by
  what is agreed, threatened or asked for.

Quad class convention: GDELT 1.0 / PHOX four-way classes without a neutral class:
1 verbal cooperation (CAMEO roots 01-05), 2 material cooperation (06-08), 3 verbal conflict
(09-13), 4 material conflict (14-20). 14 PROTEST is counted as material conflict, as in GDELT.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

from ...knowledge import events as kb
from ...model import Actor, Brief, Event, Mention, Span
from ...pipeline import stage
from .argcodes import _next_actor_id, argument_code_for_text, argument_codes, code_free_arguments  # noqa: F401

from .syntax import (  # noqa: F401
    INSTRUMENTS, intent_code, request_code, threat_code, OBJECT_CONTROL, OCCUR, RELPRON,
    ARG_SKIP_DEPS, _is_pron, _lem, _is_verb, _children, _passive, _reduced_relative, _obj, _preps,
    _word_in, _crosses_paragraph, _in_dateline, DATELINE, _dateline_span, _sent_bounds, _sent_of,
)
from .dates import (  # noqa: F401
    resolve_date, _date_ents,
)
from .modes import (  # noqa: F401
    ModeInfo, _local_modal, _mode,
)


# ---------------------------------------------------------------------------- patterns
@dataclass
class Match:
    pattern: kb.Pattern
    trigger: object  # spaCy token
    obj: object = None  # object token that the pattern required (light verbs)
    end_tok: object = None  # last token of the trigger span


def _conds_ok(t, p: kb.Pattern):
    """(True, required object token or None) when token ``t`` meets every condition of ``p``."""
    obj = None
    for kind, vals in p.require:
        if kind == "obj":
            o = _obj(t) if p.pos == "VERB" else None
            if o is None and p.pos == "VERB" and t.dep_ == "relcl" and _word_in(t.head, vals) and \
                    not any(c.lower_ in RELPRON and c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
                o = t.head  # "an accusation the Taliban deny": the object is the noun the clause modifies
            if o is None or not _word_in(o, vals):
                # "launched a series of attacks": look one "of" deeper
                deeper = [] if o is None else [g for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                                               for g in _children(c, "pobj") if _word_in(g, vals)]
                if not deeper:
                    return False, None
                o = deeper[0]
            obj = o
        elif kind == "prep":
            holders = [t] + ([obj] if obj is not None else [])
            if not any(c.dep_ in ("prep", "agent", "dative") and c.lower_ in vals for h in holders for c in h.children):
                return False, None
        elif kind == "prt":
            if not any(c.dep_ == "prt" and c.lower_ in vals for c in t.children):
                return False, None
        elif kind == "part":  # a particle or a preposition on the verb ("meet with", "back down")
            if not any(c.dep_ in ("prt", "prep", "agent", "dative") and c.lower_ in vals for c in t.children):
                return False, None
        elif kind == "mod":  # a modifier of the required object ("humanitarian aid", "no troops")
            if obj is None or not any(_word_in(c, vals) for c in obj.children if c.i < obj.i):
                return False, None
        elif kind.startswith("pp:"):  # "(IN &DISPUTE)": the preposition and its noun
            holders = [t] + ([obj] if obj is not None else [])
            if not any(c.dep_ in ("prep", "agent", "dative") and c.lower_ == kind[3:] and
                       any(_word_in(g, vals) for g in _children(c, "pobj"))
                       for h in holders for c in h.children):
                return False, None
        elif kind == "as":  # "would regard any return ... as unacceptable": the judgement after "as"
            if not any(c.dep_ == "prep" and c.lower_ == "as" and any(_word_in(g, vals) for g in c.subtree)
                       for c in t.children):
                return False, None
        elif kind == "xcomp":
            xs = _children(t, "xcomp", "ccomp")
            if not xs or not any(_word_in(x, vals) for x in xs):
                return False, None
    return True, obj


_PHOENIX_KEYS: dict = {}


def _phoenix_candidates(key, pats: list, t) -> list:
    """The dictionary rows of a lemma that can match ``t``: those whose first condition's words
    occur within three levels below it (an inverted index per lemma), and the bare row; in order."""
    inv = _PHOENIX_KEYS.get(key)
    if inv is None:
        inv = ({}, [])
        for i, p in enumerate(pats):
            conds = [vals for kind, vals in p.require if kind != "xcomp" and "*" not in vals]
            if not conds:
                inv[1].append(i)
                continue
            for w in conds[0]:
                inv[0].setdefault(w, []).append(i)
        _PHOENIX_KEYS[key] = inv
    if not inv[0]:
        return [pats[i] for i in inv[1]]
    hits = set(inv[1])
    for w in _near_words(t):
        got = inv[0].get(w)
        if got:
            hits.update(got)
    return [pats[i] for i in sorted(hits)]


def _near_words(t) -> set:
    """Lemmas and lower-case forms of the tokens two levels below ``t``, and three through an "of"
    ("a series of attacks") -- where a dictionary row's object, particle or prepositional noun is."""
    out = set()
    for c in t.children:
        out.add(c.lemma_.lower())
        out.add(c.lower_)
        for g in c.children:
            out.add(g.lemma_.lower())
            out.add(g.lower_)
            if g.lower_ == "of":
                for h in g.children:
                    out.add(h.lemma_.lower())
                    out.add(h.lower_)
    return out


def _match(t) -> Optional[Match]:
    """The first pattern ``t`` meets: the project's own table first (it overrides), then the
    compiled Phoenix CAMEO.2.0 verb dictionary, where an explicit non-event row ([---]) stops."""
    if _is_verb(t):
        key = (_lem(t), "VERB")
        layers = (kb.patterns().get(key, []), kb.phoenix_patterns().get(key, []))
    elif t.pos_ in ("NOUN", "PROPN"):
        pats = kb.patterns()
        layers = (pats.get((_lem(t), "NOUN"), []) or pats.get((t.lower_, "NOUN"), []),)
    else:
        return None
    if len(layers) > 1 and layers[1]:
        layers = (layers[0], _phoenix_candidates(key, layers[1], t))
    for cands in layers:
        for p in cands:
            ok, obj = _conds_ok(t, p)
            if not ok:
                continue
            if p.cameo == "---":
                return None  # "- * RUN-OFF [---]": the dictionary says this is no event
            end = t
            if "wide" in p.flags and obj is not None and obj.i > t.i and obj.i - t.i <= 6:
                end = obj
            prts = [c for c in t.children if c.dep_ == "prt" and c.i > end.i and c.i - t.i <= 3]
            if any(kind in ("prt", "part") for kind, _ in p.require) and prts:
                end = prts[0]
            return Match(p, t, obj, end)
    return None


def _any_coded(brief: Brief, args: list) -> bool:
    """Does any argument name a known participant (an actor, a coded name, a place with a country)?"""
    return any(a.actor or argument_code_for_text(a.span.text)[1] or
               argument_code_for_text(a.span.text)[0].startswith("IGO") or
               any(pl.country and any(m.start < a.span.end and a.span.start < m.end for m in pl.mentions)
                   for pl in brief.places) for a in args)


def _nominal_licensed(t, p: kb.Pattern) -> bool:
    """Event nouns count as subjects of an occurrence verb or when a participant is named; in any
    other position ("during his visit to Beirut", "condemned the Russian attack on Kyiv", "called
    for sanctions against Iran" is not one: no actor) only when the noun phrase names both who acts
    (possessor, demonym, "by") and whom it is directed at (a recipient preposition of the row)."""
    if t.dep_ in ("nsubj", "nsubjpass"):
        return _lem(t.head) in OCCUR or bool(_noun_actor_tokens(t))
    if t.dep_ not in ("dobj", "pobj", "attr", "appos", "conj", "ROOT"):
        return False
    return bool(_noun_actor_tokens(t)) and any(
        c.dep_ == "prep" and c.lower_ in p.recipient and _children(c, "pobj") for c in t.children)


def _noun_actor_tokens(t):
    """Tokens naming who carries out a nominal event: possessor, demonym adjective, agent 'by'."""
    out = []
    for c in t.children:
        if c.dep_ == "poss" and not _is_pron(c):
            out.append(c)
        elif c.dep_ in ("amod", "compound") and c.text.upper() in kb.countries():
            out.append(c)
        elif c.dep_ == "compound":  # "Israeli tank shelling"
            out.extend(g for g in c.children if g.dep_ in ("amod", "compound") and g.text.upper() in kb.countries())
    out.extend(_preps(t, ("by",)))
    if not out and _lem(t) in INSTRUMENTS:
        # "a missile (believed to be) fired by pro-Russia rebels": who used the weapon
        for v in _children(t, "acl"):
            for w in [v] + _children(v, "xcomp"):
                if _is_verb(w) and _lem(w) in WEAPON_USE:
                    out.extend(_preps(w, ("by",)))
    return out


WEAPON_USE = {"fire", "launch", "shoot", "drop", "use", "deploy", "detonate", "plant"}
MILITARY_WEAPONS = (({"missile", "missiles", "rocket", "rockets", "airstrike", "airstrikes", "drone", "drones",
                      "warplane", "warplanes", "jet", "jets", "bomber", "bombers", "helicopter", "helicopters"}, "195"),
                    ({"artillery", "tank", "tanks", "shell", "shells", "shelling", "mortar", "mortars", "howitzer"},
                     "194"))


BOMBING_NOUNS = {"bombing", "bomb", "blast", "explosion", "bomber"}


def _bombing_recode(m: "Match", cameo: str) -> str:
    """Killing done by a bombing is a bombing (CAMEO 183): "a suicide bombing ... that killed 11"
    -> 1831, a car bomb -> 1832, a roadside bomb -> 1833. Only for the generic killing codes (19x
    with no weapon of its own, 18x unspecified) and only when the bombing is the clause's own
    antecedent, subject or "in/by" instrument."""
    if cameo not in ("190", "180", "18", "19") or m.pattern.plover != "ASSAULT":
        return cameo
    t = m.trigger
    subj = _children(t, "nsubj")
    ante = _misparsed_relative(subj[0], t) if subj else None  # "a suicide bombing ... that killed 11"
    nouns = [x for x in ([t.head] if t.dep_ == "relcl" else []) + subj + ([ante] if ante is not None else [])
             + _preps(t, ("in", "by")) if _lem(x) in BOMBING_NOUNS or x.lower_ in BOMBING_NOUNS]
    if not nouns:
        return cameo
    mods = {c.lower_ for n in nouns for c in n.subtree if c.i < n.i}
    if "suicide" in mods:
        return "1831"
    if "car" in mods or "truck" in mods or "vehicle" in mods:
        return "1832"
    if "roadside" in mods or "improvised" in mods or "ied" in mods:
        return "1833"
    return "183"


def _military_recode(m: "Match", cameo: str) -> str:
    """A bombing (18x) carried out with a military weapon ("blown up by a missile") is military
    force (19x): 195 aerial weapons, 194 artillery and tanks."""
    if not cameo.startswith("18") or m.pattern.pos != "VERB":
        return cameo
    t = m.trigger
    words = {x.lower_ for x in _preps(t, ("by", "with"))} | {_lem(x) for x in _preps(t, ("by", "with"))}
    for keys, code in MILITARY_WEAPONS:
        if words & keys:
            return code
    return cameo


# ---------------------------------------------------------------------------- arguments
@dataclass
class Arg:
    span: Span
    actor: Optional[str] = None  # actor id


class ActorIndex:
    """Actor mentions by character offset."""

    def __init__(self, actors: list[Actor]):
        self.items = [(m.start, m.end, a.id) for a in actors for m in a.mentions]
        self.items.sort()

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, str]]:
        return [it for it in self.items if it[0] < end and start < it[1]]


def _np_tokens(head) -> list:
    """The core tokens of a noun phrase: head plus modifiers, without clauses, conjuncts
    or prepositional phrases other than 'of' / 'from'."""
    toks = [head]
    stack = [head]
    while stack:
        h = stack.pop()
        for c in h.children:
            # kept despite their dependency: "of"/"from" phrases of the head, and conjoined
            # modifiers with their "and" ("Turkish and Iraqi ministers")
            keep = (c.dep_ == "prep" and c.lower_ in ("of", "from") and h.i == head.i and _children(c, "pobj")) \
                or (c.dep_ == "conj" and c.pos_ == "ADJ" and h.i != head.i) or (c.dep_ == "cc" and h.i != head.i)
            if c.dep_ in ARG_SKIP_DEPS and not keep:
                continue
            toks.append(c)
            stack.append(c)
    toks.sort(key=lambda x: x.i)
    return toks


def _resolve_np(brief: Brief, idx: ActorIndex, head) -> list[Arg]:
    """Map one noun-phrase head to actors by mention overlap (several when the phrase coordinates)."""
    text = brief.article.text
    # relative pronoun -> the noun the clause modifies
    if head.lower_ in RELPRON and head.head.dep_ == "relcl":
        head = head.head.head
    head = _past_dateline(head)
    toks = _cut_dateline(_np_tokens(head), head)
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
    # trim leading determiners / punctuation
    while toks and toks[0].pos_ in ("DET", "PUNCT") and toks[0].i != head.i:
        toks = toks[1:]
    if toks:
        start = toks[0].idx
    hits = idx.overlapping(start, end)
    appos = _children(head, "appos")
    if not hits and appos:
        a = appos[0]
        at = _np_tokens(a)
        hits = idx.overlapping(at[0].idx, at[-1].idx + len(at[-1]))
        if hits:
            end = max(end, at[-1].idx + len(at[-1]))  # "the US commander, General Petraeus"
    if hits:
        ids = []
        spans = {}
        head_hit = [h for h in hits if h[0] <= head.idx < h[1]]
        mods = [c for c in head.children if c.dep_ in ("compound", "amod", "poss", "nmod")]
        mod_hit = [h for h in hits if any(h[0] <= c.idx < h[1] for c in mods)]
        coordinated = any(t.dep_ == "cc" for t in toks)
        chosen = hits if coordinated else (head_hit[:1] or mod_hit[:1] or hits[-1:])
        for s, e, aid in chosen:
            if aid not in ids:
                ids.append(aid)
                spans[aid] = (s, e)
        if len(ids) == 1 and not coordinated:
            return [Arg(Span.of(text, start, end), ids[0])]
        return [Arg(Span.of(text, *spans[a]), a) for a in ids]
    # no actor: "the delegation" after "a US delegation led by ..." is the same participant
    ante = _definite_antecedent(idx, head, toks)
    if ante is not None:
        return [Arg(Span.of(text, start, end), ante)]
    # no actor: the whole phrase, or one span per coordinated demonym in it
    if any(t.dep_ == "cc" for t in toks):
        dem = [t for t in toks if t.i != head.i and t.text.upper() in kb.countries()]
        if len(dem) > 1:
            return [Arg(Span.of(text, t.idx, t.idx + len(t))) for t in dem]
    return [Arg(Span.of(text, start, end))]


def _definite_antecedent(idx: "ActorIndex", head, toks) -> Optional[str]:
    """The actor of an earlier noun phrase with the same head noun, for a bare definite phrase
    ("the delegation") that no actor covers: "A US delegation arrived ... The delegation met ...".
    Only within the preceding three sentences, only when that phrase named exactly one actor."""
    if head.pos_ != "NOUN" or [t.i for t in toks if t.pos_ not in ("DET", "PUNCT")] != [head.i] or \
            [c.lower_ for c in head.children if c.dep_ == "det"] != ["the"]:
        return None
    doc = head.doc
    for k in range(head.i - 1, _lookback_start(head) - 1, -1):
        c = doc[k]
        if c.pos_ != "NOUN" or _lem(c) != _lem(head):
            continue
        ct = [x for x in _np_tokens(c) if x.i <= c.i]
        hits = {h[2] for h in idx.overlapping(ct[0].idx, c.idx + len(c))}
        return hits.pop() if len(hits) == 1 else None
    return None


def _cut_dateline(toks: list, head) -> list:
    """Drop a dateline ("KABUL -", "JALALABAD, Afghanistan, Nov 18 -") glued to a noun phrase."""
    cut = [t for t in toks if t.i < head.i and (t.text in ("-", "–", "—", ":") or "\n" in t.text)]
    if cut:
        last = max(t.i for t in cut)
        toks = [t for t in toks if t.i > last] or toks
    span = _dateline_span(head)
    if span:
        dash_char = span[1]
        if head.idx >= dash_char:
            toks = [t for t in toks if t.idx >= dash_char] or toks
    return toks




def _past_dateline(head):
    """When the parser made a dateline word ("KABUL - US officials ...") the head of the subject,
    move to the noun phrase that follows the dateline dash."""
    span = _dateline_span(head)
    if not span:
        return head
    dash_char = span[1]
    if head.idx >= dash_char:
        return head
    after = [t for t in head.subtree if t.idx >= dash_char]
    if not after:
        return head
    ids = {t.i for t in after}
    roots = [t for t in after if t.head.i not in ids and t.pos_ in ("NOUN", "PROPN")]
    return roots[0] if roots else head


def _segments(head) -> list[list]:
    """Split a coordinated noun phrase ("the US, Russia, and Switzerland", "US and British
    activists") into its members, robust to the small parser's attachment errors."""
    skip = set()
    for t in head.subtree:
        if t.i != head.i and t.dep_ in ("relcl", "acl", "advcl", "prep") and t.lower_ not in ("of",):
            skip.update(x.i for x in t.subtree)
    toks = [t for t in head.subtree if t.i not in skip]
    if not any(t.dep_ == "cc" and t.lower_ in ("and", "or") for t in toks):
        return []
    segs, cur = [], []
    for t in toks:
        if (t.dep_ == "cc" and t.lower_ in ("and", "or")) or t.text == ",":
            if cur:
                segs.append(cur)
            cur = []
            continue
        cur.append(t)
    if cur:
        segs.append(cur)
    segs = [sg for sg in segs if sg]
    good = [sg for sg in segs if any(t.pos_ == "PROPN" or t.text.upper() in kb.countries() for t in sg)]
    if len(segs) < 2 or len(good) != len(segs):
        return []
    return segs


def _np_args(brief, idx, head) -> list[Arg]:
    """Arguments for a noun phrase and its conjuncts ("the US and Pakistan")."""
    if _in_dateline(head) and _past_dateline(head).i == head.i:
        return []
    if head.lower_ in RELPRON and head.head.dep_ == "relcl":
        head = head.head.head
    segs = _segments(head)
    if segs:
        text = brief.article.text
        out = []
        for sg in segs:
            while sg and sg[0].pos_ in ("DET", "PUNCT"):
                sg = sg[1:]
            if not sg:
                continue
            st, en = sg[0].idx, sg[-1].idx + len(sg[-1])
            hits = idx.overlapping(st, en)
            out.append(Arg(Span.of(text, st, en), hits[0][2] if hits else None))
        return out
    heads = [head] + [c for c in head.conjuncts if c.i > head.i]
    out: list[Arg] = []
    for h in heads:
        if h.pos_ in ("VERB", "AUX") or h.lower_ in ("one", "other", "each"):
            continue
        for a in _resolve_np(brief, idx, h):
            if not any(a.span.start == b.span.start for b in out):
                out.append(a)
    return out


def _subject(t, depth: int = 0):
    """The agent of verb ``t``: its own subject or one inherited from a governing clause."""
    if depth > 6:
        return None
    subj = [c for c in t.children if c.dep_ in ("nsubj", "csubj")]
    if subj:
        before = [c for c in subj if c.i < t.i]
        s = before[-1] if before else subj[0]  # "KABUL - US officials held": the nearer subject
        if s.lower_ in RELPRON and t.dep_ == "relcl":
            return t.head
        ante = _misparsed_relative(s, t)
        return ante if ante is not None else s
    if _passive(t):
        ag = _preps(t, ("by",))
        return ag[0] if ag else None
    h = t.head
    if _crosses_paragraph(t, h):
        return None
    if t.dep_ == "xcomp" or (t.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)):
        if _lem(h) in OBJECT_CONTROL:
            o = _children(h, "dobj")
            if o:
                return o[0]
            if _passive(h):
                sp = _children(h, "nsubjpass")
                if sp:
                    return sp[0]
        if _passive(h):
            ag = _preps(h, ("by",))
            if ag and t.dep_ == "xcomp":
                return ag[0]
            sp = _children(h, "nsubjpass")
            return sp[0] if sp else None
        return _subject(h, depth + 1)
    if t.dep_ == "conj" or (t.dep_ == "advcl" and t.tag_ == "VBG"):
        return _subject(h, depth + 1)
    if t.dep_ == "acl" and t.tag_ in ("VBG",):
        return h
    if t.dep_ in ("pcomp",) and h.dep_ == "prep":
        return _subject(h.head, depth + 1) if _is_verb(h.head) else None
    return None


def _misparsed_relative(s, t):
    """"a suicide bombing at a checkpoint in Jalalabad on Tuesday that killed 11 people": a relative
    clause the parser attached as a complement elsewhere. Its "that"/"which" subject stands for the
    nearest attack noun before it in the same clause (no verb in between)."""
    if s.tag_ != "WDT" or t.dep_ == "relcl" or s.i > t.i:
        return None
    for k in range(s.i - 1, _sent_of(s).start - 1, -1):
        x = s.doc[k]
        if _is_verb(x):
            return None
        if x.pos_ == "NOUN" and _lem(x) in ATTACK_NOUNS:
            return x
    return None


def _antecedent(pron, t):
    """Resolve a subject pronoun to the subject of the governing saying/intention verb."""
    cur = t
    for _ in range(6):
        if cur.head.i == cur.i:
            break
        h = cur.head
        subj = [c for c in h.children if c.dep_ in ("nsubj",) and not _is_pron(c)]
        if subj and cur.dep_ in ("ccomp", "xcomp", "advcl", "conj"):
            return subj[0]
        cur = h
    return None


# ---------------------------------------------------------------------------- building events
@dataclass
class Draft:
    match: Match
    actors: list[Arg]
    recipients: list[Arg]
    mode: ModeInfo
    sent: object
    date: Optional[str] = None
    date_span: Optional[Span] = None
    place: Optional[str] = None
    place_span: Optional[Span] = None
    cameo: str = ""
    plover: str = ""
    confidence: float = 0.8


AID_KIND = (
    ({"weapon", "weapons", "arms", "ammunition", "missile", "missiles", "military", "equipment", "tank",
      "tanks", "training"}, "072"),
    ({"food", "humanitarian", "medical", "medicine", "shelter", "relief", "tents"}, "073"),
    ({"loan", "loans", "money", "funds", "funding", "economic", "billion", "million", "fuel", "$", "financial"}, "071"),
    ({"asylum", "refuge"}, "075"),
)


def _refine(match: Match, recips: list[Arg]) -> str:
    p = match.pattern
    code = p.cameo
    obj = match.obj if match.obj is not None else (_obj(match.trigger) if p.pos == "VERB" else None)
    if p.plover == "AID" and code in ("070", "033") and obj is not None:
        words = {x.lower_ for x in obj.subtree} | {_lem(obj)}
        for keys, c in AID_KIND:
            if words & keys:
                code = c if code == "070" else {"072": "0332", "073": "0333", "071": "0331", "075": "033"}[c]
                break
    if p.plover == "CONCEDE" and code == "085" and match.obj is not None:
        words = {x.lower_ for x in match.obj.subtree}
        if not words & {"economic", "sanction", "sanctions", "embargo", "boycott", "trade"}:
            code = "081"
    return code


def _recipient_heads(match: Match, subj_tok) -> list:
    t = match.trigger
    p = match.pattern
    heads = []
    obj = _obj(t) if p.pos == "VERB" else None
    holders = [t] + ([match.obj] if match.obj is not None else ([obj] if obj is not None else []))
    for slot in p.recipient:
        if slot == "obj":
            if obj is not None and (subj_tok is None or obj.i != subj_tok.i):
                # "endorsed an agreement with the EU": the partner, not the document
                # but "supported any engagement with the Taliban": a generic object names no partner
                generic = any(c.dep_ == "det" and c.lower_ in ("any", "all", "every", "no") for c in obj.children)
                inner = _preps(obj, ("with", "against", "on")) if obj.pos_ == "NOUN" and not generic and \
                    argument_code_for_text(" ".join(x.text for x in _np_tokens(obj)))[0] == "---" else []
                heads.extend(inner or [obj])
        elif slot == "iobj":
            heads.extend(c for c in t.children if c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN", "PRON"))
        elif slot == "ccomp":
            for c in _children(t, "ccomp"):
                heads.extend(_children(c, "nsubj", "nsubjpass"))
        else:
            hs = holders + ([t.head] if p.pos == "NOUN" and _lem(t.head) in OCCUR | {"take"} else [])
            for h in hs:
                heads.extend(_preps(h, (slot,)))
        if heads:
            break
    # a passive participle acl: the modified noun is the patient
    return [h for h in heads if h.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "X")]


ADDRESSED = ("THREATEN", "REQUEST", "REJECT")
EMBEDDED_PREPS = ("with", "against", "on", "to", "from", "of", "into", "for")


def _embedded_recipients(brief, idx, t, actors: list) -> list:
    """The addressee of a threat, demand or refusal named only inside what is threatened, demanded
    or refused: "threatened to downgrade relations with Azerbaijan", "demanded that Belarus seal the
    border" (the subject of a that-clause), "refused to hand back a captured South Korean ship".
    The first participant of the embedded clause that names a known party other than the actor."""
    own = {a.actor or a.span.text.lower() for a in actors}
    for x in _children(t, "xcomp", "ccomp"):
        if not _is_verb(x):
            continue
        heads = _children(x, "nsubj", "nsubjpass") if x.dep_ == "ccomp" else []
        heads += _children(x, "dobj", "dative")
        for h in [x] + _children(x, "dobj"):
            for pobj in _preps(h, EMBEDDED_PREPS):
                heads.append(pobj)
                heads.extend(_preps(pobj, ("with", "of", "in", "against")))
        for h in heads:
            if _is_pron(h) or h.pos_ not in ("NOUN", "PROPN"):
                continue
            args = [a for a in _np_args(brief, idx, h) if (a.actor or a.span.text.lower()) not in own]
            if args and _any_coded(brief, args):
                return args
    return []


def _arguments(brief, idx, match: Match):
    t = match.trigger
    p = match.pattern
    if p.pos == "NOUN":
        actor_toks = _noun_actor_tokens(t)
        subj = None
    else:
        subj = _subject(t)
        actor_toks = [subj] if subj is not None else []
        # "killed in an Israeli strike": the actor of the nominal instrument
        if not actor_toks and _passive(t):
            for pobj in _preps(t, ("in", "during")):
                if _lem(pobj) in INSTRUMENTS:
                    actor_toks = _noun_actor_tokens(pobj)
                    if actor_toks:
                        break
    if actor_toks and _lem(actor_toks[0]) in ATTACK_NOUNS and p.plover == "ASSAULT":
        actor_toks = _noun_actor_tokens(actor_toks[0])  # "the attack that killed 58": who attacked, if named
    if actor_toks and _is_pron(actor_toks[0]):
        ante = _antecedent(actor_toks[0], t)
        if ante is not None:
            actor_toks = [ante]
    recip_heads = _recipient_heads(match, subj)
    if "inverse" in p.flags:
        actor_toks, recip_heads = _preps(t, ("from",)) or ([] if match.obj is None else _preps(match.obj, ("from",))), actor_toks
    actor_toks = [_codable_inside(brief, idx, a) for a in actor_toks]
    actors: list[Arg] = []
    for a in actor_toks:
        if (a.lower_ in RELPRON and a.head.dep_ != "relcl") or a.lower_ in ("you", "one"):
            continue
        if _is_pron(a) and not idx.overlapping(a.idx, a.idx + len(a)):
            continue  # an unresolved pronoun names nobody
        actors.extend(_np_args(brief, idx, a))
    if not actor_toks and _passive(t) and p.plover == "ASSAULT":
        actor_toks = _preps(t, ("from",))[:1]  # "a mortar was fired at Israel from Gaza"
        actors = []
        for a in actor_toks:
            actors.extend(_np_args(brief, idx, a))
    recips: list[Arg] = []
    for r in recip_heads:
        # an uncodable thing ("unrest", "travel", "shootings") -> where or whom it concerns
        core = _np_tokens(r)
        if r.pos_ == "NOUN" and not idx.overlapping(core[0].idx, core[-1].idx + len(core[-1])) and \
                argument_code_for_text(" ".join(x.text for x in _np_tokens(r)))[0] == "---" and not _place_hit(brief, r):
            inner = _preps(r, ("in", "to", "against", "of", "on", "for"))
            inner = [x for x in inner if x.pos_ == "PROPN" or argument_code_for_text(x.text)[0] != "---"
                     or _place_hit(brief, x)]
            if not inner and _lem(r) in ATTACK_NOUNS:
                inner = _attack_target(brief, idx, r)
            if inner:
                r = inner[0]
        if r.lower_ in ("themselves", "itself", "himself", "herself"):
            continue
        if _is_pron(r):
            ante = _antecedent(r, t)
            if ante is None:
                continue
            r = ante
        recips.extend(_np_args(brief, idx, r))
    # a recipient that is the actor itself ("agreed with each other") is dropped
    akeys = {(a.actor or a.span.text.lower()) for a in actors}
    recips = [r for r in recips if (r.actor or r.span.text.lower()) not in akeys or "self" in p.flags]
    return actors, recips


ATTACK_NOUNS = INSTRUMENTS | {"bombing", "shooting", "killing", "massacre", "blast", "explosion", "ambush",
                              "kidnapping", "abduction", "assassination", "hijacking"}


def _attack_target(brief, idx, noun) -> list:
    """"responsibility for a deadly attack targeting non-Muslims at a mall in Kenya's capital":
    the first participant named inside the attack phrase (its target, or where it struck), searched
    breadth-first through its modifiers (targeting / at / in / on / against), at most four links deep."""
    frontier = [noun]
    for _ in range(4):
        nxt = []
        for h in frontier:
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in ("at", "in", "on", "against", "near", "inside", "outside"):
                    nxt.extend(_children(c, "pobj"))
                elif c.dep_ == "acl" and _is_verb(c):
                    nxt.extend(_children(c, "dobj"))
                    nxt.extend(g for p in _children(c, "prep") if p.lower_ in ("at", "in", "on", "against")
                               for g in _children(p, "pobj"))
        for g in nxt:
            core = _np_tokens(g)
            if idx.overlapping(core[0].idx, core[-1].idx + len(core[-1])) or _place_hit(brief, g) or \
                    argument_code_for_text(" ".join(x.text for x in core))[1] is not None:
                return [g]
        frontier = nxt
    return []


def _claimed_perpetrators(brief: Brief, drafts: list[Draft]) -> None:
    """"ISKP claimed responsibility for a suicide bombing that killed 11 people": the attack inside
    the claim had no actor of its own; the claimant is its actor, on the claimant's word. The
    attack becomes attributed (its source whoever reports the claim, else the claimant) and
    its confidence is capped at 0.6: a claim of responsibility is not proof."""
    claims = [d for d in drafts if d.cameo == "015" and d.actors and d.mode.mode not in ("negated", "hypothetical")]
    for d in drafts:
        if d.cameo[:2] not in ("18", "19", "20") or any(
                a.actor or (argument_code_for_text(a.span.text)[0] != "---" and not _is_place(brief, a.span))
                for a in d.actors):
            continue  # the attack has an actor of its own ("a market" or "Peshawar" that killed is none)
        for c in claims:
            t = c.match.trigger
            if d.match.trigger.i > t.i and d.match.trigger in t.subtree:
                d.actors = list(c.actors)
                if c.mode.mode == "attributed" and c.mode.source is not None:
                    # "ISKP claimed responsibility for a bombing that killed 11, Taliban officials said":
                    # the attack and its toll are on the word of whoever reports the claim
                    d.mode = dataclasses.replace(d.mode, mode="attributed", source=c.mode.source)
                elif d.mode.mode == "asserted":
                    d.mode = dataclasses.replace(d.mode, mode="attributed", source=next(
                        (x for x in t.children if x.dep_ == "nsubj"), None))
                d.confidence = min(d.confidence, 0.6)
                break


def _self_announced(mi: ModeInfo, actors: list[Arg]) -> bool:
    """"Obama and Putin said they will attack Iraq": a source announcing its own action."""
    if mi.source is None or not actors:
        return False
    src = {x.idx for x in mi.source.subtree}
    return any(a.span.start in src for a in actors)


def _codable_inside(brief: Brief, idx: "ActorIndex", head):
    """"A report released in the Rwandan capital alleged ...": when the agent phrase names no actor
    and no country, the one it cites (by / from / in / of) stands for it."""
    if head.pos_ != "NOUN" or idx.overlapping(head.idx, head.idx + len(head)):
        return head
    if argument_code_for_text(" ".join(x.text for x in _np_tokens(head)))[0] != "---":
        return head
    frontier = [head]
    for _ in range(3):
        nxt = []
        for h in frontier:
            for c in h.children:
                if c.dep_ in ("acl", "prep") and (c.dep_ == "acl" or c.lower_ in ("by", "from", "in", "of")):
                    for g in ([c] if c.dep_ == "acl" else _children(c, "pobj")):
                        if g.dep_ == "pobj" and (idx.overlapping(g.idx, g.idx + len(g)) or
                                                argument_code_for_text(" ".join(x.text for x in _np_tokens(g)))[0] != "---"):
                            return g
                        nxt.append(g)
        frontier = nxt
    return head


# CAMEO roots of acts done to the country where they happen, when the place is the only recipient:
# a visit (042), inspection (09), protest (14), force posture (15), cuts in relations and travel
# advisories (16), coercion (17), assault and fighting (18-20). Not talks (04): a meeting in Doha
# is not an act towards Qatar.
HOST_TARGET_CODES = ("042", "09", "14", "15", "16", "17", "18", "19", "20")


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
    holders += [c for c in t.children if (c.dep_ == "nsubj" and _lem(c) in ATTACK_NOUNS) or
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


def _contexts(sent) -> list[str]:
    ctx = kb.contexts()
    out = []
    for tok in sent:
        c = ctx.get(tok.lower_) or ctx.get(_lem(tok))
        if c and c not in out:
            out.append(c)
    return out


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


@stage("events", requires=("actors",), reads=("places",), assigns=("events",),
       components=("parser", "lemmatizer", "ner"))
def events(brief: Brief) -> Brief:
    """Extract who did what to whom, with PLOVER/CAMEO codes and modes."""
    doc = brief.doc
    if doc is None:
        return brief
    text = brief.article.text
    idx = ActorIndex(brief.actors)
    pub = brief.article.published_date()
    actor_ids = {a.id for a in brief.actors}
    drafts: list[Draft] = []
    for sent in doc.sents:
        matches = []
        for t in sent:
            m = _match(t)
            if m is None:
                continue
            if m.pattern.pos == "NOUN" and not _nominal_licensed(t, m.pattern):
                continue
            matches.append(m)
        # the object noun of a light verb is not an event of its own
        used_objs = {m.obj.i for m in matches if m.obj is not None}
        matches = [m for m in matches if m.trigger.i not in used_objs]
        by_i = {m.trigger.i: m for m in matches}
        fold: dict[int, Match] = {}
        keep = []
        for m in matches:
            t = m.trigger
            if t.dep_ in ("acl", "pcomp", "amod", "csubj") or _reduced_relative(t):
                continue  # participial modifiers and gerunds in adjuncts describe, they do not report
            if _past_purpose(t):
                continue  # "was officially there to discuss detained Americans": why someone was there
            if t.dep_ == "relcl" and not any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in RELPRON
                                             for c in t.children) and not (m.obj is not None and m.obj.i == t.head.i):
                continue  # "the men they fought": an object relative clause is background (but "an
                # accusation the Taliban deny" is the Taliban's denial: the pattern needs that very noun)
            h = by_i.get(t.head.i) if t.head.i != t.i else None
            if h is not None and m.pattern.pos == "NOUN" and t.dep_ in ("nsubj", "nsubjpass") and \
                    h.pattern.plover == m.pattern.plover:
                continue  # "an Israeli strike killed five": one attack, coded on the verb
            if h is not None and t.dep_ == "advcl" and t.tag_ == "VBG" and h.pattern.plover == m.pattern.plover:
                continue  # "bombarded ..., killing eight": one attack
            if h is not None and t.dep_ in ("advcl", "xcomp") and m.pattern.plover == h.pattern.plover == "CONSULT":
                continue  # "met ... to discuss efforts": the purpose of the meeting is the same meeting
            if h is not None and t.dep_ in ("xcomp", "ccomp") and _lem(h.trigger) in ("agree", "threaten"):
                fold[h.trigger.i] = m
                continue
            if h is not None and h.pattern.plover == "REQUEST" and (t.dep_ in ("xcomp", "ccomp") or (
                    t.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children))):
                fold[h.trigger.i] = m  # "asked Obama to help Iran": what is requested is not an event
                continue
            keep.append(m)
        sent_drafts = []
        for m in keep:
            t = m.trigger
            ents = _date_ents(t, sent)
            if not ents and t.dep_ == "conj":
                ents = _date_ents(t.head, sent)
            if not ents and not _is_verb(t):
                ents = _date_ents(t.head, sent)
            date = None
            date_span = None
            date_last = None
            yearonly = False
            future_hint = _local_modal(t) == "future"
            for ent in ents:
                iso, last = resolve_date(ent.text, pub, future=future_hint)
                if iso:
                    date, date_last = iso, last
                    date_span = Span.of(text, ent.start_char, ent.end_char)
                    yearonly = len(iso) <= 7 and "W" not in iso
                    break
                mm = re.search(r"\b(\d+)\s+months\s+ago\b", ent.text.lower())
                if re.search(r"\b(years?|decades?)\s+ago\b", ent.text.lower()) or (mm and int(mm.group(1)) >= 12):
                    date_span = Span.of(text, ent.start_char, ent.end_char)
                    date_last = (pub or dt.date.today()) - dt.timedelta(days=366)
                    yearonly = True
            mi = _mode(t, date_last, pub, yearonly)
            if mi.threat:
                continue  # the threat itself is coded on the governing verb
            if m.pattern.cameo == "043" and _obj(t) is not None and _lem(_obj(t)) in NOT_A_VISIT:
                continue  # "Qatar hosts the Taliban's political office": an institution, not a visit
            if m.pattern.cameo == "0841" and _obj(t) is not None and _lem(_obj(t)) in NOT_A_RELEASE:
                continue  # "police released a timeline": a publication, not a release of persons
            if _lem(t) == "engage" and not any(_lem(x) in FIGHT_WORDS or x.lower_ in FIGHT_WORDS
                                               for x in _preps(t, ("in",))):
                continue  # "engaged in talks / conduct" is not fighting
            actors, recips = _arguments(brief, idx, m)
            if not recips and m.pattern.plover in ADDRESSED and t.i not in fold and \
                    not any(x.i in by_i for x in _children(t, "xcomp", "ccomp")):
                # (a refused or wished act that is an event itself is coded by _derived_speech_act)
                recips = _embedded_recipients(brief, idx, t, actors)
            if "phoenix" in m.pattern.flags and not (_any_coded(brief, actors) and _any_coded(brief, recips)):
                continue  # a dictionary trigger needs a known actor and a known recipient from the parse
            if len(actors) == 1 and actors[0].actor is None and SIDES.match(actors[0].span.text) and \
                    not actors[0].span.text.lower().startswith(("neither", "either", "each", "other")):
                actors = _sides_antecedent(brief, idx, t) or actors  # "the two sides did not discuss"
            if any(a.actor is None and GENERIC_QUANTIFIED.match(a.span.text) for a in actors):
                continue  # "recognised by only a small number of countries": a generalisation, no actor
            subj_tok = _subject(t) if m.pattern.pos == "VERB" else None
            if m.pattern.plover in ("ASSAULT", "COERCE") and subj_tok is not None and \
                    any(_lem(x) in NON_AGENTS for x in _np_tokens(subj_tok)):
                continue  # "an outbreak of plague has killed 200 people": no one acted
            if _lem(t) in ("ask",) and _obj(t) is not None and _lem(_obj(t)) in ("question", "questions"):
                continue  # "asks the question" is rhetoric, not a request
            if mi.mode in ("asserted", "attributed", "historical", "future") and not any(
                    a.actor or argument_code_for_text(a.span.text)[0] != "---" for a in actors + recips):
                continue  # a counted event needs a known participant; an uncounted one is kept as evidence
            if mi.mode in ("asserted", "attributed", "historical") and not recips and len(actors) < 2 and \
                    kb.quad_class(m.pattern.cameo) in (1, 2, 3) and m.pattern.plover not in ("AGREE", "THREATEN", "RETREAT") and \
                    m.pattern.cameo != "016" and t.i not in fold:
                continue  # "asked not to be named": a verbal event without an addressee is not coded
                # (a denial is: "the Taliban denied the reports" answers whoever made them)
            d = Draft(m, actors, recips, mi, sent, date, date_span)
            d.cameo = _bombing_recode(m, _military_recode(m, _refine(m, recips)))
            d.plover = m.pattern.plover
            inner = fold.get(t.i)
            if inner is not None:
                icode = _refine(inner, [])
                if d.plover == "THREATEN":
                    d.cameo = threat_code(icode)
                elif d.plover == "REQUEST":
                    d.cameo = request_code(d.cameo, icode)
                else:
                    d.cameo = intent_code(icode)
                if not d.recipients:
                    d.recipients = _arguments(brief, idx, inner)[1] or (
                        _embedded_recipients(brief, idx, t, actors) if d.plover in ADDRESSED else [])
            elif mi.mode == "future" and (mi.intent or _self_announced(mi, actors)):
                d.cameo = intent_code(d.cameo)
            if d.recipients and d.actors and "recip" not in m.pattern.flags and \
                    {argument_code_for_text(a.span.text)[0] for a in d.actors if not a.actor} == \
                    {argument_code_for_text(a.span.text)[0] for a in d.recipients if not a.actor} != {"---"} and \
                    not any(a.actor for a in d.actors + d.recipients):
                continue  # "France ... by alleging Paris ...": an actor does not act on itself
            _recode_by_participants(d)
            if d.plover == "ASSAULT" and _obj(t) is not None and _lem(_obj(t)) in VERBAL_TARGETS:
                d.cameo, d.plover = "111", "ACCUSE"  # "attacking the credibility of": a verbal attack
            d.place, d.place_span = _place_for(brief, t, actors, recips)
            resolved = sum(1 for a in actors + recips if a.actor)
            d.confidence = round(min(0.95, 0.55 + 0.15 * resolved + (0.1 if actors else 0)
                                     - (0.1 if m.pattern.pos == "NOUN" else 0)), 2)
            if "background" in mi.flags or _background_relative(t):
                d.confidence = min(d.confidence, BACKGROUND_CONFIDENCE)
            if d.mode.mode in ("asserted", "attributed") and _background_perfect(t, pub):
                d.mode.mode = "historical"  # "have released several detainees since 2021"
                d.confidence = min(d.confidence, BACKGROUND_CONFIDENCE)
            sent_drafts.append(d)
            derived = _derived_speech_act(brief, idx, d)
            if derived is not None:
                sent_drafts.append(derived)
        sent_drafts = _fold_visits(brief, sent_drafts)
        drafts.extend(sent_drafts)
        drafts.extend(_derived_accusations(brief, idx, sent_drafts, text))
        _claimed_perpetrators(brief, sent_drafts)
    # merge mentions of the same event
    out: list[Event] = []
    seen: dict[tuple, Event] = {}
    for d in drafts:
        # a headline states as fact what the body attributes: one event, counted once
        mclass = "reported" if d.mode.mode in ("asserted", "attributed") else d.mode.mode
        key = (d.plover, d.cameo[:2], _key(brief, d.actors), _key(brief, d.recipients), mclass)
        prev = seen.get(key)
        if prev is not None and (prev.date is None or d.date is None or prev.date == d.date):
            best = max(prev.confidence, d.confidence)
            prev.confidence = round(min(0.99, best + (0.05 if best >= 0.5 else 0)), 2)
            if prev.date is None and d.date:
                prev.date, prev.date_span = d.date, d.date_span
            if prev.place is None and d.place:
                prev.place, prev.place_span = d.place, d.place_span
            if _in_headline(text, prev.evidence.start) and not _in_headline(text, d.sent.start_char):
                # the headline summarises; the body sentence states the event with its details
                t0, e0 = d.match.trigger, d.match.end_tok or d.match.trigger
                b0, b1 = _clip_to_paragraph(text, d.sent.start_char, d.sent.end_char, t0.idx)
                prev.evidence, prev.trigger = Span.of(text, b0, b1), Span.of(text, t0.idx, e0.idx + len(e0))
            continue
        if _no_participant(d):
            continue  # "You cannot negotiate with wolves": a maxim, not an event of anyone's
        _host_state_recipients(brief, d, actor_ids)
        t = d.match.trigger
        end_tok = d.match.end_tok or t
        s_start, s_end = _clip_to_paragraph(text, d.sent.start_char, d.sent.end_char, t.idx)
        src = None
        if d.mode.source is not None:
            src_args = _np_args(brief, idx, d.mode.source)
            src = next((a.actor for a in src_args if a.actor), None)
        site = next((pl.country for pl in brief.places if pl.id == d.place), None) if d.place else None
        site = site or _site_country(brief, d.match.trigger)
        code_free_arguments(brief, d.actors, "actor", d.cameo, site, src, actor_ids, d.mode.mode)
        code_free_arguments(brief, d.recipients, "recipient", d.cameo, site, src, actor_ids, d.mode.mode)
        ev = Event(
            id=f"E{len(out) + 1}",
            actor=[a.actor for a in d.actors if a.actor and a.actor in actor_ids],
            recipient=[a.actor for a in d.recipients if a.actor and a.actor in actor_ids],
            plover=d.plover,
            mode=d.mode.mode,
            evidence=Span.of(text, s_start, s_end),
            trigger=Span.of(text, t.idx, end_tok.idx + len(end_tok)),
            cameo=d.cameo,
            root_code=d.cameo[:2],
            quad_class=kb.quad_class(d.cameo),
            goldstein=kb.goldstein(d.cameo),
            place=d.place,
            date=d.date,
            context=_contexts(d.sent),
            source=src if d.mode.mode == "attributed" else None,
            actor_spans=[_clip_at_paragraph(text, a.span) for a in d.actors],
            recipient_spans=[_clip_at_paragraph(text, a.span) for a in d.recipients],
            place_span=d.place_span,
            date_span=d.date_span,
            confidence=d.confidence,
        )
        # dedupe ids within lists, keep order
        ev.actor = list(dict.fromkeys(ev.actor))
        ev.recipient = list(dict.fromkeys(ev.recipient))
        if _unlocated(brief, ev):
            ev.confidence = min(ev.confidence, BACKGROUND_CONFIDENCE)
        out.append(ev)
        seen[key] = ev
    brief.events = out
    return brief


def _in_headline(text: str, start: int) -> bool:
    """Is ``start`` in a headline: a short first paragraph (under 300 characters)?"""
    first = text.find("\n\n")
    return 0 <= start < first < 300


GENERIC_QUANTIFIED = re.compile(
    r"(?i)^(?:only\s+)?(?:a\s+)?(?:(?:small|large|growing|handful|number|few|many|several|some|most|no|any|other|"
    r"majority|minority|dozen|of)\s+)+(?:countries|states|nations|governments|capitals)$")
def _lookback_start(tok, sentences: int = 3) -> int:
    """The first token of the sentence ``sentences`` before ``tok``'s own (where an antecedent is sought)."""
    sents = _sent_bounds(tok.doc)
    here = next((k for k, (a, b) in enumerate(sents) if a <= tok.i < b), 0)
    return sents[max(0, here - sentences)][0]


def _sides_antecedent(brief, idx, t) -> list:
    """"the two sides" / "both sides": the two parties of the nearest earlier "between X and Y"
    ("Wednesday's meeting between Muttaqi and the American delegation"), within three sentences.
    The arguments keep the antecedent's spans (real mentions of the two parties)."""
    doc = t.doc
    for k in range(t.i - 1, _lookback_start(t) - 1, -1):
        b = doc[k]
        if b.lower_ != "between" or b.dep_ != "prep":
            continue
        for pobj in _children(b, "pobj"):
            args = _np_args(brief, idx, pobj)
            coded = [a for a in args if a.actor or argument_code_for_text(a.span.text)[0] != "---"]
            if len(args) == 2 and len(coded) == 2:
                return args
        return []
    return []


VISIT_CODES = ("042",)


def _fold_visits(brief, drafts: list["Draft"]) -> list["Draft"]:
    """"arrived in Kabul and held talks with Muttaqi", "landed in Kabul and sat down with Muttaqi":
    one meeting. A visit conjoined with a meeting of the same actors is folded into the meeting,
    which takes the visit's place and date when it has none of its own."""
    out = []
    for d in drafts:
        t = d.match.trigger
        if d.cameo in VISIT_CODES:
            meet = next((m for m in drafts if m is not d and m.plover == "CONSULT" and m.cameo not in ("042", "043")
                         and m.mode.mode == d.mode.mode
                         and ((m.match.trigger.dep_ == "conj" and m.match.trigger.head.i == t.i) or
                              (t.dep_ == "conj" and t.head.i == m.match.trigger.i))
                         and _key(brief, m.actors) == _key(brief, d.actors)), None)
            if meet is not None:
                if meet.place is None:
                    meet.place, meet.place_span = d.place, d.place_span
                if meet.date is None:
                    meet.date, meet.date_span = d.date, d.date_span
                continue
        out.append(d)
    return out


SIDES = re.compile(r"(?i)^(?:the\s+)?(?:(?:two|both|either|neither|each|other|opposing|warring)\s+)?(?:sides?|parties)$")
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


# An event known only from inside someone's claim or accusation ("X said that Y attacked Z"),
# where the claim itself is coded as an event (X ACCUSE Y), carries this confidence; counts that
# follow the CAMEO convention of coding the speech act leave such events out.
EMBEDDED_CONFIDENCE = 0.45
REFUSE_ROOT = {"04": "125", "05": "120", "06": "121", "07": "122", "08": "124", "03": "120"}
REFUSE_SPECIFIC = {"0841": "1243", "0842": "1243", "084": "1243", "085": "1244", "081": "1241", "087": "1246"}
NOT_A_RELEASE = {"report", "statement", "timeline", "data", "figure", "detail", "information", "document",
                 "video", "footage", "album", "film", "book", "update", "version", "list", "result", "finding",
                 "record", "transcript", "budget", "image", "photo", "photograph", "picture", "game", "product",
                 "song", "single", "memo", "letter", "paper", "study", "survey", "poll", "tape", "recording",
                 "audio", "name", "balloon", "gas", "pressure", "energy", "emission", "tension"}
NON_AGENTS = {"outbreak", "plague", "disease", "virus", "crash", "accident", "storm", "earthquake", "flood",
              "fire", "blast", "explosion", "heat", "cold", "famine", "drought", "hurricane", "cyclone",
              "landslide", "avalanche", "illness", "cancer", "epidemic", "pandemic", "overdose", "tornado",
              "typhoon", "wildfire", "collapse", "infection", "lightning"}
FIGHT_WORDS = {"firefight", "fighting", "clash", "clashes", "battle", "battles", "gunfight", "combat",
               "hostilities", "skirmish", "skirmishes", "shootout", "exchange", "fire", "gunbattle"}
VERBAL_TARGETS = {"credibility", "policy", "decision", "remark", "claim", "plan", "record", "statement",
                  "comment", "idea", "report", "media", "press", "legitimacy", "integrity", "character",
                  "reputation", "view", "speech", "proposal", "bill", "law", "deal", "agreement", "argument",
                  "position", "stance", "approach", "leadership", "motive", "judgment", "judgement", "ruling"}
NOT_A_VISIT = {"office", "base", "embassy", "headquarters", "refugee", "camp", "troop", "population",
               "museum", "festival", "exhibition", "website", "show", "program", "programme"}
OPP_WORDS = {"protester", "protesters", "protestor", "protestors", "demonstrator", "demonstrators", "rioter",
             "rioters", "activist", "activists", "opposition"}


def _sector_words(args: list[Arg]) -> set[str]:
    return {w.lower().strip(".,") for a in args for w in a.span.text.split()}


def _recode_by_participants(d: "Draft") -> None:
    """CAMEO distinctions that depend on who acts: property destroyed by protesters is a violent
    protest (145); force used on protesters is repression (175)."""
    if d.cameo in ("1712", "1711", "171") and _sector_words(d.actors) & OPP_WORDS:
        d.cameo, d.plover = "145", "PROTEST"
    elif d.plover == "ASSAULT" and d.cameo[:2] in ("18", "19") and _sector_words(d.recipients) & OPP_WORDS:
        d.cameo, d.plover = "175", "COERCE"


def _derived_speech_act(brief, idx, d: "Draft") -> Optional["Draft"]:
    """The speech act around an uncounted event, which CAMEO codes as an event of its own:
    "Obama wants Putin to attack X" = Obama appeals to Putin (02x); "Mali refused to release the
    soldiers" / "said it would not provide support" = a refusal (12x)."""
    mi = d.mode
    if mi.wisher is not None and d.actors:
        w = mi.wisher
        subj = _children(w, "nsubj")
        if not subj:
            return None
        srcs = _np_args(brief, idx, subj[0])
        pat = kb.Pattern(_lem(w), "VERB", (), "REQUEST", "020", (), frozenset())
        nd = Draft(Match(pat, w), srcs, d.actors, _mode(w, None, None, False), d.sent)
        nd.cameo, nd.plover, nd.confidence = request_code("020", d.cameo), "REQUEST", 0.6
        return nd if nd.mode.mode in ("asserted", "attributed") else None
    if mi.refusal is not None and d.plover not in ("ASSAULT", "COERCE", "SANCTION", "THREATEN", "ACCUSE", "REJECT"):
        r = mi.refusal
        code = REFUSE_SPECIFIC.get(d.cameo) or REFUSE_ROOT.get(d.cameo[:2], "120")
        pat = kb.Pattern(_lem(r), "VERB", (), "REJECT", code, (), frozenset())
        nd = Draft(Match(pat, r), d.actors, d.recipients, ModeInfo(mode="asserted"), d.sent)
        if mi.source is not None and not _self_announced(mi, d.actors):
            return None
        if mi.source is not None:
            nd.mode = ModeInfo(mode="attributed", source=mi.source)
        nd.cameo, nd.plover, nd.confidence = code, "REJECT", 0.6
        nd.date, nd.date_span = d.date, d.date_span
        return nd
    return None


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


CONFLICT_ROOTS = {"09", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20"}
ACCUSING_VERBS = {"allege": "112", "claim": "112", "say": "112", "accuse": "112", "report": None, "charge": "112"}


def _derived_accusations(brief, idx, drafts: list[Draft], text: str) -> list[Draft]:
    """"X said/claimed/alleged that Y attacked Z": X accuses Y (an asserted verbal event)."""
    out = []
    for d in drafts:
        if d.mode.mode != "attributed" or d.mode.source_verb is None or d.mode.source is None:
            continue
        v = d.mode.source_verb
        code = ACCUSING_VERBS.get(_lem(v))
        if not code or d.cameo[:2] not in CONFLICT_ROOTS or d.cameo[:2] in ("09", "11"):
            continue
        if d.cameo[:2] in ("14", "15", "16", "17") and _lem(v) == "say":
            continue
        if v.i > d.match.trigger.i:
            continue  # "..., officials said": wire attribution, not an accusation by the source
        srcs = _np_args(brief, idx, d.mode.source)
        if not d.actors or not srcs:
            continue
        skey = {a.actor or a.span.text.lower() for a in srcs}
        if any((a.actor or a.span.text.lower()) in skey for a in d.actors):
            # "the Houthis said they had attacked": a claim of responsibility (CAMEO 015)
            pat = kb.Pattern(_lem(v), "VERB", (), "CONCEDE", "015", (), frozenset())
            nd = Draft(Match(pat, v), srcs, d.recipients, _mode(v, None, None, False), d.sent)
            nd.cameo, nd.plover, nd.confidence = "015", "CONCEDE", 0.6
            out.append(nd)
            d.confidence = min(d.confidence, EMBEDDED_CONFIDENCE)
            continue
        pat = kb.Pattern(_lem(v), "VERB", (), "ACCUSE", code, (), frozenset())
        m = Match(pat, v)
        mi = _mode(v, None, None, False)
        nd = Draft(m, srcs, d.actors, mi, d.sent)
        nd.cameo, nd.plover, nd.confidence = code, "ACCUSE", 0.6
        out.append(nd)
        d.confidence = min(d.confidence, EMBEDDED_CONFIDENCE)
    return out


