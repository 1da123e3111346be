"""The claims lexicons (``knowledge/lexicons/claims_*.tsv``), shared constants and span helpers."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Sequence

from ...knowledge.lexicons import load_lexicon
from ...model import ICD203
from ...nlp import doc_text


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
            # the surface form first, then the lemma: a set's order changed with the hash seed, and
            # with it which entry won a position both match ("supposed" / "suppose")
            keys = [t.lower_]
            if lemma_single and t.lemma_.lower() != t.lower_:
                keys.append(t.lemma_.lower())
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
    closing: set = field(default_factory=set)  # '"...," she continued': speech only after a quotation
    view_as: set = field(default_factory=set)  # "critics see the deal as a betrayal": a view only with "as"


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
    verbs = dict(load_lexicon("claims_reporting_verbs"))
    closing = {v for v, k in verbs.items() if k == "closing"}
    view_as = {v for v, k in verbs.items() if k == "view-as"}
    reporting = {v: k for v, k in verbs.items() if k not in ("closing", "view-as")}
    return _Lex(hedges, boosters, icd, anon, intent, meta, anon_nouns, reporting, opinion, closing, view_as)


# --------------------------------------------------------------------------- helpers

@functools.lru_cache(maxsize=8)
def dateline_ranges(text: str) -> tuple[tuple[int, int], ...]:
    """Character spans of whole datelines ("KABUL, Nov 12 (Meridian Wire) – ", "DOHA - ",
    "Kabul, 15 November 2026"): where and when a story was filed, never a claim or a source.
    The framing stage's dateline pattern gives the extent; the actors stage's dateline places
    confirm it (a line both agree on)."""
    from ..actors import dateline_spans
    from ..framing import _DATELINE

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
    swallow the rest of the article. One exception: a line that ends inside an open curly quotation
    followed by a line whose first mark closes one (text cut into a line per sentence: '...told the
    paper: “It would spread.\nWe would have cases.” But ...') is one quotation across the break."""
    out, pos = [], 0
    lines = text.split("\n")
    carry = None  # the start of a curly quotation left open at the end of the line before
    for line in lines:
        got = _quote_ranges(line, pos)
        if carry is not None:
            first = next((i for i, ch in enumerate(line) if ch in "“”\"«»"), None)
            if first is not None and line[first] == "”":
                out.append((carry, pos + first + 1))
                got = _quote_ranges(line[first + 1:], pos + first + 1)
        out.extend(got)
        opened = [i for i, ch in enumerate(line) if ch in "“”\""]
        carry = pos + opened[-1] if opened and line[opened[-1]] == "“" and not any(
            a <= pos + opened[-1] < b for a, b in got) else None
        pos += len(line) + 1
    return out


def doc_quote_ranges(doc) -> list[tuple[int, int]]:
    """:func:`_line_quote_ranges` of the Doc's text, computed once per Doc (the claims stage asks
    for it from segmentation, attribution and status alike)."""
    got = doc.user_data.get("geobrief_quote_ranges")
    if got is None:
        from ...nlp import doc_text
        got = doc.user_data["geobrief_quote_ranges"] = _line_quote_ranges(doc_text(doc))
    return got


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



@functools.lru_cache(maxsize=1)
def _attribution_cues() -> tuple[frozenset, frozenset, frozenset]:
    """(nouns, adjectives, said-nouns) of saying, thinking and stance (``claims_attribution_cues.tsv``)."""
    return tuple(_cue_nouns(kind) for kind in ("noun", "adjective", "said"))


@functools.lru_cache(maxsize=None)
def _cue_nouns(kind: str) -> frozenset:
    """The words of ``claims_attribution_cues.tsv`` with ``kind`` among their kinds."""
    return frozenset(k for k, v in load_lexicon("claims_attribution_cues").items() if kind in v.split(","))


def _medium_nouns() -> frozenset:
    """Nouns of a document or occasion of saying ("in a statement", "in an interview")."""
    return _cue_nouns("medium")


def _event_nouns() -> frozenset:
    """Nouns of an event, an act or a state of affairs ("the meeting", "the move")."""
    return _cue_nouns("event")


def _hearsay_nouns() -> frozenset:
    """Nouns of someone's word that report it with no source named ("claims of abuse", "allegations
    that ..."): an anonymous attribution."""
    return _cue_nouns("hearsay")
