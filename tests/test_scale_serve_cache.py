"""serve keeps API answers per snapshot: a repeated GET is answered without running its view again,
and a new snapshot (the store changed) is never answered from the old one's cache."""
from __future__ import annotations

import pytest

from geobrief.web import queries
from tests.test_web_api import build_store, make_client


@pytest.fixture
def store(tmp_path):
    return build_store(tmp_path / "c.duckdb")


def test_a_repeated_api_get_is_answered_from_the_snapshot_cache(store, monkeypatch):
    calls = []
    real = queries.search

    def counting(*a, **kw):
        calls.append(1)
        return real(*a, **kw)

    monkeypatch.setattr(queries, "search", counting)
    with make_client(store) as c:
        first = c.get("/api/v1/articles?limit=3")
        second = c.get("/api/v1/articles?limit=3")
        other = c.get("/api/v1/articles?limit=2")
    assert first.status_code == second.status_code == other.status_code == 200
    assert first.content == second.content and second.headers["content-type"].startswith("application/json")
    assert second.headers["cache-control"] == "no-store"  # the security headers still apply to a hit
    assert len(calls) == 2  # limit=3 once, limit=2 once


def test_errors_are_not_kept(store):
    with make_client(store) as c:
        assert c.get("/api/v1/articles/no-such-article").status_code == 404
        assert not [k for k in c.app.state.responses.entries if "no-such-article" in k]


def test_a_new_snapshot_is_not_answered_from_the_old_cache(store):
    from geobrief.corpus import ingest
    from geobrief.model import Article
    from tests.test_corpus_store import FakePipeline

    with make_client(store) as c:
        before = c.get("/api/v1/articles?limit=100").json()["total"]
        ingest([Article(id="late-1", text="Officials in Doha said the talks would resume next week.",
                        title="Late", published="2026-11-30")], str(store), pipeline=FakePipeline(),
               progress=False)
        assert c.app.state.snapshots.refresh()
        after = c.get("/api/v1/articles?limit=100").json()["total"]
    assert after == before + 1
