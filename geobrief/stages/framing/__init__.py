"""Framing stage: propaganda-technique spans, loaded-language density, actor portrayals, genre.

Everything here is rules over the spaCy parse plus two project-written lexicons:

* ``framing_cues`` — cue words/phrases for the 14 PTC techniques (with polarity and scope);
* ``framing_roles`` — cues for the SemEval-2025 entity-framing roles (main + fine role).

Public functions (used by the stage and by the scorers in ``geobrief.eval``):

* :func:`technique_spans` ``(doc, mentions=None) -> list[FramingSpan]``
* :func:`classify_technique` ``(doc, start, end) -> str`` (the technique of a given span)
* :func:`quotes` ``(doc) -> list[(start, end, speaker_span)]`` (quoted material and who says it)
* :func:`portray` ``(doc, entity_spans, groups=None) -> list[dict]`` (role per given span)
* :func:`genre_of` ``(doc) -> "reporting" | "opinion" | "satire"``

The package, by concern: ``cues`` (technique labels, cue lexicons and their senses, negation),
``quotes`` (quoted stretches, block quotations, whose words a span is), ``techniques`` (technique
spans, the news gate, the classifier), ``genre`` (the kind of text) and ``portrayal`` (actor roles);
this module holds the stage and re-exports the names other modules use.

Quoted words are attributed to the quoted speaker (``speaker`` = actor id, or ``"quoted"`` when
the speaker is not a known actor), never to the author; loaded words under negation ("no
humanitarian gesture", "not brutal") are not flagged as the author's loaded language.
"""
from __future__ import annotations


from ...model import Brief, Portrayal
from ...pipeline import stage
from .cues import (AUTH, BAND, BW, CAUSAL, CLICHE, COMPONENTS, DOUBT, EX, EXPLANATIONS, FEAR, FLAG, LL, NC, REP,
                   SLOGAN, TECHNIQUES, WHAT, cue_hits, cue_hits_in, furniture_spans)
from .genre import _DATELINE, GENRE_LABELS, genre_features, genre_of, genre_reading
from .portrayal import _occurrences, portray
from .quotes import quotes
from .techniques import classify_technique, technique_spans

__all__ = ["AUTH", "BAND", "BW", "CAUSAL", "CLICHE", "COMPONENTS", "DOUBT", "EX", "EXPLANATIONS", "FEAR", "FLAG",
           "GENRE_LABELS", "LL", "NC", "REP", "SLOGAN", "TECHNIQUES", "WHAT", "classify_technique", "cue_hits",
           "cue_hits_in", "framing", "furniture_spans", "genre_features", "genre_of", "genre_reading", "portray", "quotes",
           "technique_spans", "_DATELINE", "_innermost", "_occurrences", "_words"]







# --------------------------------------------------------------------------- the stage
def _words(doc) -> int:
    return sum(1 for t in doc if not t.is_punct and not t.is_space)


def _innermost(spans: list) -> list:
    """For the brief, one span per device: a span that holds a tighter span of the same technique
    and speaker is dropped ("No patriot who loves this flag can watch …" Flag-Waving around "this
    flag"). The scorer reads ``technique_spans`` itself (PTC gold has nested spans)."""
    def holds(a, b):
        return a is not b and a.technique == b.technique and a.speaker == b.speaker and \
            a.start <= b.start and b.end <= a.end and (a.start, a.end) != (b.start, b.end)
    return [a for a in spans if not any(holds(a, b) for b in spans)]


@stage("framing", requires=("actors",), reads=("claims",), assigns=("framing", "portrayals", "genre"),
       components=COMPONENTS)
def framing(brief: Brief) -> Brief:
    """Find propaganda-technique spans, actor portrayals and the genre."""
    doc = brief.doc
    if doc is None:
        return brief
    mentions = [(m.start, m.end, a.id) for a in brief.actors for m in a.mentions]
    spans = _innermost(technique_spans(doc, mentions))
    brief.framing = spans
    words = _words(doc)
    loaded = sum(1 for f in spans if f.speaker == "author" and f.technique in (LL, NC))
    brief.summary.words = words
    brief.summary.loaded_language_per_1000_words = round(loaded / words * 1000, 2) if words else 0.0
    brief.summary.genre, conf, _ = genre_reading(doc, brief.article)
    brief.summary.genre_confidence = conf if brief.summary.genre else None
    ent_spans, groups, ids, poolable = [], [], [], []
    for a in brief.actors:
        for m in a.mentions:
            ent_spans.append((m.start, m.end))
            groups.append(a.id)
            ids.append(a.id)
            poolable.append(m.how != "place")
    portrayals = []
    if ent_spans:
        # name pooling only adds occurrences no actor claims: "Pakistan" of the state is not pooled
        # into "Tehreek-e-Taliban Pakistan" on their shared last word
        res = portray(doc, ent_spans, groups, taken=ent_spans, plain_report=brief.summary.genre == "reporting",
                      poolable=poolable)
        done = set()
        for aid, r in zip(ids, res):
            if aid in done or r["n_strong"] <= 0.5:  # no framing evidence (only the prior or "said"): none claimed
                continue
            done.add(aid)
            portrayals.append(Portrayal(aid, r["role"], r["polarity"], r["fine_roles"], r["evidence"]))
    brief.portrayals = portrayals
    return brief
