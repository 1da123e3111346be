"""serve keeps API answers per snapshot: a repeated GET is answered without running its view again,
and a new snapshot (the store changed) is never answered from the old one's cache."""
from __future__ import annotations

import pytest

from geobrief.web import queries
from tests.test_web_api import build_store, make_client


@pytest.fixture
def store(tmp_path):
    return build_store(tmp_path / "c.duckdb")


def counted(monkeypatch, name: str) -> list:
    """Count the calls of ``queries.<name>`` (one item per call)."""
    calls = []
    real = getattr(queries, name)

    def counting(*a, **kw):
        calls.append(1)
        return real(*a, **kw)

    monkeypatch.setattr(queries, name, counting)
    return calls


def test_a_repeated_api_get_is_answered_from_the_snapshot_cache(store, monkeypatch):
    calls = counted(monkeypatch, "search")
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


def test_a_page_is_kept_per_snapshot_with_an_etag(store, monkeypatch):
    calls = counted(monkeypatch, "events")
    with make_client(store) as c:
        first = c.get("/events?mode=asserted")
        second = c.get("/events?mode=asserted")
        assert first.status_code == second.status_code == 200 and first.text == second.text
        assert len(calls) == 1  # the second answer came from the cache
        etag = second.headers["etag"]
        assert etag == first.headers["etag"] and second.headers["cache-control"] == "no-cache"
        assert "default-src 'none'" in second.headers["content-security-policy"]  # a hit keeps the CSP
        again = c.get("/events?mode=asserted", headers={"if-none-match": etag})
        assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
        assert c.get("/events?mode=asserted", headers={"if-none-match": '"g0-other"'}).status_code == 200
        api = c.get("/api/v1/articles?limit=2")
        assert c.get("/api/v1/articles?limit=2", headers={"if-none-match": api.headers["etag"]}).status_code == 304


def test_a_kept_page_still_gives_a_new_client_its_own_csrf_cookie(store, monkeypatch):
    calls = counted(monkeypatch, "search")
    with make_client(store) as c:
        a = c.get("/search?q=talks")
        ca = c.cookies.get("gb_csrf")
        c.cookies.clear()  # another client, without a cookie
        b = c.get("/search?q=talks")
        cb = c.cookies.get("gb_csrf")
    assert len(calls) == 1 and a.text == b.text  # the second page was the kept one
    assert ca and cb and ca != cb and ca not in b.text and cb not in a.text


def test_pages_that_carry_a_csrf_token_are_never_kept(store):
    with make_client(store) as c:
        tok = c.get("/analyse")
        assert tok.status_code == 200 and c.cookies.get("gb_csrf") in tok.text
        c.get("/login")
        kept = list(c.app.state.responses.entries)
    assert not [k for k in kept if k.startswith(("/analyse", "/login"))]


def test_a_form_post_reads_its_body_after_the_csrf_check(store):
    with make_client(store) as c:
        c.get("/analyse")
        tok = c.cookies.get("gb_csrf")
        r = c.post("/analyse", data={"csrf": tok, "text": "Officials met in Doha on Monday."}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/analyse/jobs/")


def test_a_head_request_never_fills_the_cache_with_an_empty_body(store):
    with make_client(store) as c:
        head = c.head("/api/v1/articles?limit=4")
        get = c.get("/api/v1/articles?limit=4")
        again = c.head("/api/v1/articles?limit=4")
    assert head.status_code == get.status_code == again.status_code == 200
    assert get.json()["items"] and again.content == b""
