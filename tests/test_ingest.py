"""Ingest: every format in, every bad input out with a coded error."""
import gzip
import json

import pytest

from geobrief.errors import GeobriefError, InputError
from geobrief.ingest import read_bytes, read_paths
from geobrief.ingest.readers import markdown_to_text, split_front_matter
from geobrief.model import Article

from .conftest import EXAMPLES, FIXTURES

BAD = FIXTURES / "bad"


def one(path, **opts):
    items = list(read_paths([path], **opts))
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize("name,code", [
    ("empty.txt", "G101"), ("whitespace.txt", "G101"), ("binary.bin", "G110"),
    ("latin1.txt", "G103"), ("french.txt", "G104"), ("no_text.html", "G106"),
])
def test_ingest_bad_file_gets_coded_error(name, code):
    item = one(BAD / name)
    assert isinstance(item, InputError)
    assert item.code == code
    assert item.hint and str(BAD / name) in item.message
    assert item.exit_code == 3


def test_ingest_binary_bytes_named_txt_is_refused_as_binary():
    data = (BAD / "binary.bin").read_bytes()
    [item] = read_bytes(data, "x.txt", "text")
    assert isinstance(item, InputError) and item.code == "G102"


def test_ingest_size_limit():
    [item] = read_bytes(b"The minister said the talks went well. " * 100, "big.txt", "text", max_bytes=1000)
    assert item.code == "G105"


def test_ingest_language_check_can_be_switched_off():
    item = one(BAD / "french.txt", language_check=False)
    assert isinstance(item, Article)


def test_ingest_jsonl_goes_on_past_bad_lines():
    items = list(read_paths([BAD / "malformed.jsonl"]))
    kinds = [i.code if isinstance(i, GeobriefError) else "ok" for i in items]
    assert kinds == ["ok", "G107", "G108"]
    assert ":2:" not in items[1].message and "line 2" in items[1].message


def test_ingest_directory_reports_bad_and_keeps_good():
    items = list(read_paths([BAD]))
    good = [i for i in items if isinstance(i, Article)]
    bad = [i for i in items if isinstance(i, GeobriefError)]
    assert good and bad
    assert not any("README" in (a.source or "") for a in good)


def test_ingest_missing_path():
    item = one(FIXTURES / "nope.txt")
    assert item.code == "G109"


def test_ingest_html_strips_boilerplate_and_keeps_metadata():
    art = one(EXAMPLES / "wire_kabul_visit.html")
    assert isinstance(art, Article)
    assert art.outlet == "Meridian Wire"
    assert art.published == "2026-11-12"
    assert art.author
    assert "Boehler" in art.text and "Muttaqi" in art.text
    low = art.text.lower()
    assert "cookie" not in low and "related" not in low[:200]


def test_ingest_markdown_front_matter_and_markup_removed():
    art = one(EXAMPLES / "oped_kabul_visit.md")
    assert art.author == "Dr. Raymond Thorne" and art.outlet == "The Strategic Lens"
    assert art.published == "2026-11-14"
    assert "# " not in art.text and "*Dr." not in art.text and "---" not in art.text


def test_ingest_text_front_matter():
    art = one(EXAMPLES / "denial_taliban_statement.txt")
    assert art.published == "2026-11-15" and art.title
    assert not art.text.startswith("---")


def test_front_matter_unclosed_is_error():
    with pytest.raises(InputError) as e:
        split_front_matter("---\ntitle: x\nno end here\n", "f.md")
    assert e.value.code == "G113"


def test_markdown_to_text_keeps_link_text():
    text, title = markdown_to_text("# Head\n\nThe [UN](http://u.n) said **no** to *that*.\n> quoted")
    assert title == "Head"
    assert "The UN said no to that." in text and "quoted" in text and "http" not in text


def test_ingest_bad_date_is_coded():
    rec = {"id": "d", "text": "The minister said that the talks in Kabul were useful and would go on.", "published": "next week"}
    [item] = read_bytes(json.dumps(rec).encode(), "d.jsonl", "jsonl")
    assert item.code == "G111"


def _warc(records):
    out = b""
    for uri, html in records:
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
        head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
                f"WARC-Date: 2026-11-12T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{abs(hash(uri))}>\r\n"
                f"Content-Length: {len(http)}\r\n\r\n").encode()
        out += head + http + b"\r\n\r\n"
    return out


def test_ingest_warc_reads_responses_and_gzip():
    page = (FIXTURES / "good" / "tiny.html").read_bytes()
    data = _warc([("https://example.org/a", page), ("https://example.org/b", page)])
    for blob in (data, gzip.compress(data)):
        arts = list(read_bytes(blob, "x.warc", "warc"))
        assert all(isinstance(a, Article) for a in arts)
        assert [a.url for a in arts] == ["https://example.org/a", "https://example.org/b"]
        assert arts[0].published == "2026-11-08" and arts[0].outlet == "Gulf Dispatch"


def test_ingest_truncated_warc_is_coded():
    page = (FIXTURES / "good" / "tiny.html").read_bytes()
    data = _warc([("https://example.org/a", page)])[:-200]
    [item] = read_bytes(data, "x.warc", "warc")
    assert item.code == "G112"


def test_ingest_good_fixtures_all_read():
    items = list(read_paths([FIXTURES / "good"]))
    assert len(items) == 3 and all(isinstance(i, Article) for i in items)
    assert all(i.content_hash and len(i.content_hash) == 64 for i in items)


# --- plain-text meta: title line, byline, dateline, "Published:" (issue 13, item 4) ------------
def _meta_of(text: str, suffix: str = "txt"):
    from geobrief.ingest import read_bytes

    (art,) = list(read_bytes(text.encode(), f"story.{suffix}", "markdown" if suffix == "md" else "text"))
    assert not isinstance(art, Exception), art
    return art


def test_meta_title_and_full_byline_with_role_and_outlet():
    text = ("Fishing talks between Chile and Peru stall in Lima\n\n"
            "By Ana Duarte, senior correspondent, for The Pacific Ledger\n\n"
            "LIMA, March 3, 2026 (Andes Wire) - Talks between Chile and Peru on fishing rights stalled on "
            "Tuesday, officials from both countries said.\n")
    a = _meta_of(text)
    assert (a.title, a.author, a.outlet, a.published) == (
        "Fishing talks between Chile and Peru stall in Lima", "Ana Duarte", "The Pacific Ledger", "2026-03-03")
    assert a.text == text.strip()  # nothing is taken out of the text


def test_meta_byline_forms():
    from geobrief.ingest.meta import byline

    assert byline("By Tomas Berg")["author"] == "Tomas Berg"
    assert byline("By Tomas Berg and Lina Holm")["author"] == "Tomas Berg and Lina Holm"
    assert byline("Tomas Berg | Nordic Review") == {"author": "Tomas Berg", "role": None, "outlet": "Nordic Review"}
    assert byline("Lina Holm, columnist")["author"] == "Lina Holm"
    assert byline("By Lina Holm for Nordic Review")["outlet"] == "Nordic Review"
    # sentences are not bylines
    assert byline("By Monday, the two sides had agreed to meet again.") is None
    assert byline("Sweden, Norway and Finland signed the accord.") is None


def test_meta_published_line_and_dateline_date():
    a = _meta_of("Border talks resume\nBy Tomas Berg\nPublished: 14 November 2026\n\n"
                 "The two governments resumed border talks on Friday, the foreign ministry said.\n")
    assert (a.title, a.author, a.published) == ("Border talks resume", "Tomas Berg", "2026-11-14")
    b = _meta_of("OSLO, Nov. 9, 2026 (Nordic Wire) - Norway said on Monday it would send an envoy to the talks.\n")
    assert (b.title, b.published, b.outlet) == (None, "2026-11-09", None)  # the agency is not the publisher


def test_meta_is_conservative_and_front_matter_wins():
    # a hard-wrapped first paragraph is not a title; a first line ending in a full stop is not either
    a = _meta_of("The minister said on Monday that the talks would\nresume after a pause of one week, "
                 "officials said.\n")
    assert a.title is None and a.author is None
    b = _meta_of("The talks resumed on Monday.\n\nThe minister said the two sides were close to a deal.\n")
    assert b.title is None
    c = _meta_of("---\ntitle: The real title\nauthor: Front Matter\n---\nA different first line here\n\n"
                 "By Tomas Berg\n\nThe talks resumed on Monday, the ministry said.\n")
    assert (c.title, c.author) == ("The real title", "Front Matter")
    d = _meta_of("# Markdown heading wins\n\nBy Lina Holm, columnist\n\nThe talks resumed on Monday, the ministry said.\n",
                 "md")
    assert (d.title, d.author) == ("Markdown heading wins", "Lina Holm")


def test_an_unreadable_date_tag_in_a_page_is_left_out_not_fatal():
    from geobrief.ingest import read_bytes

    body = ("<p>The foreign minister of Norway met the Kenyan trade minister in Nairobi on Monday, officials said. "
            "Kenya said the talks would continue in Oslo next month and both sides were pleased.</p>")
    page = f'<html><head><meta property="article:published_time" content="{{{{date}}}}"></head><body><article>{body}</article></body></html>'
    (a,) = list(read_bytes(page.encode(), "p.html", "html"))
    assert a.published is None and "Nairobi" in a.text
    block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + f"<html><body><article>{body}</article></body></html>".encode()
    warc = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Date: sometime\r\nContent-Length: " + str(len(block)).encode()
            + b"\r\n\r\n" + block + b"\r\n\r\n")
    (w,) = list(read_bytes(warc, "c.warc", "warc"))
    assert w.published is None and "Nairobi" in w.text
