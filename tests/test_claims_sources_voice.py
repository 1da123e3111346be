"""Who is a named source, and the writer's reading of an aim stated as fact (hand-written sentences)."""
import pytest


@pytest.fixture(scope="module")
def run():
    from geobrief.pipeline import analyze_text

    return analyze_text


@pytest.mark.parametrize("text", [
    "The insurgents' radio station said the army had abandoned two outposts.",
    "The protesters' newsletter reported that the march had been banned.",
])
def test_outlet_of_an_unnamed_group_is_not_a_named_source(run, text):
    (c,) = run(text).claims
    assert c.status == "attributed" and c.source.kind == "anonymous"


def test_outlet_of_a_named_state_stays_named(run):
    (c,) = run("Kenya's state broadcaster said the talks had failed.").claims
    assert c.status == "attributed" and c.source.kind == "named"


@pytest.mark.parametrize("text", [
    "Since the vote, the coalition has scrambled to find a face-saving formula.",
    "The cabinet reshuffle was a move to deflect blame for the blackout.",
])
def test_aim_read_into_an_action_in_the_writers_voice_is_unsourced(run, text):
    (c,) = run(text).claims
    assert c.unsourced is True and c.source.kind == "none"


def test_plain_action_in_the_writers_voice_stays_reported(run):
    (c,) = run("Rescue teams hurried to reach the flooded villages on Sunday.").claims
    assert c.status == "reported" and not c.unsourced


def test_cause_the_writer_asserts_is_unsourced_but_a_quoted_one_is_the_speakers(run):
    b = run("Grain prices doubled in the spring. That is why the cabinet is courting rural voters so hard.")
    (c,) = [c for c in b.claims if "courting" in c.text]
    assert c.unsourced is True
    (q,) = run("“That is why we marched,” a union leader said.").claims
    assert q.status == "attributed" and not q.unsourced


def test_as_clause_with_its_own_object_does_not_source_the_main_clause(run):
    (c,) = run("Mass killings continue in the province as two neighbouring states support the junta.").claims
    assert c.status != "attributed" and c.source.kind == "none"
    (d,) = run("The talks have failed, as the foreign minister said.").claims
    assert d.status == "attributed"


def test_headline_quoting_an_unnamed_person_with_a_longer_label_is_anonymous(run):
    b = run("Flood Zone Survivor: “The Water Came Through The Roof In Minutes”\n\n"
            "Rescue crews reached the valley on Sunday.")
    c = b.claims[0]
    assert c.status == "attributed" and c.source.kind == "anonymous"


def test_every_sentence_of_a_long_quotation_is_the_speakers(run):
    b = run("“We heard the shots getting closer. At ten they locked every gate on the avenue. "
            "We had only one way out,” the witness said.")
    assert len(b.claims) == 3 and all(c.status == "attributed" for c in b.claims), \
        [(c.text, c.status) for c in b.claims]
    assert not any(c.unsourced for c in b.claims)


def test_quoted_paragraph_after_a_credited_quotation_continues_the_speaker(run):
    b = run("“The gates were always open before,” the witness said.\n\n"
            "“That night they locked every one of them. We had only one way out.”\n\n"
            "Police have not commented.")
    status = {c.text[:12]: c.status for c in b.claims}
    assert [status[k] for k in ("“That night ", "We had only ")] == ["attributed", "attributed"], status
    assert status["Police have "] == "reported"


def test_a_quotation_run_on_past_a_line_break_keeps_its_speaker(run):
    # text cut into a line per sentence: the quotation opens on one line and closes on the next
    b = run("Dr. Ines Varga, an epidemiologist, told the Harbour Gazette: “If it reaches the coast it would "
            "be like the last outbreak.\nWe would have a few cases in every town.” The ministry declined to comment.")
    sources = {c.text[:12]: (c.status, c.source.kind) for c in b.claims}
    assert sources["We would hav"] == ("attributed", "named"), sources


def test_quotation_ranges_pair_across_one_line_break_only_for_an_open_curly_quote():
    from geobrief.stages.claims.lexicon import _line_quote_ranges
    t = "She said: “It opens here.\nIt closes here.” Then a plain line.\nA “pair” on its own line."
    assert [t[a:b] for a, b in _line_quote_ranges(t)] == ["“It opens here.\nIt closes here.”", "“pair”"]
    t = "She said: “It never closes.\nA plain line.\nA “pair” here."
    assert [t[a:b] for a, b in _line_quote_ranges(t)] == ["“pair”"]
