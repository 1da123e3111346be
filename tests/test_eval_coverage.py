"""`geobrief eval coverage`: the scorer runs on a few lines of the coverage set and reports coverage."""
import json

import pytest

from geobrief.errors import GeobriefError
from geobrief.eval import run
from geobrief.eval import coverage as cov

from .conftest import FIXTURES


def five_lines(tmp_path):
    recs = [json.loads(line) for line in (FIXTURES / "cameo_coverage.jsonl").open(encoding="utf-8")]
    pick = [r for r in recs if r["id"] in ("cov-040-1", "cov-1712-1", "cov-195-1", "cov-none-07", "cov-none-12")]
    assert len(pick) == 5
    path = tmp_path / "five.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in pick), encoding="utf-8")
    return path


def test_eval_coverage_runs_on_five_lines(tmp_path, pipeline):
    from geobrief.eval.common import read_jsonl

    recs = read_jsonl(five_lines(tmp_path), "coverage")
    rows = cov.evaluate(recs, pipeline)
    m = cov.metrics_of(recs, rows)
    assert m["event_sentences"] == 3 and m["no_event_sentences"] == 2 and m["codes"] == 3
    for key in ("root_coverage", "full_coverage", "root_code_only", "actors_only", "no_event_quiet"):
        assert 0.0 <= m[key] <= 1.0, key
    assert m["full_coverage"] <= m["root_coverage"] <= min(m["root_code_only"], m["actors_only"])
    assert set(m["by_family"]) == {"04", "17", "19"}
    # each sentence counts once in its family, and every missed sentence says why
    assert sum(f["n"] for f in m["by_family"].values()) == 3
    assert all(r.get("miss") for r in rows if r["gold"] and not r["full"])
    assert m["codes_hit_root"] == round(m["root_coverage"] * 3)
    # the no-event sentences: extras are counted, the sentence verdicts agree with the figures
    quiet = sum(1 for r in rows if not r["gold"] and not r["preds"])
    assert m["no_event_quiet"] == quiet / 2
    assert "root_actor_accuracy" in m["events"]


def test_eval_coverage_sentence_verdicts_from_the_events_matching():
    """A sentence is covered at root level when its event has the root code and both countries."""
    recs = [{"id": "a", "text": "x", "events": [{"source": "ISR", "target": "PSE", "code": "1712"}]},
            {"id": "b", "text": "y", "events": []}]
    rows = [dict(id="a", text="x", gold=recs[0]["events"], uncounted=[], root=True, full=False,
                 code_only=True, actors_only=True, miss=["right root, sub-code 1712->171"],
                 preds=[dict(event="E1", code="171", plover="ASSAULT", dyads=[dict(src="ISRMIL", tgt="PSE", reversed=False)])]),
            dict(id="b", text="y", gold=[], uncounted=[], preds=[dict(event="E1", code="040", plover="CONSULT",
                 dyads=[dict(src="USA", tgt="", reversed=False)])])]
    m = cov.metrics_of(recs, rows)
    assert m["root_coverage"] == 1.0 and m["full_coverage"] == 0.0
    assert m["no_event_quiet"] == 0.0 and m["no_event_extra"] == 1
    assert m["miss_types"] == [["right root, sub-code 1712->171", 1]]
    assert "1712 ISR>PSE" in cov.misses(rows) and "extra event on a no-event sentence" in cov.misses(rows)
    assert "no_event_quiet" not in cov.metrics_of(recs[:1], rows[:1])  # nothing to measure it on


def test_eval_coverage_missing_gold_is_a_coded_error(tmp_path):
    with pytest.raises(GeobriefError) as exc:
        run("coverage", str(tmp_path / "nowhere" / "cameo_coverage.jsonl"))
    assert exc.value.code == "G401"
