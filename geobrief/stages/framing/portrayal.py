"""Actor portrayal: the role (antagonist, protagonist, innocent) the text casts an actor in, from
evaluative language aimed at the actor and event roles the text evaluates."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Optional, Sequence

from ...model import Span
from ...nlp import doc_text
from .cues import (LITERAL_VIOLENCE, LL, NC, _lookup_phrases, _lookup_words, _negated, _roles, cue_hits,
                   cue_hits_in, word_class)

from .quotes import _NAMING_VERBS


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
            pool_names: bool = True, taken: Sequence[tuple[int, int]] = (), plain_report: bool = False,
            poolable: Optional[Sequence[bool]] = None) -> list[dict]:
    """A portrayal for each given entity span: ``{"role", "polarity", "fine_roles", "evidence"}``.

    ``plain_report``: the text reads as a news report, where being criticised, sued or investigated
    (or doing so) is a role the report states, not yet the writer's portrayal.

    ``groups`` (optional, parallel to ``entity_spans``) says which spans are the same actor: the
    evidence of all of them is pooled (coreferent mentions). Without it, spans whose text (or
    last word) is the same are pooled.

    ``poolable`` (optional, parallel to ``entity_spans``): whether the span's text names the actor, so
    that its other occurrences may be pooled. A city that stands for its state as an event's place
    ("visit Charlotte", coded as the state) does not: "Charlotte experienced chaos" is the city's.
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
    named: dict = defaultdict(list)  # the spans whose text may be pooled
    for i, ((s, e), g) in enumerate(zip(entity_spans, groups)):
        per_group[g].append((s, e))
        if poolable is None or poolable[i]:
            named[g].append((s, e))
    taken_chars = _chars_of(taken)
    if pool_names:
        for g, sp in list(per_group.items()):
            per_group[g] = sp + (_same_name(doc, named[g], taken, taken_chars) if named[g] else [])
    given = taken_chars | _chars_of(entity_spans)
    for g, sp in list(per_group.items()):
        per_group[g] = sp + _subject_pronouns(doc, sp, given)
    evid_cache = {}
    out = []
    for (s, e), g in zip(entity_spans, groups):
        if g not in evid_cache:
            evid_cache[g] = _portray_group(doc, per_group[g], cue_at, loaded, plain_report)
        out.append(evid_cache[g])
    return out


_PRONOUN_KIND = {"they": "plural", "their": "plural", "he": "person", "his": "person", "she": "person",
                 "her": "person", "it": "thing", "its": "thing"}


def _subject_pronouns(doc, spans, taken_chars: set) -> list[tuple[int, int]]:
    """The subject pronoun of the sentence after one the actor is the subject of ("The minister and his
    aides talk of reform. But their words ring hollow."): "they"/"their" after a coordinated or plural
    subject, "he"/"she" after a person, "it"/"its" after anything else. Only the next sentence's own
    subject (or its possessor), and never a word another actor's mention holds."""
    out = []
    for sp in _mention_tokens(doc, spans):
        root = _mention_root(sp)
        subj = root.head if root.dep_ == "conj" else root
        if subj.dep_ not in ("nsubj", "nsubjpass") or subj.head.dep_ != "ROOT" or subj.sent.end >= len(doc):
            continue
        plural = root.dep_ == "conj" or any(c.dep_ == "conj" for c in subj.children) or root.tag_ in ("NNS", "NNPS")
        kind = "plural" if plural else "person" if root.ent_type_ == "PERSON" else "thing"
        for t in doc[subj.sent.end].sent:
            head = t.head if t.dep_ == "poss" else t
            if head.dep_ in ("nsubj", "nsubjpass") and head.head.dep_ == "ROOT" and (t.dep_ == "poss" or t is head):
                if _PRONOUN_KIND.get(t.lower_) == kind and t.idx not in taken_chars:
                    out.append((t.idx, t.idx + len(t)))
                break
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
_HARM_VERBS = word_class("portrayal_words", "harm_verbs")
# nouns naming a harmful act: "the invasion of X" (X harmed), "X's invasion" / "invasion by X" (X acts)
_HARM_NOUNS = word_class("portrayal_words", "harm_nouns")
# harm verbs whose very sense condemns the act (the rest - kill, attack, strike, detain, raid - name what
# happened, and a plain report of them alone portrays no one)
_EVALUATIVE_HARM = word_class("portrayal_words", "evaluative_harm")


def _evaluated(verb) -> bool:
    """Does the text evaluate this act: a loaded cue on the verb or among its own dependents."""
    doc = verb.doc
    ll = {h[0] for h in cue_hits_in(doc, verb.sent.start, verb.sent.end) if h[2] in (LL, NC) and h[0] != verb.i
          and doc[h[0]].lemma_.lower() not in LITERAL_VIOLENCE and doc[h[0]].lemma_.lower() not in _HARM_VERBS}
    return any(c.i in ll for c in verb.subtree if c.head.i == verb.i or c.head.head.i == verb.i)


# harm nouns whose possessor undergoes the act ("X's murder", "X's arrest"), unlike "X's invasion"
_UNDERGONE_NOUNS = word_class("portrayal_words", "undergone_nouns")
_HARM_AGENT_NOUNS = word_class("portrayal_words", "harm_agent_nouns")  # "X's enemies": X is not the actor
_VICTIM_NOUNS = word_class("portrayal_words", "victim_nouns")
_CRITICISE_VERBS = word_class("portrayal_words", "criticise_verbs")
_SPEAK_VERBS = word_class("portrayal_words", "speak_verbs")
_AID_VERBS = word_class("portrayal_words", "aid_verbs")
# standing up to someone: the subject is cast as the protagonist ("Ukrainians resist", "she opposed the war")
_STAND_VERBS = word_class("portrayal_words", "stand_verbs")
STAND_W = 0.6
# standing verbs that news copy uses to describe a role, not to praise ("led the delegation",
# "mediated earlier contacts", "negotiated the 2020 deal"): they weigh in the role decision but,
# like speaking, do not alone make the brief claim a portrayal
_DESCRIPTIVE_STAND = word_class("portrayal_words", "descriptive_stand")
AID_PAT_W = 0.0
AID_NOUN_W = 0.6
_PERFORM_VERBS = word_class("portrayal_words", "perform_verbs")
_AID_NOUNS = word_class("portrayal_words", "aid_nouns")  # "aid to X" says little about X (measured: it pulled protagonists to innocent)
# state punishment: its object is as often cast as the villain as the victim (no evidence either way)
_PUNISH_VERBS = word_class("portrayal_words", "punish_verbs")
SPEAK_W = 0.3
SENT_W = 0.0  # sentence-window evidence: measured to hurt macro-F1 on the tune half; off
PORTRAY_PRIOR = {"antagonist": 0.2, "protagonist": 0.0, "innocent": 0.0}


def _portray_group(doc, spans, cue_at, loaded, plain_report: bool = False) -> dict:
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
                    if plain_report and rel in ("agent", "patient") and not _evaluated(tok):
                        weak += 0.6 if rel == "agent" else 1.0  # "states suing the agency" in a news report
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
                if rel == "patient" and lp < 0:  # hit by it, or undergoing it ("is facing a crisis")
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
_SELF_VICTIM = word_class("portrayal_words", "self_victim")


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


def _via_pobj(tok, top) -> bool:
    """Does ``tok`` hang on ``top`` through a prepositional object: another noun phrase ("a critic of
    the autocratic court": "autocratic" is said of the court, not of the critic)."""
    while tok.i != top.i and tok.head.i != tok.i:
        if tok.dep_ == "pobj":
            return True
        tok = tok.head
    return False


# verbs whose object happens to their subject ("is facing a crisis", "suffered heavy losses")
UNDERGO_VERBS = frozenset({"face", "experience", "suffer", "endure", "undergo", "weather", "confront"})


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
                if cc.i != c.i and cc.dep_ in ("amod", "compound", "attr", "acomp", "dobj") and not _via_pobj(cc, c):
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
    # "Russia's aggression": the possessed noun describes the possessor's act; not "Puerto Rico's power
    # grid failure", where a noun between them owns it (the failure is the grid's)
    if dep == "poss" and not any(c.dep_ == "compound" and root.i < c.i < head.i for c in head.children):
        # ... but the possessor of "murder", "arrest", "death" is the one it happens to ("the
        # journalist's murder"), and the possessed noun's modifiers evaluate the possessor's act
        # ("the envoy's hypocritical rhetoric")
        out.append((head, "patient" if head.lemma_.lower() in _UNDERGONE_NOUNS else "agent"))
        out += [(c, "attr") for c in head.children if c.dep_ == "amod"]
        if head.dep_ == "nsubj":  # "their words ring hollow", "Russia's claims are false": said of the possessor's
            out += [(c, "attr") for c in head.head.children if c.dep_ in ("acomp", "oprd") and c.pos_ == "ADJ"]
    if dep in ("nsubj",):
        out.append((head, "agent"))
        for c in head.children:
            if c.dep_ == "dobj" and head.lemma_.lower() in _STAND_VERBS | _CRITICISE_VERBS:
                continue  # "resisted the occupation": the object describes the opponent, not the subject
            if c.dep_ == "dobj" and head.lemma_.lower() in UNDERGO_VERBS:
                out.append((c, "patient"))  # "is facing a crisis": what the subject undergoes, not its act
                continue
            if c.dep_ in ("acomp", "attr", "dobj", "xcomp", "advmod", "prt"):
                out.append((c, "attr" if c.dep_ in ("acomp", "attr") else "agent"))
                for cc in c.children:
                    # the object's modifiers are said of the subject's own act ("launched a vicious
                    # attack"), not of whatever the subject meets ("entered a divisive campaign")
                    if cc.dep_ in ("amod", "compound") and (c.dep_ != "dobj" or head.lemma_.lower() in _PERFORM_VERBS):
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


