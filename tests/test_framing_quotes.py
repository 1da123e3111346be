"""Framing stage: quotation forms of real copy (block quotes, a misused closing mark) and the genre
they let the stage read (hand-written texts)."""
import pytest

from geobrief import nlp as nlp_mod
from geobrief.stages import framing as F


@pytest.fixture(scope="module")
def nlp():
    return nlp_mod.load(F.COMPONENTS)


BLOCK = ("The governor spoke to reporters after the vote in the state capital on Tuesday.\n\n"
         "The governor added:\n\n"
         "I have never seen anything so reckless in my life. Why would we trust them now? "
         "I will veto it the moment it reaches my desk.\n\n"
         "Lawmakers are due to meet again next week, a spokesman for the assembly said.")


def test_framing_paragraph_after_speaker_and_colon_is_a_block_quotation(nlp):
    doc = nlp(BLOCK)
    start = BLOCK.index("I have never")
    q = [x for x in F.quotes(doc) if x[0] <= start < x[1]]
    assert q and q[0][2] is not None, F.quotes(doc)
    a, b = q[0][2]
    assert BLOCK[a:b] == "The governor"
    assert q[0][1] >= BLOCK.index("my desk.")


def test_framing_colon_paragraph_without_a_speech_verb_opens_no_quotation(nlp):
    text = ("The ministry published the list of measures on Monday.\n\n"
            "The measures include:\n\n"
            "A curfew in the border districts and new checkpoints on the main roads.")
    doc = nlp(text)
    start = text.index("A curfew")
    assert not [x for x in F.quotes(doc) if x[0] <= start < x[1]]


def test_framing_closing_mark_opening_a_paragraph_quotes_it(nlp):
    text = ("The minister spoke at the harbour on Friday.\n\n"
            "\u201d \u2026 what we learned from the fishermen is that our quotas are far too low,\u201d she said.\n\n"
            "The quotas are set every spring.")
    doc = nlp(text)
    start = text.index("what we learned")
    q = [x for x in F.quotes(doc) if x[0] <= start < x[1]]
    assert q and q[0][2] is not None and text[q[0][2][0]:q[0][2][1]] == "she"


def test_framing_block_quoted_first_person_leaves_a_report_read_as_news(nlp):
    text = ("Senate Votes Down Border Bill\n\n"
            "The Senate rejected the border bill on Tuesday by 52 votes to 48, officials said.\n\n"
            "Senator Jane Roe, who sponsored the measure, told reporters the vote was a setback.\n\n"
            "Roe added:\n\n"
            "I think we made our case. Did we lose this round? Yes. Will we come back? You bet we will. "
            "I am not going to stop, and my colleagues are not going to stop.\n\n"
            "The bill would have funded 2,000 new border agents, according to the budget office. "
            "The House passed its version in March, the clerk's office said.")
    assert F.genre_of(nlp(text)) == "reporting"


def test_framing_clause_before_a_semicolon_is_not_the_next_speech_verbs_content(nlp):
    text = ("The Brussels spin-meisters talk about the grand vision of wannabe statesmen; "
            "they tell us that the union is on the brink of greatness.")
    out = F.technique_spans(nlp(text))
    hit = [f for f in out if "meisters" in f.text]
    assert hit and all(f.speaker == "author" for f in hit), out
