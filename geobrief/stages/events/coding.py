"""Coding: CAMEO refinements that depend on objects and participants, and the speech acts
(accusations, refusals, requests, claims of responsibility) derived around an event."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ...knowledge import events as kb
from ...knowledge.acts import family_code
from .acts import act_code
from .argcodes import argument_code_for_text
from .arguments import _np_args
from .modes import ModeInfo, _mode
from .syntax import _children, _lem, _obj, _preps, request_code
from .vocab import Match, _misparsed_relative
from .where import _is_place


MILITARY_WEAPONS = (({"missile", "missiles", "rocket", "rockets", "airstrike", "airstrikes", "drone", "drones",
                      "warplane", "warplanes", "jet", "jets", "bomber", "bombers", "helicopter", "helicopters"}, "195"),
                    ({"artillery", "tank", "tanks", "shell", "shells", "shelling", "mortar", "mortars", "howitzer"},
                     "194"))


BOMBING_NOUNS = {"bombing", "bomb", "blast", "explosion", "bomber"}


def _bombing_recode(m: "Match", cameo: str) -> str:
    """Killing done by a bombing is a bombing (CAMEO 183): "a suicide bombing ... that killed 11"
    -> 1831, a car bomb -> 1832, a roadside bomb -> 1833. Only for the generic killing codes (19x
    with no weapon of its own, 18x unspecified) and only when the bombing is the clause's own
    antecedent, subject or "in/by" instrument."""
    if cameo not in ("190", "180", "18", "19") or m.pattern.plover != "ASSAULT":
        return cameo
    t = m.trigger
    subj = _children(t, "nsubj")
    ante = _misparsed_relative(subj[0], t) if subj else None  # "a suicide bombing ... that killed 11"
    nouns = [x for x in ([t.head] if t.dep_ == "relcl" else []) + subj + ([ante] if ante is not None else [])
             + _preps(t, ("in", "by")) if _lem(x) in BOMBING_NOUNS or x.lower_ in BOMBING_NOUNS]
    if not nouns:
        return cameo
    mods = {c.lower_ for n in nouns for c in n.subtree if c.i < n.i}
    if "suicide" in mods:
        return "1831"
    if "car" in mods or "truck" in mods or "vehicle" in mods:
        return "1832"
    if "roadside" in mods or "improvised" in mods or "ied" in mods:
        return "1833"
    return "183"


def _military_recode(m: "Match", cameo: str) -> str:
    """A bombing (18x) carried out with a military weapon ("blown up by a missile") is military
    force (19x): 195 aerial weapons, 194 artillery and tanks."""
    if not cameo.startswith("18") or m.pattern.pos != "VERB":
        return cameo
    t = m.trigger
    words = {x.lower_ for x in _preps(t, ("by", "with"))} | {_lem(x) for x in _preps(t, ("by", "with"))}
    for keys, code in MILITARY_WEAPONS:
        if words & keys:
            return code
    return cameo


# ---------------------------------------------------------------------------- building events
@dataclass
class Draft:
    match: Match
    actors: list[Arg]
    recipients: list[Arg]
    mode: ModeInfo
    sent: object
    date: Optional[str] = None
    date_span: Optional[Span] = None
    place: Optional[str] = None
    place_span: Optional[Span] = None
    cameo: str = ""
    plover: str = ""
    confidence: float = 0.8
    date_text: Optional[str] = None  # the date words attached to the trigger, resolved or not


AID_KIND = (
    ({"weapon", "weapons", "arms", "ammunition", "missile", "missiles", "military", "equipment", "tank",
      "tanks", "training"}, "072"),
    ({"food", "humanitarian", "medical", "medicine", "shelter", "relief", "tents"}, "073"),
    ({"loan", "loans", "money", "funds", "funding", "economic", "billion", "million", "fuel", "$", "financial"}, "071"),
    ({"asylum", "refuge"}, "075"),
)


def _refine(match: Match, recips: list[Arg]) -> str:
    p = match.pattern
    code = p.cameo
    obj = match.obj if match.obj is not None else (_obj(match.trigger) if p.pos == "VERB" else None)
    if p.plover == "AID" and code in ("070", "033") and obj is not None:
        words = {x.lower_ for x in obj.subtree} | {_lem(obj)}
        for keys, c in AID_KIND:
            if words & keys:
                code = c if code == "070" else {"072": "0332", "073": "0333", "071": "0331", "075": "033"}[c]
                break
    if p.plover == "CONCEDE" and code == "085" and match.obj is not None:
        words = {x.lower_ for x in match.obj.subtree}
        if not words & {"economic", "sanction", "sanctions", "embargo", "boycott", "trade"}:
            code = "081"
    return code


def _claimed_perpetrators(brief: Brief, drafts: list[Draft]) -> None:
    """"ISKP claimed responsibility for a suicide bombing that killed 11 people": the attack inside
    the claim had no actor of its own; the claimant is its actor, on the claimant's word. The
    attack becomes attributed (its source whoever reports the claim, else the claimant) and
    its confidence is capped at 0.6: a claim of responsibility is not proof."""
    claims = [d for d in drafts if d.cameo == "015" and d.actors and d.mode.mode not in ("negated", "hypothetical")]
    for d in drafts:
        if d.cameo[:2] not in ("18", "19", "20") or any(
                a.actor or (argument_code_for_text(a.span.text)[0] != "---" and not _is_place(brief, a.span))
                for a in d.actors):
            continue  # the attack has an actor of its own ("a market" or "Peshawar" that killed is none)
        for c in claims:
            t = c.match.trigger
            if d.match.trigger.i > t.i and d.match.trigger in t.subtree:
                d.actors = list(c.actors)
                if c.mode.mode == "attributed" and c.mode.source is not None:
                    # "ISKP claimed responsibility for a bombing that killed 11, Taliban officials said":
                    # the attack and its toll are on the word of whoever reports the claim
                    d.mode = dataclasses.replace(d.mode, mode="attributed", source=c.mode.source)
                elif d.mode.mode == "asserted":
                    d.mode = dataclasses.replace(d.mode, mode="attributed", source=next(
                        (x for x in t.children if x.dep_ == "nsubj"), None))
                d.confidence = min(d.confidence, 0.6)
                break


def _self_announced(mi: ModeInfo, actors: list[Arg]) -> bool:
    """"Obama and Putin said they will attack Iraq": a source announcing its own action."""
    if mi.source is None or not actors:
        return False
    src = {x.idx for x in mi.source.subtree}
    return any(a.span.start in src for a in actors)


# An event known only from inside someone's claim or accusation ("X said that Y attacked Z"),
# where the claim itself is coded as an event (X ACCUSE Y), carries this confidence; counts that
# follow the CAMEO convention of coding the speech act leave such events out.
EMBEDDED_CONFIDENCE = 0.45
NOT_A_RELEASE = {"report", "statement", "timeline", "data", "figure", "detail", "information", "document",
                 "video", "footage", "album", "film", "book", "update", "version", "list", "result", "finding",
                 "record", "transcript", "budget", "image", "photo", "photograph", "picture", "game", "product",
                 "song", "single", "memo", "letter", "paper", "study", "survey", "poll", "tape", "recording",
                 "audio", "name", "balloon", "gas", "pressure", "energy", "emission", "tension"}
NON_AGENTS = {"outbreak", "plague", "disease", "virus", "crash", "accident", "storm", "earthquake", "flood",
              "fire", "blast", "explosion", "heat", "cold", "famine", "drought", "hurricane", "cyclone",
              "landslide", "avalanche", "illness", "cancer", "epidemic", "pandemic", "overdose", "tornado",
              "typhoon", "wildfire", "collapse", "infection", "lightning"}
FIGHT_WORDS = {"firefight", "fighting", "clash", "clashes", "battle", "battles", "gunfight", "combat",
               "hostilities", "skirmish", "skirmishes", "shootout", "exchange", "fire", "gunbattle"}
VERBAL_TARGETS = {"credibility", "policy", "decision", "remark", "claim", "plan", "record", "statement",
                  "comment", "idea", "report", "media", "press", "legitimacy", "integrity", "character",
                  "reputation", "view", "speech", "proposal", "bill", "law", "deal", "agreement", "argument",
                  "stance", "approach", "leadership", "motive", "judgment", "judgement", "ruling",
                  "loophole", "tax", "ideology", "agenda", "platform", "campaign", "candidate", "opponent",
                  "critic", "rhetoric", "program", "programme", "rule", "measure", "administration"}
# verbs that name a verbal attack as readily as a physical one (not "shelled", "bombed": "shelled their
# positions" stays an assault)
VERBAL_ATTACK_VERBS = {"attack", "target", "hit", "blast", "slam", "assail", "fight", "pound", "strike"}
NOT_A_VISIT = {"office", "base", "embassy", "headquarters", "refugee", "camp", "troop", "population",
               "museum", "festival", "exhibition", "website", "show", "program", "programme"}
# what a warning "of" or "about" names when it is a threat ("warned of retaliation"), not a danger
THREAT_NOUNS = {"retaliation", "consequence", "consequences", "response", "reprisal", "reprisals", "action",
                "measure", "measures", "sanction", "sanctions", "strike", "strikes", "force", "war", "punishment",
                "countermeasure", "countermeasures", "escalation"}
_OWN_SUBJECTS = {"we", "i", "it", "they"}
# people a warning advises rather than threatens
ADVISED = {"resident", "people", "public", "citizen", "traveler", "traveller", "tourist", "parent", "consumer",
           "user", "reader", "viewer", "visitor", "patient", "motorist", "driver", "investor", "customer"}


def warning_is_a_threat(t) -> bool:
    """"warned Iran", "warned against", "warned of retaliation", "warned that it would respond": a threat
    (CAMEO 13). A warning of a danger no one wields ("officials warned the bacteria could mutate",
    "warned of a famine") is not: no one threatens anyone."""
    subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    for c in t.children:
        if c.dep_ in ("dobj", "dative") and c.lemma_.lower() not in ADVISED:
            return True  # "warned Iran", "warned the rebels" (not "warned residents to stay indoors")
        if c.dep_ == "prep" and c.lower_ == "against":
            return True
        if c.dep_ == "prep" and c.lower_ in ("of", "about") and any(
                g.lemma_.lower() in THREAT_NOUNS or g.lower_ in THREAT_NOUNS for g in c.children if g.dep_ == "pobj"):
            return True
        if c.dep_ == "ccomp":
            s2 = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
            if s2 is not None and (s2.lower_ in _OWN_SUBJECTS or (subj is not None and s2.lemma_ == subj.lemma_)):
                return True
    return False


POLICE_WORDS = {"police", "policemen", "officers", "gendarmes", "gendarmerie"}
OPP_WORDS = {"protester", "protesters", "protestor", "protestors", "demonstrator", "demonstrators", "rioter",
             "rioters", "activist", "activists", "opposition"}


def _sector_words(args: list[Arg]) -> set[str]:
    return {w.lower().strip(".,") for a in args for w in a.span.text.split()}


# sectors of a group that protests rather than sanctions or fights when it boycotts, blockades or
# clashes: opposition, labour, farmers, students and teachers, health workers, civilians
CIVIL_SECTORS = frozenset({"OPP", "LAB", "AGR", "EDU", "HLH", "CVL"})


def _civil_group(brief, args: list[Arg]) -> bool:
    """Are the arguments a non-state group ("rioters", "French fishermen", "teachers in Zimbabwe")?"""
    if not args:
        return False
    if _sector_words(args) & OPP_WORDS:
        return True
    secs = [a.sector for a in (brief.actor(x.actor) for x in args if x.actor) if a is not None] if brief else []
    return len(secs) == len(args) and all(s in CIVIL_SECTORS for s in secs)


def _recode_by_participants(d: "Draft", brief=None) -> None:
    """CAMEO distinctions that depend on who acts: property destroyed by protesters is a violent
    protest (145); force used on protesters is repression (175); a boycott, a blockade or a clash
    with police by a non-state group is a protest (143 / 144 / 145), not a sanction or an attack."""
    if d.cameo in ("1712", "1711", "171") and _sector_words(d.actors) & OPP_WORDS:
        d.cameo, d.plover = "145", "PROTEST"
    elif d.plover == "ASSAULT" and d.cameo[:2] in ("18", "19") and _sector_words(d.recipients) & OPP_WORDS:
        d.cameo, d.plover = "175", "COERCE"
    elif d.cameo[:2] == "16" and _lem(d.match.trigger) == "boycott" and _civil_group(brief, d.actors):
        d.cameo, d.plover = act_code("143", d.match.trigger), "PROTEST"  # "teachers boycotted classes"
    elif d.cameo == "191" and _civil_group(brief, d.actors):
        d.cameo, d.plover = act_code("144", d.match.trigger), "PROTEST"  # "fishermen blockaded ports"
    elif d.plover == "ASSAULT" and _lem(d.match.trigger) == "clash" and _civil_group(brief, d.actors) and \
            _sector_words(d.recipients) & POLICE_WORDS:
        d.cameo, d.plover = act_code("145", d.match.trigger), "PROTEST"  # "rioters clashed with police"


def _derived_speech_act(brief, idx, d: "Draft") -> Optional["Draft"]:
    """The speech act around an uncounted event, which CAMEO codes as an event of its own:
    "Obama wants Putin to attack X" = Obama appeals to Putin (02x); "Mali refused to release the
    soldiers" / "said it would not provide support" = a refusal (12x)."""
    mi = d.mode
    if mi.wisher is not None and d.actors:
        w = mi.wisher
        subj = _children(w, "nsubj")
        if not subj:
            return None
        srcs = _np_args(brief, idx, subj[0])
        pat = kb.Pattern(_lem(w), "VERB", (), "REQUEST", "020", (), frozenset())
        nd = Draft(Match(pat, w), srcs, d.actors, _mode(w, None, None, False), d.sent)
        nd.cameo, nd.plover, nd.confidence = request_code("020", d.cameo), "REQUEST", 0.6
        return nd if nd.mode.mode in ("asserted", "attributed") else None
    if mi.refusal is not None and d.plover not in ("ASSAULT", "COERCE", "SANCTION", "THREATEN", "ACCUSE", "REJECT"):
        r = mi.refusal
        code = family_code("reject", d.cameo) or "120"  # act_families.tsv: "refused to release" 1243
        pat = kb.Pattern(_lem(r), "VERB", (), "REJECT", code, (), frozenset())
        nd = Draft(Match(pat, r), d.actors, d.recipients, ModeInfo(mode="asserted"), d.sent)
        if mi.source is not None and not _self_announced(mi, d.actors):
            return None
        if mi.source is not None:
            nd.mode = ModeInfo(mode="attributed", source=mi.source)
        nd.cameo, nd.plover, nd.confidence = code, "REJECT", 0.6
        nd.date, nd.date_span = d.date, d.date_span
        return nd
    return None


CONFLICT_ROOTS = {"09", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20"}
ACCUSING_VERBS = {"allege": "112", "claim": "112", "say": "112", "accuse": "112", "report": None, "charge": "112"}


def _derived_accusations(brief, idx, drafts: list[Draft], text: str) -> list[Draft]:
    """"X said/claimed/alleged that Y attacked Z": X accuses Y (an asserted verbal event)."""
    out = []
    for d in drafts:
        if d.mode.mode != "attributed" or d.mode.source_verb is None or d.mode.source is None:
            continue
        v = d.mode.source_verb
        code = ACCUSING_VERBS.get(_lem(v))
        if not code or d.cameo[:2] not in CONFLICT_ROOTS or d.cameo[:2] in ("09", "11"):
            continue
        if d.cameo[:2] in ("14", "15", "16", "17") and _lem(v) == "say":
            continue
        if v.i > d.match.trigger.i:
            continue  # "..., officials said": wire attribution, not an accusation by the source
        srcs = _np_args(brief, idx, d.mode.source)
        if not d.actors or not srcs:
            continue
        skey = {a.actor or a.span.text.lower() for a in srcs}
        if any((a.actor or a.span.text.lower()) in skey for a in d.actors):
            if d.cameo[:2] not in ("18", "19", "20"):
                continue  # "she says she opposes the deal": her stance, claimed by no one for anything
            # "the Houthis said they had attacked": a claim of responsibility (CAMEO 015)
            pat = kb.Pattern(_lem(v), "VERB", (), "CONCEDE", "015", (), frozenset())
            nd = Draft(Match(pat, v), srcs, d.recipients, _mode(v, None, None, False), d.sent)
            nd.cameo, nd.plover, nd.confidence = "015", "CONCEDE", 0.6
            out.append(nd)
            d.confidence = min(d.confidence, EMBEDDED_CONFIDENCE)
            continue
        pat = kb.Pattern(_lem(v), "VERB", (), "ACCUSE", code, (), frozenset())
        m = Match(pat, v)
        mi = _mode(v, None, None, False)
        nd = Draft(m, srcs, d.actors, mi, d.sent)
        nd.cameo, nd.plover, nd.confidence = code, "ACCUSE", 0.6
        out.append(nd)
        d.confidence = min(d.confidence, EMBEDDED_CONFIDENCE)
    return out


DEMAND_MODALS = frozenset({"must", "should", "ought"})
DEMAND_SAYING = frozenset({"say", "insist", "state", "add", "assert", "declare", "stress", "tell", "write",
                           "tweet", "warn", "argue"})


def _reported_clauses(brief, idx, clauses: list, sent) -> list[Draft]:
    """Demands and criticism read from the clausal complements of a sentence (see
    :func:`_modal_demands` and :func:`_critics_say`)."""
    if not clauses:
        return []
    return _modal_demands(brief, idx, clauses, sent) + _critics_say(brief, idx, clauses, sent)


def _modal_demands(brief, idx, clauses, sent) -> list[Draft]:
    """"'Iran must pay for the damage,' the minister said": a speaker saying that another party
    must or should act makes a demand of it (CAMEO 10x, refined by what is demanded when that is an
    event). Only an active clause whose subject is a known party other than the speaker."""
    from .vocab import _match

    out = []
    for v in clauses:
        if not any(c.dep_ == "aux" and c.lower_ in DEMAND_MODALS for c in v.children):
            continue
        say = v.head
        if _lem(say) not in DEMAND_SAYING:
            continue
        subj = _children(v, "nsubj")
        speaker = _children(say, "nsubj")
        if not subj or not speaker or subj[0].pos_ not in ("NOUN", "PROPN") or speaker[0].pos_ not in ("NOUN", "PROPN"):
            continue
        targets = _np_args(brief, idx, subj[0])
        srcs = _np_args(brief, idx, speaker[0])

        def codes(args):
            return {(brief.actor(a.actor).country if a.actor and brief.actor(a.actor) else None)
                    or argument_code_for_text(a.span.text)[0] for a in args} - {"---", None, ""}
        tc, sc = codes(targets), codes(srcs)
        if not tc or not sc or tc & sc:
            continue  # an unknown party, or the speaker's own side ("France must act", said Macron)
        m = _match(v)
        code = request_code("100", m.pattern.cameo) if m is not None else "100"
        pat = kb.Pattern(_lem(say), "VERB", (), "REQUEST", code, (), frozenset())
        nd = Draft(Match(pat, say), srcs, targets, _mode(say, None, None, False), sent)
        if nd.mode.mode not in ("asserted", "attributed"):
            continue
        nd.cameo, nd.plover, nd.confidence = code, "REQUEST", 0.6
        out.append(nd)
    return out


# nouns of asking whose "for X to <act>" clause is what is asked, not an event: the code of the ask
REQUEST_NOUNS = {"request": "020", "appeal": "020", "plea": "020", "petition": "020", "call": "020",
                 "demand": "100", "ultimatum": "100"}


def requested_clause(t) -> bool:
    """"a request for the court to investigate Israel": the investigation is only asked for."""
    return t.dep_ == "advcl" and _lem(t.head) in REQUEST_NOUNS and \
        any(c.dep_ == "mark" and c.lower_ == "for" for c in t.children)


def _requested_act(brief, idx, m: Match, sent) -> Optional[Draft]:
    """The ask around a requested clause: whoever made the request (its possessor, else the subject
    of the verb that made, filed or renewed it) appeals to (02x) or demands of (10x) the party asked
    to act; "Peru filed a request for the court to investigate Chile" is Peru asking the court."""
    from .arguments import _subject

    t = m.trigger
    noun = t.head
    poss = [c for c in noun.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")]
    owner = poss[0] if poss else (_subject(noun.head) if noun.dep_ == "dobj" else None)
    asked = _children(t, "nsubj")
    if owner is None or not asked:
        return None
    srcs, recips = _np_args(brief, idx, owner), _np_args(brief, idx, asked[0])
    if not srcs or not recips:
        return None
    code = request_code(REQUEST_NOUNS[_lem(noun)], m.pattern.cameo)
    pat = kb.Pattern(_lem(noun), "NOUN", (), "REQUEST", code, (), frozenset())
    nd = Draft(Match(pat, noun), srcs, recips, _mode(noun.head if noun.dep_ == "dobj" else noun, None, None, False), sent)
    nd.cameo, nd.plover, nd.confidence = code, "REQUEST", 0.6
    return nd


def _hosted_visit(d: Draft) -> Optional[Draft]:
    """"Qatar hosted Pakistani ministers": the guests visited the host (CAMEO codes the one
    occasion from both sides, 043 and 042). Only for a hosting that happened, with both sides named."""
    if d.cameo != "043" or not d.actors or not d.recipients or \
            d.mode.mode not in ("asserted", "attributed", "historical"):
        return None
    pat = kb.Pattern(d.match.pattern.lemma, d.match.pattern.pos, (), "CONSULT", "042", (), frozenset())
    nd = Draft(Match(pat, d.match.trigger, d.match.obj, d.match.end_tok), list(d.recipients), list(d.actors),
               d.mode, d.sent, d.date, d.date_span, d.place, d.place_span)
    nd.cameo, nd.plover, nd.confidence = "042", "CONSULT", d.confidence
    return nd


CRITIC_WORDS = frozenset({"critic", "detractor", "opponent", "skeptic", "sceptic"})


def _critics_say(brief, idx, clauses, sent) -> list[Draft]:
    """"Critics said that the president was shielding the bankers": what critics say a named party
    does is their criticism of it (CAMEO 111), whoever the critics are. Only for a named, non-pronoun
    subject of the reported clause that is a known party."""
    out = []
    for v in clauses:
        if _lem(v.head) not in DEMAND_SAYING | {"charge", "complain", "argue", "contend"}:
            continue
        speaker = _children(v.head, "nsubj")
        if not speaker or _lem(speaker[0]) not in CRITIC_WORDS:
            continue
        subj = _children(v, "nsubj", "nsubjpass")
        if not subj or subj[0].pos_ not in ("NOUN", "PROPN"):
            continue
        targets = [a for a in _np_args(brief, idx, subj[0]) if a.actor or argument_code_for_text(a.span.text)[0] != "---"]
        if not targets:
            continue
        say = v.head
        pat = kb.Pattern(_lem(say), "VERB", (), "ACCUSE", "111", (), frozenset())
        nd = Draft(Match(pat, say), _np_args(brief, idx, speaker[0]), targets, _mode(say, None, None, False), sent)
        if nd.mode.mode not in ("asserted", "attributed"):
            continue
        nd.cameo, nd.plover, nd.confidence = "111", "ACCUSE", 0.6
        out.append(nd)
    return out
