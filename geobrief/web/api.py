"""The JSON API under ``/api/v1/`` (documented in docs/api.md; OpenAPI in ``openapi.py``).

Every list is a page ``{items, total, limit, offset, next, prev}``; every error is
``{code, message, hint}`` with a G-code from ``geobrief.errors``.
"""
from __future__ import annotations

import json
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..errors import error
from ..model import to_dict
from . import queries
from .openapi import SPEC
from .params import BUCKETS, Params, paginated

PREFIX = "/api/v1"


class JSON(JSONResponse):
    """JSON with the dates and decimals DuckDB returns written as strings (one pass)."""

    def render(self, content) -> bytes:
        return json.dumps(content, ensure_ascii=False, allow_nan=False, default=str,
                          separators=(",", ":")).encode("utf-8")


def ok(data, status: int = 200) -> JSONResponse:
    return JSON(data, status_code=status)


def _snaps(request: Request):
    return request.app.state.snapshots


def search_args(p: Params) -> dict:
    return {"q": p.text("q"), "actor": p.text("actor"), "place": p.text("place"), "since": p.date("since"),
            "until": p.date("until"), "genre": p.text("genre", 40), "outlet": p.text("outlet")}


def event_args(p: Params) -> dict:
    return {"plover": p.text("plover", 40), "cameo": p.text("cameo", 8), "mode": p.text("mode", 20),
            "actor": p.text("actor"), "recipient": p.text("recipient"), "since": p.date("since"),
            "until": p.date("until")}


def index(request: Request):
    with _snaps(request).reader() as r:
        counts = queries.count(r)
    return ok({"api": "geobrief", "version": 1, "counts": counts,
               "endpoints": [PREFIX + p for p in SPEC["paths"]], "openapi": PREFIX + "/openapi.json"})


def overview(request: Request):
    with _snaps(request).reader() as r:
        return ok(queries.overview(r))


def articles(request: Request):
    p = Params(request.query_params)
    args = search_args(p)
    limit, offset = p.page()
    with _snaps(request).reader() as r:
        res = queries.search(r, limit=limit, offset=offset, **args)
    return ok(paginated(request.url.path, args, res, limit, offset))


def stored(request: Request, param: str, query, code: str, field: str = "id"):
    """What ``query`` finds in the store for the path parameter ``param``; the coded error ``code``
    (naming the value as ``field``) when the store has nothing under it."""
    value = request.path_params[param]
    with _snaps(request).reader() as r:
        got = query(r, value)
    if got is None:
        raise error(code, **{field: value})
    return got


def stored_article(request: Request):
    """The article named by the path's ``article_id`` as ``queries.article`` gives it (G601 when missing)."""
    return stored(request, "article_id", queries.article, "G601")


def article(request: Request):
    _, data, siblings, keys = stored_article(request)
    data = dict(data)  # the cached brief dict stays as it is
    data["story"] = siblings  # other articles of its near-duplicate group
    data["actor_keys"] = keys  # actor id in this brief → cross-article actor key
    return ok(data)


def actors(request: Request):
    p = Params(request.query_params)
    q = p.text("q")
    limit, offset = p.page()
    with _snaps(request).reader() as r:
        res = queries.actors(r, q=q, limit=limit, offset=offset)
    return ok(paginated(request.url.path, {"q": q}, res, limit, offset))


def actor(request: Request):
    return ok(stored(request, "key", queries.actor, "G602", "key"))


def story(request: Request):
    return ok(stored(request, "group_id", queries.story, "G601"))


def events(request: Request):
    p = Params(request.query_params)
    args = event_args(p)
    limit, offset = p.page(50)
    with _snaps(request).reader() as r:
        res = queries.events(r, limit=limit, offset=offset, **args)
    return ok(paginated(request.url.path, args, res, limit, offset))


def events_csv(request: Request):
    p = Params(request.query_params)
    args = event_args(p)
    n = p.integer("max", 5000, 1, 5000)
    with _snaps(request).reader() as r:
        text = queries.events_csv(r, max_events=n, **args)
    return Response(text, media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": 'attachment; filename="events.csv"'})


def events_parquet(request: Request):
    p = Params(request.query_params)
    args = event_args(p)
    n = p.integer("max", 5000, 1, 5000)
    with _snaps(request).reader() as r:
        data = queries.events_parquet(r, max_events=n, **args)
    return Response(data, media_type="application/vnd.apache.parquet",
                    headers={"content-disposition": 'attachment; filename="events.parquet"'})


def network(request: Request):
    p = Params(request.query_params)
    args = {"actor": p.text("actor"), "since": p.date("since"), "until": p.date("until"),
            "bucket": p.choice("bucket", BUCKETS, "month")}
    with _snaps(request).reader() as r:
        return ok(queries.network(r, **args))


def places(request: Request):
    p = Params(request.query_params)
    args = {"actor": p.text("actor"), "since": p.date("since"), "until": p.date("until"),
            "limit": p.integer("limit", 60, 1, 500)}
    with _snaps(request).reader() as r:
        return ok({"items": queries.places(r, **args)})


def profiles(request: Request):
    p = Params(request.query_params)
    by = p.choice("by", ("outlet", "author"), "outlet")
    with _snaps(request).reader() as r:
        return ok(queries.profiles(r, by=by, name=p.text("name")))


async def run_ask(request: Request, question: str, limit: int):
    """ask's answer on the current snapshot, kept per snapshot. ``ask`` reads through one shared
    connection, so answers are computed one at a time; waiting requests hold no worker thread."""
    from ..corpus.ask import ask as corpus_ask

    with _snaps(request).reader() as r:
        key = ("ask", question, limit)
        hit = queries.cache_get(r, key)
        if hit is not queries._MISS:
            return hit
        async with request.app.state.ask_lock:
            hit = queries.cache_get(r, key)  # asked meanwhile
            if hit is queries._MISS:
                hit = queries.cache_put(r, key, await run_in_threadpool(corpus_ask, question, r.path, limit=limit))
        return hit


async def ask(request: Request):
    p = Params(request.query_params)
    q = p.text("q", 500)
    if not q:
        raise error("G603", name="q", detail="a question is needed")
    return ok((await run_ask(request, q, p.integer("limit", 12, 1, 50))).to_dict())


async def read_analyse_input(request: Request):
    """(bytes, reader format, source label, metadata fields) of a JSON or form request."""
    from .analyse import FIELDS, reader_format

    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    max_bytes = request.app.state.analyser.max_bytes
    if ctype == "application/json":
        try:
            body = json.loads(await request.body())
        except ValueError as exc:
            raise error("G603", name="body", detail=f"not JSON ({exc})") from None
        if not isinstance(body, dict) or not isinstance(body.get("text"), str):
            raise error("G603", name="text", detail="a JSON object with a \"text\" string is needed")
        fields = {k: str(body[k])[:300] for k in FIELDS if isinstance(body.get(k), str)}
        return body["text"].encode("utf-8"), "text", "pasted text", fields
    form = await request.form(max_files=1, max_fields=12, max_part_size=max_bytes)
    fields = {k: str(form.get(k) or "")[:300] for k in FIELDS}
    upload = form.get("file")
    if upload is not None and not isinstance(upload, str) and upload.filename:
        fmt = reader_format(upload.filename, upload.content_type)
        data = await upload.read(max_bytes + 1)
        label = "upload " + upload.filename[-80:]
        return data, fmt, label, fields
    text = form.get("text")
    if not isinstance(text, str) or not text.strip():
        raise error("G101", source="the form (paste a text or choose a file)")
    return text.encode("utf-8"), "text", "pasted text", fields


async def analyse_request(request: Request):
    """Rate limit, read, analyse: the Brief (shared by the API and the page)."""
    request.app.state.analyse_limit.check(request.client.host if request.client else "?")
    data, fmt, source, fields = await read_analyse_input(request)
    an = request.app.state.analyser
    art = an.read(data, fmt, source, fields)
    return await run_in_threadpool(an.run, art)


async def analyze(request: Request):
    brief = await analyse_request(request)
    return ok(to_dict(brief))


def openapi(request: Request):
    return JSONResponse(SPEC)


ROUTES = [
    Route(PREFIX + "/", index),
    Route(PREFIX + "/overview", overview),
    Route(PREFIX + "/articles", articles),
    Route(PREFIX + "/articles/{article_id:path}", article),
    Route(PREFIX + "/actors", actors),
    Route(PREFIX + "/actors/{key:path}", actor),
    Route(PREFIX + "/stories/{group_id:path}", story),
    Route(PREFIX + "/events", events),
    Route(PREFIX + "/events.csv", events_csv),
    Route(PREFIX + "/events.parquet", events_parquet),
    Route(PREFIX + "/network", network),
    Route(PREFIX + "/places", places),
    Route(PREFIX + "/profiles", profiles),
    Route(PREFIX + "/ask", ask),
    Route(PREFIX + "/analyze", analyze, methods=["POST"]),
    Route(PREFIX + "/openapi.json", openapi),
]
