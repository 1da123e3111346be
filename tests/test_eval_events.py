"""Event scorer: root code + country blocks, extras, reciprocal events, PLOVER-scheme gold."""
from geobrief.eval.events import predicted_dyads, score_predictions
from geobrief.model import Actor, Article, Brief, Event, Mention, Span


def dy(src, tgt, code, plover="ASSAULT", optional=False):
    return dict(src=src, tgt=tgt, code=code, plover=plover, optional=optional)


def test_eval_events_root_and_blocks():
    recs = [{"text": "x", "events": [{"source": "USAGOV", "target": "RUS", "code": "190"}]}]
    m, n = score_predictions(recs, [[dy("USA", "RUSMIL", "194")]])
    assert n == 1 and m["root_actor_accuracy"] == 1.0 and m["exact_code_accuracy"] == 0.0
    assert m["quad_class_accuracy"] == 1.0 and m["extra_rate"] == 0.0


def test_eval_events_extra_and_wrong_direction():
    recs = [{"text": "x", "events": [{"source": "USA", "target": "RUS", "code": "190"}]}]
    m, _ = score_predictions(recs, [[dy("RUS", "USA", "190"), dy("USA", "RUS", "040")]])
    assert m["root_actor_accuracy"] == 0.0 and m["category_accuracy"] == 1.0 and m["extra_rate"] == 2.0


def test_eval_events_optional_reverse_counts_only_when_matching():
    recs = [{"text": "x", "events": [{"source": "USA", "target": "PAK", "code": "040"},
                                     {"source": "PAK", "target": "USA", "code": "040"}]}]
    preds = [dy("USA", "PAK", "040", "CONSULT"), dy("PAK", "USA", "040", "CONSULT", optional=True)]
    m, _ = score_predictions(recs, [preds])
    assert m["root_actor_accuracy"] == 1.0 and m["extra_rate"] == 0.0
    recs1 = [{"text": "x", "events": [{"source": "USA", "target": "PAK", "code": "040"}]}]
    m, _ = score_predictions(recs1, [preds])
    assert m["extra_rate"] == 0.0


def test_eval_events_plover_scheme_with_legacy_names_and_reciprocal():
    recs = [{"text": "x", "scheme": "PLOVER-0.5b1",
             "events": [{"source": "RUS", "target": "UKR", "code": "FIGHT"},
                        {"source": "PAK", "target": "USA", "code": "CONSULT", "reciprocal": True}]}]
    preds = [dy("RUSMIL", "UKR", "194", "ASSAULT"), dy("USA", "PAK", "040", "CONSULT")]
    m, _ = score_predictions(recs, [preds])
    assert m["root_actor_accuracy"] == 1.0 and m["extra_rate"] == 0.0


def test_eval_events_non_counted_modes_are_not_predictions():
    t = "Russia could attack Ukraine."
    b = Brief(article=Article(id="a", text=t))
    b.actors = [Actor(id="A1", name="Russia", kind="state", country="RUS", mentions=[Mention(0, 6, "Russia")])]
    b.events = [Event(id="E1", actor=["A1"], recipient=[], plover="ASSAULT", mode="hypothetical",
                      evidence=Span.of(t, 0, len(t)), trigger=Span.of(t, 13, 19), cameo="190",
                      actor_spans=[Span.of(t, 0, 6)], recipient_spans=[Span.of(t, 20, 27)])]
    assert predicted_dyads(b) == []
    b.events[0].mode = "asserted"
    d = predicted_dyads(b)
    assert [(x["src"], x["tgt"], x["code"]) for x in d] == [("RUS", "UKR", "190")]


def test_eval_events_compound_actor_without_recipient_is_reciprocal():
    t = "The US and Pakistan met."
    b = Brief(article=Article(id="a", text=t))
    b.actors = [Actor(id="A1", name="US", kind="state", country="USA", mentions=[Mention(4, 6, "US")]),
                Actor(id="A2", name="Pakistan", kind="state", country="PAK", mentions=[Mention(11, 19, "Pakistan")])]
    b.events = [Event(id="E1", actor=["A1", "A2"], recipient=[], plover="CONSULT", mode="asserted",
                      evidence=Span.of(t, 0, len(t)), trigger=Span.of(t, 20, 23), cameo="040",
                      actor_spans=[Span.of(t, 4, 6), Span.of(t, 11, 19)])]
    d = predicted_dyads(b)
    assert {(x["src"], x["tgt"]) for x in d} == {("USA", "PAK"), ("PAK", "USA")}
    assert sum(1 for x in d if not x["optional"]) == 1


def test_eval_events_background_and_unlocated_events_are_not_counted():
    from geobrief.stages.events import BACKGROUND_CONFIDENCE
    t = "Russia attacked Ukraine."
    b = Brief(article=Article(id="a", text=t))
    b.actors = [Actor(id="A1", name="Russia", kind="state", country="RUS", mentions=[Mention(0, 6, "Russia")])]
    b.events = [Event(id="E1", actor=["A1"], recipient=[], plover="ASSAULT", mode="asserted",
                      evidence=Span.of(t, 0, len(t)), trigger=Span.of(t, 7, 15), cameo="190",
                      actor_spans=[Span.of(t, 0, 6)], recipient_spans=[Span.of(t, 16, 23)],
                      confidence=BACKGROUND_CONFIDENCE)]
    assert predicted_dyads(b) == []
    b.events[0].confidence = 0.8
    assert len(predicted_dyads(b)) == 1
