"""The ASGI app of ``geobrief serve``: pages, the JSON API, security, and the store's snapshots.

``create_app(store_path, token=None, loopback=True)`` builds it; ``run`` starts uvicorn. See
``security`` (who may call), ``snapshot`` (how it reads a store that ``ingest`` writes),
``api`` (``/api/v1/``) and ``pages`` (the HTML views).
"""
from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections import OrderedDict
from typing import Callable, Optional

import anyio
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from ..errors import GeobriefError, error
from . import api, pages, queries, security
from .analyse import Analyser
from .snapshot import Snapshots

HERE = os.path.dirname(os.path.abspath(__file__))
log = logging.getLogger("geobrief.serve")

STATUS = {"G601": 404, "G602": 404, "G607": 404, "G603": 400, "G604": 401, "G605": 403, "G606": 429,
          "G608": 421, "G609": 503, "G502": 503, "G501": 503, "G503": 409, "G504": 503, "G105": 413, "G610": 500}


def status_of(exc: GeobriefError) -> int:
    return STATUS.get(exc.code, 400 if exc.code.startswith("G1") else 500)


def error_response(request: Request, exc: GeobriefError) -> Response:
    """JSON ``{code, message, hint}`` for the API, an HTML page with the same three for a browser."""
    status = status_of(exc)
    headers = {"retry-after": "60"} if exc.code == "G606" else None
    if request.url.path.startswith(api.PREFIX):
        return JSONResponse(exc.to_dict(), status_code=status, headers=headers)
    return pages.render(request, "error.html", {"error": exc.to_dict()}, status=status, headers=headers)


class Guard(BaseHTTPMiddleware):
    """Host check, token, CSRF, body size, security headers, and coded errors for everything."""

    async def dispatch(self, request: Request, call_next):
        try:
            resp = await self._guarded(request, call_next)
        except GeobriefError as exc:
            resp = error_response(request, exc)
        except Exception as exc:  # never a traceback to the client
            log.exception("error serving %s", request.url.path)
            resp = error_response(request, error("G610", detail=type(exc).__name__))
        for k, v in security.HEADERS.items():
            resp.headers[k] = v
        if request.url.path.startswith(api.PREFIX) or request.method == "POST":
            resp.headers["cache-control"] = "no-store"
        if getattr(request.state, "new_csrf", False):
            resp.set_cookie(security.CSRF_COOKIE, request.state.csrf, httponly=True, samesite="strict", path="/")
        return resp

    async def _guarded(self, request: Request, call_next):
        st = request.app.state
        path = request.url.path
        if st.token is None and st.loopback and not security.host_ok(request.headers.get("host", "")):
            raise error("G608", host=request.headers.get("host", "")[:100])
        csrf = request.cookies.get(security.CSRF_COOKIE, "")
        request.state.new_csrf = not csrf
        request.state.csrf = csrf or security.new_csrf()
        allowed, bearer = security.authorised(st.token, request.headers, request.cookies)
        request.state.authed = allowed
        if not allowed and not path.startswith(security.OPEN_PATHS):
            if path.startswith(api.PREFIX) or request.method != "GET":
                raise error("G604")
            return RedirectResponse("/login?" + _next_query(request), status_code=303)
        if request.method == "POST":
            length = request.headers.get("content-length")
            limit = st.analyser.max_bytes + 64_000
            if length is None or not length.isdigit() or int(length) > limit:
                raise error("G105", source="the request", size=int(length) if (length or "").isdigit() else 0,
                            limit=limit)
            json_body = request.headers.get("content-type", "").split(";")[0].strip() == "application/json"
            if not bearer and not (json_body and path.startswith(api.PREFIX)):
                await self._check_csrf(request, csrf)
        if request.method == "GET" and path.startswith(api.PREFIX):
            return await st.responses.serve(request, call_next)
        return await call_next(request)

    async def _check_csrf(self, request: Request, cookie: str) -> None:
        sent = request.headers.get("x-csrf-token", "")
        if not sent:
            ctype = request.headers.get("content-type", "")
            if ctype.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
                await request.body()  # cached: the endpoint reads the same body again
                form = await request.form(max_files=1, max_fields=12,
                                          max_part_size=request.app.state.analyser.max_bytes)
                sent = str(form.get("csrf") or "")
        if not security.csrf_ok(cookie, sent):
            raise error("G605")


class ResponseCache:
    """The bodies of answered API GETs, kept per snapshot of the store (a snapshot never changes,
    and an API answer is the same for every client allowed to ask). A hit skips the worker
    thread, the query and the JSON encoding; a new snapshot starts an empty cache. Pages are not
    kept: they carry each client's CSRF token."""

    MAX_ENTRIES = 2048
    MAX_BODY = 512_000
    MAX_BYTES = 64_000_000

    def __init__(self):
        self.gen = None
        self.entries: "OrderedDict[str, tuple]" = OrderedDict()
        self.bytes = 0

    def _current(self, request: Request):
        gen = request.app.state.snapshots.current
        if gen is not self.gen:
            self.gen, self.entries, self.bytes = gen, OrderedDict(), 0
        return gen

    async def serve(self, request: Request, call_next) -> Response:
        gen = self._current(request)
        key = request.url.path + "?" + request.url.query
        hit = self.entries.get(key) if gen is not None else None
        if hit is not None:
            self.entries.move_to_end(key)
            body, headers = hit
            return Response(body, status_code=200, headers=headers)
        resp = await call_next(request)
        if gen is None or resp.status_code != 200 or self._current(request) is not gen:
            return resp
        chunks = []
        async for chunk in resp.body_iterator:
            chunks.append(chunk if isinstance(chunk, bytes) else chunk.encode("utf-8"))
        body = b"".join(chunks)
        headers = {k: v for k, v in resp.headers.items() if k.lower() not in ("content-length", "set-cookie")}
        if len(body) <= self.MAX_BODY:
            self.entries[key] = (body, headers)
            self.bytes += len(body)
            while len(self.entries) > self.MAX_ENTRIES or self.bytes > self.MAX_BYTES:
                _, (old, _h) = self.entries.popitem(last=False)
                self.bytes -= len(old)
        return Response(body, status_code=200, headers={**headers, **(
            {"set-cookie": resp.headers["set-cookie"]} if "set-cookie" in resp.headers else {})})


def _next_query(request: Request) -> str:
    from urllib.parse import urlencode

    target = request.url.path + (("?" + request.url.query) if request.url.query else "")
    return urlencode({"next": target})


async def not_found(request: Request, exc) -> Response:
    code = getattr(exc, "status_code", 404)
    if code == 405:
        return error_response(request, error("G603", name="method", detail=f"{request.method} is not allowed here"))
    return error_response(request, error("G607", path=request.url.path[:200]))


def create_app(store_path: str, token: Optional[str] = None, loopback: bool = True, *,
               pipeline_factory: Optional[Callable] = None, refresh_interval: float = 2.0,
               analyse_per_minute: int = 6, max_upload: int = 2_000_000) -> Starlette:
    """The app over the store at ``store_path``.

    ``token``: required from every client when set (pass one whenever the server is reachable
    from other hosts). ``loopback``: the server is bound to a loopback address (Host checked).
    ``pipeline_factory``: builds the analyse pipeline (default: the default pipeline).
    """
    snaps = Snapshots(store_path, interval=refresh_interval, warm=queries.warm)
    routes = api.ROUTES + pages.ROUTES + [
        Mount("/static", app=StaticFiles(directory=os.path.join(HERE, "static")), name="static")]

    @contextlib.asynccontextmanager
    async def lifespan(app):
        snaps.start()
        try:
            yield
        finally:
            snaps.close()

    app = Starlette(routes=routes, middleware=[Middleware(Guard)],
                    exception_handlers={404: not_found, 405: not_found}, lifespan=lifespan)
    app.state.snapshots = snaps
    app.state.token = token
    app.state.loopback = loopback
    app.state.ask_lock = anyio.Lock()
    app.state.responses = ResponseCache()
    app.state.analyser = Analyser(pipeline_factory, max_bytes=max_upload)
    app.state.analyse_limit = security.RateLimit(analyse_per_minute, 60.0)
    app.state.login_limit = security.RateLimit(10, 60.0)
    return app


def run(store_path: str, host: str = "127.0.0.1", port: int = 8765, token: Optional[str] = None,
        echo: Callable[[str], None] = lambda s: print(s, file=sys.stderr)) -> None:
    """Serve until interrupted; off loopback a token is required (generated and printed once)."""
    import uvicorn

    loopback = security.is_loopback(host)
    token, generated = security.resolve_token(host, token)
    if generated:
        echo(f"geobrief serve: access token (shown once): {token}")
    app = create_app(store_path, token=token, loopback=loopback)
    echo(f"geobrief serve: http://{host if ':' not in host else '[' + host + ']'}:{port}/ "
         f"(store {os.path.abspath(str(store_path))}; Ctrl-C stops)")
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
