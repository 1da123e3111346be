"""Actors stage: recognises actor mentions and resolves them to canonical actors on the article's date.

Layers, in order (each later layer only fills what the earlier ones left):

1. knowledge-base matching (``geobrief.knowledge.actors``): people, organisations, armed groups,
   IGOs, state names, demonyms, capitals and seats of power; spaCy's PERSON/ORG labels are
   overruled by the knowledge base (an envoy tagged ORG is still a person);
2. nominal groups: a country word + an actor noun ("Pakistani officials", "French officials and
   military advisers", "a senior Guyanese police officer") -> one actor per (country, sector);
3. people not in the knowledge base: spaCy PERSON (and person-like ORG after a title), with
   country, sector and role read from the title before the name or an appositive;
4. organisations not in the knowledge base: spaCy ORG with the country inside the name;
5. coreference: surnames, "the group"/"the movement" (the salient non-state group),
   "the country"/"the minister"..., person pronouns, and they/their bound to a named group that is
   the subject of the same clause.

Never actors: a dateline ("KABUL, Nov 12 (Meridian Wire) -"), a city qualifying a noun ("the Kabul
meeting"), a country adjective compound ("Iran-backed"). Plural demonyms are the people
("the detained Americans" -> USACVL) unless, with "the", a government/delegation of that country
came before ("The Americans were expected to leave" -> USAGOV).

Countries named only as locations are left to the places stage (which the events stage already
reads for participants' countries): ``locations=True`` reports them as how="place" for CAMEO-style
scoring only. The one exception is made later, by the events stage: the host state of an act
directed at a foreign place ("military exercises in Alaska") joins the actors with a how="place"
mention, because it is that act's recipient.

Roles are resolved on ``brief.article.published``: a former envoy is coded as an elite (ELI) with
role "former ...", a movement that now governs gets the government code. An undated text is read
in the window its own years allow (``dating``), never simply as of today.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Optional

from ...knowledge.actors import KnowledgeBase, Resolved, Target, load_kb, tokenize
from ...model import Actor, Brief, Mention
from ...pipeline import stage
from . import describe
from .dating import reading
from .lexicon import agents

# ---------------------------------------------------------------- project lexicons (MIT)
# actor nouns (lemmas) -> CAMEO/PLOVER sector
SECTOR_NOUNS = {
    "official": "GOV", "government": "GOV", "minister": "GOV", "ministry": "GOV", "diplomat": "GOV",
    "envoy": "GOV", "ambassador": "GOV", "embassy": "GOV", "delegation": "GOV", "authority": "GOV",
    "administration": "GOV", "president": "GOV", "premier": "GOV", "spokesman": "GOV",
    "spokeswoman": "GOV", "spokesperson": "GOV", "negotiator": "GOV", "cabinet": "GOV", "regime": "GOV",
    "counterpart": "GOV", "leadership": "GOV", "emissary": "GOV", "consul": "GOV", "consulate": "GOV",
    "chancellor": "GOV", "secretary": "GOV", "governor": "GOV", "mayor": "GOV", "king": "GOV",
    "lawmaker": "LEG", "legislator": "LEG", "parliament": "LEG", "senator": "LEG", "parliamentarian": "LEG",
    "congressman": "LEG", "congresswoman": "LEG", "legislature": "LEG", "mp": "LEG",
    "troop": "MIL", "soldier": "MIL", "military": "MIL", "army": "MIL", "force": "MIL", "navy": "MIL",
    "commander": "MIL", "general": "MIL", "warplane": "MIL", "jet": "MIL", "drone": "MIL", "warship": "MIL",
    "aircraft": "MIL", "marine": "MIL", "paratrooper": "MIL", "serviceman": "MIL", "airstrike": "MIL",
    "artillery": "MIL", "gunboat": "MIL", "helicopter": "MIL", "colonel": "MIL",
    "police": "COP", "policeman": "COP", "policemen": "COP", "cop": "COP",
    "spy": "SPY", "intelligence": "SPY",
    "rebel": "REB", "militant": "REB", "fighter": "REB", "guerrilla": "REB", "separatist": "REB",
    "jihadist": "REB", "terrorist": "REB", "militia": "REB", "militiaman": "REB", "gunman": "REB",
    "insurgent": "INS", "insurgency": "INS",
    "opposition": "OPP", "dissident": "OPP", "protester": "OPP", "demonstrator": "OPP",
    "court": "JUD", "judge": "JUD", "prosecutor": "JUD", "judiciary": "JUD", "tribunal": "JUD",
    "journalist": "JRN", "reporter": "JRN", "correspondent": "JRN",
    "businessman": "BUS", "businesswoman": "BUS", "company": "BUS", "firm": "BUS", "investor": "BUS",
    "student": "EDU", "teacher": "EDU", "academic": "EDU",
    "cleric": "REL", "missionary": "REL", "priest": "REL", "imam": "REL", "clergy": "REL", "scholar": "REL",
    "civilian": "CVL", "citizen": "CVL", "national": "CVL", "resident": "CVL", "villager": "CVL",
    "worker": "CVL", "tourist": "CVL", "activist": "CVL", "man": "CVL", "woman": "CVL", "people": "CVL",
    "hostage": "CVL", "prisoner": "CVL", "captive": "CVL", "detainee": "CVL", "pilgrim": "CVL",
    "refugee": "REF", "migrant": "REF", "asylum-seeker": "REF",
    "campaigner": "CVL", "side": "GOV", "inspector": "GOV", "observer": "GOV", "monitor": "GOV",
    "doctor": "HLH", "medic": "HLH", "officer": "GOV", "agent": "SPY", "guard": "MIL",
    "peacekeeper": "MIL", "tank": "MIL", "shelling": "MIL", "bombardment": "MIL", "gunfire": "MIL",
    "protestor": "OPP", "rioter": "OPP", "mob": "OPP",
    "media": "JRN", "leader": "GOV", "politician": "GOV", "adviser": "GOV", "advisor": "GOV", "figure": "CVL", "group": "CVL", "command": "MIL",
}
# modifiers that decide the sector of the noun they modify ("military advisers", "police officer")
SECTOR_MODIFIERS = {
    "military": "MIL", "army": "MIL", "defence": "MIL", "defense": "MIL", "naval": "MIL", "navy": "MIL",
    "air": "MIL", "security": "MIL", "armed": "MIL", "border": "MIL",
    "police": "COP", "intelligence": "SPY", "spy": "SPY",
    "opposition": "OPP", "rebel": "REB", "militant": "REB", "insurgent": "INS",
    "government": "GOV", "foreign": "GOV", "state": "GOV", "ministry": "GOV", "embassy": "GOV",
    "parliamentary": "LEG", "congressional": "LEG",
    "aid": "NGO", "rights": "NGO", "humanitarian": "NGO", "court": "JUD", "judicial": "JUD",
    "news": "JRN", "media": "JRN",
}
# person nouns that, with a country word, make a nominal actor (a subset of SECTOR_NOUNS' keys
# is enough: every key above denotes people or an organ that acts)
PERSON_TITLES = {
    "minister", "secretary", "president", "premier", "chancellor", "king", "queen", "emir", "prince",
    "envoy", "ambassador", "spokesman", "spokeswoman", "spokesperson", "official", "diplomat",
    "general", "commander", "chief", "director", "adviser", "advisor", "representative", "negotiator",
    "leader", "senator", "lawmaker", "governor", "mayor", "head", "judge", "deputy", "colonel",
    "lieutenant", "major", "captain", "admiral", "marshal", "sheikh", "mullah", "ayatollah", "cleric",
    "commissioner", "coordinator", "counsellor", "counselor", "consul", "attaché", "attache", "journalist",
    "reporter", "correspondent", "analyst", "activist", "officer", "mufti", "maulana", "mawlawi", "emissary",
    "founder", "chairman", "chairwoman", "chair", "speaker", "vice", "prime", "foreign", "defence", "defense",
    "interior", "acting", "senior", "former", "top", "special", "military", "army",
}
ORG_HEADS = {
    "ministry": "GOV", "department": "GOV", "office": "GOV", "council": "GOV", "government": "GOV",
    "commission": "GOV", "agency": "GOV", "administration": "GOV", "embassy": "GOV", "cabinet": "GOV",
    "directorate": "GOV", "authority": "GOV", "presidency": "GOV",
    "army": "MIL", "forces": "MIL", "force": "MIL", "navy": "MIL", "guard": "MIL", "corps": "MIL",
    "command": "MIL", "brigade": "REB", "brigades": "REB", "front": "REB", "militia": "REB",
    "police": "COP", "court": "JUD", "tribunal": "JUD", "parliament": "LEG", "assembly": "LEG",
    "senate": "LEG", "congress": "LEG", "party": "PTY", "movement": "OPP", "league": "PTY",
    "bank": "BUS", "company": "BUS", "corporation": "BUS", "university": "EDU", "airlines": "BUS",
    "airways": "BUS", "airline": "BUS",
    "agency's": "GOV", "intelligence": "SPY", "service": "SPY",
}
# prepositions after which a capital or seat of power is a place, not an actor
LOCATIVE_PREPS = {"in", "at", "near", "inside", "outside", "into", "across", "around", "within",
                  "throughout", "on", "onto", "over", "via", "through", "beyond", "off"}
# for country names the place reading needs a clearly spatial preposition ("sanctions on Iran",
# "fired at Russia" are about the state)
STATE_LOCATIVE_PREPS = {"in", "inside", "into", "within", "throughout", "across", "near", "around", "via",
                        "through", "outside"}
# nouns that a country only qualifies ("Afghanistan's development", "Afghan soil")
THING_NOUNS = {"development", "soil", "territory", "sovereignty", "economy", "airspace", "waters", "coast",
               "history", "future", "population", "capital", "border", "borders", "land", "interior",
               "south", "north", "east", "west", "centre", "center", "neighbours", "neighbors", "city",
               "province", "region", "mountains", "culture", "constitution", "flag", "currency"}
PLACE_LIKE_NOUNS = {"embassy", "consulate", "ministry", "parliament", "court", "office", "headquarters"}
# a country named only as a location ("fighting in Afghanistan") is reported as an actor mention
# with how="place" when this is on; analysts' mention gold leaves such mentions out
LOCATIONS_AS_ACTORS = False
MOTION_WORDS = {"travel", "arrive", "fly", "return", "come", "go", "visit", "move", "flee", "head", "leave",
                "trip", "flight", "road", "route", "way", "journey", "deport", "transfer", "drive", "walk",
                "march", "relocate", "expel", "evacuate", "evacuation", "mile", "kilometre", "kilometer",
                "km", "north", "south", "east", "west", "bring", "take", "send", "ship", "smuggle"}
# coreferring nominals: word -> kinds/sectors it may refer to
COREF_NOMINALS = {
    "group": ("armed_group", "organisation"), "movement": ("armed_group", "organisation"),
    "militants": ("armed_group",), "insurgents": ("armed_group",), "organisation": ("organisation", "igo", "armed_group"),
    "organization": ("organisation", "igo", "armed_group"), "alliance": ("igo",), "bloc": ("igo",),
    "body": ("igo", "organisation"), "agency": ("organisation", "igo"), "country": ("state",),
    "nation": ("state",), "state": ("state",), "regime": ("state", "organisation", "armed_group"),
    "kingdom": ("state",), "republic": ("state",), "outfit": ("armed_group",), "faction": ("armed_group",),
}
COREF_DETS = {"the", "this", "that"}
STATE_NOMINALS = {"country", "nation", "kingdom", "republic", "state"}
SAY_LEMMAS = {"say", "tell", "add", "deny", "insist", "stress", "state", "note", "explain", "claim", "argue",
              "warn", "reiterate", "confirm", "announce", "declare", "reply", "respond", "write"}
# lower-case particles inside personal names ("Majed al-Ansari", "Ursula von der Leyen")
NAME_PARTICLES = {"al", "el", "bin", "ibn", "bint", "ul", "ud", "van", "von", "der", "den", "de", "da", "du",
                  "di", "dos", "das", "la", "le"}
_HYPHEN_ADJ = re.compile(r"[-\u2010\u2011]\s?[a-z]")
_POSS_S = re.compile(r"['\u2019]s\s")
# nominals that mean a non-state group ("the group", "the movement"): resolved by salience
GROUP_NOMINALS = {"group", "movement", "outfit", "faction", "militants", "insurgents"}
COREF_PERSON_TITLES = {"minister", "envoy", "president", "ambassador", "spokesman", "spokeswoman",
                       "diplomat", "official", "leader", "secretary", "premier", "chancellor", "general",
                       "commander", "representative", "negotiator", "emir", "king"}
PRONOUNS_PERSON = {"he", "she", "him", "his", "her"}
PRONOUNS_THING = {"it", "its"}
PRONOUNS_GROUP = {"they", "them", "their"}
SECTOR_NAMES = {"GOV": "government", "MIL": "military", "COP": "police", "SPY": "intelligence",
                "REB": "rebels", "INS": "insurgents", "OPP": "opposition", "JUD": "judiciary",
                "LEG": "legislature", "JRN": "media", "BUS": "business", "EDU": "education",
                "REL": "religious", "CVL": "civilians", "REF": "refugees", "HLH": "health", "NGO": "NGOs",
                "PTY": "party", "ELI": "elites"}
# collective actor nouns: with a country word they are a group actor anywhere; singular person
# nouns ("an Afghan ambassador") only when they speak or act as a subject
COLLECTIVE_NOUNS = {"government", "military", "army", "navy", "police", "delegation", "administration",
                    "authority", "court", "parliament", "cabinet", "regime", "leadership", "opposition",
                    "militia", "force", "ministry", "judiciary", "legislature", "embassy", "consulate",
                    "intelligence", "media", "clergy", "people", "mob", "artillery", "shelling",
                    "bombardment", "gunfire", "tank", "warplane", "jet", "drone", "warship", "helicopter",
                    "aircraft", "navy", "guard", "media"}
PART_NOUNS = {"south", "north", "east", "west", "part", "rest", "capital", "border", "region", "interior",
              "centre", "center", "heart", "outskirts", "territory", "soil", "side"}
# it/its/they/their are resolved only when this is on (analysts' gold leaves them out: too vague)
RESOLVE_NEUTER_PRONOUNS = False
# a dateline at the head of a paragraph names where the story was filed, never an actor:
# "KABUL, Nov 12 (Meridian Wire) -", "KABUL (AP) -", "DOHA - ", "LYON: ", "Kabul, 12 November -"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE_TAIL = (rf",[ \t]*(?P<date>{_MONTH}[ \t]+\d{{1,2}}|\d{{1,2}}[ \t]+{_MONTH}|(?P<wday>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day))"
              r"(?:,?[ \t]*\d{4})?")
DATELINE_RE = re.compile(
    r"(?m)^[ \t\"'*_#>]*"
    r"(?P<place>(?P<caps>[A-Z][A-Z.'\-]+(?:[ \t]+[A-Z][A-Z.'\-]+){0,3})|[A-Z][a-z.'\-]+(?:[ \t]+[A-Z][a-z.'\-]+){0,2})"
    rf"(?P<region>,[ \t]*(?!{_MONTH}[ \t]+\d|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)[A-Z][A-Za-z.]+(?:[ \t]+[A-Z][A-Za-z.]+)?)?"
    rf"(?P<tail>(?:{_DATE_TAIL})?[ \t]*(?P<paren>\([^()\n]{{1,60}}\))?[ \t]*(?P<sep>[-\u2013\u2014]+[ \t]|:[ \t])?)"
    r"(?=\S)")


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of dateline places ("KABUL" in "KABUL, Nov 12 (Meridian Wire) - A US ...")."""
    out = []
    for m in DATELINE_RE.finditer(text):
        caps = m.group("caps") is not None and sum(ch.isalpha() for ch in m.group("place")) >= 3
        date, paren, sep = m.group("date"), m.group("paren"), (m.group("sep") or "").strip()
        if caps:
            ok = bool(date or paren or sep)
        else:  # "Kabul, Nov 12 -", "Kabul (Reuters) -", "Kabul - ": never a colon or a weekday alone
            ok = (bool(date) and not m.group("wday")) or bool(paren) and bool(sep) or sep[:1] in ("-", "\u2013", "\u2014")
            ok = ok and bool(date or paren or sep)
        if ok:
            # "LYON: Interpol ...": a colon alone also follows headline topics ("IRAN: ..."), so such a
            # dateline (strong=False) only silences capitals and unknown names
            strong = bool(date or paren or sep[:1] != ":")
            out.append((m.start("place"), m.end("region") if m.group("region") else m.end("place"), strong))
    return out
# plural demonyms: cues that they are people (detainees, civilians), not the state or its delegation
CIVILIAN_MODS = {"detain", "detained", "jail", "jailed", "imprison", "imprisoned", "hold", "held", "kidnap",
                 "kidnapped", "abduct", "abducted", "captive", "missing", "stranded", "arrest", "arrested",
                 "trapped", "ordinary", "innocent", "wounded", "injured", "dead", "killed", "evacuated",
                 "fellow", "young", "many", "few", "several", "some", "thousand", "hundred", "dozen", "million",
                 "local", "expatriate", "elderly", "trap", "kill", "wound", "injure", "evacuate", "free", "freed",
                 "release", "released", "hostage", "captured", "capture", "imprisonment"}
CIVILIAN_ACL = {"hold", "detain", "jail", "imprison", "kidnap", "abduct", "trap", "strand", "live", "work",
                "kill", "wound", "injure", "evacuate", "arrest", "capture", "release", "free", "travel", "stay",
                "remain", "whose"}
# nouns that, heading an "of"-phrase, make a bare plural demonym the people ("the release of Americans")
CIVILIAN_HEADS = {"release", "detention", "return", "evacuation", "family", "families", "rescue", "fate",
                  "safety", "killing", "death", "deaths", "arrest", "abduction", "kidnapping", "plight",
                  "number", "lives", "life", "exchange", "swap", "repatriation"}
# nouns that, with a location, do not tell whose organ it is ("diplomats in New Delhi" are often foreign)
FOREIGN_POSTED = {"diplomat", "ambassador", "envoy", "embassy", "consul", "consulate", "emissary", "delegation",
                  "attache", "attaché", "mission", "counterpart", "visitor", "negotiator"}
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "madam", "mme", "m", "herr", "frau"}
NOT_PERSON = {"wednesday", "monday", "tuesday", "thursday", "friday", "saturday", "sunday", "god", "allah"}


@dataclass
class _Cand:
    """One mention, with everything needed to group it into an actor."""

    start: int
    end: int
    key: tuple
    how: str
    name: str
    kind: str
    country: Optional[str] = None
    sector: Optional[str] = None
    code: Optional[str] = None
    role: Optional[str] = None
    kb_id: Optional[str] = None
    confidence: float = 1.0
    extra: dict = field(default_factory=dict)


def _group_actor_kind(sector: Optional[str]) -> str:
    if sector in (None, "GOV", "LEG"):
        return "state"
    if sector in ("MIL", "COP", "SPY", "JUD", "JRN", "BUS", "EDU", "NGO", "PTY"):
        return "organisation"
    if sector in ("REB", "INS"):
        return "armed_group"
    return "other"


class _Analyser:
    def __init__(self, text: str, doc, on: _dt.date, kb: KnowledgeBase, locations: bool = LOCATIONS_AS_ACTORS,
                 since: Optional[_dt.date] = None):
        self.text, self.doc, self.on, self.kb, self.since = text, doc, on, kb, since
        self.locations = locations
        self.dateline_iso: Optional[str] = None  # set by run()
        self.cands: list[_Cand] = []
        self.shadow: list[_Cand] = []  # mentions folded into a title: still antecedents for coreference
        self.pending: list[_Cand] = []  # unknown names that a later description may make actors
        self.taken: list[tuple[int, int]] = []  # char spans already explained
        self.tok_of_char = {}
        if doc is not None:
            for t in doc:
                for c in range(t.idx, t.idx + len(t.text)):
                    self.tok_of_char[c] = t.i

    # ---- helpers
    def _tok(self, char: int):
        i = self.tok_of_char.get(char)
        return self.doc[i] if i is not None else None

    def _span_tokens(self, start: int, end: int):
        if self.doc is None:
            return []
        idx = sorted({self.tok_of_char[c] for c in range(start, end) if c in self.tok_of_char})
        return [self.doc[i] for i in idx]

    def _root(self, start: int, end: int):
        toks = self._span_tokens(start, end)
        if not toks:
            return None
        ids = {t.i for t in toks}
        for t in toks:
            if t.head.i not in ids or t.head.i == t.i:
                return t
        return toks[-1]

    def _free(self, start: int, end: int) -> bool:
        return all(e <= start or s >= end for s, e in self.taken)

    def _take(self, c: _Cand) -> None:
        self.cands.append(c)
        self.taken.append((c.start, c.end))

    def _pend(self, s: int, e: int) -> None:
        """An unknown name with nothing yet to tell what it is (``describe``)."""
        name = self.text[s:e]
        self.pending.append(_Cand(s, e, ("org", name.lower()), "pending", name, "pending", confidence=0.5))

    def promote(self, c: _Cand, sector: Optional[str]) -> _Cand:
        """A pending name that a description ("the British newspaper") shows to be an organisation."""
        made = None
        for p in [x for x in self.pending if x.key == c.key]:
            self.pending.remove(p)
            if not self._free(p.start, p.end):
                continue
            p = _Cand(p.start, p.end, p.key, "name", p.name, "organisation", None, sector, sector, confidence=0.6)
            self._take(p)
            made = made or p
        return made or c

    def _org_cand(self, s: int, e: int, sector: Optional[str], country: Optional[str], conf: float) -> _Cand:
        name = self.text[s:e]
        return _Cand(s, e, ("org", name.lower()), "name", name, _group_actor_kind(sector) if sector in ("REB", "INS")
                     else "organisation", country, sector, (country or "") + (sector or "") or None, None, None, conf)

    def _ent_at(self, start: int, end: int):
        """The spaCy entity that strictly contains [start, end), if any."""
        if self.doc is None:
            return None
        for e in self.doc.ents:
            if e.start_char <= start and end <= e.end_char and (e.end_char - e.start_char) > (end - start):
                return e
        return None

    def _is_locative(self, tok, preps=LOCATIVE_PREPS) -> bool:
        """True when ``tok`` (a capital or seat of power) names a place here, not an actor."""
        t = tok
        while t.dep_ in ("conj", "appos") and t.head.i != t.i:
            t = t.head
        if t.dep_ in ("compound", "amod", "nmod") and t.head.pos_ in ("NOUN", "PROPN"):
            head_lemma = t.head.lemma_.lower()
            return head_lemma not in SECTOR_NOUNS and head_lemma not in ("government", "leadership")
        if t.dep_ == "pobj":
            prep = t.head.text.lower()
            if prep in preps:
                return True
            if prep in ("of", "with") and t.head.head.lemma_.lower() in PART_NOUNS:
                return True
            if prep == "from" and t.head.head.pos_ == "NOUN" and t.head.head.lemma_.lower() not in (
                    "support", "message", "letter", "delegation", "envoy", "official", "pressure", "demand",
                    "threat", "call", "offer", "response", "statement", "request", "warning"):
                return True
            if prep in ("to", "from", "toward", "towards", "via"):
                gov = t.head.head
                if gov.lemma_.lower() in MOTION_WORDS or (gov.pos_ == "NUM"):
                    return True
                if prep in ("to", "toward", "towards") and gov.pos_ in ("NOUN",):
                    return gov.lemma_.lower() not in ("support", "message", "letter", "appeal", "threat", "warning",
                                                      "response", "reply", "offer", "call")
        if t.dep_ in ("npadvmod",) or t.ent_type_ == "LOC":
            return True
        if t.dep_ == "dobj" and t.head.lemma_.lower() in ("leave", "visit", "reach", "enter", "tour", "cross"):
            return True
        return False

    # ---- layer 1: knowledge base
    def _choose(self, targets: tuple[Target, ...]) -> list[Target]:
        entries = [t for t in targets if t.kind == "entry"]
        if entries:
            if len(entries) > 1:
                ranked = sorted(entries, key=lambda t: (not self.kb.resolve(t.ref, self.on, self.since).current, t.rank))
                return [ranked[0]]
            return entries
        return [targets[0]]

    def _state_modifier(self, toks):
        ids = {t.i for t in toks}
        for t in toks:
            for ch in t.children:
                if ch.i not in ids and ch.dep_ in ("poss", "amod", "compound", "nmod"):
                    hit = self.state_mods.get(ch.i)
                    if hit:
                        return hit[0], hit[2], hit[3]
        return None

    def _res_fields(self, e):
        r = self.kb.resolve(e.kb_id, self.on, self.since)
        return r.country, r.sector, r.code, r.role, e.kb_id, r.confidence

    def _non_actor_possessive(self, tok) -> bool:
        """'Afghanistan's development', 'Afghan soil': the country only qualifies a thing."""
        if tok.dep_ != "poss" and not (tok.dep_ == "compound" and tok.head.pos_ == "NOUN"):
            return False
        head = tok.head
        if head.ent_type_ in ("PERSON", "ORG") or head.i in getattr(self, "_entry_tok", set()):
            return False
        lemma = head.lemma_.lower()
        if tok.dep_ == "poss":
            return lemma in THING_NOUNS
        return lemma not in SECTOR_NOUNS and lemma not in PERSON_TITLES and head.pos_ == "NOUN"

    def _foreign_modifier(self, toks, e) -> bool:
        country = e.roles[0].country if e.roles else None
        if e.kind == "person" or country is None:
            return False
        ids = {t.i for t in toks}
        for t in toks:
            for ch in t.children:
                if ch.i in ids or ch.dep_ not in ("poss", "amod", "compound", "nmod"):
                    continue
                hit = self.state_mods.get(ch.i)
                if hit and hit[0] != country:
                    return True
        return False

    def layer_kb(self, matches) -> None:
        self.state_mods: dict[int, tuple[str, str, int, int]] = {}  # token i -> (iso3, how, start, end)
        self.entry_mods: dict[int, _Cand] = {}
        self._entry_tok = set()
        for m in matches:  # first pass: every country word, so entries can check their modifiers
            tgt = self._choose(m.targets)[0]
            if tgt.kind == "entry":
                self._entry_tok.update(t.i for t in self._span_tokens(m.start, m.end))
            if tgt.kind == "state" and tgt.how in ("name", "demonym_sg", "capital", "metonym"):
                for t in self._span_tokens(m.start, m.end):
                    self.state_mods[t.i] = (tgt.ref, tgt.how, m.start, m.end)
        for m in matches:
            tgt = self._choose(m.targets)[0]
            toks = self._span_tokens(m.start, m.end)
            if tgt.kind == "entry":
                e = self.kb.entries[tgt.ref]
                single = m.n_tokens == 1 or (len(toks) == 1)
                if self.doc is not None and single:
                    t = toks[0] if toks else None
                    if t is not None and tgt.weak and not (t.ent_type_ in ("PERSON", "ORG", "NORP") or t.pos_ == "PROPN"):
                        continue
                    if t is not None and e.kind == "person" and (
                            t.ent_type_ in (("GPE", "LOC", "FAC", "DATE") if tgt.weak else ("DATE", "FAC"))
                            or t.pos_ not in ("PROPN", "NOUN")):
                        continue
                r0 = self._root(m.start, m.end) if self.doc is not None else None
                if r0 is not None and r0.dep_ in ("compound", "amod", "nmod") and r0.head.pos_ == "NOUN" and \
                        r0.head.i not in self._entry_tok and r0.head.lemma_.lower() not in SECTOR_NOUNS and \
                        r0.head.lower_ not in PERSON_TITLES and r0.head.lemma_.lower() not in ORG_HEADS:
                    self.shadow.append(_Cand(m.start, m.end, ("kb", e.kb_id), "alias", e.name, e.kind,
                                             *self._res_fields(e), extra={"modifier": True}))
                    continue
                if self.doc is not None and toks and self._foreign_modifier(toks, e):
                    continue  # "Rwanda's Senate": not the Senate the dictionary means
                encl = self._ent_at(m.start, m.end)
                if encl is not None and e.kind == "person" and encl.label_ == "PERSON" and single:
                    continue  # "Rice" inside "Susan Rice": someone else
                r = self.kb.resolve(e.kb_id, self.on, self.since)
                if r.country is None and e.kind in ("organisation", "other") and r.sector and self.doc is not None:
                    # a generic organ qualified by a country: "Rwanda's Senate" -> RWA LEG
                    mod = self._state_modifier(toks)
                    if mod is not None:
                        iso, ms, me = mod
                        st = self.kb.states[iso]
                        s0, e0 = min(ms, m.start), max(me, m.end)
                        self.cands = [c for c in self.cands if not (c.start >= s0 and c.end <= e0)]
                        self.taken = [(a, b) for a, b in self.taken if not (a >= s0 and b <= e0)]
                        self._take(_Cand(s0, e0, ("group", iso, r.sector), "nominal",
                                         f"{st.name} ({SECTOR_NAMES.get(r.sector, r.sector)})",
                                         _group_actor_kind(r.sector), iso, r.sector, iso + r.sector, confidence=0.8))
                        continue
                c = _Cand(m.start, m.end, ("kb", e.kb_id), "name" if tgt.how == "name" else "alias", e.name,
                          r.kind, r.country, r.sector, r.code, r.role, e.kb_id, r.confidence)
                self._take(c)
                for t in toks:
                    self.entry_mods[t.i] = c
                continue
            iso = tgt.ref
            st = self.kb.states[iso]
            root = self._root(m.start, m.end)
            if tgt.how in ("name", "capital", "demonym_pl") and _HYPHEN_ADJ.match(self.text, m.end):
                continue  # "Iran-backed", "US-led", "Kabul-based": an adjective, not the actor
            if tgt.how == "name" and _POSS_S.match(self.text, m.end) and any(
                    o.start > m.end and o.start <= m.end + 4 and self.kb.entries[self._choose(o.targets)[0].ref].kind == "person"
                    for o in matches if self._choose(o.targets)[0].kind == "entry"):
                # "Pakistan's Ishaq Dar": the country belongs to the person's title
                self.shadow.append(_Cand(m.start, m.end, ("state", iso), "name", st.name, "state", iso, None, iso))
                continue
            if tgt.how in ("name", "demonym_sg", "capital", "metonym") and root is not None:
                for t in toks:
                    self.state_mods[t.i] = (iso, tgt.how, m.start, m.end)
            if tgt.how == "name":
                if root is not None and (self._is_locative(root, STATE_LOCATIVE_PREPS)
                                         or self._non_actor_possessive(root)):
                    if self.locations:
                        self._take(_Cand(m.start, m.end, ("state", iso), "place", st.name, "state", iso, None, iso,
                                         confidence=0.5))
                    continue
                self._take(_Cand(m.start, m.end, ("state", iso), "name", st.name, "state", iso, None, iso))
            elif tgt.how == "demonym_pl":
                self._take(_Cand(m.start, m.end, ("state", iso), "demonym", st.name, "state", iso, None, iso,
                                 extra={"demonym_pl": True}))
            elif tgt.how in ("capital", "metonym"):
                if root is not None and self._is_locative(root) or tgt.how == "capital" and \
                        m.text[:4].lower() == "the " and not any(c.lower().startswith("the ") for c in st.capitals):
                    # a place ("arrived in Kabul"), or a city name qualifying a noun ("the Kabul meeting")
                    if self.locations and tgt.how == "capital":
                        self._take(_Cand(m.start, m.end, ("state", iso), "place", st.name, "state", iso, None, iso,
                                         confidence=0.4))
                    continue
                self._take(_Cand(m.start, m.end, ("group", iso, "GOV"), "metonym", f"{st.name} (government)",
                                 "state", iso, "GOV", iso + "GOV", confidence=0.9))
            # demonym_sg: only as part of a nominal group or title (layers 2 and 3)

    # ---- plural demonyms: the people, the state's side, or the state
    def _demonym_sector(self, c: _Cand) -> Optional[str]:
        """'the detained Americans', 'Americans held in Afghanistan', 'bringing Americans home' -> CVL;
        'the Americans' once a government/delegation of that country is in the text -> GOV;
        otherwise None (the state)."""
        root = self._root(c.start, c.end)
        if root is None:
            return None
        kids = list(root.children)
        has_the = self.text[c.start:c.start + 4].lower() == "the " or any(k.dep_ == "det" and k.lower_ in ("the", "these", "those")
                                                      for k in kids)
        for k in kids:
            if k.i < root.i and k.dep_ in ("amod", "compound", "nummod", "det", "quantmod") and \
                    (k.lemma_.lower() in CIVILIAN_MODS or k.lower_ in CIVILIAN_MODS or k.like_num):
                return "CVL"
            if k.i > root.i and k.dep_ in ("acl", "relcl") and (
                    k.lemma_.lower() in CIVILIAN_ACL or any(g.lower_ == "whose" for g in k.subtree)):
                return "CVL"
        if root.dep_ == "pobj" and root.head.lower_ == "of" and \
                root.head.head.lemma_.lower() in CIVILIAN_HEADS:
            return "CVL"
        if root.dep_ == "nsubjpass" and root.head.lemma_.lower() in CIVILIAN_ACL | {"hold", "take", "seize"}:
            return "CVL"  # "how many Americans were detained"
        prior_gov = any(o.country == c.country and o.start < c.start and o.sector in ("GOV", "MIL", "LEG")
                        and o.key[0] != "state" for o in self.cands + self.shadow)
        if has_the:
            return "GOV" if prior_gov else None
        # a bare plural ("Americans", "Afghans") is the people unless it acts as the state's side
        if root.dep_ in ("nsubj",) and prior_gov and root.head.lemma_.lower() in (
                "say", "agree", "demand", "negotiate", "reject", "propose", "offer", "insist", "warn", "refuse",
                "accept", "tell", "ask", "press", "want"):
            return "GOV"
        return "CVL"

    def resolve_demonyms(self) -> None:
        if self.doc is None:
            return
        out = []
        for c in self.cands:
            if c.extra.get("demonym_pl") and c.how == "demonym" and c.key[0] == "state":
                sec = self._demonym_sector(c)
                if sec is not None:
                    st = self.kb.states[c.country]
                    c = _Cand(c.start, c.end, ("group", c.country, sec), "demonym",
                              f"{st.name} ({SECTOR_NAMES.get(sec, sec)})", _group_actor_kind(sec), c.country, sec,
                              c.country + sec, confidence=0.8 if sec == "CVL" else 0.75)
            out.append(c)
        self.cands = out

    # ---- layer 2: nominal groups
    def _country_of_mod(self, tok) -> Optional[tuple[str, str, int, int]]:
        return self.state_mods.get(tok.i)

    def _noun_sector(self, tok) -> Optional[str]:
        lemma = tok.lemma_.lower()
        sec = SECTOR_NOUNS.get(lemma) or SECTOR_NOUNS.get(tok.text.lower())
        if sec is None:
            if tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or not tok.text[:1].islower():
                return None  # the agents dictionary holds common nouns, not names
            # CAMEO's agent vocabulary (Phoenix agents dictionary): "gendarmes", "riot police"
            mods = [ch.lower_ for ch in tok.children if ch.dep_ in ("amod", "compound") and ch.i == tok.i - 1]
            return agents().sector(mods + [lemma])
        for ch in tok.children:
            if ch.dep_ in ("amod", "compound", "nmod") and ch.i < tok.i:
                ms = SECTOR_MODIFIERS.get(ch.lemma_.lower()) or SECTOR_MODIFIERS.get(ch.text.lower())
                if ms:
                    return ms
        return sec

    def layer_nominal(self) -> None:
        if self.doc is None:
            return
        self._located: set[int] = set()
        self._skip_nouns: set[int] = set()
        for tok in self.doc:
            if tok.pos_ not in ("NOUN", "PROPN") or self._noun_sector(tok) is None or tok.i in self._skip_nouns:
                continue
            # a title before a name ("U.S. envoy Zalmay Khalilzad") belongs to the person (layer 3)
            if tok.dep_ in ("compound", "nmod") and tok.head.ent_type_ == "PERSON":
                continue
            if tok.ent_type_ == "PERSON" or (tok.ent_type_ == "ORG" and tok.pos_ == "PROPN"):
                continue  # a name: people and organisations are layers 3 and 4
            # an appositive title of a named person ("Sergey Lavrov, Russia's foreign minister") too
            if (tok.dep_ == "appos" and tok.head.ent_type_ in ("PERSON", "ORG")
                    and not self._in_dateline(tok.head.idx, tok.head.idx + len(tok.head.text))) or any(
                    ch.dep_ == "appos" and ch.ent_type_ in ("PERSON", "ORG") for ch in tok.children):
                continue
            # country words among the modifiers, their conjuncts, and of/from complements
            mods = []
            for ch in tok.children:
                if ch.i < tok.i and ch.dep_ in ("amod", "compound", "nmod", "poss"):
                    mods.append(ch)
                    mods.extend(c for c in ch.conjuncts if c.i < tok.i)
                    mods.extend(c for c in ch.children if c.dep_ in ("compound",) and c.i < tok.i)
                elif ch.i > tok.i and ch.dep_ == "prep" and ch.text.lower() in ("from", "of"):
                    mods.extend(p for p in ch.children if p.dep_ == "pobj" and p.pos_ == "PROPN")
                elif ch.i > tok.i and ch.dep_ == "prep" and ch.text.lower() == "in" and \
                        SECTOR_NOUNS.get(tok.lemma_.lower()) in ("GOV", "JUD", "LEG", "COP", "MIL") and \
                        tok.lemma_.lower() not in FOREIGN_POSTED and not any(
                            k.i < tok.i and (k.i in self.entry_mods or k.i in self._entry_tok or k.dep_ == "poss")
                            for k in tok.children):
                    # "a court in Guyana", "officials in Kabul": the place's country, the state stays
                    for p in ch.children:
                        hit = self.state_mods.get(p.i) if p.dep_ == "pobj" and not any(
                            self.state_mods.get(x.i) for x in mods) else None  # "a US official in Washington"
                        if hit:
                            self._located.add(tok.i)
                            mods.append(p)
            src = tok
            if not mods and tok.dep_ == "conj":  # "French officials and military advisers"
                src = tok.head
                for ch in src.children:
                    if ch.i < src.i and ch.dep_ in ("amod", "compound", "nmod", "poss"):
                        mods.append(ch)
                        mods.extend(c for c in ch.conjuncts if c.i < src.i)
            found = []
            for mtok in mods:
                hit = self._country_of_mod(mtok)
                if hit:
                    found.append((mtok, hit))
                elif mtok.i in self.entry_mods and src is tok:
                    pass  # "Taliban officials": the organisation itself already carries the mention
            if not found:
                continue
            sector = self._noun_sector(tok)
            lemma = tok.lemma_.lower()
            # after a dateline the parser often hangs the real subject on the place as an appositive
            # ("KABUL - A US delegation led by ... arrived"): it is still the subject
            dl_subject = tok.dep_ == "appos" and self._in_dateline(tok.head.idx, tok.head.idx + len(tok.head.text))
            if tok.tag_ in ("NN", "NNP") and lemma not in COLLECTIVE_NOUNS and tok.dep_ not in ("nsubj", "nsubjpass", "dobj") \
                    and not (tok.dep_ == "pobj" and tok.head.dep_ == "agent") and not dl_subject:
                continue
            if lemma in PLACE_LIKE_NOUNS and self._is_locative(tok):
                continue  # "at the Afghan embassy": a building
            # coordinated actor nouns of one country make one nominal group
            # ("a delegation of French officials and military advisers")
            conj_sectors = [self._noun_sector(c) for c in tok.conjuncts if c.i > tok.i and self._noun_sector(c)
                            and not any(self.state_mods.get(ch.i) for ch in c.children)]
            seen = set()
            for mtok, (iso, how, ms, me) in found:
                if iso in seen:
                    continue
                seen.add(iso)
                st = self.kb.states[iso]
                if src is tok:
                    start = min(ms, tok.idx)
                else:
                    start = tok.left_edge.idx if tok.left_edge.i <= tok.i else tok.idx
                    start = min(start, tok.idx)
                end = tok.idx + len(tok.text)
                if tok.i in self._located:
                    start = min(ch.idx for ch in [tok] + [c for c in tok.children if c.i < tok.i and c.dep_ in ("amod", "compound")])
                    c = _Cand(start, end, ("group", iso, sector), "nominal",
                              f"{st.name} ({SECTOR_NAMES.get(sector, sector)})", _group_actor_kind(sector), iso,
                              sector, iso + sector, confidence=0.75)
                    if self._free(c.start, c.end):
                        self._take(c)
                    continue
                # drop the bare state mention that the nominal group absorbs
                self.cands = [c for c in self.cands if not (c.start >= ms and c.end <= me and c.key == ("state", iso))]
                self.taken = [(s, e) for s, e in self.taken if not (s >= ms and e <= me)]
                if conj_sectors and len(found) == 1 and src is tok:
                    last = max(c.i for c in tok.conjuncts if c.i > tok.i and self._noun_sector(c)
                               and not any(self.state_mods.get(ch.i) for ch in c.children))
                    end = self.doc[last].idx + len(self.doc[last].text)
                    head = tok.head.head if tok.dep_ == "pobj" and tok.head.text.lower() == "of" else None
                    if head is not None and head.lemma_.lower() in SECTOR_NOUNS:
                        start = min(start, head.left_edge.idx)
                    secs = [sector] + [x for x in conj_sectors if x != sector]
                    c = _Cand(start, end, ("group", iso, "+".join(secs)), "nominal",
                              self.text[start:end], "other", iso, sector, iso + "".join(dict.fromkeys(secs)),
                              confidence=0.85)
                    self.cands = [x for x in self.cands if not (x.start >= ms and x.end <= me and x.key == ("state", iso))]
                    self.taken = [(a, b) for a, b in self.taken if not (a >= ms and b <= me)]
                    if self._free(c.start, c.end):
                        self._take(c)
                        self._skip_nouns.update(x.i for x in tok.conjuncts if x.i <= last)
                    continue
                gh = describe.group_head(tok) if src is tok and len(found) == 1 else None
                if gh is not None:  # "a team of Chinese engineers, including ...": the group is the actor
                    start = min(start, gh.left_edge.idx)
                if len(found) > 1:  # "US and Afghan officials": each country word + the noun
                    start, mention_end = ms, me
                    c = _Cand(start, mention_end, ("group", iso, sector), "nominal",
                              f"{st.name} ({SECTOR_NAMES.get(sector, sector)})", _group_actor_kind(sector), iso,
                              sector, iso + sector, confidence=0.85)
                else:
                    c = _Cand(start, end, ("group", iso, sector), "demonym" if how == "demonym_sg" else "nominal",
                              f"{st.name} ({SECTOR_NAMES.get(sector, sector)})", _group_actor_kind(sector), iso,
                              sector, iso + sector, confidence=0.85)
                if self._free(c.start, c.end):
                    self._take(c)

    # ---- layer 3: people not in the knowledge base (and context for those that are)
    def _title_context(self, ent) -> tuple[Optional[str], Optional[str], Optional[str], Optional[tuple], bool]:
        """(country, sector, role text, org-cand, former) from the words before the name or an appositive."""
        doc = self.doc
        root = ent.root
        spans = []
        left = root.left_edge.i
        if left < ent.start:
            spans.append(doc[left:ent.start])
        for ch in root.children:
            if ch.dep_ == "appos" and ch.i >= ent.end:
                spans.append(doc[ch.left_edge.i:ch.right_edge.i + 1])
        if root.dep_ == "appos" and root.head.i < ent.start:
            h = root.head
            p = h.head if h.dep_ == "pobj" else None
            if p is not None and p.lower_ in ("to", "for", "at") and p.head.pos_ == "NOUN" and (
                    p.head.lower_ in PERSON_TITLES or p.head.lemma_.lower() in SECTOR_NOUNS):
                # "Trump's ambassador to the U.N., Jane Doe": the parser hangs the name on the U.N.;
                # the title is "Trump's ambassador", and the place posted to is not her country
                h = p.head
            spans.append(doc[h.left_edge.i:h.i + 1])
        for sp in spans:
            country = sector = None
            org = None
            former = any(t.lower_ in ("former", "ex", "then") for t in sp)
            for t in sp:
                hit = self.state_mods.get(t.i)
                if hit and country is None:
                    country = hit[0]
                if t.i in self.entry_mods and org is None:
                    org = self.entry_mods[t.i]
            words = [t for t in sp if t.pos_ in ("NOUN", "PROPN", "ADJ") and t.lower_ in PERSON_TITLES
                     or t.lemma_.lower() in SECTOR_NOUNS]
            if not words and country is None and org is None:
                continue
            for t in reversed(list(sp)):
                s = self._noun_sector(t) if t.pos_ in ("NOUN", "PROPN") else None
                if s:
                    sector = s
                    break
            if org is not None and country is None:
                country = org.country
                if sector in (None, "GOV") and org.sector:
                    sector = org.sector
            kept = [t for t in sp if t.dep_ not in ("det", "punct", "case") and t.i not in self.state_mods
                    and t.i not in self.entry_mods]
            if kept and kept[-1].pos_ == "ADP":
                # "a deputy spokesman for the Taliban government": the organisation completes the title
                kept = [t for t in sp if t.i >= kept[0].i and t.dep_ != "punct"]
            role = " ".join(t.text for t in kept).strip() or None
            if role and not any(w in role.lower() for w in PERSON_TITLES):
                role = None
            return country, sector, role, (sp.start_char, sp.end_char), former
        return None, None, None, None, False

    def layer_people(self) -> None:
        if self.doc is None:
            return
        for ent in self.doc.ents:
            label = ent.label_
            if label == "GPE" and self._free(ent.start_char, ent.end_char) and \
                    describe.naming_description(self, ent) is not None:
                label = "ORG"  # "Russia's state-owned arms company, X": the parser's GPE is a company
            if label not in ("PERSON", "ORG"):
                continue
            s, e = ent.start_char, ent.end_char
            # trim a leading determiner / trailing possessive
            toks = [t for t in ent if t.dep_ not in ("det",) and t.tag_ != "POS"]
            if not toks:
                continue
            s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            if label == "PERSON" or not self._free(s, e):
                # the title / appositive around a name belongs to that person: the country or
                # organisation named inside it is not a separate mention
                self._consume_title(ent, s, e)
            if not self._free(s, e):
                continue  # known (KB) person or organisation: the KB answer stands
            words = [t for t in toks if t.is_alpha]
            if not words or any(w.lower_ in NOT_PERSON for w in words):
                continue
            described = describe.naming_description(self, ent)
            if described is not None and self._earlier_person(words, s) is None:
                # "Russia's state-owned arms company, X": an organisation, with the description's country
                sector, country, (a, b) = described
                self.cands = [c for c in self.cands if not (c.start >= a and c.end <= b and c.key[0] == "state")]
                self.taken = [(x, y) for x, y in self.taken if not (x >= a and y <= b) or (x >= s and y <= e)]
                org = self._org_cand(s, e, sector, country, 0.7 if country else 0.5)
                self._take(org)
                if (b <= s or a >= e) and self._free(a, b):  # the description itself refers to it
                    self._take(self._copy(org, a, b, "coref"))
                continue
            if label == "ORG":
                if self._titled_appositive(ent):
                    self._consume_title(ent, s, e)
                elif not self._person_like_org(ent, toks):
                    continue
            if not all(t.text[:1].isupper() or t.lower_ in NAME_PARTICLES or self._hyphen_part(t)
                       for t in words if t.pos_ == "PROPN") or not words[0].text[:1].isupper():
                continue
            if len(words) == 1 and label == "PERSON" and words[0].pos_ != "PROPN":
                continue
            if ent.root.dep_ == "compound" and ent.root.head.pos_ == "NOUN" and \
                    ent.root.head.lower_ not in PERSON_TITLES:
                continue  # "Mes Aynak copper deposit": a name used as a modifier
            prior = self._earlier_person(words, s)
            if prior is not None:
                self._take(self._copy(prior, s, e, "alias"))
                continue
            country, sector, role, span, former = self._title_context(ent)
            if label == "PERSON" and role is None and country is None and self._settlement(ent, s, e):
                continue  # "the attack on Zhawar Kili", "residents of Tora Bora": a place, not a person
            if former and country:
                sector = "ELI"
                role = role if (role or "").lower().startswith("former") else (f"former {role}" if role else "former official")
            if country is None and sector is None and len(words) == 1:
                if describe.reports(ent):  # "X reported earlier this week": a news outlet
                    self._take(self._org_cand(s, e, "JRN", None, 0.5))
                elif not self._honorific(ent):
                    self._pend(s, e)
                    continue  # a lone unknown name with no title: too weak to call it a person
            conf = 0.8 if country else 0.5
            name = self.text[s:e]
            key = ("person", name.split()[-1].lower(), country)
            c = _Cand(s, e, key, "name", name, "person", country, sector,
                      (country or "") + (sector or "") or None, role, None, conf)
            self._take(c)

    def _consume_title(self, ent, s: int, e: int) -> None:
        doc = self.doc
        root = ent.root
        spans = []  # (start, end, states_only)
        if root.left_edge.i < ent.start:
            spans.append((doc[root.left_edge.i].idx, s, False))
        for ch in root.children:
            if ch.dep_ == "appos" and ch.i >= ent.end and ch.ent_type_ != "PERSON" and (
                    ch.lower_ in PERSON_TITLES or ch.lemma_.lower() in SECTOR_NOUNS):
                spans.append((doc[ch.left_edge.i].idx, doc[ch.right_edge.i].idx + len(doc[ch.right_edge.i].text), True))
        if root.dep_ == "appos" and root.head.i < ent.start and root.head.ent_type_ != "PERSON" and (
                root.head.lower_ in PERSON_TITLES or root.head.lemma_.lower() in SECTOR_NOUNS):
            # "The Taliban foreign minister, Amir Khan Muttaqi": the organisation word is part of the
            # title; "Hezbollah's leader, Naim Qassem" keeps the possessor as its own mention
            h = root.head
            spans.append((doc[h.left_edge.i].idx, h.idx + len(h.text), "no_poss"))
        j = ent.start
        while j > 0 and (doc[j - 1].pos_ in ("PROPN", "ADJ", "NOUN", "PART") or doc[j - 1].lower_ == "of") \
                and doc[j - 1].ent_type_ != "PERSON" and doc[j - 1].text not in (",", "and"):
            j -= 1
        if j < ent.start and any(t.lower_ in PERSON_TITLES or t.lower_ == "'s" for t in doc[j:ent.start]):
            # "Pakistan's Ishaq Dar", "Secretary of State Mike Pompeo" when the parse is flat
            spans.append((doc[j].idx, s, False))
        for a, b, states_only in spans:
            inner = [c for c in self.cands if c.start >= a and c.end <= b and not (c.start >= s and c.end <= e)
                     and (c.kind != "person" or c.kb_id is None or self.kb.entries[c.kb_id].weak)
                     and (not states_only or c.key[0] in ("state", "group")
                          or (states_only == "no_poss" and not self._is_possessor(c)))]
            self.shadow.extend(inner)
            if inner:
                self.cands = [c for c in self.cands if c not in inner]
                self.taken = [(x, y) for x, y in self.taken if not any(x == c.start and y == c.end for c in inner)]

    def _is_possessor(self, c: _Cand) -> bool:
        r = self._root(c.start, c.end)
        return r is not None and r.dep_ == "poss"

    def _earlier_person(self, words, start: int) -> Optional[_Cand]:
        """A person named in full earlier whose surname (or Chinese/Korean family name) this is; or a
        known person of the text with the same surname and first initial ("Michael R. Pompeo" for
        "Mike Pompeo", anywhere in the text)."""
        if len(words) > 1:
            first, last = words[0].lower_, words[-1].lower_
            for c in self.cands:
                parts = c.name.lower().split()
                if c.kind == "person" and c.kb_id is not None and len(parts) > 1 and parts[-1] == last \
                        and parts[0][:1] == first[:1]:
                    return c
            return None
        w = words[0].lower_
        for c in sorted(self.cands, key=lambda c: c.start):
            if c.start >= start or c.kind != "person" or " " not in c.name:
                continue
            parts = c.name.lower().split()
            if parts[-1] == w or (c.country in ("CHN", "KOR", "PRK", "TWN", "VNM") and parts[0] == w):
                return c
        return None

    def _settlement(self, ent, s: int, e: int) -> bool:
        """An untitled name the gazetteer knows as a place, used as the object of a preposition."""
        if ent.root.dep_ != "pobj" or self.doc is None:
            return False
        from ...knowledge.places import gazetteer
        return self.text[s:e] in gazetteer()

    def _hyphen_part(self, t) -> bool:
        """'ho' of 'Min-ho': a lower-case part of a hyphenated given name."""
        return t.i >= 2 and t.nbor(-1).text == "-" and not t.nbor(-1).whitespace_ and \
            not t.nbor(-2).whitespace_ and t.nbor(-2).text[:1].isupper()

    def _honorific(self, ent) -> bool:
        """'Mr. Brown', 'Dr Smith': a person even with no other title."""
        return ent.start > 0 and self.doc[ent.start - 1].lower_.rstrip(".") in HONORIFICS

    def _titled_appositive(self, ent) -> bool:
        """spaCy's ORG on a full name followed by a person title: 'X Y, the foreign minister of ...'."""
        words = [t for t in ent if t.is_alpha]
        if not 2 <= len(words) <= 4 or not all(t.text[:1].isupper() for t in words) or \
                any(t.lower_ in ORG_HEADS or t.lemma_.lower() in SECTOR_NOUNS for t in words):
            return False
        root = ent.root
        if root.dep_ == "appos" and root.head.dep_ == "pobj" and root.head.head.lower_ in ("to", "for") and \
                root.head.head.head.lower_ in PERSON_TITLES:
            return True  # "Trump's ambassador to the U.N., X Y"
        return any(ch.dep_ == "appos" and ch.i >= ent.end and ch.lower_ in PERSON_TITLES
                   and ch.lemma_.lower() not in ORG_HEADS for ch in root.children)

    def _person_like_org(self, ent, toks) -> bool:
        """spaCy's sm model tags some full names ORG: a title before 2-3 capitalised words, no org word."""
        if not 2 <= len(toks) <= 3:
            return False
        if any(t.lower_ in ORG_HEADS or t.lower_ in SECTOR_NOUNS or not t.is_title for t in toks):
            return False
        prev = self.doc[ent.start - 1] if ent.start > 0 else None
        return prev is not None and (prev.lower_ in PERSON_TITLES or prev.lemma_.lower() in SECTOR_NOUNS)

    # ---- layer 4: organisations not in the knowledge base
    def layer_orgs(self) -> None:
        if self.doc is None:
            return
        for ent in self.doc.ents:
            if ent.label_ != "ORG" and not (ent.label_ in ("WORK_OF_ART", "PRODUCT", "FAC")
                                            and (describe.media_name(ent) or describe.reports(ent))):
                continue  # a newspaper's name is often tagged as a work of art
            toks = [t for t in ent if t.dep_ != "det" and t.tag_ != "POS"]
            while toks and toks[-1].is_punct:
                toks.pop()
            if not toks:
                continue
            s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            inner_states = [self.state_mods[t.i] for t in toks if t.i in self.state_mods]
            if ORG_HEADS.get(toks[-1].lower_) is None:
                # with no organ word, only a country's name or adjective makes a national organisation
                # ("Pakistan Tehreek-e-Insaf"); a city does not ("The Kabul Handshake", a headline)
                inner_states = [h for h in inner_states if h[1] in ("name", "demonym_sg")]
            others = [c for c in self.cands if c.start >= s and c.end <= e and c.key[0] != "state"]
            organ = self._organ_of(ent, toks)
            if others and not (organ is not None and all(c.start > organ[1] and c.country for c in others)):
                continue
            if not self._free(s, e) and not inner_states and not (organ and others):
                continue
            head = toks[-1].lower_
            sector = ORG_HEADS.get(head)
            country = inner_states[0][0] if inner_states else None
            owner = None
            if organ is not None and sector is None:
                # "the Ministry of Foreign Affairs of the Islamic Emirate of Afghanistan": the organ word
                # heads the name; the country is that of the state or entity it belongs to
                sector = organ[0]
                if others:
                    owner = others[0]
                    country = owner.country
            if country is None and sector is not None:
                mod = self._state_modifier(toks)  # "Rwanda's Senate"
                if mod is not None:
                    country, s = mod[0], min(s, mod[1])
            if country is None and sector is None and (describe.media_name(ent) or describe.reports(ent)):
                sector = "JRN"  # "The Daily Courier", "X reported on Thursday": a news outlet
            elif sector is None:
                sector = describe.organisation_head(ent)  # "... Institute for ...", "... Company"
            if country is None and sector is None:
                if self._free(s, e) and toks[0].text[:1].isupper():
                    self._pend(s, e)  # a later "the British newspaper" may say what it is
                continue  # an unknown name with no country and no organ word: not worth a guess
            from_dateline = country is None and sector == "GOV" and self.dateline_iso is not None \
                and toks[0].i > 0 and toks[0].nbor(-1).lower_ == "the"
            if from_dateline:
                country = self.dateline_iso
            if not any(t.text[:1].isupper() for t in toks):
                continue
            # the state words inside the organisation's name are part of it (also "the Malaysia" of
            # "the Malaysia Airlines", whose article the name match took in)
            self.cands = [c for c in self.cands if not (c.start >= s and c.end <= e)
                          and not (c.key[0] == "state" and c.start < e and s < c.end)]
            self.taken = [(a, b) for a, b in self.taken if not (a >= s and b <= e)
                          and not (a < s < b <= e and self.text[a:s].strip().lower() == "the")]
            kind = "armed_group" if sector in ("REB", "INS") else "organisation"
            name = self.text[s:e]
            key = ("org", name.lower())
            if owner is not None:
                organ_text = re.sub(r"\s+of\s+(?:the\s+)?$", "", self.text[s:owner.start]).strip()
                name, key = f"{organ_text} ({owner.name})", ("org", organ_text.lower())
            self._take(_Cand(s, e, key, "name", name, kind, country, sector,
                             (country or "") + (sector or "") or None, None, None,
                             0.5 if from_dateline or not country else 0.7))

    def _organ_of(self, ent, toks) -> Optional[tuple[str, int]]:
        """(sector, offset of "of") when the name is "<organ word> of ..." ("Ministry of Interior",
        "Ministry of Foreign Affairs of the Islamic Emirate of Afghanistan"), else None."""
        root = ent.root
        of = next((t for t in toks if t.lower_ == "of" and t.i > root.i), None)
        if of is None or root.lower_ not in ORG_HEADS or ORG_HEADS[root.lower_] not in ("GOV", "SPY", "MIL", "COP"):
            return None
        return ORG_HEADS[root.lower_], of.idx

    def _unify_organs(self) -> None:
        """One organ, one actor: "the Ministry of Foreign Affairs" (no country) and "the Ministry of
        Foreign Affairs of the Islamic Emirate of Afghanistan" in one text are the same ministry."""
        full = {}
        for c in self.cands:
            if c.key[0] == "org" and c.kb_id is None and c.country:
                full.setdefault(c.key, c)
        for k, c in enumerate(self.cands):
            if c.key[0] == "org" and c.kb_id is None and not c.country and c.key in full:
                self.cands[k] = self._copy(full[c.key], c.start, c.end, c.how)

    # ---- layer 5: coreference
    def layer_coref(self) -> None:
        if self.doc is None:
            return
        self.cands.sort(key=lambda c: c.start)
        # surnames of people already named
        people = {}
        for c in self.cands:
            if c.kind == "person" and " " in c.name:
                people.setdefault(c.name.split()[-1].lower(), c)
                if c.country in ("CHN", "KOR", "PRK", "TWN", "VNM"):
                    people.setdefault(c.name.split()[0].lower(), c)
        for tok in self.doc:
            # a known surname the tagger took for an adjective or noun ("The notorious Muttaqi fronts")
            mistagged = tok.pos_ in ("ADJ", "NOUN") and tok.text[:1].isupper() and not tok.is_sent_start
            if (tok.pos_ != "PROPN" and not mistagged) or not self._free(tok.idx, tok.idx + len(tok.text)):
                continue
            p = people.get(tok.lower_)
            if tok.dep_ == "compound" and tok.head.pos_ in ("PROPN", "NOUN") and tok.head.ent_type_ != "PERSON" \
                    and tok.ent_type_ != "PERSON":
                continue  # "the Thorne Institute": a name inside another name
            # (NER calls some surnames places: "The notorious Muttaqi" as GPE; a state's or capital's
            # name is already taken by the knowledge-base layer and never reaches here)
            if p is not None and p.start < tok.idx and tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", ""):
                self._take(_Cand(tok.idx, tok.idx + len(tok.text), p.key, "alias", p.name, p.kind, p.country,
                                 p.sector, p.code, p.role, p.kb_id, p.confidence))
        self.cands.sort(key=lambda c: c.start)
        describe.resolve_descriptions(self, lambda c, s, e: self._copy(c, s, e, "coref"))
        for tok in self.doc:
            low = tok.lower_
            iso = describe.compass_state(self, tok)
            if iso is not None and self._free(tok.nbor(-1).idx, tok.idx + len(tok.text)):
                st = next(c for c in self.cands if c.key == ("state", iso))
                self._take(self._copy(st, tok.nbor(-1).idx, tok.idx + len(tok.text), "coref"))
                continue
            if low in COREF_NOMINALS and (tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.text.islower())):
                det = [ch for ch in tok.children if ch.dep_ == "det" and ch.lower_ in COREF_DETS]
                # "the desert kingdom", "the oil-rich country": descriptive modifiers are fine, a
                # country word or a name is not ("the Arab country" may be another one)
                if not det or any(ch.dep_ in ("relcl", "acl") or ch.i in self.state_mods or ch.ent_type_
                                  or ch.i in self.entry_mods or (ch.dep_ == "prep" and ch.lower_ != "'s")
                                  or (ch.dep_ == "compound" and low not in STATE_NOMINALS)
                                  for ch in tok.children if ch.dep_ != "det"):
                    continue
                if self._is_locative(tok):
                    continue
                kinds = COREF_NOMINALS[low]
                if low in GROUP_NOMINALS:
                    ante = self._salient(det[0].idx, self._group_like, max_sents=5)
                else:
                    # a state does not act on itself: "Trump berated the country" is not his own
                    own = self._subject_country(tok) if "state" in kinds else None
                    ante = self._antecedent(det[0].idx, lambda c: (c.kind in kinds or (
                        "armed_group" in kinds and c.sector in ("REB", "INS"))) and (own is None or c.country != own),
                        max_sents=5, binding=True)
                s, e = det[0].idx, tok.idx + len(tok.text)
                if ante is not None and self._free(s, e):
                    self._take(self._copy(ante, s, e, "coref"))
            elif low in ("administration", "authorities", "government") and tok.pos_ == "NOUN":
                det = [ch for ch in tok.children if ch.dep_ == "det" and ch.lower_ in COREF_DETS]
                if not det or any(ch.dep_ in ("compound", "amod", "prep", "relcl", "acl", "poss") for ch in tok.children
                                  if ch.dep_ != "det"):
                    continue
                ante = self._antecedent(det[0].idx, lambda c: c.sector == "GOV" and c.country is not None
                                        or (c.kind == "state" and c.country is not None), max_sents=3)
                s, e = det[0].idx, tok.idx + len(tok.text)
                if ante is not None and self._free(s, e):
                    if ante.kind == "person" or ante.key[0] == "state":
                        st = self.kb.states.get(ante.country)
                        if st is not None:
                            self._take(_Cand(s, e, ("group", ante.country, "GOV"), "coref", f"{st.name} (government)",
                                             "state", ante.country, "GOV", ante.country + "GOV", confidence=0.75))
                    else:
                        self._take(self._copy(ante, s, e, "coref"))
            elif low in ("ministry", "office") and tok.pos_ in ("NOUN", "PROPN") and tok.tag_ in ("NN", "NNP"):
                ante = self._organ_antecedent(tok)
                if ante is not None:
                    det = next(ch for ch in tok.children if ch.dep_ == "det")
                    s, e = det.idx, tok.idx + len(tok.text)
                    if self._free(s, e):
                        self._take(self._copy(ante, s, e, "coref"))
            elif low in COREF_PERSON_TITLES and tok.pos_ == "NOUN" and tok.tag_ == "NN":
                det = [ch for ch in tok.children if ch.dep_ == "det" and ch.lower_ in COREF_DETS]
                # "the U.S. president": a country word must be the person's own country
                mod_iso = {self.state_mods[ch.i][0] for ch in tok.children if ch.i in self.state_mods}
                if not det or tok.head.ent_type_ == "PERSON" or len(mod_iso) > 1 or any(
                        ch.dep_ in ("prep", "relcl", "acl", "appos") or ch.i in self.entry_mods
                        for ch in tok.children):
                    continue
                ante = self._antecedent(det[0].idx, lambda c: c.kind == "person" and describe.fits_title(low, c.role)
                                        and (not mod_iso or c.country in mod_iso), max_sents=12 if mod_iso else 4)
                s = det[0].idx
                for ch in tok.children:
                    if ch.dep_ in ("amod", "compound") and ch.i < tok.i:
                        s = min(s, ch.left_edge.idx)
                e = tok.idx + len(tok.text)
                if ante is not None and mod_iso:
                    inside = [c for c in self.cands if c.start >= s and c.end <= e and c.country in mod_iso
                              and (c.key[0] in ("state", "group") or c.how in ("nominal", "demonym"))]
                    self.cands = [c for c in self.cands if c not in inside]
                    self.taken = [(a, b) for a, b in self.taken if not any(a == c.start and b == c.end for c in inside)]
                if ante is not None and self._free(s, e):
                    self._take(self._copy(ante, s, e, "coref"))
            elif low in PRONOUNS_PERSON and tok.pos_ == "PRON" and tok.dep_ == "poss" and \
                    tok.head.lemma_.lower() in ("government", "administration", "country", "ministry"):
                # "his government": the government of the person's country; "her country": the state
                ante = self._antecedent(tok.idx, lambda c: c.kind == "person" and c.country, max_sents=1)
                if ante is not None:
                    s, e = tok.idx, tok.head.idx + len(tok.head.text)
                    st = self.kb.states.get(ante.country)
                    if st is not None and self._free(s, e) and tok.head.lemma_.lower() == "country":
                        self._take(_Cand(s, e, ("state", ante.country), "coref", st.name, "state", ante.country,
                                         None, ante.country, confidence=0.8))
                    elif st is not None and self._free(s, e):
                        self._take(_Cand(s, e, ("group", ante.country, "GOV"), "coref", f"{st.name} (government)",
                                         "state", ante.country, "GOV", ante.country + "GOV", confidence=0.8))
            elif low in PRONOUNS_PERSON and tok.pos_ == "PRON" and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "dative"):
                ante = None
                if tok.dep_ == "nsubj" and tok.head.lemma_ in SAY_LEMMAS:
                    # "..., he said": the last one who spoke, not the last person named in what was said
                    # ("Balkhi also denied that Khalilzad held a meeting. '...,' he said." -> Balkhi)
                    ante = self._antecedent(tok.idx, lambda c: c.kind == "person" and self._is_speaker(c), max_sents=2)
                ante = ante or self._antecedent(tok.idx, lambda c: c.kind == "person", max_sents=1, nearest_only=True)
                if ante is not None:
                    self._take(self._copy(ante, tok.idx, tok.idx + len(tok.text), "pronoun"))
            elif not RESOLVE_NEUTER_PRONOUNS and tok.pos_ == "PRON":
                if low in ("they", "their") and tok.dep_ in ("nsubj", "poss"):
                    c = self._bound_group(tok)
                    if c is not None:
                        self._take(self._copy(c, tok.idx, tok.idx + len(tok.text), "pronoun"))
                continue
            elif low in PRONOUNS_THING and tok.pos_ == "PRON" and (
                    tok.dep_ == "poss" or (tok.dep_ == "nsubj" and tok.head.lemma_ not in ("be",)
                                           and not any(c.dep_ in ("acomp", "attr", "ccomp") and c.i > tok.head.i
                                                       and tok.head.lemma_ in ("seem", "appear") for c in tok.head.children))):
                ante = self._antecedent(tok.idx, lambda c: c.kind != "person" and c.how != "pronoun",
                                        max_sents=1, nearest_only=True, subject_only=True)
                if ante is not None:
                    self._take(self._copy(ante, tok.idx, tok.idx + len(tok.text), "pronoun"))
            elif low in PRONOUNS_GROUP and tok.pos_ == "PRON" and tok.dep_ in ("nsubj", "poss"):
                ante = self._antecedent(tok.idx, lambda c: c.kind in ("armed_group", "organisation", "igo") or (
                    c.key[0] == "group" or c.how == "demonym"), max_sents=1, nearest_only=True, subject_only=True)
                if ante is not None:
                    self._take(self._copy(ante, tok.idx, tok.idx + len(tok.text), "pronoun"))

    def _subject_country(self, tok) -> Optional[str]:
        """The country of the subject of the clause ``tok`` is an object in, if that subject is a known actor."""
        if tok.dep_ in ("nsubj", "nsubjpass"):
            return None
        t = tok
        while t.head.i != t.i and t.pos_ not in ("VERB", "AUX"):
            t = t.head
        for v in [t] + ([t.head] if t.dep_ in ("xcomp", "conj") else []):
            subj = next((ch for ch in v.children if ch.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                c = next((c for c in self.cands if c.start <= subj.idx < c.end), None)
                return c.country if c is not None else None
        return None

    def _is_speaker(self, c: _Cand) -> bool:
        """The mention is the subject of a saying verb ("Balkhi denied", "the spokesman said")."""
        r = self._root(c.start, c.end)
        return r is not None and r.dep_ == "nsubj" and r.head.lemma_ in SAY_LEMMAS

    def _organ_antecedent(self, tok) -> Optional[_Cand]:
        """"the ministry", "the foreign ministry", "the interior ministry": the ministry (or office) of
        this text that the modifiers fit and that was named most often before, the latest on a tie.
        Not "the ministry of ..." (a name of its own) nor a ministry no earlier organisation names."""
        kids = list(tok.children)
        if not any(ch.dep_ == "det" and ch.lower_ in COREF_DETS for ch in kids) or \
                any(ch.dep_ in ("prep", "relcl", "acl", "appos", "poss") or ch.i in self.state_mods
                    or ch.i in self.entry_mods for ch in kids):
            return None
        if tok.head.lower_ == "of" and tok.head.head.lower_ in PERSON_TITLES:
            return None  # "the spokesman of the ministry": part of a person's title
        mods = [ch.lower_ for ch in kids if ch.dep_ in ("amod", "compound") and ch.i < tok.i]
        seen: dict[tuple, list] = {}
        for c in self.cands:
            if c.end <= tok.idx and c.kind == "organisation" and c.country and tok.lower_ in c.name.lower() \
                    and all(m in c.name.lower() for m in mods):
                seen.setdefault(c.key, []).append(c)
        if not seen:
            return None
        best = max(seen.values(), key=lambda cs: (len(cs), max(c.start for c in cs)))
        return best[-1]

    def _group_like(self, c: _Cand) -> bool:
        """Can "the group"/"the movement" mean this actor? Armed groups, movements that now govern
        (the Taliban), parties and NGOs; not a ministry, army or other organ of a state."""
        if c.how == "pronoun":
            return False
        if c.kind == "armed_group" or c.sector in ("REB", "INS"):
            return True
        e = self.kb.entries.get(c.kb_id) if c.kb_id else None
        if e is not None and (e.source.startswith("groups.tsv") or any(
                r.kind == "armed_group" or r.sector in ("REB", "INS") for r in e.roles)):
            return True  # the shipped file of non-state groups, or a movement that once fought
        return c.kind == "organisation" and c.sector not in ("GOV", "LEG", "JUD", "MIL", "COP", "SPY", "IGO")

    def _salient(self, before: int, ok, max_sents: int = 3) -> Optional[_Cand]:
        """The antecedent of a definite group nominal: in the nearest sentence (back to ``max_sents``)
        holding a compatible actor, the last one that is a clause subject, else the last one."""
        si = self._sent_index(before)
        by_sent: dict[int, list[_Cand]] = {}
        for c in self.cands + self.shadow:
            if c.end <= before and 0 <= si - self._sent_index(c.start) <= max_sents and ok(c):
                by_sent.setdefault(self._sent_index(c.start), []).append(c)
        for k in sorted(by_sent, reverse=True):
            cs = sorted(by_sent[k], key=lambda c: c.start)
            subj = []
            for c in cs:
                r = self._root(c.start, c.end)
                while r is not None and r.dep_ in ("conj", "appos") and r.head.i != r.i:
                    r = r.head
                if r is not None and r.dep_ in ("nsubj", "nsubjpass"):
                    subj.append(c)
            return (subj or cs)[-1]
        return None

    def _bound_group(self, tok) -> Optional[_Cand]:
        """'The Taliban could offer access to their airfields': they/their inside the clause whose
        subject is a named armed group or movement, with no other plural noun phrase in between."""
        head = tok.head if tok.dep_ == "poss" else tok
        clause = head
        best = None
        # climb to the nearest verb whose subject is a known group, not crossing into a reported clause
        t = head
        while True:
            subj = [ch for ch in t.children if ch.dep_ in ("nsubj", "nsubjpass") and ch.i < tok.i and ch.i != tok.i]
            if subj:
                r = subj[0]
                best = next((c for c in self.cands if c.start <= r.idx < c.end and c.how in ("name", "alias")
                             and c.kb_id is not None and (c.kind == "armed_group" or c.sector in ("REB", "INS")
                                                          or c.name.lower().endswith(("taliban", "houthis")))), None)
                clause = t
                break
            if t.dep_ in ("ccomp", "parataxis", "relcl", "advcl") or t.head.i == t.i:
                return None
            t = t.head
        if best is None:
            return None
        # no other plural noun phrase (a rival antecedent) between the subject and the pronoun
        r_end = self._tok(best.end - 1)
        for x in self.doc[(r_end.i + 1 if r_end is not None else clause.i):tok.i]:
            if x.tag_ in ("NNS", "NNPS") or x.lower_ in ("they", "them", "their") and x.i != tok.i:
                return None
        return best

    def _sent_index(self, char: int) -> int:
        t = self._tok(char)
        if t is None:
            return 0
        return self._sent_starts.get(t.sent.start, 0)

    def _antecedent(self, before: int, ok, max_sents: int = 2, nearest_only: bool = False,
                    subject_only: bool = False, binding: bool = False) -> Optional[_Cand]:
        si = self._sent_index(before)
        best = None
        here = self._tok(before)
        for c in sorted(self.cands + self.shadow, key=lambda c: c.start, reverse=True):
            if c.end > before:
                continue
            r0 = self._root(c.start, c.end)
            if binding and here is not None and r0 is not None and r0.dep_ in ("nsubj", "nsubjpass") and \
                    r0.head in here.ancestors and self._sent_index(c.start) == si and \
                    not self._crosses_clause(here, r0.head):
                continue  # the subject of the clause that contains the nominal is someone else
            if si - self._sent_index(c.start) > max_sents:
                break
            if not ok(c):
                continue
            if subject_only:
                r = self._root(c.start, c.end)
                if r is None or r.dep_ not in ("nsubj", "nsubjpass", "poss", "conj", "appos", "compound"):
                    if self._sent_index(c.start) != si:
                        continue
            best = c
            break
        return best

    @staticmethod
    def _crosses_clause(tok, top) -> bool:
        """True when the path from ``tok`` up to ``top`` enters a reported/complement clause."""
        t = tok
        while t.i != top.i and t.head.i != t.i:
            if t.dep_ in ("ccomp", "xcomp", "relcl", "advcl", "conj", "parataxis"):
                return True
            t = t.head
        return False

    @staticmethod
    def _copy(c: _Cand, s: int, e: int, how: str) -> _Cand:
        return _Cand(s, e, c.key, how, c.name, c.kind, c.country, c.sector, c.code, c.role, c.kb_id, c.confidence)

    def _in_dateline(self, s: int, e: int, target: Optional[Target] = None) -> bool:
        for a, b, strong in self.datelines:
            if s < b and a < e:
                if strong or target is None or (target.kind == "state" and target.how == "capital"):
                    return True
        return False

    def run(self) -> list[_Cand]:
        self.datelines = dateline_spans(self.text)
        all_matches = self.kb.match(self.text)
        matches = [m for m in all_matches if not self._in_dateline(m.start, m.end, self._choose(m.targets)[0])]
        # the country where the story was filed ("ISLAMABAD: ..."): a bare national organ of the
        # story ("the Foreign Office spokesperson said") is that country's
        self.dateline_iso = next((t.ref for m in all_matches if self.datelines and self._in_dateline(m.start, m.end)
                                  and m.start < self.datelines[0][1] + 1
                                  for t in [self._choose(m.targets)[0]]
                                  if t.kind == "state" and t.how in ("capital", "name")), None)
        if self.doc is not None:
            self._sent_starts = {s.start: i for i, s in enumerate(self.doc.sents)}
        else:
            self._sent_starts = {}
            self.state_mods, self.entry_mods = {}, {}
        self.layer_kb(matches)
        self.layer_nominal()
        self.layer_orgs()
        self._unify_organs()
        self.layer_people()
        self.resolve_demonyms()
        self.layer_coref()
        self.cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
        out, last_end = [], -1
        for c in self.cands:  # no overlapping mentions
            if c.how not in ("name", "alias") and self._in_dateline(c.start, c.end) or \
                    c.how in ("name", "alias") and c.kb_id is None and self._in_dateline(c.start, c.end):
                continue  # where the story was filed
            if c.start >= last_end:
                out.append(c)
                last_end = c.end
        # "the two countries", "both sides": a mention of each party (the only shared span)
        out.extend(describe.joint_mentions(self, out, lambda c, s, e: self._copy(c, s, e, "coref")))
        return out


def _build_actors(cands: list[_Cand], text: str) -> list[Actor]:
    actors: list[Actor] = []
    by_key: dict[tuple, Actor] = {}
    # A state named as acting ("Pakistan condemned") and its government by metonym or officials
    # ("Islamabad", "Pakistani officials") are one party to the reader: one actor, named after the
    # state, coded as its government (how the mention gold and CAMEO's agent rules read an acting state).
    # (only when the state is named: "her country" alone is the land and people, not the government)
    states = {c.key[1] for c in cands if c.key[0] == "state" and c.how in ("name", "alias", "demonym")}
    govs = {c.key[1] for c in cands if c.key[:1] == ("group",) and len(c.key) == 3 and c.key[2] == "GOV"}
    joint = states & govs
    for c in cands:
        if c.key[1:2] and c.key[1] in joint and (c.key == ("state", c.key[1]) or c.key == ("group", c.key[1], "GOV")):
            iso = c.key[1]
            a = by_key.get(("state", iso))
            if a is None:
                name = next(x.name for x in cands if x.key == ("state", iso))
                a = Actor(id=f"A{len(actors) + 1}", name=name, kind="state", country=iso, sector="GOV",
                          code=iso + "GOV", confidence=round(c.confidence, 2))
                by_key[("state", iso)] = a
                actors.append(a)
            a.confidence = max(a.confidence, round(c.confidence, 2))
            a.mentions.append(Mention(c.start, c.end, text[c.start:c.end], c.how))
            continue
        a = by_key.get(c.key)
        if a is None:
            a = Actor(id=f"A{len(actors) + 1}", name=c.name, kind=c.kind, country=c.country, sector=c.sector,
                      code=c.code, role=c.role, kb_id=c.kb_id, confidence=round(c.confidence, 2))
            by_key[c.key] = a
            actors.append(a)
        elif a.role is None and c.role:
            a.role = c.role
        a.mentions.append(Mention(c.start, c.end, text[c.start:c.end], c.how))
    # a state's government is named after the state (its code says GOV): "United States", in an article
    # that names the country and in one that only says "Washington", is one name across a corpus;
    # "(government)" stays only where the article also has the state itself as another actor
    names = {a.name for a in actors}
    for a in actors:
        base = a.name[:-len(" (government)")] if a.name.endswith(" (government)") else None
        if base and a.sector == "GOV" and a.kind == "state" and base not in names:
            a.name = base
    return actors


def find_actors(text: str, doc=None, on: Optional[_dt.date] = None, kb: Optional[KnowledgeBase] = None,
                locations: bool = LOCATIONS_AS_ACTORS) -> list[Actor]:
    """The actors of ``text`` on date ``on``; with no date, in the window the text's own years allow
    (``dating.reading``): an undated text is not read with today's roles.

    ``doc`` is the spaCy Doc of ``text`` (without it only knowledge-base names, demonyms and
    metonyms are found). ``locations=True`` also reports countries named only as locations
    (mention how="place"), as CAMEO event coders do.
    """
    kb = kb or load_kb()
    when = reading(text, on)
    cands = _Analyser(text, doc, when.on, kb, locations, when.since).run()
    actors = _merge_ruling_movement(_build_actors(cands, text), kb)
    if when.basis != "published":  # a role read off the knowledge base says when it holds
        for a in actors:
            if a.kb_id is not None and a.role and a.kind == "person":
                a.role = f"{a.role} ({when.qualifier()})"
    return actors


def _merge_ruling_movement(actors: list[Actor], kb: KnowledgeBase) -> list[Actor]:
    """A movement that governs the state on the article's date (the Taliban after August 2021: once an
    insurgency, now coded GOV) is the government that "Kabul" and "the Afghan authorities" name: one
    actor, not two. Ministries and departments (also coded GOV) are organs, not rulers."""
    for ruler in [a for a in actors if a.kb_id in kb.entries and a.sector == "GOV" and a.country
                  and any(r.kind == "armed_group" or r.sector in ("INS", "REB") for r in kb.entries[a.kb_id].roles)]:
        for a in [x for x in actors if x.kind == "state" and x.country == ruler.country and x.sector == "GOV"
                  and x.kb_id is None]:
            ruler.mentions = sorted(ruler.mentions + a.mentions, key=lambda m: m.start)
            actors.remove(a)
    for k, a in enumerate(actors, 1):  # ids stay A1..An after a merge (nothing refers to them yet)
        a.id = f"A{k}"
    return actors


@stage("actors", assigns=("actors",), components=("ner", "parser", "lemmatizer"))
def actors(brief: Brief) -> Brief:
    """Find actor mentions and resolve them to canonical actors on the article's date."""
    brief.actors = find_actors(brief.article.text, brief.doc, brief.article.published_date())
    return brief


def list_actors(brief: Brief) -> list[dict]:
    """One row per actor with its mentions, for ``geobrief actors FILE``."""
    rows = []
    for a in brief.actors:
        rows.append({
            "id": a.id, "name": a.name, "kind": a.kind, "country": a.country, "sector": a.sector,
            "code": a.code, "role": a.role, "kb_id": a.kb_id, "confidence": a.confidence,
            "n_mentions": len(a.mentions),
            "mentions": [{"start": m.start, "end": m.end, "text": m.text, "how": m.how} for m in a.mentions],
        })
    return rows
