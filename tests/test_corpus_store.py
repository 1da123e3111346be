"""Corpus store: ingest idempotence, batch atomicity, story groups, network, profiles, export.

``FakePipeline`` (also used by test_corpus_ask / test_corpus_crash) stands in for the real stages
with a tiny rule-based annotator, so these tests exercise the corpus layer alone, fast, and do not
depend on the per-article stages being finished.
"""
from __future__ import annotations

import json
import re
import xml.dom.minidom
from pathlib import Path

import duckdb
import pytest

from geobrief.errors import GeobriefError, error
from geobrief.model import (Actor, Article, Brief, Claim, Event, FramingSpan, Mention, Portrayal,
                            Sentence, Source, Span)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

# --- a tiny rule-based stand-in for the stages ------------------------------------------------
GAZ = [  # (surface regex, id, name, kind, country, kb_id)
    (r"Adam Boehler|Boehler", "boehler", "Adam Boehler", "person", "USA", "Q-boehler"),
    (r"Amir Khan Muttaqi|Muttaqi", "muttaqi", "Amir Khan Muttaqi", "person", "AFG", "Q-muttaqi"),
    (r"Zalmay Khalilzad|Khalilzad", "khalilzad", "Zalmay Khalilzad", "person", "USA", "Q-khalilzad"),
    (r"Taliban", "taliban", "Taliban", "organisation", "AFG", "Q-taliban"),
    (r"Sergey Lavrov|Lavrov", "lavrov", "Sergey Lavrov", "person", "RUS", "Q-lavrov"),
    (r"Pakistan|Islamabad", "pakistan", "Pakistan", "state", "PAK", "Q-pak"),
]
MEET = re.compile(r"\b(held talks with|met|sat down with|talks with|meeting)\b")
DENY = re.compile(r"\b(did not|categorically|no agreement|denied|rejected)\b")
HEDGE = re.compile(r"\b(may|might|could|suggest|believed|appears|likely|perhaps)\b", re.I)
PREDICT = re.compile(r"\bwill\b")
ATTR = re.compile(r"\b(said|told|according to|stated|posted)\b")
LOADED = re.compile(r"\b(puppet regime|notorious|zealots|claws of extremism|thugs)\b")


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+[.!?\"”]*", text) if m.group().strip()]


class FakePipeline:
    """``run_many`` like :class:`geobrief.pipeline.Pipeline`, annotating with the rules above."""

    def __init__(self, fail_ids=()):
        self.fail_ids = set(fail_ids)
        self.calls = 0

    def run_many(self, articles, batch_size=16, n_process=1):
        for a in list(articles):
            if isinstance(a, GeobriefError):
                yield None, a
                continue
            self.calls += 1
            if a.id in self.fail_ids:
                yield a, error("G101", source=a.id)
                continue
            yield a, annotate(a)


def annotate(a: Article) -> Brief:
    text = a.text
    b = Brief(article=a)
    b.sentences = [Sentence(s, e) for s, e in _sentences(text)]
    for pat, aid, name, kind, country, kb in GAZ:
        ms = [Mention(m.start(), m.end(), m.group()) for m in re.finditer(pat, text)]
        if ms:
            b.actors.append(Actor(id=aid, name=name, kind=kind, country=country, kb_id=kb, mentions=ms))
    opinion = (a.outlet or "") == "The Strategic Lens"
    n = 0
    for s, e in _sentences(text):
        sent = text[s:e]
        present = [(act, min(m.start for m in act.mentions if s <= m.start < e))
                   for act in b.actors if any(s <= m.start < e for m in act.mentions)]
        present.sort(key=lambda x: x[1])
        mm = MEET.search(sent)
        hedged = HEDGE.search(sent)
        if mm and len(present) >= 2 and not hedged and not DENY.search(sent):
            mode = "asserted"
            n += 1
            b.events.append(Event(id=f"e{n}", actor=[present[0][0].id], recipient=[present[1][0].id],
                                  plover="CONSULT", mode=mode, evidence=Span.of(text, s, e),
                                  trigger=Span.of(text, s + mm.start(), s + mm.end()), cameo="040",
                                  quad_class=1, goldstein=1.0))
        if DENY.search(sent) and len(present) >= 2 and mm and re.search(r"\bmet\b|held talks", sent):
            n += 1  # "X did not meet Y"
            b.events.append(Event(id=f"e{n}", actor=[present[0][0].id], recipient=[present[1][0].id],
                                  plover="CONSULT", mode="negated", evidence=Span.of(text, s, e),
                                  trigger=Span.of(text, s + mm.start(), s + mm.end())))
        if DENY.search(sent) and len(present) >= 1 and "Bagram" in sent:
            n += 1
            b.events.append(Event(id=f"e{n}", actor=["taliban"] if b.actor("taliban") else [present[0][0].id],
                                  recipient=[], plover="AGREE", mode="negated", evidence=Span.of(text, s, e),
                                  trigger=Span.of(text, s, s + 1)))
        if sent.strip().endswith("?"):
            status = "question"
        elif PREDICT.search(sent) and opinion:
            status = "prediction"
        elif hedged:
            status = "hedged"
        elif ATTR.search(sent):
            status = "attributed"
        elif opinion:
            status = "opinion"
        else:
            status = "reported"
        src = Source("named" if status == "attributed" else "none")
        b.claims.append(Claim(id=f"c{len(b.claims) + 1}", start=s, end=e, text=sent, status=status, source=src,
                              unsourced=status in ("reported", "opinion", "hedged") and opinion))
        for m in LOADED.finditer(sent):
            b.framing.append(FramingSpan(s + m.start(), s + m.end(), m.group(), "Loaded_Language",
                                         Span.of(text, s + m.start(), s + m.end()), "loaded word", "author"))
    if opinion and b.actor("muttaqi"):
        b.portrayals.append(Portrayal("muttaqi", "antagonist", -0.8))
    b.summary.words = len(text.split())
    b.summary.genre = "opinion" if opinion else "reporting"
    b.stages = ["fake"]
    return b


def example_articles() -> list[Article]:
    from geobrief.ingest import read_paths

    arts = [a for a in read_paths([EXAMPLES]) if isinstance(a, Article)]
    assert len(arts) >= 8
    return arts


def mk(i: int, text: str | None = None, outlet: str = "Outlet A", date: str = "2026-11-12") -> Article:
    text = text or (f"Article number {i}. Adam Boehler met Amir Khan Muttaqi in Kabul on day {i}. "
                    f"Unique words {i} {i * 7} {i * 13} here.")
    return Article(id=f"a{i}", text=text, outlet=outlet, published=date, title=f"Title {i}")


def rows(db, sql):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


# --- tests ------------------------------------------------------------------------------------
def test_ingest_stores_every_row_and_is_idempotent(tmp_path):
    from geobrief.corpus import ingest

    db = tmp_path / "c.duckdb"
    arts = [mk(i) for i in range(10)]
    fake = FakePipeline()
    r = ingest(arts, db, pipeline=fake, progress=False, batch_size=4)
    assert (r.read, r.stored, r.skipped, r.errors) == (10, 10, 0, [])
    assert rows(db, "select count(*) from articles")[0][0] == 10
    assert rows(db, "select count(*) from events")[0][0] == 10  # one CONSULT per article
    assert rows(db, "select count(distinct actor_key) from actors")[0][0] == 2
    # again: nothing re-analysed, nothing duplicated
    fake2 = FakePipeline()
    r2 = ingest([mk(i) for i in range(12)], db, pipeline=fake2, progress=False)
    assert (r2.stored, r2.skipped) == (2, 10)
    assert fake2.calls == 2
    assert rows(db, "select count(*), count(distinct content_hash) from articles")[0] == (12, 12)
    assert rows(db, "select count(*) from events")[0][0] == 12


def test_brief_json_round_trips(tmp_path):
    from geobrief.corpus.store import Store

    from geobrief.corpus import ingest

    db = tmp_path / "c.duckdb"
    a = mk(1)
    ingest([a], db, pipeline=FakePipeline(), progress=False)
    with Store(str(db), read_only=True) as st:
        b = st.brief("a1")
    assert b.article.text == a.text
    assert b.events[0].plover == "CONSULT"
    assert b.events[0].evidence.text == a.text[b.events[0].evidence.start:b.events[0].evidence.end]


def test_duplicate_in_input_and_id_clash(tmp_path):
    from geobrief.corpus import ingest

    db = tmp_path / "c.duckdb"
    a, b = mk(1), mk(1)  # same content twice
    c = mk(2)
    c.id = "a1"  # same id, other content: stored under a suffixed id
    r = ingest([a, b, c], db, pipeline=FakePipeline(), progress=False)
    assert (r.stored, r.skipped) == (2, 1)
    ids = sorted(x[0] for x in rows(db, "select id from articles"))
    assert ids[0] == "a1" and ids[1].startswith("a1~")


def test_bad_items_reported_batch_goes_on(tmp_path):
    from geobrief.corpus import ingest

    db = tmp_path / "c.duckdb"
    items = [mk(1), error("G101", source="empty.txt"), mk(2), mk(3)]
    r = ingest(items, db, pipeline=FakePipeline(fail_ids={"a3"}), progress=False)
    assert r.stored == 2
    assert sorted(e["code"] for e in r.errors) == ["G101", "G101"]
    assert r.exit_code == 3


def test_failed_batch_write_leaves_nothing(tmp_path, monkeypatch):
    from geobrief.corpus import ingest, store

    db = tmp_path / "c.duckdb"
    ingest([mk(1)], db, pipeline=FakePipeline(), progress=False)
    orig = store._flatten

    def broken(items, groups):
        out = orig(items, groups)
        out["events"]["plover"][-1] = 12345  # wrong type: Arrow refuses the events table
        return out

    monkeypatch.setattr(store, "_flatten", broken)
    with pytest.raises(Exception):
        ingest([mk(2), mk(3)], db, pipeline=FakePipeline(), progress=False)
    monkeypatch.setattr(store, "_flatten", orig)
    # the failed batch left no article and no row behind
    assert rows(db, "select count(*) from articles")[0][0] == 1
    assert rows(db, "select count(*) from sentences where article_id <> 'a1'")[0][0] == 0
    r = ingest([mk(2), mk(3)], db, pipeline=FakePipeline(), progress=False)
    assert r.stored == 2


def test_reads_paths_through_geobrief_ingest(tmp_path):
    from geobrief.corpus import ingest

    db = tmp_path / "c.duckdb"
    r = ingest([EXAMPLES], db, pipeline=FakePipeline(), progress=False)
    assert r.stored >= 9 and not r.errors
    outlets = {x[0] for x in rows(db, "select outlet from articles")}
    assert {"Meridian Wire", "Northline News Agency", "The Strategic Lens"} <= outlets


def test_syndicated_copy_grouped_with_original_only(tmp_path):
    from geobrief.corpus import ingest

    db = tmp_path / "c.duckdb"
    ingest(example_articles(), db, pipeline=FakePipeline(), progress=False, batch_size=3)
    g = dict(rows(db, "select id, group_id from articles"))
    assert g["05_capital_courier_syndicated"] == g["wire_kabul_visit"]
    others = [k for k in g if k not in ("05_capital_courier_syndicated", "wire_kabul_visit")]
    assert len({g[k] for k in others}) == len(others)  # the independent reports stay apart
    assert g["01_northline_kabul_talks"] != g["wire_kabul_visit"]


def test_minhash_similarity_estimates_jaccard():
    from geobrief.corpus.dedup import minhash, similarity

    base = " ".join(f"w{i}" for i in range(300))
    near = base.replace("w150", "x150").replace("w20 ", "x20 ")
    far = " ".join(f"z{i}" for i in range(300))
    assert similarity(minhash(base), minhash(near)) > 0.8
    assert similarity(minhash(base), minhash(far)) < 0.1


def test_network_counts_dedups_and_writes_formats(tmp_path):
    from geobrief.corpus import ingest, network

    db = tmp_path / "c.duckdb"
    ingest(example_articles(), db, pipeline=FakePipeline(), progress=False)
    net = network(db, actor="Muttaqi", fmt=None)
    d = {(x.source, x.target): x for x in net.dyads}
    # Boehler met Muttaqi: wire + its syndicated copy count once, plus the independent reports
    consult = d[("Q-boehler", "Q-muttaqi")]
    assert consult.by_type == {"CONSULT": consult.events}
    n_groups = rows(db, """select count(distinct a.group_id) from events e join articles a on a.id = e.article_id
                           where e.mode='asserted' and e.event_key = 'CONSULT|Q-boehler|Q-muttaqi'""")[0][0]
    assert consult.events == n_groups
    assert consult.goldstein_mean == 1.0
    assert all(x.bucket == "2026-11-01" for x in net.dyads)
    # negated events are never counted
    assert rows(db, "select count(*) from events where mode = 'negated'")[0][0] >= 1
    csv_text = network(db, actor="Muttaqi", fmt="csv")
    assert csv_text.splitlines()[0].startswith("source,target")
    xml.dom.minidom.parseString(network(db, fmt="graphml"))
    gexf = network(db, fmt="gexf", out=tmp_path / "n.gexf")
    xml.dom.minidom.parseString(gexf)
    assert (tmp_path / "n.gexf").exists()
    assert network(db, since="2027-01-01", fmt=None).dyads == []


def test_profiles_measure_sourcing_hedging_loaded_language(tmp_path):
    from geobrief.corpus import ingest, profiles

    db = tmp_path / "c.duckdb"
    ingest(example_articles(), db, pipeline=FakePipeline(), progress=False)
    prof = {p["name"]: p for p in profiles(db, fmt=None)}
    lens, wire = prof["The Strategic Lens"], prof["Meridian Wire"]
    assert lens["unsourced_share"] > wire["unsourced_share"]
    assert lens["loaded_language_per_1000_words"] > 0 == wire["loaded_language_per_1000_words"]
    assert lens["hedged_share"] > 0
    assert lens["portrayals"][0]["name"] == "Amir Khan Muttaqi"
    assert lens["portrayals"][0]["antagonist"] == 1
    authors = profiles(db, by="author", fmt=None)
    assert any(p["name"] == "Dr. Raymond Thorne" for p in authors)
    assert "unsourced" in profiles(db, fmt="text")


@pytest.mark.parametrize("fmt,ext", [("csv", "csv"), ("jsonl", "jsonl"), ("parquet", "parquet")])
def test_export_every_table(tmp_path, fmt, ext):
    from geobrief.corpus import corroborate, export
    from geobrief.corpus import ingest

    db = tmp_path / "c.duckdb"
    ingest(example_articles(), db, pipeline=FakePipeline(), progress=False)
    corroborate(db)
    done = export(db, tmp_path / "out", fmt=fmt)
    for t in ("articles", "actors", "mentions", "places", "events", "claims", "framing", "portrayals",
              "story_groups", "event_corroboration", "claim_corroboration"):
        path, n = done[t]
        assert Path(path).exists() and path.endswith(ext)
    con = duckdb.connect()
    reader = {"csv": "read_csv_auto", "jsonl": "read_json_auto", "parquet": "read_parquet"}[fmt]
    n = con.execute(f"select count(*) from {reader}('{done['events'][0]}')").fetchone()[0]
    assert n == done["events"][1] > 0
    briefs = con.execute(f"select brief_json from {reader}('{done['articles'][0]}')").fetchall()
    assert len(briefs) == done["articles"][1]
    assert all(json.loads(b[0])["article"]["id"] for b in briefs)  # plain JSON text in exports


def test_materialised_corroboration(tmp_path):
    from geobrief.corpus import corroborate, ingest

    db = tmp_path / "c.duckdb"
    ingest(example_articles(), db, pipeline=FakePipeline(), progress=False)
    corroborate(db)
    r = dict(rows(db, """select article_id, max(independent) from event_corroboration
                         where event_key = 'CONSULT|Q-boehler|Q-muttaqi' and mode = 'asserted' group by 1"""))
    # wire + syndicated copy are one source; the other outlets add independent ones
    assert r["wire_kabul_visit"] >= 2
    assert r["wire_kabul_visit"] == r["05_capital_courier_syndicated"]


def test_store_errors_are_coded(tmp_path):
    from geobrief.corpus import ask
    from geobrief.errors import StoreError

    with pytest.raises(StoreError) as e:
        ask("anything", tmp_path / "missing.duckdb")
    assert e.value.code == "G502"
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"not a database at all" * 100)
    from geobrief.corpus.store import Store

    with pytest.raises(StoreError) as e:
        Store(str(bad))
    assert e.value.code == "G501"
