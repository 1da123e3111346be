"""Claims stage: what the text asserts, how sure it is, and on whose word.

Rules and lexicons written by the project (``geobrief/knowledge/lexicons/claims_*.tsv``) on
top of spaCy's parse. The stage splits sentences into claims (a sentence that joins two
clauses with their own subjects gives two claims), then gives each claim:

* a status: reported | attributed | hedged | opinion | question | prediction | meta;
* a source: named (with the actor id when the actors stage found one), anonymous, or none;
* ``unsourced``: a claim stated as fact, resting on no source, that states another actor's
  hidden intent, secret knowledge or a sweeping generalisation;
* the likelihood the *text* expresses, in ICD 203 words (a bare "may" is "cannot be assessed");
* check-worthiness (factual, specific, consequential) in 0..1.

The reusable single-sentence functions (``hedge_cues``, ``is_subjective``, ``checkworthiness``,
``event_factuality``, ``attribution_spans``) are what the eval scorers call.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence

from ..knowledge.lexicons import load_lexicon
from ..model import ICD203, Brief, Claim, Source, Span
from ..nlp import doc_text
from ..pipeline import stage

NOT_ASSESSABLE = "cannot be assessed"
FLIP = {ICD203[i]: ICD203[len(ICD203) - 1 - i] for i in range(len(ICD203))}
ICD_VALUE = {"almost no chance": -3.0, "very unlikely": -2.2, "unlikely": -1.2, "roughly even chance": 0.3,
             "likely": 1.8, "very likely": 2.4, "almost certain": 3.0}

QUOTE_OPEN = "\"“«‘"
QUOTE_CLOSE = "\"”»’"
SUBJ_DEPS = ("nsubj", "nsubjpass", "expl", "csubj", "csubjpass")
FIRST_PERSON = {"i", "we", "me", "us", "my", "our"}
PRONOUNS = {"he", "she", "they", "it", "him", "her", "them", "we", "i", "you"}
NAMED_ENTS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
SPECIFIC_ENTS = {"CARDINAL", "PERCENT", "MONEY", "QUANTITY", "DATE", "TIME", "ORDINAL"}


# --------------------------------------------------------------------------- lexicons

@dataclass
class _Phrases:
    """Lower-case token sequences indexed by first token; '*' matches any one token."""

    index: dict = field(default_factory=dict)

    def add(self, words: Sequence[str], value) -> None:
        self.index.setdefault(words[0], []).append((tuple(words), value))

    def find(self, tokens: Sequence, lemma_single: bool = True) -> list[tuple[int, int, object]]:
        """Matches as ``(i, j, value)`` over a token sequence (indices into ``tokens``)."""
        out = []
        n = len(tokens)
        for i, t in enumerate(tokens):
            keys = {t.lower_}
            if lemma_single:
                keys.add(t.lemma_.lower())
            for key in keys:
                for words, value in self.index.get(key, ()):
                    if len(words) == 1:
                        if key == t.lower_ or lemma_single:
                            out.append((i, i + 1, value))
                        continue
                    if i + len(words) > n:
                        continue
                    if all(w == "*" or tokens[i + k].lower_ == w for k, w in enumerate(words) if k):
                        out.append((i, i + len(words), value))
        # longest match first at each position, no duplicates
        seen = set()
        res = []
        for m in sorted(out, key=lambda m: (m[0], -(m[1] - m[0]))):
            if (m[0], m[1]) not in seen:
                seen.add((m[0], m[1]))
                res.append(m)
        return res


def _tokenize(text: str) -> list[str]:
    return [t.lower_ for t in _blank()(text.lower())]


@functools.lru_cache(maxsize=1)
def _blank():
    import spacy

    return spacy.blank("en")


@dataclass
class _Lex:
    hedges: _Phrases
    boosters: _Phrases
    icd: _Phrases
    anon: _Phrases
    intent: _Phrases
    meta: _Phrases
    anon_nouns: set
    reporting: dict
    opinion: dict


@functools.lru_cache(maxsize=1)
def lex() -> _Lex:
    """The claims lexicons, loaded once per process."""
    hedges, boosters, icd, anon, intent, meta = (_Phrases() for _ in range(6))
    for cue, (kind, fact) in load_lexicon("claims_hedges").items():
        hedges.add(_tokenize(cue), (cue, kind, float(fact)))
    for cue, word in load_lexicon("claims_boosters").items():
        boosters.add(_tokenize(cue), (cue, word))
    for cue, word in load_lexicon("claims_icd203").items():
        icd.add(_tokenize(cue), (cue, word))
    anon_nouns = set()
    for cue, kind in load_lexicon("claims_anonymous_sources").items():
        if kind == "noun":
            anon_nouns.add(cue)
        else:
            anon.add(_tokenize(cue), cue)
    for cue, kind in load_lexicon("claims_hidden_intent").items():
        intent.add(_tokenize(cue), (cue, kind))
    for cue, kind in load_lexicon("claims_meta").items():
        meta.add(_tokenize(cue), cue)
    opinion = {w: (p, k) for w, (p, k) in load_lexicon("claims_opinion").items()}
    return _Lex(hedges, boosters, icd, anon, intent, meta, anon_nouns,
                dict(load_lexicon("claims_reporting_verbs")), opinion)


# --------------------------------------------------------------------------- helpers

@functools.lru_cache(maxsize=8)
def dateline_ranges(text: str) -> tuple[tuple[int, int], ...]:
    """Character spans of whole datelines ("KABUL, Nov 12 (Meridian Wire) – ", "DOHA - ",
    "Kabul, 15 November 2026"): where and when a story was filed, never a claim or a source.
    The framing stage's dateline pattern gives the extent; the actors stage's dateline places
    confirm it (a line both agree on)."""
    from .actors import dateline_spans
    from .framing import _DATELINE

    places = [s for s, _e, _strong in dateline_spans(text)]
    out = []
    for m in _DATELINE.finditer(text):
        lo = m.start() + len(m.group()) - len(m.group().lstrip())
        hi = m.start() + len(m.group().rstrip())
        if any(lo <= p < hi for p in places):
            out.append((lo, hi))
    return tuple(out)


def _in_dateline(doc, t) -> bool:
    return any(lo <= t.idx < hi for lo, hi in dateline_ranges(doc_text(doc)))


def _clip_dateline(span, ranges, text):
    """``span`` without a dateline at its start ("DOHA - Qatar" -> "Qatar"); None if nothing is left."""
    if span is None:
        return None
    s, e = span
    for lo, hi in ranges:
        if lo <= s < hi:
            s = hi
            while s < e and text[s].isspace():
                s += 1
    return (s, e) if s < e else None


def _tokens(obj) -> list:
    return list(obj)


def _negated(t) -> bool:
    """Whether the verb/adjective ``t`` (or its auxiliary chain) is negated."""
    for c in t.children:
        if c.dep_ == "neg" or c.lower_ in ("never", "not", "n't"):
            return True
    return False


def _quote_ranges(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (straight quotes pair up in order)."""
    out, start = [], None
    for i, ch in enumerate(text):
        if start is None and (ch in "“«" or (ch == '"')):
            start = i
        elif start is not None and (ch in "”»" or ch == '"'):
            out.append((offset + start, offset + i + 1))
            start = None
    return out


def _line_quote_ranges(text: str) -> list[tuple[int, int]]:
    """Quotation ranges paired within each line: a quotation never runs across a paragraph (a
    quotation continued into the next paragraph reopens there), so one unmatched mark cannot
    swallow the rest of the article."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.extend(_quote_ranges(line, pos))
        pos += len(line) + 1
    return out


def _in_ranges(i: int, ranges) -> bool:
    return any(a <= i < b for a, b in ranges)


def _span_chars(tokens) -> tuple[int, int]:
    tokens = list(tokens)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _subtree_chars(t, exclude=()) -> tuple[int, int]:
    toks = [x for x in t.subtree if x not in exclude and not x.is_punct or x.i == t.i]
    toks = [x for x in toks if x.i >= t.left_edge.i]
    lo = min(x.i for x in toks)
    hi = max(x.i for x in toks)
    doc = t.doc
    # trim punctuation at the edges
    while lo < hi and doc[lo].is_punct and doc[lo].text not in QUOTE_OPEN:
        lo += 1
    while hi > lo and doc[hi].is_punct and doc[hi].text not in QUOTE_CLOSE:
        hi -= 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


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
        return t.pos_ in ("ADJ", "VERB")
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


# --------------------------------------------------------------------------- subjectivity

def subjectivity_score(doc) -> tuple[float, list]:
    """A lexicon score of how much ``doc`` (Doc or Span) evaluates rather than states."""
    L = lex().opinion
    toks = _tokens(doc)
    if not toks:
        return 0.0, []
    text = doc_text(toks[0].doc)
    quotes = _quote_ranges(text[toks[0].idx: toks[-1].idx + len(toks[-1])], toks[0].idx)
    score = 0.0
    cues = []
    for t in toks:
        if _in_ranges(t.idx, quotes):
            continue
        w = t.lower_
        entry = L.get(w) or L.get(t.lemma_.lower())
        if entry:
            pol, kind = entry
            if kind == "eval" and t.pos_ in ("ADJ", "ADV", "NOUN", "VERB") and not _outcome_word(t):
                score += 1.0
                cues.append(t)
            elif kind == "loaded":
                score += 0.5
                cues.append(t)
            elif kind == "intens" and t.pos_ in ("ADV", "ADJ", "DET"):
                score += 0.4
            elif kind == "stance":
                if t.tag_ == "MD" and w in ("should", "must", "ought", "shall"):
                    score += 1.0
                    cues.append(t)
                elif t.lemma_ in ("believe", "think", "feel", "hope", "wish", "fear", "guess", "suppose",
                                  "doubt") and any(c.lower_ in FIRST_PERSON and c.dep_ == "nsubj"
                                                   for c in t.children):
                    score += 1.5
                    cues.append(t)
                elif t.pos_ == "ADV" and w not in ("apparently", "seemingly", "supposedly"):
                    score += 0.8
                    cues.append(t)
                elif w in ("i", "we", "me", "my", "our", "us") and t.dep_ in ("nsubj", "poss", "dobj"):
                    score += 0.5
                elif w in ("you", "your") and t.dep_ in ("nsubj", "poss", "dobj", "pobj"):
                    score += 0.6
                elif w in ("deserve", "need", "needs") and t.pos_ == "VERB":
                    score += 0.8
        if t.tag_ in ("JJS", "RBS") and w not in ("most", "least"):
            score += 0.3
        if t.text == "!":
            score += 1.0
    # a predicate adjective with nothing measurable: "The choice is simple."
    for t in toks:
        if t.dep_ == "ROOT" and t.lemma_ == "be":
            comps = [c for c in t.children if c.dep_ in ("acomp",) and c.pos_ == "ADJ"]
            attrs = [c for c in t.children if c.dep_ == "attr" and any(
                m.dep_ == "amod" and (m.lower_ in L) and L[m.lower_][1] == "eval" for m in c.children)]
            if (comps and not any(x.like_num for x in toks)) or attrs:
                score += 0.7
    # absolute denial in a copula: "This is no humanitarian gesture.", "There is no middle ground."
    for t in toks:
        if t.dep_ in ("attr", "nsubj") and t.head.lemma_ == "be" and t.head.dep_ == "ROOT" and any(
                c.dep_ == "det" and c.lower_ == "no" for c in t.children) and t.lemma_.lower() not in FACTUAL_NOUNS \
                and not any(x.like_num or x.ent_type_ in SPECIFIC_ENTS for x in toks):
            score += 1.0
            cues.append(t)
    # either/or: "Either Washington stands with ... or it stands with ..."
    if toks[0].lower_ == "either" and any(t.lower_ == "or" for t in toks[1:]):
        score += 1.0
        cues.append(toks[0])
    # rhetorical / question form
    if toks[-1].text == "?" or (len(toks) > 1 and toks[-2].text == "?"):
        score += 0.5
    # the writer reading minds: "their real aim", "nothing but", "every single"
    for i, j, (cue, kind) in lex().intent.find(toks, lemma_single=False):
        if kind == "sweeping":
            continue  # "every single X has ...": a checkable (if sweeping) factual claim
        score += 0.8
        cues.append(toks[i])
    # absolutes and generic claims about people: "never", "always", "one can", "everyone"
    for t in toks:
        if t.lower_ in ("everyone", "everybody", "nobody", "nothing", "everything", "anyone") and t.dep_ in (
                "nsubj", "nsubjpass", "dobj"):
            score += 0.4
        if t.lower_ == "one" and t.dep_ == "nsubj" and any(c.lower_ in ("can", "could", "must", "should")
                                                          for c in t.head.children):
            score += 0.8
        if t.lower_ == "like" and t.pos_ == "ADP" and t.head.pos_ == "VERB":
            score += 0.3  # a simile: "spread like wildfire"
    # the writer's manner adverbs: "deliberately obscures", "reluctantly embracing" (an attitude
    # ascribed by the writer); time, frequency, place and procedure adverbs are not opinions
    if _SUBJ_FEATS & 1:
        for t in toks:
            if t.pos_ == "ADV" and t.lower_.endswith("ly") and len(t) > 4 and t.head.pos_ in ("VERB", "ADJ") and \
                    t.lower_ not in NEUTRAL_LY and t.lower_ not in L and not _in_ranges(t.idx, quotes):
                score += 0.5
                cues.append(t)
    # emphasis by capitals: "is NOT a measure", "ALL the dangers" (not acronyms or names)
    if _SUBJ_FEATS & 2:
        for t in toks:
            if t.is_upper and t.is_alpha and 2 <= len(t) <= 8 and t.ent_type_ == "" and t.pos_ not in ("PROPN",) and \
                    t.lower_ in EMPHASIS_WORDS and not all(x.is_upper for x in toks if x.is_alpha):
                score += 1.0
                cues.append(t)
    # the writer drawing a conclusion: "this demonstrates how ...", "which proves that ..."
    if _SUBJ_FEATS & 4:
        for t in toks:
            if t.lemma_ in ("prove", "demonstrate", "show", "reveal", "illustrate", "expose", "confirm") and \
                    t.pos_ == "VERB" and any(c.dep_ == "nsubj" and c.lower_ in ("this", "that", "which", "it", "these")
                                             for c in t.children) and any(c.dep_ == "ccomp" for c in t.children):
                score += 0.8
                cues.append(t)
    # reporting what someone said, with figures, reads as objective
    if any(t.lemma_ in ("say", "tell", "announce", "report") and t.pos_ == "VERB" for t in toks):
        score -= 0.3
    if sum(1 for t in toks if t.like_num) >= 2:
        score -= 0.3
    return score, cues


def _outcome_word(t) -> bool:
    """"failed"/"successful" as the plain outcome of an attempt ("a failed missile test", "the
    successful launch"), not a judgement ("a failed state", "failed policies")."""
    return t.lower_ in ("failed", "successful", "unsuccessful", "aborted") and t.dep_ == "amod" and (
        t.head.lemma_.lower() in _event_nouns() or t.head.lower_ in _event_nouns())


SUBJ_THRESHOLD = 1.5
_SUBJ_FEATS = 7
NEUTRAL_LY = {
    "recently", "currently", "previously", "formerly", "only", "early", "nearly", "likely", "especially",
    "particularly", "mainly", "partly", "largely", "mostly", "finally", "initially", "publicly", "officially",
    "reportedly", "allegedly", "approximately", "roughly", "daily", "weekly", "monthly", "yearly", "annually",
    "directly", "immediately", "shortly", "eventually", "simultaneously", "subsequently", "originally", "locally",
    "nationally", "internationally", "jointly", "separately", "respectively", "specifically", "accordingly",
    "additionally", "lately", "newly", "fully", "family", "apply", "supply", "reply", "rally", "italy", "ally",
    "actually", "usually", "generally", "typically", "frequently", "occasionally", "repeatedly", "regularly",
    "rarely", "similarly", "likewise", "legally", "formally", "informally", "militarily", "economically",
    "politically", "financially", "technically", "physically", "digitally", "online", "briefly", "temporarily",
    "permanently", "partially", "completely", "entirely", "exactly", "increasingly", "gradually", "rapidly",
    "quickly", "slowly", "already", "early", "unanimously", "narrowly", "widely", "highly", "closely", "fairly",
    "nearly", "merely", "solely", "primarily", "overly", "equally", "independently", "collectively",
    "individually", "manually", "automatically", "electronically", "remotely", "anonymously", "privately",
    "secretly", "openly", "successfully", "barely", "scarcely", "reportedly", "apparently", "presumably", "supposedly", "seemingly",
}
EMPHASIS_WORDS = {"not", "all", "never", "no", "must", "every", "any", "none", "nothing", "always", "only", "is",
                  "are", "was", "were", "will", "do", "does", "did", "can", "very", "so", "real", "really", "this",
                  "that", "now", "more", "less", "most", "ever", "anyone", "everyone", "nobody", "zero", "false",
                  "true", "lie", "lies", "wrong", "right", "huge", "massive", "total", "totally", "absolutely"}
FACTUAL_NOUNS = {"casualty", "death", "injury", "report", "evidence", "sign", "record", "comment", "response",
                 "detail", "agreement", "deal", "talk", "plan", "information", "indication", "confirmation",
                 "statement", "word", "news", "change", "date", "decision", "official", "one", "survivor", "data"}


# sentence-level subjectivity (CheckThat!) counts a single evaluative word; a claim's "opinion"
# status asks for more (SUBJ_THRESHOLD), since calling a report an opinion loses a fact
SUBJECTIVE_THRESHOLD = 0.8


# The sentence-level decision uses a small logistic head over MiniLM embeddings plus the rule score
# (``knowledge/claims_subjectivity_head.json``, trained only on the project's own example sentences)
# when the optional embedding packages are installed, else the rules alone. The head is trained on a
# balanced set; news and op-ed text has more reports than opinions, and calling a report an opinion
# loses a fact, so SUBJ needs more than even odds.
SUBJECTIVE_PROBABILITY = 0.6


@functools.lru_cache(maxsize=None)
def _head(task: str):
    """``(weights, bias, rule_scale)`` of ``knowledge/claims_<task>_head.json``, or None when the
    file or the optional embedding packages are missing (then the rules decide alone)."""
    import json
    from pathlib import Path

    from . import claims_embed

    path = Path(__file__).resolve().parent.parent / "knowledge" / f"claims_{task}_head.json"
    if not path.is_file() or not claims_embed.available():
        return None
    import numpy as np

    h = json.loads(path.read_text(encoding="utf-8"))
    return np.asarray(h["weights"], dtype=np.float64), float(h["bias"]), float(h["rule_scale"])


def subjectivity_probabilities(docs) -> Optional[list]:
    """P(SUBJ) per sentence from the embedding head, or None when the head is unavailable."""
    head = _head("subjectivity")
    if head is None:
        return None
    import numpy as np

    from . import claims_embed

    docs = list(docs)
    if not docs:
        return []
    w, b, scale = head
    emb = claims_embed.embed([d.text for d in docs])
    rules = np.array([subjectivity_score(d)[0] for d in docs], dtype=np.float64)
    X = np.hstack([emb.astype(np.float64), (scale * np.clip(rules, -1.0, 4.0))[:, None]])
    return list(1.0 / (1.0 + np.exp(-(X @ w + b))))


def subjective_flags(docs, threshold: Optional[float] = None) -> list:
    """``is_subjective`` for many sentences at once (one embedding batch)."""
    docs = list(docs)
    probs = subjectivity_probabilities(docs)
    if probs is None:
        th = SUBJECTIVE_THRESHOLD if threshold is None else threshold
        return [subjectivity_score(d)[0] >= th for d in docs]
    return [p >= SUBJECTIVE_PROBABILITY for p in probs]


def is_subjective(doc, threshold: Optional[float] = None) -> bool:
    """Whether the sentence expresses the writer's opinion (CheckThat! SUBJ).

    ``threshold`` given: the rule score alone against it (no embeddings)."""
    if threshold is not None:
        return subjectivity_score(doc)[0] >= threshold
    return subjective_flags([doc])[0]


# --------------------------------------------------------------------------- check-worthiness

CONSEQUENTIAL = {
    "kill", "die", "attack", "bomb", "invade", "war", "vote", "pass", "sign", "ban", "cut", "raise",
    "increase", "decrease", "reduce", "spend", "fund", "tax", "cost", "lose", "gain", "create", "build",
    "support", "oppose", "sanction", "arrest", "detain", "release", "elect", "win", "fire", "hire",
    "approve", "reject", "veto", "deploy", "withdraw", "budget", "deficit", "debt", "job", "unemployment",
    "percent", "million", "billion", "trillion", "law", "bill", "treaty", "agreement", "deal", "nuclear",
    "weapon", "troop", "army", "military", "economy", "inflation", "price", "rate", "crime", "health",
    "insurance", "program", "policy", "government", "president", "senator", "congress", "administration",
}


def checkworthiness(doc) -> float:
    """How much ``doc`` (a sentence or clause) is a factual, specific, consequential claim (0..1):
    the embedding head when installed (``checkworthiness_scores``), else the rules."""
    return checkworthiness_scores([doc])[0]


def checkworthiness_scores(docs) -> list:
    """``checkworthiness`` for many sentences/clauses at once (one embedding batch)."""
    docs = list(docs)
    if not docs:
        return []
    rules = [checkworthiness_rules(d) for d in docs]
    head = _head("checkworthy")
    if head is None:
        return rules
    import math

    import numpy as np

    from . import claims_embed

    w, b, scale = head
    # a cascade: where the rules are sure (outside RULES_SURE_BAND) the head agrees with them (measured:
    # the same CFS F1 on the ClaimBuster dev set) and the embedding, geobrief's costliest step, is skipped
    lo, hi = RULES_SURE_BAND
    ask = [i for i, p in enumerate(rules) if lo < p < hi]
    out = [round(float(p), 4) for p in rules]
    if not ask:
        return out
    r = np.array([math.log(min(max(rules[i], 1e-4), 1 - 1e-4) / (1 - min(max(rules[i], 1e-4), 1 - 1e-4))) for i in ask])
    X = np.hstack([claims_embed.embed([docs[i].text for i in ask]).astype(np.float64), (scale * r)[:, None]])
    for i, x in zip(ask, 1.0 / (1.0 + np.exp(-(X @ w + b)))):
        out[i] = round(float(x), 4)
    return out


RULES_SURE_BAND = (0.2, 0.8)  # rule scores inside it go to the embedding head


def checkworthy_threshold() -> float:
    """The CFS decision point: even odds for the head (trained on a balanced set), 0.4 for the rules."""
    return 0.5 if _head("checkworthy") is not None else CHECKWORTHY_THRESHOLD


def checkworthiness_rules(doc) -> float:
    """The rules' check-worthiness of ``doc`` (0..1)."""
    toks = [t for t in _tokens(doc) if not t.is_space]
    if not toks:
        return 0.0
    words = [t for t in toks if not t.is_punct]
    s = 0.0
    # specific: numbers, dates, named entities
    if any(t.like_num or t.ent_type_ in ("CARDINAL", "PERCENT", "MONEY", "QUANTITY") for t in toks):
        s += 1.4
    if any(t.ent_type_ in ("DATE", "TIME", "ORDINAL") for t in toks):
        s += 0.4
    ents = {t.ent_type_ for t in toks if t.ent_type_ in NAMED_ENTS | {"LAW", "EVENT"}}
    s += 0.4 * min(len(ents), 2)
    # consequential vocabulary
    s += 0.35 * min(sum(1 for t in toks if t.lemma_.lower() in CONSEQUENTIAL), 3)
    # factual form: past tense / perfect assertions
    if any(t.tag_ in ("VBD", "VBN") and t.dep_ in ("ROOT", "conj", "ccomp") for t in toks):
        s += 0.5
    elif any(t.tag_ == "VBD" for t in toks):
        s += 0.3
    if any(t.tag_ in ("VBZ", "VBP") and t.dep_ == "ROOT" and t.lemma_ not in ("be", "have") for t in toks):
        s += 0.1
    # against: questions, opinions, predictions/promises, hedges, short or phatic turns
    if toks[-1].text == "?" or any(t.text == "?" for t in toks[-2:]):
        s -= 1.5
    subj, _ = subjectivity_score(doc)
    s -= 0.25 * min(subj, 4)
    if any(t.lower_ in ("will", "'ll", "gonna") and t.tag_ == "MD" for t in toks) or any(
            t.lower_ == "going" and t.i + 1 < len(t.doc) and t.nbor(1).lower_ == "to" for t in toks):
        s -= 0.8
    if any(t.lower_ in ("i", "we", "you") and t.dep_ == "nsubj" and t.head.lemma_ in
           ("think", "believe", "feel", "want", "hope", "wish", "thank", "guess", "intend", "need") for t in toks):
        s -= 0.8
    if any(t.lower_ in ("should", "must", "ought") for t in toks) or any(
            t.lower_ == "got" and t.i + 1 < len(t.doc) and t.nbor(1).lower_ == "to" for t in toks) or (
            toks[0].lower_ == "let"):
        s -= 0.6
    # a change or an action, stated in the past/perfect: "We have increased funding", "income has dropped"
    if any(t.tag_ in ("VBD", "VBN") and t.lemma_.lower() in CHANGE_VERBS for t in toks):
        s += 0.6
    # a comparison or a trend is checkable: "cleaner now", "the highest we've ever been", "going down"
    if any(t.tag_ in ("JJR", "RBR", "JJS", "RBS") for t in toks) or any(
            t.lemma_.lower() in TREND_WORDS for t in toks):
        s += 0.4
    if hedge_cues(doc, ("modal", "adverb", "epistemic_verb")):
        s -= 0.3
    # talk about the talk, not about the world: "let me go back to ...", "the point I want to make",
    # "if you look at ...", "I'd like to say"
    low = [t.lower_ for t in toks]
    if low[0] in ("let", "look") or "let me" in " ".join(low[:4]) or any(
            t.lower_ in ("i", "we", "you") and t.dep_ == "nsubj" and t.head.lemma_ in (
                "say", "talk", "speak", "make", "mention", "add", "look", "ask", "answer", "respond", "go")
            and any(c.lower_ in ("want", "like", "'d", "would", "let") or c.dep_ == "aux" and c.lower_ == "to"
                    for c in list(t.head.children) + list(t.head.head.children)) for t in toks):
        s -= 0.6
    # a present or past state of affairs with a concrete subject: "our police are outgunned",
    # "jobs are fleeing the country", "that state we controlled spending"
    if any(t.dep_ == "ROOT" and t.pos_ == "VERB" and t.tag_ in ("VBG", "VBN", "VBD") and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("i", "you") for c in t.children) for t in toks):
        s += 0.3
    if len(words) < 4:
        s -= 0.8
    elif len(words) > 14:
        s += 0.2
    # logistic squash around a neutral point
    import math

    return round(1.0 / (1.0 + math.exp(-1.6 * (s - 0.9))), 4)


CHECKWORTHY_THRESHOLD = 0.4
TREND_WORDS = {"majority", "minority", "record", "double", "half", "percent", "rise", "fall", "increase",
               "decrease", "grow", "growth", "decline", "up", "down", "average", "rate", "most", "fewer"}
CHANGE_VERBS = {"increase", "decrease", "rise", "fall", "drop", "grow", "double", "triple", "cut", "raise",
                "reduce", "lower", "lose", "gain", "add", "create", "vote", "pass", "sign", "spend", "kill",
                "invade", "attack", "bomb", "ban", "veto", "approve", "fund", "borrow", "owe", "shrink",
                "expand", "close", "open", "build", "destroy", "arrest", "release", "detain", "deploy"}


# --------------------------------------------------------------------------- attribution

@dataclass
class Attribution:
    cue: tuple[int, int]  # character offsets
    source: Optional[tuple[int, int]]
    content: Optional[tuple[int, int]]
    kind: str  # named | anonymous | author
    verb: str = ""
    cue_token: int = -1
    source_token: Optional[int] = None
    # False when what is "said" is an act on a thing, not a proposition ("promised Kyiv more tanks",
    # "gave a speech"): the writer reports the act; no claim rests on the speaker's word
    proposition: bool = True


CONTENT_DEPS = ("ccomp", "xcomp", "parataxis")
PASSIVE_BELIEF = {"believe", "say", "think", "report", "consider", "expect", "understand", "allege", "claim",
                  "rumor", "rumour", "know", "estimate", "suspect", "fear"}
# verbs whose direct object is what is communicated or shown ("cited the report", "described the plan")
OBJECT_CUES = {"cite", "mention", "note", "attack", "reject", "endorse", "liken", "defend", "oppose", "discuss", "describe", "document", "acknowledge", "announce", "reveal", "disclose",
               "repeat", "reiterate", "deny", "confirm", "dispute", "question", "predict", "promise", "pledge",
               "demand", "propose", "recommend", "praise", "criticize", "criticise", "condemn", "welcome",
               "blast", "slam", "dismiss"}
# verbs of talking about a topic ("spoke about", "warned against", "complained of")
TOPIC_CUES = {"speak", "talk", "write", "comment", "complain", "warn", "ask", "argue", "testify", "joke",
              "tweet", "boast", "rail", "reflect", "muse", "insist", "brief", "report", "caution", "lash",
              "weigh", "point", "hint", "elaborate", "remark", "express", "chant", "sing"}
TOPIC_PREPS = {"about", "of", "on", "against", "for", "over", "to"}
# speech verbs that report a quotation without a complement of their own: '"...," she added.'
BARE_SPEECH = {"say", "add", "continue", "explain", "write", "ask", "insist", "note", "recall", "tell",
               "reply", "respond", "answer", "argue", "warn", "tweet", "post", "declare", "quip", "joke",
               "state", "acknowledge", "admit", "concede", "counter", "retort", "demand", "shout", "exclaim",
               "plead", "yell", "scream", "whisper", "complain", "observe", "conclude", "sing", "chant",
               "wonder", "muse", "remark", "boast", "vow", "promise", "predict", "suggest", "recall", "emphasize",
               "emphasise", "stress", "caution", "urge", "announce", "confirm", "claim", "maintain", "assert"}


# verbs whose direct object is the person addressed, not what is said
ADDRESSEE_VERBS = {"tell", "ask", "inform", "brief", "urge", "warn", "remind", "assure", "promise", "answer",
                   "thank", "call", "quote", "cite"}


# verbs of telling someone that something is so
TELL_THAT = {"tell", "inform", "assure", "remind", "warn", "promise", "brief", "notify", "convince", "persuade"}


def _that_clause_of_addressee(t):
    """The complement clause of "told <addressee> that <clause>" misparsed as a relative clause of the
    addressee: a "that" clause with a subject of its own ("told a briefing that Doha had been ...");
    not a true relative clause ("told a briefing that was held on Monday": "that" is its subject)."""
    for obj in t.children:
        if obj.dep_ != "dobj":
            continue
        for r in obj.children:
            if r.dep_ in ("relcl", "acl") and r.i > obj.i and r.left_edge.lower_ == "that" and any(
                    c.dep_ in ("nsubj", "nsubjpass", "expl") and c.lower_ not in ("that", "which", "who")
                    for c in r.children):
                return r
    return None


def _provider(t):
    """Who released or made the evidence ``t`` ("photographs released by the ministry", "the
    ministry's figures", "footage from the army"), when it says so; else None."""
    if t.pos_ != "NOUN":  # (the small model may tag "Photographs" a PERSON: the part of speech decides)
        return None
    for c in t.children:
        if c.dep_ == "poss" and c.lower_ not in POSS_PRONOUNS and c.lower_ not in ("my", "our", "your"):
            return c
        if c.dep_ == "acl" and c.tag_ == "VBN":
            agent = next((g for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"), None)
            if agent is not None:
                return agent
        if c.dep_ == "prep" and c.lower_ in ("from", "by"):
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def _subjects(v) -> list:
    """The subject of the verb ``v`` on its own line (a headline or an ad line above that the parser
    hung on the verb is not its subject): the nearest one, or none."""
    text = doc_text(v.doc)
    subj = [c for c in v.children if c.dep_ == "nsubj" and "\n" not in text[min(c.idx, v.idx):max(c.idx, v.idx)]]
    return subj[-1:]


def _controller(t):
    """The understood speaker of a subjectless reporting verb: "went on to discuss" (xcomp),
    "by telling them" (pcomp), "papers opposing the unsealing" (acl: the noun), "continued to call for"."""
    cur = t
    for _ in range(3):
        h = cur.head
        if h.i == cur.i:
            return None
        if cur.dep_ == "acl" and h.pos_ in ("NOUN", "PROPN", "PRON"):
            return h  # "papers opposing the unsealing", "an ad attacking Clinton"
        if cur.dep_ in ("xcomp", "pcomp", "advcl", "conj", "prep"):
            subj = _subjects(h)
            if subj and h.pos_ in ("VERB", "AUX"):
                return subj[0]
            cur = h
            continue
        return None
    return None


@functools.lru_cache(maxsize=1)
def _attribution_cues() -> tuple[frozenset, frozenset, frozenset]:
    """(nouns, adjectives, said-nouns) of saying, thinking and stance (``claims_attribution_cues.tsv``)."""
    lx = {k: set(v.split(",")) for k, v in load_lexicon("claims_attribution_cues").items()}
    return tuple(frozenset(k for k, v in lx.items() if kind in v) for kind in ("noun", "adjective", "said"))


@functools.lru_cache(maxsize=1)
def _medium_nouns() -> frozenset:
    """Nouns of a document or occasion of saying ("in a statement", "in an interview")."""
    return frozenset(k for k, v in load_lexicon("claims_attribution_cues").items() if "medium" in v.split(","))


@functools.lru_cache(maxsize=1)
def _event_nouns() -> frozenset:
    """Nouns of an event, an act or a state of affairs ("the meeting", "the move")."""
    return frozenset(k for k, v in load_lexicon("claims_attribution_cues").items() if "event" in v.split(","))


# verbs that say what someone states and also what a thing indicates: "the spokesman signalled that ..."
# is a statement, "the meeting signals a shift" is the writer's reading of an event
INDICATION_VERBS = {"signal", "suggest", "show", "indicate", "reflect", "imply", "demonstrate", "prove", "hint",
                    "point", "confirm", "underline", "underscore", "highlight"}
DEMONSTRATIVES = {"this", "that", "these", "those"}


def _relative_head(t):
    """The noun a relative pronoun subject stands for ("the visit, which signals ..."): else ``t``."""
    if t.lower_ in ("which", "that", "who") and t.head.dep_ == "relcl" and t.head.head.i != t.head.i:
        return t.head.head
    return t


def _event_subject(v, subj) -> bool:
    """True when the subject of the indication verb ``v`` is an event or a state of affairs, not a
    speaker: an event noun ("the meeting signals"), a clause ("That he went suggests ..."), or a
    demonstrative pronoun pointing back at what was just told ("This shows ...")."""
    if v.lemma_.lower() not in INDICATION_VERBS:
        return False
    if subj is None:
        return any(c.dep_ == "csubj" for c in v.children)
    subj = _relative_head(subj)
    if subj.pos_ == "PRON":
        return subj.lower_ in DEMONSTRATIVES
    if subj.pos_ != "NOUN" or subj.ent_type_ in NAMED_ENTS:
        return False
    return subj.lemma_.lower() in _event_nouns() or subj.lower_ in _event_nouns()


def _relative_clauses(head) -> set:
    """Tokens of the relative and participial clauses that modify ``head`` ("the envoy who met
    Muttaqi", "a delegation led by Boehler"): whoever is named in them is spoken about, not speaking."""
    out = set()
    for c in head.children:
        if c.dep_ == "relcl" or (c.dep_ == "acl" and c.pos_ in ("VERB", "AUX")):
            out.update(c.subtree)
    return out


def _core_chars(t) -> tuple[int, int]:
    """The character span of the phrase ``t`` heads without its relative clauses."""
    return _subtree_chars(t, exclude=_relative_clauses(t))


# verbs of talking together: with partners or as the purpose of a trip or a meeting they tell of the
# meeting (an event the writer reports), not of what anyone said: "was there to discuss detained Americans",
# "discussed trade with Muttaqi", "the two sides discussed ..."; "the envoy went on to discuss ..." is speech
RECIPROCAL_VERBS = {"discuss", "debate", "negotiate", "confer"}


def _meeting_sense(t) -> bool:
    """True when the reciprocal verb ``t`` tells of a meeting rather than of one party's words."""
    if t.lemma_.lower() not in RECIPROCAL_VERBS:
        return False
    kids = list(t.children)
    if t.dep_ in ("advcl", "acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in kids) and \
            not any(c.dep_ == "prt" for c in t.head.children):
        # a purpose: "flew to Kabul to discuss", "was there to discuss", "a meeting to discuss" (not the
        # aspectual "went on to discuss")
        return True
    if any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in kids) or any(
            g.dep_ == "prep" and g.lower_ == "with" and g.i > t.i for c in kids if c.dep_ == "dobj" for g in c.children):
        return True
    subj = next((c for c in kids if c.dep_ == "nsubj"), None)
    if subj is None and t.dep_ in ("xcomp", "advcl", "conj"):
        subj = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return False
    subj = _relative_head(subj)
    return any(c.dep_ == "conj" for c in subj.children) or (subj.tag_ == "NNS" and any(
        c.lower_ in ("both", "two") for c in subj.children)) or subj.lower_ == "both"


# a pro-form that stands for the clause before it: "both sides have said as much", "officials said so"
PRO_CLAUSE = {"so", "this", "that", "same"}
# verbs that affirm what they report (not "denied it", "rejected this")
AFFIRMING = {"say", "confirm", "acknowledge", "admit", "agree", "concede", "state", "announce", "report", "tell",
             "indicate", "suggest", "signal", "believe", "think", "expect", "claim", "assert", "insist", "predict",
             "hint", "note", "add", "repeat", "reiterate", "stress", "write", "tweet", "post"}


def _pro_clause(v):
    """The pro-form object of the reporting verb ``v`` that stands for the clause before it ("said as
    much", "said so", "confirmed this"), or None."""
    if v.lemma_.lower() not in AFFIRMING or any(c.dep_ == "neg" for c in v.children):
        return None
    for c in v.children:
        if c.i < v.i or c.dep_ not in ("dobj", "advmod", "ccomp", "attr"):
            continue
        if c.lower_ == "much" and any(g.lower_ == "as" for g in c.children) or \
                c.lower_ == "much" and c.i > 0 and c.doc[c.i - 1].lower_ == "as":
            return c
        if c.lower_ in PRO_CLAUSE and not list(c.children) and (c.i + 1 >= len(c.doc) or c.doc[c.i + 1].is_punct
                                                                 or c.doc[c.i + 1].lower_ in ("too", "as")):
            return c
        if c.lower_ == "same" and any(g.lower_ == "the" for g in c.children):
            return c
    return None


# subjects that stand for the parties of an event told before: "both sides", "the two sides"
JOINT_NOUNS = {"side", "party", "country", "government", "delegation", "leader"}
MEETING_VERBS = {"meet", "talk", "negotiate", "hold", "host", "receive", "visit"}


def _joint_parties(doc, head) -> list:
    """The parties "both sides" (``head``) stands for: the subject and object of the last meeting told
    in the sentence or the one before ("The delegation that met Muttaqi ... both sides have said")."""
    if not (head.lemma_.lower() in JOINT_NOUNS and head.tag_ == "NNS" and any(
            c.lower_ in ("both", "two") for c in head.children)) and not (head.lower_ == "both" and head.pos_ == "PRON"):
        return []
    sents = [s for s in doc.sents if s.start <= head.i]
    lo = sents[-2].start if len(sents) >= 2 else (sents[-1].start if sents else 0)
    for v in reversed(doc[lo:head.i]):
        if v.pos_ != "VERB" or v.lemma_.lower() not in MEETING_VERBS:
            continue
        subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            subj = _relative_head(subj)
        obj = next((c for c in v.children if c.dep_ == "dobj" and c.lemma_.lower() not in ("talk", "talks")), None)
        if obj is None:
            obj = next((g for c in v.children if c.dep_ == "prep" and c.lower_ == "with"
                        for g in c.children if g.dep_ == "pobj"), None)
        if subj is None and v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN"):
            subj = v.head
        if subj is not None and obj is None:
            conj = [c for c in subj.children if c.dep_ == "conj"]
            if conj:
                return [subj, conj[0]]
        if subj is not None and obj is not None and subj.pos_ in ("NOUN", "PROPN") and obj.pos_ in ("NOUN", "PROPN"):
            return [subj, obj]
    return []


LIGHT_SPEECH_VERBS = {"make", "give", "issue", "offer", "deliver", "voice", "release", "publish", "provide",
                      "present", "put", "lodge", "file", "send", "post"}


POSS_PRONOUNS = {"his": "he", "her": "she", "their": "they", "its": "it"}
NO_SPEAKER = {"nobody", "none", "neither", "noone"}
COPULAS = {"be", "seem", "remain", "appear", "become", "sound", "look", "feel", "grow"}
STANCE_PREPS = {"of", "about", "on", "over", "to", "with", "against", "toward", "towards", "in"}


def _act_object(obj, quotes) -> bool:
    """Whether the object of a verb of promising or of a light verb of saying is a thing or an act, not
    a proposition: "promised Kyiv an arsenal", "gave a speech demonizing Iran" (the writer reports the
    act); not "declared its intention to take part", "issued a statement that ...", "a statement:
    ...", a quotation, nor "a statement saying ..."."""
    if _in_ranges(obj.idx, quotes) or obj.i + 1 < len(obj.doc) and obj.doc[obj.i + 1].text in QUOTE_OPEN:
        return False
    rep = lex().reporting
    for c in obj.children:
        if c.dep_ in ("acl", "ccomp") and (any(m.dep_ in ("mark", "aux") and m.lower_ in ("that", "to")
                                               for m in c.children) or rep.get(c.lemma_.lower()) == "speech"):
            return False
        if c.dep_ == "prep" and c.lower_ in ("on", "about", "over", "that"):
            return False
    end = obj.right_edge.i + 1
    return not (end < len(obj.doc) and obj.doc[end].text in (":",) + tuple(QUOTE_OPEN))


def _nominal_attributions(doc, found: list) -> list:
    """Attributions carried by a noun or an adjective rather than a verb.

    * "Trump's claim that ...", "warnings from his attorney that ...", "Clinton's comments on ...":
      a noun of saying/thinking with its source (possessive, or "from"/"by") or a that-clause;
    * "Sanders is critical of ...", "she was sure that ...": a stance adjective predicated of a
      person or body, with what the stance is about;
    """
    nouns, adjs, said = _attribution_cues()
    taken = [x.cue for x in found] + [x.source for x in found if x.source]
    quotes = _line_quote_ranges(doc_text(doc))
    out = []

    def free(i):
        a = doc[i].idx
        return not any(lo <= a < hi for lo, hi in taken)

    for t in doc:
        lem = t.lemma_.lower()
        if t.pos_ == "VERB" and lem in LIGHT_SPEECH_VERBS and free(t.i) and not _in_ranges(t.idx, quotes):
            # "issued a statement", "made the following comment", "offered no proof that ..."
            obj = next((c for c in t.children if c.dep_ == "dobj" and c.lemma_.lower() in said), None)
            subj = next((c for c in t.children if c.dep_ in ("nsubj", "agent")), None) or _controller(t)
            if obj is None or subj is None or subj.lower_ in ("i", "we", "you"):
                continue
            kind = _resolved_kind(doc, subj)
            if kind == "author":
                continue
            out.append(Attribution((t.idx, obj.idx + len(obj)), _subtree_chars(subj), _subtree_chars(obj), kind,
                                   lem, t.i, subj.i, not _act_object(obj, quotes)))
            taken.append((t.idx, obj.idx + len(obj)))
            continue
        if t.pos_ == "NOUN" and lem in nouns and free(t.i) and not _in_ranges(t.idx, quotes):
            kids = list(t.children)
            src_tok = next((c for c in kids if c.dep_ == "poss"), None)
            if src_tok is None:
                for c in kids:
                    if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by"):
                        src_tok = next((g for g in c.children if g.dep_ == "pobj"), None)
                        if src_tok is not None:
                            break
            content_tok = next((c for c in kids if c.dep_ in ("acl", "ccomp") and any(
                m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
            if content_tok is None:
                for c in kids:
                    if c.dep_ == "prep" and c.lower_ in ("of", "about", "on", "over", "against", "for", "that"):
                        content_tok = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                        if content_tok is not None:
                            break
            if src_tok is None or content_tok is None:
                continue  # a bare "the statement", "his remarks": no content to attribute
            if src_tok is not None and src_tok.lower_ in ("my", "our"):
                continue  # the writer's own view
            if content_tok is None and lem in ("speech", "interview", "letter", "message", "tweet", "question",
                                                 "answer", "response", "reply", "support", "opposition", "call",
                                                 "report", "view", "idea", "concern", "fear", "hope"):
                continue  # "his speech", "their support" with nothing said: no attribution
            kind = "anonymous"
            src = None
            if src_tok is not None:
                src = _subtree_chars(src_tok)
                kind = _resolved_kind(doc, src_tok)
                if kind == "author":
                    continue
            content = _subtree_chars(content_tok) if content_tok is not None else None
            out.append(Attribution((t.idx, t.idx + len(t)), src, content, kind, lem, t.i,
                                   src_tok.i if src_tok is not None else None))
        elif t.pos_ == "ADJ" and lem in adjs and t.dep_ == "acomp" and t.head.lemma_ in COPULAS and free(t.i) and \
                not _inner_stance(doc, t.head, quotes, "belief"):
            subj = [c for c in t.head.children if c.dep_ == "nsubj"]
            if not subj or subj[0].lower_ in ("it", "this", "that", "there", "i", "we") or subj[0].dep_ == "expl":
                continue
            s_tok = subj[0]
            if not (s_tok.pos_ in ("PROPN", "PRON") or s_tok.ent_type_ in NAMED_ENTS or
                    s_tok.lemma_.lower() in ANON_PEOPLE or s_tok.lemma_.lower() in lex().anon_nouns):
                continue  # "the plan is sure to fail": no one holds the stance
            content_tok = next((c for c in t.children if c.dep_ in ("ccomp", "xcomp")), None)
            hi = t
            if content_tok is None:
                prep = next((c for c in t.children if c.dep_ == "prep" and c.lower_ in STANCE_PREPS), None)
                if prep is not None:
                    content_tok = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)
                    hi = prep
            if content_tok is None:
                continue
            kind = _resolved_kind(doc, s_tok)
            if kind == "author":
                continue
            out.append(Attribution((t.idx, hi.idx + len(hi)), _subtree_chars(s_tok), _subtree_chars(content_tok),
                                   kind, lem, t.i, s_tok.i))
    return out


def _group_member(t) -> bool:
    """"one" as a member of a group that speaks ("one of them said", "one of the officials told ..."),
    not the generic pronoun of "one can argue": a partitive "of", or a plain past-tense report."""
    if t.lower_ != "one":
        return False
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children):
        return True
    v = t.head
    return v.tag_ == "VBD" and not any(c.dep_ == "aux" and c.tag_ == "MD" for c in v.children)


def _inner_stance(doc, t, quotes, vkind="belief") -> bool:
    """A reporting verb that is not an attribution of its own: inside a quotation (the quoted
    speaker's own words), or with a generic "you"/"one" subject; a verb of thinking or wanting
    also not in a question or nested under a verb of saying ("said he thinks ...": one
    attribution, the outer one)."""
    if _in_ranges(t.idx, quotes):
        return True
    if any(c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ == "you" or c.lower_ == "one" and not _group_member(c))
           for c in t.children):
        return True
    sent = t.sent
    if vkind not in ("belief", "intent", "evaluation"):
        return False  # a speech verb in a question or a report still attributes
    if vkind != "evaluation" and any(x.text == "?" for x in sent[-3:]):
        return True
    h = t
    for _ in range(2):
        if h.dep_ not in ("ccomp", "xcomp", "conj") or h.head.i == h.i:
            break
        h = h.head
        if h.lemma_.lower() in lex().reporting and lex().reporting[h.lemma_.lower()] == "speech":
            return True
    return False


# verbs of saying with another, non-verbal sense when they take a plain object
# ("the government has been recognised by few countries": a diplomatic act, not a statement)
CLAUSE_ONLY = {"maintain", "confirm", "answer", "recommend", "learn", "signal", "reflect", "recognise", "recognize"}


def _quote_credit(doc, t) -> bool:
    """A dash that credits a quotation ('"..." ― Mark Twain'), not a dash inside a sentence: right
    after a closing quotation mark (or opening its line), followed by a short name that ends the line."""
    if t.text == "”―":
        return True
    after_quote = t.i > 0 and (doc[t.i - 1].text in QUOTE_CLOSE or doc[t.i - 1].text.endswith(("”", '"')))
    line_start = t.i == 0 or "\n" in doc[t.i - 1].text or "\n" in doc[t.i - 1].whitespace_
    if not (after_quote or line_start):
        return False
    name = []
    for x in doc[t.i + 1: min(len(doc), t.i + 9)]:
        if "\n" in x.text or x.text in (".", "(") or x.is_space:
            break
        name.append(x)
    return bool(name) and len(name) <= 7 and (name[0].pos_ == "PROPN" or name[0].ent_type_ in NAMED_ENTS
                                               or name[0].is_title)


# evidence that speaks in a headline label: "Poll: Clinton and Trump in dead heat"
SOURCE_LABELS = {"poll", "survey", "study", "report", "analysis", "audit", "review", "census", "probe"}


def _speaker_label(doc, colon) -> Optional[tuple[int, int]]:
    """'PENCE: ...', '"WALLACE: ...', 'Caddell continued: ...': the speaker before a colon at line start."""
    lo = colon.i
    while lo > 0 and "\n" not in doc[lo - 1].text and "\n" not in doc[lo - 1].whitespace_ and colon.i - lo < 5:
        lo -= 1
    toks = [x for x in doc[lo:colon.i] if not (x.is_punct and x.text in QUOTE_OPEN + "(")]
    if not toks or len(toks) > 3:
        return None
    if all(x.ent_type_ in ("PERSON", "ORG") or x.pos_ == "PROPN" or x.is_upper for x in toks) or (
            len(toks) == 1 and toks[0].lemma_.lower() in SOURCE_LABELS) or (
            len(toks) >= 2 and toks[-1].lemma_ in BARE_SPEECH) or _anonymous_label(toks):
        return toks[0].idx, toks[-1].idx + len(toks[-1])
    return None


def _anonymous_label(toks) -> bool:
    """"Official: ...", "US sources: ...", "Senior diplomat: ...": a headline that quotes someone it
    does not name."""
    return bool(toks) and toks[0].text[:1].isupper() and toks[-1].pos_ in ("NOUN", "PROPN") and (
        toks[-1].lemma_.lower() in SPEAKER_NOUNS or toks[-1].lemma_.lower() in lex().anon_nouns) and not any(
        x.ent_type_ in ("PERSON", "ORG") for x in toks)


def _previous_quote(doc, t) -> Optional[tuple[int, int]]:
    """The quotation just before a bare speech verb (same or previous sentence)."""
    lo = max(0, t.i - 80)
    close = None
    for j in range(t.i - 1, lo - 1, -1):
        if doc[j].text in QUOTE_CLOSE or doc[j].text.endswith(("”", '"')):
            close = j
            break
        if doc[j].text in (".", "!", "?") and j < t.i - 6:
            break
    if close is None:
        return None
    for j in range(close - 1, lo - 1, -1):
        if doc[j].text in QUOTE_OPEN or doc[j].text.startswith(("“", '"')):
            return doc[j].idx, doc[close].idx + len(doc[close])
    return None


ANON_PEOPLE = {"official", "source", "diplomat", "insider", "aide", "person", "people", "analyst", "observer",
               "expert", "witness", "resident", "critic", "officer", "member", "commander", "leader"}


def _source_kind(doc, head) -> str:
    """named | anonymous | author | pronoun for the source whose head token is ``head``."""
    rel = _relative_clauses(head)  # "the envoy who met Muttaqi": Muttaqi does not make the envoy named
    sub = [t for t in head.subtree if t not in rel]
    low = head.lower_
    if low in ("i", "we"):
        return "author"
    if _group_member(head) and not any(t.ent_type_ == "PERSON" for t in sub):
        return "anonymous"  # "one of the Taliban negotiators": an unnamed member of a (named) group
    if head.pos_ == "NOUN" and not any(t.ent_type_ in ("PERSON", "ORG") for t in sub) and (
            head.tag_ == "NNS" or head.lemma_.lower() in lex().anon_nouns and not any(
                c.dep_ == "det" and c.lower_ == "the" for c in head.children)):
        # "a spokesman for the Kabul police", "DC insiders", "Afghan officials": a place or a nationality
        # does not name the people, nor an unnamed unit its spokesman
        return "anonymous"
    if any(t.ent_type_ in NAMED_ENTS and t.ent_type_ != "NORP" or t.pos_ == "PROPN" for t in sub):
        # "a Taliban official", "two Western diplomats", "sources close to the ministry": unnamed people
        # of a named body stay anonymous; an on-the-record spokesperson of a named body is named
        if head.lemma_.lower() in ANON_PEOPLE and not any(t.ent_type_ == "PERSON" for t in sub) and (
                any(c.dep_ == "det" and c.lower_ in ("a", "an", "some", "several", "one", "two", "three")
                    for c in head.children) or head.tag_ == "NNS"):
            return "anonymous"
        # "a State Department spokesperson", "Muttaqi", "the Taliban"
        if head.lemma_.lower() in lex().anon_nouns and head.lemma_.lower() in ("source", "observer", "analyst",
                                                                               "expert", "diplomat", "insider",
                                                                               "people", "person", "official",
                                                                               "witness", "resident", "critic"):
            # "Western diplomats", "Afghan officials": group nouns modified by a place stay anonymous
            if not any(t.ent_type_ in ("PERSON", "ORG") for t in sub):
                return "anonymous"
        return "named"
    if low in PRONOUNS:
        return "pronoun"
    if head.lemma_.lower() in lex().anon_nouns or low in lex().anon_nouns:
        if any(c.dep_ == "det" and c.lower_ == "the" for c in head.children) and head.tag_ == "NN" and \
                head.lemma_.lower() in ("spokesperson", "spokesman", "spokeswoman", "official", "minister"):
            return "named"  # "the spokesperson": the one already introduced
        return "anonymous"
    if head.pos_ == "NOUN":
        # "the ministry", "the envoy": a definite description of a known actor counts as named
        if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children) or any(
                c.dep_ == "poss" for c in head.children):
            return "named"
        return "anonymous"
    return "anonymous"


def _resolved_kind(doc, tok) -> str:
    """The source kind of ``tok`` with pronouns (and possessives: "his statement") resolved:
    named when the pronoun stands for a name nearby, else anonymous."""
    kind = "pronoun" if tok.lower_ in POSS_PRONOUNS else _source_kind(doc, tok)
    if kind == "pronoun":
        return _pronoun_kind(doc, tok)
    return kind


def _pronoun_kind(doc, tok) -> str:
    """named | anonymous for a pronoun source: as its antecedent is ("a Taliban official said ... He
    added": anonymous), anonymous when there is none."""
    found = _pronoun_antecedent(doc, tok)
    if found is None:
        return "anonymous"
    _, head, is_name = found
    if is_name:
        return "named"
    kind = _source_kind(doc, head)
    return kind if kind in ("named", "anonymous") else "anonymous"


def _resolve_pronoun(doc, tok) -> Optional[tuple[int, int]]:
    """The nearest preceding name a pronoun source refers to (within ~2 sentences)."""
    found = _pronoun_antecedent(doc, tok)
    return found[0] if found else None


SPEAKER_NOUNS = ANON_PEOPLE | {"spokesman", "spokeswoman", "spokesperson", "minister", "envoy", "ambassador",
                               "president", "governor", "secretary", "chief", "director", "negotiator"}


def _pronoun_antecedent(doc, tok):
    """``(char span, head token, is_name)`` of what a pronoun source refers to, or None.

    The last speaker (the subject of a reporting verb) before the pronoun wins over a person only
    spoken about; a speaker may be a name or, for "he"/"she", a person noun ("a spokesman for the
    police said ... He said"). No name within ~2 sentences: the last speaker up to ~5 sentences back
    ('"...," he said' three paragraphs into a spokesman's statement). A dateline ("JALALABAD, ...")
    is never anyone."""
    # a country is "it", not "they": "They said ..." after "talks with Pakistan" is the people who spoke
    want = {"he": ("PERSON",), "she": ("PERSON",), "him": ("PERSON",), "her": ("PERSON",),
            "they": ("ORG", "NORP"), "them": ("ORG", "NORP")}.get(
        tok.lower_, ("PERSON", "ORG", "GPE", "NORP"))
    person = want == ("PERSON",)
    plural = tok.lower_ in ("they", "them")
    if tok.lower_ == "it" and tok.dep_ == "nsubj":
        # "The ministry thanked Qatar for what it called ...": "it" in a clause under a verb whose subject
        # is a body or a state is that subject, not the nearest name (the object)
        cur = tok.head
        for _ in range(4):
            if cur.dep_ not in ("pcomp", "relcl", "ccomp", "advcl", "acl", "pobj", "prep", "dobj", "conj") or \
                    cur.head.i == cur.i:
                break
            cur = cur.head
            subj = next((c for c in cur.children if c.dep_ == "nsubj"), None) if cur.pos_ in ("VERB", "AUX") else None
            if subj is not None:
                if subj.lower_ not in PRONOUNS and subj.pos_ in ("NOUN", "PROPN") and subj.tag_ in ("NN", "NNP") \
                        and subj.ent_type_ != "PERSON" and not _in_dateline(doc, subj):
                    return _subtree_chars(subj), subj, subj.pos_ == "PROPN" or bool(subj.ent_type_)
                break
    sent_starts = [s.start for s in doc.sents if s.start <= tok.i]
    ranges = dateline_ranges(doc_text(doc))
    reporting = lex().reporting
    for back, speakers_only in ((3, False), (6, True)):
        lo_tok = sent_starts[-back] if len(sent_starts) >= back else 0
        near = [ent for ent in doc.ents if ent.end <= tok.i and ent.start >= lo_tok
                and not any(lo <= ent.start_char < hi for lo, hi in ranges)]
        cands = [ent for ent in near if ent.label_ in want]
        # '"...," he said' continues the last speaker, not the last person spoken about:
        # "Balkhi denied that Khalilzad met them. '...,' he said" is Balkhi (a lone surname the small
        # model often tags ORG counts as a person when it is the speaker)
        speakers = [(e.start, (e.start_char, e.end_char), e.root, True) for e in near
                    if (e.label_ in want or (person and e.label_ == "ORG" and len(e) == 1 and e.root.pos_ == "PROPN"))
                    and e.root.dep_ in ("nsubj", "appos") and e.root.head.lemma_.lower() in reporting]
        if person:
            ent_toks = {t.i for e in near for t in e}
            speakers += [(t.i, _subtree_chars(t), t, False) for t in doc[lo_tok:tok.i]
                         if t.dep_ == "nsubj" and t.pos_ == "NOUN" and t.lemma_.lower() in SPEAKER_NOUNS
                         and t.tag_ in ("NN", "NNP") and t.i not in ent_toks
                         and t.head.lemma_.lower() in reporting and not _group_member(t)]
        if plural:
            # "officials said ... They added", "The pundits talk about ...; they tell us": a plural noun
            # that spoke
            ent_toks = {t.i for e in near for t in e}
            speakers += [(t.i, _subtree_chars(t), t, False) for t in doc[lo_tok:tok.i]
                         if t.dep_ == "nsubj" and t.pos_ == "NOUN" and t.tag_ == "NNS" and t.i not in ent_toks
                         and t.head.lemma_.lower() in reporting and not _in_dateline(doc, t)]
        if speakers:
            _, span, head, is_name = max(speakers, key=lambda x: x[0])
            return span, head, is_name
        if cands and not speakers_only:
            best = cands[-1]
            return (best.start_char, best.end_char), best.root, True
    return None


def _said_owner(doc, head):
    """Who issued "the statement" (``head``): the owner of the latest earlier mention of the same
    noun — "X said in a statement", "X issued a statement", "X's statement", "a statement by/of X"
    (the headline of a statement that is the text itself: "Statement of the Spokesman of ...")."""
    lem = head.lemma_.lower()
    for s in reversed(doc[:head.i]):
        if s.lemma_.lower() != lem or s.pos_ not in ("NOUN", "PROPN"):
            continue
        for c in s.children:
            if c.dep_ == "poss" and c.lower_ not in ("my", "our"):
                return c
            if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from", "of"):
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None and pobj.pos_ in ("PROPN", "NOUN", "PRON"):
                    return pobj
        v = s.head.head if s.dep_ == "pobj" and s.head.lower_ == "in" else (
            s.head if s.dep_ == "dobj" and s.head.lemma_.lower() in LIGHT_SPEECH_VERBS else None)
        if v is not None and v.pos_ in ("VERB", "AUX"):
            subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ not in ("i", "we", "you"):
                return subj
    return None


def _unsaid(doc, a: Attribution) -> bool:
    """True when the attribution's verb is negated or its speaker is nobody."""
    if a.cue_token < 0:
        return False
    t = doc[a.cue_token]
    return any(c.dep_ == "neg" for c in t.children) or any(
        c.dep_ == "nsubj" and (c.lower_ in NO_SPEAKER or any(d.dep_ == "det" and d.lower_ in ("neither", "no")
                                                            for d in c.children)) for c in t.children)


def _subordinate(t) -> bool:
    """A complement clause ("that Kabul would respond", "whether the meeting signals ..."): never the
    reporting clause of a quotation ('"...," he said'), whatever its verb."""
    return any(c.dep_ == "mark" and c.lower_ in ("that", "whether", "if") for c in t.children)


UNREAL_MODALS = {"should", "must", "ought", "shall", "may", "might"}


def _quoted_as_saying(doc, t) -> Optional[Attribution]:
    """"<medium> quoted <X> as saying (that) ...": X is the speaker (the medium only relays X's words);
    with nothing after "saying", what X said is the clause before the reporting clause ("A signed a
    contract ..., the agency quoted an official as saying on Tuesday")."""
    if t.lemma_.lower() not in ("quote", "cite"):
        return None
    obj = next((c for c in t.children if c.dep_ == "dobj"), None)
    say = next((g for c in t.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children
                if g.dep_ == "pcomp" and lex().reporting.get(g.lemma_.lower()) == "speech"), None)
    if obj is None or say is None:
        return None
    content_tok = next((c for c in say.children if c.dep_ in ("ccomp", "xcomp", "dobj")), None)
    if content_tok is not None:
        content = _subtree_chars(content_tok)
    else:
        subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
        left = min(t.i, subj.left_edge.i if subj is not None else t.i)
        sent = t.sent
        comma = next((j for j in range(left - 1, sent.start, -1) if doc[j].text == ","), None)
        toks = [x for x in doc[sent.start:comma] if not x.is_space] if comma is not None else []
        content = _span_chars(toks) if toks else None
    kind = _source_kind(doc, obj)
    if kind == "pronoun":
        kind = _pronoun_kind(doc, obj)
    return Attribution((t.idx, say.idx + len(say)), _subtree_chars(obj), content, kind, "quote", say.i, obj.i)


def attribution_spans(doc) -> list[Attribution]:
    """Attributions in ``doc``: cue, source and content character spans (PolNeAR's notion)."""
    L = lex()
    out: list[Attribution] = []
    used = set()
    quotes = _line_quote_ranges(doc_text(doc))
    for t in doc:
        lem = t.lemma_.lower()
        # "according to X"
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            to = doc[t.i + 1]
            pobj = [c for c in to.children if c.dep_ == "pobj"]
            src = _subtree_chars(pobj[0]) if pobj else None
            kind = _source_kind(doc, pobj[0]) if pobj else "anonymous"
            head = t.head if t.head.i != t.i else None
            content = None
            if head is not None:
                excl = set(t.subtree)
                toks = [x for x in head.sent if x not in excl and not x.is_punct]
                if toks:
                    content = _span_chars(toks)
            out.append(Attribution((t.idx, to.idx + len(to)), src, content, kind, "according to", t.i,
                                   pobj[0].i if pobj else None))
            used.add(t.i)
            continue
        if t.pos_ not in ("VERB", "AUX") or t.i in used:
            continue
        if lem not in L.reporting:
            continue
        vkind = L.reporting[lem]
        if _inner_stance(doc, t, quotes, vkind) or vkind in ("belief", "evaluation") and any(
                c.dep_ == "aux" and c.lower_ in UNREAL_MODALS for c in t.children):
            continue  # "Congress should consider whether ...": a saying urged or supposed, not one reported
        quoted = _quoted_as_saying(doc, t)
        if quoted is not None:
            out.append(quoted)
            used.add(quoted.cue_token)
            continue
        children = list(t.children)
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in children) and (
                t.head.lemma_.lower() in L.reporting or t.dep_ not in ("xcomp", "advcl", "acl", "relcl")
                or t.dep_ in ("acl", "relcl") and t.head.pos_ in ("NOUN", "PROPN")):
            # "wants to talk about": the outer verb carries it ("went on to discuss" does not); "a way to
            # explain away", "a chance to say": a possible saying, not one that happened
            continue
        deps = {c.dep_ for c in children}
        content_tok = None
        for c in children:
            if c.dep_ in ("ccomp",) or (c.dep_ == "xcomp" and vkind in ("intent", "belief", "speech")):
                content_tok = c
                break
        # "..., he said." — the reporting clause hangs off the content as parataxis/ccomp
        inverse = None
        if content_tok is None and t.dep_ in ("parataxis", "ccomp") and t.head.i < t.i and vkind == "speech" and \
                t.head.lemma_.lower() not in L.reporting and not _subordinate(t):
            # (a clause with "whether"/"if"/"that" is subordinate: "is whether the meeting signals ...")
            # ('"...," he said' parsed with "said" under the quotation; not "said he would not answer")
            inverse = t.head
        if content_tok is None and inverse is None:
            # dobj that is a quotation, or "call X Y", "call for", "call on"
            if lem == "call" and ("oprd" in deps or any(c.dep_ == "prep" and c.lower_ in ("for", "on")
                                                         for c in children) or ("dobj" in deps and any(
                    c.dep_ == "nsubj" and c.lemma_.lower() in ("some", "many", "critic", "other", "others")
                    for c in children))):
                content_tok = next((c for c in children if c.dep_ in ("oprd", "dobj", "prep")), None)
            elif "dobj" in deps and vkind in ("speech", "evaluation") and any(
                    x.text in QUOTE_OPEN for x in doc[t.i + 1: min(t.i + 4, len(doc))]):
                content_tok = next(c for c in children if c.dep_ == "dobj")
            elif vkind == "evaluation" and "dobj" in deps and any(
                    c.dep_ == "nsubj" and (c.ent_type_ in NAMED_ENTS or c.pos_ == "PROPN") for c in children):
                content_tok = next(c for c in children if c.dep_ == "dobj")
            elif lem in TELL_THAT and _that_clause_of_addressee(t) is not None:
                # "told a weekly briefing that Doha had been in contact": the that-clause is what was said
                # (the parser hangs it on the addressee as a relative clause)
                content_tok = _that_clause_of_addressee(t)
            elif lem in ("tell", "ask") and "dobj" in deps and ("ccomp" in deps or "xcomp" in deps):
                content_tok = next(c for c in children if c.dep_ in ("ccomp", "xcomp"))
            elif vkind == "evaluation" and "dobj" in deps and any(
                    c.dep_ == "nsubj" and c.lower_ in ("he", "she", "they") for c in children):
                content_tok = next(c for c in children if c.dep_ == "dobj")
            elif lem in OBJECT_CUES and "dobj" in deps:
                content_tok = next(c for c in children if c.dep_ == "dobj")
            elif lem in TOPIC_CUES and any(c.dep_ == "prep" and c.lower_ in TOPIC_PREPS for c in children):
                content_tok = next(c for c in children if c.dep_ == "prep" and c.lower_ in TOPIC_PREPS)
            elif lem in BARE_SPEECH and not deps & {"dobj", "ccomp", "xcomp", "attr", "acomp"} and (
                    "nsubj" in deps or t.dep_ in ("parataxis", "ccomp")) and not _subordinate(t):
                # '"...," he said.' with the quotation parsed as another sentence
                content_tok = None
                inverse = t.head if t.head.i != t.i else t
            elif (vkind in ("speech", "evaluation") or lem in ("show", "indicate")) and "dobj" in deps and \
                    lem not in ADDRESSEE_VERBS:
                # "stressed her support", "proclaimed a goal", "accusing her of ...": what is said or
                # judged is the object (verbs of telling take the addressee as object: not content)
                content_tok = next(c for c in children if c.dep_ == "dobj")
            elif lem in ADDRESSEE_VERBS and "dobj" in deps and any(
                    c.dep_ == "prep" and c.lower_ in TOPIC_PREPS for c in children):
                content_tok = next(c for c in children if c.dep_ == "prep" and c.lower_ in TOPIC_PREPS)
            elif ("nsubjpass" in deps or "auxpass" in deps) and "agent" in deps:
                # "was first reported by The Washington Post": the passive subject is the content
                content_tok = next((c for c in children if c.dep_ == "nsubjpass"), None)
                if content_tok is None:
                    continue
            else:
                continue
        if lem in CLAUSE_ONLY and (content_tok is None or content_tok.dep_ not in ("ccomp", "xcomp")) and \
                inverse is None:
            continue  # "maintain a presence", "confirm a nominee", "answer questions": not saying
        if lem in ("speak", "talk") and content_tok is not None and content_tok.dep_ == "prep" and \
                content_tok.lower_ not in ("about", "of", "on", "over"):
            continue  # "spoke to students", "spoke for five minutes": no content
        # not "MINSK - Belarus" (a dateline), nor a line above the verb's (a misparsed headline or ad line)
        subj = [c for c in _subjects(t) if not _in_dateline(doc, c)]
        agent = [g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        passive = "nsubjpass" in deps or "auxpass" in deps
        if passive and not agent and lem not in PASSIVE_BELIEF and not any(c.dep_ == "ccomp" for c in children):
            continue  # "Doha had been informed about the meeting": told, not telling
        if _meeting_sense(t):
            continue
        if not agent and _event_subject(t, subj[0] if subj else None):
            continue  # "the meeting signals a shift", "This suggests ...": the writer reads an event
        src_tok = subj[0] if subj else (agent[0] if agent else None)
        if src_tok is None and t.dep_ in ("conj", "advcl", "xcomp") and not passive:
            hs = _subjects(t.head)
            src_tok = hs[0] if hs else None
        if src_tok is not None and src_tok.dep_ == "expl":
            src_tok = None
        if src_tok is not None and src_tok.lower_ in ("who", "which", "that", "whom"):
            # "the minister, who said ...": a relative pronoun is never the source, its noun is
            src_tok = _relative_head(src_tok)
            if src_tok.lower_ in ("who", "which", "that", "whom"):
                src_tok = None
        if src_tok is None and not passive:
            if t.tag_ == "VBG" and t.dep_ in ("advcl", "xcomp"):  # "..., saying that"
                hs = _subjects(t.head)
                src_tok = hs[0] if hs else None
            if src_tok is None:
                src_tok = _controller(t)
            if src_tok is None and t.dep_ not in ("parataxis", "ccomp", "ROOT", "conj", "advcl", "relcl"):
                continue
        if src_tok is not None and vkind == "evidence":
            # "Photographs released by the ministry showed ...": the evidence speaks for whoever released it
            src_tok = _provider(src_tok) or src_tok
        # cue: auxiliaries + verb + particle ("has said", "pointed out", "called for")
        lo = t.i
        for c in children:
            if c.dep_ in ("aux", "auxpass", "neg") and c.i < t.i and c.i >= t.i - 3:
                lo = min(lo, c.i)
        hi = t.i
        for c in children:
            if c.dep_ == "prt" and c.i == t.i + 1:
                hi = c.i
            if lem == "call" and c.dep_ == "prep" and c.lower_ in ("for", "on") and c.i == t.i + 1:
                hi = c.i
        cue = (doc[lo].idx, doc[hi].idx + len(doc[hi]))
        if src_tok is not None:
            src = _subtree_chars(src_tok)
            kind = _source_kind(doc, src_tok)
            if kind == "pronoun":
                kind = _pronoun_kind(doc, src_tok)
        else:
            src = None
            kind = "anonymous"
        pro = _pro_clause(t) if t.dep_ == "conj" and t.head.i < t.i else None
        if pro is not None:
            # "..., and both sides have said as much": what is said is the clause before
            toks = [x for x in t.head.subtree if x.i < t.i and x not in set(t.subtree)]
            while toks and (toks[-1].is_punct or toks[-1].dep_ == "cc"):
                toks.pop()
            content = _span_chars(toks) if toks else _subtree_chars(pro)
        elif content_tok is not None:
            content = _subtree_chars(content_tok)
        elif inverse is not None and inverse.i == t.i:
            content = _previous_quote(doc, t)
        else:
            excl = set(t.subtree)
            toks = [x for x in inverse.subtree if x not in excl]
            while toks and toks[-1].is_punct and toks[-1].text not in QUOTE_CLOSE:
                toks.pop()
            content = _span_chars(toks) if toks else None
        prop = not (vkind == "intent" and content_tok is not None and content_tok.dep_ == "dobj"
                    and _act_object(content_tok, quotes))
        out.append(Attribution(cue, src, content, kind, lem, t.i, src_tok.i if src_tok is not None else None, prop))
    # "The ministry thanked Qatar in a statement for ...": what is done in a statement (an interview, a
    # letter) is said, whatever the verb; its subject is the source
    media = _medium_nouns()
    taken = {x.cue_token for x in out}
    for t in doc:
        if t.pos_ != "VERB" or t.i in taken or _in_ranges(t.idx, quotes):
            continue
        prep = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "in" and any(
            g.dep_ == "pobj" and g.lemma_.lower() in media for g in c.children)), None)
        subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
        if prep is None or subj is None or subj.lower_ in ("you", "one") or _inner_stance(doc, t, quotes, "speech"):
            continue
        kind = _resolved_kind(doc, subj)
        if kind == "author":
            continue
        medium = next(g for g in prep.children if g.dep_ == "pobj")
        skip = {prep, medium} | {c for c in medium.children if c.dep_ in ("det", "amod", "compound", "poss")}
        toks = [x for x in t.subtree if x.i > t.i and x not in skip]
        while toks and toks[-1].is_punct:
            toks.pop()
        while toks and toks[0].is_punct:
            toks.pop(0)
        out.append(Attribution((t.idx, t.idx + len(t)), _subtree_chars(subj), _span_chars(toks) if toks else None,
                               kind, t.lemma_.lower(), t.i, subj.i))
    # "“…” ― Name" (quotation credits) and "Name: …" (a speaker's label)
    for t in doc:
        if t.text in ("―", "”―", "—") and _quote_credit(doc, t):
            rest = [x for x in doc[t.i + 1: min(len(doc), t.i + 8)]]
            name = []
            for x in rest:
                if "\n" in x.text or x.text in (".", "(", ","):
                    break
                name.append(x)
            src = _span_chars(name) if name else None
            out.append(Attribution((t.idx, t.idx + len(t)), src, _previous_quote(doc, t), "named", "dash", t.i, None))
        elif t.text == ":" and _speaker_label(doc, t) is not None:
            src = _speaker_label(doc, t)
            nl = doc_text(doc).find("\n", t.idx)
            # a label's words run to the end of its line (the parser may end the sentence at the colon)
            end = len(doc_text(doc)) if nl < 0 else nl
            line = doc_text(doc)[t.idx + 1:end].rstrip()
            label = doc_text(doc)[src[0]:src[1]]
            nxt_char = doc_text(doc)[end:end + 6].lstrip()[:1]
            if not line and nxt_char and (nxt_char in QUOTE_OPEN or (label.isupper() and len(label) > 1)):
                # "Caddell continued:" closing its line, the quotation in the next paragraph
                nxt = doc_text(doc)[end:].lstrip()
                a = len(doc_text(doc)) - len(nxt)
                b = doc_text(doc).find("\n", a)
                b = len(doc_text(doc)) if b < 0 else b
                out.append(Attribution((t.idx, t.idx + 1), src, (a, b), "named", "colon", t.i, t.sent.start))
                continue
            label_toks = [x for x in doc[max(0, t.i - 5):t.i] if x.idx >= src[0] and not x.is_punct]
            anonymous = _anonymous_label(label_toks)
            named_label = anonymous or all(x.ent_type_ in ("PERSON", "ORG") or x.lemma_.lower() in SOURCE_LABELS
                                           for x in label_toks[-3:])
            if not line or (line[-1] not in ".?!\"”’'" and not named_label):
                continue  # a headline "Topic: What X Isn't Telling You", not a speaker's words
            out.append(Attribution((t.idx, t.idx + 1), src, (t.idx + 1, end), "anonymous" if anonymous else "named",
                                   "colon", t.i, t.sent.start))
    out.extend(_nominal_attributions(doc, out))
    # impersonal anonymous patterns: "it is believed that", "is said to", "sources say"
    for sent in doc.sents:
        toks = list(sent)
        for i, j, cue in L.anon.find(toks, lemma_single=False):
            a, b = toks[i].idx, toks[j - 1].idx + len(toks[j - 1])
            if any(x.cue[0] < b and a < x.cue[1] or (x.source and x.source[0] < b and a < x.source[1])
                   for x in out):
                # already found through the parse; make sure the source is marked anonymous, and that
                # an impersonal passive ("It is believed") is its own source span
                for x in out:
                    if x.source is None and x.cue[0] < b and a < x.cue[1] and cue.startswith("it "):
                        x.source = (a, b)
                        x.kind = "anonymous"
                for x in out:
                    if x.source and x.source[0] < b and a < x.source[1] and x.kind != "author":
                        x.kind = "anonymous" if cue.startswith(("sources", "according to")) else x.kind
                continue
            if cue in ("reportedly", "allegedly", "purportedly"):
                src = None
            else:
                src = (a, b)
            content = (toks[j].idx, sent.end_char) if j < len(toks) else None
            out.append(Attribution((a, b), src, content, "anonymous", cue, toks[i].i, None))
    ranges = dateline_ranges(doc_text(doc))
    if ranges:  # "DOHA - Qatar said": the dateline is where the story was filed, not part of the source
        out = [x for x in out if not any(lo <= x.cue[0] < hi for lo, hi in ranges)]
        for x in out:
            x.source = _clip_dateline(x.source, ranges, doc_text(doc))
            x.content = _clip_dateline(x.content, ranges, doc_text(doc))
    out.sort(key=lambda x: x.cue)
    return out


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


# --------------------------------------------------------------------------- segmentation

ASSESSMENT_NOUNS = {"assessment", "claim", "report", "view", "statement", "estimate", "account", "assurance",
                    "prediction", "forecast", "promise"}


def _writers_concession(t) -> bool:
    """A trailing "though/although" clause that comments on a report rather than continuing it: on the
    reporting verb itself ("X say A, though ..."), or inside what was said when it talks about the
    saying ("..., though such assessments are often more hope than analysis")."""
    if not any(c.dep_ == "mark" and c.lower_ in ("though", "although") for c in t.children):
        return False
    h = t.head
    if h.lemma_.lower() in lex().reporting:
        return True
    if any(c.dep_ == "parataxis" and lex().reporting.get(c.lemma_.lower()) == "speech" and c.i < t.i
           for c in h.children) and not _in_ranges(t.idx, _line_quote_ranges(doc_text(t.doc))):
        # "The test, the ministry said, was its biggest, although it may take days to ...": a concession
        # after the report, outside any quotation, is the writer's
        return True
    if h.dep_ == "ccomp" and h.head.lemma_.lower() in lex().reporting:
        subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        return any(s.lemma_.lower() in ASSESSMENT_NOUNS or any(d.lower_ in ("such", "these", "those", "this", "that")
                                                             for d in s.children if d.dep_ == "det" or d.dep_ == "amod")
                   for s in subj)
    return False


def _reported_relative(t, end: int) -> bool:
    """A relative clause set off by a comma, running to the end of the clause, whose verb reports what
    someone of its own (not the relative pronoun) says or thinks."""
    doc = t.doc
    lo = t.left_edge.i
    if lo == 0 or doc[lo - 1].text != "," or t.right_edge.i < end - 2 or t.right_edge.i >= end:
        return False
    if lex().reporting.get(t.lemma_.lower()) in ("speech", "belief") and any(
            c.dep_ == "nsubj" and c.lower_ not in ("who", "which", "that", "whom") for c in t.children):
        return True
    # "..., which is its only ally and considered the only power that can restrain it": a hedged aside
    rel = [c for c in hedge_cues(doc[lo:end], STATUS_HEDGE_KINDS) if not _generic_modal(doc, c)]
    return bool(rel) and not hedge_cues(doc[doc[lo].sent.start:lo], STATUS_HEDGE_KINDS)


def _status_markers(doc, toks) -> set:
    """What sets a predicate's certainty: its modals of possibility and its future auxiliaries."""
    out = set()
    for x in toks:
        if x.tag_ == "MD" and x.lower_ in ("may", "might", "could", "will", "'ll", "would", "wo", "shall"):
            out.add("future" if x.lower_ in ("will", "'ll", "wo", "shall") else "possible")
    return out


def _status_differs(doc, t, start: int, end: int) -> bool:
    """Whether the coordinated predicate ``t`` (sharing the subject of its head verb) has a modal or a
    future its head's own part lacks, or the reverse."""
    h = t.head
    if t.pos_ not in ("VERB", "AUX") or h.pos_ not in ("VERB", "AUX") or any(c.dep_ in SUBJ_DEPS for c in t.children):
        return False
    top = h
    while top.dep_ == "conj" and start <= top.head.i < end and top.head.i != top.i:
        top = top.head
    if top.dep_ not in ("ROOT", "conj") and start <= top.head.i < end:
        return False  # inside what someone said or a subordinate clause: one claim with its report
    if any(c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in list(t.children) + list(h.children)):
        return False  # "may stay or go": one claim
    nested = {x for c in t.children if c.dep_ == "conj" for x in c.subtree}  # the next conjuncts decide alone
    mine = set(t.subtree) - nested
    theirs = [x for x in h.subtree if x not in mine and start <= x.i < end and x.i < t.i]
    return _status_markers(doc, [x for x in mine if start <= x.i < end]) != _status_markers(doc, theirs)


def _clause_segments(sent) -> list[tuple[int, int, list]]:
    """Split a sentence into clauses: ``(start_tok, end_tok, prefix_cues)`` (end exclusive).

    A short meta/booster prefix before a colon ("Mark my words:") becomes a cue of what follows;
    a semicolon, or a coordinated clause with its own subject, starts a new claim.
    """
    doc = sent.doc
    start, end = sent.start, sent.end
    prefix: list = []
    # colon prefix
    for t in sent:
        if t.text == ":" and t.i - start <= 5:
            pre = doc[start:t.i]
            if lex().meta.find(list(pre), lemma_single=False) or booster_cues(pre):
                prefix.append((start, t.i))
                start = t.i + 1
            break
    if start >= end:
        return [(sent.start, sent.end, [])]
    cuts = set()
    region = set(range(start, end))
    for t in doc[start:end]:
        if t.text == ";" and start < t.i < end - 1:
            cuts.add(t.i + 1)
        if t.dep_ == "advcl" and t.head.i in region and t.i > t.head.i and _writers_concession(t):
            # "Officials privately say X, though such assessments are often more hope than analysis": the
            # trailing concession on a report is the writer's own comment, not part of what was said
            lo = t.left_edge.i
            if start < lo < end:
                cuts.add(lo)
        if t.dep_ == "relcl" and t.head.i in region and t.i > t.head.i and _reported_relative(t, end):
            # "..., called a meeting on the test, which state media claimed now allows ...": a trailing
            # relative clause that reports someone's word is that source's claim, not the sentence's
            cuts.add(t.left_edge.i)
        if t.dep_ == "conj" and t.head.i in region and t.i > t.head.i and _status_differs(doc, t, start, end):
            # "The war has killed thousands ... and has fuelled fears the conflict could spread": coordinated
            # predicates the text holds with different certainty are two claims
            lo = t.left_edge.i
            while lo - 1 > start and (doc[lo - 1].dep_ == "cc" or doc[lo - 1].is_punct):
                lo -= 1
            if start < lo < end:
                cuts.add(lo)
        if t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") and any(c.dep_ in SUBJ_DEPS for c in t.children) and \
                not (t.lemma_.lower() in lex().reporting and _pro_clause(t) is not None):
            # ("A, and both sides have said as much": the second clause sources the first, not a claim of its own)
            # the chain to the region's top must go through conj only
            cur = t
            ok = True
            while cur.head.i in region and cur.head.i != cur.i:
                if cur.dep_ not in ("conj",):
                    ok = False
                    break
                cur = cur.head
            if ok and cur.dep_ not in ("ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp", "csubj", "conj") or (
                    ok and cur.head.i not in region):
                lo = t.left_edge.i
                ccs = [c for c in cur.children if c.dep_ == "cc"] + [c for c in t.children if c.dep_ == "cc"]
                if any(c.lower_ in ("or", "nor") for c in ccs) or any(
                        c.dep_ == "preconj" for c in cur.subtree):
                    continue  # "either A or B" asserts neither A nor B: one claim
                # cut before the coordinating conjunction / comma
                while lo - 1 > start and (doc[lo - 1].dep_ == "cc" or doc[lo - 1].is_punct):
                    lo -= 1
                if start < lo < end:
                    cuts.add(lo)
    bounds = [start] + sorted(cuts) + [end]
    segs = []
    for a, b in zip(bounds, bounds[1:]):
        # trim leading conjunctions/punctuation and trailing commas
        while a < b and (doc[a].dep_ == "cc" or (doc[a].is_punct and doc[a].text not in QUOTE_OPEN)
                         or doc[a].is_space):
            a += 1
        while b > a and (doc[b - 1].text in (",", ";", ":", "—", "–", "-") or doc[b - 1].is_space):
            b -= 1
        if b > a:
            segs.append((a, b, list(prefix)))
    return segs or [(sent.start, sent.end, [])]


# --------------------------------------------------------------------------- the stage

def _line_segments(sent):
    """Clause segments of a sentence, never across a line break (headlines, bylines, bios)."""
    doc = sent.doc
    pieces, lo = [], sent.start
    for t in sent:
        if t.is_space and "\n" in t.text:
            if t.i > lo:
                pieces.append(doc[lo:t.i])
            lo = t.i + 1
        elif "\n" in t.whitespace_:
            pieces.append(doc[lo:t.i + 1])
            lo = t.i + 1
    if lo < sent.end:
        pieces.append(doc[lo:sent.end])
    for piece in pieces:
        if not any(not t.is_space for t in piece):
            continue
        headline = _is_headline(doc, piece)
        for a, b, prefix in _clause_segments(piece):
            yield a, b, prefix, headline


def _is_headline(doc, sent) -> bool:
    text = doc_text(doc)
    s, e = sent.start_char, sent.end_char
    line_start = s == 0 or text[s - 1] == "\n" or text[max(0, s - 2):s].strip() == ""
    stripped = text[s:e].rstrip()
    line_end = e >= len(text) or text[e:e + 1] == "\n" or text[e:].startswith("\n")
    return line_start and line_end and stripped[-1:] not in ".?!\"”'’)" and len(sent) <= 20


def _actor_for(brief: Brief, a: int, b: int) -> Optional[str]:
    """The actor a source span names: a person named in it before anyone else ("Hamdullah Fitrat, a
    deputy spokesman for the Taliban government"; "Taliban spokesman Zabihullah Mujahid"), else the
    actor with the most overlap."""
    best, best_key = None, (False, 0)
    for actor in brief.actors:
        for m in actor.mentions:
            ov = min(b, m.end) - max(a, m.start)
            key = (actor.kind == "person" and m.how not in ("pronoun",) or False, ov)
            if ov > 0 and key > best_key:
                best, best_key = actor.id, key
    return best


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


# words by which the writer says that something is not known: "it is unclear whether", "what is less clear is
# whether", "it remains to be seen whether", "the question is whether"
OPEN_QUESTION_WORDS = {"clear", "unclear", "certain", "uncertain", "known", "unknown", "sure", "see", "question",
                       "doubt", "wonder", "open", "obvious", "evident", "uncertainty", "debatable"}


def _open_question(toks) -> list:
    """The "whether" of an embedded question the writer leaves open ("What is less clear is whether the
    meeting signals a shift"): a "whether" clause as the complement or subject of a word of (un)certainty.
    Not a concessive "whether or not ..., X will" (an adverbial clause: the main clause is asserted)."""
    out = []
    for t in toks:
        if t.dep_ != "mark" or t.lower_ != "whether":
            continue
        v = t.head
        if v.dep_ not in ("ccomp", "csubj", "attr", "pcomp", "xcomp") or v.head.i == v.i:
            continue
        g = v.head
        if g.dep_ == "prep" and g.head.i != g.i:
            g = g.head  # "uncertainty about whether"
        words = [g] + [c for c in g.children if c.dep_ in ("acomp", "attr", "nsubj", "nsubjpass", "csubj", "neg")]
        words += [d for c in g.children if c.dep_ == "csubj" for d in c.children if d.dep_ in ("acomp", "attr")]
        if any(w.lemma_.lower() in OPEN_QUESTION_WORDS or w.lower_ in OPEN_QUESTION_WORDS for w in words):
            out.append(t)
    return out


CERTAINTY_WORDS = {"clear", "certain", "sure", "known", "obvious", "evident", "apparent"}


def _negated_certainty(doc, toks) -> list:
    """"it is not clear that ...", "Nor is it certain that ...", "it is not at all obvious whether ...":
    the writer says a thing is not known (a word of certainty, negated, over a clause)."""
    out = []
    for t in toks:
        if t.lemma_.lower() not in CERTAINTY_WORDS or t.dep_ not in ("acomp", "attr", "ROOT", "conj"):
            continue
        v = t.head if t.dep_ in ("acomp", "attr") else t
        if not any(c.dep_ in ("ccomp", "csubj", "expl") or c.dep_ == "nsubj" and c.lower_ == "it"
                   for c in list(v.children) + list(t.children)):
            continue
        lead = [x for x in doc[t.sent.start:v.i] if not x.is_punct and not x.is_space][:1]
        if _negated(t) or _negated(v) or any(x.lower_ in ("nor", "neither") for x in lead):
            out.append(t)
    return out


def _in_embedded_question(doc, i: int, a: int, b: int) -> bool:
    """Whether token ``i`` sits in a clause that is the object of a preposition ("no details about which
    firms would take part or when production would start"): a modal there is the question's, not the
    writer's hedge on the clause."""
    cur = doc[i]
    while cur.head.i != cur.i and a <= cur.head.i < b:
        if cur.dep_ in ("pcomp", "pobj") and cur.pos_ in ("VERB", "AUX"):
            return True
        cur = cur.head
    return False


# nouns of evidence: what they show is read off a record, not the writer's inference
EVIDENCE_NOUNS = {"data", "figure", "poll", "survey", "study", "report", "record", "image", "footage", "photo",
                  "photograph", "video", "statistic", "document", "analysis", "map", "chart", "test", "result",
                  "finding", "evidence", "research", "census", "audit", "investigation"}
MEANING_VERBS = INDICATION_VERBS - {"confirm", "point", "hint"} | {"mean", "reveal", "expose", "betray"}


def _writers_meaning(doc, a: int, b: int):
    """The verb by which the writer, in their own voice, says what a thing or an event means or shows
    ("The plans reflect a new approach", "This proves that ...", "The visit signals a shift"): not
    a record's reading ("The figures show ...") nor a speaker's."""
    for t in doc[a:b]:
        if t.pos_ != "VERB" or t.lemma_.lower() not in MEANING_VERBS or t.dep_ not in ("ROOT", "conj"):
            continue
        if t.dep_ == "conj" and not a <= t.head.i < b:
            continue
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "csubj")), None)
        if subj is None:
            continue
        h = _relative_head(subj)
        if h.lemma_.lower() in EVIDENCE_NOUNS or h.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or \
                h.pos_ == "PROPN" or h.pos_ == "PRON" and h.lower_ not in DEMONSTRATIVES | {"it", "which"}:
            continue
        if h.pos_ == "NOUN" and (h.lemma_.lower() in SPEAKER_NOUNS or h.lemma_.lower() in lex().anon_nouns):
            continue
        return t
    return None


GENERIC_HOLDERS = {"those", "anyone", "everyone", "everybody", "whoever", "anybody"}


def _knows_generically(doc, x) -> bool:
    """"Those who have followed the talks know (are aware) that ...", "everyone knows ...": a belief
    held by nobody in particular is the writer's own assertion (not "Not everyone endorses ...")."""
    if x.source_token is None or not (lex().reporting.get(x.verb) == "belief" or x.verb in _attribution_cues()[1]):
        return False
    h = _relative_head(doc[x.source_token])
    return _generic_holder(h) and not any(c.dep_ in ("neg", "det") and c.lower_ in ("not", "no") for c in h.children) \
        and not (h.i > 0 and doc[h.i - 1].lower_ == "not")


def _generic_holder(tok) -> bool:
    """"Those who have followed the war know ...", "anyone who ...", "everyone": nobody in particular
    holds the view; the writer asserts it."""
    return tok is not None and (tok.lower_ in GENERIC_HOLDERS or tok.lemma_.lower() in ("people", "one") and any(
        c.dep_ == "relcl" for c in tok.children))


def _mind_read(doc, x) -> bool:
    """An attribution of a belief or a wish to a group the writer does not identify as a source ("the
    elites believe ...", "Western capitals want ..."): the writer's reading of minds, on no one's word.
    Named people and bodies, and unnamed sources ("officials believe"), are reports."""
    if x.source_token is None or lex().reporting.get(x.verb) not in ("belief", "intent"):
        return False
    h = _relative_head(doc[x.source_token])
    if h.pos_ != "NOUN" or h.lemma_.lower() in SPEAKER_NOUNS | lex().anon_nouns:
        return False
    return not any(y.pos_ == "PROPN" or y.ent_type_ in ("PERSON", "ORG") for y in h.subtree)


def _governs(doc, i: int, a: int, b: int) -> bool:
    """Whether the cue at token ``i`` speaks for the clause ``doc[a:b]``: not when it sits in a clause
    that only modifies a part of it, a relative clause ("the test, which state media claimed ...", "in
    Iraq, where officials concluded ..."), a noun's infinitive ("a way to explain away"), or a temporal or
    causal clause ("three days after the Council condemned ..."). A participle that reports ("...,
    saying that") and "as X said" still speak for it."""
    if i < 0 or not a <= i < b:
        return True
    cur = doc[i]
    while cur.head.i != cur.i and a <= cur.head.i < b:
        if cur.dep_ in ("relcl", "acl") and cur.pos_ in ("VERB", "AUX") and not (
                cur.tag_ == "VBG" and (cur.head.lemma_.lower() in _attribution_cues()[2]
                                       or cur.head.lemma_.lower() in _medium_nouns())):
            return False
        if cur.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ != "as" for m in cur.children):
            return False
        if cur.dep_ == "pcomp" and cur.head.lower_ != "as":
            return False
        cur = cur.head
    return True


def analyse_clause(doc, a: int, b: int, prefix=(), attributions=(), headline=False,
                   cw: Optional[float] = None) -> dict:
    """Status, cues, likelihood and check-worthiness of the clause ``doc[a:b]`` (no ids, no actors)."""
    span = doc[a:b]
    toks = list(span)
    text = doc_text(doc)
    s_char, e_char = span.start_char, span.end_char
    sent = doc[a].sent
    cues: list[tuple[int, int]] = []
    L = lex()
    res = {"status": "reported", "source_kind": "none", "source_span": None, "source_token": None,
           "unsourced": False, "likelihood": None, "note": None, "confidence": 0.7}
    pre_cues = [(doc[x].idx, doc[y - 1].idx + len(doc[y - 1])) for x, y in prefix]
    words = [t for t in toks if not t.is_punct and not t.is_space]
    question = any(t.text == "?" for t in toks) or (toks and toks[0].lower_ == "what" and len(toks) > 1 and
                                                    toks[1].lower_ == "about")
    meta = L.meta.find(toks, lemma_single=False)
    meta_at_start = [m for m in meta if m[0] <= 1]
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in toks)

    # attribution whose cue is in the clause, or whose content covers most of it
    attr = None
    best = 0
    scored = []
    writers = bool(toks) and toks[0].lower_ in ("though", "although") and toks[0].dep_ == "mark" and \
        _writers_concession(toks[0].head) and not a <= toks[0].head.head.i < b
    for x in attributions:
        if x.kind == "author" or writers or not x.proposition:
            continue  # (the writer's concession on a report is nobody else's word)
        lo, hi = min(x.cue[0], s_char), max(x.cue[1], e_char)
        if "\n" in text[lo:hi].strip():
            continue  # a cue on another line (a headline) never sources a body sentence
        in_clause = s_char <= x.cue[0] < e_char and _governs(doc, x.cue_token, a, b)
        cov = _overlaps(x.content, (s_char, e_char)) if x.content else 0
        depth = len(list(doc[x.cue_token].ancestors)) if 0 <= x.cue_token < len(doc) else 0
        score = (100000 if in_clause else 0) + (5000 if x.source else 0) - 1000 * depth + cov
        if in_clause or cov >= 0.5 * (e_char - s_char):
            scored.append((score, x))

    def inside(x, y):
        return y is not x and y.content is not None and y.content[0] <= x.cue[0] < y.content[1]

    # an attribution within what another one reports is part of it: "According to the statement, the
    # two sides discussed ...", "X thanked Qatar for what it called ...": the outer source is the claim's
    outer = [(sc, x) for sc, x in scored if not any(inside(x, y) and not inside(y, x) for _, y in scored)]
    for score, x in outer or scored:
        if attr is None or score > best:
            best, attr = score, x
    author_op = [x for x in attributions if x.kind == "author" and s_char <= x.cue[0] < e_char]
    # the writer's own assertion under a holder who is nobody in particular ("Those who have followed
    # the war know that ...") or a mind read ("the elites believe ..."): on no one's word
    own_view = attr is not None and (_mind_read(doc, attr) or _knows_generically(doc, attr))
    if own_view:
        cues.append(attr.cue)
        attr = None
    meaning = _writers_meaning(doc, a, b) if attr is None else None

    subj, subj_cues = subjectivity_score(span)
    # a conditional "would" on the clause's own verb in the writer's voice ("That would matter for
    # India"): a supposition, not a report; not narrative "would later become", nor "would have"
    # in a report of what someone said (the attribution decides that claim)
    hedges = [c for c in hedge_cues(span, STATUS_HEDGE_KINDS + ("conditional",))
              if (c.kind != "conditional" or (c.text == "would" and _conditional_would(doc[c.start])))
              and not _in_embedded_question(doc, c.start, a, b)]
    cond = [t for t in toks if t.dep_ == "mark" and t.lower_ in ("if", "unless")]
    if not cond:
        # a conditional on the sentence's main verb applies to every conjoined clause
        cond = [t for t in sent if t.dep_ == "mark" and t.lower_ in ("if", "unless") and t.i < a
                and t.head.dep_ == "advcl" and t.head.head.dep_ == "ROOT"]
    future = [t for t in toks if (t.lower_ in ("will", "'ll", "shall") and t.tag_ == "MD")
              or (t.lower_ == "going" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to" and t.i + 2 < len(doc)
                  and doc[t.i + 2].pos_ == "VERB")]
    word, note, lk_cues = likelihood(doc, span)
    open_q = _open_question(toks) + _negated_certainty(doc, toks)
    boosters = booster_cues(span)
    intent = L.intent.find(toks, lemma_single=False)

    def add_cue(i, j):
        cues.append((doc[i].idx, doc[j - 1].idx + len(doc[j - 1])))

    credit = bool(_CREDIT_LINE.match(text[s_char:e_char])) and len(words) <= 16
    if headline and attr is not None and attr.verb == "colon":
        headline = False  # "Official: talks have failed": a headline on someone's word, not a label
    if headline or credit or (not has_verb and len(words) <= 4 and not question):
        res["status"] = "meta"
        res["confidence"] = 0.6 if not headline else 0.7
    elif question:
        res["status"] = "question"
        res["confidence"] = 0.9
        for t in toks:
            if t.text == "?":
                add_cue(t.i, t.i + 1)
    elif meta_at_start and (len(words) <= 12 or not any(t.dep_ == "ccomp" for t in toks)) and not attr:
        res["status"] = "meta"
        i, j, _ = meta_at_start[0]
        add_cue(toks[i].i, toks[j - 1].i + 1)
        res["confidence"] = 0.8
    elif attr is not None:
        res["status"] = "attributed"
        cues.append(attr.cue)
        res["source_kind"] = "named" if attr.kind == "named" else "anonymous"
        res["source_span"] = attr.source or attr.cue
        res["source_token"] = attr.source_token
        res["confidence"] = 0.8 if attr.source else 0.7
    elif (hedges or cond or open_q) and not (future and not cond and not open_q and all(
            c.kind == "adverb" and doc[c.start].head.i in {t.head.i for t in future} for c in hedges)):
        # (an embedded question left open in the writer's voice is the writer's uncertainty; "will
        # probably" is a prediction whose adverb sets the likelihood)
        res["status"] = "hedged"
        for c in hedges[:3]:
            add_cue(c.start, c.end)
        for t in cond[:1]:
            add_cue(t.i, t.i + 1)
        for t in open_q[:1]:
            add_cue(t.i, t.i + 1)
        res["confidence"] = 0.8
    elif future:
        res["status"] = "prediction"
        for t in future[:1]:
            add_cue(t.i, t.i + 1)
        res["confidence"] = 0.8
    elif own_view or meaning is not None:
        # what a thing means, or what a group nobody names thinks, in the writer's own voice: stated as
        # fact on no one's word
        res["status"] = "opinion" if subj >= SUBJ_THRESHOLD else "reported"
        res["unsourced"] = True
        if meaning is not None:
            add_cue(meaning.i, meaning.i + 1)
        res["confidence"] = 0.7
    elif [m for m in intent if m[2][1] in ("intent", "secret")]:
        res["status"] = "reported"
        res["unsourced"] = True
        for i, j, _ in intent[:2]:
            add_cue(toks[i].i, toks[j - 1].i + 1)
        res["confidence"] = 0.75
    elif author_op or subj >= SUBJ_THRESHOLD or (subj >= 1.0 and not any(
            t.ent_type_ in SPECIFIC_ENTS for t in toks)):
        res["status"] = "opinion"
        for x in author_op[:1]:
            cues.append(x.cue)
        for t in subj_cues[:4]:
            add_cue(t.i, t.i + 1)
        res["confidence"] = 0.75 if subj >= SUBJ_THRESHOLD + 1 or author_op else 0.6
    else:
        res["status"] = "reported"
        res["confidence"] = 0.7
        if intent:
            res["unsourced"] = True
            for i, j, _ in intent[:2]:
                add_cue(toks[i].i, toks[j - 1].i + 1)
            res["confidence"] = 0.75
    # likelihood: predictions stated as certain; estimative words anywhere
    if res["status"] in ("hedged", "prediction", "attributed", "reported", "opinion"):
        if lk_cues:
            res["likelihood"], res["note"] = word, note
            for c in lk_cues:
                add_cue(c.start, c.end)
        elif res["status"] == "hedged" and cond:
            res["note"] = NOT_ASSESSABLE + " (conditional)"
        elif res["status"] == "prediction":
            neg = any(_negated(t.head) for t in future)
            res["likelihood"] = "almost no chance" if neg else "almost certain"
            res["note"] = "stated as certain"
        elif res["status"] == "attributed" and attr is not None and attr.verb.startswith(("it is", "is ", "are ")):
            res["note"] = NOT_ASSESSABLE
    if prefix:
        for pc in pre_cues:
            cues.append(pc)
        pre_boost = [c for x, y in prefix for c in booster_cues(doc[x:y])]
        if pre_boost and res["status"] in ("prediction", "reported", "opinion") and res["note"] != NOT_ASSESSABLE:
            res["likelihood"] = pre_boost[0].word
            res["note"] = None if res["status"] != "prediction" else "stated as certain"
    res["checkworthiness"] = checkworthiness(span) if cw is None else cw
    if res["status"] in ("question", "meta"):
        res["checkworthiness"] = round(res["checkworthiness"] * 0.3, 4)
    elif res["status"] == "opinion":
        res["checkworthiness"] = round(res["checkworthiness"] * 0.6, 4)
    uniq = sorted(set(cues))
    # a cue inside a longer one ("may" in "may well") is the same evidence
    res["cues"] = [c for c in uniq if not any(o != c and o[0] <= c[0] and c[1] <= o[1] for o in uniq)]
    return res


COMPONENTS = ("parser", "lemmatizer", "ner")

# genres in which the writer argues: a plain statement of fact in the writer's own voice rests on the
# writer's word alone
ARGUING_GENRES = ("opinion", "analysis", "satire")


def writer_voice(claims: list, genre: Optional[str]) -> list:
    """In an opinion piece or an analysis, a claim stated as fact in the writer's own voice (status
    "reported", no source) is an assertion with no source: ``unsourced``. A news report's plain
    reporting stays reported fact. Changes the claims in place and returns them."""
    if genre not in ARGUING_GENRES:
        return claims
    for c in claims:
        if c.status == "reported" and c.source.kind == "none":
            c.unsourced = True
    return claims


@stage("claims", requires=("actors",), assigns=("claims",), components=COMPONENTS)
def claims(brief: Brief) -> Brief:
    """Segment claims and give each a status, likelihood, source and check-worthiness."""
    doc = brief.doc
    text = brief.article.text
    if doc is None:
        return brief
    # "has not commented", "Neither side said": an attribution relation, but no claim rests on it
    attributions = [a for a in attribution_spans(doc) if not _unsaid(doc, a)]
    out: list[Claim] = []
    src_heads: list = []  # the head word of each claim's source ("spokesperson", "ministry")
    ranges = dateline_ranges(doc_text(doc))

    def undated(seg):
        # "KABUL, Nov 12 (Meridian Wire) – A US delegation ...": the dateline is no part of a claim
        a, b, prefix, headline = seg
        while a < b and (doc[a].is_space or any(lo <= doc[a].idx < hi for lo, hi in ranges)):
            a += 1
        return a, b, prefix, headline

    segs = [(sent, seg) for sent in doc.sents if sent.text.strip() for seg in map(undated, _line_segments(sent))
            if any(not t.is_punct and not t.is_space for t in doc[seg[0]:seg[1]])]
    # check-worthiness of all clauses in one batch (one embedding call per article)
    cws = checkworthiness_scores([doc[a:b] for _, (a, b, _, _) in segs])
    for (sent, (a, b, prefix, headline)), cw in zip(segs, cws):
        sent_attr = [x for x in attributions if _overlaps((sent.start_char, sent.end_char), x.cue)]
        span = doc[a:b]
        r = analyse_clause(doc, a, b, prefix, sent_attr, headline, cw)
        start, end = span.start_char, span.end_char
        src_span = None
        actor = None
        res = None
        if r["source_span"] is not None:
            sa, sb = r["source_span"]
            src_span = Span.of(text, sa, sb)
            pron = r["source_token"] is not None and doc[r["source_token"]].lower_ in PRONOUNS
            res = _resolve_pronoun(doc, doc[r["source_token"]]) if pron else None
            if res:
                # what the pronoun stands for is the better evidence of the source, named or not
                # ("He said ..." after "a spokesman for the port authority said")
                src_span = Span.of(text, *res)
            if r["source_kind"] == "named":
                # the source phrase without its relative clauses: "The envoy who met Muttaqi" is the envoy
                core = _core_chars(doc[r["source_token"]]) if r["source_token"] is not None else (sa, sb)
                actor = _actor_for(brief, *core)
                if res:
                    actor = _actor_for(brief, *res) or actor  # a speaker beats the actors stage's guess
        kind = r["source_kind"]
        head = doc[r["source_token"]] if r["source_token"] is not None else None
        if kind == "anonymous" and head is not None and not res:
            # "both sides have said as much" after a meeting of A and B: an on-the-record joint statement,
            # named when every party is a known actor (no single actor holds it)
            parties = [_actor_for(brief, *_core_chars(p)) for p in _joint_parties(doc, head)]
            if parties and all(parties) and len(set(parties)) > 1:
                kind = "named"
        if kind == "anonymous" and res is None and head is not None and head.lower_ in PRONOUNS and \
                r["source_span"] is not None and _overlaps(r["source_span"], (head.idx, head.idx + len(head))):
            # "..., he said" with no name nearby: the actors stage's reading of the pronoun (the last
            # speaker several sentences back) is the source
            actor = _actor_for(brief, head.idx, head.idx + len(head))
            if actor is not None and head.lower_ in ("they", "them") and brief.actor(actor).kind in ("state", "place"):
                actor = None  # a country is "it": "they" who spoke are its people, not named
            if actor is not None:
                kind = "named"
        if kind == "named" and actor is None and head is not None:
            if head.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() in _medium_nouns() and \
                    any(c.lower_ == "the" for c in head.children):
                # "the statement said", "according to the statement": whoever issued the statement
                # mentioned before (or whose statement the text is)
                owner = _said_owner(doc, head)
                kind = "anonymous"
                if owner is not None:
                    o_span = _resolve_pronoun(doc, owner) if owner.lower_ in PRONOUNS or \
                        owner.lower_ in POSS_PRONOUNS else _subtree_chars(owner)
                    if o_span is not None:
                        actor = _actor_for(brief, *o_span)
                        kind = "named" if actor is not None else _resolved_kind(doc, owner)
            elif head.pos_ == "NOUN" and any(c.lower_ == "the" for c in head.children):
                # "the spokesperson" after "A State Department spokesperson said ...": the same source,
                # named or not ("The official said" after "a US official said" stays anonymous)
                kind = "anonymous"
                for prev, prev_head in zip(reversed(out), reversed(src_heads)):
                    if prev_head == head.lemma_.lower():
                        actor, kind = prev.source.actor, prev.source.kind
                        break
        src_heads.append(head.lemma_.lower() if head is not None else None)
        source = Source(kind=kind, actor=actor, span=src_span)
        out.append(Claim(
            id=f"C{len(out) + 1}", start=start, end=end, text=text[start:end], status=r["status"],
            source=source, unsourced=r["unsourced"], likelihood=r["likelihood"],
            likelihood_note=r["note"], checkworthiness=r["checkworthiness"],
            cues=[Span.of(text, x, y) for x, y in r["cues"]], confidence=r["confidence"]))
    brief.claims = out
    return brief
