"""One reader per input format. Each takes raw bytes and yields Articles or coded errors."""
from __future__ import annotations

import json
import zlib
import re
from datetime import datetime
from pathlib import Path
from typing import Iterator, Optional

from ..errors import GeobriefError, error
from ..model import Article
from ..pipeline import content_hash
from .checks import DEFAULT_MAX_BYTES, check_size, check_text, decode
from .meta import read_meta

SUFFIXES = {
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".json": "jsonl", ".ndjson": "jsonl",
    ".warc": "warc", ".warc.gz": "warc",
}
FIELDS = ("title", "author", "outlet", "published", "url")


def reader_for(path: Path) -> Optional[str]:
    """The format name for a file path, from its suffix (None when unsupported)."""
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return "warc"
    return SUFFIXES.get(path.suffix.lower())


def normalise_date(value, source: str) -> Optional[str]:
    """An ISO date (YYYY-MM-DD) from an ISO date/datetime string; coded error otherwise."""
    if value is None or value == "":
        return None
    s = str(value).strip()
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        m = re.match(r"^(\d{4}-\d{2}-\d{2})", s)
        if m:
            try:
                return datetime.fromisoformat(m.group(1)).date().isoformat()
            except ValueError:
                pass
        raise error("G111", source=source, value=s)


def make_article(text: str, source: str, fmt: str, meta: dict, *, language_check: bool,
                 default_id: Optional[str] = None) -> Article:
    """Check the text and build the Article; the id defaults to the file stem or a hash."""
    text = check_text(text, source, language_check)
    h = content_hash(text)
    art_id = str(meta.get("id") or default_id or h[:16])
    kwargs = {k: (str(meta[k]).strip() or None if meta.get(k) not in (None, "") else None) for k in FIELDS}
    kwargs["published"] = normalise_date(meta.get("published") or meta.get("date"), source)
    return Article(id=art_id, text=text, source=source, format=fmt, content_hash=h, **kwargs)


# --- plain text and Markdown -------------------------------------------------------------

_FM_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")


def split_front_matter(text: str, source: str) -> tuple[dict, str]:
    """Split a leading ``---`` block of ``key: value`` lines from the body."""
    if not text.startswith("---"):
        return {}, text
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text
    meta: dict = {}
    for i, line in enumerate(lines[1:], 1):
        if line.strip() in ("---", "..."):
            return meta, "\n".join(lines[i + 1:]).lstrip("\n")
        m = _FM_KEY.match(line)
        if m:
            val = m.group(2).strip()
            if len(val) >= 2 and val[0] == val[-1] and val[0] in "\"'":
                val = val[1:-1]
            meta[m.group(1).lower()] = val
    raise error("G113", source=source)


def _norm_meta(meta: dict) -> dict:
    aliases = {"date": "published", "source": "outlet", "site": "outlet", "byline": "author", "link": "url"}
    return {aliases.get(k, k): v for k, v in meta.items()}


def read_text(data: bytes, source: str, *, max_bytes: int, language_check: bool,
              markdown: bool = False) -> Iterator[Article]:
    check_size(data, source, max_bytes)
    text = decode(data, source).replace("\r\n", "\n").replace("\r", "\n")
    meta, body = split_front_matter(text, source)
    meta = _norm_meta(meta)
    if markdown:
        body, md_title = markdown_to_text(body)
        if md_title:
            meta.setdefault("title", md_title)
    for k, v in read_meta(body).items():  # title line, byline, dateline, "Published:" (front matter wins)
        if not meta.get(k):
            meta[k] = v
    yield make_article(body.strip(), source, "markdown" if markdown else "text", meta,
                       language_check=language_check, default_id=Path(source).stem if source != "<stdin>" else None)


_MD_RULES = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),          # images → alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),           # links → their text
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),                # bold
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)"), r"\1"),   # italic
    (re.compile(r"`([^`]+)`"), r"\1"),                       # inline code
]


def markdown_to_text(md: str) -> tuple[str, Optional[str]]:
    """Markdown → plain prose (headings, emphasis, links, quotes unwrapped); first H1 as title."""
    out, title = [], None
    for line in md.split("\n"):
        s = line.rstrip()
        m = re.match(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$", s)
        if m:
            if title is None and len(m.group(1)) == 1:
                title = m.group(2)
            s = m.group(2)
        s = re.sub(r"^\s{0,3}>\s?", "", s)
        s = re.sub(r"^\s*([-*+]|\d+\.)\s+", "", s)
        if re.fullmatch(r"\s*([-*_]\s*){3,}", s):
            s = ""
        for pat, rep in _MD_RULES:
            s = pat.sub(rep, s)
        out.append(s)
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(out))
    return text, title


def read_markdown(data: bytes, source: str, **opts) -> Iterator[Article]:
    yield from read_text(data, source, markdown=True, **opts)


# --- HTML ----------------------------------------------------------------------------------

def html_to_article_fields(html: str, source: str) -> tuple[str, dict]:
    """Main text and metadata of an HTML page (boilerplate removed) via trafilatura."""
    import trafilatura
    from lxml import html as lxml_html

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True)
    except Exception as exc:  # trafilatura raises a variety of parser errors on broken markup
        raise error("G106", source=source) from exc
    if doc is None:
        raise error("G106", source=source)
    d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = (d.get("text") or "").strip()
    if not text:
        raise error("G106", source=source)
    meta = {"title": d.get("title"), "author": d.get("author"), "outlet": d.get("sitename"),
            "published": d.get("date"), "url": d.get("url")}
    # trafilatura drops some bylines and prefers <h1> over og:title; read the meta tags too.
    try:
        tree = lxml_html.fromstring(html)
    except Exception:
        tree = None
    if tree is not None:
        def meta_tag(*names):
            for n in names:
                for attr in ("name", "property"):
                    vals = tree.xpath(f"//meta[@{attr}=$n]/@content", n=n)
                    if vals and vals[0].strip():
                        return vals[0].strip()
            return None
        meta["author"] = meta["author"] or meta_tag("author", "article:author", "dc.creator")
        meta["title"] = meta_tag("og:title") or meta["title"]
        meta["published"] = meta_tag("article:published_time") or meta["published"]
        meta["url"] = meta["url"] or meta_tag("og:url")
    # a page's own date tag may hold anything ("not a date", "{{date}}"): unreadable, it is left out
    # rather than refusing the article (a date the user gives, in JSON Lines or front matter, is G111)
    try:
        meta["published"] = normalise_date(meta["published"], source)
    except GeobriefError:
        meta["published"] = None
    # paragraphs separated by blank lines, so headline and body never merge into one sentence
    text = re.sub(r"\n+", "\n\n", text)
    return text, meta


def read_html(data: bytes, source: str, *, max_bytes: int, language_check: bool) -> Iterator[Article]:
    check_size(data, source, max_bytes)
    html = decode(data, source)
    text, meta = html_to_article_fields(html, source)
    yield make_article(text, source, "html", meta, language_check=language_check,
                       default_id=Path(source).stem if source != "<stdin>" else None)


# --- JSON Lines ----------------------------------------------------------------------------

def read_jsonl(data: bytes, source: str, *, max_bytes: int, language_check: bool
               ) -> Iterator[Article | GeobriefError]:
    """One article per line ``{id, title, text, url, published, outlet, author}``; bad lines reported."""
    text = decode(data, source)
    stripped = text.lstrip()
    if stripped.startswith("[") and source.endswith(".json"):
        try:  # a JSON array of records is accepted too
            records = json.loads(stripped)
            lines = [json.dumps(r) for r in records]
        except json.JSONDecodeError as exc:
            yield error("G107", source=source, line=exc.lineno, detail=exc.msg)
            return
    else:
        lines = text.split("\n")
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            check_size(line.encode("utf-8"), where, max_bytes)
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise error("G107", source=source, line=lineno, detail=exc.msg) from exc
            if not isinstance(rec, dict):
                raise error("G107", source=source, line=lineno, detail="not a JSON object")
            body = rec.get("text")
            if not isinstance(body, str) or not body.strip():
                raise error("G108", source=source, line=lineno)
            for k in FIELDS + ("id", "html", "format", "date"):
                v = rec.get(k)
                if v is not None and not isinstance(v, (str, int, float)) or isinstance(v, bool):
                    raise error("G107", source=source, line=lineno,
                                detail=f"field \"{k}\" is a {type(v).__name__}, not a string")
            if rec.get("html") is not None and not isinstance(rec.get("html"), str):
                raise error("G107", source=source, line=lineno, detail='field "html" is not a string')
            if rec.get("format") == "html" or rec.get("html"):
                body, meta = html_to_article_fields(rec.get("html") or body, where)
                rec = {**meta, **{k: v for k, v in rec.items() if v}}
            yield make_article(body.strip(), where, "jsonl", rec, language_check=language_check,
                               default_id=f"{Path(source).stem}-{lineno}")
        except GeobriefError as exc:
            yield exc


# --- WARC ----------------------------------------------------------------------------------

EXPANSION = 20  # compressed input may expand to this many times --max-bytes, no more


def gunzip_bounded(data: bytes, source: str, limit: int) -> bytes:
    """Decompress gzip ``data`` (one member or many) without ever holding more than ``limit``
    bytes of output: a decompression bomb is G117 after ``limit`` bytes, not an exhausted memory."""
    out = bytearray()
    while data:
        d = zlib.decompressobj(wbits=31)
        buf = data
        try:
            while True:
                out += d.decompress(buf, limit + 1 - len(out))
                if len(out) > limit:
                    raise error("G117", source=source, limit=limit, factor=EXPANSION)
                if d.eof:
                    data = d.unused_data
                    break
                if not d.unconsumed_tail:
                    raise error("G112", source=source, detail="gzip: the compressed data is truncated")
                buf = d.unconsumed_tail
        except zlib.error as exc:
            raise error("G112", source=source, detail=f"gzip: {exc}") from exc
        if not data.strip(b"\0"):
            break
    return bytes(out)


def iter_warc_records(data: bytes, source: str, limit: Optional[int] = None) -> Iterator[tuple[dict, bytes]]:
    """(headers, block) for each record of a WARC file (gzip per record or whole, or plain).

    ``limit``: the most bytes gzip input may expand to (G117 beyond it)."""
    if data[:2] == b"\x1f\x8b":
        data = gunzip_bounded(data, source, limit if limit is not None else EXPANSION * DEFAULT_MAX_BYTES)
    pos, n = 0, len(data)
    while pos < n:
        while pos < n and data[pos:pos + 1] in (b"\r", b"\n"):
            pos += 1
        if pos >= n:
            break
        end = data.find(b"\r\n\r\n", pos)
        sep = 4
        if end < 0:
            end, sep = data.find(b"\n\n", pos), 2
        if end < 0 or not data.startswith(b"WARC/", pos):
            raise error("G112", source=source, detail=f"no WARC header at byte {pos}")
        head = data[pos:end].decode("utf-8", "replace").splitlines()
        headers = {}
        for line in head[1:]:
            if ":" in line:
                k, v = line.split(":", 1)
                headers[k.strip().lower()] = v.strip()
        try:
            length = int(headers["content-length"])
        except (KeyError, ValueError) as exc:
            raise error("G112", source=source, detail=f"record at byte {pos} has no Content-Length") from exc
        if length < 0:
            raise error("G112", source=source, detail=f"record at byte {pos} has a negative Content-Length")
        start = end + sep
        if start + length > n:
            raise error("G112", source=source, detail=f"record at byte {pos} is truncated")
        yield headers, data[start:start + length]
        pos = start + length


def read_warc(data: bytes, source: str, *, max_bytes: int, language_check: bool
              ) -> Iterator[Article | GeobriefError]:
    """HTML responses in a WARC file become articles (other records are skipped; a file with no
    HTML response at all is G119)."""
    responses = 0
    for i, (headers, block) in enumerate(iter_warc_records(data, source, EXPANSION * max_bytes), 1):
        if headers.get("warc-type") != "response":
            continue
        responses += 1
        where = f"{source}#{i}"
        try:
            body = block
            if body.startswith(b"HTTP/"):
                split = body.find(b"\r\n\r\n")
                split, sep = (split, 4) if split >= 0 else (body.find(b"\n\n"), 2)
                if split < 0:
                    raise error("G112", source=where, detail="HTTP response without a header end")
                http_head = body[:split].decode("latin-1").lower()
                body = body[split + sep:]
                if "content-type" in http_head and "html" not in http_head:
                    responses -= 1
                    continue
            check_size(body, where, max_bytes)
            text, meta = html_to_article_fields(decode(body, where), where)
            meta["url"] = meta.get("url") or headers.get("warc-target-uri")
            if not meta.get("published") and headers.get("warc-date"):
                try:  # the crawl date, when the page gives none; an unreadable one is left out
                    meta["published"] = normalise_date(headers["warc-date"], where)
                except GeobriefError:
                    pass
            yield make_article(text, where, "warc", meta, language_check=language_check,
                               default_id=headers.get("warc-record-id", "").strip("<>").split(":")[-1] or None)
        except GeobriefError as exc:
            yield exc
    if not responses:
        yield error("G119", source=source)


READERS = {"text": read_text, "markdown": read_markdown, "html": read_html,
           "jsonl": read_jsonl, "warc": read_warc}
