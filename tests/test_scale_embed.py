"""The sentence embeddings behind the claims heads: a vector depends on its text alone."""
import numpy as np

from geobrief.stages import claims_embed

SHORT = "The ministry closed the border crossing on Tuesday."
LONG = ("After three weeks of talks in a lakeside hotel, the delegations of the two neighbouring states "
        "signed a framework agreement on water sharing, grazing rights and the return of displaced herders, "
        "which both parliaments must still ratify before the rainy season begins.")


def test_embed_vector_does_not_depend_on_the_other_texts_of_the_call():
    claims_embed._CACHE.clear()
    alone = claims_embed.embed([SHORT])[0]
    claims_embed._CACHE.clear()
    among = claims_embed.embed([LONG, SHORT, "Prices rose."])[1]
    assert np.array_equal(alone, among)


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
