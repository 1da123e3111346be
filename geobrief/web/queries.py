"""The reads behind the web views and the API, on one snapshot reader (see ``snapshot``).

Functions take a :class:`~geobrief.web.snapshot.Reader` and plain values (already validated by
``params``) and return plain dicts and lists, with the field names of the brief JSON contract and
of the store's tables. The network, profiles and actor resolution come from ``geobrief.corpus``.
"""
from __future__ import annotations

import functools
import os
from collections import OrderedDict
from typing import Optional

from ..corpus.network import COUNTED_MODES, resolve_actor
from ..corpus.network import build as network_build
from ..corpus.profiles import build as profiles_build
from ..corpus.store import bm25_scores
from ..model import to_dict

# the date of an event: its own when the text gives one, else the article's (as in network.build)
EVENT_DATE = "coalesce(try_cast(e.date AS DATE), a.pub_date)"


CACHE_SIZE = 1024  # results kept per snapshot


_MISS = object()


def cache_get(r, key):
    """The result kept under ``key`` for this snapshot, else ``_MISS``."""
    lru = r.cache.setdefault("lru", OrderedDict())
    with r.gen.lock:
        if key in lru:
            lru.move_to_end(key)
            return lru[key]
    return _MISS


def cache_put(r, key, value):
    lru = r.cache.setdefault("lru", OrderedDict())
    with r.gen.lock:
        lru[key] = value
        while len(lru) > CACHE_SIZE:
            lru.popitem(last=False)
    return value


def cached(fn):
    """Keep ``fn``'s result per snapshot (a snapshot never changes), the most recent CACHE_SIZE.
    Callers must not modify what it returns."""
    @functools.wraps(fn)
    def wrapper(r, *args, **kwargs):
        key = (fn.__name__, args, tuple(sorted(kwargs.items())))
        out = cache_get(r, key)
        return cache_put(r, key, fn(r, *args, **kwargs)) if out is _MISS else out
    return wrapper


def _rows(cur, sql: str, params: list) -> list[dict]:
    res = cur.execute(sql, params)
    cols = [d[0] for d in res.description]
    return [dict(zip(cols, r)) for r in res.fetchall()]


def _sqlist(items) -> str:
    """A list as one string parameter, split in SQL with string_split(?, chr(31))."""
    return "\x1f".join(items)


def names(r, keys) -> dict:
    """Actor key → display name (the name most articles use)."""
    keys = sorted({k for k in keys if k})
    if not keys:
        return {}
    return dict(r.con.execute(
        "SELECT actor_key, mode(name) FROM actors WHERE actor_key IN (SELECT unnest(string_split(?, chr(31)))) "
        "GROUP BY actor_key", [_sqlist(keys)]).fetchall())


# ---- overview ---------------------------------------------------------------------------------
def count(r) -> dict:
    """Articles, outlets, words, events, claims and actors in the store (cached per snapshot)."""
    if "count" not in r.cache:
        c = r.con
        counts = dict(zip(("articles", "outlets", "words"), c.execute(
            "SELECT count(*), count(DISTINCT outlet), coalesce(sum(words), 0) FROM articles").fetchone()))
        for t in ("events", "claims"):
            counts[t] = c.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        counts["actors"] = c.execute("SELECT count(DISTINCT actor_key) FROM actors").fetchone()[0]
        r.cache["count"] = counts
    return r.cache["count"]


def overview(r) -> dict:
    """Counts, articles per month by outlet, genres, top actors and outlet profiles (cached per snapshot)."""
    if "overview" in r.cache:
        return r.cache["overview"]
    c = r.con
    counts = count(r)
    span = c.execute("SELECT CAST(min(pub_date) AS VARCHAR), CAST(max(pub_date) AS VARCHAR) FROM articles").fetchone()
    months = _rows(c, """
        SELECT strftime(date_trunc('month', pub_date), '%Y-%m') AS month, coalesce(outlet, '(unknown)') AS outlet,
               count(*) AS articles
        FROM articles WHERE pub_date IS NOT NULL GROUP BY ALL ORDER BY month, articles DESC, outlet""", [])
    genres = _rows(c, "SELECT coalesce(genre, '(none)') AS genre, count(*) AS articles FROM articles "
                      "GROUP BY ALL ORDER BY articles DESC, genre", [])
    top = _rows(c, """
        SELECT ae.entity_key AS key, count(DISTINCT ae.article_id) AS articles
        FROM article_entities ae WHERE ae.entity = 'actor' GROUP BY ALL ORDER BY articles DESC, key LIMIT 20""", [])
    nm = names(r, [t["key"] for t in top])
    for t in top:
        t["name"] = nm.get(t["key"], t["key"])
    profiles = profiles_build(c, by="outlet")
    for p in profiles:
        p["portrayals"] = p["portrayals"][:5]
    out = {"counts": counts, "first_date": span[0], "last_date": span[1], "months": months, "genres": genres,
           "top_actors": top, "profiles": profiles}
    r.cache["overview"] = out
    return out


def warm(r) -> None:
    """Compute what the first pages of a new snapshot need (overview, facets, the month network) and
    load what ask keeps per store."""
    overview(r)
    facets(r)
    _network(r, None, None, None, "month")
    _network(r, None, None, None, "year")
    from ..corpus.ask import prepare

    prepare(r.path)  # ask's name vocabulary and entity index


def facets(r) -> dict:
    """The values the search form offers: outlets and genres (cached per snapshot)."""
    if "facets" not in r.cache:
        c = r.con
        r.cache["facets"] = {
            "outlets": [x[0] for x in c.execute(
                "SELECT outlet FROM articles WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY count(*) DESC, outlet").fetchall()],
            "genres": [x[0] for x in c.execute(
                "SELECT genre FROM articles WHERE genre IS NOT NULL GROUP BY genre ORDER BY genre").fetchall()],
            "plover": [x[0] for x in c.execute("SELECT DISTINCT plover FROM events ORDER BY 1").fetchall() if x[0]],
            "modes": [x[0] for x in c.execute("SELECT DISTINCT mode FROM events ORDER BY 1").fetchall() if x[0]],
        }
    return r.cache["facets"]


# ---- search -----------------------------------------------------------------------------------
def place_keys(r, place: str) -> list[str]:
    """Place keys matching ``place``: a key (GeoNames id), an exact name, else a name containing it."""
    rows = r.con.execute("SELECT DISTINCT place_key FROM places WHERE place_key = ? OR lower(name) = lower(?)",
                         [place, place]).fetchall()
    if not rows:
        rows = r.con.execute("SELECT DISTINCT place_key FROM places WHERE lower(name) LIKE '%' || lower(?) || '%'",
                             [place]).fetchall()
    return [x[0] for x in rows]


@cached
def search(r, q: Optional[str] = None, actor: Optional[str] = None, place: Optional[str] = None,
           since: Optional[str] = None, until: Optional[str] = None, genre: Optional[str] = None,
           outlet: Optional[str] = None, limit: int = 20, offset: int = 0) -> dict:
    """Articles matching every given filter; ``q`` is full text (BM25 over sentences when the
    index is built, else a substring of the title or text). Newest first, best match first with q."""
    where, params = [], []
    for value, keys in ((actor, resolve_actor(r.con, actor) if actor else None),
                        (place, place_keys(r, place) if place else None)):
        if value:
            where.append("a.id IN (SELECT article_id FROM article_entities "
                         "WHERE entity_key IN (SELECT unnest(string_split(?, chr(31)))))")
            params.append(_sqlist(keys))
    if since:
        where.append("a.pub_date >= CAST(? AS DATE)")
        params.append(since)
    if until:
        where.append("a.pub_date <= CAST(? AS DATE)")
        params.append(until)
    if genre:
        where.append("a.genre = ?")
        params.append(genre)
    if outlet:
        where.append("lower(a.outlet) = lower(?)")
        params.append(outlet)
    hits, order, snippet = "", "a.pub_date DESC NULLS LAST, a.id", "NULL"
    fts = False
    if q:
        fts = r.store().fts_ready()
        if fts:
            hits = ("JOIN (SELECT s.article_id, max(b.score) AS score, arg_max(s.text, b.score) AS snip "
                    f"FROM {bm25_scores('sentences')} b JOIN sentences s ON s.sid = b.name "
                    "GROUP BY s.article_id) h ON h.article_id = a.id")
            params.insert(0, q)
            order, snippet = "h.score DESC, a.pub_date DESC NULLS LAST, a.id", "h.snip"
        else:
            where.append("(a.title ILIKE '%' || ? || '%' OR a.text ILIKE '%' || ? || '%')")
            params += [q, q]
    sql = f"""
        SELECT a.id, a.title, a.author, a.outlet, a.published, CAST(a.pub_date AS VARCHAR) AS date, a.genre,
               a.words, a.group_id, {snippet} AS snippet, count(*) OVER () AS _total
        FROM articles a {hits} {"WHERE " + " AND ".join(where) if where else ""}
        ORDER BY {order} LIMIT ? OFFSET ?"""
    rows = _rows(r.con, sql, params + [limit, offset])
    total = rows[0]["_total"] if rows else (0 if offset == 0 else _count(r, sql, params))
    for x in rows:
        x.pop("_total")
        if x["snippet"]:
            x["snippet"] = " ".join(x["snippet"].split())
    return {"items": rows, "total": total, "full_text": "bm25" if fts else ("substring" if q else None)}


def _count(r, sql: str, params: list) -> int:
    """The total of a page past the end (the window count is on the rows returned)."""
    inner = sql.rsplit("ORDER BY", 1)[0]
    return r.con.execute(f"SELECT count(*) FROM ({inner})", params).fetchone()[0]


# ---- one article --------------------------------------------------------------------------------
@cached
def article(r, article_id: str):
    """(brief, brief dict with its story ``group_id``, story siblings, actor keys by actor id) or None."""
    brief = r.store().brief(article_id)
    if brief is None:
        return None
    siblings = _rows(r.con, """
        SELECT s.id, s.title, s.outlet, CAST(s.pub_date AS VARCHAR) AS date, g.similarity
        FROM articles a JOIN articles s ON s.group_id = a.group_id AND s.id <> a.id
        LEFT JOIN story_groups g ON g.article_id = s.id
        WHERE a.id = ? ORDER BY s.pub_date, s.id LIMIT 50""", [article_id])
    keys = dict(r.con.execute("SELECT actor_id, actor_key FROM actors WHERE article_id = ?", [article_id]).fetchall())
    data = to_dict(brief)
    data["group_id"] = r.con.execute("SELECT group_id FROM articles WHERE id = ?", [article_id]).fetchone()[0]
    return brief, data, siblings, keys


# ---- one actor ----------------------------------------------------------------------------------
@cached
def actors(r, q: Optional[str] = None, limit: int = 20, offset: int = 0) -> dict:
    """Actors by the number of articles naming them; ``q`` filters by name."""
    where, params = "", []
    if q:
        where = "WHERE lower(name) LIKE '%' || lower(?) || '%' OR actor_key = ?"
        params = [q, q]
    rows = _rows(r.con, f"""
        SELECT actor_key AS key, mode(name) AS name, mode(kind) AS kind, mode(country) AS country,
               mode(code) AS code, count(DISTINCT article_id) AS articles, count(*) OVER () AS _total
        FROM actors {where} GROUP BY actor_key ORDER BY articles DESC, key LIMIT ? OFFSET ?""",
                 params + [limit, offset])
    total = rows[0]["_total"] if rows else 0
    for x in rows:
        x.pop("_total")
    return {"items": rows, "total": total}


@cached
def actor(r, key: str) -> Optional[dict]:
    """Who the actor is, roles by date, events as actor and recipient by month, portrayal by
    outlet, places, network neighbours and its latest events."""
    c = r.con
    head = _rows(c, """
        SELECT actor_key AS key, mode(name) AS name, mode(kind) AS kind, mode(country) AS country,
               mode(sector) AS sector, mode(code) AS code, count(DISTINCT article_id) AS articles,
               list(DISTINCT name ORDER BY name)[1:12] AS names
        FROM actors WHERE actor_key = ? GROUP BY actor_key""", [key])
    if not head:
        return None
    out = head[0]
    out["roles"] = _rows(c, """
        SELECT x.role, CAST(min(a.pub_date) AS VARCHAR) AS first, CAST(max(a.pub_date) AS VARCHAR) AS last,
               count(*) AS articles
        FROM actors x JOIN articles a ON a.id = x.article_id
        WHERE x.actor_key = ? AND x.role IS NOT NULL AND x.role <> '' GROUP BY x.role ORDER BY first NULLS LAST, x.role""",
                         [key])
    out["timeline"] = _rows(c, f"""
        SELECT strftime(date_trunc('month', {EVENT_DATE}), '%Y-%m') AS month,
               count(*) FILTER (WHERE list_contains(e.actor, ?)) AS as_actor,
               count(*) FILTER (WHERE list_contains(e.recipient, ?)) AS as_recipient
        FROM events e JOIN articles a ON a.id = e.article_id
        WHERE (list_contains(e.actor, ?) OR list_contains(e.recipient, ?)) AND e.mode IN {COUNTED_MODES}
        GROUP BY ALL ORDER BY month NULLS LAST""", [key] * 4)
    out["portrayal"] = _rows(c, """
        SELECT coalesce(a.outlet, '(unknown)') AS outlet, count(*) AS articles, round(avg(p.polarity), 3) AS mean_polarity,
               count(*) FILTER (WHERE p.role = 'protagonist') AS protagonist,
               count(*) FILTER (WHERE p.role = 'antagonist') AS antagonist,
               count(*) FILTER (WHERE p.role = 'innocent') AS innocent
        FROM portrayals p JOIN articles a ON a.id = p.article_id WHERE p.actor_key = ?
        GROUP BY ALL ORDER BY articles DESC, outlet""", [key])
    out["places"] = _rows(c, """
        SELECT p.place_key AS key, mode(p.name) AS name, mode(p.country) AS country, count(DISTINCT p.article_id) AS articles
        FROM places p WHERE p.article_id IN (
            SELECT article_id FROM article_entities WHERE entity = 'actor' AND entity_key = ?)
        GROUP BY p.place_key ORDER BY articles DESC, name LIMIT 20""", [key])
    net = _network(r, None, None, None, "year")
    pairs: dict = {}
    for d in net.dyads:
        if key not in (d.source, d.target):
            continue
        other = d.target if d.source == key else d.source
        p = pairs.setdefault((other, "out" if d.source == key else "in"), {"events": 0, "types": {}})
        p["events"] += d.events
        for t, n in d.by_type.items():
            p["types"][t] = p["types"].get(t, 0) + n
    out["neighbours"] = sorted(
        ({"key": k, "name": net.nodes.get(k, {}).get("name") or k, "direction": dr, "events": v["events"],
          "by_type": v["types"]} for (k, dr), v in pairs.items()), key=lambda x: (-x["events"], x["name"]))[:30]
    out["events"] = events(r, actor_key=key, limit=25)["items"]
    return out


# ---- events -----------------------------------------------------------------------------------
@cached
def events(r, plover: Optional[str] = None, cameo: Optional[str] = None, mode: Optional[str] = None,
           actor_key: Optional[str] = None, actor: Optional[str] = None, recipient: Optional[str] = None,
           since: Optional[str] = None, until: Optional[str] = None, limit: int = 50, offset: int = 0,
           article_id: Optional[str] = None) -> dict:
    """Events with filters; ``actor``/``recipient`` are names or keys (``actor_key``: either side)."""
    where, params = [], []
    if plover:
        where.append("e.plover = ?")
        params.append(plover.upper())
    if cameo:
        where.append("starts_with(e.cameo, ?)")
        params.append(cameo)
    if mode:
        where.append("e.mode = ?")
        params.append(mode)
    if actor_key:
        where.append("(list_contains(e.actor, ?) OR list_contains(e.recipient, ?))")
        params += [actor_key, actor_key]
    for value, col in ((actor, "actor"), (recipient, "recipient")):
        if value:
            where.append(f"list_has_any(e.{col}, string_split(?, chr(31)))")
            params.append(_sqlist(resolve_actor(r.con, value)))
    if since:
        where.append(f"{EVENT_DATE} >= CAST(? AS DATE)")
        params.append(since)
    if until:
        where.append(f"{EVENT_DATE} <= CAST(? AS DATE)")
        params.append(until)
    if article_id:
        where.append("e.article_id = ?")
        params.append(article_id)
    rows = _rows(r.con, f"""
        SELECT e.article_id, e.event_id, CAST({EVENT_DATE} AS VARCHAR) AS date, e.date AS text_date, e.plover,
               e.mode, e.cameo, e.root_code, e.quad_class, e.goldstein, e.actor, e.recipient, e.place,
               pl.name AS place_name, e.trigger, e.evidence, e.evidence_start, e.evidence_end, e.confidence,
               a.outlet, a.title, count(*) OVER () AS _total
        FROM events e JOIN articles a ON a.id = e.article_id
        LEFT JOIN places pl ON pl.article_id = e.article_id AND pl.place_key = e.place
        {"WHERE " + " AND ".join(where) if where else ""}
        ORDER BY {EVENT_DATE} DESC NULLS LAST, e.article_id, e.event_id LIMIT ? OFFSET ?""", params + [limit, offset])
    total = rows[0]["_total"] if rows else 0
    nm = names(r, [k for x in rows for k in (x["actor"] or []) + (x["recipient"] or [])])
    for x in rows:
        x.pop("_total")
        x["actor_names"] = [nm.get(k, k) for k in x["actor"] or []]
        x["recipient_names"] = [nm.get(k, k) for k in x["recipient"] or []]
    return {"items": rows, "total": total}


def event_export_rows(r, max_events: int = 5000, **filters) -> list[dict]:
    """The filtered events as GDELT-like rows (``geobrief.export.event_rows``), all modes."""
    from ..export import event_rows
    from ..model import EVENT_MODES

    picked = events(r, limit=max_events, offset=0, **filters)["items"]
    wanted: dict[str, set] = {}
    for x in picked:
        wanted.setdefault(x["article_id"], set()).add(x["event_id"])
    st = r.store()
    rows = []
    for aid in sorted(wanted):
        brief = st.brief(aid)
        if brief is not None:
            rows += [row for row in event_rows(brief, include_modes=EVENT_MODES, counted_only=False)
                     if row["event_id"] in wanted[aid]]
    return rows


def events_csv(r, max_events: int = 5000, **filters) -> str:
    """The rows of ``event_export_rows`` as CSV (the columns of ``geobrief events``)."""
    import io

    from ..export import write_csv

    buf = io.StringIO()
    write_csv(event_export_rows(r, max_events, **filters), buf)
    return buf.getvalue()


def events_parquet(r, max_events: int = 5000, **filters) -> bytes:
    """The rows of ``event_export_rows`` as Parquet (``geobrief.export.write_parquet``, through a
    private temporary file that no request names)."""
    import tempfile

    from ..export import write_parquet

    with tempfile.TemporaryDirectory(prefix="geobrief-serve-export-") as d:
        path = os.path.join(d, "events.parquet")
        write_parquet(event_export_rows(r, max_events, **filters), path)
        with open(path, "rb") as fh:
            return fh.read()


NETWORK_CACHE = 32  # networks kept per snapshot (by filters)


def _network(r, actor, since, until, bucket):
    """The network for these filters, computed once per snapshot (the most recent ones are kept)."""
    cache = r.cache.setdefault("network", {})
    key = (actor, since, until, bucket)
    if key not in cache:
        if len(cache) >= NETWORK_CACHE:
            cache.pop(next(iter(cache)))
        cache[key] = network_build(r.con, actor=actor, since=since, until=until, bucket=bucket)
    return cache[key]


def network(r, actor: Optional[str] = None, since: Optional[str] = None, until: Optional[str] = None,
            bucket: str = "month") -> dict:
    return _network(r, actor, since, until, bucket).to_dict()


def profiles(r, by: str = "outlet", name: Optional[str] = None) -> list:
    return profiles_build(r.con, by=by, name=name)


# ---- one story (a near-duplicate group) ---------------------------------------------------------
@cached
def story(r, group_id: str, max_members: int = 12) -> Optional[dict]:
    """The articles of a near-duplicate group side by side: which of them report each event, how
    many independent sources report it across the corpus, and who contradicts it
    (``geobrief.corpus.corroborate``); claims per member by status."""
    from ..corpus.corroborate import event_support, same_event

    c = r.con
    members = _rows(c, """
        SELECT a.id, a.title, a.outlet, a.author, CAST(a.pub_date AS VARCHAR) AS date, a.genre, a.words,
               g.similarity, count(*) OVER () AS _total
        FROM articles a LEFT JOIN story_groups g ON g.article_id = a.id
        WHERE a.group_id = ? ORDER BY a.pub_date NULLS LAST, a.id LIMIT ?""", [group_id, max_members])
    if not members:
        return None
    ids = [m["id"] for m in members]
    claims = _rows(c, """SELECT article_id, status, count(*) AS n FROM claims
        WHERE article_id IN (SELECT unnest(string_split(?, chr(31)))) GROUP BY ALL""", [_sqlist(ids)])
    for m in members:
        m.pop("_total")
        m["claims"] = {x["status"]: x["n"] for x in claims if x["article_id"] == m["id"]}
    evs = _rows(c, f"""
        SELECT e.article_id, e.event_id, e.plover, e.mode, e.actor, e.recipient, e.evidence, e.evidence_start,
               a.outlet, a.group_id, CAST({EVENT_DATE} AS VARCHAR) AS date
        FROM events e JOIN articles a ON a.id = e.article_id
        WHERE e.article_id IN (SELECT unnest(string_split(?, chr(31)))) ORDER BY e.article_id, e.evidence_start""",
                [_sqlist(ids)])
    keys = sorted({k for e in evs for k in (e["actor"] or []) + (e["recipient"] or [])})
    types = sorted({e["plover"] for e in evs if e["plover"]})
    pool = _rows(c, f"""
        SELECT e.article_id, e.plover, e.mode, e.actor, e.recipient, e.evidence, a.outlet, a.group_id,
               CAST({EVENT_DATE} AS VARCHAR) AS date
        FROM events e JOIN articles a ON a.id = e.article_id
        WHERE list_contains(string_split(?, chr(31)), e.plover)
          AND list_has_any(list_concat(e.actor, e.recipient), string_split(?, chr(31)))
        LIMIT 5000""", [_sqlist(types), _sqlist(keys)]) if evs and keys else []
    nm = names(r, keys)
    rows: list[dict] = []
    for e in evs:
        row = next((x for x in rows if same_event(x["event"], e) and x["event"]["mode"] == e["mode"]), None)
        if row is None:
            sup = event_support(e, pool)
            row = {"event": e, "in": {}, "sources": sup.sources, "independent": sup.independent,
                   "status": sup.status, "contradicted_by": sup.contradictions[:5],
                   "actor_names": [nm.get(k, k) for k in e["actor"] or []],
                   "recipient_names": [nm.get(k, k) for k in e["recipient"] or []]}
            rows.append(row)
        row["in"].setdefault(e["article_id"], e["evidence_start"])
    return {"group_id": group_id, "members": members, "events": rows}


# ---- places -------------------------------------------------------------------------------------
@cached
def places(r, actor: Optional[str] = None, since: Optional[str] = None, until: Optional[str] = None,
           limit: int = 60) -> list[dict]:
    """Places with coordinates by the number of articles naming them, with their counted events."""
    where, params = ["p.lat IS NOT NULL"], []
    if actor:
        where.append("p.article_id IN (SELECT article_id FROM article_entities "
                     "WHERE entity_key IN (SELECT unnest(string_split(?, chr(31)))))")
        params.append(_sqlist(resolve_actor(r.con, actor)))
    if since:
        where.append("a.pub_date >= CAST(? AS DATE)")
        params.append(since)
    if until:
        where.append("a.pub_date <= CAST(? AS DATE)")
        params.append(until)
    return _rows(r.con, f"""
        WITH p AS (
            SELECT p.place_key AS key, mode(p.name) AS name, mode(p.country) AS country, avg(p.lat) AS lat,
                   avg(p.lon) AS lon, count(DISTINCT p.article_id) AS articles
            FROM places p JOIN articles a ON a.id = p.article_id WHERE {" AND ".join(where)}
            GROUP BY p.place_key ORDER BY articles DESC, name LIMIT ?)
        SELECT p.*, (SELECT count(*) FROM events e WHERE e.place = p.key AND e.mode IN {COUNTED_MODES}) AS events
        FROM p ORDER BY articles DESC, name""", params + [limit])
