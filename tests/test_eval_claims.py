"""Scorers of the claims tasks on tiny hand-written gold records (no dev data)."""
import pytest

from geobrief.eval import attribution, checkworthy, factuality, hedge, subjectivity


def test_eval_hedge_f1_of_uncertain_with_injected_predictor():
    recs = [{"text": "It may rain.", "label": "uncertain"}, {"text": "It rained.", "label": "certain"},
            {"text": "Some say it rained.", "label": "uncertain"}]
    m, n = hedge.score(recs, predict=lambda t: "may" in t)
    assert n == 3 and m["precision"] == 1.0 and m["recall"] == 0.5 and m["f1"] == pytest.approx(0.6667, abs=1e-4)


def test_eval_hedge_with_rules():
    recs = [{"text": "Some historians believe the fort may be older.", "label": "uncertain"},
            {"text": "The fort was built in 1820.", "label": "certain"}]
    m, _ = hedge.score(recs)
    assert m["f1"] == 1.0


def test_eval_subjectivity_macro_f1():
    recs = [{"text": "a", "label": "SUBJ"}, {"text": "b", "label": "OBJ"}, {"text": "c", "label": "OBJ"}]
    m, n = subjectivity.score(recs, predict=lambda t: t == "a")
    assert n == 3 and m["macro_f1"] == 1.0
    m, _ = subjectivity.score(recs, predict=lambda t: True)
    assert m["macro_f1"] == pytest.approx((0.5 + 0.0) / 2, abs=1e-4)


def test_eval_checkworthy_f1_and_map_per_debate():
    recs = [{"text": "x1", "label": "CFS", "debate": "d1"}, {"text": "x2", "label": "NCS", "debate": "d1"},
            {"text": "x3", "label": "NCS", "debate": "d2"}, {"text": "x4", "label": "CFS", "debate": "d2"}]
    scores = {"x1": 0.9, "x2": 0.2, "x3": 0.8, "x4": 0.6}
    m, n = checkworthy.score(recs, predict=scores.get, threshold=0.5)
    assert n == 4 and m["recall"] == 1.0 and m["precision"] == pytest.approx(2 / 3, abs=1e-4)
    # d1: CFS ranked first → AP 1; d2: CFS ranked second → AP 0.5
    assert m["map_per_debate"] == 0.75 and m["debates"] == 2


def test_eval_checkworthy_average_precision():
    assert checkworthy.average_precision([(0.9, True), (0.5, False), (0.4, True)]) == pytest.approx((1 + 2 / 3) / 2, abs=1e-4)
    assert checkworthy.average_precision([(0.1, False)]) == 0.0


def test_eval_factuality_mae_pearson_by_corpus():
    recs = [{"text": "He left and did not return.", "corpus": "uw",
             "events": [{"start": 3, "end": 7, "value": 3.0}, {"start": 20, "end": 26, "value": -3.0}]},
            {"text": "She may go.", "corpus": "meantime", "events": [{"start": 8, "end": 10, "value": 1.0}]}]
    preds = {3: 3.0, 20: -2.0, 8: 2.0}
    m, n = factuality.score(recs, predict=lambda text, s, e: preds[s])
    assert n == 2 and m["events"] == 3
    assert m["mae"] == pytest.approx(2 / 3, abs=1e-4)
    assert m["by_corpus"]["uw"]["mae"] == 0.5 and m["by_corpus"]["meantime"]["mae"] == 1.0
    assert m["pearson"] > 0.9


def test_eval_factuality_with_rules_sees_negation():
    recs = [{"text": "He did not return.", "corpus": "uw", "events": [{"start": 11, "end": 17, "value": -3.0}]},
            {"text": "He returned.", "corpus": "uw", "events": [{"start": 3, "end": 11, "value": 3.0}]}]
    m, _ = factuality.score(recs)
    assert m["mae"] <= 0.5


def test_eval_attribution_overlap_matching():
    text = "The minister said that talks failed."
    recs = [{"text": text, "attributions": [{"type": "Attribution",
                                            "source": [{"start": 0, "end": 12}],
                                            "cue": [{"start": 13, "end": 17}],
                                            "content": [{"start": 18, "end": 35}]}]}]
    good = lambda t: [{"cue": (13, 17), "source": (4, 12), "content": (23, 35)}]  # noqa: E731
    m, n = attribution.score(recs, predict=good)
    assert n == 1 and m["cue_f1"] == 1.0 and m["source_f1"] == 1.0 and m["content_f1"] == 1.0
    extra = lambda t: [{"cue": (13, 17), "source": None, "content": None}, {"cue": (0, 3), "source": None, "content": None}]  # noqa: E731
    m, _ = attribution.score(recs, predict=extra)
    assert m["cue"]["precision"] == 0.5 and m["cue"]["recall"] == 1.0 and m["source_f1"] == 0.0


def test_eval_attribution_with_rules():
    text = "The minister said that talks failed."
    recs = [{"text": text, "attributions": [{"type": "Attribution", "source": [{"start": 0, "end": 12}],
                                            "cue": [{"start": 13, "end": 17}], "content": [{"start": 18, "end": 35}]}]}]
    m, _ = attribution.score(recs)
    assert m["cue_f1"] == 1.0 and m["source_f1"] == 1.0


def test_eval_split_halves_are_stable_disjoint_and_keep_a_story_together():
    """--split tune/check: every record is in exactly one half, and PETR2 sentences of one story share a half."""
    from geobrief.eval import in_split, split_key

    recs = [{"id": f"art-{i}"} for i in range(200)]
    tune = [r for r in recs if in_split(r, "tune")]
    check = [r for r in recs if in_split(r, "check")]
    assert len(tune) + len(check) == 200 and 60 < len(tune) < 140
    assert not {r["id"] for r in tune} & {r["id"] for r in check}
    assert split_key({"id": "AFP0808020625_4"}) == split_key({"id": "AFP0808020625_11"}) == "AFP0808020625"
    assert in_split({"id": "AFP0808020625_4"}, "tune") == in_split({"id": "AFP0808020625_11"}, "tune")
    assert all(in_split(r, "all") for r in recs)
