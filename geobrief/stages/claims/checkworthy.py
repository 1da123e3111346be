"""Check-worthiness: the rules and the embedding head (ClaimBuster CFS)."""
from __future__ import annotations

from .lexicon import NAMED_ENTS, _tokens
from .likelihood import hedge_cues
from .subjectivity import _head, subjectivity_score


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

    from .. import claims_embed

    w, b, scale = head
    ask = _open(rules)
    out = [round(float(p), 4) for p in rules]
    if not ask:
        return out
    r = np.array([math.log(min(max(rules[i], 1e-4), 1 - 1e-4) / (1 - min(max(rules[i], 1e-4), 1 - 1e-4))) for i in ask])
    X = np.hstack([claims_embed.embed([docs[i].text for i in ask]).astype(np.float64), (scale * r)[:, None]])
    for i, x in zip(ask, 1.0 / (1.0 + np.exp(-(X @ w + b)))):
        out[i] = round(float(x), 4)
    return out


RULES_SURE_BAND = (0.2, 0.8)  # rule scores inside it go to the embedding head


def _open(rules: list) -> list:
    """Indices of the rule scores the head decides. A cascade: where the rules are sure (outside
    ``RULES_SURE_BAND``) the head agrees with them (measured: the same CFS F1 on the ClaimBuster dev
    set) and the embedding, geobrief's costliest step, is skipped."""
    lo, hi = RULES_SURE_BAND
    return [i for i, p in enumerate(rules) if lo < p < hi]


def embed_open_clauses(span_groups) -> None:
    """Embed, in one call, the clauses of many articles (``span_groups``: a list of span lists) that
    ``checkworthiness_scores`` will send to the head; their vectors are cached for it. Nothing is done
    without the head, or when there are more such clauses than the cache keeps."""
    if _head("checkworthy") is None:
        return
    from .. import claims_embed

    texts = []
    for spans in span_groups:
        rules = [checkworthiness_rules(s) for s in spans]
        texts.extend(spans[i].text for i in _open(rules))
    if texts and len(set(texts)) <= claims_embed.CACHE_SIZE // 2:
        claims_embed.embed(texts)


# the head's CFS decision point, chosen on the tune half of the ClaimBuster dev set (0.4: F1 0.80 there,
# 0.5: 0.78): the head is trained class-balanced on the project's sentences, whose check-worthy claims are
# stated more plainly than a debater's
HEAD_THRESHOLD = 0.4


def checkworthy_threshold() -> float:
    """The CFS decision point: ``HEAD_THRESHOLD`` for the head, ``CHECKWORTHY_THRESHOLD`` for the rules."""
    return HEAD_THRESHOLD if _head("checkworthy") is not None else CHECKWORTHY_THRESHOLD


def checkworthiness_rules(doc) -> float:
    """The rules' check-worthiness of ``doc`` (0..1), kept per token range of the Doc (the claims
    stage's batch ``prepare`` and the stage itself both ask for it)."""
    d = getattr(doc, "doc", doc)  # a Span's Doc, or the Doc itself
    memo = d.user_data.setdefault("geobrief_checkworthy_rules", {})  # plain numbers: the Doc stays picklable
    key = f"{getattr(doc, 'start', 0)}:{getattr(doc, 'end', len(d))}"
    hit = memo.get(key)
    if hit is None:
        hit = memo[key] = _checkworthiness_rules(doc)
    return hit


def _checkworthiness_rules(doc) -> float:
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
