"""Cue lexicons of the framing stage and their look-up: technique labels, cue words and phrases
(``framing_cues``, ``framing_roles``), the senses a cue counts in, negation and literal violence words."""
from __future__ import annotations

import bisect
import functools
import re

from ...knowledge.lexicons import load_lexicon
from ...nlp import doc_text


@functools.lru_cache(maxsize=None)
def _word_classes(name: str) -> dict:
    return {cls: frozenset(words.split()) for cls, words in load_lexicon(name).items()}


def word_class(name: str, cls: str) -> frozenset:
    """The words of class ``cls`` in the two-column lexicon ``name`` (class, space-separated words)."""
    return _word_classes(name)[cls]


COMPONENTS = ("parser", "lemmatizer", "ner")

LL = "Loaded_Language"
NC = "Name_Calling,Labeling"
REP = "Repetition"
EX = "Exaggeration,Minimisation"
DOUBT = "Doubt"
FEAR = "Appeal_to_fear-prejudice"
FLAG = "Flag-Waving"
CAUSAL = "Causal_Oversimplification"
SLOGAN = "Slogans"
AUTH = "Appeal_to_Authority"
BW = "Black-and-White_Fallacy"
CLICHE = "Thought-terminating_Cliches"
WHAT = "Whataboutism,Straw_Men,Red_Herring"
BAND = "Bandwagon,Reductio_ad_hitlerum"
TECHNIQUES = (LL, NC, REP, EX, DOUBT, FEAR, FLAG, CAUSAL, SLOGAN, AUTH, BW, CLICHE, WHAT, BAND)

EXPLANATIONS = {
    LL: "emotionally charged wording ('{t}') meant to sway the reader rather than inform",
    NC: "labels its target ('{t}') instead of describing what it did",
    REP: "repeats '{t}' to hammer the message home",
    EX: "overstates or plays down ('{t}') beyond what the facts support",
    DOUBT: "casts doubt ('{t}') on a person's or claim's credibility without showing evidence",
    FEAR: "plays on fear ('{t}') of what will happen rather than arguing the case",
    FLAG: "appeals to national or group pride ('{t}') to justify a position",
    CAUSAL: "reduces a complex outcome to a single cause ('{t}')",
    SLOGAN: "a short, striking slogan ('{t}')",
    AUTH: "rests the point on who says it ('{t}') rather than on evidence",
    BW: "presents only two options ('{t}') when more exist",
    CLICHE: "a stock phrase ('{t}') that closes down further thought",
    WHAT: "deflects to another issue or a distorted version of the opposing view ('{t}')",
    BAND: "argues from the crowd, or by association with a reviled figure ('{t}')",
}

# words that negate the token they govern or modify
_NEGATORS = {"not", "n't", "no", "never", "without", "nor", "neither", "hardly", "nothing"}
_REPORTING = word_class("framing_words", "reporting")
_QUOTE_PAIRS = {'"': '"', "\u201c": "\u201d", "\u00ab": "\u00bb"}
_FIRST_PERSON = {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"}



# --------------------------------------------------------------------------- lexicons
@functools.lru_cache(maxsize=1)
def _cues() -> tuple[dict, dict]:
    """(single-word cues, phrase cues) of ``framing_cues``: cue -> (technique, polarity, scope)."""
    raw = dict(load_lexicon("framing_cues"))
    for cue, val in load_lexicon("framing_cues_pattern").items():
        raw.setdefault(cue, val)
    words: dict[str, tuple[str, float, str]] = {}
    phrases: dict[tuple[str, ...], tuple[str, float, str]] = {}
    for cue, (tech, pol, scope) in raw.items():
        val = (tech, float(pol), scope)
        toks = tuple(_split(cue))
        if len(toks) == 1:
            words[toks[0]] = val
        else:
            phrases[toks] = val
    return words, phrases


@functools.lru_cache(maxsize=1)
def _roles() -> tuple[dict, dict]:
    raw = load_lexicon("framing_roles")
    words: dict[str, tuple[str, str]] = {}
    phrases: dict[tuple[str, ...], tuple[str, str]] = {}
    for cue, (main, fine) in raw.items():
        toks = tuple(_split(cue))
        (words if len(toks) == 1 else phrases)[toks if len(toks) > 1 else toks[0]] = (main, fine)
    return words, phrases


def _split(cue: str) -> list[str]:
    # split "n't"/"'s" and a hyphen between letters as spaCy splits them ("so-called" -> so - called):
    # kept whole, a hyphenated cue could never match a token
    out = []
    for w in cue.lower().split():
        m = re.match(r"^(.*?)(n't|'s|'re|'t)$", w)
        parts = [m.group(1), m.group(2)] if m and m.group(1) else [w]
        for p in parts:
            bits = re.split(r"(?<=[a-z])(-)(?=[a-z])", p)
            out += [b for b in bits if b]
    return out


_DERIVED = (("ally", "al"), ("ily", "y"), ("ly", ""), ("ness", ""), ("iness", "y"), ("ity", ""), ("ity", "e"))


def _word_value(words: dict, low: str, lem: str):
    v = words.get(low)
    if v is None:
        v = words.get(lem)
    if v is None and len(low) > 6:
        # derived forms of loaded adjectives: "shamefully", "brutality", "callousness"
        for suf, repl in _DERIVED:
            if low.endswith(suf):
                base = words.get(low[: -len(suf)] + repl)
                if base is not None and base[0] == LL and base[2] == "np":
                    return base
    return v


def _lookup_words(doc, words: dict) -> list[tuple[int, int, object]]:
    """(token i, token i+1, value) for single-word cues (lower form first, then lemma).

    One pass over the Doc's (LOWER, LEMMA) hash array; each distinct pair is looked up once."""
    from spacy.attrs import LEMMA, LOWER

    if not len(doc):
        return []
    strings = doc.vocab.strings
    memo: dict = {}
    out = []
    for i, (lo, le) in enumerate(doc.to_array([LOWER, LEMMA]).tolist()):
        key = (lo, le)
        v = memo.get(key, memo)
        if v is memo:
            v = memo[key] = _word_value(words, strings[lo], strings[le].lower() if le else "")
        if v is not None:
            out.append((i, i + 1, v))
    return out


_MATCHERS: dict = {}


def _phrase_matcher(vocab, phrases: dict, name: str):
    """A spaCy PhraseMatcher on lower case for ``phrases`` (token tuples), built once per vocab."""
    key = (id(vocab), name)
    m = _MATCHERS.get(key)
    if m is None or m[0] is not vocab:
        from spacy.matcher import PhraseMatcher
        from spacy.tokens import Doc

        pm = PhraseMatcher(vocab, attr="LOWER")
        values = {}
        for toks, v in phrases.items():
            label = " ".join(toks)
            values[vocab.strings.add(label)] = v
            pm.add(label, [Doc(vocab, words=list(toks))])
        m = _MATCHERS[key] = (vocab, pm, values)
    return m[1], m[2]


def _lookup_phrases(doc, phrases: dict, name: str = "cues") -> list[tuple[int, int, object]]:
    if not phrases or not len(doc):
        return []
    pm, values = _phrase_matcher(doc.vocab, phrases, name)
    return sorted((s, e, values[mid]) for mid, s, e in pm(doc))


def cue_hits(doc) -> list[tuple[int, int, str, float, str]]:
    """Every cue match: (token start, token end, technique, polarity, scope); phrases win overlaps.

    Computed once per Doc (kept in ``doc.user_data``): every later look-up slices this list."""
    hits = doc.user_data.get("geobrief_cue_hits")
    if hits is None:
        hits = doc.user_data["geobrief_cue_hits"] = _cue_hits(doc)
    return hits


def cue_hits_in(doc, start: int, end: int) -> list[tuple[int, int, str, float, str]]:
    """The cue hits inside tokens [start, end) (binary search on the per-Doc list)."""
    hits = cue_hits(doc)
    starts = doc.user_data.get("geobrief_cue_starts")
    if starts is None or len(starts) != len(hits):
        starts = doc.user_data["geobrief_cue_starts"] = [h[0] for h in hits]
    i = bisect.bisect_left(starts, start)
    out = []
    while i < len(hits) and hits[i][0] < end:
        if hits[i][1] <= end:
            out.append(hits[i])
        i += 1
    return out


def _cue_hits(doc) -> list[tuple[int, int, str, float, str]]:
    hits = _all_cue_hits(doc)
    furniture = furniture_spans(doc)
    if furniture:
        hits = [h for h in hits if not _inside(furniture, doc[h[0]].idx)]
    return hits


def _inside(ranges: list, pos: int) -> bool:
    i = bisect.bisect_right(ranges, (pos, float("inf"))) - 1
    return i >= 0 and ranges[i][0] <= pos < ranges[i][1]


@functools.lru_cache(maxsize=1)
def _furniture_phrases() -> tuple[tuple, tuple]:
    raw = load_lexicon("framing_furniture")
    return (tuple(k for k, v in raw.items() if v == "open"), tuple(k for k, v in raw.items() if v == "close"))


def furniture_spans(doc) -> list[tuple[int, int]]:
    """Char ranges of web-page furniture in the text (sorted): a widget block from an opener line
    ("take our poll", "story continues below") to a closer line ("privacy policy", "this field is for
    validation purposes") within 15 lines, and a line that repeats the line before it word for word."""
    got = doc.user_data.get("geobrief_furniture")
    if got is not None:
        return got
    text = doc_text(doc)
    opens, closes = _furniture_phrases()
    lines, pos = [], 0
    for ln in text.split("\n"):
        lines.append((pos, pos + len(ln), ln.strip().lower()))
        pos += len(ln) + 1
    out = []
    prev = None
    k = 0
    while k < len(lines):
        a, b, low = lines[k]
        if low and low == prev:
            out.append((a, b))
        elif low and any(o in low for o in opens):
            end = next((j for j in range(k, min(len(lines), k + 16)) if any(c in lines[j][2] for c in closes)), k)
            out.append((a, lines[end][1]))
            prev = lines[end][2]
            k = end + 1
            continue
        if low:
            prev = low
        k += 1
    got = doc.user_data["geobrief_furniture"] = sorted(out)
    return got


def _all_cue_hits(doc) -> list[tuple[int, int, str, float, str]]:
    words, phrases = _cues()
    # a capitalised stock phrase inside a longer name is more often the writer's emphasis ("the latest
    # Postwar Gravy Train") than a name of its own: only one-word cues are read as parts of names
    hits = [(s, e, *v) for s, e, v in _lookup_phrases(doc, phrases, "cues")]
    covered = {i for s, e, *_ in hits for i in range(s, e)}
    for s, e, v in _lookup_words(doc, words):
        if s in covered:
            continue
        covered.add(s)
        t = doc[s]
        tech, pol, scope = v
        # content-word cues must be content words (not "so" the adverb as a noun, proper names, etc.)
        if tech in (LL, NC) and t.pos_ not in ("ADJ", "NOUN", "VERB", "ADV", "PROPN"):
            continue
        if tech in (LL, NC) and t.pos_ == "PROPN" and not t.is_lower:
            continue
        if _in_name(doc, s, e) or (tech in (LL, NC) and _after_attitude_prefix(doc, s)):
            continue
        if not _cue_sense(t, tech, scope):
            continue
        hits.append((s, e, tech, pol, scope))
    for i, t in enumerate(doc):
        if i not in covered and t.is_alpha and len(t) >= 4:
            hit = _affix_hit(doc, i)
            if hit is not None and not any(k in covered for k in range(hit[0], hit[1])):
                hits.append(hit)
    return sorted(hits)


@functools.lru_cache(maxsize=1)
def _affixes() -> tuple[tuple, tuple]:
    """(suffixes, prefixes) of ``framing_affixes``: (affix, technique) pairs."""
    raw = load_lexicon("framing_affixes")
    return (tuple((a, v[1]) for a, v in raw.items() if v[0] == "suffix"),
            tuple((a, v[1]) for a, v in raw.items() if v[0] == "prefix"))


def _affix_hit(doc, i: int):
    """A word built with a derogatory affix: "spinmeister", "hype-meisters" (after a hyphen: the
    compound), "scaremongering", "wannabe statesmen". Capitalised words are names."""
    t = doc[i]
    if not t.is_lower or t.pos_ not in ("NOUN", "ADJ", "VERB", "PROPN", "ADV"):
        return None
    low = t.lower_
    if low in _AFFIX_EXCEPTIONS:
        return None  # a trade: "the fishmongers at the harbour"
    suffixes, prefixes = _affixes()
    for suf, tech in suffixes:
        if low == suf and i >= 2 and doc[i - 1].text == "-" and doc[i - 2].is_alpha \
                and doc[i - 1].idx == doc[i - 2].idx + len(doc[i - 2]) and t.idx == doc[i - 1].idx + 1:
            return i - 2, i + 1, tech, -1.0, "np"
        if low.endswith(suf) and len(low) >= len(suf) + 3:
            return i, i + 1, tech, -1.0, "np"
    for pre, tech in prefixes:
        if low == pre or (low.startswith(pre) and len(low) >= len(pre) + 3):
            return i, i + 1, tech, -1.0, "np"
    return None


# --------------------------------------------------------------------------- cue senses
# A one-word cue is listed under the technique it signals, but some of these words have a plain
# sense that news copy uses all the time. The cue only counts in its marked sense:
#
# * "agenda": loaded when it imputes hidden or self-serving aims ("a hidden agenda", "their own
#   political agenda"), not as the list of items for a meeting ("at the top of the agenda");
# * "most": exaggerates as the intensifier of a superlative ("the most brutal regime"), not as the
#   quantifier it is in "in most cases", "most of the detainees", "at most";
# * "since": causal only as the conjunction of a reason clause ("since they refused, ..."); the
#   preposition ("since 2022", "since the clashes", "since returning to power"), the adverb ("has
#   since", "ever since") and a clause tied to a perfect-tense main clause ("have been strained since
#   the talks collapsed") or to a date are temporal;
# * "claim": casts doubt when the author sets it against the speaker, not when it is the wire verb
#   for a group's own statement ("X said ... and claimed that 25 people had been killed", "in a
#   statement, X claimed ..."): there it attributes an unverified figure to its source.
_AGENDA_MARKED = word_class("framing_words", "agenda_marked")
_SAY_NEUTRAL = word_class("framing_words", "say_neutral")
_STATEMENT_NOUNS = word_class("framing_words", "statement_nouns")


def _cue_sense(tok, tech: str, scope: str = "np") -> bool:
    low, lem = tok.lower_, tok.lemma_.lower()
    if scope == "vp" and tok.pos_ in ("NOUN", "PROPN") and lem not in _VP_LOADED_NOUNS and low not in _VP_LOADED_NOUNS:
        return False  # a verb cue in its noun sense names a thing: "gun laws", "the plague", "wage growth"
    if low in _QUANTITY_HEADS and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ in _QUANTITY_HEADS[low]:
        return False  # a degree word in a quantity idiom: "a great deal", "a great many"
    if low in _MODIFIER_ONLY and tok.pos_ in ("VERB", "AUX"):
        return False  # "to outlaw the party" reports a ban; "an outlaw state" labels
    if low in _PSYCHIATRIC or lem in _PSYCHIATRIC:
        return _of_a_non_person(tok)
    if lem == "agenda" or low in ("agenda", "agendas"):
        return any(c.dep_ in ("amod", "compound", "nmod") and c.lower_ in _AGENDA_MARKED for c in tok.children)
    if low == "most" and tech == EX:
        return tok.dep_ == "advmod" and tok.head.pos_ in ("ADJ", "ADV")
    if low == "since":
        return _causal_since(tok)
    if lem == "record" and tech == EX:
        # "a record high", "a record 65 million": the noun as a measure; "medical records", "his track
        # record", "on the record" are documents and history
        return tok.dep_ in ("amod", "compound", "nmod", "npadvmod") and tok.head.i > tok.i and not \
            (tok.i > 0 and tok.doc[tok.i - 1].lower_ == "track")
    if lem == "claim" and tech == DOUBT and tok.pos_ == "VERB":
        return not _reports_statement(tok)
    return True


# A cue listed as a verb ("gun down", "plague", "wage war", "fuel") counts as a verb; its noun is a
# thing of the world ("gun laws", "the plague", "wages", "jet fuel") unless the noun itself passes
# judgement ("a smear", "a cover-up", "a massacre"): framing_words "vp_loaded_nouns".
_VP_LOADED_NOUNS = word_class("framing_words", "vp_loaded_nouns")
# degree words that measure in a quantity idiom: "great" before "deal", "many", "number", ...
_QUANTITY_HEADS = {"great": word_class("framing_words", "great_quantity")}
# named-entity types whose capitalised words are part of a name, not the writer's wording
_NAME_TYPES = ("EVENT", "ORG", "WORK_OF_ART", "LAW", "FAC", "PRODUCT")


def _in_name(doc, s: int, e: int) -> bool:
    """Is the cue [s, e) a capitalised part of a longer name ("World War II", "the Cold War", "the
    National Security Council", "Freedom Party")? A name that is the cue word alone ("Sharia", "Witch
    Hunt" capitalised for emphasis) is not a name around it; a sentence's first word may be capitalised
    for its position."""
    toks = doc[s:e]
    if not all(t.ent_type_ in _NAME_TYPES and t.text[:1].isupper() and not t.is_upper for t in toks) or \
            all(t.i == t.sent.start for t in toks):
        return False
    ent = next((x for x in doc.ents if x.start <= s < x.end), None)
    if ent is None or ent.end < e or (ent.start == s and ent.end == e):
        return False
    # in a headline written in title case every word is capitalised: there a capital proves no name
    long = [t for t in toks[0].sent if t.is_alpha and len(t) > 3]
    return sum(1 for t in long if t.text[:1].isupper()) < 0.7 * len(long)


def _after_attitude_prefix(doc, i: int) -> bool:
    """A word after "anti-" / "pro-" names the object of an attitude, not the writer's label for it
    ("anti-establishment", "anti-war", "pro-regime")."""
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in ("anti", "pro") and \
        doc[i - 1].idx == doc[i - 2].idx + len(doc[i - 2]) and doc[i].idx == doc[i - 1].idx + 1


# A psychiatric term is loaded language when the writer applies it to something that is not a person
# ("a schizophrenic foreign policy", "the plan is psychotic"); of a person it may be a diagnosis.
_PSYCHIATRIC = word_class("framing_words", "psychiatric")
_MODIFIER_ONLY = word_class("framing_words", "modifier_only")
_AFFIX_EXCEPTIONS = word_class("framing_words", "affix_exceptions")
_PERSONS = word_class("framing_words", "persons") | word_class("framing_words", "person_nouns")


def _of_a_non_person(tok) -> bool:
    if tok.dep_ in ("amod", "compound") and tok.head.pos_ in ("NOUN", "PROPN"):
        target = tok.head
    elif tok.dep_ in ("acomp", "attr"):
        subj = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subj:
            return False
        target = subj[0]
    else:
        return False
    return target.ent_type_ not in ("PERSON", "NORP") and target.lower_ not in _PERSONS \
        and target.lemma_.lower() not in _PERSONS and target.pos_ != "PRON"


def _perfect(verb) -> bool:
    return any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)


def _causal_since(tok) -> bool:
    doc = tok.doc
    if tok.dep_ in ("prep", "advmod") or any(c.dep_ in ("pobj", "pcomp") for c in tok.children):
        return False
    if tok.i > 0 and doc[tok.i - 1].lower_ in ("ever", "long"):
        return False
    if tok.dep_ == "mark":
        sub = tok.head
        main = sub.head if sub.dep_ == "advcl" else None
        if main is not None and _perfect(main):
            return False
        if any(t.ent_type_ == "DATE" or t.lower_ == "ago" for t in sub.subtree):
            return False
    return True


def _reports_statement(verb) -> bool:
    """"claimed" as the verb of a report of the speaker's own statement."""
    if verb.dep_ == "conj" and verb.head.lemma_.lower() in _SAY_NEUTRAL:
        return True
    if any(c.dep_ == "conj" and c.lemma_.lower() in _SAY_NEUTRAL for c in verb.children):
        return True
    return any(t.lemma_.lower() in _STATEMENT_NOUNS and t.pos_ == "NOUN" for t in verb.sent)


# --------------------------------------------------------------------------- negation
def _negated(tok) -> bool:
    """Is ``tok`` under negation: "not brutal", "no humanitarian gesture", "never lied"."""
    def neg_child(t):
        return any(c.dep_ == "neg" or (c.lower_ in _NEGATORS and c.dep_ in ("det", "advmod", "neg"))
                   for c in t.children)
    if neg_child(tok):
        return True
    head = tok.head
    if tok.dep_ in ("amod", "compound", "advmod") and neg_child(head):
        return True
    if tok.dep_ in ("acomp", "attr", "dobj", "xcomp") and neg_child(head):
        return True
    # "no X" where the determiner sits on the head noun of a compound/amod chain
    if tok.dep_ in ("amod", "compound") and head.dep_ in ("amod", "compound") and neg_child(head.head):
        return True
    if tok.i > 0 and tok.doc[tok.i - 1].lower_ in ("no", "not", "never", "hardly"):
        return True
    return False


# Words that name violence literally. In a sentence that reports (a casualty figure, a reporting
# verb, "claimed responsibility") they describe what happened and are not loaded language: a wire
# report of a bombing says "killed" and "attack" because that is what occurred.
LITERAL_VIOLENCE = word_class("framing_words", "literal_violence")
REPORTING = word_class("framing_words", "violence_reporting")


def _literal_report(tok, n_tokens: int) -> bool:
    """True for a one-word violence cue used literally in a reporting sentence, and for "claimed"
    in "claimed responsibility" (a standard phrase, not doubt)."""
    low = tok.lemma_.lower()
    if low == "claim" and any(t.lower_ == "responsibility" for t in tok.doc[tok.i + 1:tok.i + 3]):
        return True
    if n_tokens != 1 or low not in LITERAL_VIOLENCE and tok.lower_ not in LITERAL_VIOLENCE:
        return False
    sent = tok.sent
    return any(t.like_num or t.ent_type_ in ("CARDINAL", "QUANTITY") for t in sent) or \
        any(t.lemma_.lower() in REPORTING and t.pos_ == "VERB" for t in sent)



@functools.lru_cache(maxsize=1)
def _literal_words() -> frozenset:
    """Cue words news copy also uses descriptively (``framing_literal``: "radical", "armed", "illegal")."""
    return frozenset(load_lexicon("framing_literal"))


def _lower_text(doc) -> str:
    low = doc.user_data.get("geobrief_lower_text")
    if low is None:
        low = doc.user_data["geobrief_lower_text"] = doc_text(doc).lower()
    return low


