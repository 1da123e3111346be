"""The CAMEO coverage set (tests/fixtures/cameo_coverage.jsonl) is well formed and covers every code.

The sentences are the project's own (written for this set, no manual or corpus text); each names its
expected events with country blocks. See geobrief/eval/coverage.py for how it is scored.
"""
import json
import re
from collections import Counter

from geobrief.knowledge import events as kb

from .conftest import FIXTURES

SET = FIXTURES / "cameo_coverage.jsonl"
# root families with two sentences per code (the commonest in news)
TWO_PER_CODE = {"01", "02", "03", "04", "05", "11", "12", "13", "14", "17", "18", "19"}
ACTOR = re.compile(r"^(---|IGO|[A-Z]{3})$")


def records():
    with SET.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_coverage_set_records_are_well_formed():
    recs = records()
    assert len(recs) >= 420
    for r in recs:
        assert set(r) - {"reciprocal"} == {"id", "text", "events", "note"}, r["id"]
        assert r["text"].strip() and r["note"].strip(), r["id"]
        for e in r["events"]:
            assert set(e) == {"source", "target", "code"}, r["id"]
            assert ACTOR.match(e["source"]) and ACTOR.match(e["target"]), r["id"]
    ids = [r["id"] for r in recs]
    assert len(ids) == len(set(ids)), [i for i, c in Counter(ids).items() if c > 1]
    texts = [r["text"] for r in recs]
    assert len(texts) == len(set(texts)), [t for t, c in Counter(texts).items() if c > 1]


def test_coverage_set_codes_exist_and_ids_name_them():
    codes = kb.cameo_codes()
    for r in records():
        for e in r["events"]:
            assert e["code"] in codes, (r["id"], e["code"])
        m = re.match(r"^cov-(\d{3,4}|none)-\d+$", r["id"])
        assert m, r["id"]
        if r["events"]:
            assert m.group(1) == r["events"][0]["code"], r["id"]
            assert r["note"].startswith(codes[m.group(1)].name), r["id"]
        else:
            assert m.group(1) == "none" and r["note"].startswith("no event"), r["id"]


def test_coverage_set_covers_every_cameo_code():
    """Every code below the 20 root headers has a sentence; the commonest families have two each."""
    per_code = Counter(e["code"] for r in records() for e in r["events"])
    missing, thin = [], []
    for code, info in kb.cameo_codes().items():
        if len(code) == 2:  # a family header: its codes (x0 is the generic one) carry it
            continue
        if per_code[code] == 0:
            missing.append(code)
        elif info.root_code in TWO_PER_CODE and per_code[code] < 2:
            thin.append(code)
    assert not missing and not thin, (missing, thin)


def test_coverage_set_has_sentences_without_events():
    none = [r for r in records() if not r["events"]]
    assert 30 <= len(none) <= 80
