"""The ASGI app of ``geobrief serve``: pages, the JSON API, security, and the store's snapshots.

``create_app(store_path, token=None, loopback=True)`` builds it; ``run`` starts uvicorn. See
``security`` (who may call), ``snapshot`` (how it reads a store that ``ingest`` writes),
``api`` (``/api/v1/``) and ``pages`` (the HTML views).
"""
from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import sys
from collections import OrderedDict
from typing import Callable, Optional

import anyio
from starlette.applications import Starlette
from starlette.middleware import Middleware
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


class Guard:
    """Host check, token, CSRF, body size, security headers, coded errors, and the per-snapshot
    response cache, for everything: a plain ASGI middleware (Starlette's ``BaseHTTPMiddleware``
    runs every request through a task group and memory streams, which cost more than serving a
    kept answer)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        request = Request(scope, receive)
        started = False

        async def send_headed(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = {**message, "headers": self._headers(request, message.get("headers", []))}
            await send(message)

        try:
            resp = await self._guarded(request, scope, receive, send_headed)
        except GeobriefError as exc:
            resp = None if started else error_response(request, exc)
        except Exception as exc:  # never a traceback to the client
            log.exception("error serving %s", request.url.path)
            resp = None if started else error_response(request, error("G610", detail=type(exc).__name__))
        if resp is not None:
            await resp(scope, receive, send_headed)

    @staticmethod
    def _headers(request: Request, raw: list) -> list:
        """The security headers (and no-store for the API and POSTs, the CSRF cookie for a new
        client) added to a response's own."""
        own = [(k, v) for k, v in raw if k.lower() not in SECURITY_KEYS]
        out = own + SECURITY_RAW
        if request.scope["path"].startswith(api.PREFIX) or request.scope["method"] == "POST":
            out = [(k, v) for k, v in out if k.lower() != b"cache-control"] + [(b"cache-control", b"no-store")]
        if getattr(request.state, "new_csrf", False):
            out.append((b"set-cookie", security.csrf_cookie(request.state.csrf).encode("latin-1")))
        return out

    async def _guarded(self, request: Request, scope, receive, send):
        """The request checked and answered (through ``send``); a Response to send when it is
        refused instead."""
        st = request.app.state
        path = scope["path"]  # (request.url would parse the whole address on every request)
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
                receive = await self._check_csrf(request, csrf, receive)
        if request.method in ("GET", "HEAD") and not path.startswith("/static/"):
            return await st.responses.serve(request, scope, receive, send, self.app)
        await self.app(scope, receive, send)
        return None

    async def _check_csrf(self, request: Request, cookie: str, receive):
        """G605 unless the request carries the client's CSRF token; the ``receive`` the endpoint
        reads the body from (the body again, when the form was read here)."""
        sent = request.headers.get("x-csrf-token", "")
        if not sent:
            ctype = request.headers.get("content-type", "")
            if ctype.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
                body = await request.body()
                form = await request.form(max_files=1, max_fields=12,
                                          max_part_size=request.app.state.analyser.max_bytes)
                sent = str(form.get("csrf") or "")
                receive = _replay(body, receive)
        if not security.csrf_ok(cookie, sent):
            raise error("G605")
        return receive


def _replay(body: bytes, receive):
    """A ``receive`` that gives ``body`` once, then what the client sends (its disconnect)."""
    given = False

    async def again():
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()
    return again


SECURITY_RAW = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in security.HEADERS.items()]
SECURITY_KEYS = {k for k, _ in SECURITY_RAW}


class ResponseCache:
    """Answered GETs kept per snapshot of the store: every API answer, and the pages whose view
    says they hold nothing per client (``keep_page``: no CSRF token, no job state). A snapshot
    never changes, so such an answer is the same for every client allowed to ask; a new snapshot
    starts an empty cache. A hit is sent from here: no routing, no worker thread, no query, no
    template, no JSON encoding. Every kept answer has an ETag (the snapshot and a hash of the
    body): a client that sends it back in If-None-Match gets 304 Not Modified."""

    MAX_ENTRIES = 4096
    MAX_BODY = 512_000
    MAX_BYTES = 96_000_000

    def __init__(self):
        self.gen = None
        self.entries: "OrderedDict[str, tuple]" = OrderedDict()
        self.bytes = 0

    def _current(self, request: Request):
        gen = request.app.state.snapshots.current
        if gen is not self.gen:
            self.gen, self.entries, self.bytes = gen, OrderedDict(), 0
        return gen

    async def serve(self, request: Request, scope, receive, send, app) -> None:
        gen = self._current(request)
        key = scope["path"] + "?" + scope["query_string"].decode("latin-1")
        hit = self.entries.get(key) if gen is not None else None
        if hit is None:
            hit = await self._answer(request, scope, receive, send, app, gen, key)
            if hit is None:
                return
        else:
            self.entries.move_to_end(key)
        body, headers, etag = hit
        if etag in _etags(request.headers.get("if-none-match", "")):
            await send({"type": "http.response.start", "status": 304,
                        "headers": [h for h in headers if h[0] in (b"etag", b"cache-control")]})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": 200,
                    "headers": headers + [(b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": b"" if request.method == "HEAD" else body})

    async def _answer(self, request: Request, scope, receive, send, app, gen, key):
        """Run the app; keep a 200 answer that may be kept (its body, headers, ETag), else pass
        the answer through as it comes and return None."""
        start: dict = {}
        chunks: list = []
        passing = False

        async def capture(message):
            nonlocal passing
            if passing:
                return await send(message)
            if message["type"] == "http.response.start":
                keep = (message["status"] == 200 and gen is not None and scope["method"] == "GET"
                        and (scope["path"].startswith(api.PREFIX) or scope.get("state", {}).get("keep_page")))
                if not keep:
                    passing = True
                    return await send(message)
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await app(scope, receive, capture)
        if passing or not start:
            return None
        body = b"".join(chunks)
        etag = '"g%d-%s"' % (gen.number, hashlib.blake2b(body, digest_size=8).hexdigest())
        headers = [(k, v) for k, v in start.get("headers", [])
                   if k.lower() not in (b"content-length", b"set-cookie", b"etag")]
        if not scope["path"].startswith(api.PREFIX):
            headers.append((b"cache-control", b"no-cache"))  # a page: revalidate with its ETag
        headers.append((b"etag", etag.encode()))
        hit = (body, headers, etag)
        if len(body) <= self.MAX_BODY and self._current(request) is gen:
            self.entries[key] = hit
            self.bytes += len(body)
            while len(self.entries) > self.MAX_ENTRIES or self.bytes > self.MAX_BYTES:
                _, (old, _h, _e) = self.entries.popitem(last=False)
                self.bytes -= len(old)
        return hit


def _etags(header: str) -> set:
    return {t.strip().removeprefix("W/") for t in header.split(",") if t.strip()}


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
