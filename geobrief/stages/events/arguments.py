"""Argument finding: the actor and recipient noun phrases of a trigger, mapped to the brief's actors."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...knowledge import events as kb
from ...model import Span
from .acts import intent_infinitive
from .argcodes import argument_code_for_text
from .syntax import (
    ARG_SKIP_DEPS,
    INSTRUMENTS,
    OBJECT_CONTROL,
    OCCUR,
    RELPRON,
    _children,
    _crosses_paragraph,
    _dateline_span,
    _in_dateline,
    _is_pron,
    _is_verb,
    _lem,
    _obj,
    _passive,
    _preps,
    _sent_bounds,
)
from .vocab import ATTACK_NOUNS, _misparsed_relative, _noun_actor_tokens, visit_setting
from .where import _place_hit, scene_visitor


def _any_coded(brief: Brief, args: list) -> bool:
    """Does any argument name a known participant (an actor, a coded name, a place with a country)?"""
    return any(a.actor or argument_code_for_text(a.span.text)[1] or
               argument_code_for_text(a.span.text)[0].startswith("IGO") or
               any(pl.country and any(m.start < a.span.end and a.span.start < m.end for m in pl.mentions)
                   for pl in brief.places) for a in args)


# ---------------------------------------------------------------------------- arguments
@dataclass
class Arg:
    span: Span
    actor: Optional[str] = None  # actor id


class ActorIndex:
    """Actor mentions by character offset."""

    def __init__(self, actors: list[Actor]):
        self.items = [(m.start, m.end, a.id) for a in actors for m in a.mentions]
        self.items.sort()

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, str]]:
        return [it for it in self.items if it[0] < end and start < it[1]]


def _np_tokens(head) -> list:
    """The core tokens of a noun phrase: head plus modifiers, without clauses, conjuncts
    or prepositional phrases other than 'of' / 'from'."""
    toks = [head]
    stack = [head]
    while stack:
        h = stack.pop()
        for c in h.children:
            # kept despite their dependency: "of"/"from" phrases of the head, and conjoined
            # modifiers with their "and" ("Turkish and Iraqi ministers")
            keep = (c.dep_ == "prep" and c.lower_ in ("of", "from") and h.i == head.i and _children(c, "pobj")) \
                or (c.dep_ == "conj" and c.pos_ == "ADJ" and h.i != head.i) or (c.dep_ == "cc" and h.i != head.i)
            if c.dep_ in ARG_SKIP_DEPS and not keep:
                continue
            toks.append(c)
            stack.append(c)
    toks.sort(key=lambda x: x.i)
    return toks


def _resolve_np(brief: Brief, idx: ActorIndex, head) -> list[Arg]:
    """Map one noun-phrase head to actors by mention overlap (several when the phrase coordinates)."""
    text = brief.article.text
    # relative pronoun -> the noun the clause modifies
    if head.lower_ in RELPRON and head.head.dep_ == "relcl":
        head = head.head.head
    head = _past_dateline(head)
    toks = _cut_dateline(_np_tokens(head), head)
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
    # trim leading determiners / punctuation
    while toks and toks[0].pos_ in ("DET", "PUNCT") and toks[0].i != head.i:
        toks = toks[1:]
    if toks:
        start = toks[0].idx
    hits = idx.overlapping(start, end)
    appos = _children(head, "appos")
    if not hits and appos:
        a = appos[0]
        at = _np_tokens(a)
        hits = idx.overlapping(at[0].idx, at[-1].idx + len(at[-1]))
        if hits:
            end = max(end, at[-1].idx + len(at[-1]))  # "the US commander, General Petraeus"
    if hits:
        ids = []
        spans = {}
        head_hit = [h for h in hits if h[0] <= head.idx < h[1]]
        mods = [c for c in head.children if c.dep_ in ("compound", "amod", "poss", "nmod")]
        mod_hit = [h for h in hits if any(h[0] <= c.idx < h[1] for c in mods)]
        coordinated = any(t.dep_ == "cc" for t in toks)
        chosen = hits if coordinated else (head_hit[:1] or mod_hit[:1] or hits[-1:])
        for s, e, aid in chosen:
            if aid not in ids:
                ids.append(aid)
                spans[aid] = (s, e)
        if len(ids) == 1 and not coordinated:
            return [Arg(Span.of(text, start, end), ids[0])]
        return [Arg(Span.of(text, *spans[a]), a) for a in ids]
    # no actor: "the delegation" after "a US delegation led by ..." is the same participant
    ante = _definite_antecedent(idx, head, toks)
    if ante is not None:
        return [Arg(Span.of(text, start, end), ante)]
    # no actor: the whole phrase, or one span per coordinated demonym in it
    if any(t.dep_ == "cc" for t in toks):
        dem = [t for t in toks if t.i != head.i and t.text.upper() in kb.countries()]
        if len(dem) > 1:
            return [Arg(Span.of(text, t.idx, t.idx + len(t))) for t in dem]
    return [Arg(Span.of(text, start, end))]


def _definite_antecedent(idx: "ActorIndex", head, toks) -> Optional[str]:
    """The actor of an earlier noun phrase with the same head noun, for a bare definite phrase
    ("the delegation") that no actor covers: "A US delegation arrived ... The delegation met ...".
    Only within the preceding three sentences, only when that phrase named exactly one actor."""
    if head.pos_ != "NOUN" or [t.i for t in toks if t.pos_ not in ("DET", "PUNCT")] != [head.i] or \
            [c.lower_ for c in head.children if c.dep_ == "det"] != ["the"]:
        return None
    doc = head.doc
    for k in range(head.i - 1, _lookback_start(head) - 1, -1):
        c = doc[k]
        if c.pos_ != "NOUN" or _lem(c) != _lem(head):
            continue
        ct = [x for x in _np_tokens(c) if x.i <= c.i]
        hits = {h[2] for h in idx.overlapping(ct[0].idx, c.idx + len(c))}
        return hits.pop() if len(hits) == 1 else None
    return None


def _cut_dateline(toks: list, head) -> list:
    """Drop a dateline ("KABUL -", "JALALABAD, Afghanistan, Nov 18 -") glued to a noun phrase."""
    cut = [t for t in toks if t.i < head.i and (t.text in ("-", "–", "—", ":") or "\n" in t.text)]
    if cut:
        last = max(t.i for t in cut)
        toks = [t for t in toks if t.i > last] or toks
    span = _dateline_span(head)
    if span:
        dash_char = span[1]
        if head.idx >= dash_char:
            toks = [t for t in toks if t.idx >= dash_char] or toks
    return toks


def _past_dateline(head):
    """When the parser made a dateline word ("KABUL - US officials ...") the head of the subject,
    move to the noun phrase that follows the dateline dash."""
    span = _dateline_span(head)
    if not span:
        return head
    dash_char = span[1]
    if head.idx >= dash_char:
        return head
    after = [t for t in head.subtree if t.idx >= dash_char]
    if not after:
        return head
    ids = {t.i for t in after}
    roots = [t for t in after if t.head.i not in ids and t.pos_ in ("NOUN", "PROPN")]
    return roots[0] if roots else head


def _segments(head) -> list[list]:
    """Split a coordinated noun phrase ("the US, Russia, and Switzerland", "US and British
    activists") into its members, robust to the small parser's attachment errors."""
    skip = set()
    for t in head.subtree:
        if t.i != head.i and t.dep_ in ("relcl", "acl", "advcl", "prep") and t.lower_ not in ("of",):
            skip.update(x.i for x in t.subtree)
    toks = [t for t in head.subtree if t.i not in skip]
    if not any(t.dep_ == "cc" and t.lower_ in ("and", "or") for t in toks):
        return []
    segs, cur = [], []
    for t in toks:
        if (t.dep_ == "cc" and t.lower_ in ("and", "or")) or t.text == ",":
            if cur:
                segs.append(cur)
            cur = []
            continue
        cur.append(t)
    if cur:
        segs.append(cur)
    segs = [sg for sg in segs if sg]
    good = [sg for sg in segs if any(t.pos_ == "PROPN" or t.text.upper() in kb.countries() for t in sg)]
    if len(segs) < 2 or len(good) != len(segs):
        return []
    return segs


def _np_args(brief, idx, head) -> list[Arg]:
    """Arguments for a noun phrase and its conjuncts ("the US and Pakistan")."""
    if _in_dateline(head) and _past_dateline(head).i == head.i:
        return []
    if head.lower_ in RELPRON and head.head.dep_ == "relcl":
        head = head.head.head
    segs = _segments(head)
    if segs:
        text = brief.article.text
        out = []
        for sg in segs:
            while sg and sg[0].pos_ in ("DET", "PUNCT"):
                sg = sg[1:]
            if not sg:
                continue
            st, en = sg[0].idx, sg[-1].idx + len(sg[-1])
            hits = idx.overlapping(st, en)
            out.append(Arg(Span.of(text, st, en), hits[0][2] if hits else None))
        return out
    heads = [head] + [c for c in head.conjuncts if c.i > head.i]
    out: list[Arg] = []
    for h in heads:
        if h.pos_ in ("VERB", "AUX") or h.lower_ in ("one", "other", "each"):
            continue
        for a in _resolve_np(brief, idx, h):
            if not any(a.span.start == b.span.start for b in out):
                out.append(a)
    return out


def _subject(t, depth: int = 0):
    """The agent of verb ``t``: its own subject or one inherited from a governing clause."""
    if depth > 6:
        return None
    subj = [c for c in t.children if c.dep_ in ("nsubj", "csubj")]
    if subj:
        before = [c for c in subj if c.i < t.i]
        s = before[-1] if before else subj[0]  # "KABUL - US officials held": the nearer subject
        if s.lower_ in RELPRON and t.dep_ == "relcl":
            return t.head
        ante = _misparsed_relative(s, t)
        return ante if ante is not None else s
    if _passive(t):
        ag = _preps(t, ("by",))
        return ag[0] if ag else None
    h = t.head
    if _crosses_paragraph(t, h):
        return None
    if t.dep_ == "xcomp" or (t.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)):
        if _lem(h) in OBJECT_CONTROL:
            o = _children(h, "dobj")
            if o:
                return o[0]
            if _passive(h):
                sp = _children(h, "nsubjpass")
                if sp:
                    return sp[0]
        if _passive(h):
            ag = _preps(h, ("by",))
            if ag and t.dep_ == "xcomp":
                return ag[0]
            sp = _children(h, "nsubjpass")
            return sp[0] if sp else None
        return _subject(h, depth + 1)
    if t.dep_ == "conj" or (t.dep_ == "advcl" and t.tag_ == "VBG"):
        return _subject(h, depth + 1)
    if intent_infinitive(t):  # "Ghana expressed its intention to V": whose intention it is
        poss = [c for c in h.children if c.dep_ == "poss" and not _is_pron(c)]
        return poss[0] if poss else (_subject(h.head, depth + 1) if h.dep_ in ("dobj", "nsubjpass") else None)
    if t.dep_ == "acl" and t.tag_ in ("VBG",):
        if _lem(h) in SPEECH_NOUNS:  # "gave a speech denouncing Iran": whoever gave the speech
            return _speech_owner(h, depth)
        return h
    if t.dep_ in ("pcomp",) and h.dep_ == "prep":
        return _subject(h.head, depth + 1) if _is_verb(h.head) else None
    return None


# statements that can carry a speech act in a participle ("a letter urging", "a speech denouncing")
SPEECH_NOUNS = frozenset({"speech", "statement", "remark", "address", "letter", "message", "declaration",
                          "communique", "resolution", "editorial", "article", "tweet", "post", "interview",
                          "note", "report", "op-ed", "column", "broadcast", "video", "appeal"})
DELIVER_VERBS = frozenset({"give", "deliver", "make", "issue", "publish", "release", "write", "post", "send",
                           "sign", "adopt", "pass", "air", "broadcast", "pen", "tweet"})


def speech_participle(t) -> bool:
    """A verbal act in a participle on a statement noun ("a speech denouncing Iran", "a letter
    urging Egypt to reopen the border"): the act of whoever made the statement, when the text says who
    ("a letter thanking the bishops" with no writer stays a description)."""
    return t.dep_ == "acl" and t.tag_ == "VBG" and _lem(t.head) in SPEECH_NOUNS and _speech_owner(t.head) is not None


def _speech_owner(noun, depth: int = 0):
    """Who made a statement: its possessor ("Haley's speech"), its "by" agent, or the subject of the
    verb that delivered it ("the minister gave a speech")."""
    poss = [c for c in noun.children if c.dep_ == "poss"]
    if poss:
        return None if _is_pron(poss[0]) else poss[0]
    by = _preps(noun, ("by",))
    if by:
        return by[0]
    v = noun.head
    if noun.dep_ == "dobj" and _lem(v) in DELIVER_VERBS:
        return _subject(v, depth + 1)
    return None


PLURAL_TAGS = ("NNS", "NNPS")


def _previous_subject(idx: "ActorIndex", pron):
    """A sentence-initial subject pronoun with no antecedent in its own sentence stands for the
    subject of the previous sentence in the same paragraph, when that subject is a known actor and
    agrees with it: "Egyptian officials said the envoy had left. They denied any role" ("they": a
    plural or coordinated noun phrase; "it": a singular non-person; "he"/"she": a person). One-sentence
    paragraphs (wire style) count as the same paragraph; a blank line or a headline does not."""
    word = pron.lower_
    if word not in ("they", "it", "he", "she") or pron.dep_ not in ("nsubj", "nsubjpass"):
        return None
    sents = _sent_bounds(pron.doc)
    k = next((j for j, (a, b) in enumerate(sents) if a <= pron.i < b), 0)
    if k == 0 or any(x.pos_ in ("NOUN", "PROPN") for x in pron.doc[sents[k][0]:pron.i]):
        return None
    prev = pron.doc[sents[k - 1][0]:sents[k - 1][1]]
    root = prev.root
    subj = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and not _is_pron(c)]
    text = pron.doc.user_data.get("gb_text") or pron.doc.text
    if not subj or "\n\n" in text[subj[0].idx:pron.idx] or not any(x.text in (".", "!", "?", '"', "”") for x in prev):
        return None  # not across a blank line, not from a headline (no closing stop)
    s = subj[0]
    if word == "they":
        agrees = s.tag_ in PLURAL_TAGS or any(c.dep_ == "conj" for c in s.children)
    elif word == "it":
        agrees = s.tag_ in ("NN", "NNP") and s.ent_type_ != "PERSON" and not any(c.dep_ == "conj" for c in s.children)
    else:
        agrees = s.ent_type_ == "PERSON"
    if not agrees:
        return None
    core = _np_tokens(s)
    return s if idx.overlapping(core[0].idx, core[-1].idx + len(core[-1])) else None


def _antecedent(pron, t):
    """Resolve a subject pronoun to the subject of the governing saying/intention verb."""
    cur = t
    for _ in range(6):
        if cur.head.i == cur.i:
            break
        h = cur.head
        subj = [c for c in h.children if c.dep_ in ("nsubj",) and not _is_pron(c)]
        if subj and cur.dep_ in ("ccomp", "xcomp", "advcl", "conj"):
            return subj[0]
        cur = h
    return None


def _recipient_heads(match: Match, subj_tok) -> list:
    t = match.trigger
    p = match.pattern
    heads = []
    obj = _obj(t) if p.pos == "VERB" else None
    holders = [t] + ([match.obj] if match.obj is not None else ([obj] if obj is not None else []))
    for slot in p.recipient:
        if slot == "obj":
            if obj is not None and (subj_tok is None or obj.i != subj_tok.i):
                # "endorsed an agreement with the EU": the partner, not the document
                # but "supported any engagement with the Taliban": a generic object names no partner
                generic = any(c.dep_ == "det" and c.lower_ in ("any", "all", "every", "no") for c in obj.children)
                inner = _preps(obj, ("with", "against", "on")) if obj.pos_ == "NOUN" and not generic and \
                    argument_code_for_text(" ".join(x.text for x in _np_tokens(obj)))[0] == "---" else []
                heads.extend(inner or [obj])
        elif slot == "iobj":
            heads.extend(c for c in t.children if c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN", "PRON"))
        elif slot == "ccomp":
            for c in _children(t, "ccomp"):
                heads.extend(_children(c, "nsubj", "nsubjpass"))
        else:
            hs = holders + ([t.head] if p.pos == "NOUN" and _lem(t.head) in OCCUR | {"take"} else [])
            for h in hs:
                heads.extend(_preps(h, (slot,)))
        # "launched an offensive on Sunday": when, not whom ("met with Assad Tuesday", parsed as one
        # phrase headed by the day, still names Assad)
        heads = [h for h in heads if not all(x.ent_type_ in WHEN_ENTS or x.pos_ == "DET" for x in _np_tokens(h))]
        if heads:
            break
    # a passive participle acl: the modified noun is the patient
    return [h for h in heads if h.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "X")]


WHEN_ENTS = ("DATE", "TIME")
# whose a thing is, for a recipient phrase that names no party: its maker or holder ("the deal offered
# by Mexico", "a request from Myanmar's government", "the release of hostages held by Hamas"); not
# where it is ("the attack in Kabul" is no act towards Afghanistan)
OWNER_PREPS = ("by", "from", "of")
ADDRESSED = ("THREATEN", "REQUEST", "REJECT")
EMBEDDED_PREPS = ("with", "against", "on", "to", "from", "of", "into", "for")


def _embedded_recipients(brief, idx, t, actors: list) -> list:
    """The addressee of a threat, demand or refusal named only inside what is threatened, demanded
    or refused: "threatened to downgrade relations with Azerbaijan", "demanded that Belarus seal the
    border" (the subject of a that-clause), "refused to hand back a captured South Korean ship".
    The first participant of the embedded clause that names a known party other than the actor."""
    own = {a.actor or a.span.text.lower() for a in actors}
    for x in _children(t, "xcomp", "ccomp"):
        if not _is_verb(x):
            continue
        heads = _children(x, "nsubj", "nsubjpass") if x.dep_ == "ccomp" else []
        heads += _children(x, "dobj", "dative")
        for h in [x] + _children(x, "dobj"):
            for pobj in _preps(h, EMBEDDED_PREPS):
                heads.append(pobj)
                heads.extend(_preps(pobj, ("with", "of", "in", "against")))
        args = _first_coded_party(brief, idx, heads, own)
        if args:
            return args
    return []


BORDER_WORDS = frozenset({"border", "borders", "frontier", "frontiers", "boundary"})


def _border_recipients(brief, idx, t, actors: list) -> list:
    """The other side of a border that troops are massed along or pulled back from: "massed troops
    along the Ukrainian border", "pull its troops back from the border with Armenia", "reduce its
    presence near the Cambodian border". The first border phrase in the trigger's clause whose words
    (or its "with" phrase) name a party other than the actor."""
    own = {a.actor or a.span.text.lower() for a in actors}
    for x in t.subtree:
        if x.lower_ not in BORDER_WORDS or x.dep_ != "pobj":
            continue
        up, ok = x, True
        while up.i != t.i and ok:  # not inside another clause
            ok = up.dep_ not in ("ccomp", "relcl", "advcl", "acl", "csubj")
            up = up.head
        if not ok:
            continue
        args = _first_coded_party(brief, idx, _preps(x, ("with",)), own)
        if not args:
            core = [y for y in _np_tokens(x) if y.i < x.i and y.dep_ in ("amod", "compound", "poss")]
            args = _first_coded_party(brief, idx, core, own) if core else []
            if not args and core:
                sp = [a for a in _np_args(brief, idx, x) if (a.actor or a.span.text.lower()) not in own]
                args = sp if sp and argument_code_for_text(sp[0].span.text)[1] else []
        if args:
            return args
    return []


def _first_coded_party(brief, idx, heads: list, own: set) -> list:
    """The arguments of the first noun among ``heads`` that names a coded party other than ``own``."""
    for h in heads:
        if _is_pron(h) or h.pos_ not in ("NOUN", "PROPN"):
            continue
        h = _codable_inside(brief, idx, h, OWNER_PREPS)  # "refused to extradite suspects wanted by Britain"
        args = [a for a in _np_args(brief, idx, h) if (a.actor or a.span.text.lower()) not in own]
        if args and _any_coded(brief, args):
            return args
    return []


def _object_clause_recipients(brief, idx, match: Match, actors: list) -> list:
    """"imposed new sanctions that bar most trade with the regime": a sanction whose own phrase names
    no target takes the first known party named in the relative clause on its object (its object,
    or a with / on / against / to / from phrase), other than the actor."""
    obj = match.obj if match.obj is not None else _obj(match.trigger)
    if obj is None:
        return []
    own = {a.actor or a.span.text.lower() for a in actors}
    for v in _children(obj, "relcl"):
        heads = _children(v, "dobj")
        for h in [v] + heads:
            heads = heads + _preps(h, ("with", "on", "against", "to", "from"))
        args = _first_coded_party(brief, idx, heads, own)
        if args:
            return args
    return []


def _arguments(brief, idx, match: Match):
    t = match.trigger
    p = match.pattern
    if p.pos == "NOUN":
        actor_toks = _noun_actor_tokens(t)
        subj = None
    else:
        subj = _subject(t)
        actor_toks = [subj] if subj is not None else []
        # "killed in an Israeli strike": the actor of the nominal instrument
        if not actor_toks and _passive(t):
            for pobj in _preps(t, ("in", "during")):
                if _lem(pobj) in INSTRUMENTS:
                    actor_toks = _noun_actor_tokens(pobj)
                    if actor_toks:
                        break
    if actor_toks and _lem(actor_toks[0]) in ATTACK_NOUNS and p.plover == "ASSAULT":
        actor_toks = _noun_actor_tokens(actor_toks[0])  # "the attack that killed 58": who attacked, if named
    if actor_toks and _is_pron(actor_toks[0]):
        ante = _antecedent(actor_toks[0], t)
        if ante is None:
            ante = _previous_subject(idx, actor_toks[0])
        if ante is not None:
            actor_toks = [ante]
    recip_heads = _recipient_heads(match, subj)
    if "inverse" in p.flags:
        actor_toks, recip_heads = _preps(t, ("from",)) or ([] if match.obj is None else _preps(match.obj, ("from",))), actor_toks
    actor_toks = [_codable_inside(brief, idx, a) for a in actor_toks]
    actors: list[Arg] = []
    for a in actor_toks:
        if (a.lower_ in RELPRON and a.head.dep_ != "relcl") or a.lower_ in ("you", "one"):
            continue
        if _is_pron(a) and not idx.overlapping(a.idx, a.idx + len(a)):
            continue  # an unresolved pronoun names nobody
        actors.extend(_np_args(brief, idx, a))
    if not actor_toks and _passive(t) and p.plover == "ASSAULT":
        actor_toks = _preps(t, ("from",))[:1]  # "a mortar was fired at Israel from Gaza"
        actors = []
        for a in actor_toks:
            actors.extend(_np_args(brief, idx, a))
    recips: list[Arg] = []
    for r in recip_heads:
        # an uncodable thing ("unrest", "travel", "shootings") -> where or whom it concerns
        core = _np_tokens(r)
        if r.pos_ == "NOUN" and not idx.overlapping(core[0].idx, core[-1].idx + len(core[-1])) and \
                argument_code_for_text(" ".join(x.text for x in _np_tokens(r)))[0] == "---" and not _place_hit(brief, r):
            inner = _preps(r, ("in", "to", "against", "of", "on", "for"))
            inner = [x for x in inner if x.pos_ == "PROPN" or argument_code_for_text(x.text)[0] != "---"
                     or _place_hit(brief, x)]
            if not inner and _lem(r) in ATTACK_NOUNS:
                inner = _attack_target(brief, idx, r)
            if inner:
                r = inner[0]
            else:  # "rejected the agreement offered by Mexico", "condemned the test carried out by X"
                r = _codable_inside(brief, idx, r, OWNER_PREPS)
        if r.lower_ in ("themselves", "itself", "himself", "herself"):
            continue
        if _is_pron(r):
            ante = _antecedent(r, t)
            if ante is None:
                continue
            r = ante
        recips.extend(_np_args(brief, idx, r))
    if p.pos == "NOUN" and not actors and visit_setting(t, p):
        actors = scene_visitor(brief, idx, t, recips)  # "signed the deal during a visit to Japan"
    # a recipient that is the actor itself ("agreed with each other") is dropped
    akeys = {(a.actor or a.span.text.lower()) for a in actors}
    recips = [r for r in recips if (r.actor or r.span.text.lower()) not in akeys or "self" in p.flags]
    return actors, recips


def _attack_target(brief, idx, noun) -> list:
    """"responsibility for a deadly attack targeting non-Muslims at a mall in Kenya's capital":
    the first participant named inside the attack phrase (its target, or where it struck), searched
    breadth-first through its modifiers (targeting / at / in / on / against), at most four links deep."""
    frontier = [noun]
    for _ in range(4):
        nxt = []
        for h in frontier:
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in ("at", "in", "on", "against", "near", "inside", "outside"):
                    nxt.extend(_children(c, "pobj"))
                elif c.dep_ == "acl" and _is_verb(c):
                    nxt.extend(_children(c, "dobj"))
                    nxt.extend(g for p in _children(c, "prep") if p.lower_ in ("at", "in", "on", "against")
                               for g in _children(p, "pobj"))
        for g in nxt:
            core = _np_tokens(g)
            if idx.overlapping(core[0].idx, core[-1].idx + len(core[-1])) or _place_hit(brief, g) or \
                    argument_code_for_text(" ".join(x.text for x in core))[1] is not None:
                return [g]
        frontier = nxt
    return []


def _codable_inside(brief: Brief, idx: "ActorIndex", head, preps: tuple = ("by", "from", "in", "of", "for")):
    """"A report released in the Rwandan capital alleged ...": when the agent phrase names no actor
    and no country, the one it cites or speaks for (``preps``: by / from / in / of / for, the agent of a participle
    included) stands for it."""
    if head.pos_ != "NOUN" or idx.overlapping(head.idx, head.idx + len(head)):
        return head
    code, country, _ = argument_code_for_text(" ".join(x.text for x in _np_tokens(head)))
    if country or code.startswith("IGO"):
        return head  # (an agent word alone names no one: "a spokesman for the Saudi embassy")
    if "of" in preps:  # "Mozambique's campaign": the possessor, as "the campaign of Mozambique"
        poss = [c for c in head.children if c.dep_ == "poss" and not _is_pron(c) and
                (idx.overlapping(c.idx, c.idx + len(c)) or argument_code_for_text(c.text)[1])]
        if poss:
            return poss[0]
    frontier = [head]
    for _ in range(3):
        nxt = []
        for h in frontier:
            for c in h.children:
                if c.dep_ in ("acl", "prep", "agent") and (c.dep_ == "acl" or c.lower_ in preps):
                    for g in ([c] if c.dep_ == "acl" else _children(c, "pobj")):
                        if g.dep_ == "pobj" and (idx.overlapping(g.idx, g.idx + len(g)) or
                                                argument_code_for_text(" ".join(x.text for x in _np_tokens(g)))[0] != "---"):
                            return g
                        nxt.append(g)
        frontier = nxt
    return head


GENERIC_QUANTIFIED = re.compile(
    r"(?i)^(?:only\s+)?(?:a\s+)?(?:(?:small|large|growing|handful|number|few|many|several|some|most|no|any|other|"
    r"majority|minority|dozen|of)\s+)+(?:countries|states|nations|governments|capitals)$")
def _lookback_start(tok, sentences: int = 3) -> int:
    """The first token of the sentence ``sentences`` before ``tok``'s own (where an antecedent is sought)."""
    sents = _sent_bounds(tok.doc)
    here = next((k for k, (a, b) in enumerate(sents) if a <= tok.i < b), 0)
    return sents[max(0, here - sentences)][0]


def _sides_antecedent(brief, idx, t) -> list:
    """"the two sides" / "both sides": the two parties of the nearest earlier "between X and Y"
    ("Wednesday's meeting between Muttaqi and the American delegation"), within three sentences.
    The arguments keep the antecedent's spans (real mentions of the two parties)."""
    doc = t.doc
    for k in range(t.i - 1, _lookback_start(t) - 1, -1):
        b = doc[k]
        if b.lower_ != "between" or b.dep_ != "prep":
            continue
        for pobj in _children(b, "pobj"):
            args = _np_args(brief, idx, pobj)
            coded = [a for a in args if a.actor or argument_code_for_text(a.span.text)[0] != "---"]
            if len(args) == 2 and len(coded) == 2:
                return args
        return []
    return []


SIDES = re.compile(r"(?i)^(?:the\s+)?(?:(?:two|both|either|neither|each|other|opposing|warring)\s+)?(?:sides?|parties)$")
