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
``event_factuality``, ``attribution_spans``) are what the eval scorers call. One module per concern:
``lexicon`` (lexicons, shared helpers), ``likelihood`` (hedges, boosters, ICD 203), ``subjectivity`` and
``checkworthy`` (rules and embedding heads), ``relations``, ``sources`` and ``attribution`` (who said
what), ``factuality``, ``segment`` (claims out of sentences), ``status`` (one clause's reading) and this
module (the stage and the writer's voice).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from ...model import Brief, Claim, Source, Span
from ...nlp import doc_text
from ...pipeline import stage
from .attribution import attribution_spans
from .checkworthy import (  # noqa: F401 (the stage's API, used by the eval scorers and the head trainer)
    CHECKWORTHY_THRESHOLD, checkworthiness, checkworthiness_rules, checkworthiness_scores, checkworthy_threshold,
    embed_open_clauses,
)
from .factuality import event_factuality  # noqa: F401
from .lexicon import (  # noqa: F401
    NOT_ASSESSABLE, PRONOUNS, doc_quote_ranges, _medium_nouns, _subtree_chars, dateline_ranges, lex,
)
from .likelihood import Cue, booster_cues, hedge_cues, icd_cues, is_uncertain, likelihood  # noqa: F401
from .relations import POSS_PRONOUNS, Attribution, _core_chars, _joint_parties  # noqa: F401
from .segment import _line_segments
from .sources import _resolve_pronoun, _resolved_kind, _said_owner, _unsaid
from .status import _actor_for, _overlaps, analyse_clause  # noqa: F401
from .subjectivity import (  # noqa: F401
    SUBJ_THRESHOLD, SUBJECTIVE_THRESHOLD, is_subjective, subjective_flags, subjectivity_probabilities,
    subjectivity_score,
)


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


def _quotation_speaker(text: str, quotes, attributions, lo: int, hi: int) -> list:
    """For a sentence inside a longer quotation with no cue of its own ('"We ran. At ten they locked
    every gate," he said.'), the attribution that credits the whole quotation: a cue just after its
    closing mark or just before its opening one, its content widened to the quotation."""
    q = next(((qa, qb) for qa, qb in quotes if qa <= lo and hi <= qb + 1), None)
    if q is None:
        return []
    qa, qb = q
    for x in attributions:
        if x.source is None or x.kind == "author":
            continue
        after = 0 <= x.cue[0] - qb <= 40 and not text[qb:x.cue[0]].strip(" ,\u201d\"'\u2019")[:1].isalnum() or \
            0 <= x.source[0] - qb <= 40 and x.cue[0] > x.source[0]
        before = 0 <= qa - x.cue[1] <= 4
        # 'X told the paper: “...': a cue whose content opens with the quotation, the line before ending in it
        opens = x.content is not None and x.cue[1] <= qa and x.content[0] <= qa + 1 and qa < x.content[1] and \
            0 <= qa - x.cue[1] <= 60
        if after or before or opens:
            return [replace(x, content=(qa, qb))]
    # a quoted paragraph of its own right after a paragraph that ends on a credited quotation ('"...,"
    # he continued.'): the same speaker goes on
    ls = text.rfind("\n", 0, qa) + 1
    le = text.find("\n", qb)
    le = len(text) if le < 0 else le
    if text[ls:qa].strip() or text[qb:le].strip(" .,\u201d\"'\u2019"):
        return []
    prev_end = len(text[:ls].rstrip())
    prev_start = text.rfind("\n", 0, prev_end) + 1
    credited = [x for x in attributions if prev_start <= x.cue[0] < prev_end and x.source is not None
                and x.kind != "author" and any(prev_start <= pb <= x.cue[0] and x.cue[0] - pb <= 40
                                               for _, pb in quotes)]
    return [replace(credited[-1], content=(qa, qb))] if credited else []


def _segments(doc) -> list:
    """``(sentence, (start, end, prefix, headline))`` of each claim of ``doc``, in text order."""
    ranges = dateline_ranges(doc_text(doc))

    def undated(seg):
        # "KABUL, Nov 12 (Meridian Wire) – A US delegation ...": the dateline is no part of a claim
        a, b, prefix, headline = seg
        while a < b and (doc[a].is_space or any(lo <= doc[a].idx < hi for lo, hi in ranges)):
            a += 1
        return a, b, prefix, headline

    return [(sent, seg) for sent in doc.sents if sent.text.strip() for seg in map(undated, _line_segments(sent))
            if any(not t.is_punct and not t.is_space for t in doc[seg[0]:seg[1]])]


def prepare_claims(docs: list) -> None:
    """Before a batch of articles is analysed: the clauses of all their Docs whose check-worthiness
    the embedding head must decide are embedded in one call (the vectors are cached, so each
    article's own call finds them; texts of about one length share a model run)."""
    embed_open_clauses([[doc[a:b] for _, (a, b, _, _) in _segments(doc)] for doc in docs])


@stage("claims", requires=("actors",), assigns=("claims",), components=COMPONENTS, prepare=prepare_claims)
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
    segs = _segments(doc)
    # check-worthiness of all clauses in one batch (one embedding call per article)
    cws = checkworthiness_scores([doc[a:b] for _, (a, b, _, _) in segs])
    by_sent: dict[int, list] = {}  # each attribution under the sentence(s) its cue overlaps, found once
    for x in attributions:
        cue = doc.char_span(x.cue[0], x.cue[1], alignment_mode="expand")
        for s_ in ({t.sent.start for t in cue} if cue is not None else ()):
            by_sent.setdefault(s_, []).append(x)
    quotes = doc_quote_ranges(doc)
    for (sent, (a, b, prefix, headline)), cw in zip(segs, cws):
        sent_attr = [x for x in by_sent.get(sent.start, ()) if _overlaps((sent.start_char, sent.end_char), x.cue)]
        if not sent_attr:
            sent_attr = _quotation_speaker(text, quotes, attributions, doc[a].idx, doc[b - 1].idx + len(doc[b - 1]))
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
    brief.claims = _author_notes_are_meta(out, brief.article.author)
    return brief


def _author_notes_are_meta(claims: list, author: Optional[str]) -> list:
    """A sentence about the byline's author ("Jane Roe is a fellow at ...", "Roe's latest book is ...")
    describes who wrote the piece, not the world it is about: meta-text, never an unsourced assertion."""
    if not author:
        return claims
    names = {author.strip()}
    last = author.strip().split()[-1] if author.strip() else ""
    if len(last) > 2:
        names.add(last)
    for c in claims:
        head = c.text.lstrip("*_ \t").removeprefix("Dr. ").removeprefix("Prof. ")
        if c.status == "reported" and c.source.kind == "none" and any(
                head.startswith((n + " ", n + "'s ", n + "’s ")) for n in names | {a.removeprefix("Dr. ") for a in names}):
            c.status, c.unsourced = "meta", False
    return claims
