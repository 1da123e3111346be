"""Layer 5: coreference (surnames, titles, descriptions, group nominals, pronouns) and antecedent search."""
from __future__ import annotations

from typing import Optional

from . import describe
from .base import _Cand
from .words import (
    COREF_DETS, COREF_NOMINALS, COREF_PERSON_TITLES, GROUP_NOMINALS, PERSON_TITLES, PRONOUNS_GROUP,
    PRONOUNS_PERSON, PRONOUNS_THING, RESOLVE_NEUTER_PRONOUNS, SAY_LEMMAS, STATE_NOMINALS,
)


class CorefMixin:
    # ---- layer 5: coreference
    def layer_coref(self) -> None:
        if self.doc is None:
            return
        self.cands.sort(key=lambda c: c.start)
        # surnames of people already named
        people = {}
        for c in self.cands:
            if c.kind == "person" and " " in c.name:
                people.setdefault(c.name.split()[-1].lower(), c)
                if c.country in ("CHN", "KOR", "PRK", "TWN", "VNM"):
                    people.setdefault(c.name.split()[0].lower(), c)
        for tok in self.doc:
            # a known surname the tagger took for an adjective or noun ("The notorious Muttaqi fronts")
            mistagged = tok.pos_ in ("ADJ", "NOUN") and tok.text[:1].isupper() and not tok.is_sent_start
            if (tok.pos_ != "PROPN" and not mistagged) or not self._free(tok.idx, tok.idx + len(tok.text)):
                continue
            p = people.get(tok.lower_)
            if tok.dep_ == "compound" and tok.head.pos_ in ("PROPN", "NOUN") and tok.head.ent_type_ != "PERSON" \
                    and tok.ent_type_ != "PERSON":
                continue  # "the Thorne Institute": a name inside another name
            # (NER calls some surnames places: "The notorious Muttaqi" as GPE; a state's or capital's
            # name is already taken by the knowledge-base layer and never reaches here)
            if p is not None and p.start < tok.idx and tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", ""):
                self._take(_Cand(tok.idx, tok.idx + len(tok.text), p.key, "alias", p.name, p.kind, p.country,
                                 p.sector, p.code, p.role, p.kb_id, p.confidence))
        self.cands.sort(key=lambda c: c.start)
        describe.resolve_descriptions(self, lambda c, s, e: self._copy(c, s, e, "coref"))
        for tok in self.doc:
            low = tok.lower_
            iso = describe.compass_state(self, tok)
            if iso is not None and self._free(tok.nbor(-1).idx, tok.idx + len(tok.text)):
                st = next(c for c in self.cands if c.key == ("state", iso))
                self._take(self._copy(st, tok.nbor(-1).idx, tok.idx + len(tok.text), "coref"))
                continue
            # (not a word inside a hyphenated compound: "his state-of-the-state address")
            hyphened = (tok.i > 0 and tok.nbor(-1).text == "-") or \
                (tok.i + 1 < len(self.doc) and tok.nbor(1).text == "-")
            if low in COREF_NOMINALS and not hyphened and (
                    tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.text.islower())):
                det = [ch for ch in tok.children if ch.dep_ == "det" and ch.lower_ in COREF_DETS]
                # "the desert kingdom", "the oil-rich country": descriptive modifiers are fine, a
                # country word or a name is not ("the Arab country" may be another one)
                if not det or any(ch.dep_ in ("relcl", "acl") or ch.i in self.state_mods or ch.ent_type_
                                  or ch.i in self.entry_mods or (ch.dep_ == "prep" and ch.lower_ != "'s")
                                  or (ch.dep_ == "compound" and low not in STATE_NOMINALS)
                                  for ch in tok.children if ch.dep_ != "det"):
                    continue
                if self._is_locative(tok):
                    continue
                kinds = COREF_NOMINALS[low]
                if low in GROUP_NOMINALS:
                    ante = self._salient(det[0].idx, self._group_like, max_sents=5)
                else:
                    # a state does not act on itself: "Chile's president scolded the nation" is not his own
                    own = self._subject_country(tok) if "state" in kinds else None
                    ante = self._antecedent(det[0].idx, lambda c: (c.kind in kinds or (
                        "armed_group" in kinds and c.sector in ("REB", "INS"))) and (own is None or c.country != own),
                        max_sents=5, binding=True)
                s, e = det[0].idx, tok.idx + len(tok.text)
                if ante is not None and self._free(s, e):
                    self._take(self._copy(ante, s, e, "coref"))
            elif low in ("administration", "authorities", "government") and tok.pos_ == "NOUN":
                det = [ch for ch in tok.children if ch.dep_ == "det" and ch.lower_ in COREF_DETS]
                if not det or any(ch.dep_ in ("compound", "amod", "prep", "relcl", "acl", "poss") for ch in tok.children
                                  if ch.dep_ != "det"):
                    continue
                ante = self._antecedent(det[0].idx, lambda c: c.sector == "GOV" and c.country is not None
                                        or (c.kind == "state" and c.country is not None), max_sents=3)
                s, e = det[0].idx, tok.idx + len(tok.text)
                if ante is not None and self._free(s, e):
                    if ante.kind == "person" or ante.key[0] == "state":
                        st = self.kb.states.get(ante.country)
                        if st is not None:
                            self._take(_Cand(s, e, ("group", ante.country, "GOV"), "coref", f"{st.name} (government)",
                                             "state", ante.country, "GOV", ante.country + "GOV", confidence=0.75))
                    else:
                        self._take(self._copy(ante, s, e, "coref"))
            elif low in ("ministry", "office") and tok.pos_ in ("NOUN", "PROPN") and tok.tag_ in ("NN", "NNP"):
                ante = self._organ_antecedent(tok)
                if ante is not None:
                    det = next(ch for ch in tok.children if ch.dep_ == "det")
                    s, e = det.idx, tok.idx + len(tok.text)
                    if self._free(s, e):
                        self._take(self._copy(ante, s, e, "coref"))
            elif low in COREF_PERSON_TITLES and tok.pos_ == "NOUN" and tok.tag_ == "NN":
                det = [ch for ch in tok.children if ch.dep_ == "det" and ch.lower_ in COREF_DETS]
                # "the U.S. president": a country word must be the person's own country
                mod_iso = {self.state_mods[ch.i][0] for ch in tok.children if ch.i in self.state_mods}
                if not det or tok.head.ent_type_ == "PERSON" or len(mod_iso) > 1 or any(
                        ch.dep_ in ("prep", "relcl", "acl", "appos") or ch.i in self.entry_mods
                        for ch in tok.children):
                    continue
                ante = self._antecedent(det[0].idx, lambda c: c.kind == "person" and describe.fits_title(low, c.role)
                                        and (not mod_iso or c.country in mod_iso), max_sents=12 if mod_iso else 4)
                if ante is None and mod_iso:
                    ante = self._head_of_named_government(det[0].idx, low, mod_iso)
                s = det[0].idx
                for ch in tok.children:
                    if ch.dep_ in ("amod", "compound") and ch.i < tok.i:
                        s = min(s, ch.left_edge.idx)
                e = tok.idx + len(tok.text)
                if ante is not None and mod_iso:
                    inside = [c for c in self.cands if c.start >= s and c.end <= e and c.country in mod_iso
                              and (c.key[0] in ("state", "group") or c.how in ("nominal", "demonym"))]
                    self.cands = [c for c in self.cands if c not in inside]
                    self.taken = [(a, b) for a, b in self.taken if not any(a == c.start and b == c.end for c in inside)]
                if ante is not None and self._free(s, e):
                    self._take(self._copy(ante, s, e, "coref"))
            elif low in PRONOUNS_PERSON and tok.pos_ == "PRON" and tok.dep_ == "poss" and \
                    tok.head.lemma_.lower() in ("government", "administration", "country", "ministry"):
                # "his government": the government of the person's country; "her country": the state
                ante = self._antecedent(tok.idx, lambda c: c.kind == "person" and c.country, max_sents=1)
                if ante is not None:
                    s, e = tok.idx, tok.head.idx + len(tok.head.text)
                    st = self.kb.states.get(ante.country)
                    if st is not None and self._free(s, e) and tok.head.lemma_.lower() == "country":
                        self._take(_Cand(s, e, ("state", ante.country), "coref", st.name, "state", ante.country,
                                         None, ante.country, confidence=0.8))
                    elif st is not None and self._free(s, e):
                        self._take(_Cand(s, e, ("group", ante.country, "GOV"), "coref", f"{st.name} (government)",
                                         "state", ante.country, "GOV", ante.country + "GOV", confidence=0.8))
            elif low in PRONOUNS_PERSON and tok.pos_ == "PRON" and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "dative"):
                ante = None
                if tok.dep_ == "nsubj" and tok.head.lemma_ in SAY_LEMMAS:
                    # "..., he said": the last one who spoke, not the last person named in what was said
                    # ("Balkhi also denied that Khalilzad held a meeting. '...,' he said." -> Balkhi)
                    ante = self._antecedent(tok.idx, lambda c: c.kind == "person" and self._is_speaker(c), max_sents=2)
                ante = ante or self._antecedent(tok.idx, lambda c: c.kind == "person", max_sents=1, nearest_only=True)
                if ante is not None:
                    self._take(self._copy(ante, tok.idx, tok.idx + len(tok.text), "pronoun"))
            elif not RESOLVE_NEUTER_PRONOUNS and tok.pos_ == "PRON":
                if low in ("they", "their") and tok.dep_ in ("nsubj", "poss"):
                    c = self._bound_group(tok)
                    if c is not None:
                        self._take(self._copy(c, tok.idx, tok.idx + len(tok.text), "pronoun"))
                continue
            elif low in PRONOUNS_THING and tok.pos_ == "PRON" and (
                    tok.dep_ == "poss" or (tok.dep_ == "nsubj" and tok.head.lemma_ not in ("be",)
                                           and not any(c.dep_ in ("acomp", "attr", "ccomp") and c.i > tok.head.i
                                                       and tok.head.lemma_ in ("seem", "appear") for c in tok.head.children))):
                ante = self._antecedent(tok.idx, lambda c: c.kind != "person" and c.how != "pronoun",
                                        max_sents=1, nearest_only=True, subject_only=True)
                if ante is not None:
                    self._take(self._copy(ante, tok.idx, tok.idx + len(tok.text), "pronoun"))
            elif low in PRONOUNS_GROUP and tok.pos_ == "PRON" and tok.dep_ in ("nsubj", "poss"):
                ante = self._antecedent(tok.idx, lambda c: c.kind in ("armed_group", "organisation", "igo") or (
                    c.key[0] == "group" or c.how == "demonym"), max_sents=1, nearest_only=True, subject_only=True)
                if ante is not None:
                    self._take(self._copy(ante, tok.idx, tok.idx + len(tok.text), "pronoun"))

    def _head_of_named_government(self, before: int, title: str, isos: set) -> Optional[_Cand]:
        """'the Obama administration ... the U.S. president': the person the government before is named
        after, when the text names that person (before or after) with a role that fits the title."""
        si = self._sent_index(before)
        for g in sorted(self.cands, key=lambda c: -c.start):
            if g.start >= before or si - self._sent_index(g.start) > 3:
                continue
            words = g.name.split()
            if len(words) != 2 or words[1].lower() not in ("administration", "government") or g.country not in isos:
                continue
            return next((c for c in sorted(self.cands, key=lambda c: c.start) if c.kind == "person"
                         and c.how in ("name", "alias") and c.name.split()[-1] == words[0] and c.country in isos
                         and describe.fits_title(title, c.role)), None)
        return None

    def _subject_country(self, tok) -> Optional[str]:
        """The country of the subject of the clause ``tok`` is an object in, if that subject is a known actor."""
        if tok.dep_ in ("nsubj", "nsubjpass"):
            return None
        t = tok
        while t.head.i != t.i and t.pos_ not in ("VERB", "AUX"):
            t = t.head
        for v in [t] + ([t.head] if t.dep_ in ("xcomp", "conj") else []):
            subj = next((ch for ch in v.children if ch.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                c = next((c for c in self.cands if c.start <= subj.idx < c.end), None)
                return c.country if c is not None else None
        return None

    def _is_speaker(self, c: _Cand) -> bool:
        """The mention is the subject of a saying verb ("Balkhi denied", "the spokesman said")."""
        r = self._root(c.start, c.end)
        return r is not None and r.dep_ == "nsubj" and r.head.lemma_ in SAY_LEMMAS

    def _organ_antecedent(self, tok) -> Optional[_Cand]:
        """"the ministry", "the foreign ministry", "the interior ministry": the ministry (or office) of
        this text that the modifiers fit and that was named most often before, the latest on a tie.
        Not "the ministry of ..." (a name of its own) nor a ministry no earlier organisation names."""
        kids = list(tok.children)
        if not any(ch.dep_ == "det" and ch.lower_ in COREF_DETS for ch in kids) or \
                any(ch.dep_ in ("prep", "relcl", "acl", "appos", "poss") or ch.i in self.state_mods
                    or ch.i in self.entry_mods for ch in kids):
            return None
        if tok.head.lower_ == "of" and tok.head.head.lower_ in PERSON_TITLES:
            return None  # "the spokesman of the ministry": part of a person's title
        mods = [ch.lower_ for ch in kids if ch.dep_ in ("amod", "compound") and ch.i < tok.i]
        seen: dict[tuple, list] = {}
        for c in self.cands:
            if c.end <= tok.idx and c.kind == "organisation" and c.country and tok.lower_ in c.name.lower() \
                    and all(m in c.name.lower() for m in mods):
                seen.setdefault(c.key, []).append(c)
        if not seen:
            return None
        best = max(seen.values(), key=lambda cs: (len(cs), max(c.start for c in cs)))
        return best[-1]

    def _group_like(self, c: _Cand) -> bool:
        """Can "the group"/"the movement" mean this actor? Armed groups, movements that now govern
        (the Taliban), parties and NGOs; not a ministry, army or other organ of a state."""
        if c.how == "pronoun":
            return False
        if c.kind == "armed_group" or c.sector in ("REB", "INS"):
            return True
        e = self.kb.entries.get(c.kb_id) if c.kb_id else None
        if e is not None and (e.source.startswith("groups.tsv") or any(
                r.kind == "armed_group" or r.sector in ("REB", "INS") for r in e.roles)):
            return True  # the shipped file of non-state groups, or a movement that once fought
        return c.kind == "organisation" and c.sector not in ("GOV", "LEG", "JUD", "MIL", "COP", "SPY", "IGO")

    def _salient(self, before: int, ok, max_sents: int = 3) -> Optional[_Cand]:
        """The antecedent of a definite group nominal: in the nearest sentence (back to ``max_sents``)
        holding a compatible actor, the last one that is a clause subject, else the last one."""
        si = self._sent_index(before)
        by_sent: dict[int, list[_Cand]] = {}
        for c in self.cands + self.shadow:
            if c.end <= before and 0 <= si - self._sent_index(c.start) <= max_sents and ok(c):
                by_sent.setdefault(self._sent_index(c.start), []).append(c)
        for k in sorted(by_sent, reverse=True):
            cs = sorted(by_sent[k], key=lambda c: c.start)
            subj = []
            for c in cs:
                r = self._root(c.start, c.end)
                while r is not None and r.dep_ in ("conj", "appos") and r.head.i != r.i:
                    r = r.head
                if r is not None and r.dep_ in ("nsubj", "nsubjpass"):
                    subj.append(c)
            return (subj or cs)[-1]
        return None

    def _bound_group(self, tok) -> Optional[_Cand]:
        """'The Taliban could offer access to their airfields': they/their inside the clause whose
        subject is a named armed group or movement, with no other plural noun phrase in between."""
        head = tok.head if tok.dep_ == "poss" else tok
        clause = head
        best = None
        # climb to the nearest verb whose subject is a known group, not crossing into a reported clause
        t = head
        while True:
            subj = [ch for ch in t.children if ch.dep_ in ("nsubj", "nsubjpass") and ch.i < tok.i and ch.i != tok.i]
            if subj:
                r = subj[0]
                best = next((c for c in self.cands if c.start <= r.idx < c.end and c.how in ("name", "alias")
                             and c.kb_id is not None and (c.kind == "armed_group" or c.sector in ("REB", "INS")
                                                          or c.name.lower().endswith(("taliban", "houthis")))), None)
                clause = t
                break
            if t.dep_ in ("ccomp", "parataxis", "relcl", "advcl") or t.head.i == t.i:
                return None
            t = t.head
        if best is None:
            return None
        # no other plural noun phrase (a rival antecedent) between the subject and the pronoun
        r_end = self._tok(best.end - 1)
        for x in self.doc[(r_end.i + 1 if r_end is not None else clause.i):tok.i]:
            if x.tag_ in ("NNS", "NNPS") or x.lower_ in ("they", "them", "their") and x.i != tok.i:
                return None
        return best

    def _sent_index(self, char: int) -> int:
        t = self._tok(char)
        if t is None:
            return 0
        return self._sent_starts.get(t.sent.start, 0)

    def _antecedent(self, before: int, ok, max_sents: int = 2, nearest_only: bool = False,
                    subject_only: bool = False, binding: bool = False) -> Optional[_Cand]:
        si = self._sent_index(before)
        best = None
        here = self._tok(before)
        for c in sorted(self.cands + self.shadow, key=lambda c: c.start, reverse=True):
            if c.end > before:
                continue
            r0 = self._root(c.start, c.end)
            if binding and here is not None and r0 is not None and r0.dep_ in ("nsubj", "nsubjpass") and \
                    r0.head in here.ancestors and self._sent_index(c.start) == si and \
                    not self._crosses_clause(here, r0.head):
                continue  # the subject of the clause that contains the nominal is someone else
            if si - self._sent_index(c.start) > max_sents:
                break
            if not ok(c):
                continue
            if subject_only:
                r = self._root(c.start, c.end)
                if r is None or r.dep_ not in ("nsubj", "nsubjpass", "poss", "conj", "appos", "compound"):
                    if self._sent_index(c.start) != si:
                        continue
            best = c
            break
        return best

    @staticmethod
    def _crosses_clause(tok, top) -> bool:
        """True when the path from ``tok`` up to ``top`` enters a reported/complement clause."""
        t = tok
        while t.i != top.i and t.head.i != t.i:
            if t.dep_ in ("ccomp", "xcomp", "relcl", "advcl", "conj", "parataxis"):
                return True
            t = t.head
        return False

    @staticmethod
    def _copy(c: _Cand, s: int, e: int, how: str) -> _Cand:
        return _Cand(s, e, c.key, how, c.name, c.kind, c.country, c.sector, c.code, c.role, c.kb_id, c.confidence)

