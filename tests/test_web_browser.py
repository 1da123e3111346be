"""geobrief serve in a real browser: Playwright driving Debian's Chromium (never a downloaded one).

The pages load with no console error (a CSP violation is one), a click goes search → article →
actor → network → map, a pasted article gets its brief, a hostile article runs nothing, the token is
required off localhost, and the keyboard reaches every control. Each view's screenshot is taken;
with GB_SCREENSHOTS=1 they are written to docs/screenshots/ (the ones the docs show).

CI installs Chromium (.ci/run); without it these tests FAIL with the install line, never skip.
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from tests.test_corpus_store import FakePipeline
from tests.test_web_api import HOSTILE_ID, build_store

ROOT = Path(__file__).resolve().parents[1]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TOKEN = "browser-test-token-123456"


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Debian's chromium is not installed: run `apt-get install -y chromium` "
                    "(.ci/run does this in CI); the browser tests do not download a browser.")
    return path


class Server:
    """uvicorn serving ``app`` on a free loopback port, in a thread."""

    def __init__(self, app):
        import uvicorn

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        t0 = time.monotonic()
        while not self.server.started:
            assert time.monotonic() - t0 < 20, "the server did not start"
            time.sleep(0.05)
        self.url = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    from geobrief.web import create_app

    store = build_store(tmp_path_factory.mktemp("browser") / "c.duckdb")
    open_ = Server(create_app(str(store), pipeline_factory=FakePipeline, refresh_interval=0))
    locked = Server(create_app(str(store), token=TOKEN, loopback=False, pipeline_factory=FakePipeline,
                               refresh_interval=0))
    yield open_.url, locked.url
    open_.stop()
    locked.stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    exe = chromium_path()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, headless=True, args=FLAGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    """A fresh page; console errors, page errors and dialogs are recorded on ``page.problems``."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    pg.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    pg.problems = problems
    yield pg
    ctx.close()


def shoot(pg, name: str, tmp_path) -> Path:
    out = ROOT / "docs" / "screenshots" if os.environ.get("GB_SCREENSHOTS") == "1" else tmp_path
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{name}.png"
    pg.screenshot(path=str(path), full_page=False)
    assert path.stat().st_size > 5000
    return path


VIEWS = [("overview", "/"), ("search", "/search?q=Muttaqi+Kabul"), ("article", "/articles/wire_kabul_visit"),
         ("actor", "/actors/Q-muttaqi"), ("events", "/events"), ("network", "/network?bucket=year"),
         ("map", "/map"),
         ("ask", "/ask?q=What+did+Boehler+do+with+Muttaqi%3F"), ("analyse", "/analyse"),
         ("hostile", f"/articles/{HOSTILE_ID}")]


def test_every_view_loads_without_console_errors(servers, page, tmp_path):
    url, _ = servers
    for name, path in VIEWS:
        resp = page.goto(url + path)
        assert resp.status == 200, path
        assert page.locator("h1").first.inner_text().strip(), path
        shoot(page, name, tmp_path)
    page.goto(url + "/articles/wire_kabul_visit")
    page.get_by_role("link", name="side by side").click()  # the story view of its group
    page.wait_for_url("**/stories/**")
    assert page.locator("section.member").count() >= 2
    shoot(page, "story", tmp_path)
    assert page.problems == []


def test_click_search_article_actor_network_map(servers, page):
    url, _ = servers
    page.goto(url + "/")
    page.get_by_role("link", name="Search", exact=True).click()
    page.fill("#q", "Muttaqi")
    page.press("#q", "Enter")
    page.wait_for_url("**/search?q=Muttaqi*")
    first = page.locator("ol.results a.title").first
    title = first.inner_text()
    first.click()
    page.wait_for_url("**/articles/**")
    assert page.locator("h1").inner_text() == title
    mention = page.locator('.article-text a.hl[href^="/actors/"]').first
    mention.hover()
    assert "\nactor " in "\n" + mention.get_attribute("data-label")
    mention.click()
    page.wait_for_url("**/actors/**")
    name = page.locator("h1").inner_text()
    assert name and page.get_by_role("heading", name="Events over time").is_visible()
    page.get_by_role("link", name="Network", exact=True).last.click()
    page.wait_for_url("**/network?actor=*")
    assert page.locator("table").count() >= 1
    page.get_by_role("link", name="Map", exact=True).click()
    page.wait_for_url("**/map")
    assert page.locator("figure.map svg circle").count() >= 3
    page.get_by_role("link", name="Kabul", exact=True).click()  # a place leads to its articles
    page.wait_for_url("**/search?place=*")
    assert page.locator("ol.results a.title").count() >= 5
    assert page.problems == []


def test_paste_an_article_get_its_brief_and_store_it(servers, page):
    url, _ = servers
    page.goto(url + "/analyse")
    page.fill("#title", "A pasted report")
    page.fill("#text", "Adam Boehler met Amir Khan Muttaqi in Kabul on Monday. The Taliban said talks may resume.")
    page.get_by_role("button", name="Analyse").click()
    page.wait_for_url("**/analyse/jobs/*")
    page.locator("h1", has_text="A pasted report").wait_for(timeout=30_000)  # the job page reloads itself
    assert "analysed here, not stored" in page.locator("p.meta").inner_text()
    assert page.locator('.article-text a.hl[href^="/actors/"]').count() >= 2
    page.get_by_role("button", name="Add this brief to the store").click()
    page.wait_for_url("**/articles/analysed-*")
    assert page.locator("h1").inner_text() == "A pasted report"
    assert "not stored" not in page.locator("p.meta").inner_text()
    assert page.problems == []


def test_hostile_article_runs_nothing(servers, page):
    url, _ = servers
    for path in (f"/articles/{HOSTILE_ID}", "/search?q=talks+resume", "/events?actor=Boehler"):
        page.goto(url + path)
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        assert page.evaluate("document.querySelectorAll('script, img, iframe, object, embed').length") == 0
        assert page.evaluate("[...document.querySelectorAll('a')].filter(a => a.protocol === 'javascript:').length") == 0
        assert page.evaluate("getComputedStyle(document.body).display") != "none"  # no injected CSS applied
    # the hostile text is shown as text, and hovering or focusing it runs nothing either
    page.goto(url + f"/articles/{HOSTILE_ID}")
    assert "<script>window.__pwned=1</script>" in page.locator("h1").inner_text()
    for el in page.locator(".article-text .hl").all()[:6]:
        el.hover()
        el.focus()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.problems == []


def test_token_required_off_localhost(servers, page):
    _, locked = servers
    page.goto(locked + "/search")
    page.wait_for_url("**/login?next=*")
    assert page.request.get(locked + "/api/v1/articles").status == 401
    page.fill("#token", "wrong-token")
    page.get_by_role("button", name="Log in").click()
    assert "G604" in page.locator(".error").inner_text()
    page.fill("#token", TOKEN)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/search")
    assert page.locator("h1").inner_text() == "Search"
    api = page.request.get(locked + "/api/v1/articles", headers={"Authorization": f"Bearer {TOKEN}"})
    assert api.status == 200 and api.json()["total"] >= 9
    assert [p for p in page.problems if "401" not in p] == []  # the wrong token's 401 page is expected


def test_keyboard_reaches_every_control(servers, page):
    url, _ = servers
    for path in ("/search", "/analyse", "/network"):
        page.goto(url + path)
        controls = page.evaluate("[...document.querySelectorAll('a[href], input:not([type=hidden]), select, "
                                 "textarea, button')].map(e => e.id || e.getAttribute('href') || e.textContent.trim())")
        seen: set = set()
        for _ in range(2 * len(controls) + 5):  # forward through the page, until every control had focus
            page.keyboard.press("Tab")
            seen.add(page.evaluate("""(() => { const e = document.activeElement;
                return e.id || e.getAttribute('href') || e.textContent.trim(); })()"""))
            if seen >= set(controls):
                break
        missing = [c for c in controls if c not in seen]
        assert not missing, (path, missing)
    # the skip link is the first stop and leads to the main content
    page.goto(url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
