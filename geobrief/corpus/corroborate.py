"""Corroboration: is an event or claim reported by N independent outlets, by one, or contradicted?

Independence: two reports are independent when they come from different outlets AND different
near-duplicate story groups. The number of independent sources is the number of connected
components of the outlet–story-group graph of the reports (a syndicated copy under another
outlet's name, or two stories by one outlet, count once).

Events match across articles when they have the same PLOVER type and the same actors (order-free;
for a single-actor event the same one actor). An event is *contradicted* when another article
reports the same event as negated (denied, did not happen), or vice versa.

Claims are supported by (1) events whose evidence lies inside the claim (they inherit the event's
sources), (2) claims or sentences from other outlets saying the same (normalised text, or a
high content-word overlap), and contradicted by (3) a denial (negation or denial cue) in another
article about the same content words.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

AFFIRMED = ("asserted", "historical", "attributed")
NEGATED = ("negated",)

STOP = frozenset("""a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just may me might more most must
my myself no nor not now of off on once only or other our ours ourselves out over own same she should so some such
than that the their theirs them themselves then there these they this those through to too under until up very
was we were what when where which while who whom why will with would you your yours yourself yourselves said says
say told according one two three week wednesday thursday friday monday tuesday saturday sunday last next new
would also mr ms dr held hold holds holding took take takes taken made make makes gave give gives given went
came come comes part""".split())

DENIAL = re.compile(r"\b(den(?:y|ied|ies|ial|ials)|reject(?:ed|s)?|categorically|refut(?:e|ed|es)|"
                    r"dismiss(?:ed|es)? (?:as|the|reports|claims)|(?:did|does|do) not (?:discuss|take place|happen|meet)|"
                    r"(?:has|had|have|was|were) not been (?:discussed|raised|agreed|reached)|"
                    r"no (?:such )?(?:agreement|proposal|deal|discussion)s? (?:was|were|had been|has been)|"
                    r"(?:has|have|will|would) not (?:grant|allow|permit)|"
                    r"baseless|untrue|unfounded|fabricat\w*|false (?:reports|claims))\b", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")


_CUE_WORDS = frozenset("""denied deny denies denial rejected reject rejects categorically never false baseless
untrue unfounded discussed discuss""".split())
_WORDL = re.compile(r"[a-z][a-z'-]+")


@functools.lru_cache(maxsize=32768)  # ask meets the same sentences again (copies of a story, repeat questions)
def content_words(text: str) -> frozenset[str]:
    """Lower-cased content words (no stop words, no denial cue or reporting words) of ``text``."""
    words = {w.strip("'-") for w in _WORDL.findall(text.lower())}
    return frozenset(w for w in words - _DROP if len(w) > 2)


@functools.lru_cache(maxsize=32768)
def is_denial(text: str) -> bool:
    return bool(DENIAL.search(text))


_PASSIVE = re.compile(r"^(?:has|had|have|was|were|no)\b", re.I)


# words about reporting itself, never what a denial is about
META = frozenset("""reports report reported published media outlets outlet commentators claiming claims claim
statement statements information comment comments news press article articles rumours rumors""".split())


_DROP = STOP | _CUE_WORDS | META


_BOUNDARY = re.compile(r"[,;:.!?\"“”()]|\b(?:during|between|after|before|since|because|while|when|that|which|"
                       r"who|said|says|told)\b", re.I)
# institutional words that every statement about a meeting shares: never what is denied
GENERIC = frozenset("""officials official ministry ministries minister ministers government governments spokesman
spokeswoman spokesperson foreign country countries side sides statement delegation meeting meetings talks
wednesday's thursday's tuesday's monday's friday's sunday's saturday's""".split())


def denied_scope(text: str, before: int = 6, after: int = 15) -> str:
    """The words a denial is about: the clause after each denial cue (up to ``after`` words), and
    the clause before it for passive cues ("Bagram had not been discussed", "no such proposal
    was presented"), each cut at a clause boundary (comma, "during", "that", "said", ...)."""
    parts = []
    for m in DENIAL.finditer(text):
        parts.append(m.group())  # "no such proposal was": the cue names what is denied
        post = text[m.end():]
        for _ in range(3):  # skip clauses with nothing but reporting words ("reports ... claiming that")
            b = _BOUNDARY.search(post)
            clause = post[:b.start()] if b else post
            if (content_words(clause) - GENERIC) or not b:
                break
            if not clause.strip() and b.group().lower() != "that":
                clause = ""  # the denied thing is before the cue ("X had not been discussed during ...")
                break
            parts.append(clause)
            post = post[b.end():]
        parts.append(" ".join(clause.split()[:after]))
        if _PASSIVE.match(m.group()) or m.group().lower().startswith("no "):
            pre = text[:m.start()]
            bs = list(_BOUNDARY.finditer(pre))
            parts.append(" ".join((pre[bs[-1].end():] if bs else pre).split()[-before:]))
    return " ".join(parts)


def independent_count(reports: Iterable[tuple[Optional[str], Optional[str], str]]) -> int:
    """Independent sources among ``(outlet, group_id, article_id)`` reports (see module doc)."""
    return len(independent_sources(reports))


def independent_sources(reports: Iterable[tuple[Optional[str], Optional[str], str]]) -> list[list[str]]:
    """The independent sources among ``(outlet, group_id, article_id)`` reports: one sorted list
    of outlet names (an article id when the outlet is unknown) per source, so an answer can name
    exactly as many sources as it counts ("Meridian Wire / Capital Courier" for a copy)."""
    parent: dict = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    names: dict = {}
    for outlet, group, aid in reports:
        o = ("o", (outlet or "").strip().lower() or aid)
        g = ("g", group or aid)
        names.setdefault(o, (outlet or "").strip() or aid)
        parent[find(o)] = find(g)
    comps: dict = {}
    for o, name in names.items():
        comps.setdefault(find(o), set()).add(name)
    return sorted(sorted(c) for c in comps.values())


def participants(e: dict) -> frozenset:
    """The actors and recipients of an event, order-free (kept under "parts" by ``ask``)."""
    got = e.get("parts")
    return got if got is not None else frozenset(e["actor"] or ()) | frozenset(e["recipient"] or ())


def same_participants(pa: frozenset, pb: frozenset) -> bool:
    """Both name participants, and the same ones (one each), or at least two in common."""
    if not pa or not pb:
        return False
    if len(pa) == 1 or len(pb) == 1:
        return pa == pb
    return len(pa & pb) >= 2


def same_event(a: dict, b: dict) -> bool:
    """Same PLOVER type and same participants (order-free)."""
    return a["plover"] == b["plover"] and same_participants(participants(a), participants(b))


@dataclass
class Support:
    """Who reports something, who contradicts it."""

    reports: list = field(default_factory=list)  # (outlet, group, article_id)
    contradictions: list = field(default_factory=list)  # dicts: article_id, outlet, date, quote

    @property
    def independent(self) -> int:
        return independent_count(self.reports) if self.reports else 0

    @property
    def outlets(self) -> list[str]:
        return sorted({o for o, _, _ in self.reports if o})

    @property
    def sources(self) -> list[str]:
        """One label per independent source ("A / B" when B's report is a copy of A's)."""
        return [" / ".join(c) for c in independent_sources(self.reports)] if self.reports else []

    @property
    def status(self) -> str:
        if self.contradictions:
            return "contradicted"
        return "corroborated" if self.independent >= 2 else "single"


def _ref(row: dict, quote: str) -> dict:
    return {"article_id": row["article_id"], "outlet": row.get("outlet"), "date": row.get("date"),
            "quote": quote}


# A negation of a topic, not of the event: "did not discuss Bagram", "X was not raised". It
# denies what was said at a meeting, never that the meeting took place.
TOPIC_DENIAL = re.compile(
    r"\b(?:(?:did|does|do|had|has|have|would|will)\s+not|didn't|never|no\s+one)\s+"
    r"(?:discuss|raise|mention|address|talk\s+about|touch\s+on|bring\s+up|negotiate|agree\s+on)\w*\s+\w"
    r"|\b(?:was|were|had|has|have)\s+not\s+(?:been\s+)?(?:discussed|raised|mentioned|addressed|on\s+the\s+agenda)\b",
    re.I)


def denies_topic_only(evidence: str) -> bool:
    """True when a negated event's evidence denies a topic of the event, not the event itself."""
    return bool(TOPIC_DENIAL.search(evidence or ""))


_TOPIC_VERB = re.compile(r"\b(?:discuss|rais|mention|address|negotiat|talk|agree)\w*", re.I)


def _denies_what_was_said(p: dict) -> bool:
    """True when a denial (a pool dict) is about what was said or discussed (cached in ``p``)."""
    if "topic_denial" not in p:
        p["topic_denial"] = bool(TOPIC_DENIAL.search(p["text"])
                                 or _TOPIC_VERB.search(denied_scope(p["text"])))
    return p["topic_denial"]


def event_support(event: dict, pool: list[dict]) -> Support:
    """Support of ``event`` among ``pool`` events (dicts with plover, actor, recipient, mode,
    article_id, outlet, group_id, evidence, date). A negated event contradicts the same event
    affirmed elsewhere only when it denies the event itself: "the two sides did not discuss X"
    says nothing against their meeting."""
    sup = Support()
    own_neg = event["mode"] in NEGATED
    if own_neg and denies_topic_only(event.get("evidence", "")):
        pool = [o for o in pool if o["mode"] in NEGATED]
    if isinstance(pool, dict):  # pool indexed by PLOVER type
        pool = pool.get(event["plover"], [])
    for other in pool:
        if not same_event(event, other):
            continue
        other_neg = other["mode"] in NEGATED
        if other["mode"] not in AFFIRMED and not other_neg:
            continue
        if other_neg == own_neg:
            sup.reports.append((other.get("outlet"), other.get("group_id"), other["article_id"]))
        elif other_neg and denies_topic_only(other.get("evidence", "")):
            continue
        elif other["article_id"] != event["article_id"]:
            sup.contradictions.append(_ref(other, other["evidence"]))
    if not any(r[2] == event["article_id"] for r in sup.reports):
        sup.reports.append((event.get("outlet"), event.get("group_id"), event["article_id"]))
    return sup


def claim_support(claim: dict, events_in_claim: list[Support], pool: list[dict],
                  overlap: float = 0.6, deny_overlap: float = 0.4, deny_weight: float = 2.5,
                  name_words: frozenset = frozenset()) -> Support:
    """Support of ``claim`` (dict: text, article_id, outlet, group_id) from the events inside it
    and from ``pool`` texts (claims or sentences of other articles: text, article_id, outlet,
    group_id, date). A pool text may carry ``denied``: {word: idf} of what it denies (its content
    words minus the shared context); a denial then contradicts when the idf of the denied words the
    claim uses adds up to ``deny_weight``, they are two or more, and not all ``name_words`` (actor names); a
    reported claim already corroborated by 2+ independent sources is not contradicted by words alone."""
    sup = Support(reports=[(claim.get("outlet"), claim.get("group_id"), claim["article_id"])])
    for ev in events_in_claim:
        sup.reports.extend(ev.reports)
        sup.contradictions.extend(ev.contradictions)
    cw = content_words(claim["text"])
    own_denial = is_denial(claim["text"])
    if len(cw) < 2:
        return sup
    seen_contra = {c["article_id"] for c in sup.contradictions}
    for p in pool:
        if p["article_id"] == claim["article_id"]:
            continue
        pw = p["cw"] if "cw" in p else content_words(p["text"])
        shared = cw & pw
        if not pw or len(shared) < 2:
            continue
        coef = len(shared) / min(len(cw), len(pw))
        denial = p["denial"] if "denial" in p else is_denial(p["text"])
        # a denial contradicts only through the words of what it denies (``denied``: its content
        # words minus the context it shares with the affirmed reports), not the shared context
        if "denied" in p:  # weighted: the denied words' rarity (idf) must add up, and not only names
            hit = [w for w in cw if w in p["denied"] and w not in GENERIC]
            weight = sum(p["denied"][w] for w in hit)
            contra = (weight >= deny_weight and len(hit) >= 2 and any(w not in name_words for w in hit)
                      and not (claim.get("status") == "reported" and independent_count(sup.reports) >= 2))
        else:
            contra = coef >= deny_overlap and len(shared) >= 2
        if denial and contra and _denies_what_was_said(p) and not _TOPIC_VERB.search(claim["text"]):
            contra = False  # "X was not discussed" contradicts only a claim that X was discussed
        if denial and not own_denial and contra:
            if p["article_id"] not in seen_contra:
                sup.contradictions.append(_ref(p, p["text"]))
                seen_contra.add(p["article_id"])
        elif not denial and coef >= overlap and len(shared) >= 3:
            sup.reports.append((p.get("outlet"), p.get("group_id"), p["article_id"]))
    return sup


def materialise(store_path) -> dict:
    """Write ``event_corroboration`` and ``claim_corroboration`` tables for the whole store.

    Bulk version (SQL): events match by exact ``event_key``; independent = the smaller of the
    number of distinct outlets and of distinct story groups; contradicted = the same key negated
    in another article. Claims take the best support of the events inside them and of claims with
    the same normalised text in other outlets. Returns row counts.
    """
    from .store import Store

    aff = ", ".join(f"'{m}'" for m in AFFIRMED)
    with Store(str(store_path)) as st:
        con = st.con
        con.execute("BEGIN TRANSACTION")
        con.execute(f"""
        CREATE OR REPLACE TABLE event_corroboration AS
        WITH r AS (
            SELECT e.article_id, e.event_id, e.event_key, e.mode, coalesce(a.outlet, a.id) AS outlet,
                   a.group_id FROM events e JOIN articles a ON a.id = e.article_id),
        k AS (
            SELECT event_key,
                   least(count(DISTINCT outlet) FILTER (WHERE mode IN ({aff})),
                         count(DISTINCT group_id) FILTER (WHERE mode IN ({aff}))) AS independent_aff,
                   least(count(DISTINCT outlet) FILTER (WHERE mode = 'negated'),
                         count(DISTINCT group_id) FILTER (WHERE mode = 'negated')) AS independent_neg,
                   list(DISTINCT article_id) FILTER (WHERE mode IN ({aff})) AS aff_articles,
                   list(DISTINCT article_id) FILTER (WHERE mode = 'negated') AS neg_articles
            FROM r GROUP BY event_key)
        SELECT r.article_id, r.event_id, r.event_key, r.mode,
               CASE WHEN r.mode = 'negated' THEN k.independent_neg ELSE k.independent_aff END AS independent,
               CASE WHEN r.mode = 'negated' THEN len(list_filter(coalesce(k.aff_articles, []), x -> x <> r.article_id)) > 0
                    WHEN r.mode IN ({aff}) THEN len(list_filter(coalesce(k.neg_articles, []), x -> x <> r.article_id)) > 0
                    ELSE false END AS contradicted
        FROM r JOIN k USING (event_key)""")
        con.execute("""
        CREATE OR REPLACE TABLE claim_corroboration AS
        WITH ck AS (
            SELECT c.claim_key, least(count(DISTINCT coalesce(a.outlet, a.id)), count(DISTINCT a.group_id)) AS n
            FROM claims c JOIN articles a ON a.id = c.article_id GROUP BY c.claim_key),
        ce AS (
            SELECT c.article_id, c.claim_id, max(ec.independent) AS n, bool_or(ec.contradicted) AS contra
            FROM claims c JOIN events e ON e.article_id = c.article_id
                 AND e.evidence_start < c."end" AND e.evidence_end > c."start"
            JOIN event_corroboration ec ON ec.article_id = e.article_id AND ec.event_id = e.event_id
            GROUP BY c.article_id, c.claim_id)
        SELECT c.article_id, c.claim_id, c.status,
               greatest(coalesce(ck.n, 1), coalesce(ce.n, 1)) AS independent,
               coalesce(ce.contra, false) AS contradicted
        FROM claims c LEFT JOIN ck USING (claim_key)
             LEFT JOIN ce ON ce.article_id = c.article_id AND ce.claim_id = c.claim_id""")
        for t in ("event_corroboration", "claim_corroboration"):
            con.execute(f"ALTER TABLE {t} ADD COLUMN IF NOT EXISTS status VARCHAR")
            con.execute(f"UPDATE {t} SET status = CASE WHEN contradicted THEN 'contradicted' "
                        f"WHEN independent >= 2 THEN 'corroborated' ELSE 'single' END")
        con.execute("COMMIT")
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("event_corroboration", "claim_corroboration")}
