"""The HTML views: overview, search, article, actor, events, network, ask, analyse, login.

Server-rendered with Jinja2 (autoescaping on: every article string is escaped), no script, no
inline style, nothing from another site; forms carry the CSRF token. The views read through the
same functions as the API (``queries``), so a page and its API call always agree.
"""
from __future__ import annotations

import os
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from ..errors import GeobriefError, error
from ..render.common import STATUS_TITLE, claim_flags, claim_source, claims_by_status, event_row, events_by_mode
from . import queries, security
from .api import event_args, run_ask, search_args, stored, stored_article
from .highlight import actor_url, highlighted
from .params import BUCKETS, Params, page_links

HERE = os.path.dirname(os.path.abspath(__file__))
ENV = Environment(loader=FileSystemLoader(os.path.join(HERE, "templates")),
                  autoescape=select_autoescape(default=True, default_for_string=True))
ENV.filters["actor_url"] = actor_url
ENV.filters["q"] = lambda s: quote(str(s), safe="")
ENV.globals["STATUS_TITLE"] = STATUS_TITLE
NAV = (("/", "Overview"), ("/search", "Search"), ("/events", "Events"), ("/network", "Network"),
       ("/map", "Map"), ("/ask", "Ask"), ("/analyse", "Analyse"))


def render(request: Request, name: str, ctx: dict, status: int = 200, headers=None) -> Response:
    ctx = {**ctx, "request": request, "nav": NAV, "path": request.url.path,
           "csrf": getattr(request.state, "csrf", ""), "authed": getattr(request.state, "authed", True),
           "token_mode": request.app.state.token is not None}
    return HTMLResponse(ENV.get_template(name).render(ctx), status_code=status, headers=headers)


def _snaps(request: Request):
    return request.app.state.snapshots


def page_cache(view):
    """Mark a view's page as the same for every client (no CSRF token, no per-user value): the
    app keeps it per snapshot and address and answers it again from there (``app.ResponseCache``)."""
    import functools

    @functools.wraps(view)
    def wrapper(request: Request):
        request.state.keep_page = True
        return view(request)
    return wrapper


@page_cache
def overview(request: Request):
    with _snaps(request).reader() as r:
        data = queries.overview(r)
    outlets = []
    for m in data["months"]:
        if m["outlet"] not in outlets:
            outlets.append(m["outlet"])
    outlets = outlets[:8]
    months = sorted({m["month"] for m in data["months"]})
    grid = {(m["month"], m["outlet"]): m["articles"] for m in data["months"]}
    peak = max([m["articles"] for m in data["months"]] or [1])
    return render(request, "overview.html", {"d": data, "outlets": outlets, "months": months, "grid": grid,
                                             "peak": peak, "title": "Corpus overview"})


@page_cache
def search(request: Request):
    p = Params(request.query_params)
    args = search_args(p)
    limit, offset = p.page()
    with _snaps(request).reader() as r:
        res = queries.search(r, limit=limit, offset=offset, **args)
        facets = queries.facets(r)
    return render(request, "search.html", {"args": args, "res": res, "facets": facets, "offset": offset,
                                           "links": page_links("/search", args, res["total"], limit, offset),
                                           "title": "Search"})


@page_cache
def article(request: Request):
    brief, data, siblings, keys = stored_article(request)
    return _brief_page(request, brief, keys, siblings, stored=True, group_id=data.get("group_id"))


def _brief_page(request: Request, brief, keys: dict, siblings: list, stored: bool,
                group_id: str | None = None) -> Response:
    from ..corpus.store import actor_key

    keys = keys or {a.id: actor_key(a) for a in brief.actors}
    events = [{**event_row(brief, e), "mode": e.mode} for evs in events_by_mode(brief).values() for e in evs]
    claims = [(status, [{"c": c, "source": claim_source(brief, c), "flags": claim_flags(c)} for c in cs])
              for status, cs in claims_by_status(brief).items()]
    return render(request, "article.html", {
        "b": brief, "a": brief.article, "s": brief.summary, "keys": keys, "events": events, "claims": claims,
        "siblings": siblings, "text": highlighted(brief), "stored": stored, "group_id": group_id,
        "url_ok": bool(brief.article.url) and brief.article.url.lower().startswith(("http://", "https://")),
        "title": brief.article.title or brief.article.id})


@page_cache
def actor(request: Request):
    data = stored(request, "key", queries.actor, "G602", "key")
    peak = max([max(t["as_actor"], t["as_recipient"]) for t in data["timeline"]] or [1])
    return render(request, "actor.html", {"d": data, "peak": peak, "title": data["name"]})


@page_cache
def story(request: Request):
    data = stored(request, "group_id", queries.story, "G601")
    gid = request.path_params["group_id"]
    return render(request, "story.html", {"d": data, "title": "Story: " + (data["members"][0]["title"] or gid)})


@page_cache
def events(request: Request):
    p = Params(request.query_params)
    args = event_args(p)
    limit, offset = p.page(50)
    with _snaps(request).reader() as r:
        res = queries.events(r, limit=limit, offset=offset, **args)
        facets = queries.facets(r)
    query = urlencode({k: v for k, v in args.items() if v})
    csv_link, parquet_link = "/api/v1/events.csv?" + query, "/api/v1/events.parquet?" + query
    return render(request, "events.html", {"args": args, "res": res, "facets": facets, "offset": offset,
                                           "links": page_links("/events", args, res["total"], limit, offset),
                                           "csv_link": csv_link, "parquet_link": parquet_link, "title": "Events"})


@page_cache
def network(request: Request):
    from .graph import svg_network

    p = Params(request.query_params)
    args = {"actor": p.text("actor"), "since": p.date("since"), "until": p.date("until"),
            "bucket": p.choice("bucket", BUCKETS, "month")}
    with _snaps(request).reader() as r:
        net = queries.network(r, **args)
    periods = sorted({d["bucket"] for d in net["dyads"] if d["bucket"]})
    at = p.integer("at", -1, -1, 100_000)  # the time slider: one period, or -1 for all
    at = at if at < len(periods) else -1
    dyads = [d for d in net["dyads"] if at < 0 or d["bucket"] == periods[at]]
    pairs: dict = {}
    for d in dyads:
        x = pairs.setdefault((d["source"], d["target"]), {"events": 0, "buckets": [], "types": {}})
        x["events"] += d["events"]
        x["buckets"].append((d["bucket"], d["events"]))
        for t, n in d["by_type"].items():
            x["types"][t] = x["types"].get(t, 0) + n
    edges = sorted(({"source": s, "target": t, **v} for (s, t), v in pairs.items()),
                   key=lambda e: (-e["events"], e["source"], e["target"]))[:200]
    return render(request, "network.html", {
        "args": args, "net": net, "edges": edges, "buckets": BUCKETS, "periods": periods, "at": at,
        "svg": Markup(svg_network(net["nodes"], edges)),
        "peak": max([e["events"] for e in edges] or [1]), "title": "Network"})


@page_cache
def map_view(request: Request):
    from ..render.map import svg_map

    p = Params(request.query_params)
    args = {"actor": p.text("actor"), "since": p.date("since"), "until": p.date("until")}
    with _snaps(request).reader() as r:
        rows = queries.places(r, **args)
    dots = [{"id": str(i + 1), "name": x["name"], "lat": x["lat"], "lon": x["lon"]} for i, x in enumerate(rows)]
    return render(request, "map.html", {"args": args, "rows": rows, "svg": Markup(svg_map(dots, width=960, height=540)),
                                        "title": "Map"})


async def ask(request: Request):
    request.state.keep_page = True  # a GET form: nothing per client
    p = Params(request.query_params)
    q = p.text("q", 500)
    answer = (await run_ask(request, q, 12)) if q else None
    from ..corpus.ask import SECTION_TITLES, SECTIONS

    return render(request, "ask.html", {"q": q, "answer": answer, "sections": SECTIONS + ("passages",),
                                        "section_titles": SECTION_TITLES, "title": "Ask"})


async def analyse(request: Request):
    """The form; a POST checks the input at once and queues the analysis (see ``analyse_job``)."""
    if request.method == "GET":
        return render(request, "analyse.html", {"title": "Analyse",
                                                "limit": request.app.state.analyser.max_bytes})
    from .api import read_analyse_input

    an = request.app.state.analyser
    try:
        request.app.state.analyse_limit.check(request.client.host if request.client else "?")
        data, fmt, source, fields = await read_analyse_input(request)
        art = an.read(data, fmt, source, fields)
    except GeobriefError as exc:
        from .app import status_of

        return render(request, "analyse.html", {"title": "Analyse", "error": exc.to_dict(), "limit": an.max_bytes},
                      status=status_of(exc))
    return RedirectResponse(f"/analyse/jobs/{an.submit(art)}", status_code=303)


def analyse_job(request: Request):
    """A queued or running analysis (the page reloads itself every second), then its brief."""
    an = request.app.state.analyser
    job = an.job(request.path_params["job_id"])
    if job is None:
        raise error("G607", path=request.url.path[:200])
    if job["state"] == "done" and job["brief_id"] in an.recent:
        return _brief_page(request, an.recent[job["brief_id"]], {}, [], stored=False)
    return render(request, "job.html", {"job": job, "title": "Analysing",
                                        "refresh": job["state"] in ("queued", "analysing")})


async def analyse_add(request: Request):
    """Add a brief analysed here to the store, then show it from the store."""
    from starlette.concurrency import run_in_threadpool

    form = await request.form(max_files=0, max_fields=4, max_part_size=4096)
    brief_id = str(form.get("id") or "")[:100]
    snaps = request.app.state.snapshots
    try:
        aid = await run_in_threadpool(request.app.state.analyser.add, brief_id, snaps.store_path)
    except GeobriefError as exc:
        from .app import status_of

        return render(request, "analyse.html", {"title": "Analyse", "error": exc.to_dict(),
                                                "limit": request.app.state.analyser.max_bytes}, status=status_of(exc))
    await run_in_threadpool(snaps.refresh)
    return RedirectResponse(f"/articles/{quote(aid, safe='')}", status_code=303)


async def login(request: Request):
    nxt = security.safe_next(request.query_params.get("next"))
    if request.method == "GET":
        return render(request, "login.html", {"next": nxt, "title": "Log in"})
    request.app.state.login_limit.check(request.client.host if request.client else "?")
    form = await request.form(max_files=0, max_fields=5, max_part_size=4096)
    token = request.app.state.token
    sent = str(form.get("token") or "")
    nxt = security.safe_next(str(form.get("next") or "/"))
    if token is None:
        return RedirectResponse(nxt, status_code=303)
    ok, _ = security.authorised(token, {"authorization": "Bearer " + sent}, {})
    if not ok:
        return render(request, "login.html", {"next": nxt, "title": "Log in", "error": error("G604").to_dict()},
                      status=401)
    resp = RedirectResponse(nxt, status_code=303)
    resp.set_cookie(security.AUTH_COOKIE, security.session_value(token), httponly=True, samesite="strict", path="/")
    return resp


def favicon(request: Request):
    return RedirectResponse("/static/favicon.svg", status_code=301)


ROUTES = [
    Route("/", overview),
    Route("/search", search),
    Route("/articles/{article_id:path}", article),
    Route("/actors/{key:path}", actor),
    Route("/stories/{group_id:path}", story),
    Route("/events", events),
    Route("/network", network),
    Route("/map", map_view),
    Route("/ask", ask),
    Route("/analyse", analyse, methods=["GET", "POST"]),
    Route("/analyse/add", analyse_add, methods=["POST"]),
    Route("/analyse/jobs/{job_id}", analyse_job),
    Route("/login", login, methods=["GET", "POST"]),
    Route("/favicon.ico", favicon),
]
