"""Property tests (Hypothesis): any input gives a brief or a coded G-error, never a traceback, and
never a partly written output file.

The input classes are the generators of ``bench/fuzz.py`` (which runs 100,000+ of them), driven here
by Hypothesis so a failure shrinks to a reproducible seed; raw bytes and raw text come from
Hypothesis itself. Readers alone carry most properties (they are fast); a few cases run the CLI
and the whole pipeline. CI-sized: about a minute in all.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.fuzz import CLASSES, MUTATED, check, make_case, read_case
from geobrief.cli import main

FAST = settings(max_examples=30, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
FORMATS = ["text", "markdown", "html", "jsonl", "warc"]
TEXT = ("The foreign minister of Norway met the Kenyan trade minister in Nairobi on Monday, officials said. "
        "Kenya said the talks would continue in Oslo next month.")


@pytest.mark.parametrize("name", list(CLASSES) + list(MUTATED))
def test_every_input_class_gives_articles_or_coded_errors(name):
    @FAST
    @given(st.randoms(use_true_random=False))
    def prop(rnd):
        fmt, data = make_case(rnd, name)
        check(read_case(fmt, data))

    prop()


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.binary(max_size=3000), st.sampled_from(FORMATS))
def test_raw_bytes_in_any_format(data, fmt):
    check(read_case(fmt, data))


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.text(max_size=2000), st.sampled_from(["text", "markdown", "jsonl"]))
def test_raw_text_in_any_format(text, fmt):
    check(read_case(fmt, text.encode("utf-8", "surrogatepass")))


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.one_of(st.text(max_size=80), st.sampled_from(
    ["By Ana Duarte", "Ana Duarte | Andes Wire", "By Ana Duarte, columnist, for Andes Wire", "",
     "Published: 3 March 2026", "LIMA, March 3, 2026 (Andes Wire) - Talks resumed.", "Talks resume in Lima"])),
    max_size=8))
def test_plain_text_meta_only_reads_what_the_text_says(lines):
    from geobrief.ingest.meta import read_meta

    text = "\n".join(lines)
    meta = read_meta(text)
    for k in ("title", "author", "outlet"):
        if k in meta:
            assert meta[k] and meta[k] in text, (k, meta[k])
    assert meta.get("published") is None or re.fullmatch(r"\d{4}-\d\d-\d\d", meta["published"])


# --- the CLI's options ---------------------------------------------------------------------------
def _invoke(args, input=None):
    r = CliRunner().invoke(main, [str(a) for a in args], input=input)
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exc_info
    assert "Traceback" not in r.output
    return r


@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(fmt=st.sampled_from(["text", "json", "md", "markdown", "html", "html,md", "pdf", "", ",", "JSON"]),
       max_bytes=st.sampled_from([-1, 0, 10, 100, 2_000_000]),
       stdin_format=st.sampled_from(["text", "md", "markdown", "html", "jsonl", "xml"]),
       disable=st.lists(st.sampled_from(["framing", "claims", "events", "places", "actors", "summary", "nosuch"]),
                        max_size=3),
       to_file=st.booleans())
def test_analyze_options_never_traceback_never_half_write(tmp_path_factory, fmt, max_bytes, stdin_format, disable,
                                                         to_file):
    out = tmp_path_factory.mktemp("o") / ("brief.out" if "," not in fmt else "dir")
    args = ["analyze", "-", "--format", fmt, "--max-bytes", max_bytes, "--stdin-format", stdin_format]
    for d in disable:
        args += ["--disable", d]
    if to_file:
        args += ["-o", out]
    r = _invoke(args, input=TEXT)
    assert r.exit_code in (0, 2, 3, 5), (r.exit_code, r.output)
    if to_file:
        files = [f for f in (out.rglob("*") if out.is_dir() else [out]) if f.exists() and f.is_file()]
        assert not [f for f in files if f.name.startswith(".")], files  # no temporary left
        if r.exit_code != 0:
            assert not files, files
        for f in files:
            if f.suffix == ".json" or fmt.lower() == "json":
                json.loads(f.read_text())
            assert f.read_text().strip()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from geobrief.corpus import ingest
    from geobrief.model import Article
    from tests.test_corpus_store import FakePipeline

    db = tmp_path_factory.mktemp("fz") / "s.duckdb"
    ingest([Article(id=f"a{i}", outlet=f"O{i}", published=f"2026-11-1{i}",
                    text=f"Adam Boehler met Amir Khan Muttaqi in Kabul on day {i}.") for i in range(3)],
           db, pipeline=FakePipeline(), progress=False)
    return db


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(since=st.one_of(st.none(), st.text(max_size=12), st.dates().map(str)),
       until=st.one_of(st.none(), st.text(max_size=12)),
       bucket=st.sampled_from(["day", "week", "month", "quarter", "year", "decade"]),
       fmt=st.sampled_from(["csv", "json", "graphml", "gexf", "md"]))
def test_network_options(store, since, until, bucket, fmt):
    args = ["network", "--store", store, "--bucket", bucket, "--format", fmt]
    if since is not None:
        args += ["--since", since]
    if until is not None:
        args += ["--until", until]
    r = _invoke(args)
    assert r.exit_code in (0, 2), r.output


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(max_size=60), limit=st.integers(-3, 50), fmt=st.sampled_from(["text", "md", "markdown", "json", "x"]))
def test_ask_options(store, q, limit, fmt):
    r = _invoke(["ask", q, "--store", store, "--limit", limit, "--format", fmt])
    assert r.exit_code in (0, 2), r.output


# --- a few whole-pipeline cases --------------------------------------------------------------------
@settings(max_examples=6, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.randoms(use_true_random=False), st.sampled_from(["text: prose with title/byline/dateline/published lines",
                                                            "markdown: front matter (bad keys, unclosed, bad dates) + Markdown syntax",
                                                            "html: tag soup, unclosed tags, scripts, meta tags"]))
def test_whole_pipeline_gives_a_brief_or_a_coded_error(pipeline, rnd, name):
    from geobrief.errors import GeobriefError
    from geobrief.render import FORMATS, renderer

    fmt, data = make_case(rnd, name)
    for art in read_case(fmt, data):
        if isinstance(art, GeobriefError):
            continue
        (_, brief), = list(pipeline.run_many([art]))
        if isinstance(brief, GeobriefError):
            assert brief.code.startswith("G")
            continue
        for f in FORMATS:
            assert renderer(f)(brief)
