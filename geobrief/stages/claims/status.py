"""A clause's status, source, likelihood and check-worthiness (the writer's voice included)."""
from __future__ import annotations

import bisect
from typing import Optional

from ...model import Brief
from ...nlp import doc_text
from .lexicon import (
    _attribution_cues, lex, _medium_nouns, _negated, NOT_ASSESSABLE, QUOTE_CLOSE, QUOTE_OPEN, SPECIFIC_ENTS,
)
from .likelihood import (
    booster_cues, _conditional_would, _CREDIT_LINE, hedge_cues, likelihood, STATUS_HEDGE_KINDS,
)
from .subjectivity import SUBJ_THRESHOLD, subjectivity_score
from .checkworthy import checkworthiness
from .relations import DEMONSTRATIVES, INDICATION_VERBS, _relative_head
from .sources import SPEAKER_NOUNS, _anonymous_label
from .segment import _writers_concession


def _actor_for(brief: Brief, a: int, b: int) -> Optional[str]:
    """The actor a source span names: a person named in it before anyone else ("Hamdullah Fitrat, a
    deputy spokesman for the Taliban government"; "Taliban spokesman Zabihullah Mujahid"), else the
    actor with the most overlap. Ties go to the first actor and mention, in the brief's order."""
    starts, rows, longest = _mention_index(brief)
    best, best_key, best_pos = None, (False, 0), None
    for j in range(bisect.bisect_left(starts, a - longest + 1), bisect.bisect_left(starts, b)):
        s, e, pos, actor_id, person = rows[j]
        ov = min(b, e) - max(a, s)
        if ov > 0 and ((person, ov) > best_key or (person, ov) == best_key and pos < best_pos):
            best, best_key, best_pos = actor_id, (person, ov), pos
    return best


_MENTION_INDEX: list = [None, 0, None]  # the actors list indexed last, its length, the index


def _mention_index(brief: Brief):
    """Every actor mention sorted by start, built once per brief's actors (the claims stage asks for
    a source's actor once per clause; scanning every mention each time made long texts quadratic)."""
    if _MENTION_INDEX[0] is not brief.actors or _MENTION_INDEX[1] != len(brief.actors):
        rows = sorted((m.start, m.end, (i, k), actor.id, bool(actor.kind == "person" and m.how != "pronoun"))
                      for i, actor in enumerate(brief.actors) for k, m in enumerate(actor.mentions))
        longest = max((e - s for s, e, *_ in rows), default=1)
        _MENTION_INDEX[:] = [brief.actors, len(brief.actors), ([r[0] for r in rows], rows, max(longest, 1))]
    return _MENTION_INDEX[2]


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
        if cur.pos_ in ("VERB", "AUX") and (cur.dep_ in ("pcomp", "pobj") or _opens_with_wh(cur)):
            return True
        cur = cur.head
    return False


WH_TAGS = {"WDT", "WP", "WP$", "WRB"}


def _opens_with_wh(verb) -> bool:
    """Whether a subordinate clause opens with a question word, after at most a preposition ("about
    which banks would join", "or when the loans would be paid", "whether it would last"); a relative
    clause ("a deal which would ...") is a description, not a question."""
    if verb.dep_ in ("ROOT", "relcl", "acl"):
        return False
    doc = verb.doc
    j = verb.left_edge.i
    if doc[j].pos_ == "ADP" or doc[j].dep_ == "cc":
        j += 1
    return j < verb.i and (doc[j].tag_ in WH_TAGS or doc[j].lower_ == "whether")


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
    held by nobody in particular is the writer's own assertion (not "Not all lawmakers back ...")."""
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


def _quotation_covers(text: str, content, lo: int, hi: int) -> bool:
    """Whether ``content`` is a whole quotation (its marks included) holding the clause ``lo:hi``."""
    return bool(content) and content[0] <= lo and hi <= content[1] + 1 and \
        text[content[0]] in QUOTE_OPEN and text[content[1] - 1] in QUOTE_CLOSE


def _own_object(v) -> bool:
    """Whether the verb ``v`` has an object or complement of its own (not a pro-form: "as X put it")."""
    return any(c.dep_ in ("dobj", "ccomp", "xcomp") and c.lower_ not in ("it", "so", "this", "that")
               for c in v.children)


def _governs(doc, i: int, a: int, b: int) -> bool:
    """Whether the cue at token ``i`` speaks for the clause ``doc[a:b]``: not when it sits in a clause
    that only modifies a part of it, a relative clause ("the raid, which state radio claimed ...", "in
    the port, where staff said ..."), a noun's infinitive ("an opportunity to deny"), or a temporal or
    causal clause ("a week after the union denounced ..."). A participle that reports ("...,
    saying that") and "as X said" still speak for it."""
    if i < 0 or not a <= i < b:
        return True
    cur = doc[i]
    while cur.head.i != cur.i and a <= cur.head.i < b:
        if cur.dep_ in ("relcl", "acl") and cur.pos_ in ("VERB", "AUX") and not (
                cur.tag_ == "VBG" and (cur.head.lemma_.lower() in _attribution_cues()[2]
                                       or cur.head.lemma_.lower() in _medium_nouns())):
            return False
        if cur.dep_ == "advcl" and any(m.dep_ == "mark" and (m.lower_ != "as" or _own_object(cur))
                                       for m in cur.children):
            # ("as X said", "as X put it" speak for the clause; "as Russia supports the government" has
            # its own object and is a clause of its own)
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
        if "\n" in text[lo:hi].strip() and not _quotation_covers(text, x.content, s_char, e_char):
            continue  # a cue on another line (a headline) never sources a body sentence (unless what it
            # credits is this sentence: a quotation continued in the next paragraph)
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
    # (not a "will" inside a relative clause: "Of the judges who will hear the case, six were appointed
    # by ..." states a fact about them)
    future = [t for t in toks if (t.lower_ in ("will", "'ll", "shall") and t.tag_ == "MD"
                                  and not (t.head.dep_ == "relcl" and t.head.head.i != t.head.i))
              or (t.lower_ == "going" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to" and t.i + 2 < len(doc)
                  and doc[t.i + 2].pos_ == "VERB")]
    word, note, lk_cues = likelihood(doc, span)
    open_q = _open_question(toks) + _negated_certainty(doc, toks)
    boosters = booster_cues(span)
    intent = L.intent.find(toks, lemma_single=False)

    def add_cue(i, j):
        cues.append((doc[i].idx, doc[j - 1].idx + len(doc[j - 1])))

    credit = bool(_CREDIT_LINE.match(text[s_char:e_char])) and len(words) <= 16
    if headline and attr is not None and attr.verb == "colon" and attr.source is not None:
        label = [x for x in doc[doc[attr.cue_token].sent.start:attr.cue_token] if attr.source[0] <= x.idx < attr.source[1]]
        if _anonymous_label(label) or any(x.ent_type_ in ("PERSON", "ORG") for x in label):
            # "Official: talks have failed", "Putin: ...": a headline on someone's word ("Madagascar
            # Outbreak: ..." stays a topic label)
            headline = False
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
