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
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "expl", "aux", "auxpass", "punct", "mark")


def _words(tokens) -> set[str]:
    out = set()
    for x in tokens:
        out.add(x.lower_)
        if x.pos_ != "ADJ":  # "closer cooperation" is not "close" (a blockade's verb)
            out.add(_lem(x))
    return out


def complement_tokens(t, own: bool) -> list:
    """The tokens that say what ``t`` is about: with ``own`` the event's own words below it (the
    act itself: "promised to reduce its troops"), else its clausal complement, its "for" and "with"
    phrases and, unless the object is the addressee, its object ("rejected demands for reform")."""
    roots = []
    holders = [t]  # the verb, its object and the objects of its prepositions (the addressee)
    for c in t.children:
        if c.dep_ == "dobj":
            holders.append(c)
        elif c.dep_ == "prep":
            holders.extend(_children(c, "pobj"))
    for c in t.children:
        if own:
            if c.dep_ not in SUBJECT_DEPS:
                roots.append(c)
        elif c.dep_ in COMPLEMENT_DEPS or (c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to"
                                                                     for a in c.children)):
            roots.append(c)  # "rejected calls to restore rights" (the clause read as the verb's)
        elif c.dep_ == "dobj" and _lem(t) not in ADDRESSEE_OBJECT:
            roots.append(c)
    for h in ([] if own else holders):  # "appealed to X for Y", "threatened X with Y": on the verb or its addressee
        roots.extend(c for c in h.children if c.dep_ == "prep" and c.lower_ in COMPLEMENT_PREPS and c not in roots)
    toks = [t] if own else []
    for r in roots:
        toks.extend(r.subtree)
    return toks


def act_code(code: str, t, inner: Optional[str] = None, own: bool = False) -> str:
    """``code`` refined by what ``t``'s complement is about; ``inner`` is the code of the embedded
    event when there is one (kept when the complement's words say nothing more specific). Codes of
    other families, and codes the act table does not derive (veto 129, ultimatum 139), stay."""
    fam = kb_acts.FAMILY_ROOT.get(code[:2])
    if fam is None or code not in kb_acts.family_codes(fam):
        return code
    act = kb_acts.act_of(_words(complement_tokens(t, own)), fam)
    if inner and (act is None or inner.startswith(act)):
        act = inner
    return (kb_acts.family_code(fam, act) if act else None) or code
