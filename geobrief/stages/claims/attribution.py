"""Attributions (PolNeAR's notion): cue, source and content spans of who said what."""
from __future__ import annotations

from typing import Optional

from ...nlp import doc_text
from .lexicon import (
    _attribution_cues, _clip_dateline, _cue_nouns, dateline_ranges, _hearsay_nouns, _in_dateline, _in_ranges, lex, doc_quote_ranges, _medium_nouns, NAMED_ENTS, QUOTE_CLOSE, QUOTE_OPEN, _span_chars, _subtree_chars,
)
from .relations import (
    ADDRESSEE_VERBS, Attribution, ISSUING_VERBS, BARE_SPEECH, _controller, COPULAS, _event_subject, LIGHT_SPEECH_VERBS,
    _meeting_sense, OBJECT_CUES, PASSIVE_BELIEF, _pro_clause, _provider, _relative_head, STANCE_PREPS,
    _subjects, TELL_THAT, _that_clause_of_addressee, topic_prep, TOPIC_PREPS,
)
from .sources import (
    ANON_PEOPLE, _anonymous_label, CLAUSE_ONLY, _inner_stance, _previous_quote, _pronoun_kind, _quote_credit,
    _resolved_kind, _source_kind, SOURCE_LABELS, _speaker_label, _subordinate,
)


def _act_object(obj, quotes) -> bool:
    """Whether the object of a verb of promising or of a light verb of saying is a thing or an act, not
    a proposition: "promised Kyiv an arsenal", "gave a speech demonizing Iran" (the writer reports the
    act); not "announced its plan to take part", "issued a statement that ...", "a statement:
    ...", a quotation, nor "a statement saying ..."."""
    if _in_ranges(obj.idx, quotes) or obj.i + 1 < len(obj.doc) and obj.doc[obj.i + 1].text in QUOTE_OPEN:
        return False
    rep = lex().reporting
    for c in obj.children:
        if c.dep_ in ("acl", "ccomp") and (any(m.dep_ in ("mark", "aux") and m.lower_ in ("that", "to")
                                               for m in c.children) or rep.get(c.lemma_.lower()) == "speech"):
            return False
        if c.dep_ == "prep" and c.lower_ in ("on", "about", "over", "that"):
            return False
    end = obj.right_edge.i + 1
    return not (end < len(obj.doc) and obj.doc[end].text in (":",) + tuple(QUOTE_OPEN))


def _speaker_like(t) -> bool:
    """Whether ``t`` names a person or a body (who could speak), not a matter spoken of."""
    return t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or t.pos_ == "PRON" or \
        t.lemma_.lower() in ANON_PEOPLE or t.lemma_.lower() in lex().anon_nouns


def _verb_tagged_noun(t) -> bool:
    """A verb of saying tagged as a plural noun ("But Kyiv claims that ...", "the mayor warns that ..."):
    it has a subject and a clause of its own, as only a verb has."""
    return t.tag_ == "NNS" and t.lower_.endswith("s") and t.lemma_.lower() in lex().reporting and \
        any(c.dep_ == "nsubj" for c in t.children) and any(c.dep_ == "ccomp" for c in t.children)


HEADLINE_TOKENS = 25
HEADLINE_PREPS = {"against", "for", "on", "over", "about", "of"}
NP_BREAK = ("DET", "ADP", "VERB", "AUX", "SCONJ", "CCONJ", "PRON", "PUNCT")


def _headline_attributions(doc, found: list) -> list:
    """A saying verb in the title line, where headline case leaves the parse unsure of verbs ("House
    panel votes to hold ...", "Federal Court Rules Against ...", "Mayor Sees 'Betrayal' in ..."): a
    form in -s of a verb of saying, after a bare noun phrase that opens the line (its source); what
    follows on the line is the content. Not "on his tax claims" (a noun phrase with a determiner)."""
    text = doc_text(doc)
    nl = text.find("\n")
    if nl < 0:
        return []
    line = [t for t in doc if t.idx < nl and not t.is_space]
    if not line or len(line) > HEADLINE_TOKENS:
        return []
    taken = {x.cue_token for x in found}
    rep, views = lex().reporting, lex().view_as
    for k, t in enumerate(line[1:], 1):
        low = t.lower_
        stem = next((s for s in (low[:-1], low[:-2]) if low.endswith("s") and (s in rep or s in views)), None)
        if stem is None or t.i in taken or any(x.cue[0] <= t.idx < x.cue[1] for x in found):
            continue
        src = line[:k]
        if any(x.pos_ in NP_BREAK or x.dep_ == "poss" or x.tag_ == "POS" for x in src) or \
                not any(x.pos_ in ("PROPN", "NOUN") for x in src):
            return []  # the line does not open with the verb's subject
        rest = [x for x in line[k + 1:]]
        while rest and rest[-1].is_punct and rest[-1].text not in QUOTE_CLOSE:
            rest.pop()
        if not rest:
            return []
        hi = t
        if rest[0].lower_ in HEADLINE_PREPS and len(rest) > 1:
            hi = rest.pop(0)  # "Rules Against", "Calls For"
        kind = _resolved_kind(doc, src[-1])
        return [Attribution((t.idx, hi.idx + len(hi)), _span_chars(src), _span_chars(rest), kind, stem, t.i,
                            src[-1].i)]
    return []


def _finding(t) -> bool:
    """Whether "found" with an object reports a finding, not a thing come upon ("police found a
    car", "rescuers found the hikers alive"): its subject is a study, poll, inquiry or court ("a 2019
    audit found 31 cases", "the jury found him guilty")."""
    subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.lemma_.lower() in _cue_nouns("finding")


def _sentence_without(t) -> Optional[tuple[int, int]]:
    """The words of ``t``'s sentence outside ``t``'s phrase ("according to X", "in X's view")."""
    excl = set(t.subtree)
    toks = [x for x in t.sent if x not in excl and not x.is_punct]
    return _span_chars(toks) if toks else None


def _in_view_of(t) -> Optional[Attribution]:
    """"In his view, ...", "in the eyes of X", "In this poll, ...": a view or a finding whose holder
    is named by the possessive (or the poll itself); what the sentence says outside the phrase is its
    content. Not "in the view" with no holder, nor "in court"."""
    if t.lower_ != "in" or t.dep_ != "prep" or t.head.i == t.i:
        return None
    pobj = next((c for c in t.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.lemma_.lower() not in _cue_nouns("in-view"):
        return None
    holder = next((c for c in pobj.children if c.dep_ == "poss"), None)
    if holder is None:
        of = next((c for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        holder = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
    if holder is None and pobj.lemma_.lower() in _cue_nouns("finding") and any(
            c.dep_ in ("det", "amod", "compound") for c in pobj.children):
        holder = pobj  # "in this poll", "in online polls"
    if holder is None or holder.lower_ in ("my", "our") or _resolved_kind(t.doc, holder) == "author":
        return None
    kind = _resolved_kind(t.doc, holder)
    return Attribution((t.idx, t.idx + len(t)), _subtree_chars(holder), _sentence_without(t), kind, "in view",
                       t.i, holder.i)


def _imperative(t) -> bool:
    """Whether verb ``t`` is an imperative: a bare base form with no subject that opens its sentence
    (after "do n't", "please", "and", "perhaps"), or is joined to one ("... and ask whether ...")."""
    if t.tag_ != "VB" or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in t.children) or \
            any(c.dep_ == "aux" and c.lower_ in ("to", "will", "would", "can", "could", "shall", "should", "may",
                                                  "might", "must") for c in t.children):
        return False
    if t.dep_ == "conj" and t.head.i != t.i:
        return _imperative(t.head)
    if t.dep_ != "ROOT":
        return False
    lead = [x for x in t.sent if x.i < t.i and not x.is_punct and not x.is_space]
    return all(x.lower_ in ("do", "don't", "n't", "not", "never", "please", "and", "but", "so", "perhaps", "just",
                            "now", "then", "also") for x in lead)


def _nominal_attributions(doc, found: list) -> list:
    """Attributions carried by a noun or an adjective rather than a verb.

    * "Trump's claim that ...", "warnings from his attorney that ...", "Clinton's comments on ...":
      a noun of saying/thinking with its source (possessive, or "from"/"by") or a that-clause;
    * "Sanders is critical of ...", "she was sure that ...": a stance adjective predicated of a
      person or body, with what the stance is about;
    """
    nouns, adjs, said = _attribution_cues()
    hearsay = _hearsay_nouns()
    media = _medium_nouns()
    intents = _cue_nouns("intent")
    taken = [x.cue for x in found] + [x.source for x in found if x.source]
    quotes = doc_quote_ranges(doc)
    out = []

    def free(i):
        a = doc[i].idx
        return not any(lo <= a < hi for lo, hi in taken)

    for t in doc:
        lem = t.lemma_.lower()
        if t.pos_ == "VERB" and lem in LIGHT_SPEECH_VERBS and free(t.i) and not _in_ranges(t.idx, quotes):
            # "issued a statement", "made the following comment", "offered no proof that ..."
            obj = next((c for c in t.children if c.dep_ == "dobj" and (c.lemma_.lower() in said or (
                lem in ISSUING_VERBS and c.lemma_.lower() in media))), None)
            subj = next((c for c in t.children if c.dep_ in ("nsubj", "agent")), None) or _controller(t)
            if obj is None or subj is None or subj.lower_ in ("i", "we", "you"):
                continue
            kind = _resolved_kind(doc, subj)
            if kind == "author":
                continue
            out.append(Attribution((t.idx, obj.idx + len(obj)), _subtree_chars(subj), _subtree_chars(obj), kind,
                                   lem, t.i, subj.i, not _act_object(obj, quotes)))
            taken.append((t.idx, obj.idx + len(obj)))
            continue
        if t.pos_ == "NOUN" and lem in intents and free(t.i) and not _in_ranges(t.idx, quotes):
            # "her refusal to testify", "Kyiv's bid to join": an aim or a refusal, as "refused to", "sought to"
            src_tok = next((c for c in t.children if c.dep_ == "poss" and c.lower_ not in ("my", "our")), None)
            inf = next((c for c in t.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB" and any(
                m.dep_ == "aux" and m.lower_ == "to" for m in c.children)), None)
            if src_tok is not None and inf is not None and _resolved_kind(doc, src_tok) != "author":
                # (the writer reports the aim: no claim of the sentence rests on the holder's word)
                out.append(Attribution((t.idx, t.idx + len(t)), _subtree_chars(src_tok), _subtree_chars(inf),
                                       _resolved_kind(doc, src_tok), lem, t.i, src_tok.i, False))
                continue
        if t.pos_ == "NOUN" and lem in nouns and free(t.i) and not _in_ranges(t.idx, quotes):
            kids = list(t.children)
            src_tok = next((c for c in kids if c.dep_ == "poss"), None)
            if src_tok is None:
                for c in kids:
                    if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by"):
                        src_tok = next((g for g in c.children if g.dep_ == "pobj"), None)
                        if src_tok is not None:
                            break
            content_tok = next((c for c in kids if c.dep_ in ("acl", "ccomp") and any(
                m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
            if content_tok is None:
                for c in kids:
                    if c.dep_ == "prep" and c.lower_ in ("of", "about", "on", "over", "against", "for", "that"):
                        content_tok = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                        if content_tok is not None:
                            break
            if content_tok is None or src_tok is None and (lem not in hearsay or _speaker_like(content_tok) or (
                    content_tok.dep_ not in ("acl", "ccomp") and
                    any(c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in kids))):
                # a bare "the statement", "his remarks": no content to attribute; "a report of the
                # commission", "the claims of the ministry" say whose word it is, not what it says
                # ("reports of an explosion", "claims that ..." do)
                continue
            if src_tok is not None and src_tok.lower_ in ("my", "our"):
                continue  # the writer's own view
            if content_tok is None and lem in ("speech", "interview", "letter", "message", "tweet", "question",
                                                 "answer", "response", "reply", "support", "opposition", "call",
                                                 "report", "view", "idea", "concern", "fear", "hope"):
                continue  # "his speech", "their support" with nothing said: no attribution
            kind = "anonymous"
            src = None
            if src_tok is not None:
                src = _subtree_chars(src_tok)
                kind = _resolved_kind(doc, src_tok)
                if kind == "author":
                    continue
            content = _subtree_chars(content_tok) if content_tok is not None else None
            out.append(Attribution((t.idx, t.idx + len(t)), src, content, kind, lem, t.i,
                                   src_tok.i if src_tok is not None else None))
        elif t.pos_ == "ADJ" and lem in adjs and t.dep_ == "acomp" and t.head.lemma_ in COPULAS and free(t.i) and \
                not _inner_stance(doc, t.head, quotes, "belief"):
            subj = [c for c in t.head.children if c.dep_ == "nsubj"]
            if not subj or subj[0].lower_ in ("it", "this", "that", "there", "i", "we") or subj[0].dep_ == "expl":
                continue
            s_tok = subj[0]
            if not (s_tok.pos_ in ("PROPN", "PRON") or s_tok.ent_type_ in NAMED_ENTS or
                    s_tok.lemma_.lower() in ANON_PEOPLE or s_tok.lemma_.lower() in lex().anon_nouns):
                continue  # "the plan is sure to fail": no one holds the stance
            content_tok = next((c for c in t.children if c.dep_ in ("ccomp", "xcomp")), None)
            hi = t
            if content_tok is None:
                prep = next((c for c in t.children if c.dep_ == "prep" and c.lower_ in STANCE_PREPS), None)
                if prep is not None:
                    content_tok = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)
                    hi = prep
            if content_tok is None:
                continue
            kind = _resolved_kind(doc, s_tok)
            if kind == "author":
                continue
            out.append(Attribution((t.idx, hi.idx + len(hi)), _subtree_chars(s_tok), _subtree_chars(content_tok),
                                   kind, lem, t.i, s_tok.i))
    return out



NOUN_INFINITIVE_SKIP = True
# verbs whose infinitive complement need not have happened: "requires them to disclose", "invited him to
# comment" (not "forced him to admit" or "led them to invoke": that saying happened)
UNDONE_HEADS = {"require", "oblige", "allow", "permit", "enable", "need", "expect", "pressure", "push", "order",
                "invite", "summon", "drag"}
UNREAL_MODALS = {"should", "must", "ought", "shall", "may", "might"}


def _quoted_as_saying(doc, t) -> Optional[Attribution]:
    """"<medium> quoted <X> as saying (that) ...": X is the speaker (the medium only relays X's words);
    with nothing after "saying", what X said is the clause before the reporting clause ("A signed a
    deal ..., the agency quoted a defence official as saying")."""
    if t.lemma_.lower() not in ("quote", "cite"):
        return None
    obj = next((c for c in t.children if c.dep_ == "dobj"), None)
    say = next((g for c in t.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children
                if g.dep_ == "pcomp" and lex().reporting.get(g.lemma_.lower()) == "speech"), None)
    if obj is None or say is None:
        return None
    content_tok = next((c for c in say.children if c.dep_ in ("ccomp", "xcomp", "dobj")), None)
    if content_tok is not None:
        content = _subtree_chars(content_tok)
    else:
        subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
        left = min(t.i, subj.left_edge.i if subj is not None else t.i)
        sent = t.sent
        comma = next((j for j in range(left - 1, sent.start, -1) if doc[j].text == ","), None)
        toks = [x for x in doc[sent.start:comma] if not x.is_space] if comma is not None else []
        content = _span_chars(toks) if toks else None
    kind = _source_kind(doc, obj)
    if kind == "pronoun":
        kind = _pronoun_kind(doc, obj)
    return Attribution((t.idx, say.idx + len(say)), _subtree_chars(obj), content, kind, "quote", say.i, obj.i)


def _gerund_speaker(t):
    """The speaker of a saying under a preposition ("after saying ...", "aside from saying ...",
    "by claiming ..."): the subject of the clause the preposition belongs to; not "without saying",
    "stopped short of saying" (nothing was said)."""
    h = t.head
    if h.lower_ not in ("after", "before", "by", "while", "from", "in", "since", "besides") or \
            h.head.lower_ in ("short", "instead", "far"):
        return None
    for _ in range(4):
        if h.head.i == h.i:
            break
        h = h.head
        if h.pos_ in ("VERB", "AUX"):
            subj = _subjects(h)
            if subj and subj[0].lower_ not in ("it", "there", "you", "one"):
                return subj[0]
            return None
    return None


def _closes_quotation(doc, t) -> bool:
    """A verb that reports speech only when it closes a quotation: '"...," she continued', '"...,"
    the letter reads' (not "the fighting continued", "he reads the news"): a closing quotation mark
    just before its subject (or before the verb, in "continued the minister"), and no object."""
    if any(c.dep_ in ("dobj", "xcomp", "prep") for c in t.children):
        return False
    subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return False
    lo = min(subj.left_edge.i, t.i)
    if any(doc[j].text in QUOTE_CLOSE or doc[j].text.endswith(("”", '"')) for j in range(max(0, lo - 2), lo)):
        return True
    # 'She continued, "When ..."' / 'She continued: "..."'
    nxt = doc[t.i + 1: t.i + 3]
    return len(nxt) == 2 and nxt[0].text in (",", ":") and nxt[1].text in QUOTE_OPEN


def _view_as(t):
    """The object of "sees/views/regards X as Y" (a view held of X), else None."""
    obj = next((c for c in t.children if c.dep_ == "dobj"), None)
    if obj is None or not any(c.dep_ == "prep" and c.lower_ == "as" for c in list(t.children) + list(obj.children)):
        return None
    subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.lower_ in ("it", "this", "that", "which") or subj.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None  # "the year saw prices as high as ...": no one holds a view
    return obj


NAMING_VERBS = {"call", "name", "dub", "label", "brand", "title", "know"}


# verbs of judging that also name a physical or legal act: with a person, or a challenge in court,
# the writer reports the act, and nobody's words are the content
PHYSICAL_EVALUATION = frozenset({"attack", "hit", "blast", "slam", "strike", "target", "assault", "challenge"})
PERSON_WORDS = frozenset({"man", "woman", "boy", "girl", "child", "teenager", "teen", "student", "officer",
                          "soldier", "civilian", "person", "people", "resident", "worker", "journalist",
                          "reporter", "protester", "voter", "guard", "driver", "passenger", "tourist"})


def _act_on_someone(t) -> bool:
    """'A man attacked a teenager', 'states are challenging the rules in court': an act, not a saying."""
    if t.lemma_.lower() not in PHYSICAL_EVALUATION:
        return False
    objs = [c for c in t.children if c.dep_ == "dobj"]
    named = any(c.dep_ == "nsubj" and (c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or c.pos_ == "PROPN")
                for c in t.children)
    if not named and any(o.ent_type_ in ("PERSON", "NORP") or o.lemma_.lower() in PERSON_WORDS or o.pos_ == "PRON"
                         for o in objs):
        return True  # ("Trump attacked Clinton" stays a verbal attack the writer reports as a stance)
    return any(x.lemma_.lower() == "court" and x.head.lower_ == "in" and x.head.head in [t] + objs
               for x in t.subtree)


def _naming(t) -> bool:
    """"a group called X", "the program, known as Y": a name given, not something said; "it goes
    without saying", "left without saying a word": nothing said."""
    if t.dep_ == "acl" and t.tag_ in ("VBN", "VBD") and t.lemma_.lower() in NAMING_VERBS and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
        return True
    return t.dep_ == "pcomp" and t.head.lower_ == "without"


def _as_put_it(doc, t) -> Optional[Attribution]:
    """"..., as a ministry memo put it": the subject of "put it" is the source of the clause it
    comments on."""
    if t.lemma_.lower() != "put" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in t.children):
        return None
    it = next((c for c in t.children if c.dep_ == "dobj" and c.lower_ == "it"), None)
    subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
    if it is None or subj is None or subj.lower_ in ("i", "we", "you", "one"):
        return None
    head = t.head if t.head.i != t.i else None
    content = None
    if head is not None:
        excl = set(t.subtree)
        toks = [x for x in head.subtree if x not in excl and not x.is_punct]
        content = _span_chars(toks) if toks else None
    kind = _source_kind(doc, subj)
    if kind == "pronoun":
        kind = _pronoun_kind(doc, subj)
    return Attribution((t.idx, it.idx + len(it)), _subtree_chars(subj), content, kind, "put", t.i, subj.i)


def attribution_spans(doc) -> list[Attribution]:
    """Attributions in ``doc``: cue, source and content character spans (PolNeAR's notion)."""
    L = lex()
    out: list[Attribution] = []
    used = set()
    quotes = doc_quote_ranges(doc)
    for t in doc:
        lem = t.lemma_.lower()
        # "according to X"
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            to = doc[t.i + 1]
            pobj = [c for c in to.children if c.dep_ == "pobj"]
            src = _subtree_chars(pobj[0]) if pobj else None
            kind = _source_kind(doc, pobj[0]) if pobj else "anonymous"
            content = _sentence_without(t) if t.head.i != t.i else None
            out.append(Attribution((t.idx, to.idx + len(to)), src, content, kind, "according to", t.i,
                                   pobj[0].i if pobj else None))
            used.add(t.i)
            continue
        view = _in_view_of(t)
        if view is not None:
            out.append(view)
            used.add(t.i)
            continue
        if t.pos_ not in ("VERB", "AUX") and not _verb_tagged_noun(t) or t.i in used:
            continue
        put = _as_put_it(doc, t)
        if put is not None:
            out.append(put)
            continue
        vkind = L.reporting.get(lem)
        if vkind is None and lem in L.closing and _closes_quotation(doc, t):
            vkind = "speech"  # '"...," she continued'
        view = _view_as(t) if lem in L.view_as or vkind == "belief" else None
        if vkind is None and view is None:
            continue
        if view is not None:
            vkind = "belief"
        if _naming(t) or _act_on_someone(t):
            continue
        if vkind == "intent" and any(c.dep_ == "aux" and c.lower_ in ("may", "might", "could", "would")
                                     for c in t.children):
            continue  # "Beijing might decide to join": a possible decision, not one anyone made
        if _inner_stance(doc, t, quotes, vkind):
            continue
        quoted = _quoted_as_saying(doc, t)
        if quoted is not None:
            out.append(quoted)
            used.add(quoted.cue_token)
            continue
        children = list(t.children)
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in children) and (
                t.head.lemma_.lower() in L.reporting or t.dep_ not in ("xcomp", "advcl", "acl", "relcl")
                or NOUN_INFINITIVE_SKIP and t.dep_ in ("acl", "relcl") and t.head.pos_ in ("NOUN", "PROPN")
                or t.dep_ == "xcomp" and t.head.lemma_.lower() in UNDONE_HEADS):
            # "wants to talk about": the outer verb carries it ("went on to discuss" does not); "an opportunity
            # to deny", "a chance to say", "a law requiring candidates to disclose": a possible, required or
            # allowed saying, not one that happened
            continue
        deps = {c.dep_ for c in children}
        content_tok = None
        for c in children:
            if c.dep_ in ("ccomp",) or (c.dep_ == "xcomp" and vkind in ("intent", "belief", "speech")):
                content_tok = c
                break
        if content_tok is None and view is not None:
            content_tok = view  # "see the deal as a betrayal": the view is of the object
        # "..., he said." — the reporting clause hangs off the content as parataxis/ccomp
        inverse = None
        if content_tok is None and t.dep_ in ("parataxis", "ccomp") and t.head.i < t.i and vkind == "speech" and \
                t.head.lemma_.lower() not in L.reporting and not _subordinate(t):
            # (a clause with "whether"/"if"/"that" is subordinate: "is whether the meeting signals ...")
            # ('"...," he said' parsed with "said" under the quotation; not "said he would not answer")
            inverse = t.head
        if content_tok is None and inverse is None:
            # dobj that is a quotation, or "call X Y", "call for", "call on"
            if lem == "call" and ("oprd" in deps or any(c.dep_ == "prep" and c.lower_ in ("for", "on")
                                                         for c in children) or ("dobj" in deps and any(
                    c.dep_ == "nsubj" and c.lemma_.lower() in ("some", "many", "critic", "other", "others")
                    for c in children))):
                content_tok = next((c for c in children if c.dep_ in ("oprd", "dobj", "prep")), None)
            elif "dobj" in deps and vkind in ("speech", "evaluation") and any(
                    x.text in QUOTE_OPEN for x in doc[t.i + 1: min(t.i + 4, len(doc))]):
                content_tok = next(c for c in children if c.dep_ == "dobj")
            elif vkind == "evaluation" and "dobj" in deps and any(
                    c.dep_ == "nsubj" and (c.ent_type_ in NAMED_ENTS or c.pos_ == "PROPN") for c in children):
                content_tok = next(c for c in children if c.dep_ == "dobj")
            elif lem in TELL_THAT and _that_clause_of_addressee(t) is not None:
                # "told a weekly briefing that Doha had been in contact": the that-clause is what was said
                # (the parser hangs it on the addressee as a relative clause)
                content_tok = _that_clause_of_addressee(t)
            elif lem in ("tell", "ask") and "dobj" in deps and ("ccomp" in deps or "xcomp" in deps):
                content_tok = next(c for c in children if c.dep_ in ("ccomp", "xcomp"))
            elif vkind == "evaluation" and "dobj" in deps and any(
                    c.dep_ == "nsubj" and c.lower_ in ("he", "she", "they") for c in children):
                content_tok = next(c for c in children if c.dep_ == "dobj")
            elif lem in OBJECT_CUES and "dobj" in deps:
                content_tok = next(c for c in children if c.dep_ == "dobj")
            elif topic_prep(t) is not None:
                content_tok = topic_prep(t)  # "spoke about the strike", "voted against the bill"
            elif lem in BARE_SPEECH and not deps & {"dobj", "ccomp", "xcomp", "attr", "acomp"} and (
                    "nsubj" in deps or t.dep_ in ("parataxis", "ccomp")) and not _subordinate(t):
                # '"...," he said.' with the quotation parsed as another sentence
                content_tok = None
                inverse = t.head if t.head.i != t.i else t
            elif (vkind in ("speech", "evaluation") or lem in ("show", "indicate")) and "dobj" in deps and \
                    lem not in ADDRESSEE_VERBS:
                # "stressed her support", "proclaimed a goal", "accusing her of ...": what is said or
                # judged is the object (verbs of telling take the addressee as object: not content)
                content_tok = next(c for c in children if c.dep_ == "dobj")
            elif lem == "find" and "dobj" in deps and _finding(t):
                content_tok = next(c for c in children if c.dep_ == "dobj")  # "the audit found 31 ..."
            elif lem in ADDRESSEE_VERBS and "dobj" in deps and any(
                    c.dep_ == "prep" and c.lower_ in TOPIC_PREPS for c in children):
                content_tok = next(c for c in children if c.dep_ == "prep" and c.lower_ in TOPIC_PREPS)
            elif ("nsubjpass" in deps or "auxpass" in deps) and lem in PASSIVE_BELIEF and any(
                    c.dep_ == "prep" and c.lower_ == "of" for c in children):
                # "was accused of taking bribes": an unnamed accuser's charge
                content_tok = next(c for c in children if c.dep_ == "prep" and c.lower_ == "of")
            elif ("nsubjpass" in deps or "auxpass" in deps) and "agent" in deps:
                # "was first reported by The Washington Post": the passive subject is the content
                content_tok = next((c for c in children if c.dep_ == "nsubjpass"), None)
                if content_tok is None:
                    continue
            else:
                continue
        if lem == "claim" and content_tok is not None and content_tok.dep_ == "dobj" and \
                content_tok.lemma_.lower() in ("life", "victim"):
            continue  # "the outbreak has claimed 165 lives": a toll, not a claim
        if lem in CLAUSE_ONLY and (content_tok is None or content_tok.dep_ not in ("ccomp", "xcomp")) and \
                inverse is None:
            continue  # "maintain a presence", "confirm a nominee", "answer questions": not saying
        if lem in ("speak", "talk") and content_tok is not None and content_tok.dep_ == "prep" and \
                content_tok.lower_ not in ("about", "of", "on", "over"):
            continue  # "spoke to students", "spoke for five minutes": no content
        # not "MINSK - Belarus" (a dateline), nor a line above the verb's (a misparsed headline or ad line)
        subj = [c for c in _subjects(t) if not _in_dateline(doc, c)]
        agent = [g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        passive = "nsubjpass" in deps or "auxpass" in deps
        if passive and not agent and lem not in PASSIVE_BELIEF and not any(c.dep_ == "ccomp" for c in children):
            continue  # "Doha had been informed about the meeting": told, not telling
        if passive and not agent and lem == "expect" and any(
                c.dep_ == "aux" and c.lower_ in ("could", "might", "may", "would", "should", "can") for c in children):
            continue  # "the losing side could be expected to appeal": the writer's forecast, nobody's word
        if _meeting_sense(t):
            continue
        if not agent and _event_subject(t, subj[0] if subj else None):
            continue  # "the meeting signals a shift", "This suggests ...": the writer reads an event
        src_tok = subj[0] if subj else (agent[0] if agent else None)
        if src_tok is None and t.dep_ in ("conj", "advcl", "xcomp") and not passive:
            hs = _subjects(t.head)
            src_tok = hs[0] if hs else None
        if src_tok is not None and src_tok.dep_ == "expl":
            src_tok = None
        if src_tok is not None and src_tok.lower_ in ("who", "which", "that", "whom"):
            # "the minister, who said ...": a relative pronoun is never the source, its noun is
            src_tok = _relative_head(src_tok)
            if src_tok.lower_ in ("who", "which", "that", "whom"):
                src_tok = None
        if src_tok is None and not passive:
            if t.tag_ == "VBG" and t.dep_ in ("advcl", "xcomp"):  # "..., saying that"
                hs = _subjects(t.head)
                src_tok = hs[0] if hs else None
            if src_tok is None:
                src_tok = _controller(t)
            if src_tok is None and t.dep_ == "pcomp" and t.tag_ == "VBG":
                src_tok = _gerund_speaker(t)  # "after saying her foot was swollen, she ..."
            if src_tok is None and t.dep_ not in ("parataxis", "ccomp", "ROOT", "conj", "advcl", "relcl"):
                continue
            if src_tok is None and _imperative(t):
                continue  # "Don't blame the envoy.", "Tell that to the farmers": an address, no one's report
        if src_tok is not None and vkind == "evidence":
            # "Photographs released by the ministry showed ...": the evidence speaks for whoever released it
            src_tok = _provider(src_tok) or src_tok
        # cue: auxiliaries + verb + particle ("has said", "pointed out", "called for")
        lo = t.i
        for c in children:
            if c.dep_ in ("aux", "auxpass", "neg") and c.i < t.i and c.i >= t.i - 3:
                lo = min(lo, c.i)
        hi = t.i
        for c in children:
            if c.dep_ == "prt" and c.i == t.i + 1:
                hi = c.i
            if lem == "call" and c.dep_ == "prep" and c.lower_ in ("for", "on") and c.i == t.i + 1:
                hi = c.i
        cue = (doc[lo].idx, doc[hi].idx + len(doc[hi]))
        if src_tok is not None:
            src = _subtree_chars(src_tok)
            kind = _source_kind(doc, src_tok)
            if kind == "pronoun":
                kind = _pronoun_kind(doc, src_tok)
        else:
            src = None
            kind = "anonymous"
        pro = _pro_clause(t) if t.dep_ == "conj" and t.head.i < t.i else None
        if pro is not None:
            # "..., and both sides have said as much": what is said is the clause before
            toks = [x for x in t.head.subtree if x.i < t.i and x not in set(t.subtree)]
            while toks and (toks[-1].is_punct or toks[-1].dep_ == "cc"):
                toks.pop()
            content = _span_chars(toks) if toks else _subtree_chars(pro)
        elif content_tok is not None:
            content = _subtree_chars(content_tok)
        elif inverse is not None and inverse.i == t.i:
            content = _previous_quote(doc, t)
        else:
            excl = set(t.subtree)
            toks = [x for x in inverse.subtree if x not in excl]
            while toks and toks[-1].is_punct and toks[-1].text not in QUOTE_CLOSE:
                toks.pop()
            content = _span_chars(toks) if toks else None
        prop = not (vkind == "intent" and content_tok is not None and content_tok.dep_ == "dobj"
                    and _act_object(content_tok, quotes)) and not (vkind in ("belief", "evaluation") and any(
                        c.dep_ == "aux" and c.lower_ in UNREAL_MODALS for c in children))
        # ("Congress should consider whether ...": a view urged or supposed, on which no claim rests)
        out.append(Attribution(cue, src, content, kind, lem, t.i, src_tok.i if src_tok is not None else None, prop))
    # "The ministry thanked Qatar in a statement for ...": what is done in a statement (an interview, a
    # letter) is said, whatever the verb; its subject is the source
    media = _medium_nouns()
    taken = {x.cue_token for x in out}
    for t in doc:
        if t.pos_ != "VERB" or t.i in taken or _in_ranges(t.idx, quotes):
            continue
        prep = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "in" and any(
            g.dep_ == "pobj" and g.lemma_.lower() in media for g in c.children)), None)
        subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
        if prep is None or subj is None or subj.lower_ in ("you", "one") or _inner_stance(doc, t, quotes, "speech"):
            continue
        kind = _resolved_kind(doc, subj)
        if kind == "author":
            continue
        medium = next(g for g in prep.children if g.dep_ == "pobj")
        skip = {prep, medium} | {c for c in medium.children if c.dep_ in ("det", "amod", "compound", "poss")}
        toks = [x for x in t.subtree if x.i > t.i and x not in skip]
        while toks and toks[-1].is_punct:
            toks.pop()
        while toks and toks[0].is_punct:
            toks.pop(0)
        out.append(Attribution((t.idx, t.idx + len(t)), _subtree_chars(subj), _span_chars(toks) if toks else None,
                               kind, t.lemma_.lower(), t.i, subj.i))
    # "“…” ― Name" (quotation credits) and "Name: …" (a speaker's label)
    for t in doc:
        if t.text in ("―", "”―", "—") and _quote_credit(doc, t):
            rest = [x for x in doc[t.i + 1: min(len(doc), t.i + 8)]]
            name = []
            for x in rest:
                if "\n" in x.text or x.text in (".", "(", ","):
                    break
                name.append(x)
            src = _span_chars(name) if name else None
            out.append(Attribution((t.idx, t.idx + len(t)), src, _previous_quote(doc, t), "named", "dash", t.i, None))
        elif t.text == ":" and _speaker_label(doc, t) is not None:
            src = _speaker_label(doc, t)
            nl = doc_text(doc).find("\n", t.idx)
            # a label's words run to the end of its line (the parser may end the sentence at the colon)
            end = len(doc_text(doc)) if nl < 0 else nl
            line = doc_text(doc)[t.idx + 1:end].rstrip()
            label = doc_text(doc)[src[0]:src[1]]
            nxt_char = doc_text(doc)[end:end + 6].lstrip()[:1]
            if not line and nxt_char and (nxt_char in QUOTE_OPEN or (label.isupper() and len(label) > 1)):
                # "Caddell continued:" closing its line, the quotation in the next paragraph
                nxt = doc_text(doc)[end:].lstrip()
                a = len(doc_text(doc)) - len(nxt)
                b = doc_text(doc).find("\n", a)
                b = len(doc_text(doc)) if b < 0 else b
                out.append(Attribution((t.idx, t.idx + 1), src, (a, b), "named", "colon", t.i, t.sent.start))
                continue
            label_toks = [x for x in doc[max(0, t.i - 5):t.i] if x.idx >= src[0] and not x.is_punct]
            anonymous = _anonymous_label(label_toks)
            if anonymous and len(line.split()) <= 3:
                continue  # "Source: NATO." credits a figure; "Official: Talks have failed" quotes someone
            named_label = anonymous or all(x.ent_type_ in ("PERSON", "ORG") or x.lemma_.lower() in SOURCE_LABELS
                                           for x in label_toks[-3:])
            if not line or (line[-1] not in ".?!\"”’'" and not named_label):
                continue  # a headline "Topic: What X Isn't Telling You", not a speaker's words
            out.append(Attribution((t.idx, t.idx + 1), src, (t.idx + 1, end), "anonymous" if anonymous else "named",
                                   "colon", t.i, t.sent.start))
    out.extend(_nominal_attributions(doc, out))
    out.extend(_headline_attributions(doc, out))
    # impersonal anonymous patterns: "it is believed that", "is said to", "sources say"
    for sent in doc.sents:
        toks = list(sent)
        for i, j, cue in L.anon.find(toks, lemma_single=False):
            a, b = toks[i].idx, toks[j - 1].idx + len(toks[j - 1])
            if any(x.cue[0] < b and a < x.cue[1] or (x.source and x.source[0] < b and a < x.source[1])
                   for x in out):
                # already found through the parse; make sure the source is marked anonymous, and that
                # an impersonal passive ("It is believed") is its own source span
                for x in out:
                    if x.source is None and x.cue[0] < b and a < x.cue[1] and cue.startswith("it "):
                        x.source = (a, b)
                        x.kind = "anonymous"
                for x in out:
                    if x.source and x.source[0] < b and a < x.source[1] and x.kind != "author":
                        x.kind = "anonymous" if cue.startswith(("sources", "according to")) else x.kind
                continue
            if cue in ("reportedly", "allegedly", "purportedly"):
                src = None
            else:
                src = (a, b)
            content = (toks[j].idx, sent.end_char) if j < len(toks) else None
            out.append(Attribution((a, b), src, content, "anonymous", cue, toks[i].i, None))
    ranges = dateline_ranges(doc_text(doc))
    if ranges:  # "DOHA - Qatar said": the dateline is where the story was filed, not part of the source
        out = [x for x in out if not any(lo <= x.cue[0] < hi for lo, hi in ranges)]
        for x in out:
            x.source = _clip_dateline(x.source, ranges, doc_text(doc))
            x.content = _clip_dateline(x.content, ranges, doc_text(doc))
    out.sort(key=lambda x: x.cue)
    _mark_nested(doc, out)
    return out


CONCESSIVE = {"though", "although", "while", "whereas"}


def _mark_nested(doc, found: list) -> None:
    """Flag attributions reported inside another's content ("the minister said the rebels claimed
    ..."): the cue inside the other's content span, in the same paragraph, and not the other way round.
    A verb coordinated with the content's head and with no subject of its own ("Y says X promised A and
    said B") is left alone: which speaker it shares is a guess of the parse."""
    text = doc_text(doc)
    for x in found:
        t = doc[x.cue_token] if 0 <= x.cue_token < len(doc) else None
        if t is not None and t.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            continue
        if t is not None and t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONCESSIVE for c in t.children):
            continue  # "..., though she noted ...": a saying of its own set beside the other, not inside it
        for y in found:
            if y is x or not y.content or not (y.content[0] <= x.cue[0] and x.cue[1] <= y.content[1]):
                continue
            if x.content and x.content[0] <= y.cue[0] and y.cue[1] <= x.content[1]:
                continue  # each inside the other: spans of a misparse, no order to read
            if "\n" in text[min(x.cue[0], y.cue[0]):max(x.cue[1], y.cue[1])]:
                continue  # a content span that runs past its paragraph does not hold the next one
            x.nested = True
            break
