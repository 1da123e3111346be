"""The full CAMEO code of an appeal, intention, demand, rejection or threat, from what it is about.

"asked Canada for help" is an appeal (020); what is asked for makes it an appeal for aid (023),
"for food aid" an appeal for humanitarian aid (0233). The words of the complement (the clause or
phrase that says what is asked, intended, demanded, refused or threatened) are read against
``knowledge/events/acts.tsv``; the act found there, or the code of the embedded event when that is
as specific, is mapped to the family's code by ``act_families.tsv`` (see :mod:`knowledge.acts`).
"""
from __future__ import annotations

from typing import Optional

from ...knowledge import acts as kb_acts
from .syntax import _children, _lem

# verbs whose direct object is the addressee ("urged Japan to ..."), not what is asked
ADDRESSEE_OBJECT = frozenset({"ask", "urge", "call", "appeal", "press", "pressure", "tell", "invite", "encourage",
                              "persuade", "implore", "beg", "warn", "remind", "advise", "push", "order"})
COMPLEMENT_DEPS = ("xcomp", "ccomp")
COMPLEMENT_PREPS = ("for", "with", "of", "into")
# an act's own words: its object, particle and prepositional phrases, not its subject or the
# clauses around it ("would regard X as unacceptable, days after talks" is not about talks)
OWN_DEPS = ("dobj", "prt", "prep", "dative", "xcomp", "acomp", "oprd", "advmod", "attr", "compound")


def _words(tokens) -> set[str]:
    out = set()
    for x in tokens:
        out.add(x.lower_)
        if x.pos_ != "ADJ":  # "closer cooperation" is not "close" (a blockade's verb)
            out.add(_lem(x))
        if x.pos_ == "NOUN":  # "n:help": asked for help, not "to help X" (any act at all)
            out.add("n:" + _lem(x))
    return out


def complement_tokens(t, own: bool, purpose: bool = False) -> list:
    """The tokens that say what ``t`` is about: with ``own`` the event's own words below it (the
    act itself: "promised to reduce its troops"), else its clausal complement, its "for" and "with"
    phrases and, unless the object is the addressee, its object ("rejected demands for reform");
    with ``purpose`` also its adverbial clauses and "against" phrase (what a protest is for)."""
    roots = []
    holders = [t]  # the verb, its object and the objects of its prepositions (the addressee)
    for c in t.children:
        if c.dep_ in ("dobj", "nsubjpass"):  # "a request for X was submitted": the passive's object
            holders.append(c)
        elif c.dep_ == "prep":
            holders.extend(_children(c, "pobj"))
    for c in t.children:
        if own:
            if c.dep_ in OWN_DEPS:
                roots.append(c)
        elif c.dep_ in COMPLEMENT_DEPS or (c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to"
                                                                     for a in c.children)):
            roots.append(c)  # "rejected calls to restore rights" (the clause read as the verb's)
        elif c.dep_ in ("dobj", "nsubjpass") and _lem(t) not in ADDRESSEE_OBJECT:
            roots.append(c)
        elif purpose and (c.dep_ == "advcl" or (c.dep_ == "prep" and c.lower_ == "against")):
            roots.append(c)  # "marched demanding X", "went on strike to demand X", "protested against X"
    for h in ([] if own else holders):  # "appealed to X for Y", "threatened X with Y": on the verb or its addressee
        roots.extend(c for c in h.children if c.dep_ == "prep" and c.lower_ in COMPLEMENT_PREPS and c not in roots)
    toks = [t] if own else []
    for r in roots:
        toks.extend(_near_subtree(r))
    return toks


def _near_subtree(r, depth: int = 0) -> list:
    """``r`` and its dependents down to four levels, leaving out clauses that only add circumstance
    ("accused X of making accusations by alleging ..." is not about what was alleged)."""
    out = [r]
    if depth < 4:
        for c in r.children:
            if c.dep_ not in ("advcl", "relcl", "parataxis", "punct") and not (c.dep_ == "prep" and c.lower_ == "by") \
                    and not (c.dep_ == "acl" and c.tag_ in ("VBN", "VBG")):  # "ties frayed by a boycott"
                out.extend(_near_subtree(c, depth + 1))
    return out


def act_code(code: str, t, inner: Optional[str] = None, own: bool = False, intent: bool = False) -> str:
    """``code`` refined by what ``t``'s complement is about; ``inner`` is the code of the embedded
    event when there is one (kept when the complement's words say nothing more specific). Codes of
    other families, and codes the act table does not derive (veto 129, ultimatum 139), stay. With
    ``intent`` the code is a stated intention (an intention to use force is 138, a threat)."""
    fam = "intend" if intent else kb_acts.FAMILY_ROOT.get(code[:2])
    if fam == "protest":
        return _protest_code(code, t)
    if fam is None or code not in kb_acts.family_codes(fam):
        return code
    act = kb_acts.act_of(_words(complement_tokens(t, own)), fam)
    if inner and (act is None or inner.startswith(act)):
        act = inner
    return (kb_acts.family_code(fam, act) if act else None) or code


PROTEST_KINDS = ("140", "141", "142", "143", "144", "145")


def _protest_code(code: str, t) -> str:
    """A protest for a reform: "marched demanding the president's resignation" 1411, "went on
    hunger strike for the right to X" 1423 (the demonstration's code gives the last digit; a general
    protest, 140, that says what it is for is a demonstration, 141x)."""
    if code[:3] not in PROTEST_KINDS:
        return code
    found = [kb_acts.family_code("protest", a) for a in
             kb_acts.acts_of(_words(complement_tokens(t, False, purpose=True) + complement_tokens(t, True)), "protest")]
    kind = next((c for c in found if len(c) == 3), code[:3])  # "went on hunger strike": 142
    sub = next((c for c in found if len(c) == 4), None)
    if sub is None:
        return kind if code[:3] in ("140", "143") else code
    return ("141" if kind == "140" else kind) + sub[3]


# ---------------------------------------------------------------------------- embedded acts
# "pledged to revise its policy", "said it would pull its troops back", "refused to extradite the
# suspects": the act a governing verb is about is an event (in the mode the governing verb gives
# it) even when its own verb matches no row, when acts.tsv names it.
GOVERNING_VERBS = frozenset({"pledge", "promise", "vow", "offer", "intend", "plan", "agree", "decide", "aim", "seek",
                             "prepare", "commit", "resolve", "threaten", "refuse", "decline", "ask", "urge", "call",
                             "appeal", "demand", "press", "insist", "want", "wish", "propose", "undertake"})
GOVERNING_ADJS = frozenset({"ready", "prepared", "willing", "determined", "eager", "keen", "committed"})
INTENT_NOUNS = frozenset({"intention", "willingness", "readiness", "plan", "plans", "commitment", "pledge", "promise",
                          "determination", "desire", "offer", "decision", "intent"})
# verbs that state an intention noun ("expressed its readiness to", "announced plans to"); "honour
# its commitment to" is not a statement of it
INTENT_CARRIERS = frozenset({"express", "announce", "reaffirm", "voice", "state", "declare", "confirm", "signal",
                             "unveil", "outline", "reiterate", "indicate", "show", "make"})
SAYING_VERBS = frozenset({"say", "announce", "state", "declare", "confirm", "tell"})
FUTURE_AUX = frozenset({"will", "would", "shall", "'ll"})
PERSONAL = frozenset({"it", "they", "he", "she", "we", "i"})
# the roots whose acts can be pledged, asked, refused or threatened on their own
# (not aid, 07: "plans to put the $18 million to use" is no pledge of aid; aid verbs have rows of their own)
ACT_ROOTS = ("04", "05", "06", "08", "14", "16", "17", "18", "19", "20")
# an act's addressee is named by a preposition ("use force against Seoul", "make concessions to
# Skopje"); its object is the addressee only when force, coercion or a release is done to it
# the acts that are events without a governing verb when their row names the verb: yielding (08)
ANYWHERE_ROOTS = ("08",)
ACT_SLOTS = ("against", "with", "between", "to", "on", "into", "from")
OBJECT_ACT_ROOTS = ("16", "17", "18", "19", "20")
OBJECT_ACTS = ("084",)  # a release (0841 persons, 0842 property): "to X" first, else the released
ADMIT_ACTS = ("086",)  # "admit inspectors to the site": those admitted


def intent_infinitive(t) -> bool:
    """"its intention / readiness / plans to V": the act a stated intention is about (an
    infinitive on such a noun reports the intention, it does not describe the noun)."""
    h = t.head
    return t.dep_ == "acl" and _lem(h) in INTENT_NOUNS and h.dep_ == "dobj" and _lem(h.head) in INTENT_CARRIERS \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)


def _governed(t) -> bool:
    """Is ``t`` the act of a pledge, request, refusal or threat, or what a speaker says it will do?"""
    h = t.head
    if t.dep_ in ("xcomp", "ccomp") and _lem(h) in GOVERNING_VERBS:
        return True
    if t.dep_ == "xcomp" and (h.lower_ in GOVERNING_ADJS or _lem(h) in GOVERNING_ADJS):
        return True
    if intent_infinitive(t):
        return True
    # "X said it would ...": a speaker's own announced act
    return t.dep_ == "ccomp" and _lem(h) in SAYING_VERBS and \
        any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in t.children) and \
        any(c.dep_ == "nsubj" and c.lower_ in PERSONAL for c in t.children)


def embedded_act(t, anywhere: bool = False):
    """A pattern for verb ``t`` from acts.tsv when it is a governed act (see :func:`_governed`)
    that its own words name; with ``anywhere`` also a yielding act (08x) on its own whose row names
    the verb itself ("handed back the sculptures", "reduced its troop presence"); None otherwise."""
    from ...knowledge import events as kb

    if _governed(t):  # the row names the verb or its object ("mend ties frayed by a boycott" is no boycott)
        act = kb_acts.anchored_act(_words(complement_tokens(t, True)), _words([t] + _children(t, "dobj", "prt")),
                                   ACT_ROOTS)
    elif anywhere and t.tag_ in ("VBD", "VBN"):  # done, not "will lift" in "whether X will lift"
        act = kb_acts.anchored_act(_words(complement_tokens(t, True)), _words([t]), ANYWHERE_ROOTS)
    else:
        return None
    if act is None:
        return None
    root = kb.cameo_roots().get(act[:2])
    code = act if len(act) > 2 and act in kb.cameo_codes() else act[:2] + "0"  # "08" is a root, "080" its code
    if act.startswith(ADMIT_ACTS):
        slots = ("obj",) + ACT_SLOTS
    elif act[:2] in OBJECT_ACT_ROOTS or act.startswith(OBJECT_ACTS):
        slots = ACT_SLOTS + ("obj",)
    else:
        slots = ACT_SLOTS
    return kb.Pattern(_lem(t), "VERB", (), root.plover, code, slots, frozenset({"act"}))
