"""Genre of a text: reporting, opinion, analysis, statement, interview or satire, from signs in the
writer's own voice."""
from __future__ import annotations

import functools
import re
from collections import defaultdict
from typing import Optional

from ...knowledge.lexicons import load_lexicon
from ...nlp import doc_text
from .cues import LL, NC, _cues, _literal_report, _literal_words, cue_hits, cue_hits_in
from .quotes import _in_quote, _speech_lemmas, quotes




# --------------------------------------------------------------------------- genre
_SATIRE = re.compile(r"\b(satire|satirical|parody|the onion|babylon bee|duffel ?blog|newsthump)\b", re.I)
# a wire dateline: "KANSAS CITY, Mo. —", "BEIJING --", "Geneva - ", "Washington (CNN)", "Feb 9 (Reuters) -";
# not a headline with a dash ("Soldiers of the Cross - Who the Real ...": more than four words before it)
_DATELINE = re.compile(r"^\s*(?:(?:By [^\n]{1,40}\n)?[A-Z][A-Za-z.'-]*(?: [A-Z][A-Za-z.'-]*){0,3}"
                       r"(?:,\s*[A-Za-z0-9 .]{1,25}){0,2}\s*(?:\([^)\n]{1,40}\))?\s*[-\u2013\u2014]{1,2}\s"
                       r"|[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*){0,3}(?: \d{1,2})?\s*\((?:CNN|Reuters|AP|AFP|UPI|TASS|Xinhua|dpa)\)"
                       # "ISLAMABAD: Pakistan on Thursday said" (an all-capital city, not a headline label)
                       r"|[A-Z]{3,}(?: [A-Z]{3,}){0,2}:\s"
                       # a statement's place-and-date line: "Kabul, 15 November 2026"
                       r"|[A-Z][a-z]+, \d{1,2} [A-Z][a-z]+ \d{4}\s*$)", re.M)


# figures, amounts and dates the writer states: the stuff of a report ("one of every nine voters this fall",
# "$1.1 billion through the end of August")
_FIGURE_TYPES = ("DATE", "MONEY", "PERCENT", "CARDINAL", "QUANTITY", "TIME")
GENRE_LABELS = ("reporting", "opinion", "analysis", "statement", "interview", "satire")
_WEEKDAY = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_QA_LINE = re.compile(r"^\s*(?:Q|A|Question|Answer)\s*[:.\-\u2013\u2014]\s", re.M)
_SPEAKER_LINE = re.compile(r"^\s*((?:[A-Z][\w.'\u2019-]*\s?){1,3}):\s+\S", re.M)
_INSTITUTION = re.compile(r"\b(?:Ministry|Embassy|Mission|Office|Department|Government|Council|Secretariat|Presidency|"
                          r"Commission|Command|Headquarters|Directorate|Spokesperson|Spokesman|Agency|Committee)\b")


@functools.lru_cache(maxsize=1)
def _genre_cues() -> dict:
    """kind -> compiled regex of the ``framing_genre_cues`` lexicon's cues of that kind."""
    by_kind: dict = defaultdict(list)
    for cue, kind in load_lexicon("framing_genre_cues").items():
        by_kind[kind if isinstance(kind, str) else kind[0]].append(cue)
    return {k: re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(c) for c in sorted(v, key=len, reverse=True))
                          + r")(?![\w-])", re.I) for k, v in by_kind.items()}


def _byline_zone(text: str) -> str:
    """The lines where a byline or author note stands: the first lines and the last paragraph."""
    head = "\n".join(ln for ln in text.lstrip().splitlines()[:5] if 0 < len(ln.split()) <= 15)
    paras = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    tail = paras[-1] if len(paras) > 1 and len(paras[-1].split()) <= 60 else ""
    return head + "\n" + tail


def genre_features(doc, article=None) -> dict:
    """Signs of the kind of text, in the writer's own voice (quoted words are the speakers')."""
    text = doc_text(doc)
    qs = quotes(doc)
    words = [t for t in doc if t.is_alpha]
    nw = max(1, len(words))
    sents = [s for s in doc.sents if any(t.is_alpha for t in s)]
    ns = max(1, len(sents))
    own = lambda t: _in_quote(qs, t.idx, t.idx + len(t)) is None
    unquoted = [t for t in words if own(t)]
    fp = sum(1 for t in unquoted if t.lower_ in ("i", "me", "my", "we", "us", "our") and t.text != "US")
    you = sum(1 for t in unquoted if t.lower_ in ("you", "your"))
    speech = _speech_lemmas()
    # a speech verb that reports something: a clause, a quotation or a parenthetical ("answer to no one" reports nothing)
    said = sum(1 for t in unquoted if t.pos_ == "VERB" and t.lemma_.lower() in speech and
               (t.dep_ == "parataxis" or any(c.dep_ in ("ccomp", "parataxis") or c.is_quote for c in t.children))) + \
        len(re.findall(r"\baccording to\b", text, re.I))
    # a question or exclamation in the writer's voice (not inside a quotation)
    rq = sum(1 for s in sents if s.text.rstrip().endswith("?") and own(s[-1]) and (len(s) < 2 or own(s[-2])))
    ex = sum(1 for s in sents if s.text.rstrip().endswith("!") and own(s[-1]) and (len(s) < 2 or own(s[-2])))
    # evaluative words: not a violence word in a report, nor a word news copy also uses descriptively
    # ("the radical party", "gross domestic product": framing_literal)
    literal = _literal_words()
    ll = sum(1 for h in cue_hits(doc) if h[2] in (LL, NC) and not _literal_report(doc[h[0]], h[1] - h[0])
             and own(doc[h[0]]) and doc[h[0]:h[1]].text.lower() not in literal
             and doc[h[0]].lemma_.lower() not in literal)
    body = re.split(r"\n\s*\n", text, 2)
    dateline = any(bool(_DATELINE.match(b)) for b in body[:2])
    cues = _genre_cues()
    title = (getattr(article, "title", None) or text.lstrip().split("\n", 1)[0])[:200]
    label = re.match(r"^\s*([A-Za-z&\- ]{3,25})\s*[:|\u2013\u2014-]\s", title)
    label = label.group(1) if label else ""
    meta = " ".join(x for x in (getattr(article, "author", None), getattr(article, "outlet", None)) if x)
    zone = _byline_zone(text) + "\n" + meta
    title_kind = next((k[6:] for k in ("title_interview", "title_statement", "title_analysis", "title_opinion")
                       if k in cues and (cues[k].fullmatch(label.strip()) or cues[k].match(title.strip())
                                         and k != "title_opinion")), None)
    statement_subject = sum(1 for s in sents[:8] if own(s[0]) and _INSTITUTION.search(s.text[:80])
                            and "statement_verb" in cues and cues["statement_verb"].search(s.text[:160]))
    # densities of the writer's voice are per word / sentence of the writer's voice
    nown = max(1, len(unquoted))
    ns = max(1, sum(1 for s in sents if own(next(t for t in s if t.is_alpha))))
    return {"first_person": fp / nown * 1000, "you": you / nown * 1000, "said": said / ns, "questions": rq / ns,
            "exclaim": ex / ns, "loaded": ll / nown * 1000, "dateline": dateline, "words": nw,
            "quoted_share": sum(e - a for a, e, _ in qs) / max(1, len(text)),
            "weekday": bool(_WEEKDAY.search(text)),
            "own_sentences": ns, "loaded_n": ll,
            "figures": sum(1 for t in doc if t.ent_iob_ == "B" and t.ent_type_ in _FIGURE_TYPES and own(t)) / ns,
            "opinion_role": bool(cues.get("opinion_role") and cues["opinion_role"].search(zone)),
            "analysis_role": bool(cues.get("analysis_role") and re.search(
                r"\b(?:is|was|as)\s+(?:a|an|the)?\s*(?:[\w-]+\s+){0,3}(?:" + cues["analysis_role"].pattern + ")",
                zone, re.I)),
            "title_kind": title_kind, "institution_speaks": statement_subject,
            "institution_outlet": bool(_INSTITUTION.search(getattr(article, "outlet", None) or "")),
            "qa_lines": len(_QA_LINE.findall(text)) + _speaker_turns(text),
            "stance": sum(1 for m in cues["stance"].finditer(text) if _in_quote(qs, m.start(), m.end()) is None) / ns
            if "stance" in cues else 0.0,
            "title_loaded": sum(1 for h in cue_hits_in(doc, 0, _first_line_end(doc)) if h[2] in (LL, NC))
            if getattr(article, "title", None) is None else _title_loaded(article.title),
            "satire": bool(_SATIRE.search(text[:3000]))}


def _speaker_turns(text: str) -> int:
    """Lines opened by a speaker label ("DB: ...", "John Smith: ...") when two or more labels take
    turns (an interview transcript); 0 otherwise."""
    labels = [m.group(1).strip() for m in _SPEAKER_LINE.finditer(text)]
    return len(labels) if len(labels) >= 4 and len(set(labels)) >= 2 and \
        sum(1 for a, b in zip(labels, labels[1:]) if a != b) >= 3 else 0


def _title_loaded(title: str) -> int:
    """Loaded words of a title given apart from the text (front matter, a parsed title line)."""
    words = _cues()[0]
    return sum(1 for w in re.findall(r"[\w'-]+", title.lower())
               if w in words and words[w][0] in (LL, NC) and words[w][1] != 0)


def _first_line_end(doc) -> int:
    """Token index where the text's first line (its title, in a plain-text article) ends."""
    text = doc_text(doc)
    nl = text.find("\n", len(text) - len(text.lstrip()))
    if nl == -1:
        return 0
    span = doc.char_span(0, nl, alignment_mode="contract")
    return span.end if span is not None and len(text[:nl].split()) <= 25 else 0


FIGURES = 0.5
# evaluative words per 1,000 words of the writer's voice: three steps of an opinion voice, and the most a
# plain report has. Set after the cue senses were narrowed (a verb cue's noun, words of names, quantity
# idioms, descriptive words no longer count), which lowered every text's density by about a quarter
# (was 15/25/50 and 8)
EVALUATIVE = (10.8, 18, 36)
PLAIN = 5.76


def genre_reading(doc, article=None) -> tuple[Optional[str], float, list[str]]:
    """(genre, confidence, the signs it rests on). Genre: reporting | opinion | analysis | statement |
    interview | satire, or None when the signs are too weak to tell (no genre is the default).

    News is read from reporting verbs and quotations carrying the text, time deixis and a dateline
    (a sign, not a requirement), with little first or second person, no rhetorical questions and
    little evaluative wording in the writer's own voice; opinion from those last signs and an opinion
    role in the byline; analysis from an analyst's or researcher's role (or an "Analysis:" label) with
    no opinion voice; a statement from an institution speaking in its own name; an interview from
    question-and-answer lines or its label."""
    f = genre_features(doc, article)
    if f["satire"]:
        return "satire", 0.9, ["names itself satire"]
    news, op, signs = 0.0, 0.0, []

    def sign(side, w, why):
        nonlocal news, op
        if side == "news":
            news += w
        else:
            op += w
        signs.append(why)
    if f["dateline"]:
        sign("news", 1.5, "dateline")
    if f["said"] >= 0.25:
        sign("news", 1.0 + (f["said"] >= 0.45), f"reporting verbs in {f['said']:.2f} per sentence")
    if f["quoted_share"] >= 0.08:
        sign("news", 0.5, "quotations carry part of the text")
    if f["weekday"]:
        sign("news", 0.5, "time deixis (weekday)")
    # stated plainly (figures amid verdicts make no report), over enough sentences to be a rate
    if f["figures"] >= FIGURES and f["loaded"] <= PLAIN and f["own_sentences"] >= 3:
        sign("news", 0.5, f"figures and dates in {f['figures']:.2f} per sentence")
    reported = news > 0  # absences (no first person, little evaluation) count only beside a sign of reporting
    if f["first_person"] <= 2:
        if reported:
            sign("news", 1.0, "no first person in the writer's voice")
    elif f["first_person"] >= 8:
        sign("op", 1.5 + 1.5 * (f["first_person"] >= 20), "first person in the writer's voice")
    if f["you"] >= 4:
        sign("op", 1.0 + (f["you"] >= 10), "addresses the reader")
    if f["questions"] >= 0.04:
        sign("op", 1.0 + (f["questions"] >= 0.08), "rhetorical questions")
    if f["exclaim"] >= 0.03:
        sign("op", 1.0, "exclamations")
    if f["loaded"] >= EVALUATIVE[0] and f["loaded_n"] >= 2:  # one word in a short text is no rate
        sign("op", 1.0 + (f["loaded"] >= EVALUATIVE[1]) + (f["loaded"] >= EVALUATIVE[2]),
             "evaluative wording in the writer's voice")
    elif f["loaded"] <= PLAIN and reported:
        sign("news", 0.5, "little evaluative wording")
    if f["stance"] >= 0.04:
        sign("op", 1.0, "stance adverbs in the writer's voice")
    if f["title_loaded"]:
        sign("op", 1.0, "evaluative wording in the title")
    if f["qa_lines"] >= 4 or f["title_kind"] == "interview":
        return "interview", 0.8 if f["qa_lines"] >= 4 else 0.7, signs + ["question-and-answer form"]
    if f["title_kind"] == "statement" or (f["institution_speaks"] and f["institution_outlet"]) or \
            (f["institution_speaks"] >= 2 and f["said"] < 0.25):
        return "statement", 0.8 if f["title_kind"] == "statement" else 0.65, signs + ["an institution speaks in its own name"]
    if f["opinion_role"] or f["title_kind"] == "opinion":  # the outlet says what the text is
        return "opinion", 0.85, signs + ["opinion byline or label"]
    analysis = f["analysis_role"] or f["title_kind"] == "analysis"
    if analysis and op < 3:
        return "analysis", 0.7 if f["title_kind"] == "analysis" else 0.6, signs + ["analyst's or researcher's byline"]
    margin = news - op
    if max(news, op) < 1.5 or abs(margin) < 1.0:
        return None, 0.0, signs
    label = "reporting" if margin > 0 else "opinion"
    conf = round(min(0.95, 0.5 + 0.08 * abs(margin)), 2)
    return label, conf, signs


def genre_of(doc, article=None) -> Optional[str]:
    """The genre of :func:`genre_reading` (None when the signs are too weak)."""
    return genre_reading(doc, article)[0]


