"""Renderers: every format shows the brief; the HTML page is self-contained and inert."""
import json

from lxml import html as lxml_html

from geobrief.ingest import read_paths
from geobrief.render import FORMATS, renderer

from .conftest import FIXTURES


def test_render_every_format_has_bottom_line(example_briefs):
    b = example_briefs["oped_kabul_visit"]
    for fmt in FORMATS:
        out = renderer(fmt)(b)
        assert out.strip()
        if fmt == "json":
            assert json.loads(out)["summary"]["bottom_line"] == b.summary.bottom_line
        else:
            assert b.summary.bottom_line[0][:30] in " ".join(out.split())


def test_render_html_is_inert_on_hostile_article(pipeline):
    [art] = list(read_paths([FIXTURES / "bad" / "script_injection.html"]))
    art.title = '<script>alert("t")</script>'
    art.url = "javascript:alert(1)"
    page = renderer("html")(pipeline.run(art))
    tree = lxml_html.fromstring(page)
    assert not tree.xpath("//script")
    assert not [el for el in tree.iter() if any(k.lower().startswith("on") for k in el.attrib)]
    assert not tree.xpath("//*[@href or @src]")  # no links or external resources at all
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "&lt;script&gt;" in page  # the payload is shown as text


def test_render_html_highlights_carry_labels(example_briefs):
    b = example_briefs["oped_kabul_visit"]
    tree = lxml_html.fromstring(renderer("html")(b))
    article = tree.xpath("//div[@class='article']")[0]
    assert article.text_content() == b.article.text  # the article is shown whole and unchanged
    titles = [s.get("title") for s in article.xpath(".//span[@title]")]
    if b.claims:
        assert any(t.startswith("claim ") for t in titles)


def test_render_markdown_escapes_table_pipes(example_briefs):
    from geobrief.render.markdown import _cell
    assert _cell("a|b\nc") == "a\\|b c"


def test_the_writers_unsourced_assertions_are_not_listed_as_reported_fact():
    from geobrief.model import Article, Brief, Claim, Source
    from geobrief.render.common import STATUS_TITLE, claim_group, claims_by_status

    t = "The treaty was signed in May. The treaty is plainly a trap."
    b = Brief(article=Article(id="t", text=t))
    b.claims = [Claim(id="C1", start=0, end=29, text=t[:29], status="reported", source=Source(kind="none")),
                Claim(id="C2", start=30, end=len(t), text=t[30:], status="reported", source=Source(kind="none"),
                      unsourced=True)]
    groups = claims_by_status(b)
    assert [c.id for c in groups["reported"]] == ["C1"] and [c.id for c in groups["unsourced"]] == ["C2"]
    assert claim_group(b.claims[1]) == "unsourced" and "no source" in STATUS_TITLE["unsourced"]
    page = renderer("html")(b)
    assert 'class="c-unsourced"' in page or "c-unsourced" in page
