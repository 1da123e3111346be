"""Event modes: negated, hypothetical, future, historical, attributed or asserted (see :func:`_mode`)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

from ...knowledge import events as kb
from ...model import Span
from .syntax import (
    SUBJ, INTENT_VERBS, IMPLICATIVE, _is_pron, _lem, _is_verb, _children, _passive, _crosses_paragraph, WISH_VERBS, _sent_of,
)


# ---------------------------------------------------------------------------- modes
TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "moment", "night"}


def _time_anchor(t) -> bool:
    """``t`` heads a clause that dates the news by an earlier event at a stated distance ("two weeks
    after rebels kidnapped", "a day after a delegation held talks", "days after"): background that
    the outlet recalls, not the report itself."""
    if t.dep_ != "advcl":
        return False
    marks = [c for c in t.children if c.dep_ == "mark" and c.lower_ in ("after", "since", "before")]
    if not marks:
        return False
    lag = [c for x in [t] + marks for c in x.children if c.dep_ == "npadvmod" and _lem(c) in TIME_UNITS]
    return bool(lag)


def _paragraph_reporter(tok):
    """The saying verb of ``tok``'s own paragraph whose complement the parser attached across a
    paragraph break (headline + body parsed as one sentence): "HEADLINE / X arrived ..., officials
    said"."""
    from_cue = kb.mode_cues()
    for x in _sent_of(tok):
        if x.i == tok.i or _crosses_paragraph(x, tok) or from_cue.get(_lem(x)) != "attribution":
            continue
        if any(c.dep_ in ("ccomp", "parataxis") and _crosses_paragraph(c, x) for c in x.children):
            return x
    return None


# subordinators of a clause that states a circumstance of the main clause, not part of what it negates
CIRCUMSTANCE_MARKS = ("after", "before", "when", "since", "as", "because", "while", "once", "until", "though",
                      "although")


@dataclass
class ModeInfo:
    mode: str = "asserted"
    source: object = None  # token of the attribution source
    source_verb: object = None
    threat: bool = False
    intent: bool = False  # future because an actor states an intention (CAMEO codes it 03x / 13x)
    wisher: object = None  # "Obama wants Putin to attack": the verb of wanting (coded as an appeal)
    refusal: object = None  # "refused to release", "said it would not provide": the refusing verb
    flags: set = field(default_factory=set)


def _has_neg(t) -> bool:
    cues = kb.mode_cues()
    for c in t.children:
        if c.dep_ == "neg":
            return True
        if c.dep_ in ("advmod",) and c.lower_ == "never":
            return True
        if c.dep_ == "det" and c.lower_ in ("no", "neither") and cues.get(c.lower_) == "negation":
            return True
    for s in _children(t, "nsubj", "nsubjpass"):
        if any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in s.children) or s.lower_ in ("neither", "nobody", "none"):
            return True
    return False


def _conditional(t) -> bool:
    """t is, or heads, a conditional clause ("if ...", "should X fail", "had X visited")."""
    def is_cond_clause(c):
        if c.dep_ != "advcl":
            return False
        if any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children):
            return True
        subj = [s for s in c.children if s.dep_ in SUBJ]
        aux = [a for a in c.children if a.dep_ in ("aux",) and a.lower_ in ("had", "should", "were")]
        return bool(subj and aux and aux[0].i < subj[0].i)
    return is_cond_clause(t) or any(is_cond_clause(c) for c in t.children)


def _local_modal(t) -> Optional[str]:
    cues = kb.mode_cues()
    for c in t.children:
        if c.dep_ == "aux":
            k = cues.get(c.lower_) or cues.get(_lem(c))
            if k in ("hypothetical", "future"):
                if c.lower_ in ("may",) and c.i > 0 and c.doc[c.i - 1].lower_ == "in":
                    continue
                return k if c.lower_ not in ("will", "shall", "'ll") else "future"
    return None


def _mode(t, date_last: Optional[dt.date], pub: Optional[dt.date], date_yearonly: bool) -> ModeInfo:
    from .arguments import _subject  # the argument finder reads modes: imported at call time
    cues = kb.mode_cues()
    info = ModeInfo()
    found = set()
    # nominal triggers: negation on the noun ("no attack"), then the clause of the governing verb
    anchor = t
    if not _is_verb(t):
        if any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in t.children):
            found.add("negated")
        for c in t.children:  # "Iran's planned missile test", "a proposed visit": not (yet) done
            k = cues.get(c.lower_) or cues.get(_lem(c)) if c.dep_ in ("amod", "compound") and c.i < t.i else None
            if k in ("future", "hypothetical"):
                found.add(k)
        anchor = t.head  # "an Israeli strike would trigger ...": the governing verb's modals apply
    if _has_neg(anchor):
        found.add("negated")
    lm = _local_modal(anchor)
    if lm:
        found.add(lm)
    if _conditional(anchor):
        found.add("hypothetical")
    # purpose clause: "met ... to press for"
    if anchor.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in anchor.children):
        found.add("future")
    # climb the governing clauses
    cur = anchor
    reported = False
    for _ in range(8):
        if cur.head.i == cur.i:
            break
        h = cur.head
        rel = cur.dep_
        if _crosses_paragraph(cur, h):
            # a headline glued to the first paragraph: the body's own "..., officials said" lost
            # its clause to the headline; it still governs the body clause
            h = _paragraph_reporter(cur)
            if h is None:
                break
            rel = "ccomp"
        if _time_anchor(cur):
            info.flags.add("background")  # "two weeks after rebels kidnapped": the outlet's time anchor
            break
        if rel in ("ccomp", "xcomp", "advcl", "conj", "pcomp", "dobj", "acl", "relcl", "parataxis") or \
                (rel == "pobj" and h.dep_ == "prep"):
            if rel == "pobj":  # "accused of X-ing", "denied involvement in"
                cur = h
                continue
            k = cues.get(_lem(h))
            if rel == "conj":
                # conjoined events share auxiliaries and negation with the first conjunct
                if _has_neg(h) and not _children(cur, "nsubj", "nsubjpass"):
                    found.add("negated")
                m = _local_modal(h)
                if m and not _children(cur, "aux"):
                    found.add(m)
                if _conditional(h):
                    found.add("hypothetical")
                cur = h
                continue
            if rel in ("relcl", "acl"):
                break
            if k == "deny" and rel in ("ccomp", "xcomp", "dobj", "pcomp"):
                found.add("negated")
                if _lem(h) in ("refuse", "decline") and rel == "xcomp":
                    info.refusal = h
            elif k == "hypothetical" and rel in ("ccomp", "xcomp"):
                found.add("hypothetical")
            elif k == "future" and rel == "ccomp" and _lem(h) in WISH_VERBS and _children(h, "nsubj") and \
                    any(not _is_pron(x) for x in _children(cur, "nsubj")):
                found.add("hypothetical")  # "Obama wants Putin to attack": another's wish, not a plan
                info.wisher = h
            elif k == "future" and rel == "ccomp" and _lem(h) == "hope" and (
                    _children(cur, "nsubjpass") or any(not _is_pron(x) for x in _children(cur, "nsubj"))):
                found.add("hypothetical")  # "hoped that the detainees would be released": a hope, not a plan
                info.flags.add("hope")
            elif k == "future" and rel in ("xcomp", "ccomp") and not (_lem(h) == "expect" and not _passive(h) and rel == "ccomp"):
                found.add("future")
                if _lem(h) in INTENT_VERBS:
                    info.intent = True
            elif k == "threat" and rel in ("xcomp", "ccomp"):
                info.threat = True
            elif k == "attribution" and rel in ("ccomp", "parataxis", "advcl") and rel != "advcl":
                reported = True
                subj = _children(h, "nsubj", "nsubjpass")
                if info.source is None:
                    # "Qani confirmed the toll and said ...": a conjoined saying verb shares its subject
                    info.source = subj[0] if subj else (_subject(h) if h.dep_ == "conj" else None)
                    info.source_verb = h
                found.add("attributed")
            if _has_neg(h) and k != "attribution" and rel in ("xcomp", "advcl", "ccomp") and not (
                    rel == "advcl" and (not _is_verb(h) or any(c.dep_ == "mark" and c.lower_ in CIRCUMSTANCE_MARKS
                                                               for c in cur.children))):
                # but "No progress after the envoy visits ...", "talks did not resume after X
                # met Y": a circumstance clause of a negated phrase still happened
                found.add("negated")
            m = _local_modal(h)
            if m and rel in ("xcomp", "ccomp") and k != "attribution":
                found.add(m)
            if _conditional(h) and rel in ("xcomp",):
                found.add("hypothetical")
            cur = h
            continue
        break
    # an infinitive is not a report that something happened ("pressure to help Iran")
    inf = anchor
    for _ in range(3):  # "a bid to isolate and demonize X": a bare verb conjoined to an infinitive is one too
        if inf.dep_ == "conj" and inf.tag_ == "VB" and _is_verb(inf.head) and \
                not any(c.dep_ == "aux" and c.lower_ == "to" for c in inf.children):
            inf = inf.head
    if _is_verb(anchor) and any(c.dep_ == "aux" and c.lower_ == "to" for c in inf.children):
        gov = inf.head
        if _lem(gov) not in IMPLICATIVE and not found & {"negated", "hypothetical", "future"}:
            found.add("future")
            if _lem(gov) in INTENT_VERBS or gov.pos_ == "NOUN":
                info.intent = True
    # "according to the ministry", anywhere on the clause chain
    for node in [anchor] + [a for a in anchor.ancestors][:3]:
        for c in node.children:
            if c.dep_ == "prep" and c.lower_ == "according":
                to = [g for x in c.children for g in ([x] if x.dep_ == "pobj" else _children(x, "pobj"))]
                found.add("attributed")
                if info.source is None and to:
                    info.source = to[0]
    # reported "would" (future in the past): "Israel announced it would free prisoners"
    if reported and "hypothetical" in found and "hope" not in info.flags:
        aux = [c.lower_ for c in anchor.children if c.dep_ == "aux"]
        if "would" in aux and not _conditional(anchor) and not any(
                cues.get(c.lower_) == "hypothetical" for c in anchor.children if c.dep_ == "aux" and c.lower_ != "would"):
            found.discard("hypothetical")
            found.add("future")
            info.intent = True
    # historical: the date lies in an earlier year / over a year before the article
    if date_last is not None:
        if pub is not None:
            if date_last < pub - dt.timedelta(days=365) or (date_yearonly and date_last.year < pub.year):
                found.add("historical")
        elif date_yearonly:
            found.add("historical")
    # "said it would not provide": a refusal announced by the actor
    if "negated" in found and info.refusal is None and _is_verb(anchor) and _has_neg(anchor) and any(
            c.dep_ == "aux" and c.lower_ in ("would", "will", "wo") for c in anchor.children) and reported:
        info.refusal = anchor
    for m in ("negated", "hypothetical", "future", "historical", "attributed"):
        if m in found:
            info.mode = m
            break
    return info
