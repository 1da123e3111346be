"""The syntax of saying: cue verb classes, subjects, controllers, relative clauses, meetings."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ...nlp import doc_text
from .lexicon import _event_nouns, NAMED_ENTS, _subtree_chars


# --------------------------------------------------------------------------- attribution

@dataclass
class Attribution:
    cue: tuple[int, int]  # character offsets
    source: Optional[tuple[int, int]]
    content: Optional[tuple[int, int]]
    kind: str  # named | anonymous | author
    verb: str = ""
    cue_token: int = -1
    source_token: Optional[int] = None
    # False when what is "said" is an act on a thing, not a proposition ("promised Kyiv more tanks",
    # "gave a speech"): the writer reports the act; no claim rests on the speaker's word
    proposition: bool = True
    # True when the cue lies inside the content of another attribution in the same paragraph ("the
    # minister said the rebels claimed ..."): the writer relies on the outer speaker for it
    nested: bool = False


CONTENT_DEPS = ("ccomp", "xcomp", "parataxis")
PASSIVE_BELIEF = {"believe", "say", "think", "report", "consider", "expect", "understand", "allege", "claim",
                  "rumor", "rumour", "know", "estimate", "suspect", "fear", "accuse"}
# verbs whose direct object is what is communicated or shown ("cited the report", "described the plan")
OBJECT_CUES = {"cite", "mention", "note", "attack", "reject", "endorse", "liken", "defend", "oppose", "discuss", "describe", "document", "acknowledge", "announce", "reveal", "disclose",
               "repeat", "reiterate", "deny", "confirm", "dispute", "question", "predict", "promise", "pledge",
               "demand", "propose", "recommend", "praise", "criticize", "criticise", "condemn", "welcome",
               "blast", "slam", "dismiss"}
# verbs of talking about a topic ("spoke about", "warned against", "complained of")
TOPIC_CUES = {"speak", "talk", "write", "comment", "complain", "warn", "ask", "argue", "testify", "joke",
              "tweet", "boast", "rail", "reflect", "muse", "insist", "brief", "report", "caution", "lash",
              "weigh", "point", "hint", "elaborate", "remark", "express", "chant", "sing", "agree", "brag"}
TOPIC_PREPS = {"about", "of", "on", "against", "for", "over", "to"}
# prepositions that carry a stance for one verb only: "agreed with the senator" (taking their view),
# "voted against the bill" (not "voted for", which voters do in a ballot, nor "voted on"), "ruled against
# the state's procedure"
OWN_TOPIC_PREPS = {"agree": {"with"}, "vote": {"against"}, "rule": {"against"}}


def topic_prep(t):
    """The preposition that carries what verb ``t`` speaks of or takes a stance on, else None."""
    lem = t.lemma_.lower()
    preps = (TOPIC_PREPS if lem in TOPIC_CUES else set()) | OWN_TOPIC_PREPS.get(lem, set())
    return next((c for c in t.children if c.dep_ == "prep" and c.lower_ in preps), None)
# speech verbs that report a quotation without a complement of their own: '"...," she added.'
BARE_SPEECH = {"say", "add", "continue", "explain", "write", "ask", "insist", "note", "recall", "tell",
               "reply", "respond", "answer", "argue", "warn", "tweet", "post", "declare", "quip", "joke",
               "state", "acknowledge", "admit", "concede", "counter", "retort", "demand", "shout", "exclaim",
               "plead", "yell", "scream", "whisper", "complain", "observe", "conclude", "sing", "chant",
               "wonder", "muse", "remark", "boast", "vow", "promise", "predict", "suggest", "recall", "emphasize",
               "emphasise", "stress", "caution", "urge", "announce", "confirm", "claim", "maintain", "assert"}


# verbs whose direct object is the person addressed, not what is said
ADDRESSEE_VERBS = {"tell", "ask", "inform", "brief", "urge", "warn", "remind", "assure", "promise", "answer",
                   "thank", "call", "quote", "cite"}


# verbs of telling someone that something is so
TELL_THAT = {"tell", "inform", "assure", "remind", "warn", "promise", "brief", "notify", "convince", "persuade"}


def _that_clause_of_addressee(t):
    """The complement clause of "told <addressee> that <clause>" misparsed as a relative clause of the
    addressee: a "that" clause with a subject of its own ("told a briefing that Doha had been ...");
    not a true relative clause ("told a briefing that was held on Monday": "that" is its subject)."""
    for obj in t.children:
        if obj.dep_ != "dobj":
            continue
        for r in obj.children:
            if r.dep_ in ("relcl", "acl") and r.i > obj.i and r.left_edge.lower_ == "that" and any(
                    c.dep_ in ("nsubj", "nsubjpass", "expl") and c.lower_ not in ("that", "which", "who")
                    for c in r.children):
                return r
    return None


def _provider(t):
    """Who released or made the evidence ``t`` ("photographs released by the ministry", "the
    ministry's figures", "footage from the army"), when it says so; else None."""
    if t.pos_ != "NOUN":  # (the small model may tag "Photographs" a PERSON: the part of speech decides)
        return None
    for c in t.children:
        if c.dep_ == "poss" and c.lower_ not in POSS_PRONOUNS and c.lower_ not in ("my", "our", "your"):
            return c
        if c.dep_ == "acl" and c.tag_ == "VBN":
            agent = next((g for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"), None)
            if agent is not None:
                return agent
        if c.dep_ == "prep" and c.lower_ in ("from", "by"):
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def _subjects(v) -> list:
    """The subject of the verb ``v`` on its own line (a headline or an ad line above that the parser
    hung on the verb is not its subject): the nearest one, or none."""
    text = doc_text(v.doc)
    subj = [c for c in v.children if c.dep_ == "nsubj" and "\n" not in text[min(c.idx, v.idx):max(c.idx, v.idx)]]
    return subj[-1:]


def _controller(t):
    """The understood speaker of a subjectless reporting verb: "went on to discuss" (xcomp),
    "by telling them" (pcomp), "papers opposing the unsealing" (acl: the noun), "continued to call for"."""
    cur = t
    for _ in range(3):
        h = cur.head
        if h.i == cur.i:
            return None
        if cur.dep_ == "acl" and h.pos_ in ("NOUN", "PROPN", "PRON"):
            return h  # "papers opposing the unsealing", "an ad attacking Clinton"
        if cur.dep_ in ("xcomp", "pcomp", "advcl", "conj", "prep"):
            subj = _subjects(h)
            if subj and h.pos_ in ("VERB", "AUX"):
                return subj[0]
            cur = h
            continue
        return None
    return None



# verbs that say what someone states and also what a thing indicates: "the spokesman signalled that ..."
# is a statement, "the meeting signals a shift" is the writer's reading of an event
INDICATION_VERBS = {"signal", "suggest", "show", "indicate", "reflect", "imply", "demonstrate", "prove", "hint",
                    "point", "confirm", "underline", "underscore", "highlight"}
DEMONSTRATIVES = {"this", "that", "these", "those"}


def _relative_head(t):
    """The noun a relative pronoun subject stands for ("the visit, which signals ..."): else ``t``."""
    if t.lower_ in ("which", "that", "who") and t.head.dep_ == "relcl" and t.head.head.i != t.head.i:
        return t.head.head
    return t


def _event_subject(v, subj) -> bool:
    """True when the subject of the indication verb ``v`` is an event or a state of affairs, not a
    speaker: an event noun ("the meeting signals"), a clause ("That he went suggests ..."), or a
    demonstrative pronoun pointing back at what was just told ("This shows ...")."""
    if v.lemma_.lower() not in INDICATION_VERBS:
        return False
    if subj is None:
        return any(c.dep_ == "csubj" for c in v.children)
    subj = _relative_head(subj)
    if subj.pos_ == "PRON":
        return subj.lower_ in DEMONSTRATIVES
    if subj.pos_ != "NOUN" or subj.ent_type_ in NAMED_ENTS:
        return False
    return subj.lemma_.lower() in _event_nouns() or subj.lower_ in _event_nouns()


def _relative_clauses(head) -> set:
    """Tokens of the relative and participial clauses that modify ``head`` ("the envoy who met
    Muttaqi", "a delegation led by Boehler"): whoever is named in them is spoken about, not speaking."""
    out = set()
    for c in head.children:
        if c.dep_ == "relcl" or (c.dep_ == "acl" and c.pos_ in ("VERB", "AUX")):
            out.update(c.subtree)
    return out


def _core_chars(t) -> tuple[int, int]:
    """The character span of the phrase ``t`` heads without its relative clauses."""
    return _subtree_chars(t, exclude=_relative_clauses(t))


# verbs of talking together: with partners or as the purpose of a trip or a meeting they tell of the
# meeting (an event the writer reports), not of what anyone said: "was there to discuss detained Americans",
# "discussed trade with Muttaqi", "the two sides discussed ..."; "the envoy went on to discuss ..." is speech
RECIPROCAL_VERBS = {"discuss", "debate", "negotiate", "confer"}


def _meeting_sense(t) -> bool:
    """True when the reciprocal verb ``t`` tells of a meeting rather than of one party's words."""
    if t.lemma_.lower() not in RECIPROCAL_VERBS:
        return False
    kids = list(t.children)
    if t.dep_ in ("advcl", "acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in kids) and \
            not any(c.dep_ == "prt" for c in t.head.children):
        # a purpose: "flew to Kabul to discuss", "was there to discuss", "a meeting to discuss" (not the
        # aspectual "went on to discuss")
        return True
    if any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in kids) or any(
            g.dep_ == "prep" and g.lower_ == "with" and g.i > t.i for c in kids if c.dep_ == "dobj" for g in c.children):
        return True
    subj = next((c for c in kids if c.dep_ == "nsubj"), None)
    if subj is None and t.dep_ in ("xcomp", "advcl", "conj"):
        subj = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return False
    subj = _relative_head(subj)
    return any(c.dep_ == "conj" for c in subj.children) or (subj.tag_ == "NNS" and any(
        c.lower_ in ("both", "two") for c in subj.children)) or subj.lower_ == "both"


# a pro-form that stands for the clause before it: "both sides have said as much", "officials said so"
PRO_CLAUSE = {"so", "this", "that", "same"}
# verbs that affirm what they report (not "denied it", "rejected this")
AFFIRMING = {"say", "confirm", "acknowledge", "admit", "agree", "concede", "state", "announce", "report", "tell",
             "indicate", "suggest", "signal", "believe", "think", "expect", "claim", "assert", "insist", "predict",
             "hint", "note", "add", "repeat", "reiterate", "stress", "write", "tweet", "post"}


def _pro_clause(v):
    """The pro-form object of the reporting verb ``v`` that stands for the clause before it ("said as
    much", "said so", "confirmed this"), or None."""
    if v.lemma_.lower() not in AFFIRMING or any(c.dep_ == "neg" for c in v.children):
        return None
    for c in v.children:
        if c.i < v.i or c.dep_ not in ("dobj", "advmod", "ccomp", "attr"):
            continue
        if c.lower_ == "much" and any(g.lower_ == "as" for g in c.children) or \
                c.lower_ == "much" and c.i > 0 and c.doc[c.i - 1].lower_ == "as":
            return c
        if c.lower_ in PRO_CLAUSE and not list(c.children) and (c.i + 1 >= len(c.doc) or c.doc[c.i + 1].is_punct
                                                                 or c.doc[c.i + 1].lower_ in ("too", "as")):
            return c
        if c.lower_ == "same" and any(g.lower_ == "the" for g in c.children):
            return c
    return None


# subjects that stand for the parties of an event told before: "both sides", "the two sides"
JOINT_NOUNS = {"side", "party", "country", "government", "delegation", "leader"}
MEETING_VERBS = {"meet", "talk", "negotiate", "hold", "host", "receive", "visit"}


def _joint_parties(doc, head) -> list:
    """The parties "both sides" (``head``) stands for: the subject and object of the last meeting told
    in the sentence or the one before ("The delegation that met Muttaqi ... both sides have said")."""
    if not (head.lemma_.lower() in JOINT_NOUNS and head.tag_ == "NNS" and any(
            c.lower_ in ("both", "two") for c in head.children)) and not (head.lower_ == "both" and head.pos_ == "PRON"):
        return []
    sents = [s for s in doc.sents if s.start <= head.i]
    lo = sents[-2].start if len(sents) >= 2 else (sents[-1].start if sents else 0)
    for v in reversed(doc[lo:head.i]):
        if v.pos_ != "VERB" or v.lemma_.lower() not in MEETING_VERBS:
            continue
        subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            subj = _relative_head(subj)
        obj = next((c for c in v.children if c.dep_ == "dobj" and c.lemma_.lower() not in ("talk", "talks")), None)
        if obj is None:
            obj = next((g for c in v.children if c.dep_ == "prep" and c.lower_ == "with"
                        for g in c.children if g.dep_ == "pobj"), None)
        if subj is None and v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN"):
            subj = v.head
        if subj is not None and obj is None:
            conj = [c for c in subj.children if c.dep_ == "conj"]
            if conj:
                return [subj, conj[0]]
        if subj is not None and obj is not None and subj.pos_ in ("NOUN", "PROPN") and obj.pos_ in ("NOUN", "PROPN"):
            return [subj, obj]
    return []


LIGHT_SPEECH_VERBS = {"make", "give", "issue", "offer", "deliver", "voice", "release", "publish", "provide",
                      "present", "put", "lodge", "file", "send", "post", "raise", "unveil"}
# light verbs that put out a document or message of saying: "sent a letter", "released an ad"
ISSUING_VERBS = {"issue", "release", "publish", "send", "post", "unveil", "deliver", "circulate"}


POSS_PRONOUNS = {"his": "he", "her": "she", "their": "they", "its": "it"}
NO_SPEAKER = {"nobody", "none", "neither", "noone"}
COPULAS = {"be", "seem", "remain", "appear", "become", "sound", "look", "feel", "grow"}
STANCE_PREPS = {"of", "about", "on", "over", "to", "with", "against", "toward", "towards", "in"}
