"""What every renderer shows, computed once: labels, groupings and orderings."""
from __future__ import annotations

from collections import OrderedDict

from ..model import Brief, Claim, Event

STATUS_ORDER = ("reported", "unsourced", "attributed", "hedged", "prediction", "question", "opinion", "meta")
STATUS_TITLE = {
    "reported": "Reported as fact",
    # a claim stated as fact in an opinion or analysis text on no one's word (status "reported",
    # ``unsourced``): shown apart, so that the writer's assertions are not listed as reported fact
    "unsourced": "Asserted by the writer, no source",
    "attributed": "Attributed to a source",
    "hedged": "Hedged / speculative",
    "prediction": "Predictions",
    "question": "Rhetorical questions",
    "opinion": "Opinion and evaluation",
    "meta": "Author's meta-text",
}
MODE_ORDER = ("asserted", "attributed", "negated", "hypothetical", "future", "historical")


def actor_names(brief: Brief, ids: list[str]) -> str:
    """Actor ids → "Name (CODE) + Name (CODE)"."""
    out = []
    for i in ids:
        a = brief.actor(i)
        out.append(f"{a.name} ({a.code})" if a and a.code else (a.name if a else i))
    return " + ".join(out) or "—"


def place_name(brief: Brief, place_id: str | None) -> str:
    for p in brief.places:
        if p.id == place_id:
            return p.name
    return ""


def event_row(brief: Brief, e: Event) -> dict:
    """The columns every renderer shows for an event."""
    return {
        "id": e.id, "actor": actor_names(brief, e.actor), "plover": e.plover, "mode": e.mode,
        "cameo": e.cameo or "", "goldstein": "" if e.goldstein is None else f"{e.goldstein:+.1f}",
        "quad": "" if e.quad_class is None else str(e.quad_class),
        "recipient": actor_names(brief, e.recipient) if e.recipient else "—",
        "place": place_name(brief, e.place), "date": e.date or "", "trigger": e.trigger.text,
        "evidence": e.evidence.text,
    }


def events_by_mode(brief: Brief) -> "OrderedDict[str, list[Event]]":
    groups: OrderedDict[str, list[Event]] = OrderedDict((m, []) for m in MODE_ORDER)
    for e in brief.events:
        groups.setdefault(e.mode, []).append(e)
    return OrderedDict((k, v) for k, v in groups.items() if v)


def claim_group(c: Claim) -> str:
    """The group a claim is shown under: its status, or "unsourced" for the writer's own assertion."""
    return "unsourced" if c.status == "reported" and c.unsourced else c.status


def claims_by_status(brief: Brief) -> "OrderedDict[str, list[Claim]]":
    groups: OrderedDict[str, list[Claim]] = OrderedDict((s, []) for s in STATUS_ORDER)
    for c in brief.claims:
        groups.setdefault(claim_group(c), []).append(c)
    return OrderedDict((k, v) for k, v in groups.items() if v)


def claim_source(brief: Brief, c: Claim) -> str:
    """Who a claim rests on, in words."""
    if c.source.kind == "named":
        a = brief.actor(c.source.actor) if c.source.actor else None
        return f"named: {a.name if a else (c.source.span.text if c.source.span else '?')}"
    if c.source.kind == "anonymous":
        return f"anonymous: {c.source.span.text}" if c.source.span else "anonymous"
    return "no source" + (" (unsourced assertion)" if c.unsourced else "")


def claim_flags(c: Claim) -> str:
    bits = []
    if c.likelihood:
        # the text's own certainty, not geobrief's assessment: say whose word the likelihood is
        bits.append(f"likelihood as the text states it: {c.likelihood}"
                    + (f" ({c.likelihood_note})" if c.likelihood_note else ""))
    elif c.likelihood_note:
        bits.append(c.likelihood_note)
    if c.unsourced:
        bits.append("UNSOURCED")
    bits.append(f"check-worthiness {c.checkworthiness:.2f}")
    return "; ".join(bits)


def portrayal_rows(brief: Brief) -> list[dict]:
    rows = []
    for p in brief.portrayals:
        a = brief.actor(p.actor)
        rows.append({"actor": a.name if a else p.actor, "role": p.role, "polarity": f"{p.polarity:+.2f}",
                     "fine_roles": ", ".join(p.fine_roles),
                     "evidence": " | ".join(s.text for s in p.evidence[:3])})
    return rows
