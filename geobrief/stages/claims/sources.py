"""Who a source is: named, anonymous or the author; pronouns resolved to the speaker."""
from __future__ import annotations

import bisect

from typing import Optional

from ...nlp import doc_text
from .lexicon import (
    dateline_ranges, _in_dateline, _in_ranges, lex, NAMED_ENTS, PRONOUNS, QUOTE_CLOSE, QUOTE_OPEN,
    _subtree_chars,
)
from .relations import (
    Attribution, BARE_SPEECH, LIGHT_SPEECH_VERBS, NO_SPEAKER, POSS_PRONOUNS, _relative_clauses,
)



def _sents_and_ents(doc):
    """The document's sentence starts and entities, listed once per document (``doc.sents`` and
    ``doc.ents`` rebuild every Span on each access: per pronoun that made long texts quadratic)."""
    got = doc.user_data.get("gb_sents_ents")
    if got is None:
        ents = list(doc.ents)
        got = ([s.start for s in doc.sents], ents, [e.start for e in ents])
        doc.user_data["gb_sents_ents"] = got
    return got

def _group_member(t) -> bool:
    """"one" as a member of a group that speaks ("one of them said", "one of the officials told ..."),
    not the generic pronoun of "one can argue": a partitive "of", or a plain past-tense report."""
    if t.lower_ != "one":
        return False
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children):
        return True
    v = t.head
    return v.tag_ == "VBD" and not any(c.dep_ == "aux" and c.tag_ == "MD" for c in v.children)


def _inner_stance(doc, t, quotes, vkind="belief") -> bool:
    """A reporting verb that is not an attribution of its own: inside a quotation (the quoted
    speaker's own words), or with a generic "you"/"one" subject; a verb of thinking or wanting
    also not in a question or nested under a verb of saying ("said he thinks ...": one
    attribution, the outer one)."""
    if _in_ranges(t.idx, quotes):
        return True
    if any(c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ == "you" or c.lower_ == "one" and not _group_member(c))
           for c in t.children):
        return True
    sent = t.sent
    if vkind not in ("belief", "intent", "evaluation"):
        return False  # a speech verb in a question or a report still attributes
    if vkind != "evaluation" and any(x.text == "?" for x in sent[-3:]):
        return True
    h = t
    for _ in range(2):
        if h.dep_ not in ("ccomp", "xcomp", "conj") or h.head.i == h.i:
            break
        h = h.head
        if h.lemma_.lower() in lex().reporting and lex().reporting[h.lemma_.lower()] == "speech":
            return True
    return False


# verbs of saying with another, non-verbal sense when they take a plain object
# ("the government has been recognised by few countries": a diplomatic act, not a statement)
CLAUSE_ONLY = {"maintain", "confirm", "answer", "recommend", "learn", "signal", "reflect", "recognise", "recognize"}


def _quote_credit(doc, t) -> bool:
    """A dash that credits a quotation ('"..." ― Mark Twain'), not a dash inside a sentence: right
    after a closing quotation mark (or opening its line), followed by a short name that ends the line."""
    if t.text == "”―":
        return True
    after_quote = t.i > 0 and (doc[t.i - 1].text in QUOTE_CLOSE or doc[t.i - 1].text.endswith(("”", '"')))
    line_start = t.i == 0 or "\n" in doc[t.i - 1].text or "\n" in doc[t.i - 1].whitespace_
    if not (after_quote or line_start):
        return False
    name = []
    for x in doc[t.i + 1: min(len(doc), t.i + 9)]:
        if "\n" in x.text or x.text in (".", "(") or x.is_space:
            break
        name.append(x)
    return bool(name) and len(name) <= 7 and (name[0].pos_ == "PROPN" or name[0].ent_type_ in NAMED_ENTS
                                               or name[0].is_title)


# evidence that speaks in a headline label: "Poll: Clinton and Trump in dead heat"
SOURCE_LABELS = {"poll", "survey", "study", "report", "analysis", "audit", "review", "census", "probe"}


def _speaker_label(doc, colon) -> Optional[tuple[int, int]]:
    """'PENCE: ...', '"WALLACE: ...', 'Caddell continued: ...': the speaker before a colon at line start."""
    lo = colon.i
    while lo > 0 and "\n" not in doc[lo - 1].text and "\n" not in doc[lo - 1].whitespace_ and colon.i - lo < 5:
        lo -= 1
    toks = [x for x in doc[lo:colon.i] if not (x.is_punct and x.text in QUOTE_OPEN + "(")]
    if toks and len(toks) > 3 and _quotation_follows(doc, colon) and any(
            x.ent_type_ in ("PERSON", "ORG") or x.pos_ == "PROPN" for x in toks) and not any(
            x.lemma_.lower() in lex().reporting for x in toks):  # ("Trump said: '...'" has its verb)
        # a headline that quotes a named speaker: "Senator Banks Grills Port Chief: 'You Knew.'"
        return toks[0].idx, toks[-1].idx + len(toks[-1])
    if not toks or len(toks) > 3 and not (len(toks) <= 5 and _anonymous_label(toks)):
        return None  # (a longer label only when it is an unnamed person: "Flood Zone Resident: ...")
    if all(x.ent_type_ in ("PERSON", "ORG") or x.pos_ == "PROPN" or x.is_upper for x in toks) or (
            len(toks) == 1 and toks[0].lemma_.lower() in SOURCE_LABELS) or (
            len(toks) >= 2 and toks[-1].lemma_ in BARE_SPEECH) or _anonymous_label(toks) or \
            _named_below(doc, colon, toks):
        return toks[0].idx, toks[-1].idx + len(toks[-1])
    return None


def _quotation_follows(doc, colon) -> bool:
    """Whether the rest of the colon's line is one quotation ("...: 'You knew.'")."""
    text = doc_text(doc)
    end = text.find("\n", colon.idx)
    rest = text[colon.idx + 1: len(text) if end < 0 else end].strip().rstrip(".")
    return len(rest) > 2 and rest[0] in QUOTE_OPEN and rest[-1] in QUOTE_CLOSE and \
        not any(q in rest[1:-1] for q in ("”", '"'))


def _named_below(doc, colon, toks) -> bool:
    """A headline label the parser misreads ("Sanders: ..." as a plural noun) that the story names
    below it as a person or body: each word of the label is capitalised and recurs as a name."""
    if not all(x.is_title and x.is_alpha for x in toks):
        return False
    names = {y.text for y in doc[colon.i + 1: colon.i + 400]
             if y.pos_ == "PROPN" or y.ent_type_ in ("PERSON", "ORG")}
    return all(x.text in names for x in toks)


def _anonymous_label(toks) -> bool:
    """"Official: ...", "US sources: ...", "Senior diplomat: ...": a headline that quotes someone it
    does not name."""
    return bool(toks) and toks[0].text[:1].isupper() and toks[-1].pos_ in ("NOUN", "PROPN") and (
        toks[-1].lemma_.lower() in SPEAKER_NOUNS or toks[-1].lemma_.lower() in lex().anon_nouns) and not any(
        x.ent_type_ in ("PERSON", "ORG") for x in toks)


def _previous_quote(doc, t) -> Optional[tuple[int, int]]:
    """The quotation just before a bare speech verb (same or previous sentence)."""
    lo = max(0, t.i - 80)
    close = None
    for j in range(t.i - 1, lo - 1, -1):
        if doc[j].text in QUOTE_CLOSE or doc[j].text.endswith(("”", '"')):
            close = j
            break
        if doc[j].text in (".", "!", "?") and j < t.i - 6:
            break
    if close is None:
        return None
    for j in range(close - 1, lo - 1, -1):
        if doc[j].text in QUOTE_OPEN or doc[j].text.startswith(("“", '"')):
            return doc[j].idx, doc[close].idx + len(doc[close])
    return None


ANON_PEOPLE = {"official", "source", "diplomat", "insider", "aide", "person", "people", "analyst", "observer",
               "expert", "witness", "resident", "critic", "officer", "member", "commander", "leader"}


def _source_kind(doc, head) -> str:
    """named | anonymous | author | pronoun for the source whose head token is ``head``."""
    rel = _relative_clauses(head)  # "the envoy who met Muttaqi": Muttaqi does not make the envoy named
    sub = [t for t in head.subtree if t not in rel]
    low = head.lower_
    if low in ("i", "we"):
        return "author"
    if _group_member(head) and not any(t.ent_type_ == "PERSON" for t in sub):
        return "anonymous"  # "one of the Taliban negotiators": an unnamed member of a (named) group
    if head.pos_ == "NOUN" and not any(t.ent_type_ in ("PERSON", "ORG") for t in sub) and (
            head.tag_ == "NNS" or head.lemma_.lower() in lex().anon_nouns and not any(
                c.dep_ == "det" and c.lower_ == "the" for c in head.children)):
        # "a spokesman for the Kabul police", "DC insiders", "Afghan officials": a place or a nationality
        # does not name the people, nor an unnamed unit its spokesman
        return "anonymous"
    if any(t.ent_type_ in NAMED_ENTS and t.ent_type_ != "NORP" or t.pos_ == "PROPN" for t in sub):
        # "a Taliban official", "two Western diplomats", "sources close to the ministry": unnamed people
        # of a named body stay anonymous; an on-the-record spokesperson of a named body is named
        if head.lemma_.lower() in ANON_PEOPLE and not any(t.ent_type_ == "PERSON" for t in sub) and (
                any(c.dep_ == "det" and c.lower_ in ("a", "an", "some", "several", "one", "two", "three")
                    for c in head.children) or head.tag_ == "NNS"):
            return "anonymous"
        # "a State Department spokesperson", "Muttaqi", "the Taliban"
        if head.lemma_.lower() in lex().anon_nouns and head.lemma_.lower() in ("source", "observer", "analyst",
                                                                               "expert", "diplomat", "insider",
                                                                               "people", "person", "official",
                                                                               "witness", "resident", "critic"):
            # "Western diplomats", "Afghan officials": group nouns modified by a place stay anonymous
            if not any(t.ent_type_ in ("PERSON", "ORG") for t in sub):
                return "anonymous"
        return "named"
    if low in PRONOUNS:
        return "pronoun"
    if head.lemma_.lower() in lex().anon_nouns or low in lex().anon_nouns:
        if any(c.dep_ == "det" and c.lower_ == "the" for c in head.children) and head.tag_ == "NN" and \
                head.lemma_.lower() in ("spokesperson", "spokesman", "spokeswoman", "official", "minister"):
            return "named"  # "the spokesperson": the one already introduced
        return "anonymous"
    if head.pos_ == "NOUN":
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is not None and owner.pos_ in ("NOUN", "PROPN") and _source_kind(doc, owner) == "anonymous":
            # "the rebels' radio station", "protesters' spokesman": what belongs to a group nobody
            # names is no more named than the group
            return "anonymous"
        # "the ministry", "the envoy": a definite description of a known actor counts as named
        if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children) or owner is not None:
            return "named"
        return "anonymous"
    return "anonymous"


def _resolved_kind(doc, tok) -> str:
    """The source kind of ``tok`` with pronouns (and possessives: "his statement") resolved:
    named when the pronoun stands for a name nearby, else anonymous."""
    kind = "pronoun" if tok.lower_ in POSS_PRONOUNS else _source_kind(doc, tok)
    if kind == "pronoun":
        return _pronoun_kind(doc, tok)
    return kind


def _pronoun_kind(doc, tok) -> str:
    """named | anonymous for a pronoun source: as its antecedent is ("a Taliban official said ... He
    added": anonymous), anonymous when there is none."""
    found = _pronoun_antecedent(doc, tok)
    if found is None:
        return "anonymous"
    _, head, is_name = found
    if is_name:
        return "named"
    kind = _source_kind(doc, head)
    return kind if kind in ("named", "anonymous") else "anonymous"


def _resolve_pronoun(doc, tok) -> Optional[tuple[int, int]]:
    """The nearest preceding name a pronoun source refers to (within ~2 sentences)."""
    found = _pronoun_antecedent(doc, tok)
    return found[0] if found else None


SPEAKER_NOUNS = ANON_PEOPLE | {"spokesman", "spokeswoman", "spokesperson", "minister", "envoy", "ambassador",
                               "president", "governor", "secretary", "chief", "director", "negotiator",
                               "victim", "survivor", "eyewitness", "refugee", "soldier", "doctor", "nurse"}


def _pronoun_antecedent(doc, tok):
    """``(char span, head token, is_name)`` of what a pronoun source refers to, or None.

    The last speaker (the subject of a reporting verb) before the pronoun wins over a person only
    spoken about; a speaker may be a name or, for "he"/"she", a person noun ("a spokesman for the
    police said ... He said"). No name within ~2 sentences: the last speaker up to ~5 sentences back
    ('"...," he said' three paragraphs into a spokesman's statement). A dateline ("JALALABAD, ...")
    is never anyone."""
    # a country is "it", not "they": "They said ..." after "talks with Pakistan" is the people who spoke
    want = {"he": ("PERSON",), "she": ("PERSON",), "him": ("PERSON",), "her": ("PERSON",),
            "they": ("ORG", "NORP"), "them": ("ORG", "NORP")}.get(
        tok.lower_, ("PERSON", "ORG", "GPE", "NORP"))
    person = want == ("PERSON",)
    plural = tok.lower_ in ("they", "them")
    if tok.lower_ == "it" and tok.dep_ == "nsubj":
        # "The ministry thanked Qatar for what it called ...": "it" in a clause under a verb whose subject
        # is a body or a state is that subject, not the nearest name (the object)
        cur = tok.head
        for _ in range(4):
            if cur.dep_ not in ("pcomp", "relcl", "ccomp", "advcl", "acl", "pobj", "prep", "dobj", "conj") or \
                    cur.head.i == cur.i:
                break
            cur = cur.head
            subj = next((c for c in cur.children if c.dep_ == "nsubj"), None) if cur.pos_ in ("VERB", "AUX") else None
            if subj is not None:
                if subj.lower_ not in PRONOUNS and subj.pos_ in ("NOUN", "PROPN") and subj.tag_ in ("NN", "NNP") \
                        and subj.ent_type_ != "PERSON" and not _in_dateline(doc, subj):
                    return _subtree_chars(subj), subj, subj.pos_ == "PROPN" or bool(subj.ent_type_)
                break
    all_starts, all_ents, ent_starts = _sents_and_ents(doc)
    sent_starts = all_starts[:bisect.bisect_right(all_starts, tok.i)]
    ranges = dateline_ranges(doc_text(doc))
    reporting = lex().reporting
    for back, speakers_only in ((3, False), (6, True)):
        lo_tok = sent_starts[-back] if len(sent_starts) >= back else 0
        near = [ent for ent in all_ents[bisect.bisect_left(ent_starts, lo_tok):]
                if ent.end <= tok.i and ent.start >= lo_tok
                and not any(lo <= ent.start_char < hi for lo, hi in ranges)]
        cands = [ent for ent in near if ent.label_ in want]
        # '"...," he said' continues the last speaker, not the last person spoken about:
        # "Balkhi denied that Khalilzad met them. '...,' he said" is Balkhi (a lone surname the small
        # model often tags ORG counts as a person when it is the speaker)
        speakers = [(e.start, (e.start_char, e.end_char), e.root, True) for e in near
                    if (e.label_ in want or (person and e.label_ == "ORG" and len(e) == 1 and e.root.pos_ == "PROPN"))
                    and e.root.dep_ in ("nsubj", "appos") and e.root.head.lemma_.lower() in reporting]
        if person:
            ent_toks = {t.i for e in near for t in e}
            speakers += [(t.i, _subtree_chars(t), t, False) for t in doc[lo_tok:tok.i]
                         if t.dep_ == "nsubj" and t.pos_ == "NOUN" and t.lemma_.lower() in SPEAKER_NOUNS
                         and t.tag_ in ("NN", "NNP") and t.i not in ent_toks
                         and t.head.lemma_.lower() in reporting and not _group_member(t)]
        if plural:
            # "officials said ... They added", "The commentators talk about ...; they insist": a plural noun
            # that spoke
            ent_toks = {t.i for e in near for t in e}
            speakers += [(t.i, _subtree_chars(t), t, False) for t in doc[lo_tok:tok.i]
                         if t.dep_ == "nsubj" and t.pos_ == "NOUN" and t.tag_ == "NNS" and t.i not in ent_toks
                         and t.head.lemma_.lower() in reporting and not _in_dateline(doc, t)]
        if speakers:
            _, span, head, is_name = max(speakers, key=lambda x: x[0])
            return span, head, is_name
        if cands and not speakers_only:
            best = cands[-1]
            return (best.start_char, best.end_char), best.root, True
    return None


def _said_owner(doc, head):
    """Who issued "the statement" (``head``): the owner of the latest earlier mention of the same
    noun — "X said in a statement", "X issued a statement", "X's statement", "a statement by/of X"
    (the headline of a statement that is the text itself: "Statement of the Spokesman of ...")."""
    lem = head.lemma_.lower()
    for s in reversed(doc[:head.i]):
        if s.lemma_.lower() != lem or s.pos_ not in ("NOUN", "PROPN"):
            continue
        for c in s.children:
            if c.dep_ == "poss" and c.lower_ not in ("my", "our"):
                return c
            if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from", "of"):
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None and pobj.pos_ in ("PROPN", "NOUN", "PRON"):
                    return pobj
        v = s.head.head if s.dep_ == "pobj" and s.head.lower_ == "in" else (
            s.head if s.dep_ == "dobj" and s.head.lemma_.lower() in LIGHT_SPEECH_VERBS else None)
        if v is not None and v.pos_ in ("VERB", "AUX"):
            subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ not in ("i", "we", "you"):
                return subj
    return None


def _unsaid(doc, a: Attribution) -> bool:
    """True when the attribution's verb is negated or its speaker is nobody."""
    if a.cue_token < 0:
        return False
    t = doc[a.cue_token]
    return any(c.dep_ == "neg" for c in t.children) or any(
        c.dep_ == "nsubj" and (c.lower_ in NO_SPEAKER or any(d.dep_ == "det" and d.lower_ in ("neither", "no")
                                                            for d in c.children)) for c in t.children)


def _subordinate(t) -> bool:
    """A complement clause ("that Kabul would respond", "whether the meeting signals ..."): never the
    reporting clause of a quotation ('"...," he said'), whatever its verb."""
    return any(c.dep_ == "mark" and c.lower_ in ("that", "whether", "if") for c in t.children)
