"""geobrief serve: the JSON API, the pages' escaping and security, through httpx (Starlette's TestClient).

The store is built from the bundled examples with ``FakePipeline`` (fast, no spaCy), plus one
hostile article written here whose title and text carry script, event handlers and
javascript: links.
"""
from __future__ import annotations

import html
import re

import pytest
from starlette.testclient import TestClient

from geobrief.errors import GeobriefError
from geobrief.model import Article
from tests.test_corpus_store import FakePipeline, example_articles

HOSTILE_ID = "hostile-1"
HOSTILE_TITLE = "<script>window.__pwned=1</script>Talks <b>end</b>"
HOSTILE_TEXT = (
    "Adam Boehler met Amir Khan Muttaqi in Kabul on Tuesday. "
    "<img src=x onerror=\"window.__pwned=2\"> The Taliban said the talks may resume. "
    "<a href=\"javascript:window.__pwned=3\">read more</a> [click](javascript:window.__pwned=4) "
    "</style><style>body{display:none}</style> \" onmouseover=\"window.__pwned=5\" x=\" "
    "Pakistan denied any agreement.")
LOCAL = "http://127.0.0.1"


def hostile_article() -> Article:
    return Article(id=HOSTILE_ID, text=HOSTILE_TEXT, title=HOSTILE_TITLE, outlet="<i>Evil</i> Outlet",
                   published="2026-11-20", url="javascript:alert(1)")


# places for the stand-in pipeline (FakePipeline annotates none): name → (id, lat, lon, geonameid, country)
PLACES = {"Kabul": ("P1", 34.53, 69.17, 1138958, "AFG"), "Doha": ("P2", 25.29, 51.53, 290030, "QAT"),
          "Islamabad": ("P3", 33.72, 73.04, 1176615, "PAK")}


class PlacesPipeline(FakePipeline):
    """FakePipeline plus the places of ``PLACES`` and the place of each event in their sentence."""

    def run_many(self, articles, batch_size=16, n_process=1):
        from geobrief.model import Mention, Place

        for art, res in super().run_many(articles, batch_size, n_process):
            if art is not None and not isinstance(res, GeobriefError):
                for name, (pid, lat, lon, gid, country) in PLACES.items():
                    ms = [Mention(m.start(), m.end(), name) for m in re.finditer(name, art.text)]
                    if ms:
                        res.places.append(Place(pid, name, lat, lon, gid, country, "PPLC", 1.0, ms))
                for e in res.events:
                    e.place = next((p.id for p in res.places for m in p.mentions
                                    if e.evidence.start <= m.start < e.evidence.end), None)
            yield art, res


def build_store(path):
    from geobrief.corpus import ingest

    r = ingest(example_articles() + [hostile_article()], path, pipeline=PlacesPipeline(), progress=False,
               batch_size=4)
    assert r.stored >= 9 and not r.errors
    return path


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("web") / "c.duckdb")


def make_client(store, **kw) -> TestClient:
    from geobrief.web import create_app

    base_url = kw.pop("base_url", LOCAL)
    kw.setdefault("pipeline_factory", FakePipeline)
    kw.setdefault("refresh_interval", 0)
    return TestClient(create_app(str(store), **kw), base_url=base_url)


@pytest.fixture(scope="module")
def client(store):
    with make_client(store) as c:
        yield c


def parsed(page: str) -> list[tuple[str, list]]:
    """Every start tag of ``page`` with its attributes, as a browser's tokenizer sees them."""
    from html.parser import HTMLParser

    tags = []

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append((tag, attrs))

    P().feed(page)
    return tags


def analysed(c, resp, seconds: float = 60.0):
    """Follow an analysis job's page (it reloads itself) until the brief or the error shows."""
    import time

    t0 = time.monotonic()
    while "<h1>Analysing</h1>" in resp.text:
        assert time.monotonic() - t0 < seconds, "the analysis did not finish"
        time.sleep(0.05)
        resp = c.get(resp.url)
    return resp


def csrf_of(client) -> str:
    client.get("/analyse")
    return client.cookies.get("gb_csrf")


# --- JSON API ---------------------------------------------------------------------------------
def test_api_articles_paginate_with_next_and_total(client):
    first = client.get("/api/v1/articles", params={"limit": 3}).json()
    assert first["total"] >= 9 and len(first["items"]) == 3 and first["offset"] == 0
    assert first["prev"] is None and "offset=3" in first["next"]
    second = client.get(first["next"]).json()
    assert second["offset"] == 3
    assert not {x["id"] for x in first["items"]} & {x["id"] for x in second["items"]}
    last = client.get("/api/v1/articles", params={"limit": 100}).json()
    assert last["next"] is None and len(last["items"]) == last["total"]


def test_api_search_full_text_and_filters(client):
    res = client.get("/api/v1/articles", params={"q": "Muttaqi Kabul"}).json()
    assert res["full_text"] == "bm25" and res["items"]
    assert all(x["snippet"] for x in res["items"])
    by_outlet = client.get("/api/v1/articles", params={"outlet": "Meridian Wire"}).json()
    assert by_outlet["items"] and {x["outlet"] for x in by_outlet["items"]} == {"Meridian Wire"}
    by_actor = client.get("/api/v1/articles", params={"actor": "Khalilzad"}).json()
    assert by_actor["items"] and by_actor["total"] < client.get("/api/v1/articles").json()["total"]
    dated = client.get("/api/v1/articles", params={"since": "2026-11-20", "until": "2026-11-20"}).json()
    assert HOSTILE_ID in {x["id"] for x in dated["items"]}
    assert all(x["date"] == "2026-11-20" for x in dated["items"])


def test_api_article_is_the_brief_contract(client):
    data = client.get(f"/api/v1/articles/{HOSTILE_ID}").json()
    assert data["article"]["id"] == HOSTILE_ID and data["article"]["text"] == HOSTILE_TEXT
    assert {"actors", "events", "claims", "summary", "schema_version"} <= set(data)
    assert data["actor_keys"]["muttaqi"] == "Q-muttaqi"


def test_api_actor_and_events_and_csv(client):
    a = client.get("/api/v1/actors/Q-muttaqi").json()
    assert a["name"] == "Amir Khan Muttaqi" and a["articles"] >= 3
    assert {"roles", "timeline", "portrayal", "places", "neighbours", "events"} <= set(a)
    assert any(n["key"] == "Q-boehler" for n in a["neighbours"])
    ev = client.get("/api/v1/events", params={"plover": "CONSULT", "actor": "Boehler"}).json()
    assert ev["items"] and all(x["plover"] == "CONSULT" and "Q-boehler" in x["actor"] for x in ev["items"])
    csv = client.get("/api/v1/events.csv", params={"plover": "CONSULT"})
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    head, *rows = csv.text.strip().splitlines()
    assert head.startswith("global_event_id,article_id,event_id,date")
    assert len(rows) == client.get("/api/v1/events", params={"plover": "CONSULT"}).json()["total"] > ev["total"]
    import io

    import pyarrow.parquet as pq

    pq_resp = client.get("/api/v1/events.parquet", params={"plover": "CONSULT"})
    table = pq.read_table(io.BytesIO(pq_resp.content))
    assert pq_resp.status_code == 200 and table.num_rows == len(rows)
    assert table.column_names[:3] == ["global_event_id", "article_id", "event_id"]
    assert set(table.column("plover_type").to_pylist()) == {"CONSULT"}


def test_api_errors_share_one_coded_shape(client):
    cases = [("/api/v1/articles/no-such-id", 404, "G601"), ("/api/v1/actors/nobody", 404, "G602"),
             ("/api/v1/articles?limit=1000", 400, "G603"), ("/api/v1/articles?since=yesterday", 400, "G603"),
             ("/api/v1/nothing-here", 404, "G607"), ("/api/v1/ask", 400, "G603")]
    for url, status, code in cases:
        r = client.get(url)
        assert r.status_code == status, url
        body = r.json()
        assert set(body) == {"code", "message", "hint"} and body["code"] == code, url


def test_openapi_lists_exactly_the_routes(client):
    from geobrief.web.api import PREFIX, ROUTES

    spec = client.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    routes = {re.sub(r":path}", "}", r.path)[len(PREFIX):] for r in ROUTES}
    assert routes == set(spec["paths"])


def test_api_ask_network_profiles(client):
    ans = client.get("/api/v1/ask", params={"q": "What did Boehler do with Muttaqi?"}).json()
    assert ans["known"] and ans["sections"]
    net = client.get("/api/v1/network", params={"bucket": "year"}).json()
    assert net["dyads"] and net["bucket"] == "year"
    prof = client.get("/api/v1/profiles").json()
    assert any(p["name"] == "Meridian Wire" for p in prof)


def test_api_analyze_json_and_rate_limit(store):
    with make_client(store, analyse_per_minute=2) as c:
        text = "Adam Boehler met Amir Khan Muttaqi in Kabul. The Taliban said the talks may resume."
        r = c.post("/api/v1/analyze", json={"text": text, "title": "Test visit"})
        assert r.status_code == 200, r.text
        assert r.json()["article"]["title"] == "Test visit" and r.json()["actors"]
        assert c.post("/api/v1/analyze", json={"text": ""}).json()["code"] == "G101"
        third = c.post("/api/v1/analyze", json={"text": text})
        assert third.status_code == 429 and third.json()["code"] == "G606"


# --- pages: escaping, CSP, CSRF, uploads ----------------------------------------------------------
def test_pages_escape_hostile_article_and_send_strict_csp(client):
    for url in (f"/articles/{HOSTILE_ID}", "/search?q=talks", "/", "/events", "/actors/Q-muttaqi"):
        r = client.get(url)
        assert r.status_code == 200, url
        csp = r.headers["content-security-policy"]
        assert "unsafe-inline" not in csp and "default-src 'none'" in csp and "script-src" not in csp
        tags = parsed(r.text)
        assert not [t for t, _ in tags if t in ("script", "style", "img", "iframe", "object")], url
        assert not [(t, k) for t, attrs in tags for k, v in attrs if k.startswith("on")], url
        assert not [v for t, attrs in tags for k, v in attrs
                    if k in ("href", "src", "action") and (v or "").strip().lower().startswith("javascript:")], url
        assert [v for t, attrs in tags if t == "link" for k, v in attrs if k == "href"][0] == "/static/app.css"
    page = client.get(f"/articles/{HOSTILE_ID}").text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    # the article text shows as text: tags stripped and entities decoded, it is the original
    shown = re.search(r'<div class="article-text">(.*?)</div>', page, re.S).group(1)
    assert html.unescape(re.sub(r"<[^>]+>", "", shown)) == HOSTILE_TEXT


def test_article_page_links_actor_mentions_and_event_triggers(client):
    page = client.get("/articles/wire_kabul_visit").text
    assert 'href="/actors/Q-muttaqi"' in page
    assert re.search(r'<a class="hl [^"]*\bt\b[^"]*" href="#e-', page)
    marks = [dict(attrs) for t, attrs in parsed(page) if "hl" in (dict(attrs).get("class") or "").split()]
    assert marks and all(m.get("data-label") and m.get("title") for m in marks)
    assert all(m.get("href") or m.get("tabindex") == "0" for m in marks)  # each one takes the focus


def test_post_without_csrf_is_refused(client):
    r = client.post("/analyse", data={"text": "Adam Boehler met Muttaqi in Kabul."})
    assert r.status_code == 403 and "G605" in r.text
    r = client.post("/analyse", data={"text": "Adam Boehler met Muttaqi in Kabul.", "csrf": "forged"})
    assert r.status_code == 403


def test_analyse_form_paste_and_upload_limits(store):
    with make_client(store, max_upload=2000) as c:
        tok = csrf_of(c)
        queued = c.post("/analyse", data={"csrf": tok, "title": "Pasted <b>visit</b>",
                                          "text": "Adam Boehler met Amir Khan Muttaqi in Kabul on Monday."},
                        follow_redirects=False)
        assert queued.status_code == 303 and queued.headers["location"].startswith("/analyse/jobs/")
        ok = analysed(c, c.get(queued.headers["location"]))
        assert ok.status_code == 200 and "analysed here, not stored" in ok.text
        assert "Pasted &lt;b&gt;visit&lt;/b&gt;" in ok.text
        exe = c.post("/analyse", data={"csrf": tok}, files={"file": ("run.exe", b"MZ\x00\x00", "application/x-msdownload")})
        assert exe.status_code == 400 and "G110" in exe.text
        big = c.post("/analyse", data={"csrf": tok}, files={"file": ("big.txt", b"word " * 1000, "text/plain")})
        assert big.status_code == 413 and "G105" in big.text
        up = analysed(c, c.post("/analyse", data={"csrf": tok}, files={
            "file": ("note.md", b"# A note\n\nAdam Boehler met Muttaqi in Kabul.", "text/markdown")}))
        assert up.status_code == 200 and "A note" in up.text
        assert c.get("/analyse/jobs/not-a-job").status_code == 404


# --- token, host ------------------------------------------------------------------------------
def test_token_required_off_localhost(store):
    with make_client(store, token="s3cret-token", loopback=False, base_url="http://10.0.0.5:8765") as c:
        assert c.get("/api/v1/articles").status_code == 401
        assert c.get("/api/v1/articles").json()["code"] == "G604"
        page = c.get("/search", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"].startswith("/login?next=%2Fsearch")
        assert c.get("/api/v1/articles", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.get("/api/v1/articles", headers={"Authorization": "Bearer s3cret-token"}).status_code == 200
        tok = c.get("/login").cookies.get("gb_csrf") or c.cookies.get("gb_csrf")
        bad = c.post("/login", data={"csrf": tok, "token": "nope", "next": "/search"})
        assert bad.status_code == 401
        good = c.post("/login", data={"csrf": tok, "token": "s3cret-token", "next": "//evil.example/"},
                      follow_redirects=False)
        assert good.status_code == 303 and good.headers["location"] == "/"
        assert "s3cret-token" not in good.headers["set-cookie"]
        assert c.get("/search").status_code == 200  # the login cookie now


def test_token_generated_for_other_hosts_only():
    from geobrief.web.security import resolve_token

    assert resolve_token("127.0.0.1", None) == (None, False)
    assert resolve_token("localhost", None) == (None, False)
    tok, generated = resolve_token("0.0.0.0", None)
    assert generated and len(tok) >= 24
    assert resolve_token("0.0.0.0", "mine") == ("mine", False)


def test_loopback_server_refuses_foreign_host_header(store):
    with make_client(store, base_url="http://attacker.example") as c:
        r = c.get("/api/v1/articles")
        assert r.status_code == 421 and r.json()["code"] == "G608"


def test_no_parameter_reads_a_file(client):
    for url in ("/api/v1/articles/..%2F..%2Fetc%2Fpasswd", "/articles/../../etc/passwd",
                "/static/../app.py", "/api/v1/actors/%2Fetc%2Fpasswd"):
        r = client.get(url)
        assert r.status_code == 404, url
        assert "root:" not in r.text and "import" not in r.text


def test_story_sets_copies_side_by_side_and_counts_independent_sources(client):
    wire = client.get("/api/v1/articles/wire_kabul_visit").json()
    assert wire["story"], "the wire report has a syndicated copy in the examples"
    st = client.get(f"/api/v1/stories/{wire['group_id']}").json()
    ids = {m["id"] for m in st["members"]}
    assert {"wire_kabul_visit", wire["story"][0]["id"]} <= ids
    meeting = next(r for r in st["events"] if r["event"]["plover"] == "CONSULT"
                   and "Q-boehler" in r["event"]["actor"])
    assert len(meeting["in"]) >= 2  # both copies report it
    # the copy is not independent: its outlet and the wire's are one source ("A / B")
    outlets = {m["outlet"] for m in st["members"] if m["id"] in meeting["in"]}
    assert any(set(src.split(" / ")) >= outlets for src in meeting["sources"]), meeting["sources"]
    assert meeting["independent"] == len(meeting["sources"])
    page = client.get(f"/stories/{wire['group_id']}")
    assert page.status_code == 200 and "reports it" in page.text
    assert client.get("/api/v1/stories/no-such-group").json()["code"] == "G601"


def test_map_places_with_their_events(client):
    items = client.get("/api/v1/places").json()["items"]
    kabul = next(x for x in items if x["name"] == "Kabul")
    assert kabul["key"] == "1138958" and kabul["articles"] >= 5 and kabul["events"] >= 1
    assert [x["articles"] for x in items] == sorted((x["articles"] for x in items), reverse=True)
    only = client.get("/api/v1/places", params={"actor": "Lavrov"}).json()["items"]
    assert 0 < len(only) <= len(items)
    page = client.get("/map")
    assert page.status_code == 200 and "<svg" in page.text and ">Kabul</a>" in page.text
    assert re.search(r"<text[^>]*>1 Kabul</text>", page.text)


def test_an_analysed_brief_can_be_added_to_the_store(store, tmp_path):
    import shutil

    from geobrief.corpus.store import WriterLock

    live = tmp_path / "live.duckdb"
    shutil.copyfile(store, live)
    with make_client(live) as c:
        tok = csrf_of(c)
        text = "Sergey Lavrov met Amir Khan Muttaqi in Islamabad on Sunday. Pakistan said talks may follow."
        page = analysed(c, c.post("/analyse", data={"csrf": tok, "title": "Added later", "text": text}))
        bid = re.search(r'name="id" value="([^"]+)"', page.text).group(1)
        assert c.get(f"/api/v1/articles/{bid}").status_code == 404  # shown, not stored
        with WriterLock(str(live)):  # an ingest is writing: the add waits for nobody and says so
            busy = c.post("/analyse/add", data={"csrf": tok, "id": bid})
            assert busy.status_code == 409 and "G503" in busy.text
        assert c.post("/analyse/add", data={"id": bid}).status_code == 403  # CSRF
        added = c.post("/analyse/add", data={"csrf": tok, "id": bid}, follow_redirects=False)
        assert added.status_code == 303 and added.headers["location"] == f"/articles/{bid}"
        stored = c.get(f"/api/v1/articles/{bid}").json()
        assert stored["article"]["title"] == "Added later" and stored["article"]["text"] == text
        gone = c.post("/analyse/add", data={"csrf": tok, "id": "analysed-unknown"})
        assert gone.status_code == 404 and "G601" in gone.text


def test_network_graph_and_time_slider(client):
    def events_by_pair(html: str) -> dict:
        rows = re.findall(r'<tr><td><a href="(/actors/[^"]+)">.*?</a></td><td><a href="(/actors/[^"]+)">.*?</a></td>\s*'
                          r'<td><meter[^>]*>(\d+)</meter>', html, re.S)
        return {(a, b): int(n) for a, b, n in rows}

    whole = client.get("/network", params={"bucket": "day"}).text
    assert "<svg" in whole and 'marker-end="url(#arr)"' in whole and '<a href="/actors/Q-muttaqi">' in whole
    total = events_by_pair(whole)
    assert total
    periods = re.findall(r'<option value="(\d+)">(\d{4}-\d\d-\d\d)</option>', whole)
    assert len(periods) >= 2
    summed: dict = {}
    for i, _ in periods:  # each period of the slider shows only its own events; together, all of them
        for pair, n in events_by_pair(client.get("/network", params={"bucket": "day", "at": i}).text).items():
            summed[pair] = summed.get(pair, 0) + n
    assert summed == total
    assert client.get("/network", params={"bucket": "day", "at": 999}).status_code == 200  # off the end: all


def test_cli_serve_off_localhost_prints_a_token_once(store):
    import socket
    import subprocess
    import sys
    import time
    from pathlib import Path

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "geobrief.cli", "serve", "--store", str(store), "--host", "0.0.0.0",
                             "--port", str(port)], cwd=Path(__file__).resolve().parents[1],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stderr.readline()
        assert first.startswith("geobrief serve: access token (shown once): ")
        token = first.rsplit(" ", 1)[1].strip()
        assert len(token) >= 24
        base = f"http://127.0.0.1:{port}/api/v1/articles"
        t0 = time.monotonic()
        while True:
            try:
                r = httpx.get(base, timeout=5)
                break
            except httpx.HTTPError:
                assert time.monotonic() - t0 < 60 and proc.poll() is None, "serve did not start"
                time.sleep(0.2)
        assert r.status_code == 401 and r.json()["code"] == "G604"
        assert httpx.get(base, headers={"Authorization": f"Bearer {token}"}, timeout=5).status_code == 200
    finally:
        proc.terminate()
        rest = proc.communicate(timeout=30)[1]
    assert "token" not in rest  # printed once, never again


def test_analysis_runs_in_the_background_in_order_and_reports_failures(store):
    import threading

    gate = threading.Event()

    class Slow(FakePipeline):
        def run_many(self, articles, batch_size=16, n_process=1):
            gate.wait(30)
            for art, res in super().run_many(articles, batch_size, n_process):
                if art is not None and "FAIL" in art.text:
                    res = GeobriefError("G115", "analysis failed (test)", "a bug")
                yield art, res

    with make_client(store, pipeline_factory=Slow) as c:
        tok = csrf_of(c)
        first = c.post("/analyse", data={"csrf": tok, "text": "Adam Boehler met Muttaqi in Kabul."},
                       follow_redirects=False).headers["location"]
        second = c.post("/analyse", data={"csrf": tok, "text": "The Taliban FAIL said talks may resume."},
                        follow_redirects=False).headers["location"]
        waiting = c.get(second).text
        assert '<meta http-equiv="refresh" content="1">' in waiting
        assert "1 analysis(es) ahead of this one" in waiting
        gate.set()
        assert "analysed here, not stored" in analysed(c, c.get(first)).text
        failed = analysed(c, c.get(second))
        assert "Analysis failed" in failed.text and "G115" in failed.text and "refresh" not in failed.text


def test_ask_quotes_link_to_their_place_in_the_article(client):
    page = client.get("/ask", params={"q": "What did Boehler do with Muttaqi in Kabul?"}).text
    links = set(re.findall(r'<a href="/articles/([^"#]+)#o-(\d+)">', page))
    assert len(links) >= 3
    for aid, start in sorted(links)[:8]:
        article = client.get(f"/articles/{aid}").text
        assert f'<span id="o-{start}"></span>' in article, (aid, start)
