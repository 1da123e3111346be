"""Indexes that replace whole-list scans (which made long texts quadratic) give the scans' answers."""
import random

from geobrief.model import Actor, Article, Brief, Mention
from geobrief.stages.actors import _Analyser
from geobrief.stages.claims.status import _actor_for


def _scan_free(taken, start, end):
    return all(e <= start or s >= end for s, e in taken)


def test_actors_free_agrees_with_a_scan_of_every_taken_span():
    rng = random.Random(7)
    an = _Analyser.__new__(_Analyser)
    an.text = "x" * 300
    an.taken = []
    for step in range(600):
        if step % 97 == 96:  # the stage replaces the list when it drops spans
            an.taken = [(s, e) for s, e in an.taken if rng.random() < 0.7]
        s = rng.randrange(-2, 320)
        e = s + rng.randrange(-1, 12)
        assert an._free(s, e) == _scan_free(an.taken, s, e), (s, e)
        if rng.random() < 0.3:
            an.taken.append((s, e))  # as _take does, empty and odd spans included


def _brief(actors):
    return Brief(article=Article(id="t", text="x" * 400), actors=actors)


def _scan_actor_for(brief, a, b):
    best, best_key = None, (False, 0)
    for actor in brief.actors:
        for m in actor.mentions:
            ov = min(b, m.end) - max(a, m.start)
            key = (actor.kind == "person" and m.how not in ("pronoun",) or False, ov)
            if ov > 0 and key > best_key:
                best, best_key = actor.id, key
    return best


def test_claims_actor_for_agrees_with_a_scan_of_every_mention():
    rng = random.Random(11)
    for _ in range(40):
        actors = []
        for i in range(rng.randrange(0, 8)):
            ms = []
            for _ in range(rng.randrange(1, 6)):
                s = rng.randrange(0, 380)
                ms.append(Mention(s, s + rng.randrange(1, 25), "m", rng.choice(["name", "pronoun", "title"])))
            actors.append(Actor(id=f"A{i}", name=f"A{i}", kind=rng.choice(["person", "state", "organisation"]),
                                mentions=ms))
        brief = _brief(actors)
        for _ in range(60):
            a = rng.randrange(0, 400)
            b = a + rng.randrange(1, 40)
            assert _actor_for(brief, a, b) == _scan_actor_for(brief, a, b)


def test_claims_actor_for_prefers_a_named_person_then_the_first_actor_on_a_tie():
    gov = Actor(id="A1", name="Ministry", kind="organisation", mentions=[Mention(0, 20, "the ministry")])
    spokes = Actor(id="A2", name="Dana Reyes", kind="person", mentions=[Mention(22, 32, "Dana Reyes")])
    other = Actor(id="A3", name="Council", kind="organisation", mentions=[Mention(0, 20, "the council")])
    brief = _brief([gov, spokes, other])
    assert _actor_for(brief, 0, 40) == "A2"
    assert _actor_for(brief, 0, 10) == "A1"
    assert _actor_for(brief, 50, 60) is None
