"""The sentence embeddings behind the claims heads: a vector depends on its text alone."""
import numpy as np

from geobrief.stages import claims_embed

SHORT = "The ministry closed the border crossing on Tuesday."
LONG = ("After three weeks of talks in a lakeside hotel, the delegations of the two neighbouring states "
        "signed a framework agreement on water sharing, grazing rights and the return of displaced herders, "
        "which both parliaments must still ratify before the rainy season begins.")


def test_embed_vector_does_not_depend_on_the_other_texts_of_the_call():
    # batched with texts of about its length, a vector differs from its lone run by float rounding only
    claims_embed._CACHE.clear()
    alone = claims_embed.embed([SHORT])[0]
    claims_embed._CACHE.clear()
    mates = ["The ministry shut the border crossing on Monday.", "The army closed the main road on Friday night.",
             "Prices rose."]
    among = claims_embed.embed([LONG, mates[0], SHORT, mates[1], mates[2]])
    assert np.allclose(alone, among[2], atol=1e-6)
    assert not np.allclose(among[1], among[2], atol=1e-3)  # a batch mate keeps its own vector


def test_embed_runs_texts_of_about_one_length_together(monkeypatch):
    claims_embed._CACHE.clear()
    tok, sess = claims_embed._model()
    shapes = []

    class Counting:
        def run(self, outputs, feeds):
            shapes.append(feeds["input_ids"].shape)
            return sess.run(outputs, feeds)

    monkeypatch.setattr(claims_embed, "_model", lambda: (tok, Counting()))
    texts = ["Troops crossed the river at dawn.", "Troops crossed the bridge at dusk.",
             "The envoy met the minister.", LONG]
    out = claims_embed.embed(texts)
    assert out.shape == (4, 384) and np.allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-5)
    assert len(shapes) < len(texts) and max(s[0] for s in shapes) >= 2
    claims_embed._CACHE.clear()
    monkeypatch.setattr(claims_embed, "_model", lambda: (tok, sess))
    assert np.allclose(claims_embed.embed([LONG])[0], out[3], atol=1e-6)


def test_length_batches_bound_the_padding_and_the_batch_size():
    groups = claims_embed.length_batches([10, 30, 11, 12, 31, 10, 14, 10], size=3, pad=2)
    assert sorted(i for g in groups for i in g) == list(range(8))
    lengths = [10, 30, 11, 12, 31, 10, 14, 10]
    for g in groups:
        assert len(g) <= 3 and max(lengths[i] for i in g) - min(lengths[i] for i in g) <= 2
    assert groups[0] == [0, 5, 7]  # equal lengths keep their input order
    assert claims_embed.length_batches([], size=4, pad=0) == []


def test_embed_vectors_are_unit_length_in_input_order_and_repeats_agree():
    claims_embed._CACHE.clear()
    out = claims_embed.embed([LONG, SHORT, LONG])
    assert out.shape == (3, 384)
    assert np.allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(out[0], out[2]) and not np.allclose(out[0], out[1])


def test_embed_reuses_a_cached_vector_without_running_the_model(monkeypatch):
    claims_embed._CACHE.clear()
    first = claims_embed.embed([SHORT])[0]

    def no_model():
        raise AssertionError("the model ran for a cached text")

    monkeypatch.setattr(claims_embed, "_model", no_model)
    assert np.array_equal(claims_embed.embed([SHORT])[0], first)


def test_embed_cache_is_bounded(monkeypatch):
    claims_embed._CACHE.clear()
    monkeypatch.setattr(claims_embed, "CACHE_SIZE", 2)
    claims_embed.embed(["One sentence here.", "Another sentence here.", "A third sentence here."])
    assert len(claims_embed._CACHE) == 2 and "One sentence here." not in claims_embed._CACHE


def test_embed_of_nothing_is_an_empty_matrix():
    assert claims_embed.embed([]).shape == (0, 384)


def test_claims_prepare_embeds_the_open_clauses_of_a_batch_in_one_call(pipeline, monkeypatch):
    from geobrief.stages import claims as cl

    texts = ["The council met on Monday. Officials said the bridge would reopen soon. Many residents are angry.",
             "Farmers protested outside the ministry. The minister promised new subsidies. Talks continue."]
    docs = [pipeline.nlp(t) for t in texts]
    claims_embed._CACHE.clear()
    calls = []
    real = claims_embed.embed
    monkeypatch.setattr(claims_embed, "embed", lambda ts, *a, **k: calls.append(list(ts)) or real(ts, *a, **k))
    cl.prepare_claims(docs)
    assert len(calls) == 1 and calls[0]
    asked = set(calls[0])

    def no_model():
        raise AssertionError("the model ran after prepare")

    monkeypatch.setattr(claims_embed, "_model", no_model)
    for d in docs:  # each article's own scoring finds every vector it needs cached
        spans = [d[a:b] for _, (a, b, _, _) in cl._segments(d)]
        cl.checkworthiness_scores(spans)
    assert set(t for c in calls[1:] for t in c) <= asked


def test_checkworthiness_rules_are_kept_per_clause(pipeline):
    from geobrief.stages import claims as cl

    doc = pipeline.nlp("The army shelled the village on Tuesday, killing 12 people.")
    first = cl.checkworthiness_rules(doc[0:8])
    assert doc.user_data["geobrief_checkworthy_rules"]["0:8"] == first
    doc.user_data["geobrief_checkworthy_rules"]["0:8"] = 0.123  # a kept score is read, not recomputed
    assert cl.checkworthiness_rules(doc[0:8]) == 0.123
    whole = cl.checkworthiness_rules(doc)
    assert f"0:{len(doc)}" in doc.user_data["geobrief_checkworthy_rules"] and 0.0 <= whole <= 1.0
