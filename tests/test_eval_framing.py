"""Scorers of the framing tasks (propaganda spans/techniques, portrayal, genre) on tiny hand-written gold."""
import pytest

from geobrief.eval import genre, portrayal, propaganda


def test_propaganda_si_partial_overlap_formula():
    # gold [0,10); prediction [5,15): |s∩t| = 5 -> P = 5/10, R = 5/10
    m = propaganda.si_prf([([(5, 15)], [(0, 10)])])
    assert m["precision"] == 0.5 and m["recall"] == 0.5 and m["f1"] == 0.5


def test_propaganda_si_merges_overlapping_spans_and_sums_over_articles():
    assert propaganda.merge_spans([(0, 5), (3, 8), (10, 12)]) == [(0, 8), (10, 12)]
    # article 1: exact hit; article 2: a prediction with no gold at all
    m = propaganda.si_prf([([(0, 4)], [(0, 4)]), ([(0, 4)], [])])
    assert m["precision"] == 0.5 and m["recall"] == 1.0


def test_propaganda_score_with_injected_predictors():
    recs = [{"text": "a b c d e f", "spans": [
        {"start": 0, "end": 3, "technique": "Loaded_Language", "surface": "a b"},
        {"start": 6, "end": 9, "technique": "Doubt", "surface": "d e"}]}]
    m, n = propaganda.score(recs, predict_spans=lambda t: [(0, 3)],
                            classify=lambda t, s, e: "Loaded_Language")
    assert n == 1
    assert m["span_precision"] == 1.0 and m["span_recall"] == 0.5
    assert m["technique_f1"] == 0.5
    assert m["technique_recall_by_label"] == {"Doubt": 0.0, "Loaded_Language": 1.0}


def test_portrayal_accuracy_and_macro_f1():
    recs = [{"text": "x", "entities": [
        {"entity": "A", "start": 0, "end": 1, "main_role": "Antagonist", "fine_roles": ["Tyrant"]},
        {"entity": "B", "start": 0, "end": 1, "main_role": "Innocent", "fine_roles": ["Victim"]}]},
        {"text": "y", "entities": []}]
    m, n = portrayal.score(recs, predict=lambda doc, spans: ["antagonist"] * len(spans))
    assert n == 2 and m["entities"] == 2
    assert m["main_role_accuracy"] == 0.5
    assert m["main_role_macro_f1"] == pytest.approx((2 / 3 + 0) / 2, abs=1e-4)
    m, _ = portrayal.score(recs, predict=lambda doc, spans: [
        {"role": "antagonist", "fine_roles": ["Tyrant"]}, {"role": "innocent", "fine_roles": ["Victim"]}])
    assert m["main_role_macro_f1"] == 1.0 and m["fine_role_exact"] == 1.0


def test_genre_accuracy_and_macro_f1():
    recs = [{"text": "a", "genre": "opinion"}, {"text": "b", "genre": "reporting"}, {"text": "c", "genre": "opinion"}]
    m, n = genre.score(recs, predict=lambda t: "opinion")
    assert n == 3 and m["accuracy"] == pytest.approx(0.6667, abs=1e-4)
    assert m["macro_f1"] == pytest.approx((0.8 + 0.0) / 2, abs=1e-4)


def test_genre_and_portrayal_report_the_majority_baseline():
    recs = [{"text": "a", "genre": "opinion"}, {"text": "b", "genre": "reporting"}, {"text": "c", "genre": "opinion"}]
    m, _ = genre.score(recs, predict=lambda t: "reporting")
    assert m["majority_baseline"]["label"] == "opinion"
    assert m["majority_baseline"]["accuracy"] == pytest.approx(0.6667, abs=1e-4)
    recs = [{"text": "x", "entities": [
        {"entity": "A", "start": 0, "end": 1, "main_role": "Antagonist", "fine_roles": []},
        {"entity": "B", "start": 0, "end": 1, "main_role": "Antagonist", "fine_roles": []},
        {"entity": "C", "start": 0, "end": 1, "main_role": "Innocent", "fine_roles": []}]}]
    m, _ = portrayal.score(recs, predict=lambda doc, spans: ["innocent"] * len(spans))
    assert m["majority_baseline"]["label"] == "Antagonist"
    assert m["majority_baseline"]["macro_f1"] == pytest.approx((0.8 + 0) / 2, abs=1e-4)


def test_framing_news_counts_author_spans_per_1000_words_and_news_share():
    from geobrief.eval import framing_news
    recs = [{"text": "x"}, {"text": "y"}]
    res = {"x": (500, [("Loaded_Language", "brutal")], "reporting"), "y": (1500, [], None)}
    m, n = framing_news.score(recs, analyse=lambda t: res[t])
    assert n == 2 and m["author_spans"] == 1 and m["words"] == 2000
    assert m["author_spans_per_1000_words"] == 0.5 and m["articles_with_author_spans"] == 0.5
    assert m["news_genre_share"] == 0.5 and m["top_triggers"] == {"brutal": 1}
    assert m["read_as_news_spans_per_1000_words"] == 2.0


def test_genre_folds_finer_genres_and_counts_no_genre():
    recs = [{"text": "a", "genre": "opinion"}, {"text": "b", "genre": "reporting"}, {"text": "c", "genre": "opinion"}]
    pred = {"a": "analysis", "b": "statement", "c": None}
    m, _ = genre.score(recs, predict=lambda t: pred[t])
    assert m["no_genre"] == 1 and m["accuracy"] == round(2 / 3, 4)
