"""Load test of ``geobrief serve``: concurrent clients on a 10,000-article store, p95 per endpoint.

Method:

1. Store. As in ``bench_corpus.py``: ``--bases`` varied base articles made from the examples are
   analysed by the real pipeline, then copied (each copy gets its own filing line, outlet, author
   and date) up to ``--n`` articles, stored with a replay pipeline that gives each copy its base's
   real brief. With ``--store PATH`` an existing store is used as it is.
2. Server. ``geobrief serve`` runs in its own process (uvicorn, one worker, the default settings)
   on a free loopback port.
3. Cold. Every distinct address below is asked once, by one client, before anything is cached:
   the latency of computing each view (``cold_one_client``).
4. Load. ``--clients`` asyncio clients (one keep-alive HTTP/1.1 connection each, a minimal client
   on asyncio streams that sends back its cookies, see ``Connection``) each send ``--requests``
   requests, cycling through the endpoints below from a different starting point, with URLs
   drawn from the store (article ids, actor keys, names, questions). Every answer other than
   200 is an error, and so is a timeout (30 s). Latency is measured per endpoint from the
   client's side (p50, p95, max), along with the throughput over the whole run and the CPU
   time per request of the server process and of the load generator (both on this machine: on
   2 cores the clients' own CPU bounds the throughput as much as the server's). The server
   keeps results per snapshot, so this measures serving a warm corpus to many clients. With 10
   requests per client the run lasts under 2 s and its p95 is the opening wave (200 connections
   and their first requests at once); 50 per client (the default) measure the steady state too. The
   machine's load average before and after is recorded: on a shared machine it explains much.

Usage: ``python bench/bench_serve.py [--n 10000] [--bases 30] [--clients 200] [--requests 50]
[--store PATH] [--out bench/results/serve.json]``
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build_store(path: str, n: int, bases: int) -> dict:
    """The store at ``path``, built as ``bench_corpus`` does (real briefs of the bases, replayed)."""
    from bench.bench_corpus import ReplayPipeline, make_bases, make_copies
    from geobrief.corpus import ingest
    from geobrief.pipeline import default_pipeline

    t0 = time.perf_counter()
    base = make_bases(bases)
    briefs = {}
    for art, res in default_pipeline().run_many(base):
        if art is not None and not hasattr(res, "code"):
            briefs[art.id] = res
    good = [b for b in base if b.id in briefs]
    t1 = time.perf_counter()
    arts, base_of = make_copies(good, n)
    rep = ingest(arts, path, pipeline=ReplayPipeline(briefs, base_of), progress=False)
    return {"bases_analysed": len(good), "analyse_seconds": round(t1 - t0, 1),
            "store_seconds": round(time.perf_counter() - t1, 1), "articles": rep.total}


def targets(path: str, seed: int = 3) -> dict:
    """Endpoint name → list of URLs, drawn from the store."""
    import duckdb

    con = duckdb.connect(path, read_only=True)
    try:
        ids = [r[0] for r in con.execute("SELECT id FROM articles USING SAMPLE 200 ROWS").fetchall()]
        actors = con.execute("SELECT actor_key, mode(name) FROM actors GROUP BY actor_key "
                             "ORDER BY count(*) DESC LIMIT 40").fetchall()
        words = [r[0] for r in con.execute(
            "SELECT name FROM places GROUP BY name ORDER BY count(*) DESC LIMIT 10").fetchall()] or ["Kabul"]
        plover = [r[0] for r in con.execute("SELECT plover FROM events GROUP BY plover ORDER BY count(*) DESC "
                                            "LIMIT 5").fetchall()] or ["CONSULT"]
    finally:
        con.close()
    rng = random.Random(seed)
    names = [a[1] for a in actors if a[1]] or ["Taliban"]
    q = lambda **kw: "?" + urlencode(kw)  # noqa: E731
    return {
        "page /": ["/"],
        "page /search": [f"/search{q(q=rng.choice(words) + ' talks')}" for _ in range(20)],
        "page /articles/{id}": [f"/articles/{quote(i, safe='')}" for i in ids],
        "page /actors/{key}": [f"/actors/{quote(k, safe='')}" for k, _ in actors],
        "page /events": [f"/events{q(plover=p)}" for p in plover],
        "page /network": ["/network?bucket=month"],
        "api /articles": [f"/api/v1/articles{q(q=w, limit=20)}" for w in words],
        "api /articles/{id}": [f"/api/v1/articles/{quote(i, safe='')}" for i in ids],
        "api /events": [f"/api/v1/events{q(actor=n, limit=50)}" for n in names[:10]],
        "api /ask": [f"/api/v1/ask{q(q=f'What did {rng.choice(names)} do in {rng.choice(words)}?')}"
                     for _ in range(10)],
    }


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    k = (len(xs) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def _merge(per_url: dict, distinct: dict) -> dict:
    """Per-address results of the cold pass, summed up per endpoint."""
    out = {}
    for name, us in distinct.items():
        times = [t for u in us for t in per_url.get(u, {}).get("_times", [])]
        errs = sum(per_url.get(u, {}).get("errors", 0) for u in us)
        if times:
            out[name] = {"requests": len(times), "errors": errs, "p50_ms": round(pct(times, 0.5), 1),
                         "p95_ms": round(pct(times, 0.95), 1), "max_ms": round(max(times), 1)}
    return out


class Connection:
    """One keep-alive HTTP/1.1 connection, as a browser tab holds it: GET, read the status line,
    headers and the whole body (Content-Length or chunked), send back the cookies it was given.
    Plain asyncio streams: a general client (httpx) spends ~5 ms of CPU per request, twenty times
    what the server does, and on a 2-core machine that would be measured instead of the server."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader = self.writer = None
        self.cookies: dict[str, str] = {}

    async def get(self, url: str) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self.writer.write((f"GET {url} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                           + (f"Cookie: {cookie}\r\n" if cookie else "") + "\r\n").encode("latin-1"))
        head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1")
        lines = head.split("\r\n")
        status = int(lines[0].split()[1])
        headers = [ln.split(":", 1) for ln in lines[1:] if ":" in ln]
        length, chunked = None, False
        for k, v in headers:
            k, v = k.strip().lower(), v.strip()
            if k == "content-length":
                length = int(v)
            elif k == "transfer-encoding" and "chunked" in v.lower():
                chunked = True
            elif k == "set-cookie":
                name, _, value = v.split(";", 1)[0].partition("=")
                self.cookies[name] = value
        if chunked:
            body = b""
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                body += await self.reader.readexactly(size + 2)
                if size == 0:
                    break
        else:
            body = await self.reader.readexactly(length or 0)
        return status, body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.reader = self.writer = None


async def load(base: str, urls: dict, clients: int, requests: int, ordered: bool = False) -> tuple[dict, float]:
    host, port = base.rsplit("/", 1)[1].rsplit(":", 1)
    names = list(urls)
    times: dict[str, list[float]] = {n: [] for n in names}
    errors: dict[str, list[str]] = {n: [] for n in names}

    async def client(i: int) -> None:
        rng = random.Random(i)
        c = Connection(host, int(port))
        try:
            for k in range(requests):
                name = names[(i + k) % len(names)]
                url = urls[name][0] if ordered else rng.choice(urls[name])
                t0 = time.perf_counter()
                try:
                    status, body = await asyncio.wait_for(c.get(url), 30.0)
                    err = None if status == 200 and body else f"{status} {url}"
                except Exception as exc:  # a timeout or a refused connection counts as an error
                    err = f"{type(exc).__name__} {url}"
                    c.close()  # a new connection for the next request
                times[name].append((time.perf_counter() - t0) * 1000)
                if err:
                    errors[name].append(err)
        finally:
            c.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(client(i) for i in range(clients)))
    wall = time.perf_counter() - t0
    out = {n: {"requests": len(times[n]), "errors": len(errors[n]), "error_samples": errors[n][:3],
               "p50_ms": round(pct(times[n], 0.5), 1), "p95_ms": round(pct(times[n], 0.95), 1),
               "max_ms": round(max(times[n]), 1), **({"_times": times[n]} if ordered else {})}
           for n in names if times[n]}
    return out, wall


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process has used so far (Linux /proc)."""
    with open(f"/proc/{pid}/stat") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--bases", type=int, default=30)
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--requests", type=int, default=50, help="requests per client")
    ap.add_argument("--store", default=None, help="use this store instead of building one")
    ap.add_argument("--keep", default=None, help="build the store here and keep it (for reruns)")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "serve.json"))
    args = ap.parse_args()

    built = None
    tmp = tempfile.mkdtemp(prefix="bench-serve-")
    store = args.store or args.keep or os.path.join(tmp, "bench.duckdb")
    if not args.store:
        built = build_store(store, args.n, args.bases)
        print("store:", json.dumps(built), file=sys.stderr)
    urls = targets(store)
    load_before = list(os.getloadavg())  # the machine may be shared: say how busy it was
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "geobrief.cli", "serve", "--store", store, "--port", str(port)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx

        t0 = time.monotonic()
        while True:
            try:
                if httpx.get(base + "/api/v1/", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() - t0 > 60:
                raise SystemExit("serve did not start: " + (proc.stderr.read() if proc.poll() is not None else ""))
            time.sleep(0.3)
        # cold: every distinct address once, one client at a time (nothing cached yet)
        distinct = {k: sorted(set(v)) for k, v in urls.items()}
        cold, _ = asyncio.run(load(base, {u: [u] for v in distinct.values() for u in v}, 1,
                                   sum(len(v) for v in distinct.values()), ordered=True))
        cold = _merge(cold, distinct)
        server_cpu0, client_cpu0 = cpu_seconds(proc.pid), time.process_time()
        per_endpoint, wall = asyncio.run(load(base, urls, args.clients, args.requests))
        server_cpu = cpu_seconds(proc.pid) - server_cpu0
        client_cpu = time.process_time() - client_cpu0
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    total = sum(v["requests"] for v in per_endpoint.values())
    result = {
        "method": __doc__,
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "store": {"path": None if not args.store else store, "built": built,
                  "bytes": os.path.getsize(store)},
        "clients": args.clients, "requests": total, "seconds": round(wall, 1),
        "requests_per_s": round(total / wall, 1),
        "server_cpu_ms_per_request": round(server_cpu * 1000 / total, 2),
        "client_cpu_ms_per_request": round(client_cpu * 1000 / total, 2),
        "errors": sum(v["errors"] for v in per_endpoint.values()),
        "p95_ms_worst": max(v["p95_ms"] for v in per_endpoint.values()),
        "load_average_before": load_before, "load_average_after": list(os.getloadavg()),
        "cold_one_client": cold,
        "endpoints": per_endpoint,
    }
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as fh:
        json.dump(result, fh, indent=2)
    print(json.dumps({k: v for k, v in result.items() if k != "method"}, indent=2))


if __name__ == "__main__":
    main()
