"""Trigger vocabulary lookup: matching tokens against the project's patterns and the compiled
Phoenix verb dictionary, licensing of event nouns, and who carries out a nominal event."""
from __future__ import annotations

from dataclasses import dataclass

from ...knowledge import events as kb
from .acts import embedded_act
from .syntax import (
    INSTRUMENTS,
    OCCUR,
    RELPRON,
    _children,
    _is_pron,
    _is_verb,
    _lem,
    _obj,
    _preps,
    _sent_of,
    _word_in,
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
            if not any((c.dep_ in ("prt", "prep", "agent", "dative") or (c.dep_ == "advmod" and c.i == t.i + 1))
                       and c.lower_ in vals for c in t.children):  # ("stepped down" parsed as an adverb)
                return False, None
        elif kind == "mod":  # a modifier of the required object ("humanitarian aid", "no troops"),
            # or of the event noun itself ("a nuclear test")
            holder = t if obj is None and p.pos == "NOUN" else obj
            if holder is None or not any(_word_in(c, vals) for c in holder.children if c.i < holder.i):
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
    for n, cands in enumerate(layers):
        if n == 1:  # "pledged to revise its policy": a pledged/asked/refused act acts.tsv names, before
            p = embedded_act(t)  # the dictionary's rows for the verb alone
            if p is not None:
                return Match(p, t)
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
    if _is_verb(t):
        p = embedded_act(t, anywhere=True)  # "handed back looted sculptures to X": a yielding act
        if p is not None:
            return Match(p, t)
    return None


def _nominal_licensed(t, p: kb.Pattern) -> bool:
    """Event nouns count as subjects of an occurrence verb or when a participant is named; in any
    other position ("during his visit to Beirut", "condemned the Russian attack on Kyiv", "called
    for sanctions against Iran" is not one: no actor) only when the noun phrase names both who acts
    (possessor, demonym, "by") and whom it is directed at (a recipient preposition of the row)."""
    if t.dep_ in ("nsubj", "nsubjpass"):
        return _lem(t.head) in OCCUR or bool(_noun_actor_tokens(t))
    if t.dep_ not in ("dobj", "pobj", "attr", "appos", "conj", "ROOT"):
        return False
    if not p.recipient:  # an act with no addressee ("Iran's missile test"): who acts is enough
        return bool(_noun_actor_tokens(t))
    if visit_setting(t, p):
        return True  # "signed the deal during a visit to Japan": the visitor is the clause's subject
    return bool(_noun_actor_tokens(t)) and any(
        c.dep_ == "prep" and c.lower_ in p.recipient and _children(c, "pobj") for c in t.children)


VISIT_SETTINGS = ("during", "on")


def visit_setting(t, p: kb.Pattern) -> bool:
    """A visit noun with a destination and no visitor of its own that sets the scene of a clause
    ("signed the deal during a visit to Japan", "said on a trip to Kenya")."""
    return p.cameo == "042" and t.dep_ == "pobj" and t.head.lower_ in VISIT_SETTINGS and _is_verb(t.head.head) \
        and not _noun_actor_tokens(t) and bool(_preps(t, p.recipient))


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
        if c.dep_ == "amod" and c.lower_ == "led" and c.i < t.i:  # "the Turkish-led intervention": the leader
            out.extend(g for g in c.children if g.dep_ in ("npadvmod", "compound", "amod") and
                       g.pos_ in ("PROPN", "ADJ", "NOUN") and g.i < c.i)
    out.extend(_preps(t, ("by",)))
    if not out and _lem(t) in INSTRUMENTS:
        # "a missile (believed to be) fired by pro-Russia rebels": who used the weapon
        for v in _children(t, "acl"):
            for w in [v] + _children(v, "xcomp"):
                if _is_verb(w) and _lem(w) in WEAPON_USE:
                    out.extend(_preps(w, ("by",)))
    return out


WEAPON_USE = {"fire", "launch", "shoot", "drop", "use", "deploy", "detonate", "plant"}


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


ATTACK_NOUNS = INSTRUMENTS | {"bombing", "shooting", "killing", "massacre", "blast", "explosion", "ambush",
                              "kidnapping", "abduction", "assassination", "hijacking"}


def _contexts(sent) -> list[str]:
    ctx = kb.contexts()
    out = []
    for tok in sent:
        c = ctx.get(tok.lower_) or ctx.get(_lem(tok))
        if c and c not in out:
            out.append(c)
    return out
