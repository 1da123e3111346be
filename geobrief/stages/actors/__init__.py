"""Actors stage: recognises actor mentions and resolves them to canonical actors on the article's date.

Layers, in order (each later layer only fills what the earlier ones left):

1. knowledge-base matching (``geobrief.knowledge.actors``): people, organisations, armed groups,
   IGOs, state names, demonyms, capitals and seats of power; spaCy's PERSON/ORG labels are
   overruled by the knowledge base (an envoy tagged ORG is still a person);
2. nominal groups: a country word + an actor noun ("Pakistani officials", "French officials and
   military advisers", "a senior Guyanese police officer") -> one actor per (country, sector);
3. people not in the knowledge base: spaCy PERSON (and person-like ORG after a title), with
   country, sector and role read from the title before the name or an appositive;
4. organisations not in the knowledge base: spaCy ORG with the country inside the name;
5. coreference: surnames, "the group"/"the movement" (the salient non-state group),
   "the country"/"the minister"..., person pronouns, and they/their bound to a named group that is
   the subject of the same clause.

Never actors: a dateline ("KABUL, Nov 12 (Meridian Wire) -"), a city qualifying a noun ("the Kabul
meeting"), a country adjective compound ("Iran-backed"). Plural demonyms are the people
("the detained Americans" -> USACVL) unless, with "the", a government/delegation of that country
came before ("The Americans were expected to leave" -> USAGOV).

Countries named only as locations are left to the places stage (which the events stage already
reads for participants' countries): ``locations=True`` reports them as how="place" for CAMEO-style
scoring only. The one exception is made later, by the events stage: the host state of an act
directed at a foreign place ("military exercises in Alaska") joins the actors with a how="place"
mention, because it is that act's recipient.

Roles are resolved on ``brief.article.published``: a former envoy is coded as an elite (ELI) with
role "former ...", a movement that now governs gets the government code. An undated text is read
in the window its own years allow (``dating``), never simply as of today.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import difflib
from collections import Counter
from typing import Optional

from ...knowledge.actors import KnowledgeBase, Resolved, Target, load_kb, tokenize
from ...model import Actor, Brief, Mention
from ...pipeline import stage
from . import describe, people
from .coref import CorefMixin
from .dating import reading
from .groups import GroupsMixin
from .people import PeopleMixin

from .base import _Cand, _group_actor_kind  # noqa: F401  (re-exported)
from .words import (  # noqa: F401  (re-exported: tests and other stages use them)
    ATTITUDE_PREFIX,
    CIVILIAN_ACL,
    CIVILIAN_HEADS,
    CIVILIAN_MODS,
    COLLECTIVE_NOUNS,
    COREF_DETS,
    COREF_NOMINALS,
    COREF_PERSON_TITLES,
    DATELINE_RE,
    FOREIGN_POSTED,
    GROUP_NOMINALS,
    HONORIFICS,
    LOCATIONS_AS_ACTORS,
    LOCATIVE_PREPS,
    MOTION_WORDS,
    NAME_PARTICLES,
    NOT_PERSON,
    ORG_HEADS,
    PART_NOUNS,
    PERSON_TITLES,
    PLACE_LIKE_NOUNS,
    PRONOUNS_GROUP,
    PRONOUNS_PERSON,
    PRONOUNS_THING,
    RESOLVE_NEUTER_PRONOUNS,
    SAY_LEMMAS,
    SECTOR_MODIFIERS,
    SECTOR_NAMES,
    SECTOR_NOUNS,
    STATE_LOCATIVE_PREPS,
    STATE_NOMINALS,
    THING_NOUNS,
    _DATE_TAIL,
    _HYPHEN_ADJ,
    _MONTH,
    _POSS_S,
    dateline_spans,
)


class _Analyser(GroupsMixin, PeopleMixin, CorefMixin):
    def __init__(self, text: str, doc, on: _dt.date, kb: KnowledgeBase, locations: bool = LOCATIONS_AS_ACTORS,
                 since: Optional[_dt.date] = None):
        self.text, self.doc, self.on, self.kb, self.since = text, doc, on, kb, since
        self.locations = locations
        self.dateline_iso: Optional[str] = None  # set by run()
        self.cands: list[_Cand] = []
        self.shadow: list[_Cand] = []  # mentions folded into a title: still antecedents for coreference
        self.pending: list[_Cand] = []  # unknown names that a later description may make actors
        self.taken: list[tuple[int, int]] = []  # char spans already explained
        self._surnames: Optional[dict[str, set[str]]] = None  # surname -> full names the text gives
        self.tok_of_char = {}
        if doc is not None:
            for t in doc:
                for c in range(t.idx, t.idx + len(t.text)):
                    self.tok_of_char[c] = t.i

    # ---- helpers
    def _tok(self, char: int):
        i = self.tok_of_char.get(char)
        return self.doc[i] if i is not None else None

    def _span_tokens(self, start: int, end: int):
        if self.doc is None:
            return []
        idx = sorted({self.tok_of_char[c] for c in range(start, end) if c in self.tok_of_char})
        return [self.doc[i] for i in idx]

    def _root(self, start: int, end: int):
        toks = self._span_tokens(start, end)
        if not toks:
            return None
        ids = {t.i for t in toks}
        for t in toks:
            if t.head.i not in ids or t.head.i == t.i:
                return t
        return toks[-1]

    def _free(self, start: int, end: int) -> bool:
        """No taken span overlaps [start, end). A coverage map of the taken characters answers it
        (a scan of every taken span made long texts quadratic); ``taken`` only grows by ``_take``
        and is replaced, never edited in place, so the map follows it by identity and length."""
        t = self.taken
        ix = getattr(self, "_taken_ix", None)
        if ix is None or ix[0] is not t or ix[1] > len(t):
            ix = self._taken_ix = [t, 0, bytearray(len(self.text)), []]
        if ix[1] < len(t):
            cover, odd = ix[2], ix[3]
            for s, e in t[ix[1]:]:
                if 0 <= s < e:
                    if e > len(cover):
                        cover.extend(bytes(e - len(cover)))
                    cover[s:e] = b"\x01" * (e - s)
                else:  # an empty or odd span: kept aside, checked as before
                    odd.append((s, e))
            ix[1] = len(t)
        if not 0 <= start < end:
            return all(e <= start or s >= end for s, e in t)
        return ix[2].find(1, start, end) < 0 and all(e <= start or s >= end for s, e in ix[3])

    def _take(self, c: _Cand) -> None:
        self.cands.append(c)
        self.taken.append((c.start, c.end))

    def _pend(self, s: int, e: int) -> None:
        """An unknown name with nothing yet to tell what it is (``describe``)."""
        name = self.text[s:e]
        self.pending.append(_Cand(s, e, ("org", name.lower()), "pending", name, "pending", confidence=0.5))

    def promote(self, c: _Cand, sector: Optional[str]) -> _Cand:
        """A pending name that a description ("the British newspaper") shows to be an organisation."""
        made = None
        for p in [x for x in self.pending if x.key == c.key]:
            self.pending.remove(p)
            if not self._free(p.start, p.end):
                continue
            p = _Cand(p.start, p.end, p.key, "name", p.name, "organisation", None, sector, sector, confidence=0.6)
            self._take(p)
            made = made or p
        return made or c

    def _org_cand(self, s: int, e: int, sector: Optional[str], country: Optional[str], conf: float) -> _Cand:
        name = self.text[s:e]
        return _Cand(s, e, ("org", name.lower()), "name", name, _group_actor_kind(sector) if sector in ("REB", "INS")
                     else "organisation", country, sector, (country or "") + (sector or "") or None, None, None, conf)

    def _ent_at(self, start: int, end: int):
        """The spaCy entity that strictly contains [start, end), if any."""
        if self.doc is None:
            return None
        ents = getattr(self, "_ents", None)
        if ents is None:  # doc.ents builds every entity Span on each access: once per document
            ents = self._ents = list(self.doc.ents)
            self._ent_starts = [e.start_char for e in ents]
        # entities do not overlap: only the last one starting at or before ``start`` can contain it
        k = bisect.bisect_right(self._ent_starts, start) - 1
        if k >= 0:
            e = ents[k]
            if end <= e.end_char and (e.end_char - e.start_char) > (end - start):
                return e
        return None

    def _is_locative(self, tok, preps=LOCATIVE_PREPS) -> bool:
        """True when ``tok`` (a capital or seat of power) names a place here, not an actor."""
        t = tok
        while t.dep_ in ("conj", "appos") and t.head.i != t.i:
            t = t.head
        if t.dep_ in ("compound", "amod", "nmod") and t.head.pos_ in ("NOUN", "PROPN"):
            head_lemma = t.head.lemma_.lower()
            return head_lemma not in SECTOR_NOUNS and head_lemma not in ("government", "leadership")
        if t.dep_ == "pobj":
            prep = t.head.text.lower()
            if prep in preps:
                return True
            if prep in ("of", "with") and t.head.head.lemma_.lower() in PART_NOUNS:
                return True
            if prep == "from" and t.head.head.pos_ == "NOUN" and t.head.head.lemma_.lower() not in (
                    "support", "message", "letter", "delegation", "envoy", "official", "pressure", "demand",
                    "threat", "call", "offer", "response", "statement", "request", "warning"):
                return True
            if prep in ("to", "from", "toward", "towards", "via"):
                gov = t.head.head
                if gov.lemma_.lower() in MOTION_WORDS or (gov.pos_ == "NUM"):
                    return True
                if prep in ("to", "toward", "towards") and gov.pos_ in ("NOUN",):
                    return gov.lemma_.lower() not in ("support", "message", "letter", "appeal", "threat", "warning",
                                                      "response", "reply", "offer", "call")
        if t.dep_ in ("npadvmod",) or t.ent_type_ == "LOC" and t.dep_ not in ("nsubj", "nsubjpass", "poss"):
            # (a state the tagger calls LOC is still the one acting when it is the subject or owner:
            # "South Sudan moved troops", "South Sudan's army")
            return True
        if t.dep_ == "dobj" and t.head.lemma_.lower() in ("leave", "visit", "reach", "enter", "tour", "cross"):
            return True
        return False

    # ---- layer 1: knowledge base
    def _choose(self, targets: tuple[Target, ...]) -> list[Target]:
        entries = [t for t in targets if t.kind == "entry"]
        if entries:
            if len(entries) > 1:
                ranked = sorted(entries, key=lambda t: (not self.kb.resolve(t.ref, self.on, self.since).current, t.rank))
                return [ranked[0]]
            return entries
        return [targets[0]]

    def _inside_place_name(self, start: int, end: int) -> bool:
        """A country's name that ends a longer place name the gazetteer knows as something else, or
        that names an attitude, not a nationality ("pro-Russia rebels", "anti-American protesters")."""
        if ATTITUDE_PREFIX.search(self.text, max(0, start - 6), start):
            return True
        if self.doc is None:
            return False
        toks = self._span_tokens(start, end)
        if not toks or toks[0].i == 0:
            return False
        prev = self.doc[toks[0].i - 1]
        if not prev.text[:1].isupper() or prev.is_sent_start and prev.lower_ in ("the", "a", "in", "and"):
            return False
        from ...knowledge import places as kp
        longer = self.text[prev.idx:end]
        entries = kp.gazetteer().lookup(longer)
        return bool(entries) and not any(e.kind == kp.COUNTRY for e in entries)

    def _other_namesake(self, surname: str, e) -> bool:
        """The text names in full a person with this surname who is not the entry."""
        if self.doc is None:
            return False
        if self._surnames is None:
            self._surnames = {}
            for ent in self.doc.ents:
                words = [t for t in ent if t.is_alpha]
                if ent.label_ == "PERSON" and len(words) > 1:
                    self._surnames.setdefault(words[-1].lower_, set()).add(" ".join(t.lower_ for t in words))
        names = self._surnames.get(surname)
        if not names:
            return False
        own = {e.name.lower(), *(a.lower() for a in e.aliases)}
        return not names & own

    def _state_modifier(self, toks):
        ids = {t.i for t in toks}
        for t in toks:
            for ch in t.children:
                if ch.i not in ids and ch.dep_ in ("poss", "amod", "compound", "nmod"):
                    hit = self.state_mods.get(ch.i)
                    if hit:
                        return hit[0], hit[2], hit[3]
        return None

    def _res_fields(self, e):
        r = self.kb.resolve(e.kb_id, self.on, self.since)
        return r.country, r.sector, r.code, r.role, e.kb_id, r.confidence

    def _non_actor_possessive(self, tok) -> bool:
        """'Afghanistan's development', 'Afghan soil': the country only qualifies a thing."""
        if tok.dep_ != "poss" and not (tok.dep_ == "compound" and tok.head.pos_ == "NOUN"):
            return False
        head = tok.head
        if head.ent_type_ in ("PERSON", "ORG") or head.i in getattr(self, "_entry_tok", set()):
            return False
        lemma = head.lemma_.lower()
        if tok.dep_ == "poss":
            return lemma in THING_NOUNS
        return lemma not in SECTOR_NOUNS and lemma not in PERSON_TITLES and head.pos_ == "NOUN"

    def _foreign_modifier(self, toks, e) -> bool:
        country = e.roles[0].country if e.roles else None
        if e.kind == "person" or country is None:
            return False
        ids = {t.i for t in toks}
        for t in toks:
            for ch in t.children:
                if ch.i in ids or ch.dep_ not in ("poss", "amod", "compound", "nmod"):
                    continue
                hit = self.state_mods.get(ch.i)
                if hit and hit[0] != country:
                    return True
        return False

    def layer_kb(self, matches) -> None:
        self.state_mods: dict[int, tuple[str, str, int, int]] = {}  # token i -> (iso3, how, start, end)
        self.entry_mods: dict[int, _Cand] = {}
        self._entry_tok = set()
        for m in matches:  # first pass: every country word, so entries can check their modifiers
            tgt = self._choose(m.targets)[0]
            if tgt.kind == "entry":
                self._entry_tok.update(t.i for t in self._span_tokens(m.start, m.end))
            if tgt.kind == "state" and tgt.how in ("name", "demonym_sg", "capital", "metonym") and \
                    not self._inside_place_name(m.start, m.end):
                for t in self._span_tokens(m.start, m.end):
                    self.state_mods[t.i] = (tgt.ref, tgt.how, m.start, m.end)
        for m in matches:
            tgt = self._choose(m.targets)[0]
            toks = self._span_tokens(m.start, m.end)
            if tgt.kind == "entry":
                e = self.kb.entries[tgt.ref]
                single = m.n_tokens == 1 or (len(toks) == 1)
                if self.doc is not None and single:
                    t = toks[0] if toks else None
                    if t is not None and tgt.weak and not (t.ent_type_ in ("PERSON", "ORG", "NORP") or t.pos_ == "PROPN"):
                        continue
                    if t is not None and e.kind == "person" and (
                            t.ent_type_ in (("GPE", "LOC", "FAC", "DATE") if tgt.weak else ("DATE", "FAC"))
                            or t.pos_ not in ("PROPN", "NOUN")):
                        continue
                r0 = self._root(m.start, m.end) if self.doc is not None else None
                if r0 is not None and r0.dep_ in ("compound", "amod", "nmod") and r0.head.pos_ == "NOUN" and \
                        r0.head.i not in self._entry_tok and r0.head.lemma_.lower() not in SECTOR_NOUNS and \
                        r0.head.lower_ not in PERSON_TITLES and r0.head.lemma_.lower() not in ORG_HEADS:
                    self.shadow.append(_Cand(m.start, m.end, ("kb", e.kb_id), "alias", e.name, e.kind,
                                             *self._res_fields(e), extra={"modifier": True}))
                    continue
                if self.doc is not None and toks and self._foreign_modifier(toks, e):
                    continue  # "Rwanda's Senate": not the Senate the dictionary means
                encl = self._ent_at(m.start, m.end)
                if encl is not None and e.kind == "person" and encl.label_ == "PERSON" and single and \
                        not people.in_title_line(encl):
                    continue  # "Rice" inside "Susan Rice": someone else (not "Obama" of a headline's "Derelict Obama")
                if e.kind == "person" and single and toks and self._other_namesake(toks[0].lower_, e):
                    continue  # "Rice" in a text that names Susan Rice: her, not the dictionary's Rice
                r = self.kb.resolve(e.kb_id, self.on, self.since)
                if r.country is None and e.kind in ("organisation", "other") and r.sector and self.doc is not None:
                    # a generic organ qualified by a country: "Rwanda's Senate" -> RWA LEG
                    mod = self._state_modifier(toks)
                    if mod is not None:
                        iso, ms, me = mod
                        st = self.kb.states[iso]
                        s0, e0 = min(ms, m.start), max(me, m.end)
                        self.cands = [c for c in self.cands if not (c.start >= s0 and c.end <= e0)]
                        self.taken = [(a, b) for a, b in self.taken if not (a >= s0 and b <= e0)]
                        self._take(_Cand(s0, e0, ("group", iso, r.sector), "nominal",
                                         f"{st.name} ({SECTOR_NAMES.get(r.sector, r.sector)})",
                                         _group_actor_kind(r.sector), iso, r.sector, iso + r.sector, confidence=0.8))
                        continue
                c = _Cand(m.start, m.end, ("kb", e.kb_id), "name" if tgt.how == "name" else "alias", e.name,
                          r.kind, r.country, r.sector, r.code, r.role, e.kb_id, r.confidence)
                self._take(c)
                for t in toks:
                    self.entry_mods[t.i] = c
                continue
            iso = tgt.ref
            st = self.kb.states[iso]
            if self._inside_place_name(m.start, m.end):
                continue  # "New Mexico", "New Jersey", "Rhode Island": a longer name, not the country
            root = self._root(m.start, m.end)
            if tgt.how in ("name", "capital", "demonym_pl") and _HYPHEN_ADJ.match(self.text, m.end):
                continue  # "Iran-backed", "US-led", "Kabul-based": an adjective, not the actor
            if tgt.how == "name" and _POSS_S.match(self.text, m.end) and any(
                    o.start > m.end and o.start <= m.end + 4 and self.kb.entries[self._choose(o.targets)[0].ref].kind == "person"
                    for o in matches if self._choose(o.targets)[0].kind == "entry"):
                # "Pakistan's Ishaq Dar": the country belongs to the person's title
                self.shadow.append(_Cand(m.start, m.end, ("state", iso), "name", st.name, "state", iso, None, iso))
                continue
            if tgt.how in ("name", "demonym_sg", "capital", "metonym") and root is not None:
                for t in toks:
                    self.state_mods[t.i] = (iso, tgt.how, m.start, m.end)
            if tgt.how == "name":
                if root is not None and (self._is_locative(root, STATE_LOCATIVE_PREPS)
                                         or self._non_actor_possessive(root)):
                    if self.locations:
                        self._take(_Cand(m.start, m.end, ("state", iso), "place", st.name, "state", iso, None, iso,
                                         confidence=0.5))
                    continue
                self._take(_Cand(m.start, m.end, ("state", iso), "name", st.name, "state", iso, None, iso))
            elif tgt.how == "demonym_pl":
                self._take(_Cand(m.start, m.end, ("state", iso), "demonym", st.name, "state", iso, None, iso,
                                 extra={"demonym_pl": True}))
            elif tgt.how in ("capital", "metonym"):
                if root is not None and self._is_locative(root) or tgt.how == "capital" and \
                        m.text[:4].lower() == "the " and not any(c.lower().startswith("the ") for c in st.capitals):
                    # a place ("arrived in Kabul"), or a city name qualifying a noun ("the Kabul meeting")
                    if self.locations and tgt.how == "capital":
                        self._take(_Cand(m.start, m.end, ("state", iso), "place", st.name, "state", iso, None, iso,
                                         confidence=0.4))
                    continue
                self._take(_Cand(m.start, m.end, ("group", iso, "GOV"), "metonym", f"{st.name} (government)",
                                 "state", iso, "GOV", iso + "GOV", confidence=0.9))
            # demonym_sg: only as part of a nominal group or title (layers 2 and 3)

    # ---- plural demonyms: the people, the state's side, or the state
    def _demonym_sector(self, c: _Cand) -> Optional[str]:
        """'the detained Americans', 'Americans held in Afghanistan', 'bringing Americans home' -> CVL;
        'the Americans' once a government/delegation of that country is in the text -> GOV;
        otherwise None (the state)."""
        root = self._root(c.start, c.end)
        if root is None:
            return None
        kids = list(root.children)
        has_the = self.text[c.start:c.start + 4].lower() == "the " or any(k.dep_ == "det" and k.lower_ in ("the", "these", "those")
                                                      for k in kids)
        for k in kids:
            if k.i < root.i and k.dep_ in ("amod", "compound", "nummod", "det", "quantmod") and \
                    (k.lemma_.lower() in CIVILIAN_MODS or k.lower_ in CIVILIAN_MODS or k.like_num):
                return "CVL"
            if k.i > root.i and k.dep_ in ("acl", "relcl") and (
                    k.lemma_.lower() in CIVILIAN_ACL or any(g.lower_ == "whose" for g in k.subtree)):
                return "CVL"
        if root.dep_ == "pobj" and root.head.lower_ == "of" and \
                root.head.head.lemma_.lower() in CIVILIAN_HEADS:
            return "CVL"
        if root.dep_ == "nsubjpass" and root.head.lemma_.lower() in CIVILIAN_ACL | {"hold", "take", "seize"}:
            return "CVL"  # "how many Americans were detained"
        prior_gov = any(o.country == c.country and o.start < c.start and o.sector in ("GOV", "MIL", "LEG")
                        and o.key[0] != "state" for o in self.cands + self.shadow)
        if has_the:
            return "GOV" if prior_gov else None
        # a bare plural ("Americans", "Afghans") is the people unless it acts as the state's side
        if root.dep_ in ("nsubj",) and prior_gov and root.head.lemma_.lower() in (
                "say", "agree", "demand", "negotiate", "reject", "propose", "offer", "insist", "warn", "refuse",
                "accept", "tell", "ask", "press", "want"):
            return "GOV"
        return "CVL"

    def resolve_demonyms(self) -> None:
        if self.doc is None:
            return
        out = []
        for c in self.cands:
            if c.extra.get("demonym_pl") and c.how == "demonym" and c.key[0] == "state":
                sec = self._demonym_sector(c)
                if sec is not None:
                    st = self.kb.states[c.country]
                    c = _Cand(c.start, c.end, ("group", c.country, sec), "demonym",
                              f"{st.name} ({SECTOR_NAMES.get(sec, sec)})", _group_actor_kind(sec), c.country, sec,
                              c.country + sec, confidence=0.8 if sec == "CVL" else 0.75)
            out.append(c)
        self.cands = out

    def _in_dateline(self, s: int, e: int, target: Optional[Target] = None) -> bool:
        for a, b, strong in self.datelines:
            if s < b and a < e:
                if strong or target is None or (target.kind == "state" and target.how == "capital"):
                    return True
        return False

    def run(self) -> list[_Cand]:
        self.datelines = dateline_spans(self.text)
        all_matches = self.kb.match(self.text)
        matches = [m for m in all_matches if not self._in_dateline(m.start, m.end, self._choose(m.targets)[0])]
        # the country where the story was filed ("ISLAMABAD: ..."): a bare national organ of the
        # story ("the Foreign Office spokesperson said") is that country's
        self.dateline_iso = next((t.ref for m in all_matches if self.datelines and self._in_dateline(m.start, m.end)
                                  and m.start < self.datelines[0][1] + 1
                                  for t in [self._choose(m.targets)[0]]
                                  if t.kind == "state" and t.how in ("capital", "name")), None)
        if self.doc is not None:
            self._sent_starts = {s.start: i for i, s in enumerate(self.doc.sents)}
        else:
            self._sent_starts = {}
            self.state_mods, self.entry_mods = {}, {}
        self.layer_kb(matches)
        self.layer_nominal()
        self.layer_orgs()
        self._unify_organs()
        self.layer_people()
        self.resolve_demonyms()
        self.layer_coref()
        self.cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
        out, last_end = [], -1
        for c in self.cands:  # no overlapping mentions
            if c.how not in ("name", "alias") and self._in_dateline(c.start, c.end) or \
                    c.how in ("name", "alias") and c.kb_id is None and self._in_dateline(c.start, c.end):
                continue  # where the story was filed
            if c.start >= last_end:
                out.append(c)
                last_end = c.end
        # "the two countries", "both governments": a mention of each state (the only shared span)
        out.extend(describe.joint_mentions(self, out, lambda c, s, e: self._copy(c, s, e, "coref")))
        return out


def _build_actors(cands: list[_Cand], text: str) -> list[Actor]:
    actors: list[Actor] = []
    by_key: dict[tuple, Actor] = {}
    # A state named as acting ("Pakistan condemned") and its government by metonym or officials
    # ("Islamabad", "Pakistani officials") are one party to the reader: one actor, named after the
    # state, coded as its government (how the mention gold and CAMEO's agent rules read an acting state).
    # (only when the state is named: "her country" alone is the land and people, not the government)
    states = {c.key[1] for c in cands if c.key[0] == "state" and c.how in ("name", "alias", "demonym")}
    govs = {c.key[1] for c in cands if c.key[:1] == ("group",) and len(c.key) == 3 and c.key[2] == "GOV"}
    joint = states & govs
    for c in cands:
        if c.key[1:2] and c.key[1] in joint and (c.key == ("state", c.key[1]) or c.key == ("group", c.key[1], "GOV")):
            iso = c.key[1]
            a = by_key.get(("state", iso))
            if a is None:
                name = next(x.name for x in cands if x.key == ("state", iso))
                a = Actor(id=f"A{len(actors) + 1}", name=name, kind="state", country=iso, sector="GOV",
                          code=iso + "GOV", confidence=round(c.confidence, 2))
                by_key[("state", iso)] = a
                actors.append(a)
            a.confidence = max(a.confidence, round(c.confidence, 2))
            a.mentions.append(Mention(c.start, c.end, text[c.start:c.end], c.how))
            continue
        a = by_key.get(c.key)
        if a is None:
            a = Actor(id=f"A{len(actors) + 1}", name=c.name, kind=c.kind, country=c.country, sector=c.sector,
                      code=c.code, role=c.role, kb_id=c.kb_id, confidence=round(c.confidence, 2))
            by_key[c.key] = a
            actors.append(a)
        elif a.role is None and c.role:
            a.role = c.role
        a.mentions.append(Mention(c.start, c.end, text[c.start:c.end], c.how))
    # a state's government is named after the state (its code says GOV): "United States", in an article
    # that names the country and in one that only says "Washington", is one name across a corpus;
    # "(government)" stays only where the article also has the state itself as another actor
    names = {a.name for a in actors}
    for a in actors:
        base = a.name[:-len(" (government)")] if a.name.endswith(" (government)") else None
        if base and a.sector == "GOV" and a.kind == "state" and base not in names:
            a.name = base
    return actors


def find_actors(text: str, doc=None, on: Optional[_dt.date] = None, kb: Optional[KnowledgeBase] = None,
                locations: bool = LOCATIONS_AS_ACTORS) -> list[Actor]:
    """The actors of ``text`` on date ``on``; with no date, in the window the text's own years allow
    (``dating.reading``): an undated text is not read with today's roles.

    ``doc`` is the spaCy Doc of ``text`` (without it only knowledge-base names, demonyms and
    metonyms are found). ``locations=True`` also reports countries named only as locations
    (mention how="place"), as CAMEO event coders do.
    """
    kb = kb or load_kb()
    when = reading(text, on)
    cands = _Analyser(text, doc, when.on, kb, locations, when.since).run()
    actors = _merge_ruling_movement(_build_actors(cands, text), kb)
    for a in actors:
        _article_spelling(a)
    if when.basis != "published":  # a role read off the knowledge base says when it holds
        for a in actors:
            if a.kb_id is not None and a.role and a.kind == "person":
                a.role = f"{a.role} ({when.qualifier()})"
    return actors


def _article_spelling(a: Actor) -> None:
    """A known person is named as the article spells the surname ("Zelenskyy", "Qaddafi") when that is a
    transliteration of the knowledge base's form: the brief's name is then found in the article's text.
    (The corpus keys a known person by ``kb_id``, so articles with other spellings stay one actor.)"""
    if a.kind != "person" or a.kb_id is None or " " not in a.name:
        return
    surname = a.name.split()[-1]
    spelt = Counter(m.text.split()[-1] for m in a.mentions if m.text.split())
    if not spelt or surname in spelt:
        return
    word, _n = spelt.most_common(1)[0]
    if word[:1].isupper() and word.isalpha() and word != surname and \
            difflib.SequenceMatcher(None, word.lower(), surname.lower()).ratio() >= 0.75:
        a.name = a.name[:-len(surname)] + word


def _merge_ruling_movement(actors: list[Actor], kb: KnowledgeBase) -> list[Actor]:
    """A movement that governs the state on the article's date (the Taliban after August 2021: once an
    insurgency, now coded GOV) is the government that "Kabul" and "the Afghan authorities" name: one
    actor, not two. Ministries and departments (also coded GOV) are organs, not rulers."""
    for ruler in [a for a in actors if a.kb_id in kb.entries and a.sector == "GOV" and a.country
                  and any(r.kind == "armed_group" or r.sector in ("INS", "REB") for r in kb.entries[a.kb_id].roles)]:
        for a in [x for x in actors if x.kind == "state" and x.country == ruler.country and x.sector == "GOV"
                  and x.kb_id is None]:
            ruler.mentions = sorted(ruler.mentions + a.mentions, key=lambda m: m.start)
            actors.remove(a)
    for k, a in enumerate(actors, 1):  # ids stay A1..An after a merge (nothing refers to them yet)
        a.id = f"A{k}"
    return actors


@stage("actors", assigns=("actors",), components=("ner", "parser", "lemmatizer"))
def actors(brief: Brief) -> Brief:
    """Find actor mentions and resolve them to canonical actors on the article's date."""
    brief.actors = find_actors(brief.article.text, brief.doc, brief.article.published_date())
    return brief


def list_actors(brief: Brief) -> list[dict]:
    """One row per actor with its mentions, for ``geobrief actors FILE``."""
    rows = []
    for a in brief.actors:
        rows.append({
            "id": a.id, "name": a.name, "kind": a.kind, "country": a.country, "sector": a.sector,
            "code": a.code, "role": a.role, "kb_id": a.kb_id, "confidence": a.confidence,
            "n_mentions": len(a.mentions),
            "mentions": [{"start": m.start, "end": m.end, "text": m.text, "how": m.how} for m in a.mentions],
        })
    return rows
