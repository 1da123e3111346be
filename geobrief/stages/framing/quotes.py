"""Quoted stretches of a text and whose words a span is: the quote's speaker, the speaker of a
reporting verb, or the author."""
from __future__ import annotations

import bisect
import functools
import re
from typing import Optional

from ...knowledge.lexicons import load_lexicon
from ...nlp import doc_text
from .cues import _FIRST_PERSON, _QUOTE_PAIRS, _REPORTING, _lower_text, word_class

_NAMING_VERBS = word_class("framing_words", "naming_verbs")


# --------------------------------------------------------------------------- quotes
def quotes(doc) -> list[tuple[int, int, Optional[tuple[int, int]]]]:
    """Quoted stretches of the text: (char start, char end, speaker char span or None).

    The speaker is the subject of a reporting verb ("said", "called", ...) in the same sentence
    as the quote, outside it; None when no reporting verb (scare quotes, titles). Quote marks:
    straight and curly double quotes, guillemets, curly single quotes and the doubled apostrophe
    (''...'') of some wire styles. A paragraph that opens a quote and does not close it, followed by
    a paragraph that opens with a quote mark, is quoted to its end (the news convention for a
    quotation running over several paragraphs). A paragraph opened by a closing mark (”) used as an
    opener is quoted like one opened by “. A paragraph with no quote marks after a short paragraph that
    ends "X added:" / "She told reporters:" is a block quotation of X. Computed once per Doc.
    """
    got = doc.user_data.get("geobrief_quotes")
    if got is None:
        text = doc_text(doc)
        spans = _quote_spans(text)
        got = [(a, b, _speaker(doc, a, b)) for a, b in spans] + _block_quotes(doc, text, spans)
        got.sort()
        doc.user_data["geobrief_quotes"] = got
    return got


_PARA = re.compile(r"\S[^\n]*(?:\n(?![ \t]*\n)[^\n]*)*")


def _block_quotes(doc, text: str, taken) -> list:
    """Paragraphs quoted as a block: the paragraph after a short one ending in a speech verb and a
    colon ("Limbaugh added:"), with no quote mark of its own; the speaker is that verb's subject."""
    out = []
    paras = [(m.start(), m.end()) for m in _PARA.finditer(text)]
    for (a, b), (c, d) in zip(paras, paras[1:]):
        intro = text[a:b].rstrip()
        if not intro.endswith(":") or len(intro.split()) > 15 or text[c] in "\"\u201c\u201d\u2018\u00ab'":
            continue
        if any(s < d and e > c for s, e in taken):
            continue
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None:
            continue
        verbs = [t for t in span if t.pos_ == "VERB" and t.lemma_.lower() in _REPORTING | _speech_lemmas()]
        if not verbs:
            continue
        out.append((c, d, _subject_span(verbs[-1])))
    return out


_OPENERS = ('"', "\u201c", "\u00ab", "\u2018", "''")


def _para_start(text: str, i: int) -> bool:
    k = i - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    return k < 0 or (text[k] == "\n" and k > 0 and text[k - 1] == "\n") or k == 0 and text[0] == "\n"


def _quote_spans(text: str) -> list[tuple[int, int]]:
    out = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        two = text[i:i + 2] == "''"
        close = "''" if two else _QUOTE_PAIRS.get(ch)
        if close is None and ch == "\u2018":
            close = "\u2019"
        if close is None and ch == "\u201d" and _para_start(text, i) and text[i + 1:i + 3].strip() \
                and "\n" not in text[i + 1:i + 3]:
            close = "\u201d"  # a closing mark misused to open a paragraph's quotation
        if close is None:
            i += 1
            continue
        if close == "\u2019":
            # a single curly quote: closing quote is a \u2019 not followed by a letter (not an apostrophe)
            j = i + 1
            stop = min(n, i + 1502)  # a quote longer than 1500 characters is not taken (below)
            while j < stop:
                if text[j] == "\u2019" and (j + 1 >= n or not text[j + 1].isalpha()):
                    break
                if text[j] == "\n" and j + 1 < n and text[j + 1] == "\n":
                    j = n
                    break
                j += 1
        else:
            j = text.find(close, i + len(close), i + 1502)
            para = text.find("\n\n", i + 1, i + 1502)
            if para != -1 and (j == -1 or para < j):
                nxt = para
                while nxt < n and text[nxt].isspace():
                    nxt += 1
                if para - i > 20 and (ch in "\u201c\u00ab" or _para_start(text, i) and text.startswith(_OPENERS, nxt)):
                    # a quotation running on into the next paragraph, or a curly opening mark (an
                    # opener and nothing else) whose closing mark never comes in its paragraph
                    out.append((i, para))
                    i = para
                    continue
                j = -1 if close != '"' else j
                if j != -1 and para < j:
                    j = -1
            elif j == -1 and para == -1 and ch in "\u201c\u00ab" and 20 < n - i <= 1500:
                out.append((i, n))  # the last paragraph opens a quotation and the text ends first
                break
        if j == -1 or j >= n or j - i > 1500:
            i += 1
            continue
        end = j + len(close) if close == "''" else j + 1
        out.append((i, end))
        i = end
    return out


def _speaker(doc, qs: int, qe: int) -> Optional[tuple[int, int]]:
    span = doc.char_span(qs, qe, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    sents = {span[0].sent.start, span[-1].sent.start}
    cands = []
    for s0 in sents:
        sent = doc[s0].sent
        for t in sent:
            if t.idx >= qs and t.idx < qe:
                continue
            if t.pos_ == "VERB" and t.lemma_.lower() in _REPORTING:
                for c in t.children:
                    if c.dep_ in ("nsubj", "nsubjpass") and not (qs <= c.idx < qe):
                        sub = doc[c.left_edge.i:c.right_edge.i + 1]
                        if sub.end_char <= qs or sub.start_char >= qe:
                            cands.append((abs(t.idx - qs), sub.start_char, sub.end_char))
            if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
                obj = [c for c in doc[t.i + 1].children if c.dep_ == "pobj"]
                if obj:
                    o = obj[0]
                    cands.append((abs(t.idx - qs), doc[o.left_edge.i].idx,
                                  doc[o.right_edge.i].idx + len(doc[o.right_edge.i])))
    if not cands:
        return _governing_subject(doc, span, qs, qe)
    cands.sort()
    return cands[0][1], cands[0][2]


def _governing_subject(doc, span, qs: int, qe: int) -> Optional[tuple[int, int]]:
    """The speaker of a quoted fragment with no reporting verb: the subject of the verb the
    fragment hangs on ("the Foreign Office condemned the attack "in the strongest terms"", "critics
    dismissed the plan as "a sham""). A quote that is a clause of its own, or the subject's own words
    ("the "reforms" failed": scare quotes in the writer's voice), has none."""
    inside = lambda t: qs <= t.idx < qe
    heads = [t for t in span if not t.is_punct and not inside(t.head) and t.head.i != t.i]
    if not heads:
        return None
    verb = heads[0].head
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or inside(verb):
        return None
    for _ in range(2):
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            sub = doc[subj[0].left_edge.i:subj[0].right_edge.i + 1]
            if sub.end_char <= qs or sub.start_char >= qe:
                return sub.start_char, sub.end_char
            return None
        if verb.dep_ != "conj":
            return None
        verb = verb.head  # "condemned the attack and called for "swift justice"": the first verb's subject
    return None


def _quote_index(doc):
    qs = quotes(doc)
    starts = [q[0] for q in qs]
    return qs, starts


def _in_quote(qs, start: int, end: int):
    """The quote (from :func:`quotes`: sorted, non-overlapping) holding [start, end), or None."""
    i = bisect.bisect_right(qs, (start, float("inf"), None)) - 1 if qs else -1
    if i >= 0 and qs[i][0] <= start and end <= qs[i][1]:
        return qs[i]
    return None



def _speaker_of(doc, qs, start: int, end: int, trig: int, mentions) -> str:
    """Whose words a span is: a quote's speaker (an actor id, else "quoted"); a quotation of a
    sentence or more with no speaker found is still someone's words ("quoted"; short scare quotes
    stay the writer's); the content of a reporting verb ("X said the deal was a disaster") is the
    reported speaker's (an actor id, else "reported"); everything else is the author's. A span that
    runs past a quotation is the quoted speaker's when its trigger - the words carrying the
    technique - stands inside the quotation."""
    q = _in_quote(qs, start, end)
    if q is None:
        t = doc[trig]
        q = _in_quote(qs, t.idx, t.idx + len(t))
    if q is not None:
        if q[2] is not None:
            return _actor_at(q[2], mentions) or "quoted"
        if sum(1 for t in doc.char_span(q[0], q[1], alignment_mode="expand") if t.is_alpha) >= QUOTE_WORDS:
            return "quoted"
    rep = _reporter(doc[trig])
    if rep is not None:
        return _actor_at(rep, mentions) or "reported"
    return "author"


QUOTE_WORDS = 6


def _speech_lemmas() -> frozenset:
    return _speech_lemmas_cached()


@functools.lru_cache(maxsize=1)
def _speech_lemmas_cached() -> frozenset:
    raw = load_lexicon("claims_reporting_verbs")
    return frozenset(k for k, v in raw.items() if (v[0] if isinstance(v, tuple) else v) in ("speech", "belief"))


def _reporter(tok) -> Optional[tuple[int, int]]:
    """The speaker (char span) when ``tok`` stands in what a reporting verb reports: in the clause
    complement of "say", "warn", "argue", ... ("Officials said the raid was a brutal act"), in the
    clause a parenthetical "X said" comments ("The raid, officials said, was brutal"), or in a
    clause with "according to X". None when the subject is the writer ("I", "we") or missing."""
    speech = _speech_lemmas()
    doc = tok.doc
    node = tok
    for _ in range(12):
        head = node.head
        if head.i == node.i:
            break
        if node.dep_ in ("ccomp",) and head.lemma_.lower() in speech and head.pos_ == "VERB" and \
                not _semicolon_before(node, head):
            return _subject_span(head)
        if node.dep_ in ("pobj", "pcomp", "amod", "acomp", "oprd", "xcomp") and (
                head.lower_ == "as" and head.head.lemma_.lower() in _NAMING_VERBS
                                                        or head.lemma_.lower() in _NAMING_VERBS):
            verb = head.head if head.lower_ == "as" else head
            if verb.pos_ == "VERB":  # "described the plan as ominous", "called it a disgrace"
                return _subject_span(verb)
        if node.dep_ == "advcl" and head.lemma_.lower() in _NAMING_VERBS and head.pos_ == "VERB" and \
                any(c.lower_ == "as" for c in node.children):
            return _subject_span(head)  # "criticized as fiendishly complicated what ...": the parse's advcl
        node = head
    clause = node  # the root of tok's sentence
    for c in clause.children:
        if c.left_edge.i <= tok.i <= c.right_edge.i:
            continue  # the clause holding tok is not a parenthetical attribution of it
        if c.dep_ in ("parataxis", "advcl", "ccomp") and c.lemma_.lower() in speech and c.pos_ == "VERB" \
                and not any(g.dep_ in ("ccomp", "xcomp") for g in c.children):
            return _subject_span(c)
        if c.dep_ == "prep" and c.lower_ == "according":
            for g in c.subtree:
                if g.dep_ == "pobj":
                    return g.left_edge.idx, g.right_edge.idx + len(g.right_edge)
    return None


def _semicolon_before(clause, verb) -> bool:
    """A clause that ends before its speech verb at a semicolon is a sentence of its own, not what the
    verb reports ("The spin-doctors talk of greatness; they tell us that ...": the parser's ccomp)."""
    return clause.i < verb.i and any(t.text == ";" for t in verb.doc[clause.right_edge.i:verb.i])


def _subject_span(verb) -> Optional[tuple[int, int]]:
    """The subject of ``verb``; a verb with none of its own that hangs on another ("spoke out,
    arguing that ...", "agreed and seemed to think ...", "wants to insist ...") takes that verb's."""
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    hops = 0
    while not subj and hops < 3 and verb.dep_ in ("advcl", "xcomp", "conj") and verb.head.i != verb.i \
            and not any(c.dep_ == "mark" for c in verb.children):
        verb = verb.head
        hops += 1
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj or subj[0].lower_ in _FIRST_PERSON:
        return None
    s = subj[0]
    return s.left_edge.idx, s.right_edge.idx + len(s.right_edge)


def _actor_at(span: tuple[int, int], mentions) -> Optional[str]:
    if not mentions:
        return None
    s, e = span
    best = None
    for ms, me, aid in mentions:
        if ms < e and me > s:
            if best is None or (me - ms) > best[0]:
                best = (me - ms, aid)
    return best[1] if best else None


