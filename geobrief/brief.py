"""Assembling the brief's summary: the bottom line and the sourcing summary.

The bottom line is written from what the stages found, never from the text directly,
and separates what the article reports as fact (with its sources) from what it only
attributes, hedges, predicts or asserts without any source.
"""
from __future__ import annotations

import re

from typing import Optional

from .model import Brief, Claim, Event, Sourcing
from .pipeline import stage
from .stages.claims import writer_voice

SPECULATIVE = ("hedged", "prediction", "question")
_WORDS = 28  # quotes in the bottom line are cut to this many words


def quote(text: str, words: int = _WORDS) -> str:
    """A short quotation of ``text`` (whole if short, else its first ``words`` words + …)."""
    parts = " ".join(text.split()).split(" ")
    q = " ".join(parts[:words]) + (" …" if len(parts) > words else "")
    return f"“{q}”"


def sourcing_of(claims: list[Claim]) -> Sourcing:
    """Count named sources, anonymous attributions and unsourced assertions."""
    return Sourcing(named=sum(1 for c in claims if c.source.kind == "named"),
                    anonymous=sum(1 for c in claims if c.source.kind == "anonymous"),
                    unsourced=sum(1 for c in claims if c.unsourced))


_CREDIT = re.compile(r"\(\s*(?:additional )?reporting by ([^;)\n]{2,60})", re.I)


def _describe(brief: Brief) -> str:
    a, s = brief.article, brief.summary
    kind = {"opinion": "An opinion piece", "reporting": "A news report", "satire": "A satirical piece",
            "analysis": "An analysis", "statement": "An official statement", "interview": "An interview"}.get(
        s.genre or "", "An article")
    bits = [kind]
    if a.author:
        bits.append(f"by {a.author}")
    if a.outlet:
        # "in The Frontier Daily" reads for a newspaper, not for a ministry that publishes a statement
        bits.append(("," if a.author else "") + f" published by {a.outlet}")
    if a.published:
        bits.append(f"({a.published})")
    out = " ".join(bits).replace(" ,", ",").replace("  ", " ") + f", {s.words:,} words."
    credit = _CREDIT.search(a.text[-400:])
    if credit and (not a.outlet or credit.group(1).strip().lower() not in a.outlet.lower()):
        # "(Reporting by Meridian Wire)": another outlet's copy, not independent reporting
        out += f" Its credit line gives the reporting to {credit.group(1).strip()}: not independent of that outlet."
    return out


def _actor_names(brief: Brief, ids: list[str]) -> str:
    names = [brief.actor(i).name for i in ids if brief.actor(i)]
    return " and ".join(names) if names else "an unidentified actor"


def lead_event(brief: Brief, events: list[Event], material_first: bool = False) -> Optional[Event]:
    """The event a reader should hear first: a dated event (the news happened "on Wednesday")
    before undated background ("has mediated several earlier contacts"), then the earliest, as
    news puts it first. ``material_first``: acts (quad classes 2 and 4) before statements."""
    if not events:
        return None
    return min(events, key=lambda e: (material_first and e.quad_class not in (2, 4),
                                      e.date_span is None, e.evidence.start))


def _event_words(brief: Brief, e: Event) -> str:
    return (f"{_actor_names(brief, e.actor)} → {e.plover}"
            f"{' with ' + _actor_names(brief, e.recipient) if e.recipient else ''}, in the words {quote(e.evidence.text)}")


_COUNT = re.compile(r"\b(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|"
                    r"scores|hundreds?|thousands?)\b", re.I)


def casualty_figures(brief: Brief) -> list[tuple[str, str]]:
    """The tolls the article gives for one violent event, each with whose word it is on:
    ``[("at least 11 people", "Taliban"), ("25 people", "Islamic State Khorasan Province")]``.

    One figure per ASSAULT event (counted or not; not negated, hypothetical, future or historical),
    and only events that can be the same attack: no two different places or dates among them (two
    attacks in two towns are two tolls, not a disagreement). Empty when they cannot all be one."""
    out: list[tuple[str, str]] = []
    places, dates = set(), set()
    for e in brief.events:
        if e.plover != "ASSAULT" or e.mode in ("negated", "hypothetical", "future", "historical"):
            continue
        sp = next((x for x in e.recipient_spans if _COUNT.search(x.text)), None)
        if sp is None or sp.text in {f for f, _ in out}:
            continue
        places.update([e.place] if e.place else [])
        dates.update([e.date] if e.date else [])
        src = brief.actor(e.source) if e.source else None
        out.append((sp.text, src.name if src else (brief.article.outlet or "the article")))
    return out if len(places) <= 1 and len(dates) <= 1 else []


def bottom_line(brief: Brief) -> list[str]:
    """Plain sentences: what kind of text, what it reports, on whose word, what it only supposes."""
    lines = [_describe(brief)]
    claims = brief.claims
    # the most check-worthy sourced statements of fact first (not a byline or a scene-setter)
    # (background the article recalls — a claim holding a historical event — comes after today's news)
    past = [e.trigger.start for e in brief.events if e.mode == "historical"]
    reported = sorted((c for c in claims if c.status == "reported" and not c.unsourced),
                      key=lambda c: (any(c.start <= p < c.end for p in past), -c.checkworthiness))
    named = [c for c in claims if c.status == "attributed" and c.source.kind == "named"]
    anonymous = [c for c in claims if c.source.kind == "anonymous"]
    # hedges first, then predictions, then rhetorical questions: the clearest cases of supposition
    speculative = sorted((c for c in claims if c.status in SPECULATIVE),
                         key=lambda c: (SPECULATIVE.index(c.status), c.start))
    # the writer's reading of motives and meaning first (its cue words), then the most check-worthy
    unsourced = sorted((c for c in claims if c.unsourced), key=lambda c: (not c.cues, -c.checkworthiness))
    opinion = [c for c in claims if c.status == "opinion"]

    asserted = [e for e in brief.events if e.mode == "asserted"]
    # the news, not what the article recalls: background events (confidence below 0.5, "days after a
    # delegation held talks") do not lead
    lead = lead_event(brief, [e for e in asserted if e.confidence >= 0.5])
    if lead is not None:
        rest = f" ({len(asserted) - 1} more asserted event(s) listed below)" if len(asserted) > 1 else ""
        lines.append(f"Reported as having happened: {_event_words(brief, lead)}{rest}.")
    else:
        intended = lead_event(brief, [e for e in brief.events if e.mode == "future" and e.confidence >= 0.5])
        if intended is not None:
            lines.append(f"Stated as intended or to come (not yet happened): {_event_words(brief, intended)}.")
        background = lead_event(brief, asserted)
        if background is not None:
            lines.append(f"Recalled as background: {_event_words(brief, background)}.")
    on_word = lead_event(brief, [e for e in brief.events if e.mode == "attributed"], material_first=True)
    if on_word is not None and (lead is None or on_word.evidence.start < lead.evidence.start):
        src = brief.actor(on_word.source) if on_word.source else None
        # the news itself rests on someone's word: say so first
        lines.insert(1, f"Reported on {'the word of ' + src.name if src else 'a source’s word'}: "
                        f"{_event_words(brief, on_word)}.")
    if reported and not (lead and reported[0].start <= lead.evidence.start < reported[0].end):
        lines.append(f"Reported as fact: {quote(reported[0].text)}.")
    if named:
        who = sorted({brief.actor(c.source.actor).name for c in named if c.source.actor and brief.actor(c.source.actor)})
        lines.append(f"On the word of named sources ({len(named)} claim(s)"
                     f"{': ' + ', '.join(who) if who else ''}).")
    if claims:
        # each claim once: an unsourced opinion is one claim that is not reported fact, not two
        share = len({c.id for c in speculative + unsourced + anonymous + opinion}) / len(claims)
        if share >= 0.5:
            lines.append(f"Most of the text is not reported fact: {len(speculative)} hedged, predicted or "
                         f"rhetorical claim(s), {len(anonymous)} anonymous attribution(s), "
                         f"{len(unsourced)} assertion(s) with no source, {len(opinion)} opinion(s), "
                         f"out of {len(claims)} claims.")
        elif speculative or anonymous or unsourced:
            parts = [f"{n} {what}" for n, what in ((len(speculative), "hedged or predicted claim(s)"),
                                                  (len(anonymous), "anonymous attribution(s)"),
                                                  (len(unsourced), "unsourced assertion(s)")) if n]
            lines.append("Beyond the reported facts: " + ", ".join(parts) + ".")
    if unsourced:
        lines.append(f"Asserted without any source: {quote(unsourced[0].text)}.")
    if anonymous and len(anonymous) >= len(named):
        top = max(anonymous, key=lambda c: c.checkworthiness)  # the one most worth checking
        lines.append(f"Attributed only to unnamed sources: {quote(top.text)}.")
    if speculative:
        lines.append("Speculation, not fact: " + "; ".join(quote(c.text) for c in speculative[:2]) + ".")
    figures = casualty_figures(brief)
    if len({f for f, _ in figures}) > 1:
        lines.append("Casualty figures differ: " + "; ".join(f"{quote(f)} (on the word of {who})" for f, who in figures) + ".")
    negated = [e for e in brief.events if e.mode == "negated"]
    if negated:
        e = negated[0]
        lines.append(f"Said not to have happened (denied or negated, not an event): {quote(e.evidence.text)}.")
    hypo = [e for e in brief.events if e.mode in ("hypothetical", "future")]
    if hypo and not asserted:
        lines.append(f"No event is asserted as having happened; {len(hypo)} event(s) are only possible or planned.")
    loaded = [f for f in brief.framing if f.speaker in (None, "author")]
    if loaded:
        techniques = sorted({f.technique for f in loaded})
        lines.append(f"Framing: {len(loaded)} technique span(s) in the author's own words "
                     f"({', '.join(techniques[:5])}{'…' if len(techniques) > 5 else ''}).")
    villains = [p for p in brief.portrayals if p.role == "antagonist" and brief.actor(p.actor)]
    if villains:
        lines.append("Cast as antagonist: " + ", ".join(brief.actor(p.actor).name for p in villains[:4]) + ".")
    return lines


@stage("summary", reads=("actors", "places", "events", "claims", "framing", "genre"), assigns=("summary",))
def summary(brief: Brief) -> Brief:
    """Write the bottom line and the sourcing summary from what the stages found."""
    s = brief.summary
    if not s.words:
        s.words = len(brief.article.text.split())
    # the genre is known only now (the framing stage reads it): a plain assertion in an arguing
    # writer's voice rests on no source; the counts are then taken from the final claim list
    writer_voice(brief.claims, s.genre)
    s.sourcing = sourcing_of(brief.claims)
    s.bottom_line = bottom_line(brief)
    return brief
