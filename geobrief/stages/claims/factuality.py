"""Event factuality: how certain the text makes an event, -3 .. +3."""
from __future__ import annotations

from typing import Optional

from .lexicon import lex, _negated


# --------------------------------------------------------------------------- factuality

INTENSIONAL = {
    "want": 0.3, "plan": 0.8, "try": 0.5, "hope": 0.5, "intend": 0.6, "seek": 0.5, "aim": 0.6,
    "attempt": 0.3, "threaten": 0.5, "promise": 0.8, "pledge": 0.8, "vow": 0.8, "agree": 1.5,
    "expect": 1.0, "ask": 0.3, "urge": 0.2, "call": 0.3, "demand": 0.2, "order": 1.0, "decide": 1.5,
    "prepare": 1.0, "need": 0.3, "refuse": -1.5, "decline": -1.5, "fail": -2.5, "forget": -1.0,
    "deny": 1.0, "propose": 0.3, "offer": 0.8, "wish": 0.2, "like": 0.5, "prefer": 0.3, "would": 0.8,
    "consider": 0.5, "allow": 1.2, "permit": 1.2, "help": 1.5, "begin": 2.2, "start": 2.2,
    "continue": 2.8, "manage": 3.0, "able": 1.5, "ready": 1.0, "likely": 1.8, "set": 1.5,
    "recommend": 0.3, "suggest": 1.0, "predict": 1.0, "fear": 0.8, "warn": 0.8, "encourage": 0.5,
    "believe": 2.0, "think": 1.8, "suspect": 1.3, "doubt": -0.5, "claim": 2.0, "allege": 1.5,
    "seem": 1.5, "appear": 1.5, "say": 2.6, "report": 2.6, "tell": 2.6,
}
MODAL_VALUE = {"may": 1.0, "might": 0.8, "could": 1.0, "can": 1.5, "would": 1.0, "should": 0.8,
               "must": 1.5, "will": 2.0, "shall": 1.8, "'ll": 2.0, "wo": 2.0, "ca": 1.5, "'d": 1.0}


def _local_value(t) -> Optional[float]:
    """Certainty from the token's own auxiliaries/adverbs (None if no marker)."""
    val = None
    for c in t.children:
        if c.dep_ == "aux" and c.lower_ in MODAL_VALUE:
            v = MODAL_VALUE[c.lower_]
            val = v if val is None else min(val, v)
        elif c.dep_ == "advmod":
            e = lex().hedges.index.get(c.lower_)
            if e:
                for words, (cue, kind, fact) in e:
                    if len(words) == 1 and kind in ("adverb",):
                        val = fact if val is None else min(val, fact)
    return val


def event_factuality(doc, i: int) -> float:
    """How certain the text makes the event at token ``i`` happen: -3 (did not) .. +3 (did)."""
    t = doc[i]
    value = 3.0
    neg = False
    # nominal events: "no attack", "plans for talks", "possible strike"
    if t.pos_ in ("NOUN", "PROPN"):
        for c in t.children:
            if c.dep_ == "det" and c.lower_ in ("no",):
                neg = True
            if c.dep_ == "amod":
                e = lex().hedges.index.get(c.lower_)
                if e:
                    value = min(value, min((f for w, (cue, k, f) in e if len(w) == 1 and k not in ("peacock", "weasel", "frequency", "quantity", "superlative", "approx")), default=3.0))
                if c.lemma_ in ("planned", "proposed", "possible", "potential", "future", "expected", "likely",
                                "would-be", "alleged", "suspected", "threatened"):
                    value = min(value, 1.0)
        h = t.head
        if t.dep_ == "pobj" and h.head.lemma_ in ("plan", "call", "threat", "hope", "demand", "proposal", "talk",
                                                   "possibility", "risk", "fear", "prospect"):
            value = min(value, 0.8)
        if t.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
            v = h
            local = _local_value(v)
            if local is not None:
                value = min(value, local)
            if v.lemma_ in INTENSIONAL and v.lemma_ not in ("say", "report", "tell") and t.dep_ == "dobj":
                value = min(value, max(INTENSIONAL[v.lemma_], 0.0) + 0.5)
            if _negated(v) and t.dep_ == "dobj":
                neg = True
        return _scale(-value if neg else value)
    # verbs / adjectives
    local = _local_value(t)
    if local is not None:
        value = min(value, local)
    if _negated(t):
        neg = True
    # copula/aux governing a predicate: "was not happy"
    for c in t.children:
        if c.dep_ in ("aux", "auxpass") and _negated(c):
            neg = True
    # embedding predicates
    cur, hops = t, 0
    while hops < 3 and cur.dep_ in ("xcomp", "ccomp", "advcl", "conj", "acl", "relcl", "pcomp", "csubj",
                                    "parataxis", "acomp"):
        h = cur.head
        if cur.dep_ == "conj":
            # a coordinated verb shares its first conjunct's modal and negation
            hl = _local_value(h)
            if hl is not None and not any(c.dep_ == "aux" for c in cur.children):
                value = min(value, hl)
            if _negated(h) and not any(c.dep_ == "nsubj" for c in cur.children):
                neg = True
            cur, hops = h, hops + 1
            continue
        if cur.dep_ == "advcl":
            marks = {c.lower_ for c in cur.children if c.dep_ == "mark"}
            if marks & {"if", "unless", "whether"}:
                value = min(value, 0.3)
            elif marks & {"so", "to"} or any(c.lower_ == "to" and c.dep_ == "aux" for c in cur.children):
                value = min(value, 0.8)  # purpose
            elif marks & {"before"}:
                value = min(value, 1.5)
            break
        if cur.dep_ == "relcl":
            break
        if cur.dep_ in ("xcomp", "ccomp", "csubj", "pcomp", "acl", "acomp"):
            lem = h.lemma_.lower()
            infinitive = any(c.lower_ == "to" and c.dep_ == "aux" for c in cur.children)
            if cur.dep_ == "ccomp" and any(c.lower_ in ("if", "whether") and c.dep_ == "mark" for c in cur.children):
                value = min(value, 0.0)
            if lem in INTENSIONAL:
                iv = INTENSIONAL[lem]
                if cur.dep_ == "ccomp" and lem in ("say", "report", "tell", "claim", "believe", "think"):
                    iv = max(iv, 2.0)
                if infinitive or cur.dep_ in ("xcomp",) or iv < 2.0:
                    if _negated(h) and iv >= 0:
                        iv = -iv if lem not in ("want", "plan", "expect", "try", "hope") else 0.0
                    value = min(value, iv) if iv >= 0 else iv
                    if iv < 0:
                        value = iv
                        break
            elif infinitive and cur.dep_ == "xcomp":
                value = min(value, 1.5)
            hl = _local_value(h)
            if hl is not None:
                value = min(value, hl)
            if _negated(h) and lem in ("say", "believe", "think", "know", "report"):
                value = min(value, 0.5)
        cur, hops = h, hops + 1
    # questions
    sent = t.sent
    if sent[-1].text == "?" or (len(sent) > 1 and sent[-2].text == "?"):
        value = min(value, 0.5)
    v = -value if neg else value
    return _scale(max(-3.0, min(3.0, v)))


def _scale(v: float) -> float:
    """Map the rules' raw certainty onto how readers rate it (UW-style annotators use a compressed
    scale: a hedged event is rated about 0.7 higher than the hedge's dictionary value, a negated
    event about -2, not -3). One offset for the whole middle range, not a fitted curve."""
    if v >= 3.0:
        return 3.0
    if v < 0:
        return -2.0
    return round(min(2.8, v + 0.7), 2)
