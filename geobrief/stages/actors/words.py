"""The actors stage's own word lists (project lexicons, MIT) and the dateline pattern."""
from __future__ import annotations

import re

# ---------------------------------------------------------------- project lexicons (MIT)
# offices written "X general", where "general" is not the army rank -> sector of the office
GENERAL_POSTPOSITIVE = {
    "attorney": "JUD", "solicitor": "JUD", "procurator": "JUD", "prosecutor": "JUD", "advocate": "JUD",
    "secretary": "GOV", "director": "GOV", "consul": "GOV", "governor": "GOV", "inspector": "GOV",
    "auditor": "GOV", "comptroller": "GOV", "postmaster": "GOV", "surgeon": "HLH", "accountant": "GOV",
}
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
# news-style abbreviated titles before a name ("Gov. Pat Reed", "Sen. Ana Ruiz", "Lt. Gen. Ivo Marr"):
# the sector the full title gives; abbreviations of ranks that police and armies share are left out
TITLE_ABBREVIATIONS = {
    "gov.": "GOV", "lt. gov.": "GOV", "amb.": "GOV", "sec.": "GOV", "atty.": "JUD",
    "sen.": "LEG", "rep.": "LEG", "reps.": "LEG", "sens.": "LEG", "assemblyman": "LEG", "assemblywoman": "LEG",
    "gen.": "MIL", "adm.": "MIL", "col.": "MIL", "brig.": "MIL", "maj.": "MIL", "cmdr.": "MIL",
}
SECTOR_NOUNS.update({k: v for k, v in TITLE_ABBREVIATIONS.items() if " " not in k})
# clergy titles that the tagger takes into a person's name ("Bishop Juan Barros"): a title, not a name
CLERGY_TITLES = {"bishop", "archbishop", "cardinal", "rabbi", "pastor", "reverend", "rev.", "patriarch",
                 "ayatollah", "mullah", "imam", "sheikh", "cleric", "priest"}
SECTOR_NOUNS.update({k: "REL" for k in CLERGY_TITLES if k not in SECTOR_NOUNS})
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
} | {k for k in TITLE_ABBREVIATIONS if " " not in k} | CLERGY_TITLES
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
# a country word after "pro-" / "anti-" names an attitude, not a nationality or a place ("pro-Russia
# rebels", "anti-American protesters"); search it with endpos at the word's start
ATTITUDE_PREFIX = re.compile(r"\b(?:pro|anti)[-\u2010\u2011]$", re.I)
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
# sectors of a group that a place phrase locates in its country ("a court in Guyana", "protesters in
# Chile", "miners in Bolivia"); not civilians, refugees or migrants, who are often foreigners there
LOCATED_SECTORS = frozenset({"GOV", "JUD", "LEG", "COP", "MIL", "OPP", "REB", "INS", "LAB", "AGR", "EDU", "JRN",
                             "HLH", "BUS"})
FOREIGN_POSTED = {"diplomat", "ambassador", "envoy", "embassy", "consul", "consulate", "emissary", "delegation",
                  "attache", "attaché", "mission", "counterpart", "visitor", "negotiator"}
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "madam", "mme", "m", "herr", "frau"}
NOT_PERSON = {"wednesday", "monday", "tuesday", "thursday", "friday", "saturday", "sunday", "god", "allah",
              "tank", "institute", "foundation", "news"}
# words that make an organisation's generic head ("service", "agency") an outlet's
MEDIA_WORDS = {"news", "press", "media", "broadcasting", "television", "radio", "wire", "newspaper"}


