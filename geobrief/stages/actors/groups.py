"""Layer 2: nominal groups, a country word + an actor noun ("Pakistani officials", "a team of Chinese engineers")."""
from __future__ import annotations

from typing import Optional

from . import describe
from .base import _Cand, _group_actor_kind
from .lexicon import agents
from .words import (
    COLLECTIVE_NOUNS, FOREIGN_POSTED, GENERAL_POSTPOSITIVE, LOCATED_SECTORS, PLACE_LIKE_NOUNS, SECTOR_MODIFIERS, SECTOR_NAMES,
    SECTOR_NOUNS,
)


class GroupsMixin:
    # ---- layer 2: nominal groups
    def _country_of_mod(self, tok) -> Optional[tuple[str, str, int, int]]:
        return self.state_mods.get(tok.i)

    def _noun_sector(self, tok) -> Optional[str]:
        lemma = tok.lemma_.lower()
        if lemma == "general" and tok.i > 0 and tok.nbor(-1).lower_ in GENERAL_POSTPOSITIVE:
            # "attorney general", "secretary general": an office, not an army rank
            return GENERAL_POSTPOSITIVE[tok.nbor(-1).lower_]
        sec = SECTOR_NOUNS.get(lemma) or SECTOR_NOUNS.get(tok.text.lower())
        # "Rebels in Sudan ...", "Nurses in Ghana ...": capitalised at the start, read as a name
        initial_plural = tok.is_sent_start and tok.text.endswith("s") and lemma == tok.lower_
        if sec is None and initial_plural:
            sec = SECTOR_NOUNS.get(lemma[:-1])
        if sec is None:
            if tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or not (tok.text[:1].islower() or tok.is_sent_start):
                return None  # the agents dictionary holds common nouns, not names
            # CAMEO's agent vocabulary (Phoenix agents dictionary): "gendarmes", "riot police"
            mods = [ch.lower_ for ch in tok.children if ch.dep_ in ("amod", "compound") and ch.i == tok.i - 1]
            return agents().sector(mods + [lemma]) or (agents().sector(mods + [lemma[:-1]]) if initial_plural else None)
        for ch in tok.children:
            if ch.dep_ in ("amod", "compound", "nmod") and ch.i < tok.i:
                ms = SECTOR_MODIFIERS.get(ch.lemma_.lower()) or SECTOR_MODIFIERS.get(ch.text.lower())
                if ms:
                    return ms
        return sec

    def layer_nominal(self) -> None:
        if self.doc is None:
            return
        self._located: set[int] = set()
        self._skip_nouns: set[int] = set()
        for tok in self.doc:
            if tok.pos_ not in ("NOUN", "PROPN") or self._noun_sector(tok) is None or tok.i in self._skip_nouns:
                continue
            # a title before a name ("U.S. envoy Zalmay Khalilzad") belongs to the person (layer 3)
            if tok.dep_ in ("compound", "nmod") and tok.head.ent_type_ == "PERSON":
                continue
            if tok.ent_type_ == "PERSON" or (tok.ent_type_ == "ORG" and tok.pos_ == "PROPN"):
                continue  # a name: people and organisations are layers 3 and 4
            # an appositive title of a named person ("Sergey Lavrov, Russia's foreign minister") too
            if (tok.dep_ == "appos" and tok.head.ent_type_ in ("PERSON", "ORG")
                    and not self._in_dateline(tok.head.idx, tok.head.idx + len(tok.head.text))) or any(
                    ch.dep_ == "appos" and ch.ent_type_ in ("PERSON", "ORG") for ch in tok.children):
                continue
            # country words among the modifiers, their conjuncts, and of/from complements
            mods = []
            for ch in tok.children:
                if ch.i < tok.i and ch.dep_ in ("amod", "compound", "nmod", "poss"):
                    mods.append(ch)
                    mods.extend(c for c in ch.conjuncts if c.i < tok.i)
                    mods.extend(c for c in ch.children if c.dep_ in ("compound",) and c.i < tok.i)
                elif ch.i > tok.i and ch.dep_ == "prep" and ch.text.lower() in ("from", "of"):
                    mods.extend(p for p in ch.children if p.dep_ == "pobj" and p.pos_ == "PROPN")
                elif ch.i > tok.i and ch.dep_ == "prep" and ch.text.lower() == "in" and \
                        self._noun_sector(tok) in LOCATED_SECTORS and \
                        tok.lemma_.lower() not in FOREIGN_POSTED and not any(
                            k.i < tok.i and (k.i in self.entry_mods or k.i in self._entry_tok or k.dep_ == "poss")
                            for k in tok.children):
                    # "a court in Guyana", "officials in Kabul", "protesters in Chile": the place's country,
                    # the state stays
                    for p in ch.children:
                        hit = self.state_mods.get(p.i) if p.dep_ == "pobj" and not any(
                            self.state_mods.get(x.i) for x in mods) else None  # "a US official in Washington"
                        if hit:
                            self._located.add(tok.i)
                            mods.append(p)
            src = tok
            if not mods and tok.dep_ == "conj":  # "French officials and military advisers"
                src = tok.head
                for ch in src.children:
                    if ch.i < src.i and ch.dep_ in ("amod", "compound", "nmod", "poss"):
                        mods.append(ch)
                        mods.extend(c for c in ch.conjuncts if c.i < src.i)
            found = []
            for mtok in mods:
                hit = self._country_of_mod(mtok)
                if hit:
                    found.append((mtok, hit))
                elif mtok.i in self.entry_mods and src is tok:
                    pass  # "Taliban officials": the organisation itself already carries the mention
            if not found:
                continue
            sector = self._noun_sector(tok)
            lemma = tok.lemma_.lower()
            # after a dateline the parser often hangs the real subject on the place as an appositive
            # ("KABUL - A US delegation led by ... arrived"): it is still the subject
            dl_subject = tok.dep_ == "appos" and self._in_dateline(tok.head.idx, tok.head.idx + len(tok.head.text))
            if tok.tag_ in ("NN", "NNP") and lemma not in COLLECTIVE_NOUNS and tok.dep_ not in ("nsubj", "nsubjpass", "dobj") \
                    and not (tok.dep_ == "pobj" and tok.head.dep_ == "agent") and not dl_subject:
                continue
            if lemma in PLACE_LIKE_NOUNS and self._is_locative(tok):
                continue  # "at the Afghan embassy": a building
            # coordinated actor nouns of one country make one nominal group
            # ("a delegation of French officials and military advisers")
            conj_sectors = [self._noun_sector(c) for c in tok.conjuncts if c.i > tok.i and self._noun_sector(c)
                            and not any(self.state_mods.get(ch.i) for ch in c.children)]
            seen = set()
            for mtok, (iso, how, ms, me) in found:
                if iso in seen:
                    continue
                seen.add(iso)
                st = self.kb.states[iso]
                if src is tok:
                    start = min(ms, tok.idx)
                else:
                    start = tok.left_edge.idx if tok.left_edge.i <= tok.i else tok.idx
                    start = min(start, tok.idx)
                end = tok.idx + len(tok.text)
                if tok.i in self._located:
                    start = min(ch.idx for ch in [tok] + [c for c in tok.children if c.i < tok.i and c.dep_ in ("amod", "compound")])
                    c = _Cand(start, end, ("group", iso, sector), "nominal",
                              f"{st.name} ({SECTOR_NAMES.get(sector, sector)})", _group_actor_kind(sector), iso,
                              sector, iso + sector, confidence=0.75)
                    if self._free(c.start, c.end):
                        self._take(c)
                    continue
                # drop the bare state mention that the nominal group absorbs
                self.cands = [c for c in self.cands if not (c.start >= ms and c.end <= me and c.key == ("state", iso))]
                self.taken = [(s, e) for s, e in self.taken if not (s >= ms and e <= me)]
                if conj_sectors and len(found) == 1 and src is tok:
                    last = max(c.i for c in tok.conjuncts if c.i > tok.i and self._noun_sector(c)
                               and not any(self.state_mods.get(ch.i) for ch in c.children))
                    end = self.doc[last].idx + len(self.doc[last].text)
                    head = tok.head.head if tok.dep_ == "pobj" and tok.head.text.lower() == "of" else None
                    if head is not None and head.lemma_.lower() in SECTOR_NOUNS:
                        start = min(start, head.left_edge.idx)
                    secs = [sector] + [x for x in conj_sectors if x != sector]
                    c = _Cand(start, end, ("group", iso, "+".join(secs)), "nominal",
                              self.text[start:end], "other", iso, sector, iso + "".join(dict.fromkeys(secs)),
                              confidence=0.85)
                    self.cands = [x for x in self.cands if not (x.start >= ms and x.end <= me and x.key == ("state", iso))]
                    self.taken = [(a, b) for a, b in self.taken if not (a >= ms and b <= me)]
                    if self._free(c.start, c.end):
                        self._take(c)
                        self._skip_nouns.update(x.i for x in tok.conjuncts if x.i <= last)
                    continue
                gh = describe.group_head(tok) if src is tok and len(found) == 1 else None
                if gh is not None:  # "a team of Chinese engineers, including ...": the group is the actor
                    start = min(start, gh.left_edge.idx)
                if len(found) > 1:  # "US and Afghan officials": each country word + the noun
                    start, mention_end = ms, me
                    c = _Cand(start, mention_end, ("group", iso, sector), "nominal",
                              f"{st.name} ({SECTOR_NAMES.get(sector, sector)})", _group_actor_kind(sector), iso,
                              sector, iso + sector, confidence=0.85)
                else:
                    c = _Cand(start, end, ("group", iso, sector), "demonym" if how == "demonym_sg" else "nominal",
                              f"{st.name} ({SECTOR_NAMES.get(sector, sector)})", _group_actor_kind(sector), iso,
                              sector, iso + sector, confidence=0.85)
                if self._free(c.start, c.end):
                    self._take(c)

