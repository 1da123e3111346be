"""The corpus store: one DuckDB file holding every stored brief, flattened into tables.

Tables (every per-article row carries ``article_id``):

- ``articles``      one row per article: metadata, text, the brief JSON (``brief_json_z``: zlib-
                    compressed, article text left out as it is in ``text``; ``Store.brief`` reads it
                    back, SQL gets the text with the ``brief_json(brief_json_z)`` function that
                    ``Store`` registers, and ``export`` writes it as plain JSON), content hash
                    (unique: the idempotence key), story group.
- ``actors``        actors of each article, with ``actor_key`` (the knowledge-base id, else
                    ``name:<lower-cased name>``) that joins the same actor across articles.
- ``mentions``      actor and place mentions with offsets.
- ``places``        resolved places per article (``place_key`` = GeoNames id, else name).
- ``events``        one row per event, actor/recipient as lists of actor keys, ``event_key`` for
                    deduplication and corroboration across articles.
- ``claims``        one row per claim, with status, source and ``claim_key`` (normalised text).
- ``framing``       framing technique spans.
- ``portrayals``    each actor's portrayal in each article.
- ``sentences``     sentence spans (full-text searched by ``ask``).
- ``story_groups``  near-duplicate groups (``group_id`` = id of the group's first article).
- ``signatures``    MinHash signature of each article; ``lsh_bands`` the LSH band hashes of
                    group founders.
- ``article_entities`` one row per (actor or place, article) with the article's group, outlet and
                    date: the lookup ``ask`` starts from.
- ``ask_rows``      per article, the fields of its events and of its claims that ``ask`` reads, as
                    two zlib-compressed JSON lists (``ask_digest``): ``ask`` fetches a few hundred
                    articles' rows by the primary key instead of scanning the events and claims
                    tables (a scan costs 50-200 ms at 100k articles, this 10-15 ms).
- ``meta``          schema version and whether the full-text index is stale.

Writes go through Arrow tables, one transaction per batch of articles: a batch is stored whole
or not at all, so killing the process at any moment loses nothing committed.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import re
import time
import zlib
from typing import Iterable, Optional

import duckdb
import pyarrow as pa
import pyarrow.compute  # noqa: F401  (imported by DuckDB on the first Arrow scan; load it up front)

from ..errors import error
from ..model import SCHEMA_VERSION, Actor, Brief, brief_from_dict, to_dict

STORE_SCHEMA = "1"

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS articles (
        id VARCHAR PRIMARY KEY, content_hash VARCHAR NOT NULL, title VARCHAR, author VARCHAR,
        outlet VARCHAR, published VARCHAR, pub_date DATE, url VARCHAR, source VARCHAR, format VARCHAR,
        text VARCHAR, words INTEGER, genre VARCHAR, loaded_per_1000 DOUBLE, stages VARCHAR,
        group_id VARCHAR, brief_json_z BLOB, ingested_at TIMESTAMP)""",
    "CREATE UNIQUE INDEX IF NOT EXISTS articles_hash ON articles(content_hash)",
    """CREATE TABLE IF NOT EXISTS actors (
        article_id VARCHAR, actor_id VARCHAR, actor_key VARCHAR, name VARCHAR, kind VARCHAR,
        country VARCHAR, sector VARCHAR, code VARCHAR, role VARCHAR, kb_id VARCHAR,
        confidence DOUBLE, n_mentions INTEGER)""",
    """CREATE TABLE IF NOT EXISTS mentions (
        article_id VARCHAR, entity VARCHAR, entity_key VARCHAR, "start" INTEGER, "end" INTEGER,
        text VARCHAR, how VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS places (
        article_id VARCHAR, place_id VARCHAR, place_key VARCHAR, name VARCHAR, lat DOUBLE, lon DOUBLE,
        geonameid BIGINT, country VARCHAR, feature VARCHAR, confidence DOUBLE, n_mentions INTEGER)""",
    """CREATE TABLE IF NOT EXISTS events (
        article_id VARCHAR, event_id VARCHAR, event_key VARCHAR, actor VARCHAR[], recipient VARCHAR[],
        plover VARCHAR, mode VARCHAR, cameo VARCHAR, root_code VARCHAR, quad_class INTEGER,
        goldstein DOUBLE, place VARCHAR, date VARCHAR, source VARCHAR,
        evidence_start INTEGER, evidence_end INTEGER, evidence VARCHAR, trigger VARCHAR,
        confidence DOUBLE)""",
    """CREATE TABLE IF NOT EXISTS claims (
        article_id VARCHAR, claim_id VARCHAR, cid VARCHAR, claim_key VARCHAR, "start" INTEGER,
        "end" INTEGER, text VARCHAR, status VARCHAR, source_kind VARCHAR, source_actor VARCHAR,
        source_text VARCHAR, unsourced BOOLEAN, likelihood VARCHAR, likelihood_note VARCHAR,
        checkworthiness DOUBLE, cues VARCHAR[], confidence DOUBLE)""",
    """CREATE TABLE IF NOT EXISTS framing (
        article_id VARCHAR, "start" INTEGER, "end" INTEGER, text VARCHAR, technique VARCHAR,
        trigger VARCHAR, explanation VARCHAR, speaker VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS portrayals (
        article_id VARCHAR, actor_key VARCHAR, actor_name VARCHAR, role VARCHAR, polarity DOUBLE,
        fine_roles VARCHAR[], evidence VARCHAR[])""",
    """CREATE TABLE IF NOT EXISTS sentences (
        article_id VARCHAR, sid VARCHAR, idx INTEGER, "start" INTEGER, "end" INTEGER, text VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS story_groups (
        article_id VARCHAR, group_id VARCHAR, similarity DOUBLE)""",
    "CREATE TABLE IF NOT EXISTS signatures (article_id VARCHAR, sig UINTEGER[])",
    "CREATE TABLE IF NOT EXISTS lsh_bands (band SMALLINT, hash BIGINT, article_id VARCHAR)",
    """CREATE TABLE IF NOT EXISTS article_entities (
        entity_key VARCHAR, entity VARCHAR, article_id VARCHAR, group_id VARCHAR, outlet VARCHAR,
        pub_date DATE)""",
    "CREATE TABLE IF NOT EXISTS ask_rows (article_id VARCHAR PRIMARY KEY, events_z BLOB, claims_z BLOB)",
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
]

# What ``ask_rows`` keeps of each event and claim, in this order (``ask_digest`` / ``ask.py``).
ASK_EVENT_FIELDS = ("event_id", "plover", "mode", "actor", "recipient", "evidence", "evidence_start",
                    "evidence_end", "place", "date")
ASK_CLAIM_FIELDS = ("claim_id", "text", "status", "start", "end", "source_text", "likelihood", "source_kind")


def ask_digest(rows: list) -> bytes:
    """One article's rows (lists of field values) as ``ask_rows`` keeps them."""
    return zlib.compress(json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode(), 6)


def ask_undigest(blob) -> list:
    return json.loads(zlib.decompress(blob)) if blob else []

# The tables that hold data (exported by ``export``), in a stable order.
DATA_TABLES = ("articles", "actors", "mentions", "places", "events", "claims", "framing",
               "portrayals", "sentences", "story_groups")

_FTS_TABLES = (("claims", "cid"), ("sentences", "sid"))


def bm25_scores(table: str) -> str:
    """A subquery of (docid, name, score): the BM25 score (k 1.2, b 0.75, as the fts extension's
    ``match_bm25``) of each row of ``table`` that holds a word of the query string, its one
    ``?`` parameter. ``match_bm25`` is called once per row of the table and scans every posting
    for each; this reads the postings of the query's terms only."""
    s = f"fts_main_{table}"
    return f"""(WITH tokens AS (SELECT DISTINCT stem(unnest({s}.tokenize(?)), 'porter') AS t),
        q AS (SELECT d.termid, d.df FROM {s}.dict d JOIN tokens ON d.term = tokens.t),
        tf AS (SELECT docid, termid, count(*) AS tf FROM {s}.terms
               WHERE termid IN (SELECT termid FROM q) GROUP BY docid, termid)
        SELECT docs.docid, docs.name, sum(log((((st.num_docs - q.df) + 0.5) / (q.df + 0.5)) + 1)
               * ((tf.tf * (1.2 + 1)) / (tf.tf + (1.2 * ((1 - 0.75) + (0.75 * (docs.len / st.avgdl))))))) AS score
        FROM tf JOIN q USING (termid) JOIN {s}.docs docs USING (docid), {s}.stats st
        GROUP BY docs.docid, docs.name)"""


def fts_extension_path() -> Optional[str]:
    """The path of the signed fts extension shipped by the ``duckdb-extension-fts`` package."""
    try:
        import duckdb_extension_fts
    except ImportError:
        return None
    ver = "v" + duckdb.__version__
    path = os.path.join(os.path.dirname(duckdb_extension_fts.__file__), "extensions", ver,
                        "fts.duckdb_extension")
    return path if os.path.exists(path) else None


def _norm_words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def claim_key(text: str) -> str:
    """Normalised text key of a claim: same words in the same order → same key."""
    return hashlib.blake2b(" ".join(_norm_words(text)).encode(), digest_size=8).hexdigest()


def actor_key(actor: Actor) -> str:
    """The cross-article key of an actor: its knowledge-base id, else its lower-cased name."""
    if actor.kb_id:
        return str(actor.kb_id)
    return "name:" + " ".join(_norm_words(actor.name))


def event_key(plover: str, actors: list[str], recipients: list[str]) -> str:
    """Who did what to whom, order-free within each side: the dedup/corroboration key."""
    return f"{plover}|{','.join(sorted(set(actors)))}|{','.join(sorted(set(recipients)))}"


def unzip_json(blob) -> str:
    """The brief JSON text of a ``brief_json_z`` value."""
    return zlib.decompress(bytes(blob)).decode("utf-8") if blob is not None else None


def _register_udfs(con) -> None:
    """SQL function ``brief_json(brief_json_z) -> VARCHAR`` (vectorised over Arrow)."""
    import pyarrow.compute  # noqa: F401

    def brief_json(col):
        return pa.array([None if b is None else zlib.decompress(b).decode("utf-8") for b in col.to_pylist()],
                        type=pa.string())

    if not con.execute("select count(*) from duckdb_functions() where function_name = 'brief_json'").fetchone()[0]:
        con.create_function("brief_json", brief_json, ["BLOB"], "VARCHAR", type="arrow")


def parse_date(value: Optional[str]) -> Optional[_dt.date]:
    if not value:
        return None
    try:
        return _dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


_READERS: dict = {}  # abs path → (mtime, Store) read-only connections kept by ``open_read``


def require_store(path: str) -> str:
    """The absolute path of an existing store; G502 (with its hint) when there is none."""
    ap = os.path.abspath(str(path))
    if not os.path.exists(ap):
        raise error("G502")
    return ap


def open_read(path: str) -> "Store":
    """A cached read-only Store for ``path`` (reopened when the file changed)."""
    ap = require_store(path)
    mtime = os.path.getmtime(ap)
    wal = ap + ".wal"
    if os.path.exists(wal):
        mtime = max(mtime, os.path.getmtime(wal))
    hit = _READERS.get(ap)
    if hit and hit[0] == mtime:
        return hit[1]
    close_readers(ap)
    st = Store(ap, read_only=True)
    # ask runs a handful of small queries: one DuckDB thread is faster than contending for cores
    st.con.execute("SET threads = 1")
    _READERS[ap] = (mtime, st)
    return st


def close_readers(path: Optional[str] = None) -> None:
    """Close cached read-only connections (of ``path``, or all)."""
    for ap in [path] if path else list(_READERS):
        hit = _READERS.pop(os.path.abspath(ap), None) if ap else None
        if hit:
            try:
                hit[1].close()
            except Exception:
                pass


BUSY_WAIT = 60.0  # seconds a command waits for another process's open connection to close


def _connect(path: str, read_only: bool, wait: float):
    """``duckdb.connect``, retried while another process holds the file (DuckDB allows one
    writing process, or many reading ones): G504 after ``wait`` seconds, G501 on other failures."""
    t0 = time.monotonic()
    delay = 0.05
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except Exception as exc:  # duckdb raises IOException / others
            msg = str(exc)
            busy = bool(re.search(r"could not set lock|conflicting lock", msg, re.I))
            if busy and time.monotonic() - t0 < wait:
                time.sleep(delay)
                delay = min(delay * 1.5, 0.5)
                continue
            if busy:
                raise error("G504", path=path, seconds=time.monotonic() - t0) from exc
            raise error("G501", path=path, detail=msg.splitlines()[0] if msg else type(exc).__name__) from exc


class WriterLock:
    """One writing ``ingest`` per store: an exclusive ``flock`` on ``<store>.lock`` held for the
    whole run (released by the kernel if the process dies). A second writer gets G503 at once, or
    waits up to ``wait`` seconds."""

    def __init__(self, path: str, wait: float = 0.0):
        self.path = os.path.abspath(str(path)) + ".lock"
        self.store = str(path)
        self.wait = wait
        self.fd: Optional[int] = None

    def __enter__(self) -> "WriterLock":
        import fcntl

        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        t0 = time.monotonic()
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError:
                if time.monotonic() - t0 >= self.wait:
                    try:
                        pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
                    finally:
                        os.close(fd)
                    raise error("G503", path=self.store, pid=pid) from None
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self.fd = fd
        return self

    def __exit__(self, *exc) -> None:
        import fcntl

        if self.fd is not None:
            os.ftruncate(self.fd, 0)
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


class Store:
    """A DuckDB corpus store at ``path`` (created on first write).

    Open it for as short a time as the work needs: while one process has it open, another waits
    (up to ``wait`` seconds, then G504).
    """

    def __init__(self, path: str, read_only: bool = False, wait: float = BUSY_WAIT):
        self.path = str(path)
        close_readers(os.path.abspath(self.path))  # one process may not mix read-only and read-write
        self.read_only = read_only
        if read_only:
            require_store(self.path)
        try:
            if not read_only:
                parent = os.path.dirname(os.path.abspath(self.path))
                os.makedirs(parent, exist_ok=True)
        except OSError as exc:
            raise error("G501", path=self.path, detail=str(exc)) from exc
        self.con = _connect(self.path, read_only, wait)
        # keep DuckDB from writing anything into the user's home directory
        try:
            self.con.execute("SET home_directory = ?", [os.path.dirname(os.path.abspath(self.path))])
        except Exception:
            pass
        self._fts_loaded = False
        _register_udfs(self.con)
        if not read_only:
            for stmt in SCHEMA:
                self.con.execute(stmt)
            self.con.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", [STORE_SCHEMA])
            self._migrate()

    def _migrate(self) -> None:
        """Fill tables added after a store was created (derived from the stored rows)."""
        if self.meta("article_entities") != "1":
            self.con.execute("BEGIN TRANSACTION")
            self.con.execute("DELETE FROM article_entities")
            self.con.execute("""
                INSERT INTO article_entities
                SELECT DISTINCT x.k, x.ent, a.id, a.group_id, a.outlet, a.pub_date FROM (
                    SELECT actor_key AS k, 'actor' AS ent, article_id FROM actors
                    UNION SELECT place_key, 'place', article_id FROM places) x
                JOIN articles a ON a.id = x.article_id""")
            self.con.execute("INSERT OR REPLACE INTO meta VALUES ('article_entities', '1')")
            self.con.execute("COMMIT")
        if self.meta("ask_rows") != "1":
            self._fill_ask_rows()

    def _fill_ask_rows(self, chunk: int = 5000) -> None:
        """Build ``ask_rows`` from the events and claims tables (a store written before it)."""
        con = self.con
        ids = [r[0] for r in con.execute("SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM ask_rows) "
                                         "ORDER BY rowid").fetchall()]
        ev_cols = ", ".join(f'"{c}"' for c in ASK_EVENT_FIELDS)
        cl_cols = ", ".join(f'"{c}"' for c in ASK_CLAIM_FIELDS)
        con.execute("BEGIN TRANSACTION")
        for i in range(0, len(ids), chunk):
            part = ids[i:i + chunk]
            got: dict[str, list] = {a: [[], []] for a in part}
            for slot, table, cols in ((0, "events", ev_cols), (1, "claims", cl_cols)):
                for r in con.execute(f"SELECT article_id, {cols} FROM {table} WHERE article_id IN "
                                     "(SELECT unnest(string_split(?, chr(31)))) ORDER BY rowid",
                                     ["\x1f".join(part)]).fetchall():
                    got[r[0]][slot].append(list(r[1:]))
            tbl = pa.table({"article_id": part, "events_z": [ask_digest(got[a][0]) for a in part],
                            "claims_z": [ask_digest(got[a][1]) for a in part]}, schema=_arrow_schema("ask_rows"))
            con.register("_in_ask_rows", tbl)
            con.execute("INSERT INTO ask_rows SELECT * FROM _in_ask_rows")
            con.unregister("_in_ask_rows")
        con.execute("INSERT OR REPLACE INTO meta VALUES ('ask_rows', '1')")
        con.execute("COMMIT")

    # ---- lifecycle -------------------------------------------------------------------------
    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- reads -----------------------------------------------------------------------------
    def count(self) -> int:
        return self.con.execute("SELECT count(*) FROM articles").fetchone()[0]

    def known(self, hashes: Iterable[str]) -> set[str]:
        """Those of ``hashes`` already stored."""
        hs = pa.table({"h": list(hashes)})
        if not hs.num_rows:
            return set()
        self.con.register("_hs", hs)
        try:
            rows = self.con.execute(
                "SELECT a.content_hash FROM articles a JOIN _hs ON a.content_hash = _hs.h").fetchall()
        finally:
            self.con.unregister("_hs")
        return {r[0] for r in rows}

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        t = pa.table({"i": list(ids)})
        if not t.num_rows:
            return set()
        self.con.register("_ids", t)
        try:
            rows = self.con.execute("SELECT a.id FROM articles a JOIN _ids ON a.id = _ids.i").fetchall()
        finally:
            self.con.unregister("_ids")
        return {r[0] for r in rows}

    def brief(self, article_id: str) -> Optional[Brief]:
        """The stored brief of ``article_id`` (article text put back), or None."""
        row = self.con.execute("SELECT brief_json_z, text FROM articles WHERE id = ?", [article_id]).fetchone()
        if row is None:
            return None
        data = json.loads(unzip_json(row[0]))
        data["article"]["text"] = row[1]
        return brief_from_dict(data)

    def meta(self, key: str) -> Optional[str]:
        row = self.con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    # ---- full-text search ------------------------------------------------------------------
    def load_fts(self) -> bool:
        """Load the fts extension from its package file (no download, no home-directory write)."""
        if self._fts_loaded:
            return True
        path = fts_extension_path()
        if path is None:
            return False
        try:
            self.con.execute(f"LOAD '{path}'")
        except Exception:
            return False
        self._fts_loaded = True
        return True

    def fts_ready(self) -> bool:
        """True when the full-text indexes exist and are up to date."""
        if self.meta("fts_dirty") not in ("0",):
            return False
        return self.load_fts()

    def rebuild_fts(self) -> bool:
        """(Re)build the BM25 indexes over claims and sentences. Derived data: safe to redo."""
        if not self.load_fts():
            return False
        for table, key in _FTS_TABLES:
            self.con.execute(f"PRAGMA create_fts_index('{table}', '{key}', 'text', overwrite=1)")
        self.con.execute("INSERT OR REPLACE INTO meta VALUES ('fts_dirty', '0')")
        return True

    # ---- writes ----------------------------------------------------------------------------
    def write_batch(self, items: list[tuple[Brief, str]], groups: Optional[dict] = None,
                    signatures: Optional[dict] = None, bands: Optional[list] = None) -> int:
        """Store ``(brief, content_hash)`` items and their rows in ONE transaction.

        ``groups`` maps article id → (group_id, similarity); ``signatures`` article id → MinHash
        (uint32 array); ``bands`` rows of (band, hash, article_id). Returns the number stored.
        """
        if not items:
            return 0
        rows = _flatten(items, groups or {})
        if signatures:
            rows["signatures"] = {"article_id": list(signatures),
                                  "sig": [[int(x) for x in s] for s in signatures.values()]}
        if bands:
            rows["lsh_bands"] = {"band": [b[0] for b in bands], "hash": [b[1] for b in bands],
                                 "article_id": [b[2] for b in bands]}
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            for table, cols in rows.items():
                if not cols or not len(next(iter(cols.values()))):
                    continue
                tbl = pa.table(cols, schema=_arrow_schema(table))
                name = f"_in_{table}"
                con.register(name, tbl)
                collist = ", ".join(f'"{c}"' for c in cols)
                con.execute(f"INSERT INTO {table} ({collist}) SELECT {collist} FROM {name}")
                con.unregister(name)
            con.execute("INSERT OR REPLACE INTO meta VALUES ('fts_dirty', '1')")
            con.execute("COMMIT")
        except Exception as exc:
            con.execute("ROLLBACK")
            raise error("G501", path=self.path, detail=f"batch write failed: {exc}") from exc
        return len(items)


def _arrow_schema(table: str):
    s, i, f, b = pa.string(), pa.int32(), pa.float64(), pa.bool_()
    ls = pa.list_(pa.string())
    schemas = {
        "articles": [("id", s), ("content_hash", s), ("title", s), ("author", s), ("outlet", s),
                     ("published", s), ("pub_date", pa.date32()), ("url", s), ("source", s),
                     ("format", s), ("text", s), ("words", i), ("genre", s), ("loaded_per_1000", f),
                     ("stages", s), ("group_id", s), ("brief_json_z", pa.binary()), ("ingested_at", pa.timestamp("us"))],
        "actors": [("article_id", s), ("actor_id", s), ("actor_key", s), ("name", s), ("kind", s),
                   ("country", s), ("sector", s), ("code", s), ("role", s), ("kb_id", s),
                   ("confidence", f), ("n_mentions", i)],
        "mentions": [("article_id", s), ("entity", s), ("entity_key", s), ("start", i), ("end", i),
                     ("text", s), ("how", s)],
        "places": [("article_id", s), ("place_id", s), ("place_key", s), ("name", s), ("lat", f),
                   ("lon", f), ("geonameid", pa.int64()), ("country", s), ("feature", s),
                   ("confidence", f), ("n_mentions", i)],
        "events": [("article_id", s), ("event_id", s), ("event_key", s), ("actor", ls), ("recipient", ls),
                   ("plover", s), ("mode", s), ("cameo", s), ("root_code", s), ("quad_class", i),
                   ("goldstein", f), ("place", s), ("date", s), ("source", s), ("evidence_start", i),
                   ("evidence_end", i), ("evidence", s), ("trigger", s), ("confidence", f)],
        "claims": [("article_id", s), ("claim_id", s), ("cid", s), ("claim_key", s), ("start", i),
                   ("end", i), ("text", s), ("status", s), ("source_kind", s), ("source_actor", s),
                   ("source_text", s), ("unsourced", b), ("likelihood", s), ("likelihood_note", s),
                   ("checkworthiness", f), ("cues", ls), ("confidence", f)],
        "framing": [("article_id", s), ("start", i), ("end", i), ("text", s), ("technique", s),
                    ("trigger", s), ("explanation", s), ("speaker", s)],
        "portrayals": [("article_id", s), ("actor_key", s), ("actor_name", s), ("role", s),
                       ("polarity", f), ("fine_roles", ls), ("evidence", ls)],
        "sentences": [("article_id", s), ("sid", s), ("idx", i), ("start", i), ("end", i), ("text", s)],
        "story_groups": [("article_id", s), ("group_id", s), ("similarity", f)],
        "signatures": [("article_id", s), ("sig", pa.list_(pa.uint32()))],
        "lsh_bands": [("band", pa.int16()), ("hash", pa.int64()), ("article_id", s)],
        "article_entities": [("entity_key", s), ("entity", s), ("article_id", s), ("group_id", s), ("outlet", s),
                             ("pub_date", pa.date32())],
        "ask_rows": [("article_id", s), ("events_z", pa.binary()), ("claims_z", pa.binary())],
    }
    return pa.schema(schemas[table])


def _cols(table: str) -> dict[str, list]:
    return {name: [] for name in _arrow_schema(table).names}


def _flatten(items: list[tuple[Brief, str]], groups: dict) -> dict[str, dict[str, list]]:
    """All rows of all articles of a batch, column-wise, ready for Arrow."""
    out = {t: _cols(t) for t in ("articles", "actors", "mentions", "places", "events", "claims",
                                 "framing", "portrayals", "sentences", "story_groups", "article_entities",
                                 "ask_rows")}
    now = _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None)

    def add(table: str, **vals) -> None:
        cols = out[table]
        for k in cols:
            cols[k].append(vals.get(k))

    for brief, chash in items:
        a = brief.article
        aid = a.id
        text = a.text
        data = to_dict(brief)
        data["article"]["text"] = None  # kept once, in articles.text
        gid, sim = groups.get(aid, (aid, 1.0))
        words = brief.summary.words or len(text.split())
        add("articles", id=aid, content_hash=chash, title=a.title, author=a.author, outlet=a.outlet,
            published=a.published, pub_date=parse_date(a.published), url=a.url, source=a.source,
            format=a.format, text=text, words=words, genre=brief.summary.genre,
            loaded_per_1000=brief.summary.loaded_language_per_1000_words,
            stages=",".join(brief.stages), group_id=gid,
            brief_json_z=zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(), 6),
            ingested_at=now)
        add("story_groups", article_id=aid, group_id=gid, similarity=sim)
        keys = {}
        for act in brief.actors:
            k = actor_key(act)
            keys[act.id] = k
            add("actors", article_id=aid, actor_id=act.id, actor_key=k, name=act.name, kind=act.kind,
                country=act.country, sector=act.sector, code=act.code, role=act.role,
                kb_id=None if act.kb_id is None else str(act.kb_id), confidence=act.confidence,
                n_mentions=len(act.mentions))
            for m in act.mentions:
                add("mentions", article_id=aid, entity="actor", entity_key=k, start=m.start, end=m.end,
                    text=m.text, how=m.how)
        pkeys = {}
        for p in brief.places:
            k = str(p.geonameid) if p.geonameid is not None else "name:" + " ".join(_norm_words(p.name))
            pkeys[p.id] = k
            add("places", article_id=aid, place_id=p.id, place_key=k, name=p.name, lat=p.lat, lon=p.lon,
                geonameid=p.geonameid, country=p.country, feature=p.feature, confidence=p.confidence,
                n_mentions=len(p.mentions))
            for m in p.mentions:
                add("mentions", article_id=aid, entity="place", entity_key=k, start=m.start, end=m.end,
                    text=m.text, how=m.how)
        pdate = parse_date(a.published)
        for ent, ks in (("actor", keys.values()), ("place", pkeys.values())):
            for k in sorted(set(ks)):
                add("article_entities", entity_key=k, entity=ent, article_id=aid, group_id=gid, outlet=a.outlet,
                    pub_date=pdate)
        digest: tuple[list, list] = ([], [])
        for e in brief.events:
            ak = [keys.get(x, x) for x in e.actor]
            rk = [keys.get(x, x) for x in e.recipient]
            row = dict(article_id=aid, event_id=e.id, event_key=event_key(e.plover, ak, rk), actor=ak,
                       recipient=rk, plover=e.plover, mode=e.mode, cameo=e.cameo, root_code=e.root_code,
                       quad_class=e.quad_class, goldstein=e.goldstein, place=pkeys.get(e.place, e.place),
                       date=e.date, source=keys.get(e.source, e.source) if e.source else None,
                       evidence_start=e.evidence.start, evidence_end=e.evidence.end, evidence=e.evidence.text,
                       trigger=e.trigger.text, confidence=e.confidence)
            add("events", **row)
            digest[0].append([row[k] for k in ASK_EVENT_FIELDS])
        for c in brief.claims:
            row = dict(article_id=aid, claim_id=c.id, cid=f"{aid}#{c.id}", claim_key=claim_key(c.text),
                       start=c.start, end=c.end, text=c.text, status=c.status, source_kind=c.source.kind,
                       source_actor=keys.get(c.source.actor, c.source.actor) if c.source.actor else None,
                       source_text=c.source.span.text if c.source.span else None, unsourced=c.unsourced,
                       likelihood=c.likelihood, likelihood_note=c.likelihood_note,
                       checkworthiness=c.checkworthiness, cues=[s.text for s in c.cues], confidence=c.confidence)
            add("claims", **row)
            digest[1].append([row[k] for k in ASK_CLAIM_FIELDS])
        add("ask_rows", article_id=aid, events_z=ask_digest(digest[0]), claims_z=ask_digest(digest[1]))
        for fr in brief.framing:
            add("framing", article_id=aid, start=fr.start, end=fr.end, text=fr.text, technique=fr.technique,
                trigger=fr.trigger.text, explanation=fr.explanation, speaker=fr.speaker)
        for po in brief.portrayals:
            act = brief.actor(po.actor)
            add("portrayals", article_id=aid, actor_key=keys.get(po.actor, po.actor),
                actor_name=act.name if act else po.actor, role=po.role, polarity=po.polarity,
                fine_roles=list(po.fine_roles), evidence=[s.text for s in po.evidence])
        sents = brief.sentences or []
        if not sents:
            spans = [(m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+[.!?]*", text) if m.group().strip()]
        else:
            spans = [(s.start, s.end) for s in sents]
        for i, (s0, s1) in enumerate(spans):
            st = text[s0:s1].strip()
            if st:
                add("sentences", article_id=aid, sid=f"{aid}#{i}", idx=i, start=s0, end=s1, text=text[s0:s1])
    return out
