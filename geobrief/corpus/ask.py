"""Evidence-graded answers to a question, in the corpus's own words only.

``ask`` finds the actors and places the question names (matched against stored actor names and
mention texts), the articles about them, and the events and claims that concern them (BM25 over
claims and sentences breaks ties and finds text the entities miss). Every answer line is a quote
from a stored article with its id, outlet and date; nothing is paraphrased or generated. Lines
are grouped in sections:

- ``reported``     events said to have happened, and claims reported as fact, with the number of
                   independent sources (distinct outlets not in the same near-duplicate group);
- ``attributed``   claims (and events) on the word of a named or anonymous source;
- ``speculation``  hedged claims, predictions, rhetorical questions, hypothetical/future events;
- ``opinion``      the author's opinions;
- ``denied``       events said not to have happened, and denials that contradict other lines.

When nothing in the corpus concerns the question, the answer says so (``known`` is False).
"""
from __future__ import annotations

import math
import re
import time
from collections import Counter, OrderedDict
from dataclasses import asdict, dataclass, field
from typing import Optional

from . import corroborate as cor

SECTIONS = ("reported", "attributed", "speculation", "opinion", "denied")
SECTION_TITLES = {
    "reported": "Reported",
    "attributed": "Attributed to a source",
    "speculation": "Speculation (hedged, predicted, rhetorical or hypothetical)",
    "opinion": "Opinion",
    "denied": "Denied or said not to have happened",
    "passages": "Passages (no claim analysis stored for these articles)",
}
CLAIM_SECTION = {"reported": "reported", "attributed": "attributed", "hedged": "speculation",
                 "prediction": "speculation", "question": "speculation", "opinion": "opinion"}
EVENT_SECTION = {"asserted": "reported", "historical": "reported", "attributed": "attributed",
                 "hypothetical": "speculation", "future": "speculation", "negated": "denied"}

MAX_GROUPS = 30  # story groups whose claims and sentences are read
MEMBERS = 14  # articles read per story group (copies: sources, "also in")
MAX_EVENT_ARTICLES = 400  # articles whose events are read (copies in a group count as one source)
KEPT_ARTICLES = 4096  # articles whose decoded ask_rows are kept in memory between questions

_Q_STOP = cor.STOP | frozenset("""doing happen happened happening going visit visiting tell know whats
about any corpus question""".split())


@dataclass
class Ref:
    article_id: str
    outlet: Optional[str]
    date: Optional[str]
    author: Optional[str] = None
    title: Optional[str] = None


@dataclass
class AnswerLine:
    """One quote from the corpus and where it comes from."""

    section: str
    kind: str  # event | claim | passage
    quote: str  # the corpus's own words
    article_id: str
    outlet: Optional[str]
    date: Optional[str]
    start: int
    end: int
    status: Optional[str] = None  # claim status, or event mode
    plover: Optional[str] = None
    sources: int = 1  # independent sources
    outlets: list = field(default_factory=list)
    source_names: list = field(default_factory=list)  # one label per independent source ("A / B" for a copy)
    also_in: list = field(default_factory=list)  # other articles with the same line (copies)
    corroboration: str = "single"  # corroborated | single | contradicted
    contradicted_by: list = field(default_factory=list)  # {article_id, outlet, date, quote}
    source: Optional[str] = None  # the words naming the source, for attributed lines
    likelihood: Optional[str] = None
    score: float = 0.0


@dataclass
class Answer:
    question: str
    known: bool
    actors: list = field(default_factory=list)  # {key, name}
    places: list = field(default_factory=list)
    sections: dict = field(default_factory=dict)  # section → [AnswerLine]
    note: Optional[str] = None
    articles: int = 0  # articles consulted
    store_articles: int = 0  # articles in the store
    ms: float = 0.0

    def lines(self, section: str) -> list:
        return self.sections.get(section, [])

    def to_dict(self) -> dict:
        d = asdict(self)
        return d


# ---- connection and vocabulary cache ----------------------------------------------------------
_VOCAB: dict = {}


def _vocab(st) -> dict:
    """Names of actors (with mention texts) and places, cached per store and article count."""
    n = st.count()
    key = (st.path, n)
    if key in _VOCAB:
        return _VOCAB[key]
    names: dict[str, set] = {}
    for k, text in st.con.execute(
            "SELECT DISTINCT actor_key, name FROM actors UNION SELECT DISTINCT entity_key, text FROM mentions "
            "WHERE entity = 'actor' AND how IN ('name', 'alias')").fetchall():
        names.setdefault(_norm(text), set()).add(k)
    places: dict[str, set] = {}
    for k, text in st.con.execute(
            "SELECT DISTINCT place_key, name FROM places UNION SELECT DISTINCT entity_key, text FROM mentions "
            "WHERE entity = 'place'").fetchall():
        places.setdefault(_norm(text), set()).add(k)
    labels = dict(st.con.execute("SELECT actor_key, mode(name) FROM actors GROUP BY actor_key").fetchall())
    plabels = dict(st.con.execute("SELECT place_key, mode(name) FROM places GROUP BY place_key").fetchall())
    has_claims = st.con.execute("SELECT count(*) > 0 FROM claims").fetchone()[0]
    digest = st.con.execute("SELECT count(*) > 0 FROM meta WHERE key = 'ask_rows' AND value = '1'").fetchone()[0]
    v = {"actors": names, "places": places, "labels": labels, "plabels": plabels, "has_claims": has_claims,
         "n": n, "digest": bool(digest)}
    _VOCAB.clear()
    _VOCAB[key] = v
    return v


def prepare(store_path) -> None:
    """Load what ``ask`` keeps per store (names, the entity index) ahead of the first question."""
    from .store import open_read

    st = open_read(str(store_path))
    _entities(st, _vocab(st))


def _entities(st, vocab: dict):
    """The store's entity → articles index (``entity_index``), kept with its vocabulary."""
    if "entities" not in vocab:
        from .entity_index import EntityIndex

        vocab["entities"] = EntityIndex(st.con)
    return vocab["entities"]


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", (text or "").lower()))


def _match_names(question: str, table: dict[str, set]) -> dict[str, str]:
    """Keys whose name (or a distinctive word of it, e.g. a surname) occurs in the question."""
    q = _norm(question)
    qwords = set(q.split())
    qtext = f" {q} "
    found: dict[str, str] = {}
    for name, keys in table.items():
        if not name:
            continue
        hit = f" {name} " in qtext
        if not hit:
            parts = [w for w in name.split() if len(w) >= 4 and w not in _Q_STOP]
            hit = bool(parts) and parts[-1] in qwords and len(name.split()) > 1
        if hit:
            for k in keys:
                found.setdefault(k, name)
    return found


def _fts_query(question: str) -> str:
    words = [w for w in re.findall(r"[a-z0-9]+", question.lower()) if w not in _Q_STOP and len(w) > 2]
    return " ".join(words)


def _quote(text: str) -> str:
    return " ".join(text.split())


# ---- the answer ------------------------------------------------------------------------------
def ask(question: str, store_path, limit: int = 12) -> Answer:
    """Answer ``question`` from the store at ``store_path`` in the corpus's own words.

    Returns an :class:`Answer`: sections of quotes (see the module doc), each with article id,
    outlet and date, events and reported claims with their number of independent sources and
    any contradiction found elsewhere; ``known`` is False when the corpus says nothing about it.
    ``limit``: the most lines per section.
    """
    from .store import bm25_scores, open_read

    t0 = time.perf_counter()
    st = open_read(str(store_path))
    con = st.con
    vocab = _vocab(st)
    actors = _match_names(question, vocab["actors"])
    places = _match_names(question, vocab["places"])
    ans = Answer(question=question, known=False, actors=_labelled(actors, vocab["labels"]),
                 places=_labelled(places, vocab["plabels"]), store_articles=vocab["n"])
    terms = _fts_query(question)
    fts = st.fts_ready()

    # --- candidate articles: about the named actors/places, else found by text search
    akeys = list(actors)
    pkeys = list(places)
    art_score: dict[str, float] = {}
    meta: dict[str, dict] = {}
    if akeys or pkeys:
        # articles naming most of the question's entities, best per story group, the top groups,
        # and (for source counting) up to MEMBERS articles of each of those groups
        need = len(akeys) + len(pkeys)
        for aid, gid, outlet, date, n in _entities(st, vocab).candidates(
                akeys + pkeys, max(1, (need + 1) // 2), MAX_GROUPS, MEMBERS):
            art_score[aid] = n
            meta[aid] = {"outlet": outlet, "date": date, "group_id": gid or aid}
    need = len(akeys) + len(pkeys)
    # prefer articles naming most of the question's entities
    if art_score:
        top = max(art_score.values())
        floor = min(top, max(1, (need + 1) // 2))
        cand = {a for a, s in art_score.items() if s >= floor}
    else:
        cand = set()

    text_hits: dict[str, float] = {}  # cid/sid → bm25
    qstems = {w[:6] for w in terms.split()}
    if fts and terms and not cand:  # BM25 finds the articles when no named entity does
        table, key = ("claims", "cid") if vocab["has_claims"] else ("sentences", "sid")
        rows = con.execute(
            f"WITH top AS (SELECT docid, name, score FROM {bm25_scores(table)} ORDER BY score DESC, docid LIMIT 400) "
            f"SELECT t.{key}, t.article_id, top.score FROM top JOIN {table} t ON t.{key} = top.name "
            "ORDER BY top.score DESC, top.docid", [terms]).fetchall()
        if not cand:
            # no named entity: a text hit must contain most of the question's words
            qterms = {w[:6] for w in terms.split()}
            need_terms = min(len(qterms), max(2, (len(qterms) + 1) // 2))
            texts = dict(con.execute(
                f"SELECT {key}, text FROM {table} WHERE {key} IN (SELECT unnest(string_split(?, chr(31))))",
                [_sqlist([r[0] for r in rows[:200]])]).fetchall()) if rows else {}
            rows = [r for r in rows if len(qterms & {w[:6] for w in re.findall(r"[a-z0-9]+", texts.get(r[0], "").lower())})
                    >= need_terms]
        for k, aid, score in rows:
            if cand and aid not in cand:
                continue
            text_hits[k] = score
        if not cand:
            cand = {aid for _, aid, s in rows[:60]}
    if not cand:
        ans.note = _unknown_note(question, ans)
        ans.ms = (time.perf_counter() - t0) * 1000
        return ans
    # metadata of every candidate; one representative per near-duplicate story group
    missing = sorted(a for a in cand if a not in meta)
    if missing:
        for r in con.execute("SELECT id, outlet, coalesce(CAST(pub_date AS VARCHAR), published), group_id "
                             "FROM articles WHERE id IN (SELECT unnest(string_split(?, chr(31))))", [_sqlist(missing)]).fetchall():
            meta[r[0]] = {"outlet": r[1], "date": r[2], "group_id": r[3] or r[0]}
    meta = {a: meta[a] for a in cand if a in meta}
    hit_score: dict[str, float] = {}
    for k, v in text_hits.items():
        aid = k.split("#")[0]
        hit_score[aid] = max(hit_score.get(aid, 0.0), v)
    rank = lambda a: (-(art_score.get(a, 0) + min(hit_score.get(a, 0.0), 4.0) / 4), str(meta[a]["date"]), a)  # noqa: E731
    members: dict[str, list[str]] = {}
    for aid in sorted(meta, key=rank):
        members.setdefault(meta[aid]["group_id"], []).append(aid)
    reps = sorted((m[0] for m in members.values()), key=rank)[:MAX_GROUPS]
    rep_set = set(reps)
    ev_articles = [a for r in reps for a in members[meta[r]["group_id"]]][:MAX_EVENT_ARTICLES]
    ev_rows, cl_rows = _article_rows(st, vocab, ev_articles, reps)
    if akeys:  # only events involving the question's actors
        wanted = set(akeys)
        ev_rows = [r for r in ev_rows if wanted.intersection(r[4] or ()) or wanted.intersection(r[5] or ())]
    if vocab["has_claims"]:  # the claims cover the sentences that can support or deny
        pool_rows = [(r[0], r[3]) for r in cl_rows]
        sent_rows = []
    else:
        pool_rows = con.execute("SELECT s.article_id, s.text FROM sentences s "
                                "WHERE s.article_id IN (SELECT unnest(string_split(?, chr(31))))", [_sqlist(reps)]).fetchall()
        sent_rows = con.execute(
            "SELECT s.article_id, s.sid, s.text, s.\"start\", s.\"end\" FROM sentences s "
            "WHERE s.article_id IN (SELECT unnest(string_split(?, chr(31))))", [_sqlist(reps)]).fetchall()
    cand = set(ev_articles) | set(reps)
    ans.articles = len(cand)

    def info(aid: str) -> dict:
        return meta.get(aid, {})

    # --- events about the named entities
    events = []
    for aid, eid, plover, mode, act, rec, evid, s0, s1, place, date in ev_rows:
        m = info(aid)
        events.append({"article_id": aid, "event_id": eid, "plover": plover, "mode": mode, "actor": act or [],
                       "recipient": rec or [], "evidence": evid, "start": s0, "end": s1, "place": place,
                       "outlet": m.get("outlet"), "group_id": m.get("group_id"), "date": m.get("date"),
                       "parts": frozenset(act or ()) | frozenset(rec or ())})
    want = set(akeys)

    def relevant_event(e: dict) -> float:
        return 2.0 * len(e["parts"] & want) + (1.0 if e["place"] in pkeys else 0.0)

    # the sentences that can support or contradict: denials, and those naming the question's entities
    name_lows = [w for w in {*(n.lower() for n in list(actors.values()) + list(places.values()) if n),
                             *(vocab["labels"].get(k, "").lower() for k in actors)} if len(w) >= 3]
    name_lows = list({w.split()[-1] if len(w.split()[-1]) >= 4 else w for w in name_lows})
    pool_text = []
    for aid, t in pool_rows:
        low = t.lower()
        denial = cor.is_denial(t)
        if denial or any(n in low for n in name_lows):
            pool_text.append({"article_id": aid, "text": t, "cw": cor.content_words(t), "denial": denial,
                              **{k: info(aid).get(k) for k in ("outlet", "group_id", "date")}})
    denial_pool = [p for p in pool_text if p["denial"]]
    pool_index: dict[str, list[int]] = {}
    for i, p in enumerate(pool_text):
        for w in p["cw"]:
            pool_index.setdefault(w, []).append(i)
    # context words: what affirmed events and the question's entities say; a denial's own
    # content is what remains (e.g. "Bagram" in a denial that a meeting discussed Bagram)
    # (words of affirmed event evidence in 2+ story groups, and the names the question uses)
    groups_of: dict[str, set] = {}
    for e in events:
        if e["mode"] in cor.AFFIRMED:
            for w in cor.content_words(e["evidence"]):
                groups_of.setdefault(w, set()).add(e["group_id"] or e["article_id"])
    context = {w for w, g in groups_of.items() if len(g) >= 2}
    for n in list(actors.values()) + list(places.values()) + [vocab["labels"].get(k, "") for k in actors]:
        context |= cor.content_words(n)
    name_words = frozenset(w for names_ in vocab["actors"] for w in names_.split())
    df: dict[str, int] = {}
    for p in pool_text:
        for w in p["cw"]:
            df[w] = df.get(w, 0) + 1
    n_pool = max(len(pool_text), 1)
    for p in denial_pool:
        scope = cor.content_words(cor.denied_scope(p["text"]))
        p["denied"] = {w: math.log(n_pool / df.get(w, 1)) for w in scope - context}
    by_pp: dict[tuple, list[dict]] = {}  # (PLOVER type, participant) → events
    for e in events:
        for k in e["parts"]:
            by_pp.setdefault((e["plover"], k), []).append(e)

    def same_type_pool(e: dict) -> list[dict]:
        seen, out = set(), []
        for k in e["parts"]:
            for o in by_pp.get((e["plover"], k), ()):
                if id(o) not in seen:
                    seen.add(id(o))
                    out.append(o)
        return out

    lines: dict[str, list[AnswerLine]] = {s: [] for s in SECTIONS}
    covered: dict[str, list[tuple[int, int]]] = {}
    scored = [(relevant_event(e), e) for e in events]
    if not want and not pkeys:  # no named entity: events whose evidence the text search found
        hit_articles = {k.split("#")[0] for k in text_hits}
        scored = [(1.0, e) for _, e in scored if e["article_id"] in hit_articles and any(
            k.startswith(e["article_id"] + "#") for k in text_hits)]
    scored = [(s, e) for s, e in scored if s > 0]
    scored.sort(key=lambda x: (-x[0], str(x[1]["date"]), x[1]["article_id"]))
    merged: list[tuple[dict, AnswerLine]] = []
    by_sec_type: dict[tuple, list] = {}  # (section, PLOVER) → [(its participants, line, articles quoted)]
    n_lines: dict[str, int] = {}
    for s, e in scored:
        section = EVENT_SECTION.get(e["mode"])
        if section is None:
            continue
        bucket = by_sec_type.setdefault((section, e["plover"]), [])
        parts = cor.participants(e)
        dup = next((x for x in bucket if cor.same_participants(x[0], parts)), None)  # same type: the bucket's
        if dup is not None:
            _, dup, quoted = dup
            if e["article_id"] not in quoted:
                quoted.add(e["article_id"])
                dup.also_in.append({"article_id": e["article_id"], "outlet": e["outlet"], "date": e["date"],
                                    "quote": _quote(e["evidence"])})
            covered.setdefault(e["article_id"], []).append((e["start"], e["end"]))
            continue
        if n_lines.get(section, 0) >= 2 * limit:  # enough candidates for this section
            continue
        n_lines[section] = n_lines.get(section, 0) + 1
        sup = cor.event_support(e, same_type_pool(e))
        ln = AnswerLine(section=section, kind="event", quote=_quote(e["evidence"]), article_id=e["article_id"],
                        outlet=e["outlet"], date=e["date"], start=e["start"], end=e["end"], status=e["mode"],
                        plover=e["plover"], sources=sup.independent, outlets=sup.outlets, source_names=sup.sources,
                        corroboration=sup.status, contradicted_by=sup.contradictions[:5], score=s)
        merged.append((e, ln))
        bucket.append((parts, ln, {e["article_id"]}))
        covered.setdefault(e["article_id"], []).append((e["start"], e["end"]))
    for _, ln in merged:
        lines[ln.section].append(ln)

    # --- claims about the named entities / the question's words
    actor_res = _name_res(set(actors.values()) | {vocab["labels"].get(k, "") for k in actors})
    place_res = _name_res(set(places.values()) | {vocab["plabels"].get(k, "") for k in places})
    top_art = max(art_score.values()) if art_score else 1
    ev_by_article: dict[str, list[dict]] = {}
    for e in events:
        ev_by_article.setdefault(e["article_id"], []).append(e)
    seen_keys: dict[tuple, AnswerLine] = {}
    cands = []
    for row in cl_rows:
        aid, clid, cid, text, status = row[:5]
        if CLAIM_SECTION.get(status) is None:
            continue
        bm = text_hits.get(cid)
        if bm is None and qstems:  # entity path: count the question's words in the claim
            bm = 0.5 * len(qstems & {w[:6] for w in re.findall(r"[a-z0-9]+", text.lower())})
        score = _score(text, bm or 0.0, actor_res, place_res)
        score += 0.5 * art_score.get(aid, 0) / top_art  # in an article about the question's entities
        if score > 0:
            cands.append((score, row))
    cands.sort(key=lambda x: (-x[0], x[1][0], x[1][5]))
    per_section: dict[str, int] = {}
    for score, (aid, clid, cid, text, status, c0, c1, src_text, likelihood, src_kind) in cands:
        section = CLAIM_SECTION[status]
        if per_section.get(section, 0) >= limit * 3:
            continue
        if any(s0 < c1 and c0 < s1 for s0, s1 in covered.get(aid, [])):
            continue  # an event line already quotes it
        m = info(aid)
        per_section[section] = per_section.get(section, 0) + 1
        inside = [cor.event_support(e, same_type_pool(e)) for e in ev_by_article.get(aid, [])
                  if e["start"] < c1 and c0 < e["end"]]
        claim = {"article_id": aid, "text": text, "outlet": m.get("outlet"), "group_id": m.get("group_id"),
                 "status": status}
        sup = cor.claim_support(claim, inside, denial_pool if section != "reported" else
                                _near(text, pool_text, pool_index, aid), name_words=name_words)
        key = (section, _norm(text))
        if key in seen_keys:  # the same words in a copy of the story
            seen_keys[key].also_in.append({"article_id": aid, "outlet": m.get("outlet"), "date": m.get("date")})
            continue
        ln = AnswerLine(section=section, kind="claim", quote=_quote(text), article_id=aid, outlet=m.get("outlet"),
                        date=m.get("date"), start=c0, end=c1, status=status, sources=sup.independent,
                        outlets=sup.outlets, source_names=sup.sources, corroboration=sup.status,
                        contradicted_by=sup.contradictions[:5], source=src_text, likelihood=likelihood, score=score)
        seen_keys[key] = ln
        for other in members.get(m.get("group_id"), [])[1:6]:
            if other != aid:
                o = info(other)
                ln.also_in.append({"article_id": other, "outlet": o.get("outlet"), "date": o.get("date")})
        lines[section].append(ln)

    # --- no claim analysis stored: quote the best-matching sentences, unclassified
    if sent_rows:
        lines["passages"] = []
        for aid, sid, text, s0, s1 in sent_rows:
            score = _score(text, text_hits.get(sid, 0.0), actor_res, place_res)
            if score <= 0:
                continue
            m = info(aid)
            lines["passages"].append(AnswerLine(section="passages", kind="passage", quote=_quote(text),
                                                article_id=aid, outlet=m.get("outlet"), date=m.get("date"),
                                                start=s0, end=s1, score=score))

    _one_line_per_quote(lines)
    for sec, ls in lines.items():
        if sec == "reported":
            ls.sort(key=lambda ln: (ln.kind != "event", -ln.sources, -ln.score, str(ln.date)))
        else:
            ls.sort(key=lambda ln: (-ln.score, str(ln.date), ln.article_id, ln.start))
        del ls[limit:]
    ans.sections = {s: ls for s, ls in lines.items() if ls}
    ans.known = bool(ans.sections)
    if not ans.known:
        ans.note = _unknown_note(question, ans)
    ans.ms = (time.perf_counter() - t0) * 1000
    return ans


def _article_rows(st, vocab: dict, ev_articles: list, reps: list) -> tuple[list, list]:
    """The events of ``ev_articles`` and the claims of ``reps``, as rows in the store's order:
    (article_id, event_id, plover, mode, actor, recipient, evidence, start, end, place, date) and
    (article_id, claim_id, cid, text, status, start, end, source_text, likelihood, source_kind).
    From ``ask_rows`` by primary key when the store has it, else from the events and claims tables."""
    from .store import ask_undigest

    con = st.con
    if vocab["digest"]:
        ev_set, rep_set = set(ev_articles), set(reps)
        kept = vocab.setdefault("rows", OrderedDict())  # article → (its order, events, claims), decoded
        missing = [a for a in ev_set | rep_set if a not in kept]
        if missing:
            for aid, order, ev_z, cl_z in con.execute(
                    "SELECT article_id, rowid, events_z, claims_z FROM ask_rows "
                    "WHERE article_id IN (SELECT unnest(string_split(?, chr(31))))", [_sqlist(missing)]).fetchall():
                kept[aid] = (order, [(aid, *r) for r in ask_undigest(ev_z)],
                             [(aid, r[0], f"{aid}#{r[0]}", *r[1:]) for r in ask_undigest(cl_z)])
        got = sorted((kept[a] for a in ev_set | rep_set if a in kept), key=lambda x: x[0])  # the store's order
        for a in ev_set | rep_set:
            if a in kept:
                kept.move_to_end(a)
        while len(kept) > KEPT_ARTICLES:
            kept.popitem(last=False)
        ev_rows = [r for order, evs, cls in got for r in evs if r[0] in ev_set]
        cl_rows = [r for order, evs, cls in got for r in cls if r[0] in rep_set]
        return ev_rows, cl_rows
    ev_rows = con.execute(
        "SELECT e.article_id, e.event_id, e.plover, e.mode, e.actor, e.recipient, e.evidence, "
        "e.evidence_start, e.evidence_end, e.place, e.date FROM events e "
        "WHERE e.article_id IN (SELECT unnest(string_split(?, chr(31))))", [_sqlist(ev_articles)]).fetchall()
    cl_rows = con.execute(
        "SELECT c.article_id, c.claim_id, c.cid, c.text, c.status, c.\"start\", c.\"end\", c.source_text, "
        "c.likelihood, c.source_kind FROM claims c WHERE c.article_id IN (SELECT unnest(string_split(?, chr(31))))",
        [_sqlist(reps)]).fetchall()
    return ev_rows, cl_rows


def _one_line_per_quote(lines: dict) -> None:
    """A sentence is listed once: the same words of one article (or of copies of one story) in a
    second line — another event of the same sentence, or a claim in another section — are merged
    into the first line (sections in the order of ``SECTIONS``, events before claims)."""
    first: dict[str, AnswerLine] = {}
    for sec in list(SECTIONS) + [s for s in lines if s not in SECTIONS]:
        keep = []
        for ln in sorted(lines.get(sec, []), key=lambda x: x.kind != "event"):
            key = _norm(ln.quote)
            prev = first.get(key)
            if prev is None:
                first[key] = ln
                keep.append(ln)
                continue
            seen = {prev.article_id} | {x["article_id"] for x in prev.also_in}
            for ref in [{"article_id": ln.article_id, "outlet": ln.outlet, "date": ln.date}] + ln.also_in:
                if ref["article_id"] not in seen:
                    prev.also_in.append(ref)
                    seen.add(ref["article_id"])
        if sec in lines:
            lines[sec] = keep


def _sqlist(items) -> str:
    """A list as ONE string parameter, split in SQL with ``string_split(?, chr(31))``: passing a
    Python list makes duckdb probe for pandas once per element (slow when pandas is absent)."""
    return "\x1f".join(items)


def _near(text: str, pool: list, index: dict, aid: str, min_shared: int = 3) -> list:
    """Pool texts of other articles sharing at least ``min_shared`` content words with ``text``."""
    c = Counter(i for w in cor.content_words(text) for i in index.get(w, ()))
    return [pool[i] for i, n in c.items() if n >= min_shared and pool[i]["article_id"] != aid]


def _labelled(found: dict, labels: dict) -> list:
    out, seen = [], set()
    for k, n in found.items():
        name = labels.get(k) or n
        if _norm(name) not in seen:
            seen.add(_norm(name))
            out.append({"key": k, "name": name})
    return out


def _name_res(names) -> list:
    """Patterns for each name and its last word (a surname), case-insensitive."""
    out = {}
    for n in names:
        if not n:
            continue
        for w in {n, n.split()[-1]}:
            if len(w) >= 4 and w.lower() not in _Q_STOP:
                out[w.lower()] = _NamePattern(w)
    return list(out.values())


class _NamePattern:
    """A whole-word, case-insensitive name; ``in`` tests the cheap substring first."""

    def __init__(self, word: str):
        self.low = word.lower()
        self.rx = re.compile(r"\b" + re.escape(word) + r"\b", re.I)

    def search(self, text: str):
        return self.rx.search(text)


def _score(text: str, bm25: float, actor_res: list, place_res: list) -> float:
    """Relevance of a text: named actors count most, then places, then BM25 on the question."""
    low = text.lower()
    return (2.0 * sum(1 for r in actor_res if r.low in low and r.search(text))
            + 1.0 * sum(1 for r in place_res if r.low in low and r.search(text)) + min(bm25, 4.0))


def _unknown_note(question: str, ans: Answer) -> str:
    if ans.actors or ans.places:
        who = ", ".join(x["name"] for x in ans.actors + ans.places)
        return f"The corpus does not know: no stored event or claim about {who} answers this question."
    return "The corpus does not know: no stored article mentions the actors, places or words of this question."


from .answer_text import render_answer  # noqa: E402,F401  (the answer as text, markdown or json)
