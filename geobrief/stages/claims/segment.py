"""Segmentation: sentences into claims (clauses, concessions, asides, lines)."""
from __future__ import annotations

from ...nlp import doc_text
from .lexicon import _in_ranges, lex, doc_quote_ranges, QUOTE_OPEN, SUBJ_DEPS
from .likelihood import booster_cues, _generic_modal, hedge_cues, STATUS_HEDGE_KINDS
from .relations import _pro_clause


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
           for c in h.children) and not _in_ranges(t.idx, doc_quote_ranges(t.doc)):
        # "The truce, the police said, was holding, though it could be days before ...": a concession
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
    # "..., which is the junta's main backer and thought to be the one government with sway": a hedged aside
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
            # "The cabinet met after the raid, which state radio claimed had destroyed ...": a trailing
            # relative clause that reports someone's word is that source's claim, not the sentence's
            cuts.add(t.left_edge.i)
        if t.dep_ == "conj" and t.head.i in region and t.i > t.head.i and _status_differs(doc, t, start, end):
            # "The flooding has cut roads ... and has raised fears that disease could spread": coordinated
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
