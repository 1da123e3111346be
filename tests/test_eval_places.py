"""Places scorer: hits by surface + overlap, Acc@161, per-corpus figures, demonym convention."""
from geobrief.eval.places import score_predictions


def _rec(dataset, text, toponyms):
    return {"id": "x", "text": text, "origin": {"dataset": dataset}, "toponyms": toponyms}


def test_eval_places_hits_accuracy_and_corpora():
    text = "Paris and Lyon met Georgian envoys."
    gold_lgl = _rec("LGL", text, [
        {"start": 0, "end": 5, "name": "Paris", "lat": 48.85, "lon": 2.35},
        {"start": 10, "end": 14, "name": "Lyon", "lat": 45.75, "lon": 4.85},
        {"start": 19, "end": 27, "name": "Georgian", "lat": 42.0, "lon": 43.5},
    ])
    gold_gv = _rec("GeoVirus", text, [{"start": 0, "end": 5, "name": "Paris", "lat": 48.85, "lon": 2.35}])
    preds_lgl = [
        {"start": 0, "end": 5, "text": "Paris", "how": "name", "lat": 33.66, "lon": -95.55},  # Paris, Texas: far
        {"start": 10, "end": 14, "text": "lyon", "how": "name", "lat": 45.76, "lon": 4.84},  # case ignored
        {"start": 19, "end": 27, "text": "Georgian", "how": "demonym", "lat": 42.0, "lon": 43.5},
    ]
    preds_gv = [
        {"start": 0, "end": 5, "text": "Paris", "how": "name", "lat": 48.86, "lon": 2.35},
        {"start": 19, "end": 27, "text": "Georgian", "how": "demonym", "lat": 42.0, "lon": 43.5},  # ignored
    ]
    m, n = score_predictions([gold_lgl, gold_gv], [preds_lgl, preds_gv])
    assert n == 2
    lgl, gv = m["by_corpus"]["LGL"], m["by_corpus"]["GeoVirus"]
    assert lgl["f1"] == 1.0 and abs(lgl["acc161"] - 2 / 3) < 1e-3
    assert gv["precision"] == 1.0 and gv["recall"] == 1.0 and gv["acc161"] == 1.0
    for key in ("f1", "precision", "recall", "acc161", "median_km"):
        assert key in m and key in lgl


def test_eval_places_surface_must_match_and_overlap():
    rec = _rec("LGL", "Paris, Texas", [{"start": 0, "end": 5, "name": "Paris", "lat": 33.66, "lon": -95.55}])
    wrong_surface = [{"start": 0, "end": 12, "text": "Paris, Texas", "how": "name", "lat": 33.66, "lon": -95.55}]
    no_overlap = [{"start": 7, "end": 12, "text": "Paris", "how": "name", "lat": 33.66, "lon": -95.55}]
    for preds in (wrong_surface, no_overlap):
        m, _ = score_predictions([rec], [preds])
        assert m["hits"] == 0 and m["recall"] == 0.0


def test_eval_places_missing_coordinates_count_as_errors():
    rec = _rec("LGL", "Fargo", [{"start": 0, "end": 5, "name": "Fargo", "lat": 46.88, "lon": -96.79}])
    m, _ = score_predictions([rec], [[{"start": 0, "end": 5, "text": "Fargo", "how": "name", "lat": None, "lon": None}]])
    assert m["f1"] == 1.0 and m["acc161"] == 0.0 and m["median_km"] is None
