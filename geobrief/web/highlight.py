"""The article text with every evidence span highlighted, for the article page.

The labels and classes are the static HTML brief's (``geobrief.render.html``): claims by status,
framing techniques, actor and place mentions, event triggers. Here a segment also links where it
leads: an actor mention to the actor's page, an event trigger to the event's row, a claim to its
line in the claims list; a segment that links nowhere can still take the focus, and hover or focus
shows its label. Every piece of article text is escaped; each claim and event starts with an
anchor ``o-<offset>`` that answers from ``ask`` link to.
"""
from __future__ import annotations

from urllib.parse import quote

from markupsafe import Markup

from ..corpus.store import actor_key
from ..model import Brief
from ..render.html import _marks, esc


def actor_url(key: str) -> str:
    return "/actors/" + quote(key, safe="")


def _links(brief: Brief) -> list[tuple[int, int, int, str]]:
    """(start, end, priority, href): actor mentions first, then event triggers, then claims."""
    out = []
    for a in brief.actors:
        href = actor_url(actor_key(a))
        out += [(m.start, m.end, 0, href) for m in a.mentions]
    out += [(e.trigger.start, e.trigger.end, 1, f"#e-{e.id}") for e in brief.events]
    out += [(c.start, c.end, 2, f"#c-{c.id}") for c in brief.claims]
    return out


def highlighted(brief: Brief) -> Markup:
    text = brief.article.text
    marks = _marks(brief)
    links = [x for x in _links(brief) if 0 <= x[0] < x[1] <= len(text)]
    anchors = {c.start for c in brief.claims} | {e.evidence.start for e in brief.events} | \
              {e.trigger.start for e in brief.events}
    bounds = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks}
                    | {x[0] for x in links} | {x[1] for x in links} | {a for a in anchors if 0 <= a <= len(text)})
    out = []
    for lo, hi in zip(bounds, bounds[1:]):
        if lo in anchors:
            out.append(f'<span id="o-{lo}"></span>')
        seg = esc(text[lo:hi])
        active = [m for m in marks if m.start <= lo and m.end >= hi]
        if not active:
            out.append(seg)
            continue
        classes = esc(" ".join(sorted({m.cls for m in active})))
        label = esc("\n".join(m.label for m in active))
        link = min((x for x in links if x[0] <= lo and x[1] >= hi), key=lambda x: x[2], default=None)
        if link is not None:
            out.append(f'<a class="hl {classes}" href="{esc(link[3])}" title="{label}" data-label="{label}">{seg}</a>')
        else:
            out.append(f'<span class="hl {classes}" tabindex="0" title="{label}" data-label="{label}">{seg}</span>')
    return Markup("".join(out))
