"""An :class:`~geobrief.corpus.ask.Answer` as text (terminal), Markdown or JSON."""
from __future__ import annotations

import json

from .ask import SECTION_TITLES, SECTIONS, Answer, AnswerLine


def _ref_text(ln: AnswerLine) -> str:
    bits = [ln.article_id]
    if ln.outlet:
        bits.append(ln.outlet)
    if ln.date:
        bits.append(str(ln.date))
    return ", ".join(bits)


def _line_text(ln: AnswerLine) -> list[str]:
    head = f"“{ln.quote}” — {_ref_text(ln)}"
    out = [head]
    extra = []
    if ln.section == "reported" or (ln.kind == "event" and ln.section != "speculation"):
        names = ln.source_names or ln.outlets
        extra.append(f"{ln.sources} independent source(s)" + (f": {'; '.join(names)}" if names else ""))
    if ln.plover:
        extra.append(f"{ln.plover}, {ln.status}")
    elif ln.status and ln.section != ln.status:
        extra.append(ln.status)
    if ln.likelihood:
        extra.append(f"likelihood: {ln.likelihood}")
    if ln.source:
        extra.append(f"source: “{ln.source}”")
    if extra:
        out.append("    [" + "; ".join(extra) + "]")
    if ln.also_in:
        out.append("    also in: " + "; ".join(
            ", ".join(str(x) for x in (a["article_id"], a.get("outlet"), a.get("date")) if x) for a in ln.also_in))
    for c in ln.contradicted_by:
        out.append(f"    contradicted by “{c['quote']}” — " +
                   ", ".join(str(x) for x in (c["article_id"], c.get("outlet"), c.get("date")) if x))
    return out


def render_answer(answer: Answer, fmt: str = "text") -> str:
    """The answer as ``text`` (terminal), ``markdown`` (or ``md``) or ``json``."""
    if fmt == "json":
        return json.dumps(answer.to_dict(), ensure_ascii=False, indent=2)
    md = fmt in ("markdown", "md")
    out = [("# " if md else "") + f"Q: {answer.question}"]
    found = [x["name"] for x in answer.actors] + [x["name"] for x in answer.places]
    if found:
        out.append(f"About: {', '.join(found)}")
    if not answer.known:
        out.append("")
        out.append(answer.note or "The corpus does not know.")
        return "\n".join(out) + "\n"
    for sec in SECTIONS + ("passages",):
        ls = answer.sections.get(sec)
        if not ls:
            continue
        out.append("")
        out.append(("## " if md else "") + SECTION_TITLES[sec])
        for ln in ls:
            body = _line_text(ln)
            out.append(("- " if md else "• ") + body[0])
            out.extend(body[1:])
    out.append("")
    stored = f" of the {answer.store_articles} in the store" if answer.store_articles else ""
    out.append(f"({answer.articles} article(s){stored} consulted; quotes are the articles' own words)")
    return "\n".join(out) + "\n"
