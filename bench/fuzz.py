"""Fuzzing the readers: any bytes give articles or coded G-errors, never anything else.

Each case is an input of one *class* (below), made by a seeded ``random.Random``, read with
``geobrief.ingest.read_bytes`` in its format. A case passes when every item read is an
``Article`` (non-empty text, string id, ISO ``published`` or None) or a ``GeobriefError`` whose
code is in the catalogue; any other exception, or a case over ``SLOW`` seconds, is a failure and
its input is saved under ``bench/results/fuzz_failures/``. The classes are shared with the
property tests (``tests/test_fuzz.py``), which drive the same generators from Hypothesis.

Usage: ``python bench/fuzz.py [--cases 100000] [--seed 16] [--out bench/results/fuzz.json]``
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SLOW = 5.0  # seconds: a case slower than this is a failure (the time a normal article takes)
MAX_BYTES = 200_000  # the readers' size limit during fuzzing (keeps oversize classes cheap)

# --- material (written for geobrief) ------------------------------------------------------------
WORDS = ("the minister envoy said talks border capital ceasefire officials government army police "
         "on Monday would could may not and of in to with after before denied met visited warned "
         "agreement sanctions trade aid Kabul Lima Oslo Nairobi Chile Norway Kenya Peru").split()
NAMES = ["Ana Duarte", "Tomas Berg", "Lina Holm", "Omar Haddad", "J. R. Stone", "Mary-Ann O'Neil"]
OUTLETS = ["The Pacific Ledger", "Nordic Review", "Andes Wire", "Gulf Dispatch", "the Herald"]
TAGS = ["div", "p", "span", "article", "section", "main", "h1", "h2", "a", "b", "i", "table", "tr", "td",
        "ul", "li", "script", "style", "noscript", "iframe", "header", "footer", "nav", "br", "img", "meta"]
UNI = ["\u200b", "\u202e", "\ufeff", "\x0b", "\x0c", "\x85", "\u2028", "é", "ß", "中文", "العربية", "😀",
       "\ud7ff", "\x00", "\t", "\r", "\r\n", "&amp;", "&#0;", "&#x110000;", "<", ">", "\"", "'", "\\"]


def sentence(r: random.Random) -> str:
    words = [r.choice(WORDS) for _ in range(r.randint(3, 18))]
    return " ".join(words).capitalize() + r.choice([".", ".", ".", "?", "!", ",", ""])


def prose(r: random.Random, n: int | None = None) -> str:
    paras = []
    for _ in range(n if n is not None else r.randint(1, 6)):
        paras.append(" ".join(sentence(r) for _ in range(r.randint(1, 5))))
    return r.choice(["\n\n", "\n", "\r\n\r\n"]).join(paras)


def noise(r: random.Random, n: int = 40) -> str:
    return "".join(r.choice(UNI) if r.random() < 0.3 else chr(r.randint(32, 0x2FFF)) for _ in range(r.randint(0, n)))


def header_lines(r: random.Random) -> str:
    """Title / byline / dateline / Published lines, right or subtly wrong."""
    out = []
    if r.random() < 0.7:
        out.append(r.choice([sentence(r).rstrip(".!?,"), sentence(r), noise(r, 30), "A" * r.randint(1, 300)]))
        out.append(r.choice(["", "", "\n"]))
    if r.random() < 0.7:
        n, o = r.choice(NAMES), r.choice(OUTLETS)
        out.append(r.choice([f"By {n}", f"By {n}, columnist, for {o}", f"{n} | {o}", f"{n}, senior fellow",
                             f"BY {n.upper()}", f"By {n} and {r.choice(NAMES)}", f"By {noise(r, 12)}",
                             f"{n}, {noise(r, 20)}", f"By {n},, for ,{o}"]))
    if r.random() < 0.5:
        out.append(r.choice(["Published: 14 November 2026", "Updated: Nov. 31, 2026", "Published: 2026-02-30",
                             "Posted on 31 Sept 1899", f"Published: {noise(r, 15)}", "Date: 99 March 20261"]))
    if r.random() < 0.5:
        out.append(r.choice(["KABUL, Nov 12 (Andes Wire) - ", "OSLO, March 3, 2026 - ", "LIMA - ",
                             "NAIROBI, 32 Foo 2026 (x) -- ", f"{noise(r, 10).upper()}, {noise(r, 8)} - "])
                   + sentence(r))
    return "\n".join(out) + "\n"


# --- the input classes: name -> (format, generator) ---------------------------------------------------
def gen_text_prose(r):
    return (header_lines(r) + "\n" + prose(r)).encode()


def gen_text_unicode(r):
    return (prose(r, 2) + noise(r, 200) + prose(r, 1)).encode("utf-8", "surrogatepass")


def gen_text_bad_bytes(r):
    data = bytearray(prose(r).encode())
    for _ in range(r.randint(1, 12)):
        data.insert(r.randrange(len(data) + 1), r.randrange(256))
    return bytes(data)


def gen_text_edge(r):
    return r.choice([b"", b" \n\t ", b"\xef\xbb\xbf", b"\x00" * r.randint(1, 50), b"\r" * 30,
                     ("x" * r.randint(9_000, 12_000)).encode(), ("word " * r.randint(2_000, 3_000)).encode(),
                     b"a." * r.randint(1, 40_000), b"\xff\xfe" + "text".encode("utf-16-le"),
                     ("\n" * r.randint(1, 5000)).encode() + prose(r).encode()])


def gen_markdown_front_matter(r):
    keys = ["title", "author", "outlet", "published", "date", "url", "id", "source", "byline", "x-y", "1bad", ""]
    fm = ["---"]
    for _ in range(r.randint(0, 8)):
        k = r.choice(keys)
        v = r.choice([sentence(r), noise(r, 20), '"quoted"', "'", "2026-11-12", "2026-13-45", "yesterday", "",
                      "12:30", "[1, 2]", "{a: b}", "---x"])
        fm.append(r.choice([f"{k}: {v}", f"{k}:{v}", f"  {k} : {v}", f"{k}", f"- {v}"]))
    if r.random() < 0.85:
        fm.append(r.choice(["---", "...", "--- ", "----"]))
    body = []
    for _ in range(r.randint(0, 8)):
        body.append(r.choice([f"# {sentence(r)}", f"## {noise(r, 10)}", f"> {sentence(r)}", f"- {sentence(r)}",
                              f"[{sentence(r)}]({noise(r, 10)})", f"![{noise(r, 5)}](x)", f"**{sentence(r)}",
                              f"*{sentence(r)}*", f"`{noise(r, 10)}`", "***", "#" * r.randint(1, 9), prose(r, 1)]))
    return ("\n".join(fm) + "\n" + header_lines(r) + "\n".join(body) + "\n" + prose(r)).encode()


def html_tree(r, depth=0) -> str:
    if depth > r.randint(2, 9) or r.random() < 0.25:
        return r.choice([sentence(r), noise(r, 15), "&nbsp;", "&lt;script&gt;", ""])
    tag = r.choice(TAGS)
    attrs = r.choice(["", ' class="story"', ' id="x"', f' title="{noise(r, 8)}"', " data-x=<>", ' style="x'])
    inner = "".join(html_tree(r, depth + 1) for _ in range(r.randint(0, 4)))
    close = "" if r.random() < 0.1 else f"</{tag}>"
    return f"<{tag}{attrs}>{inner}{close}"


def gen_html_soup(r):
    metas = "".join(r.choice([f'<meta property="og:title" content="{noise(r, 20)}">',
                              f'<meta name="author" content="{r.choice(NAMES)}">',
                              '<meta property="article:published_time" content="not a date">',
                              '<meta property="article:published_time" content="2026-11-12T10:00:00Z">',
                              "<meta charset=utf-8>", "<title>" + sentence(r) + "</title>"])
                    for _ in range(r.randint(0, 4)))
    body = "".join(html_tree(r) for _ in range(r.randint(1, 6)))
    article = "<article>" + "".join(f"<p>{prose(r, 1)}</p>" for _ in range(r.randint(0, 6))) + "</article>"
    return f"<!doctype html><html><head>{metas}</head><body>{body}{article if r.random() < 0.7 else ''}</body></html>".encode(
        "utf-8", "surrogatepass")


def gen_html_deep(r):
    d = r.randint(100, 5000)
    tag = r.choice(["div", "span", "b", "table"])
    return ("<html><body>" + f"<{tag}>" * d + f"<p>{prose(r, 1)}</p>" + f"</{tag}>" * r.randint(0, d)
            + "</body></html>").encode()


def _record(r) -> object:
    good = {"id": f"r{r.randint(0, 99)}", "text": prose(r), "title": sentence(r), "published": "2026-11-12",
            "outlet": r.choice(OUTLETS), "author": r.choice(NAMES), "url": "https://example.org/a"}
    bad_values = [None, 5, -1.5, True, [], ["x"], {}, {"a": 1}, "", " ", noise(r, 10), "2026-99-99", 10 ** 30,
                  float("nan") if r.random() < 0.1 else 0.0]
    rec = dict(good)
    for _ in range(r.randint(0, 4)):
        rec[r.choice(list(good) + ["html", "format", "date", "extra"])] = r.choice(bad_values + [sentence(r)])
    if r.random() < 0.2:
        rec["format"], rec["html"] = "html", r.choice([gen_html_soup(r).decode("utf-8", "replace"), 7, None])
    return r.choice([rec] * 8 + [[rec], "text", 42, None])


def gen_jsonl(r):
    lines = []
    for _ in range(r.randint(1, 8)):
        rec = _record(r)
        line = json.dumps(rec, ensure_ascii=r.random() < 0.5)
        if r.random() < 0.15:  # break the JSON
            cut = r.randrange(len(line) + 1)
            line = line[:cut] + r.choice(["", "}", "{", "\x00", noise(r, 5)]) + line[cut:]
        lines.append(line)
    return r.choice(["\n", "\r\n", "\n\n"]).join(lines).encode("utf-8", "surrogatepass")


def _warc_record(r) -> bytes:
    html = gen_html_soup(r) if r.random() < 0.8 else prose(r).encode()
    http = r.choice([b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n", b"HTTP/1.1 200 OK\r\n\r\n",
                     b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n", b"HTTP/1.1 200 OK\r\n", b""])
    block = http + html
    length = r.choice([str(len(block))] * 6 + ["-1", "0", str(len(block) + r.randint(1, 999)), "x", "", "1e3",
                                               str(10 ** 12)])
    head = ["WARC/1.0", f"WARC-Type: {r.choice(['response'] * 4 + ['request', 'warcinfo', ''])}",
            f"WARC-Record-ID: <urn:uuid:{r.randint(0, 10**9)}>", f"WARC-Date: {r.choice(['2026-11-12T00:00:00Z', 'bad'])}",
            f"WARC-Target-URI: https://example.org/{r.randint(0, 99)}"]
    if r.random() < 0.95:
        head.append(f"Content-Length: {length}")
    if r.random() < 0.05:
        head[0] = r.choice(["WARC/", "ARC/1.0", noise(r, 6)])
    return ("\r\n".join(head) + "\r\n\r\n").encode("utf-8", "surrogatepass") + block + b"\r\n\r\n"


def gen_warc(r):
    recs = [_warc_record(r) for _ in range(r.randint(1, 4))]
    mode = r.random()
    if mode < 0.3:
        return b"".join(gzip.compress(x) for x in recs)  # gzip per record
    if mode < 0.45:
        data = gzip.compress(b"".join(recs))
        return data[:r.randrange(len(data))] if r.random() < 0.5 else data  # whole, maybe truncated
    return b"".join(recs)


def gen_warc_bomb(r):
    return gzip.compress(b"WARC/1.0\r\n" + b"\0" * r.randint(MAX_BYTES * 20, MAX_BYTES * 40), 9)


def mutate(r, data: bytes) -> bytes:
    data = bytearray(data)
    for _ in range(r.randint(1, 20)):
        op = r.random()
        i = r.randrange(len(data) + 1)
        if op < 0.4 and data:
            data[min(i, len(data) - 1)] = r.randrange(256)
        elif op < 0.7:
            data[i:i] = bytes(r.randrange(256) for _ in range(r.randint(1, 8)))
        else:
            del data[i:i + r.randint(1, 30)]
    return bytes(data)


CLASSES = {
    "text: prose with title/byline/dateline/published lines": ("text", gen_text_prose),
    "text: unicode noise, controls, surrogates, bidi": ("text", gen_text_unicode),
    "text: invalid UTF-8 and stray bytes": ("text", gen_text_bad_bytes),
    "text: empty, NUL, BOM, UTF-16, no sentence break, huge runs": ("text", gen_text_edge),
    "markdown: front matter (bad keys, unclosed, bad dates) + Markdown syntax": ("markdown", gen_markdown_front_matter),
    "html: tag soup, unclosed tags, scripts, meta tags": ("html", gen_html_soup),
    "html: deeply nested": ("html", gen_html_deep),
    "jsonl: records with wrong types, broken JSON, non-objects, html records": ("jsonl", gen_jsonl),
    "warc: records with bad lengths/headers, gzip per record, whole, truncated": ("warc", gen_warc),
    "warc: gzip expanding beyond the limit": ("warc", gen_warc_bomb),
}
MUTATED = {f"mutated {fmt}": fmt for fmt in ("text", "markdown", "html", "jsonl", "warc")}
# relative weights (slow classes get fewer cases)
WEIGHTS = {"html: tag soup, unclosed tags, scripts, meta tags": 0.5, "html: deeply nested": 0.1,
           "warc: gzip expanding beyond the limit": 0.02, "mutated html": 0.3, "mutated warc": 0.4,
           "warc: records with bad lengths/headers, gzip per record, whole, truncated": 0.5}


def make_case(r: random.Random, name: str) -> tuple[str, bytes]:
    """(format, input bytes) of one case of class ``name``."""
    if name in CLASSES:
        fmt, gen = CLASSES[name]
        return fmt, gen(r)
    fmt = MUTATED[name]
    base = next(g for f, g in CLASSES.values() if f == fmt)
    return fmt, mutate(r, base(r))


def check(items) -> Counter:
    """Outcome counts of one case; AssertionError when an item is neither a good Article nor a
    catalogued coded error."""
    from geobrief.errors import CATALOGUE, GeobriefError
    from geobrief.model import Article

    out = Counter()
    for it in items:
        if isinstance(it, GeobriefError):
            assert it.code in CATALOGUE, it.code
            assert str(it).startswith(f"[{it.code}]") and "hint:" in str(it)
            out[it.code] += 1
        else:
            assert isinstance(it, Article), type(it)
            assert it.text.strip() and isinstance(it.id, str) and it.id
            assert it.published is None or re.fullmatch(r"\d{4}-\d\d-\d\d", it.published), it.published
            for f in ("title", "author", "outlet", "url"):
                v = getattr(it, f)
                assert v is None or (isinstance(v, str) and v.strip()), (f, v)
            out["article"] += 1
    if not items:
        out["nothing"] += 1
    return out


def read_case(fmt: str, data: bytes, source: str = "fuzz"):
    from geobrief.ingest import read_bytes

    suffix = {"text": "txt", "markdown": "md", "html": "html", "jsonl": "jsonl", "warc": "warc"}[fmt]
    return list(read_bytes(data, f"{source}.{suffix}", fmt, max_bytes=MAX_BYTES))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "fuzz.json")
    args = ap.parse_args(argv)
    names = list(CLASSES) + list(MUTATED)
    weights = [WEIGHTS.get(n, 1.0) for n in names]
    rng = random.Random(args.seed)
    per_class: dict[str, Counter] = defaultdict(Counter)
    failures = []
    fail_dir = args.out.parent / "fuzz_failures"
    t0 = time.time()
    slowest = (0.0, "")
    for i in range(args.cases):
        name = rng.choices(names, weights)[0]
        case_rng = random.Random(rng.getrandbits(64))
        fmt, data = make_case(case_rng, name)
        c = per_class[name]
        c["cases"] += 1
        t = time.perf_counter()
        try:
            outcome = check(read_case(fmt, data))
            dt = time.perf_counter() - t
            if dt > SLOW:
                raise TimeoutError(f"{dt:.1f} s")
            c.update(outcome)
        except Exception as exc:  # noqa: BLE001  (every other exception is a finding)
            dt = time.perf_counter() - t
            c["FAILED"] += 1
            fail_dir.mkdir(parents=True, exist_ok=True)
            path = fail_dir / f"case{i}.{fmt}"
            path.write_bytes(data)
            failures.append({"case": i, "class": name, "error": f"{type(exc).__name__}: {exc}"[:300], "input": str(path)})
        if dt > slowest[0]:
            slowest = (dt, name)
        if (i + 1) % 10_000 == 0:
            print(f"{i + 1} cases, {len(failures)} failures, {time.time() - t0:.0f} s", file=sys.stderr, flush=True)
    total = sum(c["cases"] for c in per_class.values())
    result = {
        "what": "geobrief reader fuzzing (bench/fuzz.py): every input must give articles or coded G-errors",
        "cases": total, "seed": args.seed, "max_bytes": MAX_BYTES, "seconds": round(time.time() - t0, 1),
        "failures": len(failures), "failure_examples": failures[:50],
        "slowest_case_seconds": round(slowest[0], 3), "slowest_class": slowest[1],
        "classes": {n: dict(sorted(per_class[n].items())) for n in names if per_class[n]},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps({k: result[k] for k in ("cases", "failures", "seconds", "slowest_case_seconds")}))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
