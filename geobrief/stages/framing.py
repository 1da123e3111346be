"""Framing stage: propaganda-technique spans, loaded-language density, actor portrayals, genre.

Everything here is rules over the spaCy parse plus two project-written lexicons:

* ``framing_cues`` — cue words/phrases for the 14 PTC techniques (with polarity and scope);
* ``framing_roles`` — cues for the SemEval-2025 entity-framing roles (main + fine role).

Public functions (used by the stage and by the scorers in ``geobrief.eval``):

* :func:`technique_spans` ``(doc, mentions=None) -> list[FramingSpan]``
* :func:`classify_technique` ``(doc, start, end) -> str`` (the technique of a given span)
* :func:`quotes` ``(doc) -> list[(start, end, speaker_span)]`` (quoted material and who says it)
* :func:`portray` ``(doc, entity_spans, groups=None) -> list[dict]`` (role per given span)
* :func:`genre_of` ``(doc) -> "reporting" | "opinion" | "satire"``

Quoted words are attributed to the quoted speaker (``speaker`` = actor id, or ``"quoted"`` when
the speaker is not a known actor), never to the author; loaded words under negation ("no
humanitarian gesture", "not brutal") are not flagged as the author's loaded language.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections import Counter, defaultdict
from typing import Iterable, Optional, Sequence

from ..knowledge.lexicons import load_lexicon
from ..model import Brief, FramingSpan, Portrayal, Span
from ..nlp import doc_text
from ..pipeline import stage

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
_REPORTING = {"say", "tell", "claim", "call", "describe", "add", "write", "state", "declare", "insist",
              "argue", "warn", "accuse", "allege", "deny", "announce", "note", "explain", "ask", "reply",
              "respond", "remark", "suggest", "tweet", "post", "brand", "label", "dub", "term", "urge",
              "complain", "charge", "stress", "assert", "vow", "threaten", "predict", "conclude"}
_QUOTE_PAIRS = {'"': '"', "\u201c": "\u201d", "\u00ab": "\u00bb"}
_FIRST_PERSON = {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"}


# --------------------------------------------------------------------------- lexicons
@functools.lru_cache(maxsize=1)
def _cues() -> tuple[dict, dict]:
    """(single-word cues, phrase cues) of ``framing_cues``: cue -> (technique, polarity, scope)."""
    raw = load_lexicon("framing_cues")
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
    words, phrases = _cues()
    hits = [(s, e, *v) for s, e, v in _lookup_phrases(doc, phrases, "cues")]
    covered = {i for s, e, *_ in hits for i in range(s, e)}
    for s, e, v in _lookup_words(doc, words):
        if s in covered:
            continue
        t = doc[s]
        tech, pol, scope = v
        # content-word cues must be content words (not "so" the adverb as a noun, proper names, etc.)
        if tech in (LL, NC) and t.pos_ not in ("ADJ", "NOUN", "VERB", "ADV", "PROPN"):
            continue
        if tech in (LL, NC) and t.pos_ == "PROPN" and not t.is_lower:
            continue
        if not _cue_sense(t, tech):
            continue
        hits.append((s, e, tech, pol, scope))
    return sorted(hits)


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
_AGENDA_MARKED = frozenset("""hidden secret real true ulterior covert sinister political partisan ideological
personal own private undisclosed unspoken""".split())
_SAY_NEUTRAL = frozenset("say state announce tell add report write post".split())
_STATEMENT_NOUNS = frozenset("statement communique communiqu\u00e9 video message post broadcast audio".split())


def _cue_sense(tok, tech: str) -> bool:
    low, lem = tok.lower_, tok.lemma_.lower()
    if lem == "agenda" or low in ("agenda", "agendas"):
        return any(c.dep_ in ("amod", "compound", "nmod") and c.lower_ in _AGENDA_MARKED for c in tok.children)
    if low == "most" and tech == EX:
        return tok.dep_ == "advmod" and tok.head.pos_ in ("ADJ", "ADV")
    if low == "since":
        return _causal_since(tok)
    if lem == "claim" and tech == DOUBT and tok.pos_ == "VERB":
        return not _reports_statement(tok)
    return True


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


# --------------------------------------------------------------------------- quotes
def quotes(doc) -> list[tuple[int, int, Optional[tuple[int, int]]]]:
    """Quoted stretches of the text: (char start, char end, speaker char span or None).

    The speaker is the subject of a reporting verb ("said", "called", ...) in the same sentence
    as the quote, outside it; None when no reporting verb (scare quotes, titles). Quote marks:
    straight and curly double quotes, guillemets, curly single quotes and the doubled apostrophe
    (''...'') of some wire styles. A paragraph that opens a quote and does not close it, followed by
    a paragraph that opens with a quote mark, is quoted to its end (the news convention for a
    quotation running over several paragraphs). Computed once per Doc.
    """
    got = doc.user_data.get("geobrief_quotes")
    if got is None:
        got = doc.user_data["geobrief_quotes"] = [(a, b, _speaker(doc, a, b)) for a, b in _quote_spans(doc_text(doc))]
    return got


_OPENERS = ('"', "\u201c", "\u00ab", "\u2018", "''")


def _para_start(text: str, i: int) -> bool:
    k = i - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    return k < 0 or (text[k] == "\n" and k > 0 and text[k - 1] == "\n") or k == 0 and text[0] == "\n"


def _quote_spans(text: str) -> list[tuple[int, int]]:
    out = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        two = text[i:i + 2] == "''"
        close = "''" if two else _QUOTE_PAIRS.get(ch)
        if close is None and ch == "\u2018":
            close = "\u2019"
        if close is None:
            i += 1
            continue
        if close == "\u2019":
            # a single curly quote: closing quote is a \u2019 not followed by a letter (not an apostrophe)
            j = i + 1
            stop = min(n, i + 1502)  # a quote longer than 1500 characters is not taken (below)
            while j < stop:
                if text[j] == "\u2019" and (j + 1 >= n or not text[j + 1].isalpha()):
                    break
                if text[j] == "\n" and j + 1 < n and text[j + 1] == "\n":
                    j = n
                    break
                j += 1
        else:
            j = text.find(close, i + len(close), i + 1502)
            para = text.find("\n\n", i + 1, i + 1502)
            if para != -1 and (j == -1 or para < j):
                nxt = para
                while nxt < n and text[nxt].isspace():
                    nxt += 1
                if para - i > 20 and (ch in "\u201c\u00ab" or _para_start(text, i) and text.startswith(_OPENERS, nxt)):
                    # a quotation running on into the next paragraph, or a curly opening mark (an
                    # opener and nothing else) whose closing mark never comes in its paragraph
                    out.append((i, para))
                    i = para
                    continue
                j = -1 if close != '"' else j
                if j != -1 and para < j:
                    j = -1
            elif j == -1 and para == -1 and ch in "\u201c\u00ab" and 20 < n - i <= 1500:
                out.append((i, n))  # the last paragraph opens a quotation and the text ends first
                break
        if j == -1 or j >= n or j - i > 1500:
            i += 1
            continue
        end = j + len(close) if close == "''" else j + 1
        out.append((i, end))
        i = end
    return out


def _speaker(doc, qs: int, qe: int) -> Optional[tuple[int, int]]:
    span = doc.char_span(qs, qe, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    sents = {span[0].sent.start, span[-1].sent.start}
    cands = []
    for s0 in sents:
        sent = doc[s0].sent
        for t in sent:
            if t.idx >= qs and t.idx < qe:
                continue
            if t.pos_ == "VERB" and t.lemma_.lower() in _REPORTING:
                for c in t.children:
                    if c.dep_ in ("nsubj", "nsubjpass") and not (qs <= c.idx < qe):
                        sub = doc[c.left_edge.i:c.right_edge.i + 1]
                        if sub.end_char <= qs or sub.start_char >= qe:
                            cands.append((abs(t.idx - qs), sub.start_char, sub.end_char))
            if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
                obj = [c for c in doc[t.i + 1].children if c.dep_ == "pobj"]
                if obj:
                    o = obj[0]
                    cands.append((abs(t.idx - qs), doc[o.left_edge.i].idx,
                                  doc[o.right_edge.i].idx + len(doc[o.right_edge.i])))
    if not cands:
        return _governing_subject(doc, span, qs, qe)
    cands.sort()
    return cands[0][1], cands[0][2]


def _governing_subject(doc, span, qs: int, qe: int) -> Optional[tuple[int, int]]:
    """The speaker of a quoted fragment with no reporting verb: the subject of the verb the
    fragment hangs on ("the Foreign Office condemned the attack "in the strongest terms"", "critics
    dismissed the plan as "a sham""). A quote that is a clause of its own, or the subject's own words
    ("the "reforms" failed": scare quotes in the writer's voice), has none."""
    inside = lambda t: qs <= t.idx < qe
    heads = [t for t in span if not t.is_punct and not inside(t.head) and t.head.i != t.i]
    if not heads:
        return None
    verb = heads[0].head
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or inside(verb):
        return None
    for _ in range(2):
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            sub = doc[subj[0].left_edge.i:subj[0].right_edge.i + 1]
            if sub.end_char <= qs or sub.start_char >= qe:
                return sub.start_char, sub.end_char
            return None
        if verb.dep_ != "conj":
            return None
        verb = verb.head  # "condemned the attack and called for "swift justice"": the first verb's subject
    return None


def _quote_index(doc):
    qs = quotes(doc)
    starts = [q[0] for q in qs]
    return qs, starts


def _in_quote(qs, start: int, end: int):
    """The quote (from :func:`quotes`: sorted, non-overlapping) holding [start, end), or None."""
    i = bisect.bisect_right(qs, (start, float("inf"), None)) - 1 if qs else -1
    if i >= 0 and qs[i][0] <= start and end <= qs[i][1]:
        return qs[i]
    return None


def _lower_text(doc) -> str:
    low = doc.user_data.get("geobrief_lower_text")
    if low is None:
        low = doc.user_data["geobrief_lower_text"] = doc_text(doc).lower()
    return low


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


# --------------------------------------------------------------------------- spans
def _np_of(tok):
    """The noun phrase a content word belongs to (det + modifiers + head noun), as token indices."""
    doc = tok.doc
    head = tok
    hops = 0
    while head.dep_ in ("amod", "compound", "advmod", "nmod", "poss") and head.head.pos_ in ("NOUN", "PROPN", "ADJ") \
            and head.head.i > head.i and hops < 3:
        head = head.head
        hops += 1
    if head.pos_ in ("NOUN", "PROPN"):
        left = head.i
        for c in head.lefts:
            if c.dep_ in ("det", "amod", "compound", "nummod", "poss", "advmod", "nmod", "quantmod") and c.i >= head.i - 6:
                left = min(left, c.left_edge.i if c.dep_ != "det" else c.i)
        left = min(left, tok.i)
        right = head.i + 1
        if head.i == tok.i and right + 1 < len(doc) and doc[right].lower_ == "of":
            pobj = [c for c in doc[right].children if c.dep_ == "pobj"]
            if pobj and pobj[0].right_edge.i - right <= 3:
                right = pobj[0].right_edge.i + 1
        return left, right
    if tok.pos_ == "ADJ":
        # predicative adjective: take its adverb modifiers ("so utterly shameful")
        left = min([c.i for c in tok.lefts if c.dep_ == "advmod"] + [tok.i])
        right = tok.i + 1
        for c in tok.rights:
            if c.dep_ == "conj" and c.i <= tok.i + 4:
                right = c.i + 1
        return left, right
    return tok.i, tok.i + 1


def _vp_of(tok):
    doc = tok.doc
    if tok.pos_ != "VERB":
        return _np_of(tok)
    left = tok.i
    right = tok.i + 1
    for c in tok.children:
        if c.dep_ in ("prt",) and c.i > tok.i:
            right = max(right, c.i + 1)
        if c.dep_ == "advmod" and c.i == tok.i - 1:
            left = c.i
        if c.dep_ in ("dobj",) and c.i > tok.i and c.right_edge.i - tok.i <= 4:
            right = max(right, c.right_edge.i + 1)
    return left, right


def _trim(doc, s: int, e: int) -> tuple[int, int]:
    while s < e and (doc[s].is_punct or doc[s].is_space):
        s += 1
    while e > s and (doc[e - 1].is_punct or doc[e - 1].is_space):
        e -= 1
    return s, e


# Words that name violence literally. In a sentence that reports (a casualty figure, a reporting
# verb, "claimed responsibility") they describe what happened and are not loaded language: a wire
# report of a bombing says "killed" and "attack" because that is what occurred.
LITERAL_VIOLENCE = frozenset("""kill killing attack attacker bomb bombing bomber blast explosion explosive
death dead die wound wounded injure injured casualty violence terrorism threat strike shelling
shoot shooting gunman gunmen militant suicide""".split())
REPORTING = frozenset("""say tell report confirm announce state claim accord add condemn describe
put estimate quote""".split())


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


def technique_spans(doc, mentions: Optional[Sequence[tuple[int, int, str]]] = None) -> list[FramingSpan]:
    """Propaganda-technique spans of ``doc``, each with trigger, explanation and speaker.

    ``mentions``: optional (char start, char end, actor id) of known actors, used to name the
    speaker of a quote; without them a quoted speaker is ``"quoted"``.
    """
    text = doc_text(doc)
    qs = quotes(doc)
    hits = cue_hits(doc)
    cands: list[tuple[int, int, str, tuple[int, int]]] = []  # token span, technique, trigger tokens
    sent_cues: dict[int, list] = defaultdict(list)
    for s, e, tech, pol, scope in hits:
        tok = doc[s]
        if _literal_report(tok, e - s):
            continue
        sent_cues[tok.sent.start].append((s, e, tech, pol, scope))
        if scope == "phrase":
            # stock phrases and slogans stand at the head of a sentence or clause ("Make no mistake:",
            # "Death to ..."), not inside one ("sat down with")
            if s == tok.sent.start or doc[s - 1].is_punct:
                cands.append((s, e, tech, (s, e)))
            continue
        if scope not in ("np", "vp"):
            continue
        if _negated(tok):
            continue
        if tech == EX and not _strong_exaggeration(doc, s, e):
            continue
        if tech == FLAG and e - s == 1:
            continue  # a lone "freedom" / "patriot" is too weak alone
        if e - s > 1:
            a, b = s, e
        elif scope == "vp":
            a, b = _vp_of(tok)
        else:
            a, b = _np_of(tok)
        a, b = _trim(doc, a, b)
        if b <= a:
            continue
        cands.append((a, b, tech, (s, e)))
    # shouting: a run of capitalised common words in sentence-case text ("NOT", "FIGHT BACK")
    if sum(1 for t in doc if t.is_upper and t.is_alpha) < 0.3 * max(1, sum(1 for t in doc if t.is_alpha)):
        i = 0
        while i < len(doc):
            t = doc[i]
            if t.is_upper and t.is_alpha and len(t) >= 3 and not t.ent_type_ and t.pos_ != "PROPN":
                j = i
                while j + 1 < len(doc) and doc[j + 1].is_upper and (doc[j + 1].is_alpha or doc[j + 1].is_punct) \
                        and doc[j + 1].text not in (".", "\n"):
                    j += 1
                a, b = _trim(doc, i, j + 1)
                if b > a and not (b - a == 1 and doc[a].lower_ in ("the", "and", "but", "for", "not")
                                  and False):
                    cands.append((a, b, LL, (a, b)))
                i = j + 1
            else:
                i += 1
    # superlatives and intensified claims: "the worst", "most dangerous"
    for t in doc:
        if t.tag_ in ("JJS", "RBS") and t.lower_ not in ("least", "best", "most", "latest") and not _negated(t):
            a, b = _np_of(t)
            a, b = _trim(doc, a, b)
            if b > a and b - a <= 6:
                cands.append((a, b, EX, (t.i, t.i + 1)))
    scands: list = []  # sentence-level candidates, kept apart from word-level ones
    # sentence-level: questions that insinuate (Doubt), Reductio (Hitler/Nazi), fear with 2+ cues
    for sent in doc.sents:
        cues = sent_cues.get(sent.start, [])
        techs = Counter(c[2] for c in cues)
        stxt = sent.text.strip()
        if len(sent) > 60:
            continue
        lows = [t.lower_ for t in sent]
        low_txt = " ".join(lows)
        if "what about" in low_txt and len(sent) >= 4:
            k = lows.index("what")
            scands.append((*_trim(doc, sent.start, sent.end), WHAT, (sent.start + k, sent.start + k + 2)))
        elif "either" in lows and "or" in lows[lows.index("either") + 2:] and len(sent) >= 6:
            k = lows.index("either")
            scands.append((*_trim(doc, sent.start, sent.end), BW, (sent.start + k, sent.start + k + 1)))
        elif lows[0] in ("if", "unless") and any(t.lower_ in ("could", "will", "would") for t in sent) and \
                any(t.lemma_.lower() in _FEAR_WORDS for t in sent):
            t = next(t for t in sent if t.lemma_.lower() in _FEAR_WORDS)
            scands.append((*_trim(doc, sent.start, sent.end), FEAR, (t.i, t.i + 1)))
        elif stxt.endswith("?") and len(sent) >= 5 and (techs[DOUBT] or techs[LL] or techs[NC]):
            a, b = _trim(doc, sent.start, sent.end)
            trig = next(((c[0], c[1]) for c in cues if c[2] in (DOUBT, LL, NC)), (sent.end - 1, sent.end))
            scands.append((a, b, DOUBT, trig))
        elif techs[BAND] and any(c[2] == BAND and c[4] == "clause" for c in cues) and (techs[LL] + techs[NC] + techs[BAND] >= 2):
            c = next(c for c in cues if c[2] == BAND)
            a, b = _clause_of(doc[c[0]])
            scands.append((a, b, BAND, (c[0], c[1])))
        elif techs[FEAR] >= 2 and (techs[LL] + techs[NC]) >= 1 and len(sent) <= 40:
            c = next(c for c in cues if c[2] == FEAR)
            a, b = _clause_of(doc[c[0]])
            scands.append((a, b, FEAR, (c[0], c[1])))
        elif stxt.endswith("!") and 2 <= len(sent) <= 8:
            a, b = _trim(doc, sent.start, sent.end)
            scands.append((a, b, SLOGAN, (a, b)))
        else:
            # argument-level techniques (fear, doubt, causal, black-and-white, whataboutism ...)
            # are flagged on the whole sentence when it carries two or more (non-negated) cues
            strong = [c for c in cues if c[2] != AUTH and not _negated(doc[c[0]])]
            if len(strong) >= 2:
                a, b = _trim(doc, sent.start, sent.end)
                if b > a:
                    lab = classify_technique(doc, doc[a].idx, doc[b - 1].idx + len(doc[b - 1]))
                    # the label must be one a cue of the sentence signals, and that cue is the trigger
                    # shown: a classifier's label with an unrelated cue word as "trigger" (fear on
                    # "since") explains nothing. When no cue backs the classifier's label, the first
                    # cue's own technique is the label (measured: span F1 0.3766 -> 0.3786 against
                    # dropping such sentences 0.3740)
                    trig = next(((c[0], c[1]) for c in strong if c[2] == lab), None)
                    if trig is None:
                        alt = [c for c in strong if c[2] in _SENTENCE_TECHNIQUES]
                        if alt:
                            lab, trig = alt[0][2], (alt[0][0], alt[0][1])
                    if lab in _SENTENCE_TECHNIQUES and trig is not None:
                        scands.append((a, b, lab, trig))
    out: list[FramingSpan] = []
    # the gate holds for a news report whose own voice is plain; a "report" whose writer's voice is
    # dense with evaluative words is not neutral copy and keeps its spans
    news = NEWS_GATE and genre_reading(doc)[0] in ("reporting", "statement")
    for level, cs in (("word", cands), ("sentence", scands)):
        for a, b, label, (ts, te) in _merge(doc, cs, level):
            span = doc[a:b]
            start, end = span.start_char, span.end_char
            trig = doc[ts:te]
            speaker = _speaker_of(doc, qs, start, end, ts, mentions)
            if speaker == "author" and news and not _evaluative_in_news(doc, level, ts, te, a, b):
                continue
            out.append(FramingSpan(start, end, text[start:end], label,
                                   Span(trig.start_char, trig.end_char, trig.text),
                                   EXPLANATIONS[label].format(t=trig.text), speaker))
    out.sort(key=lambda f: (f.start, -f.end))
    return out


# In the writer's own voice of a news report, the reporter's words name what happened: a technique
# span there needs a word whose sense is evaluation itself ("a shameful deal", "the despicable
# attack"), not a quantity, a superlative of fact, a topic noun ("war", "fraud", "crisis"), a
# descriptive adjective ("radical", "armed", "illegal": framing_literal) or two cue words that happen
# to share a sentence. Opinion and analysis keep every span.
NEWS_GATE = True


@functools.lru_cache(maxsize=1)
def _literal_words() -> frozenset:
    return frozenset(load_lexicon("framing_literal"))


def _evaluative_in_news(doc, level: str, ts: int, te: int, a: int = 0, b: int = 0) -> bool:
    if level == "sentence":  # an argument-level span: only with an evaluative word in it
        return any(_evaluative_word(doc, h[0]) for h in cue_hits_in(doc, a, b) if h[1] - h[0] == 1)
    if te - ts > 1:  # a hyphenated or multi-word cue ("blood-soaked"), evaluative and not descriptive
        hit = next((h for h in cue_hits_in(doc, ts, te) if h[0] == ts and h[1] == te), None)
        return hit is not None and hit[2] in (LL, NC) and hit[3] != 0 and \
            doc[ts:te].text.lower() not in _literal_words()
    return _evaluative_word(doc, ts)


def _evaluative_word(doc, ts: int) -> bool:
    tok = doc[ts]
    if tok.pos_ not in ("ADJ", "ADV") or tok.tag_ in ("JJR", "JJS", "RBR", "RBS") or \
            tok.lower_ in _literal_words() or tok.lemma_.lower() in _literal_words() or \
            (tok.lower_.endswith("ly") and tok.lower_[:-2] in _literal_words()):
        return False  # a comparison ("weaker", "greater") measures; a descriptive word ("aggressively") describes
    hit = next((h for h in cue_hits_in(doc, ts, ts + 1) if h[0] == ts), None)
    return hit is not None and hit[2] in (LL, NC) and hit[3] != 0


_SENTENCE_TECHNIQUES = {DOUBT, FEAR, CAUSAL, BW, WHAT, BAND, CLICHE, EX, FLAG}
_TECH_PRIORITY = {CLICHE: -2, SLOGAN: -1, NC: 0, BAND: 1, FLAG: 2, DOUBT: 3, FEAR: 4, EX: 5, SLOGAN: 6, LL: 7}


def _merge(doc, cands, level):
    """Merge overlapping candidates of one level; (token start, end, label, trigger tokens)."""
    cands = sorted(cands, key=lambda c: (c[0], -(c[1] - c[0])))
    merged: list[list] = []
    for a, b, tech, trig in cands:
        if merged and a < merged[-1][1]:
            m = merged[-1]
            m[1] = max(m[1], b)
            m[3].append((tech, trig))
            continue
        merged.append([a, b, tech, [(tech, trig)]])
    counts = Counter(doc[a:b].text.lower() for a, b, _, _ in merged)
    out = []
    for a, b, tech, trigs in merged:
        if level == "sentence":
            out.append((a, b, tech, trigs[0][1]))
            continue
        label, trig = _best_trigger(trigs)
        if label in (LL, NC):
            label = _label_short(doc, a, b, default=label)
            if counts[doc[a:b].text.lower()] >= 3 and len(doc[a:b].text) > 3:
                label = REP
        out.append((a, b, label, trig))
    return out


def _best_trigger(trigs):
    return min(trigs, key=lambda x: _TECH_PRIORITY.get(x[0], 9))


def _strong_exaggeration(doc, s: int, e: int) -> bool:
    t = doc[s]
    if e - s > 1:
        return True
    return t.lower_ in ("unprecedented", "record-breaking", "countless", "unimaginable", "unthinkable",
                        "staggering", "overwhelming", "utterly", "totally", "absolutely", "literally",
                        "colossal", "gigantic", "endless", "beyond") and t.pos_ in ("ADJ", "ADV")


def _clause_of(tok) -> tuple[int, int]:
    head = tok
    while head.dep_ not in ("ROOT", "ccomp", "advcl", "relcl", "conj") and head.head.i != head.i:
        head = head.head
    a, b = head.left_edge.i, head.right_edge.i + 1
    sent = tok.sent
    a, b = max(a, sent.start), min(b, sent.end)
    return _trim(tok.doc, a, b)


def _speaker_of(doc, qs, start: int, end: int, trig: int, mentions) -> str:
    """Whose words a span is: a quote's speaker (an actor id, else "quoted"); a quotation of a
    sentence or more with no speaker found is still someone's words ("quoted"; short scare quotes
    stay the writer's); the content of a reporting verb ("X said the deal was a disaster") is the
    reported speaker's (an actor id, else "reported"); everything else is the author's. A span that
    runs past a quotation is the quoted speaker's when its trigger - the words carrying the
    technique - stands inside the quotation."""
    q = _in_quote(qs, start, end)
    if q is None:
        t = doc[trig]
        q = _in_quote(qs, t.idx, t.idx + len(t))
    if q is not None:
        if q[2] is not None:
            return _actor_at(q[2], mentions) or "quoted"
        if sum(1 for t in doc.char_span(q[0], q[1], alignment_mode="expand") if t.is_alpha) >= QUOTE_WORDS:
            return "quoted"
    rep = _reporter(doc[trig])
    if rep is not None:
        return _actor_at(rep, mentions) or "reported"
    return "author"


QUOTE_WORDS = 6


def _speech_lemmas() -> frozenset:
    return _speech_lemmas_cached()


@functools.lru_cache(maxsize=1)
def _speech_lemmas_cached() -> frozenset:
    raw = load_lexicon("claims_reporting_verbs")
    return frozenset(k for k, v in raw.items() if (v[0] if isinstance(v, tuple) else v) in ("speech", "belief"))


def _reporter(tok) -> Optional[tuple[int, int]]:
    """The speaker (char span) when ``tok`` stands in what a reporting verb reports: in the clause
    complement of "say", "warn", "argue", ... ("Officials said the raid was a brutal act"), in the
    clause a parenthetical "X said" comments ("The raid, officials said, was brutal"), or in a
    clause with "according to X". None when the subject is the writer ("I", "we") or missing."""
    speech = _speech_lemmas()
    doc = tok.doc
    node = tok
    for _ in range(12):
        head = node.head
        if head.i == node.i:
            break
        if node.dep_ in ("ccomp",) and head.lemma_.lower() in speech and head.pos_ == "VERB":
            return _subject_span(head)
        if node.dep_ in ("pobj", "pcomp", "amod", "acomp", "oprd", "xcomp") and (
                head.lower_ == "as" and head.head.lemma_.lower() in _NAMING_VERBS
                                                        or head.lemma_.lower() in _NAMING_VERBS):
            verb = head.head if head.lower_ == "as" else head
            if verb.pos_ == "VERB":  # "described the plan as ominous", "called it a disgrace"
                return _subject_span(verb)
        node = head
    clause = node  # the root of tok's sentence
    for c in clause.children:
        if c.dep_ in ("parataxis", "advcl", "ccomp") and c.lemma_.lower() in speech and c.pos_ == "VERB" \
                and not any(g.dep_ in ("ccomp", "xcomp") for g in c.children):
            return _subject_span(c)
        if c.dep_ == "prep" and c.lower_ == "according":
            for g in c.subtree:
                if g.dep_ == "pobj":
                    return g.left_edge.idx, g.right_edge.idx + len(g.right_edge)
    return None


def _subject_span(verb) -> Optional[tuple[int, int]]:
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj or subj[0].lower_ in _FIRST_PERSON:
        return None
    s = subj[0]
    return s.left_edge.idx, s.right_edge.idx + len(s.right_edge)


def _actor_at(span: tuple[int, int], mentions) -> Optional[str]:
    if not mentions:
        return None
    s, e = span
    best = None
    for ms, me, aid in mentions:
        if ms < e and me > s:
            if best is None or (me - ms) > best[0]:
                best = (me - ms, aid)
    return best[1] if best else None


# --------------------------------------------------------------------------- technique classifier
_FEAR_WORDS = {"threat", "danger", "dangerous", "fear", "destroy", "destruction", "kill", "death", "die",
               "deadly", "war", "terror", "terrorist", "attack", "warn", "risk", "crisis", "disaster",
               "catastrophe", "catastrophic", "collapse", "invasion", "invade", "spread", "outbreak",
               "epidemic", "nuclear", "bomb", "violence", "violent", "crime", "murder", "rape", "lose",
               "chaos", "anarchy", "jihad", "sharia", "extinction", "suffer", "threaten", "end", "doom"}
_FLAG_WORDS = {"america", "american", "americans", "nation", "national", "country", "patriot", "patriots",
               "patriotic", "homeland", "constitution", "republic", "democracy", "freedom", "liberty",
               "our", "people", "britain", "british", "europe", "european", "west", "western", "christian",
               "sovereignty", "border", "borders", "flag", "heritage", "values"}
_AUTH_WORDS = {"said", "says", "according", "expert", "experts", "professor", "dr.", "dr", "doctor",
               "scientist", "scientists", "study", "research", "report", "official", "officials", "pope",
               "saint", "st.", "bible", "scripture", "teaches", "wrote", "writes", "noted", "notes",
               "explained", "stated", "told", "declared", "confirmed", "testimony", "testified", "who",
               "organization", "organisation", "agency", "council", "law", "article", "canon"}
_CAUSAL_WORDS = {"because", "cause", "caused", "causes", "due", "result", "resulted", "led", "leads",
                 "blame", "blamed", "reason", "why", "therefore", "thus", "hence", "so", "consequently",
                 "responsible", "thanks", "since", "make", "made", "create", "created", "if"}
_BW_WORDS = {"either", "only", "or", "no", "other", "choice", "alternative", "must", "never", "whether",
             "every", "all", "nothing", "everything"}
_WHAT_WORDS = {"what", "about", "but", "while", "yet", "hypocrisy", "hypocrite", "meanwhile", "same", "they",
               "want", "pretend", "instead", "real", "mentions"}
_BAND_WORDS = {"hitler", "nazi", "nazis", "fascist", "fascists", "fascism", "gestapo", "stalin", "mussolini",
               "communist", "communists", "soviet", "vichy", "reich", "holocaust", "everyone", "everybody",
               "majority", "millions", "many", "all", "world", "korea", "kkk", "totalitarian"}
_DOUBT_WORDS = {"really", "allegedly", "supposedly", "claim", "claims", "claimed", "question", "questions",
                "doubt", "whether", "why", "how", "credibility", "truth", "true", "lie", "lied", "mysterious",
                "unclear", "apparently", "seemingly", "evidence", "proof", "actually", "suspicious",
                "fake", "not", "never", "nothing", "wonder", "if", "?", "so-called", "bogus"}
_EX_WORDS = {"most", "worst", "best", "greatest", "biggest", "ever", "never", "always", "forever", "all",
             "every", "everyone", "everything", "nobody", "nothing", "totally", "completely", "absolutely",
             "entirely", "literally", "unprecedented", "record", "massive", "huge", "enormous", "million",
             "millions", "billion", "thousands", "countless", "incredible", "only", "mere", "merely", "just",
             "zero", "entire", "whole", "biggest", "largest", "extremely", "very", "so", "too", "history",
             "single", "hundreds", "far", "much", "more", "no", "utterly", "truly"}
_CLICHE_WORDS = {"is", "what", "it", "that", "period", "enough", "judge", "matter", "whatever", "simple",
                 "fine", "so", "be", "clear", "know", "think"}


def _norms(toks) -> list[str]:
    return [t.lower_ for t in toks] + [t.lemma_.lower() for t in toks]


REP_MIN = 2
MID_LL = 0.6
TITLE_SLOGAN = True
LONG_DOUBT = 0.9


def classify_technique(doc, start: int, end: int) -> str:
    """The PTC technique of the span ``doc.text[start:end]`` (given its offsets)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    text = doc_text(doc)[start:end]
    if span is None or len(span) == 0:
        return LL
    words = [t for t in span if not t.is_punct and not t.is_space]
    n = len(words)
    low = text.lower().strip()
    lows = set(_norms(words))
    hits = cue_hits_in(doc, span.start, span.end)
    tc = Counter(h[2] for h in hits)
    # repetition: the same words elsewhere in the article (only short spans can be a repetition)
    rep = _lower_text(doc).count(low) if len(low) >= 3 and n <= 5 else 0
    if n <= 5 and rep >= REP_MIN + (n == 1):
        if not (n <= 3 and (tc[NC] or tc[FLAG])) or rep >= 3:
            return REP
    if lows & {"hitler", "nazi", "nazis", "gestapo", "stalin", "fascist", "fascists", "fascism", "vichy",
               "mussolini", "reich", "kkk", "klan", "totalitarian"}:
        return BAND
    if n <= 4:
        # short spans: labels vs loaded words vs exaggeration vs flags vs slogans
        if tc[FLAG] or (lows & {"america", "american", "americans", "patriot", "patriots", "homeland"} and
                        lows & {"our", "people", "great", "first", "we"}):
            return FLAG
        if text.startswith("#") or tc[SLOGAN] or (n >= 2 and (text.isupper() or text.rstrip().endswith("!"))):
            return SLOGAN
        if n >= 3 and all(t.text[:1].isupper() for t in words) and not any(t.ent_type_ for t in words) \
                and words[0].i != words[0].sent.start and TITLE_SLOGAN:
            return SLOGAN
        if tc[NC] or _is_label(span) or (words[-1].pos_ == "PROPN" and words[-1].ent_type_ and n >= 2):
            return NC
        if tc[EX] and not tc[LL] or any(t.tag_ in ("JJS", "RBS") for t in words) or \
                lows & {"extremely", "incredibly", "enormously", "hugely", "vastly", "wildly",
                        "every", "everyone", "nobody", "never", "ever", "always", "forever", "totally",
                        "literally", "entire", "mere", "merely", "completely", "absolutely", "zero",
                        "unprecedented", "massive", "huge", "enormous", "countless"}:
            return EX
        return LL
    # longer spans: score techniques by cue words
    score = Counter()
    score[DOUBT] += 1.0 * ("?" in text) + 0.5 * len(lows & _DOUBT_WORDS) + 1.0 * tc[DOUBT]
    score[FEAR] += 0.6 * len(lows & _FEAR_WORDS) + 1.0 * tc[FEAR]
    score[FLAG] += 0.7 * len(lows & _FLAG_WORDS & {"america", "american", "americans", "nation", "country",
                                                   "patriot", "patriots", "homeland", "constitution",
                                                   "republic", "sovereignty", "british", "europe"}) + \
        1.0 * tc[FLAG] + 0.3 * ("our" in lows)
    score[AUTH] += 0.6 * len(lows & _AUTH_WORDS) + 0.8 * ('"' in text or "\u201c" in text or "\u201d" in text) + \
        0.5 * tc[AUTH]
    score[CAUSAL] += 0.8 * len(lows & _CAUSAL_WORDS) + 1.0 * tc[CAUSAL]
    score[BW] += 0.5 * len(lows & _BW_WORDS) + 1.5 * ("either" in lows) + 1.0 * tc[BW]
    score[WHAT] += 0.4 * len(lows & _WHAT_WORDS) + 1.0 * tc[WHAT] + 1.5 * ("what about" in low)
    score[BAND] += 0.5 * len(lows & _BAND_WORDS) + 1.0 * tc[BAND]
    score[EX] += 0.4 * len(lows & _EX_WORDS) + 1.0 * tc[EX] + 0.6 * sum(t.tag_ in ("JJS", "RBS") for t in words)
    score[LL] += 0.5 * tc[LL] + 0.4 * tc[NC]
    score[NC] += 0.5 * tc[NC]
    score[CLICHE] += 0.3 * len(lows & _CLICHE_WORDS) * (n <= 8) + 1.0 * tc[CLICHE]
    score[SLOGAN] += 1.5 * (text.rstrip().endswith("!") and n <= 8)
    # length priors: long spans lean to Doubt / fear / causal, medium ones to exaggeration / loaded
    if n <= 8:
        score[LL] += 0.8
        score[EX] += 0.3
        score[NC] += 0.3
    elif n <= 15:
        score[LL] += MID_LL
        score[DOUBT] += 0.4
        score[EX] += 0.2
    else:
        score[DOUBT] += LONG_DOUBT
        score[FEAR] += 0.6
    best, val = score.most_common(1)[0]
    return best


def _is_label(span) -> bool:
    """A short noun phrase naming a person or group by a category ("the Dems", "globalist elites")."""
    words = [t for t in span if not t.is_punct]
    if not words:
        return False
    head = words[-1]
    if head.pos_ not in ("NOUN", "PROPN"):
        return False
    if head.pos_ == "PROPN" and len(words) <= 2 and any(t.pos_ == "ADJ" for t in words):
        return True
    if head.lower_.endswith(("ists", "ist", "ites", "ians", "ers")) and head.pos_ == "NOUN":
        return True
    return head.ent_type_ in ("NORP",) or (head.pos_ == "NOUN" and any(
        t.pos_ == "ADJ" for t in words) and head.lemma_.lower() in _PERSON_NOUNS)


_PERSON_NOUNS = {"man", "woman", "men", "women", "people", "person", "leader", "leaders", "official", "group",
                 "president", "politician", "politicians", "regime", "government", "elite", "elites",
                 "crowd", "mob", "gang", "class", "voter", "voters", "member", "members", "boss", "bosses",
                 "lawmaker", "lawmakers", "figure", "actor", "actors", "cleric", "clerics", "aide", "aides"}


def _label_short(doc, a: int, b: int, default: str) -> str:
    span = doc[a:b]
    if default == NC or _is_label(span):
        return NC
    return LL


# --------------------------------------------------------------------------- genre
_SATIRE = re.compile(r"\b(satire|satirical|parody|the onion|babylon bee|duffel ?blog|newsthump)\b", re.I)
# a wire dateline: "KANSAS CITY, Mo. —", "BEIJING --", "Geneva - ", "Washington (CNN)", "Feb 9 (Reuters) -";
# not a headline with a dash ("Soldiers of the Cross - Who the Real ...": more than four words before it)
_DATELINE = re.compile(r"^\s*(?:(?:By [^\n]{1,40}\n)?[A-Z][A-Za-z.'-]*(?: [A-Z][A-Za-z.'-]*){0,3}"
                       r"(?:,\s*[A-Za-z0-9 .]{1,25}){0,2}\s*(?:\([^)\n]{1,40}\))?\s*[-\u2013\u2014]{1,2}\s"
                       r"|[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*){0,3}(?: \d{1,2})?\s*\((?:CNN|Reuters|AP|AFP|UPI|TASS|Xinhua|dpa)\)"
                       # "ISLAMABAD: Pakistan on Thursday said" (an all-capital city, not a headline label)
                       r"|[A-Z]{3,}(?: [A-Z]{3,}){0,2}:\s"
                       # a statement's place-and-date line: "Kabul, 15 November 2026"
                       r"|[A-Z][a-z]+, \d{1,2} [A-Z][a-z]+ \d{4}\s*$)", re.M)


GENRE_LABELS = ("reporting", "opinion", "analysis", "statement", "interview", "satire")
_WEEKDAY = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_QA_LINE = re.compile(r"^\s*(?:Q|A|Question|Answer)\s*[:.\-\u2013\u2014]\s", re.M)
_SPEAKER_LINE = re.compile(r"^\s*((?:[A-Z][\w.'\u2019-]*\s?){1,3}):\s+\S", re.M)
_INSTITUTION = re.compile(r"\b(?:Ministry|Embassy|Mission|Office|Department|Government|Council|Secretariat|Presidency|"
                          r"Commission|Command|Headquarters|Directorate|Spokesperson|Spokesman|Agency|Committee)\b")


@functools.lru_cache(maxsize=1)
def _genre_cues() -> dict:
    """kind -> compiled regex of the ``framing_genre_cues`` lexicon's cues of that kind."""
    by_kind: dict = defaultdict(list)
    for cue, kind in load_lexicon("framing_genre_cues").items():
        by_kind[kind if isinstance(kind, str) else kind[0]].append(cue)
    return {k: re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(c) for c in sorted(v, key=len, reverse=True))
                          + r")(?![\w-])", re.I) for k, v in by_kind.items()}


def _byline_zone(text: str) -> str:
    """The lines where a byline or author note stands: the first lines and the last paragraph."""
    head = "\n".join(ln for ln in text.lstrip().splitlines()[:5] if 0 < len(ln.split()) <= 15)
    paras = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    tail = paras[-1] if len(paras) > 1 and len(paras[-1].split()) <= 60 else ""
    return head + "\n" + tail


def genre_features(doc, article=None) -> dict:
    """Signs of the kind of text, in the writer's own voice (quoted words are the speakers')."""
    text = doc_text(doc)
    qs = quotes(doc)
    words = [t for t in doc if t.is_alpha]
    nw = max(1, len(words))
    sents = [s for s in doc.sents if any(t.is_alpha for t in s)]
    ns = max(1, len(sents))
    own = lambda t: _in_quote(qs, t.idx, t.idx + len(t)) is None
    unquoted = [t for t in words if own(t)]
    fp = sum(1 for t in unquoted if t.lower_ in ("i", "me", "my", "we", "us", "our") and t.text != "US")
    you = sum(1 for t in unquoted if t.lower_ in ("you", "your"))
    speech = _speech_lemmas()
    # a speech verb that reports something: a clause, a quotation or a parenthetical ("answer to no one" reports nothing)
    said = sum(1 for t in unquoted if t.pos_ == "VERB" and t.lemma_.lower() in speech and
               (t.dep_ == "parataxis" or any(c.dep_ in ("ccomp", "parataxis") or c.is_quote for c in t.children))) + \
        len(re.findall(r"\baccording to\b", text, re.I))
    # a question or exclamation in the writer's voice (not inside a quotation)
    rq = sum(1 for s in sents if s.text.rstrip().endswith("?") and own(s[-1]) and (len(s) < 2 or own(s[-2])))
    ex = sum(1 for s in sents if s.text.rstrip().endswith("!") and own(s[-1]) and (len(s) < 2 or own(s[-2])))
    ll = sum(1 for h in cue_hits(doc) if h[2] in (LL, NC) and not _literal_report(doc[h[0]], h[1] - h[0])
             and own(doc[h[0]]))
    body = re.split(r"\n\s*\n", text, 2)
    dateline = any(bool(_DATELINE.match(b)) for b in body[:2])
    cues = _genre_cues()
    title = (getattr(article, "title", None) or text.lstrip().split("\n", 1)[0])[:200]
    label = re.match(r"^\s*([A-Za-z&\- ]{3,25})\s*[:|\u2013\u2014-]\s", title)
    label = label.group(1) if label else ""
    meta = " ".join(x for x in (getattr(article, "author", None), getattr(article, "outlet", None)) if x)
    zone = _byline_zone(text) + "\n" + meta
    title_kind = next((k[6:] for k in ("title_interview", "title_statement", "title_analysis", "title_opinion")
                       if k in cues and (cues[k].fullmatch(label.strip()) or cues[k].match(title.strip())
                                         and k != "title_opinion")), None)
    statement_subject = sum(1 for s in sents[:8] if own(s[0]) and _INSTITUTION.search(s.text[:80])
                            and "statement_verb" in cues and cues["statement_verb"].search(s.text[:160]))
    # densities of the writer's voice are per word / sentence of the writer's voice
    nown = max(1, len(unquoted))
    ns = max(1, sum(1 for s in sents if own(next(t for t in s if t.is_alpha))))
    return {"first_person": fp / nown * 1000, "you": you / nown * 1000, "said": said / ns, "questions": rq / ns,
            "exclaim": ex / ns, "loaded": ll / nown * 1000, "dateline": dateline, "words": nw,
            "quoted_share": sum(e - a for a, e, _ in qs) / max(1, len(text)),
            "weekday": bool(_WEEKDAY.search(text)),
            "opinion_role": bool(cues.get("opinion_role") and cues["opinion_role"].search(zone)),
            "analysis_role": bool(cues.get("analysis_role") and re.search(
                r"\b(?:is|was|as)\s+(?:a|an|the)?\s*(?:[\w-]+\s+){0,3}(?:" + cues["analysis_role"].pattern + ")",
                zone, re.I)),
            "title_kind": title_kind, "institution_speaks": statement_subject,
            "institution_outlet": bool(_INSTITUTION.search(getattr(article, "outlet", None) or "")),
            "qa_lines": len(_QA_LINE.findall(text)) + _speaker_turns(text),
            "stance": sum(1 for m in cues["stance"].finditer(text) if _in_quote(qs, m.start(), m.end()) is None) / ns
            if "stance" in cues else 0.0,
            "title_loaded": sum(1 for h in cue_hits_in(doc, 0, _first_line_end(doc)) if h[2] in (LL, NC))
            if getattr(article, "title", None) is None else _title_loaded(article.title),
            "satire": bool(_SATIRE.search(text[:3000]))}


def _speaker_turns(text: str) -> int:
    """Lines opened by a speaker label ("DB: ...", "John Smith: ...") when two or more labels take
    turns (an interview transcript); 0 otherwise."""
    labels = [m.group(1).strip() for m in _SPEAKER_LINE.finditer(text)]
    return len(labels) if len(labels) >= 4 and len(set(labels)) >= 2 and \
        sum(1 for a, b in zip(labels, labels[1:]) if a != b) >= 3 else 0


def _title_loaded(title: str) -> int:
    """Loaded words of a title given apart from the text (front matter, a parsed title line)."""
    words = _cues()[0]
    return sum(1 for w in re.findall(r"[\w'-]+", title.lower())
               if w in words and words[w][0] in (LL, NC) and words[w][1] != 0)


def _first_line_end(doc) -> int:
    """Token index where the text's first line (its title, in a plain-text article) ends."""
    text = doc_text(doc)
    nl = text.find("\n", len(text) - len(text.lstrip()))
    if nl == -1:
        return 0
    span = doc.char_span(0, nl, alignment_mode="contract")
    return span.end if span is not None and len(text[:nl].split()) <= 25 else 0


def genre_reading(doc, article=None) -> tuple[Optional[str], float, list[str]]:
    """(genre, confidence, the signs it rests on). Genre: reporting | opinion | analysis | statement |
    interview | satire, or None when the signs are too weak to tell (no genre is the default).

    News is read from reporting verbs and quotations carrying the text, time deixis and a dateline
    (a sign, not a requirement), with little first or second person, no rhetorical questions and
    little evaluative wording in the writer's own voice; opinion from those last signs and an opinion
    role in the byline; analysis from an analyst's or researcher's role (or an "Analysis:" label) with
    no opinion voice; a statement from an institution speaking in its own name; an interview from
    question-and-answer lines or its label."""
    f = genre_features(doc, article)
    if f["satire"]:
        return "satire", 0.9, ["names itself satire"]
    news, op, signs = 0.0, 0.0, []

    def sign(side, w, why):
        nonlocal news, op
        if side == "news":
            news += w
        else:
            op += w
        signs.append(why)
    if f["dateline"]:
        sign("news", 1.5, "dateline")
    if f["said"] >= 0.25:
        sign("news", 1.0 + (f["said"] >= 0.45), f"reporting verbs in {f['said']:.2f} per sentence")
    if f["quoted_share"] >= 0.08:
        sign("news", 0.5, "quotations carry part of the text")
    if f["weekday"]:
        sign("news", 0.5, "time deixis (weekday)")
    reported = news > 0  # absences (no first person, little evaluation) count only beside a sign of reporting
    if f["first_person"] <= 2:
        if reported:
            sign("news", 1.0, "no first person in the writer's voice")
    elif f["first_person"] >= 8:
        sign("op", 1.5 + 1.5 * (f["first_person"] >= 20), "first person in the writer's voice")
    if f["you"] >= 4:
        sign("op", 1.0 + (f["you"] >= 10), "addresses the reader")
    if f["questions"] >= 0.04:
        sign("op", 1.0 + (f["questions"] >= 0.08), "rhetorical questions")
    if f["exclaim"] >= 0.03:
        sign("op", 1.0, "exclamations")
    if f["loaded"] >= 15:
        sign("op", 1.0 + (f["loaded"] >= 25) + (f["loaded"] >= 50), "evaluative wording in the writer's voice")
    elif f["loaded"] <= 8 and reported:
        sign("news", 0.5, "little evaluative wording")
    if f["stance"] >= 0.04:
        sign("op", 1.0, "stance adverbs in the writer's voice")
    if f["title_loaded"]:
        sign("op", 1.0, "evaluative wording in the title")
    if f["qa_lines"] >= 4 or f["title_kind"] == "interview":
        return "interview", 0.8 if f["qa_lines"] >= 4 else 0.7, signs + ["question-and-answer form"]
    if f["title_kind"] == "statement" or (f["institution_speaks"] and f["institution_outlet"]) or \
            (f["institution_speaks"] >= 2 and f["said"] < 0.25):
        return "statement", 0.8 if f["title_kind"] == "statement" else 0.65, signs + ["an institution speaks in its own name"]
    if f["opinion_role"] or f["title_kind"] == "opinion":  # the outlet says what the text is
        return "opinion", 0.85, signs + ["opinion byline or label"]
    analysis = f["analysis_role"] or f["title_kind"] == "analysis"
    if analysis and op < 3:
        return "analysis", 0.7 if f["title_kind"] == "analysis" else 0.6, signs + ["analyst's or researcher's byline"]
    margin = news - op
    if max(news, op) < 1.5 or abs(margin) < 1.0:
        return None, 0.0, signs
    label = "reporting" if margin > 0 else "opinion"
    conf = round(min(0.95, 0.5 + 0.08 * abs(margin)), 2)
    return label, conf, signs


def genre_of(doc, article=None) -> Optional[str]:
    """The genre of :func:`genre_reading` (None when the signs are too weak)."""
    return genre_reading(doc, article)[0]


# --------------------------------------------------------------------------- portrayal
_HOSTILE_VERBS_AGENT = None


def _role_hits(doc):
    hits = doc.user_data.get("geobrief_role_hits")
    if hits is None:
        words, phrases = _roles()
        hits = [(s, e, v) for s, e, v in _lookup_phrases(doc, phrases, "roles")]
        covered = {i for s, e, _ in hits for i in range(s, e)}
        hits += [(s, e, v) for s, e, v in _lookup_words(doc, words) if s not in covered]
        doc.user_data["geobrief_role_hits"] = hits
    return hits


def portray(doc, entity_spans: Sequence[tuple[int, int]], groups: Optional[Sequence] = None,
            pool_names: bool = True, taken: Sequence[tuple[int, int]] = ()) -> list[dict]:
    """A portrayal for each given entity span: ``{"role", "polarity", "fine_roles", "evidence"}``.

    ``groups`` (optional, parallel to ``entity_spans``) says which spans are the same actor: the
    evidence of all of them is pooled (coreferent mentions). Without it, spans whose text (or
    last word) is the same are pooled.
    """
    if groups is None:
        groups = [_norm_name(doc_text(doc)[s:e]) for s, e in entity_spans]
    cues = _role_hits(doc)
    cue_at = {}
    for s, e, v in cues:
        for i in range(s, e):
            cue_at[i] = (s, e, v)
    loaded = {}
    for s, e, tech, pol, scope in cue_hits(doc):
        if tech in (LL, NC):
            for i in range(s, e):
                loaded[i] = pol if pol else -0.5
    # also pool mentions of the same name elsewhere in the text that are not given
    per_group: dict = defaultdict(list)
    for (s, e), g in zip(entity_spans, groups):
        per_group[g].append((s, e))
    if pool_names:
        taken_chars = _chars_of(taken)
        for g, sp in list(per_group.items()):
            per_group[g] = sp + _same_name(doc, sp, taken, taken_chars)
    evid_cache = {}
    out = []
    for (s, e), g in zip(entity_spans, groups):
        if g not in evid_cache:
            evid_cache[g] = _portray_group(doc, per_group[g], cue_at, loaded)
        out.append(evid_cache[g])
    return out


def _same_name(doc, spans, taken: Sequence[tuple[int, int]] = (), taken_chars: Optional[set] = None
               ) -> list[tuple[int, int]]:
    """Other places the same name occurs (full name, or a surname / last word of 4+ letters), except
    inside ``taken`` spans (mentions already given to some entity). ``taken_chars``: the character
    positions ``taken`` covers, when the caller has them (one set for every group)."""
    text = doc_text(doc)
    names = set()
    for s, e in spans:
        t = text[s:e].strip()
        t = re.sub(r"^(?:[Tt]he)\s+", "", t)
        if len(t) >= 2:
            names.add(t)
        last = t.split()[-1] if t.split() else ""
        if len(last) >= 4 and last[:1].isupper() and len(t.split()) > 1:
            names.add(last)
    out = []
    if taken_chars is None:
        taken_chars = _chars_of(taken)
    mine = _chars_of(spans)
    for nm in sorted(names, key=lambda x: (-len(x), x)):  # the full name before its last word
        for sp in _occurrences(doc, nm):
            if any(c in taken_chars or c in mine for c in range(*sp)):
                continue
            out.append(sp)
            mine.update(range(*sp))
    return out


def _chars_of(spans) -> set:
    return {c for s, e in spans for c in range(s, e)}


_RUN = re.compile(r"[\w-]+")
_RUN_CHAR = re.compile(r"[\w-]")


def _occurrences(doc, name: str):
    """(start, end) of ``name`` as a whole word sequence in the text (not inside a longer word),
    found through an index of the text's word runs built once per Doc: linear in the text."""
    text = doc_text(doc)
    m = _RUN.match(name)
    if m is None:
        return [(x.start(), x.end()) for x in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text)]
    index = doc.user_data.get("geobrief_word_runs")
    if index is None:
        index = defaultdict(list)
        for r in _RUN.finditer(text):
            index[r.group(0)].append(r.start())
        index = doc.user_data["geobrief_word_runs"] = dict(index)
    n, out = len(name), []
    for p in index.get(m.group(0), ()):
        if text.startswith(name, p) and (p + n >= len(text) or not _RUN_CHAR.match(text[p + n])):
            out.append((p, p + n))
    return out


def _norm_name(t: str) -> str:
    t = re.sub(r"^(the|a|an)\s+", "", t.strip().lower())
    t = re.sub(r"'s$|\u2019s$", "", t)
    return t


def _mention_tokens(doc, spans):
    out = []
    for s, e in spans:
        sp = doc.char_span(s, e, alignment_mode="expand")
        if sp is not None and len(sp):
            out.append(sp)
    return out


# verb classes for who-does-what-to-whom (lemmas; written by the project)
_HARM_VERBS = {"kill", "attack", "bomb", "shell", "strike", "invade", "destroy", "abduct", "kidnap", "poison",
               "murder", "occupy", "target", "threaten", "starve", "displace", "deport", "torture", "shoot",
               "massacre", "annex", "harm", "hurt", "damage", "oppress", "persecute", "exploit", "deceive",
               "mislead", "blackmail", "intimidate", "bully", "sabotage", "betray", "rob", "loot", "jail",
               "imprison", "execute", "wound", "injure", "punish", "sanction", "blockade", "silence", "censor",
               "smear", "demonize", "scapegoat", "trick", "force", "coerce", "terrorize", "slaughter",
               "annihilate", "crush", "expel", "evict", "raid", "seize", "hack", "spy", "manipulate", "use",
               "detain", "arrest", "assassinate", "firebomb", "cripple", "impoverish", "strangle", "afflict",
               "destabilise", "destabilize", "persecute", "repress", "rape", "enslave", "exterminate",
               "besiege", "ambush", "behead", "hit", "batter", "pound", "drone", "missile", "nuke",
               "victimise", "victimize", "discriminate", "marginalise", "marginalize", "subjugate"}
# nouns naming a harmful act: "the invasion of X" (X harmed), "X's invasion" / "invasion by X" (X acts)
_HARM_NOUNS = {"invasion", "attack", "assault", "strike", "airstrike", "bombing", "bombardment", "shelling",
               "killing", "murder", "massacre", "slaughter", "genocide", "poisoning", "assassination",
               "persecution", "oppression", "repression", "occupation", "annexation", "blockade", "siege",
               "aggression", "destruction", "torture", "abuse", "abduction", "kidnapping", "deportation",
               "arrest", "detention", "imprisonment", "execution", "crackdown", "harassment", "rape",
               "subjugation", "extermination", "ethnic", "bullying", "intimidation", "exploitation",
               "oppressor", "invader", "occupier", "aggressor", "enemy", "enemies"}
# harm verbs whose very sense condemns the act (the rest - kill, attack, strike, detain, raid - name what
# happened, and a plain report of them alone portrays no one)
_EVALUATIVE_HARM = {"massacre", "slaughter", "murder", "torture", "terrorize", "persecute", "oppress", "exterminate",
                    "annihilate", "rape", "enslave", "butcher", "bully", "deceive", "betray", "exploit", "manipulate",
                    "intimidate", "blackmail", "subjugate", "victimise", "victimize", "demonize", "smear", "scapegoat",
                    "mislead", "trick", "coerce", "loot", "rob", "starve", "behead", "discriminate", "marginalise",
                    "marginalize", "repress", "impoverish", "cripple", "poison", "abduct", "kidnap"}


def _evaluated(verb) -> bool:
    """Does the text evaluate this act: a loaded cue on the verb or among its own dependents."""
    doc = verb.doc
    ll = {h[0] for h in cue_hits_in(doc, verb.sent.start, verb.sent.end) if h[2] in (LL, NC) and h[0] != verb.i
          and doc[h[0]].lemma_.lower() not in LITERAL_VIOLENCE and doc[h[0]].lemma_.lower() not in _HARM_VERBS}
    return any(c.i in ll for c in verb.subtree if c.head.i == verb.i or c.head.head.i == verb.i)


# harm nouns whose possessor undergoes the act ("X's murder", "X's arrest"), unlike "X's invasion"
_UNDERGONE_NOUNS = {"murder", "killing", "death", "assassination", "arrest", "detention", "abduction", "kidnapping",
                    "execution", "torture", "imprisonment", "disappearance", "deportation", "persecution", "poisoning"}
_HARM_AGENT_NOUNS = {"oppressor", "invader", "occupier", "aggressor", "enemy", "enemies"}  # "X's enemies": X is not the actor
_NAMING_VERBS = {"call", "label", "brand", "dub", "term", "describe", "name", "portray", "paint", "depict"}
_VICTIM_NOUNS = {"victim", "victims", "prisoner", "prisoners", "hostage", "hostages", "casualty", "casualties"}
_CRITICISE_VERBS = {"accuse", "slam", "condemn", "criticise", "criticize", "blame", "denounce", "blast",
                    "lambast", "rebuke", "castigate", "chastise", "fault", "attack", "sue", "investigate",
                    "expose", "charge", "indict", "mock", "ridicule"}
_SPEAK_VERBS = {"say", "warn", "demand", "insist", "urge", "call", "vow", "pledge", "promise", "stress",
                "argue", "declare", "tell", "explain", "note", "emphasise", "emphasize", "appeal"}
_AID_VERBS = {"help", "aid", "support", "supply", "provide", "arm", "defend", "protect", "rescue", "save",
              "sustain", "assist", "back", "fund", "donate", "send", "deliver", "shelter", "evacuate",
              "feed", "free", "liberate", "welcome", "praise", "honour", "honor", "thank", "reward"}
# standing up to someone: the subject is cast as the protagonist ("Ukrainians resist", "she opposed the war")
_STAND_VERBS = {"oppose", "resist", "fight", "defy", "confront", "challenge", "counter", "repel", "withstand",
                "lead", "win", "hail", "champion", "pioneer", "campaign", "protest", "stand", "survive",
                "endure", "prevail", "liberate", "reform", "mediate", "negotiate", "broker", "volunteer"}
STAND_W = 0.6
# standing verbs that news copy uses to describe a role, not to praise ("led the delegation",
# "mediated earlier contacts", "negotiated the 2020 deal"): they weigh in the role decision but,
# like speaking, do not alone make the brief claim a portrayal
_DESCRIPTIVE_STAND = {"lead", "mediate", "negotiate", "broker", "win", "reform", "campaign", "fight", "counter"}
AID_PAT_W = 0.0
AID_NOUN_W = 0.6
_AID_NOUNS = {"support", "aid", "help", "assistance", "protection", "defence", "defense", "solidarity", "rescue",
              "courage", "resistance", "contribution", "generosity"}  # "aid to X" says little about X (measured: it pulled protagonists to innocent)
# state punishment: its object is as often cast as the villain as the victim (no evidence either way)
_PUNISH_VERBS = {"sanction", "punish", "expel", "evict", "charge", "indict", "investigate"}
SPEAK_W = 0.3
SENT_W = 0.0  # sentence-window evidence: measured to hurt macro-F1 on the tune half; off
PORTRAY_PRIOR = {"antagonist": 0.2, "protagonist": 0.0, "innocent": 0.0}


def _portray_group(doc, spans, cue_at, loaded) -> dict:
    score = Counter()
    fine = Counter()
    pol = 0.0
    evidence = []
    weak = 0.0  # evidence that alone does not make a portrayal (speaking)

    def add(role, w, tok_span, fr=None, p=0.0):
        nonlocal pol
        score[role] += w
        pol += p
        if fr:
            fine[fr] += w
        evidence.append(tok_span)

    sents_seen = set()
    for sp in _mention_tokens(doc, spans):
        root = _mention_root(sp)
        rels = _related_tokens(root, sp) + _ancestor_relations(root)
        if SELF_W and root.pos_ == "NOUN" and root.lower_ in _SELF_VICTIM:
            # a group named by what makes it vulnerable ("the women of Afghanistan", "civilians")
            add("innocent", SELF_W, (root.idx, root.idx + len(root)), "Victim", 0.1)
        # weak evidence: the sentence around the mention (victim words, hostile / warm words)
        sent = root.sent
        if SENT_W and sent.start not in sents_seen:  # off (SENT_W = 0): no pass over the sentence
            sents_seen.add(sent.start)
            for tok in sent:
                if tok.i in range(sp.start, sp.end) or _negated(tok):
                    continue
                c = cue_at.get(tok.i)
                if c is not None and c[2][0] == "innocent" and tok.pos_ in ("NOUN", "ADJ") :
                    score["innocent"] += SENT_W
                lp = loaded.get(tok.i)
                if lp is not None:
                    score["antagonist" if lp < 0 else "protagonist"] += SENT_W * 0.5
        for tok, rel in rels:
            passive = root.dep_ == "nsubjpass" and root.head.i == tok.i
            if _negated(tok) or (HYPO and tok.pos_ == "VERB" and _hypothetical(tok)):
                continue
            tspan = (tok.idx, tok.idx + len(tok))
            lem = tok.lemma_.lower()
            if tok.pos_ in ("NOUN", "PROPN") and rel == "victimiser" and tok.lower_ in _VICTIM_NOUNS:
                add("antagonist", 1.0, tspan, None, -0.5)  # "victims of X"
                continue
            if tok.pos_ in ("NOUN", "PROPN") and lem in _HARM_NOUNS and rel in ("agent", "patient") and \
                    not (rel == "agent" and (lem in _HARM_AGENT_NOUNS or tok.lower_ in _HARM_AGENT_NOUNS)):
                if rel == "agent":
                    add("antagonist", 1.0, tspan, None, -0.5)
                else:
                    add("innocent", 1.0, tspan, "Victim", 0.2)
                continue
            if tok.pos_ == "NOUN" and lem in _AID_NOUNS and rel == "agent" and AID_NOUN_W and \
                    root.dep_ == "poss" and root.head.i == tok.i:
                add("protagonist", AID_NOUN_W, tspan, "Guardian", 0.3)  # "the United States' support for Ukraine"
                continue
            if tok.pos_ == "VERB":
                if lem in _HARM_VERBS:
                    if rel == "patient" and (lem in _PUNISH_VERBS or (lem == "use" and not passive)):
                        continue  # the sanctioned / expelled are as often villains; "used X" is a thing used
                    if rel == "agent" and (any(c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in tok.children)
                                           or (lem == "shoot" and any(c.lower_ == "down" for c in tok.children))):
                        add("protagonist", 0.6, tspan, "Guardian", 0.3)  # "hit back at", "shot down the drones"
                    elif rel == "agent":
                        add("antagonist", 1.0, tspan, None, -0.5)
                    elif rel == "patient":
                        add("innocent", 1.0, tspan,
                            "Exploited" if lem in ("use", "exploit", "manipulate", "deceive", "trick") else "Victim", 0.2)
                    if rel in ("agent", "patient") and lem not in _EVALUATIVE_HARM and not _evaluated(tok):
                        weak += 1.0  # attacked, hunted, killed in a plain report: a role, not yet a portrayal
                    continue
                if lem in _CRITICISE_VERBS:
                    if rel == "agent":
                        add("protagonist", 0.6, tspan, None, 0.2)
                    elif rel == "patient":
                        add("antagonist", 1.0, tspan, None, -0.5)
                    continue
                if lem in _AID_VERBS:
                    if rel == "agent":
                        add("protagonist", 0.8, tspan, "Guardian", 0.4)
                    elif rel == "patient" and AID_PAT_W:
                        add("innocent", AID_PAT_W, tspan, None, 0.2)
                    continue
                if lem in _STAND_VERBS and rel == "agent":
                    add("protagonist", STAND_W, tspan, "Rebel" if lem in ("resist", "defy", "protest", "oppose") else None, 0.3)
                    if lem in _DESCRIPTIVE_STAND:
                        weak += STAND_W
                    continue
                if lem in _SPEAK_VERBS and rel == "agent":
                    add("protagonist", SPEAK_W, tspan, None, 0.0)
                    weak += SPEAK_W
                    continue
            c = cue_at.get(tok.i)
            if c is not None:
                cs, ce, (main, fr) = c
                if rel == "agent" and doc[ce - 1].lower_ == "by":
                    continue  # "funded by X", "backed by X": the one funded is cast, not the funder X
                if rel == "patient" and main == "antagonist":
                    main, fr = "innocent", "Victim"
                if (rel == "agent" and main == "innocent") or tok.dep_ == "compound" or \
                        (rel == "patient" and main == "protagonist"):
                    continue
                add(main, 1.0, (doc[cs].idx, doc[ce - 1].idx + len(doc[ce - 1])), fr,
                    {"antagonist": -0.5, "protagonist": 0.5, "innocent": 0.2}[main])
                if ce - cs == 1 and lem in _DESCRIPTIVE_STAND:
                    weak += 1.0  # "who negotiated the 2020 agreement": a role described, not praised
                continue
            lp = loaded.get(tok.i)
            if lp is not None:
                if rel == "patient" and lp < 0 and tok.pos_ == "VERB":
                    add("innocent", 0.7, tspan, "Victim", 0.2)
                else:
                    add("antagonist" if lp < 0 else "protagonist", 0.6, tspan, None, lp * 0.5)
    n_ev = sum(score.values())
    for r, w in PORTRAY_PRIOR.items():
        score[r] += w
    role = max(("antagonist", "protagonist", "innocent"), key=lambda r: score[r])
    polarity = pol / (1 + abs(pol)) if pol else 0.0
    fr_main = {"antagonist": _A_FINE, "protagonist": _P_FINE, "innocent": _I_FINE}[role]
    fines = [f for f, _ in fine.most_common() if f in fr_main][:2]
    ev = sorted(set(evidence))
    return {"role": role, "polarity": round(max(-1.0, min(1.0, polarity)), 2), "fine_roles": fines,
            "evidence": [Span(a, b, doc_text(doc)[a:b]) for a, b in ev], "score": dict(score), "n": n_ev,
            "n_strong": n_ev - weak}


_A_FINE = {"Puppet", "Conspirator", "Deceiver", "Tyrant", "Terrorist", "Foreign Adversary", "Instigator",
           "Corrupt", "Incompetent", "Traitor", "Saboteur", "Bigot", "Spy"}
_P_FINE = {"Guardian", "Peacemaker", "Virtuous", "Rebel", "Underdog", "Martyr"}
_I_FINE = {"Victim", "Exploited", "Scapegoat", "Forgotten"}


HYPO = True
SELF_W = 0.6
_SELF_VICTIM = {"civilians", "children", "women", "girls", "refugees", "hostages", "detainees", "victims",
                "villagers", "orphans"}


def _hypothetical(verb) -> bool:
    """An act only supposed, not reported: "if X attacks", "either X stands with ... or ...".
    (Modal intent - "he would fight for his country" - still portrays, so modals are not checked.)"""
    for c in verb.children:
        if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
            return True
        if c.dep_ == "preconj" and c.lower_ in ("either", "neither"):
            return True
    left = verb.doc[verb.sent.start:verb.i]
    return any(t.lower_ == "either" for t in left) and any(t.lower_ == "or" for t in verb.doc[verb.i:verb.sent.end])


def _mention_root(sp):
    """The head word of a mention: spaCy's ``Span.root`` picks "the" in "the Taliban leadership"
    (both words hang on a word outside the span), so prefer the nominal whose head is outside."""
    outside = [t for t in sp if not (sp.start <= t.head.i < sp.end) or t.head.i == t.i]
    noms = [t for t in outside if t.pos_ in ("NOUN", "PROPN", "PRON", "ADJ")]
    return noms[-1] if noms else sp.root


LOCATIVE_PREPS = frozenset({"in", "at", "inside", "near", "across", "throughout", "within", "outside"})


def _ancestor_relations(root) -> list:
    """Verbs up to three heads above a mention that is not their direct subject or object:
    "help Ukraine print textbooks" makes Ukraine the patient of "help"."""
    out = []
    tok = root
    path = []
    for _ in range(3):
        if tok.head.i == tok.i:
            break
        if tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS:
            break  # "Americans detained in Afghanistan": the place where it happens is no patient
        path.append(tok.dep_)
        tok = tok.head
        if tok.pos_ == "VERB" and len(path) > 1:
            rel = "agent" if path[-1] == "nsubj" and path[0] in ("compound", "conj", "appos", "poss") else "patient"
            if path[-1] in ("dobj", "dative", "nsubjpass", "xcomp", "ccomp", "prep", "pobj") or path[0] in ("dobj", "pobj", "nsubj"):
                out.append((tok, rel))
    return out


def _related_tokens(root, mention):
    """Tokens syntactically tied to a mention, with the mention's relation to them.

    agent: the mention is subject of the verb; patient: object / passive subject; attr: modifier,
    apposition, predicate noun or adjective of the mention.
    """
    out = []
    inside = set(range(mention.start, mention.end))
    for t in mention:
        if t.i != root.i and t.dep_ in ("amod", "nmod"):
            out.append((t, "attr"))
    if root.dep_ in ("amod", "compound") and root.head.pos_ in ("NOUN", "PROPN"):
        # a name parsed as a modifier ("The notorious Muttaqi fronts a puppet regime"): its sibling
        # modifiers, and an apposition of the phrase it modifies
        for c in root.head.children:
            if c.dep_ == "amod" and c.i < root.i and c.i not in inside:
                out.append((c, "attr"))
            if c.dep_ == "appos" and root.dep_ == "amod" and c.i not in inside:
                out.append((c, "attr"))
                out += [(cc, "attr") for cc in c.children if cc.dep_ in ("amod", "compound")]
    for c in root.children:
        if c.i in inside:
            continue
        if c.dep_ in ("amod", "appos", "acl", "relcl", "compound", "nmod"):
            # "the detained Americans", "children abducted from ...": a harm participle makes the patient
            if c.dep_ in ("amod", "acl") and c.tag_ == "VBN" and c.lemma_.lower() in _HARM_VERBS:
                out.append((c, "patient"))
                continue
            out.append((c, "attr"))
            for cc in c.subtree:
                if cc.i != c.i and cc.dep_ in ("amod", "compound", "attr", "acomp", "dobj"):
                    out.append((cc, "attr"))
            if c.dep_ == "relcl":
                out.append((c, "agent"))
        elif c.dep_ == "conj" and any(p.dep_ == "poss" and p.lower_ in ("his", "her", "their", "its")
                                      for p in c.children):
            # "Muttaqi and his band of medieval zealots": the mention's own following
            out.append((c, "attr"))
            out += [(cc, "attr") for cc in c.subtree if cc.i != c.i and cc.dep_ in ("amod", "pobj", "compound")]
    head = root.head
    dep = root.dep_
    if dep == "appos" and head.pos_ in ("NOUN", "PROPN") and head.i < root.i:
        # "the ambassador, Jane Roe, gave a grandiose speech": the phrase the name stands beside
        # holds the name's place in the clause
        root = head
        head, dep = root.head, root.dep_
    if dep == "compound" and head.pos_ == "NOUN" and head.i > root.i and \
            not (head.lower_ == head.lemma_.lower() and head.lower_ in _AID_VERBS | _STAND_VERBS):  # "the Taliban protect" mis-tagged
        # "the Taliban leadership", "the Hamas attack": the phrase's head stands in for the name
        if head.lemma_.lower() in _HARM_NOUNS:
            out.append((head, "agent"))
        else:
            out.append((head, "attr"))  # "the Hamas terrorists", "Taliban cells"
        root = head
        head, dep = root.head, root.dep_
    if dep in ("dobj", "nsubjpass") and head.lemma_.lower() in _NAMING_VERBS:
        # "called the leadership a gang of thugs", "was described as a puppet"
        for c in head.children:
            targets = [c] if c.dep_ in ("oprd", "xcomp") else \
                [g for g in c.children if g.dep_ == "pobj"] if (c.dep_ == "prep" and c.lower_ == "as") else []
            for t in targets:
                out.append((t, "attr"))
                out += [(cc, "attr") for cc in t.subtree if cc.i != t.i and cc.dep_ in ("amod", "pobj", "compound")]
    if dep == "poss":  # "Russia's aggression": the possessed noun describes the possessor's act
        # ... but the possessor of "murder", "arrest", "death" is the one it happens to ("the
        # journalist's murder"), and the possessed noun's modifiers evaluate the possessor's act
        # ("the envoy's hypocritical rhetoric")
        out.append((head, "patient" if head.lemma_.lower() in _UNDERGONE_NOUNS else "agent"))
        out += [(c, "attr") for c in head.children if c.dep_ == "amod"]
    if dep in ("nsubj",):
        out.append((head, "agent"))
        for c in head.children:
            if c.dep_ == "dobj" and head.lemma_.lower() in _STAND_VERBS | _CRITICISE_VERBS:
                continue  # "resisted the occupation": the object describes the opponent, not the subject
            if c.dep_ in ("acomp", "attr", "dobj", "xcomp", "advmod", "prt"):
                out.append((c, "attr" if c.dep_ in ("acomp", "attr") else "agent"))
                for cc in c.children:
                    if cc.dep_ in ("amod", "compound"):
                        out.append((cc, "attr"))
    elif dep in ("nsubjpass", "dobj"):
        out.append((head, "patient"))
    elif dep == "pobj" and head.dep_ == "agent":  # "killed by X"
        out.append((head.head, "agent"))
    elif dep == "pobj" and head.lower_ in ("against", "on", "at"):
        out.append((head.head, "patient"))
    elif dep == "pobj" and head.lower_ in ("of",):
        hh = head.head
        if hh.lemma_.lower() in _HARM_NOUNS or hh.lower_ in _HARM_NOUNS:
            out.append((hh, "patient"))  # "the invasion of Iraq", "enemy of Ukraine"
        elif hh.lower_ in _VICTIM_NOUNS:
            out.append((hh, "victimiser"))  # "victims of the regime"
        else:
            out.append((hh, "attr"))
    elif dep == "pobj" and head.lower_ == "by" and head.head.pos_ == "NOUN" and \
            head.head.lemma_.lower() in _HARM_NOUNS:
        out.append((head.head, "agent"))  # "the attack by X"
    return out


# --------------------------------------------------------------------------- the stage
def _words(doc) -> int:
    return sum(1 for t in doc if not t.is_punct and not t.is_space)


def _innermost(spans: list) -> list:
    """For the brief, one span per device: a span that holds a tighter span of the same technique
    and speaker is dropped ("No patriot who loves this flag can watch …" Flag-Waving around "this
    flag"). The scorer reads ``technique_spans`` itself (PTC gold has nested spans)."""
    def holds(a, b):
        return a is not b and a.technique == b.technique and a.speaker == b.speaker and \
            a.start <= b.start and b.end <= a.end and (a.start, a.end) != (b.start, b.end)
    return [a for a in spans if not any(holds(a, b) for b in spans)]


@stage("framing", requires=("actors",), reads=("claims",), assigns=("framing", "portrayals", "genre"),
       components=COMPONENTS)
def framing(brief: Brief) -> Brief:
    """Find propaganda-technique spans, actor portrayals and the genre."""
    doc = brief.doc
    if doc is None:
        return brief
    mentions = [(m.start, m.end, a.id) for a in brief.actors for m in a.mentions]
    spans = _innermost(technique_spans(doc, mentions))
    brief.framing = spans
    words = _words(doc)
    loaded = sum(1 for f in spans if f.speaker == "author" and f.technique in (LL, NC))
    brief.summary.words = words
    brief.summary.loaded_language_per_1000_words = round(loaded / words * 1000, 2) if words else 0.0
    brief.summary.genre, conf, _ = genre_reading(doc, brief.article)
    brief.summary.genre_confidence = conf if brief.summary.genre else None
    ent_spans, groups, ids = [], [], []
    for a in brief.actors:
        for m in a.mentions:
            ent_spans.append((m.start, m.end))
            groups.append(a.id)
            ids.append(a.id)
    portrayals = []
    if ent_spans:
        # name pooling only adds occurrences no actor claims: "Pakistan" of the state is not pooled
        # into "Tehreek-e-Taliban Pakistan" on their shared last word
        res = portray(doc, ent_spans, groups, taken=ent_spans)
        done = set()
        for aid, r in zip(ids, res):
            if aid in done or r["n_strong"] <= 0.5:  # no framing evidence (only the prior or "said"): none claimed
                continue
            done.add(aid)
            portrayals.append(Portrayal(aid, r["role"], r["polarity"], r["fine_roles"], r["evidence"]))
    brief.portrayals = portrayals
    return brief
