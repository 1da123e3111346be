"""Events stage on real-news constructions: nominal shows of force, light verbs, pronoun subjects
across sentences, participle and demand clauses (hand-built actors, sentences written for these tests)."""
import re

import pytest

from geobrief import nlp as nlp_mod
from geobrief.model import Actor, Article, Brief, Mention, Sentence
from geobrief.stages.events import events

NAMES = {"Pakistan": ("PAK", "state"), "Iran": ("IRN", "state"), "Brazil": ("BRA", "state"),
         "Chile": ("CHL", "state"), "Japan": ("JPN", "state"), "Korea": ("KOR", "state"),
         "Macron": ("FRA", "person"), "Egypt": ("EGY", "state"), "Israel": ("ISR", "state"),
         "Syria": ("SYR", "state"), "Sudan": ("SDN", "state"), "Peru": ("PER", "state"),
         "Brazilian officials": ("BRA", "state"), "UN Security Council": (None, "igo")}


@pytest.fixture(scope="module")
def nlp():
    return nlp_mod.load(("parser", "lemmatizer", "ner"))


def run(nlp, text, extra=()):
    doc = nlp(text)
    b = Brief(article=Article(id="t", text=text, published="2026-06-01", url="http://example.org/a"), doc=doc)
    b.sentences = [Sentence(s.start_char, s.end_char) for s in doc.sents]
    names = dict(NAMES)
    names.update(dict(extra))
    for name, (country, kind) in names.items():
        ms = [Mention(m.start(), m.end(), name) for m in re.finditer(r"\b%s\b" % re.escape(name), text)]
        if ms:
            b.actors.append(Actor(id=f"A{len(b.actors) + 1}", name=name, kind=kind, country=country,
                                  code=country or "IGOUNO", mentions=ms))
    return events(b)


def counted(b):
    return [e for e in b.events if e.confidence >= 0.5]


def cc(b, ids):
    return sorted((b.actor(i).country or b.actor(i).name) for i in ids)


def test_events_nominal_weapons_test_is_a_show_of_force_by_its_owner(nlp):
    b = run(nlp, "Pakistan's third nuclear test drew wide condemnation.")
    e = next(e for e in counted(b) if e.plover == "MOBILIZE")
    assert (e.cameo, e.mode, cc(b, e.actor)) == ("150", "asserted", ["PAK"])
    # a test of something else is no show of force
    assert not run(nlp, "Pakistan's third vaccine test was a success.").events


def test_events_planned_test_is_not_asserted_and_a_threatened_one_is_a_threat_of_force(nlp):
    b = run(nlp, "Iran's planned missile test was called off.")
    assert all(e.mode != "asserted" for e in b.events if e.plover == "MOBILIZE")
    b = run(nlp, "Iran threatened to conduct a nuclear test.")
    e = next(e for e in b.events if e.plover == "THREATEN")
    assert e.cameo == "138"


def test_events_light_verbs_condemnation_and_visit(nlp):
    b = run(nlp, "The UN Security Council made a strong condemnation of Iran's latest missile test.")
    e = next(e for e in counted(b) if e.plover == "ACCUSE")
    assert e.cameo == "111" and cc(b, e.recipient) == ["IRN"]
    b = run(nlp, "Macron made a three-day visit to Japan and Korea.")
    e = one = [e for e in counted(b)]
    assert len(one) == 1 and (e[0].cameo, cc(b, e[0].recipient)) == ("042", ["JPN", "KOR"])


def test_events_sentence_initial_pronoun_takes_the_previous_subject(nlp):
    b = run(nlp, "Brazilian officials said the envoy left the building. They have denied any responsibility for the fire.")
    e = next(e for e in counted(b) if e.plover == "REJECT")
    assert cc(b, e.actor) == ["BRA"]
    # no agreement ("it" for a plural subject), no pronoun resolution across a paragraph
    b = run(nlp, "Brazilian officials said the envoy left the building. It denied any responsibility for the fire.")
    assert not any(e.actor for e in b.events if e.plover == "REJECT")
    b = run(nlp, "Brazilian officials said the envoy left the building.\n\nThey have denied any responsibility for the fire.")
    assert not any(e.actor for e in b.events if e.plover == "REJECT")
