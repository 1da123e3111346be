"""Subjectivity: the rule score and the embedding head (CheckThat! SUBJ/OBJ)."""
from __future__ import annotations

import functools
from typing import Optional

from ...nlp import doc_text
from .lexicon import _event_nouns, FIRST_PERSON, _in_ranges, lex, _quote_ranges, SPECIFIC_ENTS, _tokens


# --------------------------------------------------------------------------- subjectivity

def subjectivity_score(doc) -> tuple[float, list]:
    """A lexicon score of how much ``doc`` (Doc or Span) evaluates rather than states (kept per token
    range of the Doc: the status and check-worthiness readings of a clause both ask for it)."""
    toks = _tokens(doc)
    if not toks:
        return 0.0, []
    d = toks[0].doc
    memo = d.user_data.setdefault("geobrief_subjectivity", {})  # plain numbers: the Doc stays picklable
    key = f"{toks[0].i}:{toks[-1].i}"
    hit = memo.get(key)
    if hit is None:
        score, cues = _subjectivity_score(toks)
        hit = memo[key] = (score, [t.i for t in cues])
    return hit[0], [d[i] for i in hit[1]]


def _subjectivity_score(toks) -> tuple[float, list]:
    L = lex().opinion
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
# when the optional embedding packages are installed, else the rules alone. The head is trained with its
# classes weighted equally; news and op-ed text has more reports than opinions, and calling a report an
# opinion loses a fact, so SUBJ needs more than even odds (0.7, chosen on the tune half of the CheckThat
# dev set: macro-F1 0.71 at 0.6, 0.73 at 0.7).
SUBJECTIVE_PROBABILITY = 0.7


@functools.lru_cache(maxsize=None)
def _head(task: str):
    """``(weights, bias, rule_scale)`` of ``knowledge/claims_<task>_head.json``, or None when the
    file or the optional embedding packages are missing (then the rules decide alone)."""
    import json
    from pathlib import Path

    from .. import claims_embed

    path = Path(__file__).resolve().parents[2] / "knowledge" / f"claims_{task}_head.json"
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

    from .. import claims_embed

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
