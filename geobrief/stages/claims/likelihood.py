"""Hedges, boosters and ICD 203 estimative words: how sure the text is."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

from .lexicon import FLIP, ICD_VALUE, lex, _negated, NOT_ASSESSABLE, _tokens


# --------------------------------------------------------------------------- hedges

@dataclass
class Cue:
    start: int  # token index (doc)
    end: int
    text: str
    kind: str
    value: float = 0.0  # factuality of what is in scope, or 0
    word: Optional[str] = None  # ICD 203 word when the cue expresses one


def _hedge_ok(t, kind: str, cue: str) -> bool:
    """Context checks that keep literal uses out ("appear in", "could not", "some 20")."""
    lem = t.lemma_.lower()
    if kind == "epistemic_verb":
        if t.pos_ not in ("VERB", "AUX"):
            # "a claim that ...", "a rumour circulated": the noun hedges too
            return lem in ("seem", "claim", "rumor", "rumour") and (lem == "seem" or t.pos_ == "NOUN")
        if lem in ("appear", "seem", "tend"):
            deps = {c.dep_ for c in t.children}
            return bool(deps & {"xcomp", "ccomp", "acomp", "attr", "oprd"}) or any(
                c.dep_ == "expl" for c in t.children)
        if lem == "claim":
            return any(c.dep_ in ("ccomp", "xcomp") for c in t.children)
        if lem in ("suggest", "indicate", "imply"):
            return any(c.dep_ in ("ccomp", "xcomp") for c in t.children) or t.dep_ in ("parataxis",)
        return True
    if kind == "modal":
        if t.lower_ == "could" and _negated(t.head):
            return False  # "could not" = past inability, a fact
        # purpose clauses: "so that they could ..."
        head = t.head
        if any(c.dep_ == "mark" and c.lower_ in ("so", "that") for c in head.children) and any(
                c.lower_ == "so" for c in head.children):
            return False
        return t.tag_ == "MD" or t.pos_ == "AUX"
    if kind == "adverb":
        return t.pos_ in ("ADV", "ADJ")
    if kind == "adjective":
        if lem == "potential" and t.pos_ == "NOUN":
            return False
        if t.pos_ == "VERB":
            # a participle used as an adjective or a passive ("the disputed figures", "it is debated"),
            # not an active verb ("he had never debated", "they contested the seat")
            return t.dep_ in ("amod", "acomp", "oprd") or any(c.dep_ == "auxpass" for c in t.children)
        return t.pos_ == "ADJ"
    if kind == "weasel":
        if lem == "certain":
            # "certain officials", "a certain charm", "Certain terms ...": not "is certain", "the certain defeat"
            prev = t.nbor(-1) if t.i > 0 and not t.is_sent_start else None
            return t.dep_ == "det" or t.dep_ == "amod" and (
                prev is None or prev.lower_ in ("a", "certain") or prev.pos_ != "DET")
        if lem in ("some", "many", "several", "various", "numerous", "most"):
            nxt = t.nbor(1) if t.i + 1 < len(t.doc) else None
            if nxt is not None and nxt.like_num:
                return False
            return t.dep_ in ("det", "amod", "nsubj", "nsubjpass", "dobj", "pobj", "ROOT", "advmod", "nummod")
        return True
    if kind == "noun" and lem in ("theory", "hypothesis"):
        # "one theory holds that ...", "the hypothesis that ...": not "the theory of relativity"
        nxt = t.nbor(1).lower_ if t.i + 1 < len(t.doc) else ""
        return nxt != "of" and not any(c.pos_ == "PROPN" for c in t.children)
    if kind == "approx":
        nxt = t.nbor(1) if t.i + 1 < len(t.doc) else None
        return nxt is not None and (nxt.like_num or nxt.ent_type_ in ("CARDINAL", "QUANTITY", "MONEY", "PERCENT"))
    return True


def hedge_cues(doc, kinds: Optional[Iterable[str]] = None) -> list[Cue]:
    """Uncertainty cues in ``doc`` (a Doc or Span); ``kinds`` filters by lexicon kind."""
    toks = _tokens(doc)
    kinds = set(kinds) if kinds is not None else None
    out = []
    for i, j, (cue, kind, fact) in lex().hedges.find(toks):
        if kinds is not None and kind not in kinds:
            continue
        if j - i == 1 and not _hedge_ok(toks[i], kind, cue):
            continue
        if j - i > 1 and kind == "modal" and toks[i].lower_ == "could" and _negated(toks[i].head):
            continue
        out.append(Cue(toks[i].i, toks[j - 1].i + 1, cue, kind, fact))
    return out


STATUS_HEDGE_KINDS = ("modal", "epistemic_verb", "adverb", "adjective", "passive_belief")
UNCERTAIN_KINDS = ("modal", "epistemic_verb", "adverb", "adjective", "passive_belief", "weasel", "noun", "peacock")


def _generic_modal(doc, c: Cue) -> bool:
    """Dynamic, not epistemic, possibility: "Symptoms may include ...", "it could be used to ..."."""
    t = doc[c.start]
    if t.lower_ not in ("may", "could", "can") or c.text == "may well":
        return False
    v = t.head
    if any(x.dep_ == "aux" and x.lemma_ == "have" and x.i > t.i for x in v.children):
        return False  # "may (also) have been": a modal perfect is a guess about the past, not a capacity
    if c.text.endswith(" have") and v.lemma_ != "have":
        return False
    subj = [x for x in v.children if x.dep_ in ("nsubj", "nsubjpass")]
    if v.tag_ == "VBN" and t.lower_ == "could":
        return True
    return bool(subj) and subj[0].pos_ == "NOUN"


def _quantifies_subject(t) -> bool:
    """Whether the quantifier ``t`` is, or modifies, a clause subject: "most (of the) critics were ..."
    generalises over a group of unnamed people or things, the weasel pattern."""
    if t.dep_ in ("nsubj", "nsubjpass"):
        return True
    return t.dep_ in ("amod", "det") and t.head.dep_ in ("nsubj", "nsubjpass") and t.head.tag_ in ("NNS", "NNPS")


# Verbs whose agentless passive hides who holds the view: "has been suggested", "was long claimed".
HIDDEN_HOLDER_VERBS = {"suggest", "claim", "report", "argue", "speculate", "propose", "allege", "rumour", "rumor",
                       "hypothesize", "hypothesise", "theorize", "theorise", "posit", "postulate", "suppose",
                       "presume", "assume", "believe", "think", "conjecture", "surmise", "say"}


def _hidden_holder(doc) -> bool:
    """A passive verb of saying or supposing with no "by" agent."""
    for t in doc:
        if t.lemma_.lower() in HIDDEN_HOLDER_VERBS and t.tag_ == "VBN" and any(
                c.dep_ == "auxpass" for c in t.children) and not any(c.dep_ == "agent" for c in t.children):
            return True
    return False


def _epistemic_possible(t) -> bool:
    """"possible" as a judgement of likelihood ("a possible motive", "it is possible that ..."), not
    feasibility ("it is possible to ...", "as soon as possible") nor an exhaustive range ("all possible
    routes")."""
    doc = t.doc
    nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ == "to":
        return False
    if t.i > 0 and doc[t.i - 1].lower_ == "as":
        return False  # "as little as possible"
    sent_start = t.sent.start
    if t.dep_ == "amod":
        return not any(x.lower_ in ("all", "every", "any", "each", "total") for x in doc[max(t.i - 2, sent_start):t.i])
    return any(x.lower_ in ("it", "that", "quite", "very", "entirely") for x in doc[max(t.i - 3, 0):t.i + 2])


def _unnamed_holders(t) -> bool:
    """"others", "researchers" as holders of a view: the subject ("others argue"), joined to one
    ("Arrow and others"), or the source of a report ("among others", "according to others")."""
    if t.dep_ in ("nsubj", "nsubjpass"):
        return True
    if t.dep_ == "conj" and t.head.dep_ in ("nsubj", "nsubjpass", "pobj") and (
            t.head.dep_ != "pobj" or t.head.head.dep_ == "agent"):
        return True
    if t.dep_ == "pobj":
        p = t.head
        return p.lower_ == "among" or p.lower_ == "to" and p.i > 0 and t.doc[p.i - 1].lower_ == "according"
    return False


def _unattributed_claim(t) -> bool:
    """"claim" as a contested assertion, not a legal or property title ("insurance claims", "six mining
    claims") nor a claim credited to a named person ("Bryant claimed that ...", "he claims")."""
    if t.pos_ in ("NOUN", "PROPN"):
        return not any(c.dep_ in ("compound", "nummod") for c in t.children)
    subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subj and (subj[0].pos_ == "PROPN" or subj[0].lower_ in ("he", "she")):
        return False
    return True


# a news agency's credit line, not a claim: "(Reporting by …; Editing by …)", "Additional reporting by …"
_CREDIT_LINE = re.compile(r"^\W*(?:additional )?(?:reporting|writing|editing|compiled|compiling|produced|"
                          r"graphics|photos?|video) by\b", re.I)


def _conditional_would(t) -> bool:
    """"would" as the auxiliary of its clause's main verb, with no narrative "later"/"eventually"/"go on"."""
    v = t.head
    if t.dep_ != "aux" or v.dep_ not in ("ROOT", "conj") or v.lemma_ == "go":
        return False
    return not any(c.lower_ in ("later", "eventually", "soon", "then", "often", "always", "usually")
                   for c in v.children if c.dep_ == "advmod")


def is_uncertain(doc) -> bool:
    """The CoNLL-2010 notion: the sentence carries a hedge or weasel cue.

    Dynamic modals with a generic subject, a bare "claim" and a bare "possible" ("as soon as possible")
    are not uncertainty cues in this sense (they still are for a claim's status).
    """
    d = doc.doc if hasattr(doc, "doc") else doc
    for c in hedge_cues(doc, UNCERTAIN_KINDS + ("approx",)):
        if c.kind == "modal" and _generic_modal(d, c):
            continue
        if c.text == "possible" and not _epistemic_possible(d[c.start]):
            continue
        t = d[c.start]
        if c.text == "most" and (t.dep_ in ("amod", "nsubj", "nsubjpass") or t.head.pos_ == "ADV") and not (
                _quantifies_subject(t)):
            continue  # a quantity ("in most cases", "most often"), not a generalisation ("most historians hold")
        if c.text == "a few" and t.dep_ == "quantmod":
            continue
        if c.text in ("others", "scientists", "researchers") and not _unnamed_holders(t):
            continue
        if c.text == "claim" and not _unattributed_claim(t):
            continue
        if c.kind == "passive_belief" and c.end - c.start == 1 and t.tag_ != "VBN":
            continue  # "Peirce considered the idea ...": an active verb with its holder named
        if c.kind == "approx" and c.text != "an estimated":
            continue
        return True
    return _hidden_holder(doc)


# --------------------------------------------------------------------------- boosters / ICD 203

def booster_cues(doc) -> list[Cue]:
    toks = _tokens(doc)
    out = []
    for i, j, (cue, word) in lex().boosters.find(toks, lemma_single=False):
        t = toks[i]
        if cue in ("indeed", "in fact") and j - i <= 2:
            word = "almost certain"
        out.append(Cue(t.i, toks[j - 1].i + 1, cue, "booster", ICD_VALUE[word], word))
    return out


def icd_cues(doc) -> list[Cue]:
    toks = _tokens(doc)
    out = []
    for i, j, (cue, word) in lex().icd.find(toks, lemma_single=False):
        out.append(Cue(toks[i].i, toks[j - 1].i + 1, cue, "icd203", ICD_VALUE[word], word))
    return out


def _cue_negated(doc, cue: Cue) -> bool:
    t = doc[cue.start]
    if _negated(t) or _negated(t.head):
        # "not likely", "is not certain", "will not": the negation in the same clause
        return True
    prev = doc[max(cue.start - 2, 0):cue.start]
    return any(x.lower_ in ("not", "n't", "never", "no") for x in prev)


def likelihood(doc, span=None) -> tuple[Optional[str], Optional[str], list[Cue]]:
    """The likelihood the text expresses for ``span`` (default the whole doc).

    Returns ``(icd_word | None, note | None, cues)``. An explicit estimative word wins; a modal of
    possibility ("may", "could") caps any booster at "cannot be assessed"; negation flips the scale.
    """
    span = span if span is not None else doc[:]
    icds = icd_cues(span)
    hed = [c for c in hedge_cues(span, ("modal", "adverb", "adjective", "epistemic_verb", "passive_belief"))
           if not c.word]
    boost = booster_cues(span)
    # explicit estimative language
    icds = [c for c in icds if not any(c.start < h.end and h.start < c.end and h.text not in ("likely", "probably",
                                       "unlikely", "probable") for h in hed)] or icds
    if icds:
        c = max(icds, key=lambda c: c.end - c.start)
        word = c.word
        if _cue_negated(doc, c) and c.text not in ("unlikely", "improbable", "impossible"):
            word = FLIP[word]
        return word, None, [c]
    possibility = [h for h in hed if h.kind == "modal" and doc[h.start].lower_ in
                   ("may", "might", "could", "may well", "might well", "could well")
                   or h.kind in ("adverb",) and h.text in ("perhaps", "maybe", "possibly", "conceivably", "potentially")
                   or h.kind == "adjective" and h.text in ("possible", "potential", "uncertain", "unclear")]
    if possibility:
        return None, NOT_ASSESSABLE, possibility[:1]
    if hed:
        return None, NOT_ASSESSABLE, hed[:1]
    if boost:
        c = boost[0]
        word = c.word
        if _cue_negated(doc, c) and c.text not in ("make no mistake", "no doubt", "there is no doubt",
                                                   "there is no question", "without doubt", "without a doubt"):
            word = FLIP[word]
        return word, None, [c]
    return None, None, []
