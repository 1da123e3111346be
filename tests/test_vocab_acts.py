"""What an appeal, intention, demand, rejection, threat, accusation or aid is about sets its full
CAMEO code (knowledge/events/acts.tsv and act_families.tsv). Sentences written for these tests."""
import pytest

from geobrief.knowledge import acts
from geobrief.knowledge import events as kb
from tests.test_events import nlp, run  # noqa: F401 (fixture)

EXTRA = {"Kenya": "KEN", "Uganda": "UGA", "Peru": "PER", "Chile": "CHL", "Norway": "NOR", "Iceland": "ISL",
         "Ghana": "GHA", "Togo": "TGO", "Spain": "ESP", "Morocco": "MAR", "Portugal": "PRT", "Angola": "AGO",
         "Laos": "LAO", "Vietnam": "VNM", "Fiji": "FJI", "Samoa": "WSM", "Oman": "OMN", "Yemen": "YEM"}


def codes(nlp, text):
    return [e.cameo for e in run(nlp, text, extra=EXTRA.items()).events]


@pytest.mark.parametrize("text,code", [
    ("Kenya asked Uganda for food aid after the floods.", "0233"),  # "for" phrase: humanitarian aid
    ("Peru urged Chile to share intelligence on drug gangs.", "0214"),  # embedded event 064
    ("Fiji called on Samoa to release the detained fishermen.", "0253"),  # embedded event 0841
    ("Norway threatened Iceland with sanctions over whaling.", "1312"),  # "with" phrase
    ("Laos threatened to sever diplomatic ties with Vietnam.", "1313"),
    ("Ghana rejected Togo's request for a new loan.", "1221"),  # the object names what was asked
    ("Spain accused Morocco of spying on its ministers.", "1125"),
    ("Portugal demanded that Angola release the journalists.", "1053"),
    ("Oman appealed to Yemen for closer economic cooperation.", "0211"),  # "closer" is not "close" a road
])
def test_the_complement_sets_the_full_code(nlp, text, code):
    assert code in codes(nlp, text)


def test_other_families_and_underived_codes_stay(nlp):
    # a veto (129) is coded by its verb, not by what is vetoed
    from geobrief.stages.events.acts import act_code
    doc = nlp("Russia vetoed the resolution on food aid.")
    assert act_code("129", doc[1]) == "129"
    assert act_code("190", doc[1]) == "190"  # an attack is not refined by this table


def test_family_lookup_goes_by_parent_codes():
    assert acts.family_code("appeal", "0871") == "0256"  # 0871 -> 087
    assert acts.family_code("intend", "0841") == "0353"
    assert acts.family_code("threaten", "0841") is None  # no threat "to release"
    assert acts.family_code("accuse", "espionage") == "1125"


def test_a_row_the_family_cannot_use_is_passed_over():
    # "attack" is aggression to an accuser, and military force to a threat
    assert acts.act_of({"attack", "camps"}, "accuse") == "aggression"
    assert acts.act_of({"attack", "camps"}, "threaten") == "19"


def test_malformed_act_rows_name_file_and_line(tmp_path, monkeypatch):
    from geobrief.errors import KnowledgeError
    for name in ("act_families.tsv", "acts.tsv", "cameo_codes.tsv"):
        (tmp_path / name).write_text((kb.DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
    with open(tmp_path / "acts.tsv", "a", encoding="utf-8") as fh:
        fh.write("loan|loans\t-\t999\tno such act\n")
    n = len((tmp_path / "acts.tsv").read_text(encoding="utf-8").splitlines())
    monkeypatch.setattr(kb, "DIR", tmp_path)
    acts.act_rows.cache_clear()
    try:
        with pytest.raises(KnowledgeError) as ei:
            acts.act_rows()
        assert ei.value.code == "G201" and f"acts.tsv:{n}" in str(ei.value)
    finally:
        acts.act_rows.cache_clear()


def test_a_family_code_outside_its_family_is_refused(tmp_path, monkeypatch):
    from geobrief.errors import KnowledgeError
    for name in ("act_families.tsv", "cameo_codes.tsv"):
        (tmp_path / name).write_text((kb.DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
    with open(tmp_path / "act_families.tsv", "a", encoding="utf-8") as fh:
        fh.write("\t".join(["099", "130"] + ["-"] * (len(acts.FAMILIES) - 1)) + "\n")  # a threat code as an appeal
    monkeypatch.setattr(kb, "DIR", tmp_path)
    acts.act_families.cache_clear()
    try:
        with pytest.raises(KnowledgeError) as ei:
            acts.act_families()
        assert ei.value.code == "G201" and "appeal" in str(ei.value)
    finally:
        acts.act_families.cache_clear()
        acts.family_codes.cache_clear()


def events_of(nlp, text):
    b = run(nlp, text, extra=EXTRA.items())
    names = {a.id: a.country for a in b.actors}
    return [(e.cameo, e.mode, [names[i] for i in e.actor], [names[i] for i in e.recipient]) for e in b.events]


def test_a_pledged_act_named_by_the_table_is_an_intention(nlp):
    # "revise" has no row of its own: acts.tsv names the act (a policy change, 0832 -> 0342); a pledge of
    # reform that names no addressee is aimed at the own state (domestic_codes.tsv, scope 'act')
    assert ("0342", "future", ["ESP"], ["ESP"]) in events_of(nlp, "Spain pledged to revise its fishing policy.")


def test_what_a_speaker_says_it_will_do_is_its_intention(nlp):
    got = events_of(nlp, "Norway said it would reduce its troop presence along the border with Iceland.")
    assert ("0356", "future", ["NOR"], ["ISL"]) in got  # de-escalation, the border's other side


def test_an_expressed_intention_noun_carries_the_act_and_its_owner(nlp):
    got = events_of(nlp, "Ghana expressed its intention to boost trade ties with Togo.")
    assert ("0311", "future", ["GHA"], ["TGO"]) in got


@pytest.mark.parametrize("text", [
    "Oman said the reforms would take time.",  # a prediction about reforms, no one's pledge
    "Ghana honoured its commitment to buy cocoa from Togo.",  # honouring is not stating an intention
])
def test_no_intention_where_no_one_states_one(nlp, text):
    assert not [e for e in events_of(nlp, text) if e[0].startswith("03")]


def test_an_intended_attack_is_138_and_a_threatened_one_1384(nlp):
    assert "138" in codes(nlp, "Norway wants to attack Iceland.")
    assert "1384" in codes(nlp, "Norway threatened to attack Iceland.")


@pytest.mark.parametrize("text,code", [
    ("Teachers in Oman went on strike against pension cuts.", "1432"),  # a strike against a policy
    ("Jailed activists in Oman went on hunger strike for the right to education.", "1423"),
    ("Students in Oman marched in Muscat demanding the minister's resignation.", "1411"),
    ("Farmers in Oman blocked highways to demand a new electoral commission.", "1444"),
])
def test_a_protest_is_coded_by_its_kind_and_what_it_demands(nlp, text, code):
    got = codes(nlp, text)
    assert code in got
    assert not [c for c in got if c.startswith("10")]  # the protest's demand is its sub-code, not a 10x


@pytest.mark.parametrize("text,code", [
    ("Norway handed back looted bronze sculptures to Iceland.", "0842"),  # return of property
    ("Norway reduced its troop presence along the border with Iceland.", "087"),  # de-escalation
    ("Laos allowed inspectors from Vietnam access to the dam.", "0862"),  # receive inspectors
])
def test_a_yielding_act_the_table_names_by_its_verb_is_an_event(nlp, text, code):
    assert code in codes(nlp, text)


@pytest.mark.parametrize("text", [
    "It is unclear whether Norway will return the sculptures to Iceland.",  # not done: no table act
    "Norway sought to mend ties with Iceland frayed by a boycott.",  # the boycott is not what is sought
])
def test_a_table_act_needs_its_verb_or_object(nlp, text):
    assert not [c for c in codes(nlp, text) if c.startswith(("084", "16"))]


@pytest.mark.parametrize("text,code", [
    ("Norway gave Iceland an ultimatum to close the base.", "139"),
    ("Norway demanded an urgent meeting with Iceland.", "106"),
    ("Talks with Iceland were broken off by Norway.", "164"),
    ("Norway carried out air strikes on Iceland.", "195"),  # air strikes, not any attack (190)
    ("Norway lodged a formal protest with Iceland.", "114"),
    ("Norway turned down a request from Iceland for a new loan.", "1221"),
    ("Norway scaled back its assistance to Iceland.", "162"),
    ("Norway expelled six inspectors from Iceland.", "1662"),
])
def test_light_verb_and_particle_rows(nlp, text, code):
    assert code in codes(nlp, text)


@pytest.mark.parametrize("text,code", [
    ("Norway made an urgent appeal to Iceland for food aid.", "0233"),  # a light-verb appeal
    ("Norway promised to work with Iceland on new roads.", "031"),
    ("Norway resumed fish exports to Iceland in May.", "061"),
    ("Norway insisted that Iceland join the joint naval patrols.", "1012"),  # a dictionary verb, a folded act
    ("A request for weapons was submitted to Iceland by Norway.", "0232"),  # the passive's object
])
def test_more_appeals_intentions_and_demands(nlp, text, code):
    assert code in codes(nlp, text)


@pytest.mark.parametrize("text,code", [
    ("Norway imposed martial law in Iceland.", "1724"),
    ("Norway lifted the state of emergency in Iceland.", "0814"),
    ("Norway used sarin gas on Icelandic towns.", "2041"),
])
def test_emergency_rule_and_weapon_rows(nlp, text, code):
    assert code in codes(nlp, text)


def test_an_act_between_two_parties_is_directed_at_them(nlp):
    got = events_of(nlp, "Oman threatened to end its mediation between Yemen and Fiji.")
    assert any(e[0] == "135" and "YEM" in e[3] for e in got)


@pytest.mark.parametrize("text", [
    "Norway said it plans to put the 18 million dollars it raised to good use.",  # money is no aid pledge
    "Norway said it will expand its armed forces.",  # growing an army is no threat of force
    "Norway urged Iceland to pause its tax credits for electric cars.",  # tax credits are no economic aid
])
def test_money_and_forces_alone_name_no_act(nlp, text):
    assert not [c for c in codes(nlp, text) if c.startswith(("033", "138", "0231"))]


def test_ending_an_act_is_not_intending_it(nlp):
    got = codes(nlp, "Norway said it would end the joint military exercises with Iceland.")
    assert "0356" in got and not [c for c in got if c.startswith("031")]


def test_demonstrating_a_quality_is_no_protest(nlp):
    assert not [c for c in codes(nlp, "Norway's reforms demonstrate to the world that growth is possible.")
                if c.startswith("14")]
    assert "141" in codes(nlp, "Thousands demonstrated in Oslo against the Norway government.")


def test_markets_that_rally_do_not_protest(nlp):
    assert not [c for c in codes(nlp, "Shares rallied in Oslo on Monday after Norway cut interest rates.")
                if c.startswith("14")]


@pytest.mark.parametrize("text", [
    "Norway used the report as a shield against criticism.",  # a shield, not human shields
    "Norway blocked access to the website.",  # censorship, not a road blockade
    "Norway cut funding for its schools.",  # a budget, not aid withheld from anyone
    "Norway was accused of trying to sabotage the talks.",
])
def test_metaphors_of_the_new_rows_are_not_events(nlp, text):
    assert not [c for c in codes(nlp, text) if c.startswith(("184", "144", "162", "1712"))]
