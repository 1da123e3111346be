"""Word classes and parse helpers shared by the events modules."""
from __future__ import annotations

import re
from typing import Iterable, Optional

from ...knowledge import events as kb
from ...knowledge.acts import family_code

SUBJ = ("nsubj", "nsubjpass", "csubj")
INSTRUMENTS = {"strike", "airstrike", "attack", "shelling", "bombing", "raid", "fire", "offensive", "tank",
               "artillery", "mortar", "rocket", "missile", "drone", "gunfire", "bombardment", "assault"}
INTENT_VERBS = {"want", "plan", "intend", "aim", "seek", "hope", "pledge", "promise", "vow", "decide",
                "propose", "offer", "agree", "try", "attempt", "wish", "threaten", "resolve", "commit"}
IMPLICATIVE = {"manage", "begin", "start", "continue", "force", "compel", "help", "dare", "resume", "go",
               "come", "move", "rush", "stop"}
# What a stated intention, an appeal or demand, and a threat are coded as, by the act they are about,
# lives in knowledge/events/act_families.tsv (CAMEO has no modes: an intention to cooperate is 03x,
# an intention to use force a threat, 13x; other conflict actions keep their code, mode "future").


def intent_code(cameo: str) -> str:
    """The CAMEO code for a stated intention to do ``cameo``."""
    return family_code("intend", cameo) or cameo


def request_code(request: str, inner: str) -> str:
    """CAMEO 02x/10x refined by what is asked for ("asked X to help" = appeal for aid, 023)."""
    return family_code("demand" if request.startswith("10") else "appeal", inner) or request


def threat_code(cameo: str) -> str:
    """CAMEO 13x for "threatened to <cameo>" ("threatened to conduct a nuclear test": a show of force
    threatened is a threat of force, 138)."""
    return family_code("threaten", cameo) or "130"

OBJECT_CONTROL = {"ask", "urge", "want", "press", "force", "push", "help", "allow", "order", "tell",
                  "pressure", "persuade", "call", "invite", "encourage", "expect", "need", "require"}
OCCUR = {"take", "occur", "happen", "begin", "continue", "start", "resume", "reach", "sign",
         "conclude", "trigger", "kill", "hit", "destroy", "wound", "injure", "cause", "target",
         "break", "collapse", "end", "fail", "follow"}
PRONOUNS = {"he", "she", "they", "it", "we", "him", "her", "them", "its", "their", "his", "i", "us"}
RELPRON = {"who", "which", "that", "whom"}
ARG_SKIP_DEPS = {"conj", "cc", "punct", "relcl", "acl", "advcl", "appos", "prep", "preconj", "dep"}


# ---------------------------------------------------------------------------- helpers
def _is_pron(t) -> bool:
    """A personal pronoun (not "US" the country, which lower-cases to "us")."""
    return t.lower_ in PRONOUNS and (t.pos_ == "PRON" or t.text.islower() or t.text.istitle() and t.text != "US")


def _lem(t) -> str:
    return t.lemma_.lower()


def _is_verb(t) -> bool:
    return t.pos_ == "VERB" or (t.tag_.startswith("VB") and t.pos_ != "AUX")


def _children(t, *deps):
    return [c for c in t.children if c.dep_ in deps]


def _passive(t) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children):
        return True
    return t.tag_ == "VBN" and t.dep_ == "acl"


def _reduced_relative(v) -> bool:
    """The small parser's garden path "The civilians imprisoned for X were released by Y": the
    participle is parsed as the main verb and the real main verb as its conjunct, which has an
    auxiliary of its own, no subject, and no coordinating word in between. The participle is then a
    reduced relative clause (background) and its "subject" is the patient of the conjunct."""
    if not (_is_verb(v) and v.tag_ in ("VBD", "VBN")) or _children(v, "dobj", "aux", "auxpass"):
        return False
    subj = _children(v, "nsubj")
    if not subj or _is_pron(subj[0]) or subj[0].lower_ in RELPRON or subj[0].i > v.i:
        return False
    for c in _children(v, "conj"):
        if not _children(c, "aux", "auxpass") or _children(c, "nsubj", "nsubjpass"):
            continue
        between = [x for x in v.doc[v.i + 1:c.i] if x.dep_ == "cc" or x.text in (",", ";", "–", "—", "-")]
        if not between:
            return True
    return False


def _garden_main(t):
    """The subject of the garden-path participle when ``t`` is the real main verb (see above)."""
    if t.dep_ == "conj" and _reduced_relative(t.head) and _children(t, "aux", "auxpass"):
        return _children(t.head, "nsubj")[0]
    return None


def _obj(t):
    """The direct object of a verb (the patient noun in the passive or a participle clause)."""
    objs = _children(t, "dobj")
    if objs:
        return objs[0]
    if _passive(t):
        sp = _children(t, "nsubjpass")
        if sp:
            before = [c for c in sp if c.i < t.i]
            return before[-1] if before else sp[0]
        if t.dep_ == "acl":
            return t.head
        g = _garden_main(t)
        if g is not None:
            return g
    # "engaged X in a firefight": dobj sometimes parsed as attr / oprd
    objs = _children(t, "attr", "oprd")
    return objs[0] if objs else None


def _preps(t, words: Iterable[str]):
    words = set(words)
    out = []
    for c in t.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in words:
            objs = _children(c, "pobj", "pcomp")
            out.extend(objs)
    return out


def _word_in(t, vals: frozenset) -> bool:
    return "*" in vals or _lem(t) in vals or t.lower_ in vals


WISH_VERBS = {"want", "wish", "like", "prefer"}
DATELINE = re.compile(r"(?:^|\n)\s*[A-Z][A-Z]{2,}[^\n]{0,70}?(?:\s[-–—]|:)\s")


def _crosses_paragraph(a, b) -> bool:
    """True when a paragraph break (a newline) lies between tokens a and b (headline vs body)."""
    lo, hi = (a, b) if a.i <= b.i else (b, a)
    text = a.doc.user_data.get("gb_text")
    if text is None:  # Doc.text joins every token on each call: kept once per document
        text = a.doc.user_data["gb_text"] = a.doc.text
    return "\n" in text[lo.idx:hi.idx]  # the text of the tokens lo..hi-1 with their whitespace


def _in_dateline(tok) -> bool:
    """The token lies in a dateline ("GAZA CITY, Palestinian Territories:")."""
    span = _dateline_span(tok)
    return span is not None and span[0] <= tok.idx < span[1]


def _dateline_span(tok):
    """(start, end) characters of the dateline of ``tok``'s sentence, or None (cached per sentence)."""
    sent = _sent_of(tok)
    key = ("gb_dateline", sent.start)
    cache = tok.doc.user_data
    if key not in cache:
        m = DATELINE.search(sent.text)
        cache[key] = (sent.start_char + m.start(), sent.start_char + m.end()) if m else None
    return cache[key]


def _sent_bounds(doc) -> list:
    """(start, end) token bounds of every sentence of ``doc``, computed once per document
    (spaCy's Token.sent walks the document's sentences on every call)."""
    bounds = doc.user_data.get("gb_sent_bounds")
    if bounds is None:
        bounds = [(s.start, s.end) for s in doc.sents]
        doc.user_data["gb_sent_bounds"] = bounds
    return bounds


def _sent_of(tok):
    """The sentence of ``tok`` as a Span, found by bisection in :func:`_sent_bounds`."""
    import bisect

    bounds = _sent_bounds(tok.doc)
    k = bisect.bisect_right(bounds, (tok.i, float("inf"))) - 1
    start, end = bounds[max(k, 0)]
    return tok.doc[start:end]
