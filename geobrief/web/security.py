"""Who may call ``serve`` and how: loopback by default, a token off it, CSRF, limits, headers.

- Bound to a loopback address (the default, 127.0.0.1) no token is needed, but the Host header
  must name the loopback server (a page on another site cannot reach it through DNS rebinding).
- Bound to any other address a token is required (``--token``, or one generated and printed once):
  ``Authorization: Bearer TOKEN`` or the login cookie that ``/login`` sets (an HMAC of the token,
  HttpOnly, SameSite=Strict). Only ``/login`` and the static files are open without it.
- Every POST carries a CSRF token (double submit: the ``gb_csrf`` cookie and the form's ``csrf``
  field or an ``X-CSRF-Token`` header), except a JSON body or a bearer-authenticated call, which a
  cross-site form cannot send.
- A POST body must state its length and stay under the upload limit.
- Every response carries a strict Content-Security-Policy (no script at all, no inline style),
  and pages are not framed, sniffed or sent with a referrer.
"""
from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
import threading
import time
from collections import deque
from typing import Optional

from ..errors import error

CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
CSRF_COOKIE = "gb_csrf"
AUTH_COOKIE = "gb_auth"
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}
OPEN_PATHS = ("/login", "/static/", "/favicon.ico")


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (the hosts that need no token)."""
    h = host.strip("[]")
    if h == "localhost":
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False


def resolve_token(host: str, token: Optional[str]) -> tuple[Optional[str], bool]:
    """(token, generated): the given token; a new one when the host is not loopback; else None."""
    if token:
        return token, False
    if is_loopback(host):
        return None, False
    return secrets.token_urlsafe(24), True


def session_value(token: str) -> str:
    """The login cookie's value: derived from the token, never the token itself."""
    return hmac.new(token.encode(), b"geobrief-serve-session", hashlib.sha256).hexdigest()


def authorised(token: Optional[str], headers, cookies) -> tuple[bool, bool]:
    """(allowed, by_bearer) for a request with ``headers`` and ``cookies``."""
    if token is None:
        return True, False
    auth = headers.get("authorization", "")
    if auth[:7].lower() == "bearer " and hmac.compare_digest(auth[7:].strip().encode(), token.encode()):
        return True, True
    cookie = cookies.get(AUTH_COOKIE, "")
    return bool(cookie) and hmac.compare_digest(cookie.encode(), session_value(token).encode()), False


def host_ok(host_header: str) -> bool:
    """The Host header names a loopback server (any port)."""
    h = host_header.strip().lower()
    if h.startswith("["):
        h = h[: h.find("]") + 1] if "]" in h else h
    else:
        h = h.rsplit(":", 1)[0] if h.count(":") == 1 else h
    return h in LOOPBACK_NAMES or is_loopback(h)


def new_csrf() -> str:
    return secrets.token_urlsafe(24)


def csrf_cookie(value: str) -> str:
    """The Set-Cookie value of a new client's CSRF token (HttpOnly, SameSite=Strict, the whole site)."""
    from http.cookies import SimpleCookie

    c: SimpleCookie = SimpleCookie()
    c[CSRF_COOKIE] = value
    c[CSRF_COOKIE]["path"] = "/"
    c[CSRF_COOKIE]["httponly"] = True
    c[CSRF_COOKIE]["samesite"] = "strict"
    return c.output(header="").strip()


def csrf_ok(cookie: str, sent: str) -> bool:
    return bool(cookie) and bool(sent) and hmac.compare_digest(cookie.encode(), sent.encode())


def safe_next(target: Optional[str]) -> str:
    """A local path to go to after login (never another site)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


class RateLimit:
    """At most ``limit`` calls per ``window`` seconds per client (sliding window)."""

    def __init__(self, limit: int, window: float = 60.0):
        self.limit = limit
        self.window = window
        self._calls: dict[str, deque] = {}
        self._lock = threading.Lock()

    def check(self, client: str) -> None:
        """Count a call; G606 when the client is over its limit."""
        now = time.monotonic()
        with self._lock:
            q = self._calls.setdefault(client, deque())
            while q and q[0] <= now - self.window:
                q.popleft()
            if len(q) >= self.limit:
                retry = int(q[0] + self.window - now) + 1
                raise error("G606", limit=self.limit, window=int(self.window), retry=retry)
            q.append(now)
