"""Event scorer: root code + country blocks, extras, reciprocal events, PLOVER-scheme gold."""
from geobrief.eval.events import predicted_dyads, predicted_events, score_predictions
from geobrief.model import Actor, Article, Brief, Event, Mention, Span


def ev(code, *dyads, plover="ASSAULT"):
    """A predicted event with its shown dyads (src, tgt) and optional reversed ones (src, tgt, True)."""
    return dict(event="E", code=code, plover=plover,
                dyads=[dict(src=d[0], tgt=d[1], reversed=len(d) > 2 and d[2]) for d in dyads])


def test_eval_events_root_and_blocks():
    recs = [{"text": "x", "events": [{"source": "USAGOV", "target": "RUS", "code": "190"}]}]
    m, n = score_predictions(recs, [[ev("194", ("USA", "RUSMIL"))]])
    assert n == 1 and m["root_actor_accuracy"] == 1.0 and m["exact_code_accuracy"] == 0.0
    assert m["quad_class_accuracy"] == 1.0 and m["extra_rate"] == 0.0


def test_eval_events_extra_and_wrong_direction():
    recs = [{"text": "x", "events": [{"source": "USA", "target": "RUS", "code": "190"}]}]
    m, _ = score_predictions(recs, [[ev("190", ("RUS", "USA")), ev("040", ("USA", "RUS"))]])
    assert m["root_actor_accuracy"] == 0.0 and m["category_accuracy"] == 1.0 and m["extra_rate"] == 2.0


def test_eval_events_one_prediction_matches_one_gold_event():
    # a meeting shown once (USA -> PAK) is not also credited with the gold's PAK -> USA
    recs = [{"text": "x", "events": [{"source": "USA", "target": "PAK", "code": "040"},
                                     {"source": "PAK", "target": "USA", "code": "040"}]}]
    preds = [ev("040", ("USA", "PAK"), ("PAK", "USA", True), plover="CONSULT")]
    m, _ = score_predictions(recs, [preds])
    assert m["root_actor_accuracy"] == 0.5 and m["extra_rate"] == 0.0
    # two gold events of one code and dyad need two predicted events
    recs = [{"text": "x", "events": [{"source": "ISR", "target": "PSE", "code": "190"}] * 2}]
    m, _ = score_predictions(recs, [[ev("190", ("ISR", "PSE"))]])
    assert m["root_actor_accuracy"] == 0.5


def test_eval_events_reverse_direction_only_for_a_reciprocal_record():
    gold = {"text": "x", "events": [{"source": "PAK", "target": "USA", "code": "040"}]}
    preds = [ev("040", ("USA", "PAK"), plover="CONSULT")]
    m, _ = score_predictions([gold], [preds])
    assert m["root_actor_accuracy"] == 0.0 and m["extra_rate"] == 1.0
    m, _ = score_predictions([dict(gold, reciprocal=True)], [preds])
    assert m["root_actor_accuracy"] == 1.0 and m["extra_rate"] == 0.0
    # the flag is the record's, not the event's
    g2 = {"text": "x", "events": [{"source": "PAK", "target": "USA", "code": "040", "reciprocal": True}]}
    m, _ = score_predictions([g2], [preds])
    assert m["root_actor_accuracy"] == 0.0


def test_eval_events_legacy_country_codes_in_gold_are_mapped():
    recs = [{"text": "x", "events": [{"source": "JAP", "target": "VTN", "code": "042"},
                                     {"source": "ITLGOV", "target": "TMP", "code": "070"}]}]
    m, _ = score_predictions(recs, [[ev("042", ("JPN", "VNM")), ev("070", ("ITA", "TLS"))]])
    assert m["root_actor_accuracy"] == 1.0


def test_eval_events_sentences_without_event_and_unmeasurable_metrics():
    recs = [{"text": "x", "events": []}, {"text": "y", "events": []},
            {"text": "z", "scheme": "PLOVER-0.5b1", "events": [{"source": "RUS", "target": "UKR", "code": "FIGHT"}]}]
    m, _ = score_predictions(recs, [[], [ev("190", ("USA", ""))], [ev("194", ("RUSMIL", "UKR"))]])
    assert m["sentences_without_event"] == 2 and m["quiet_without_event"] == 0.5
    assert m["root_actor_accuracy"] == 1.0 and m["extra_rate"] == 1.0
    # PLOVER gold carries no CAMEO code: the full-code and quad-class figures are left out
    assert "exact_code_accuracy" not in m and "quad_class_accuracy" not in m


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
    # only what the brief shows: "Ukraine" is a span no actor covers, so it has no country here
    assert [(x["src"], x["tgt"], x["code"]) for x in d] == [("RUS", "", "190")]


def test_eval_events_compound_actor_without_recipient_is_reciprocal():
    t = "The US and Pakistan met."
    b = Brief(article=Article(id="a", text=t))
    b.actors = [Actor(id="A1", name="US", kind="state", country="USA", mentions=[Mention(4, 6, "US")]),
                Actor(id="A2", name="Pakistan", kind="state", country="PAK", mentions=[Mention(11, 19, "Pakistan")])]
    b.events = [Event(id="E1", actor=["A1", "A2"], recipient=[], plover="CONSULT", mode="asserted",
                      evidence=Span.of(t, 0, len(t)), trigger=Span.of(t, 20, 23), cameo="040",
                      actor_spans=[Span.of(t, 4, 6), Span.of(t, 11, 19)])]
    d = predicted_events(b)[0]["dyads"]
    assert {(x["src"], x["tgt"]) for x in d} == {("USA", "PAK"), ("PAK", "USA")}
    # the brief states no direction: both pairs are shown, so either matches a one-way gold event
    # (the other pair is then no extra: the joint event matched)
    assert not any(x["reversed"] for x in d)
    one_way = [{"text": t, "events": [{"source": "PAKGOV", "target": "USAGOV", "code": "040"}]}]
    m, _ = score_predictions(one_way, [predicted_events(b)])
    assert m["root_actor_accuracy"] == 1.0 and m["extra_rate"] == 0.0
    wrong = [{"text": t, "events": [{"source": "PAKGOV", "target": "INDGOV", "code": "040"}]}]
    m, _ = score_predictions(wrong, [predicted_events(b)])
    assert m["root_actor_accuracy"] == 0.0 and m["extra_rate"] == 2.0
    both = [{"text": t, "events": [{"source": "PAKGOV", "target": "USAGOV", "code": "040"},
                                   {"source": "USAGOV", "target": "PAKGOV", "code": "040"}]}]
    m, _ = score_predictions(both, [predicted_events(b)])
    assert m["root_actor_accuracy"] == 1.0 and m["extra_rate"] == 0.0


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
