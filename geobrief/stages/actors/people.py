"""Layers 3 and 4: people and organisations the knowledge base lacks, with the country and sector
their titles and descriptions give."""
from __future__ import annotations

import re
from typing import Optional

from . import describe
from .base import _Cand
from .words import (
    CLERGY_TITLES, HONORIFICS, MEDIA_WORDS, NAME_PARTICLES, NOT_PERSON, ORG_HEADS, PERSON_TITLES, SECTOR_NOUNS,
)

# a committee of a legislature makes its members lawmakers, whatever the committee's subject
COMMITTEE_WORDS = {"committee", "subcommittee", "caucus"}
CHAMBER_WORDS = {"house", "senate", "congress", "congressional", "parliament", "parliamentary", "legislative",
                 "assembly", "duma", "knesset", "bundestag", "lok", "rajya"}


def _legislative_committee(span) -> bool:
    """True when the words name a committee of a legislature ("House Intelligence Committee")."""
    low = {t.lower_ for t in span}
    return bool(low & COMMITTEE_WORDS) and bool(low & CHAMBER_WORDS)


class PeopleMixin:
    # ---- layer 3: people not in the knowledge base (and context for those that are)
    def _title_context(self, ent) -> tuple[Optional[str], Optional[str], Optional[str], Optional[tuple], bool]:
        """(country, sector, role text, org-cand, former) from the words before the name or an appositive."""
        doc = self.doc
        root = ent.root
        spans = []
        left = root.left_edge.i
        first = _after_clergy_titles(doc, ent.start, ent.end)  # "Bishop Juan Barros": a title before the name
        if left < first:
            spans.append(doc[left:first])
        for ch in root.children:
            if ch.dep_ == "appos" and ch.i >= ent.end:
                spans.append(doc[ch.left_edge.i:ch.right_edge.i + 1])
        if root.dep_ == "appos" and root.head.i < ent.start:
            h = root.head
            p = h.head if h.dep_ == "pobj" else None
            if p is not None and p.lower_ in ("to", "for", "at") and p.head.pos_ == "NOUN" and (
                    p.head.lower_ in PERSON_TITLES or p.head.lemma_.lower() in SECTOR_NOUNS):
                # "Trump's ambassador to the U.N., Jane Doe": the parser hangs the name on the U.N.;
                # the title is "Trump's ambassador", and the place posted to is not her country
                h = p.head
            spans.append(doc[h.left_edge.i:h.i + 1])
        for sp in spans:
            # a dash or bracket closes the title: what follows describes the organisation named in it
            # ("the chief executive of Ora Media -- the company that owns ...")
            cut = next((t.i for t in sp if t.i > sp.start and t.text in ("--", "\u2014", "\u2013", "(", ";")), None)
            if cut is not None:
                sp = doc[sp.start:cut]
            country = sector = None
            org = None
            former = any(t.lower_ in ("former", "ex", "then") for t in sp)
            for t in sp:
                hit = self.state_mods.get(t.i)
                if hit and country is None:
                    country = hit[0]
                if t.i in self.entry_mods and org is None:
                    org = self.entry_mods[t.i]
            words = [t for t in sp if t.pos_ in ("NOUN", "PROPN", "ADJ") and t.lower_ in PERSON_TITLES
                     or t.lemma_.lower() in SECTOR_NOUNS]
            if not words and country is None and org is None:
                continue
            for t in reversed(list(sp)):
                s = self._noun_sector(t) if t.pos_ in ("NOUN", "PROPN") else None
                if s:
                    sector = s
                    break
            if sector is not None and _legislative_committee(sp):
                sector = "LEG"  # "top Democrat on the House Intelligence Committee" is a lawmaker
            if org is not None and country is None:
                country = org.country
                if sector in (None, "GOV") and org.sector:
                    sector = org.sector
            kept = [t for t in sp if t.dep_ not in ("det", "punct", "case") and t.i not in self.state_mods
                    and t.i not in self.entry_mods]
            if kept and kept[-1].pos_ == "ADP":
                # "a deputy spokesman for the Taliban government": the organisation completes the title
                kept = [t for t in sp if t.i >= kept[0].i and t.dep_ != "punct"]
            if kept and kept[-1].i - kept[0].i == len(kept) - 1:  # contiguous: the article's own spacing
                role = doc.text[kept[0].idx:kept[-1].idx + len(kept[-1].text)].strip() or None
            else:
                role = " ".join(t.text for t in kept).strip() or None
            if role and not any(w in role.lower() for w in PERSON_TITLES):
                role = None
            return country, sector, role, (sp.start_char, sp.end_char), former
        return None, None, None, None, False

    def layer_people(self) -> None:
        if self.doc is None:
            return
        for ent in self.doc.ents:
            label = ent.label_
            if label == "GPE" and self._free(ent.start_char, ent.end_char) and \
                    describe.naming_description(self, ent) is not None:
                label = "ORG"  # "Russia's state-owned arms company, X": the parser's GPE is a company
            if label not in ("PERSON", "ORG"):
                continue
            s, e = ent.start_char, ent.end_char
            # trim a leading determiner / trailing possessive; a name ends at a line break (a sign-off
            # "NAME\nOUTLET") and starts after an owner ("Policy Watch's Omar Delgado")
            toks = _name_tokens(ent)
            if not toks:
                continue
            s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            if label == "PERSON" and self._town_country(ent) == ";":
                continue  # "Pailin, Cambodia; Binh Long, Vietnam;": a list of places, not people
            if label == "PERSON" or not self._free(s, e):
                # the title / appositive around a name belongs to that person: the country or
                # organisation named inside it is not a separate mention
                self._consume_title(ent, s, e)
            if not self._free(s, e):
                continue  # known (KB) person or organisation: the KB answer stands
            words = [t for t in toks if t.is_alpha]
            if not words or any(w.lower_ in NOT_PERSON for w in words):
                continue
            same_org = next((c for c in self.cands if c.kind in ("organisation", "igo", "armed_group")
                             and c.name.lower() == self.text[s:e].lower()), None)
            if same_org is not None:  # an outlet's name in a sign-off, which the text names elsewhere as a body
                self._take(self._copy(same_org, s, e, "alias"))
                continue
            described = describe.naming_description(self, ent)
            if described is not None and self._earlier_person(words, s) is None:
                # "Russia's state-owned arms company, X": an organisation, with the description's country
                sector, country, (a, b) = described
                self.cands = [c for c in self.cands if not (c.start >= a and c.end <= b and c.key[0] == "state")]
                self.taken = [(x, y) for x, y in self.taken if not (x >= a and y <= b) or (x >= s and y <= e)]
                org = self._org_cand(s, e, sector, country, 0.7 if country else 0.5)
                self._take(org)
                if (b <= s or a >= e) and self._free(a, b):  # the description itself refers to it
                    self._take(self._copy(org, a, b, "coref"))
                continue
            if label == "ORG" and len(words) == 1 and toks[0].text[:1].isupper():
                prior = self._earlier_person(words, s)
                if prior is not None:  # the surname of someone named before, which the tagger took for a body
                    self.pending = [p for p in self.pending if not (p.start == s and p.end == e)]
                    self._take(self._copy(prior, s, e, "alias"))
                    continue
            if label == "ORG":
                if self._titled_appositive(ent):
                    self._consume_title(ent, s, e)
                elif not self._person_like_org(ent, toks):
                    continue
            if not all(t.text[:1].isupper() or t.lower_ in NAME_PARTICLES or self._hyphen_part(t)
                       for t in words if t.pos_ == "PROPN") or not words[0].text[:1].isupper():
                continue
            if len(words) == 1 and label == "PERSON" and words[0].pos_ != "PROPN":
                continue
            if ent.root.dep_ == "compound" and ent.root.head.pos_ == "NOUN" and \
                    ent.root.head.lower_ not in PERSON_TITLES:
                continue  # "Mes Aynak copper deposit": a name used as a modifier
            prior = self._earlier_person(words, s)
            if prior is not None:
                self._take(self._copy(prior, s, e, "alias"))
                continue
            country, sector, role, span, former = self._title_context(ent)
            if label == "PERSON" and role is None and country is None and self._settlement(ent, s, e):
                continue  # "the attack on Zhawar Kili", "residents of Tora Bora": a place, not a person
            if former and country:
                sector = "ELI"
                role = role if (role or "").lower().startswith("former") else (f"former {role}" if role else "former official")
            if country is None and sector is None and len(words) == 1:
                if describe.reports(ent):  # "X reported earlier this week": a news outlet
                    self._take(self._org_cand(s, e, "JRN", None, 0.5))
                elif not self._honorific(ent):
                    self._pend(s, e)
                    continue  # a lone unknown name with no title: too weak to call it a person
            conf = 0.8 if country else 0.5
            name = self.text[s:e]
            # people who share a surname are one person only with the same first initial ("Keith Lamont
            # Scott" and "Keith Scott"; not his wife "Rakeyia Scott")
            parts = name.split()
            key = ("person", parts[-1].lower(), parts[0][:1].lower() if len(parts) > 1 else None, country)
            c = _Cand(s, e, key, "name", name, "person", country, sector,
                      (country or "") + (sector or "") or None, role, None, conf)
            self._take(c)

    def _consume_title(self, ent, s: int, e: int) -> None:
        doc = self.doc
        root = ent.root
        spans = []  # (start, end, states_only)
        if root.left_edge.i < ent.start:
            spans.append((doc[root.left_edge.i].idx, s, False))
        for ch in root.children:
            if ch.dep_ == "appos" and ch.i >= ent.end and ch.ent_type_ != "PERSON" and (
                    ch.lower_ in PERSON_TITLES or ch.lemma_.lower() in SECTOR_NOUNS):
                spans.append((doc[ch.left_edge.i].idx, doc[ch.right_edge.i].idx + len(doc[ch.right_edge.i].text), True))
        if root.dep_ == "appos" and root.head.i < ent.start and root.head.ent_type_ != "PERSON" and (
                root.head.lower_ in PERSON_TITLES or root.head.lemma_.lower() in SECTOR_NOUNS):
            # "The Taliban foreign minister, Amir Khan Muttaqi": the organisation word is part of the
            # title; "Hezbollah's leader, Naim Qassem" keeps the possessor as its own mention
            h = root.head
            spans.append((doc[h.left_edge.i].idx, h.idx + len(h.text), "no_poss"))
        j = ent.start
        while j > 0 and (doc[j - 1].pos_ in ("PROPN", "ADJ", "NOUN", "PART") or doc[j - 1].lower_ == "of") \
                and doc[j - 1].ent_type_ != "PERSON" and doc[j - 1].text not in (",", "and"):
            j -= 1
        if j < ent.start and any(t.lower_ in PERSON_TITLES or t.lower_ == "'s" for t in doc[j:ent.start]):
            # "Pakistan's Ishaq Dar", "Secretary of State Mike Pompeo" when the parse is flat
            spans.append((doc[j].idx, s, False))
        for a, b, states_only in spans:
            inner = [c for c in self.cands if c.start >= a and c.end <= b and not (c.start >= s and c.end <= e)
                     and (c.kind != "person" or c.kb_id is None or self.kb.entries[c.kb_id].weak)
                     and not self._described(c)
                     and (not states_only or c.key[0] in ("state", "group")
                          or (states_only == "no_poss" and not self._is_possessor(c)))]
            self.shadow.extend(inner)
            if inner:
                self.cands = [c for c in self.cands if c not in inner]
                self.taken = [(x, y) for x, y in self.taken if not any(x == c.start and y == c.end for c in inner)]

    def _described(self, c: _Cand) -> bool:
        """'the foreign minister of X, a founding member of NATO': the text says something of X itself."""
        r = self._root(c.start, c.end)
        return r is not None and c.key[0] == "state" and any(
            ch.dep_ == "appos" and ch.ent_type_ != "PERSON" and ch.lower_ not in PERSON_TITLES for ch in r.children)

    def _is_possessor(self, c: _Cand) -> bool:
        r = self._root(c.start, c.end)
        return r is not None and r.dep_ == "poss"

    def _earlier_person(self, words, start: int) -> Optional[_Cand]:
        """A person named in full earlier whose surname (or Chinese/Korean family name) this is; or a
        known person of the text with the same surname and first initial ("Michael R. Pompeo" for
        "Mike Pompeo", anywhere in the text)."""
        if len(words) > 1:
            first, last = words[0].lower_, words[-1].lower_
            for c in self.cands:
                parts = c.name.lower().split()
                if c.kind == "person" and c.kb_id is not None and len(parts) > 1 and parts[-1] == last \
                        and parts[0][:1] == first[:1]:
                    return c
            return None
        w = words[0].lower_
        for c in sorted(self.cands, key=lambda c: c.start):
            if c.start >= start or c.kind != "person" or " " not in c.name:
                continue
            parts = c.name.lower().split()
            if parts[-1] == w or (c.country in ("CHN", "KOR", "PRK", "TWN", "VNM") and parts[0] == w):
                return c
            if len(parts) > 3 and w in parts[1:-1] and w not in NAME_PARTICLES:
                return c  # "Lula" of "Luiz Inacio Lula da Silva": a long name's part in use alone
        return None

    def _settlement(self, ent, s: int, e: int) -> bool:
        """An untitled name the gazetteer knows as a place, used as the object of a preposition; or any
        name written as a town with its country after it ("Binh Long, Vietnam;")."""
        if self.doc is None:
            return False
        if self._town_country(ent) is not None:
            return True
        if ent.root.dep_ != "pobj":
            return False
        from ...knowledge.places import gazetteer
        return self.text[s:e] in gazetteer()

    def _town_country(self, ent) -> Optional[str]:
        """The punctuation after "NAME, COUNTRY" when a country follows the name as a town's would."""
        doc = self.doc
        j = ent.end
        if not (j + 1 < len(doc) and doc[j].text == "," and doc[j + 1].i in self.state_mods):
            return None
        k = j + 1
        while k < len(doc) and k in self.state_mods:
            k += 1
        if k >= len(doc):
            return "."
        if doc[k].is_space or doc[k].is_punct and doc[k].text not in ("-", "\u2013"):
            return doc[k].text.strip() or "\n"
        return None

    def _hyphen_part(self, t) -> bool:
        """'ho' of 'Min-ho': a lower-case part of a hyphenated given name."""
        return t.i >= 2 and t.nbor(-1).text == "-" and not t.nbor(-1).whitespace_ and \
            not t.nbor(-2).whitespace_ and t.nbor(-2).text[:1].isupper()

    def _honorific(self, ent) -> bool:
        """'Mr. Brown', 'Dr Smith': a person even with no other title."""
        return ent.start > 0 and self.doc[ent.start - 1].lower_.rstrip(".") in HONORIFICS

    def _titled_appositive(self, ent) -> bool:
        """spaCy's ORG on a full name followed by a person title: 'X Y, the foreign minister of ...'."""
        words = [t for t in ent if t.is_alpha]
        if not 2 <= len(words) <= 4 or not all(t.text[:1].isupper() for t in words) or \
                any(t.lower_ in ORG_HEADS or t.lemma_.lower() in SECTOR_NOUNS for t in words):
            return False
        root = ent.root
        if root.dep_ == "appos" and root.head.dep_ == "pobj" and root.head.head.lower_ in ("to", "for") and \
                root.head.head.head.lower_ in PERSON_TITLES:
            return True  # "Trump's ambassador to the U.N., X Y"
        return any(ch.dep_ == "appos" and ch.i >= ent.end and ch.lower_ in PERSON_TITLES
                   and ch.lemma_.lower() not in ORG_HEADS for ch in root.children)

    def _person_like_org(self, ent, toks) -> bool:
        """spaCy's sm model tags some full names ORG: a title before 2-3 capitalised words, no org word."""
        if not 2 <= len(toks) <= 3:
            return False
        if any(t.lower_ in ORG_HEADS or t.lower_ in SECTOR_NOUNS or not t.is_title for t in toks):
            return False
        prev = self.doc[ent.start - 1] if ent.start > 0 else None
        return prev is not None and (prev.lower_ in PERSON_TITLES or prev.lemma_.lower() in SECTOR_NOUNS)

    # ---- layer 4: organisations not in the knowledge base
    def layer_orgs(self) -> None:
        if self.doc is None:
            return
        for ent in self.doc.ents:
            if ent.label_ != "ORG" and not (ent.label_ in ("WORK_OF_ART", "PRODUCT", "FAC")
                                            and (describe.media_name(ent) or describe.reports(ent))):
                continue  # a newspaper's name is often tagged as a work of art
            toks = [t for t in ent if t.dep_ != "det" and t.tag_ != "POS"]
            while toks and toks[-1].is_punct:
                toks.pop()
            if not toks:
                continue
            s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            inner_states = [self.state_mods[t.i] for t in toks if t.i in self.state_mods]
            if ORG_HEADS.get(toks[-1].lower_) is None:
                # with no organ word, only a country's name or adjective makes a national organisation
                # ("Pakistan Tehreek-e-Insaf"); a city does not ("The Kabul Handshake", a headline)
                inner_states = [h for h in inner_states if h[1] in ("name", "demonym_sg")]
            others = [c for c in self.cands if c.start >= s and c.end <= e and c.key[0] != "state"]
            organ = self._organ_of(ent, toks)
            if others and not (organ is not None and all(c.start > organ[1] and c.country for c in others)):
                continue
            if not self._free(s, e) and not inner_states and not (organ and others):
                continue
            head = toks[-1].lower_
            sector = ORG_HEADS.get(head)
            if sector in ("SPY", "GOV") and any(t.lower_ in MEDIA_WORDS for t in toks[:-1]):
                sector = "JRN"  # "Christian News Service", "the Baltic News Agency": an outlet
            country = inner_states[0][0] if inner_states else None
            owner = None
            if organ is not None and sector is None:
                # "the Ministry of Foreign Affairs of the Islamic Emirate of Afghanistan": the organ word
                # heads the name; the country is that of the state or entity it belongs to
                sector = organ[0]
                if others:
                    owner = others[0]
                    country = owner.country
            if country is None and sector is not None:
                mod = self._state_modifier(toks)  # "Rwanda's Senate"
                if mod is not None:
                    country, s = mod[0], min(s, mod[1])
            if country is None and sector is None and (describe.media_name(ent) or describe.reports(ent)):
                sector = "JRN"  # "The Daily Courier", "X reported on Thursday": a news outlet
            elif sector is None:
                sector = describe.organisation_head(ent)  # "... Institute for ...", "... Company"
            if country is None and sector is None:
                if self._free(s, e) and toks[0].text[:1].isupper():
                    self._pend(s, e)  # a later "the British newspaper" may say what it is
                continue  # an unknown name with no country and no organ word: not worth a guess
            from_dateline = country is None and sector == "GOV" and self.dateline_iso is not None \
                and toks[0].i > 0 and toks[0].nbor(-1).lower_ == "the"
            if from_dateline:
                country = self.dateline_iso
            if not any(t.text[:1].isupper() for t in toks):
                continue
            # the state words inside the organisation's name are part of it (also "the Malaysia" of
            # "the Malaysia Airlines", whose article the name match took in)
            self.cands = [c for c in self.cands if not (c.start >= s and c.end <= e)
                          and not (c.key[0] == "state" and c.start < e and s < c.end)]
            self.taken = [(a, b) for a, b in self.taken if not (a >= s and b <= e)
                          and not (a < s < b <= e and self.text[a:s].strip().lower() == "the")]
            kind = "armed_group" if sector in ("REB", "INS") else "organisation"
            name = self.text[s:e]
            key = ("org", name.lower())
            if owner is not None:
                organ_text = re.sub(r"\s+of\s+(?:the\s+)?$", "", self.text[s:owner.start]).strip()
                name, key = f"{organ_text} ({owner.name})", ("org", organ_text.lower())
            self._take(_Cand(s, e, key, "name", name, kind, country, sector,
                             (country or "") + (sector or "") or None, None, None,
                             0.5 if from_dateline or not country else 0.7))

    def _organ_of(self, ent, toks) -> Optional[tuple[str, int]]:
        """(sector, offset of "of") when the name is "<organ word> of ..." ("Ministry of Interior",
        "Ministry of Foreign Affairs of the Islamic Emirate of Afghanistan"), else None."""
        root = ent.root
        of = next((t for t in toks if t.lower_ == "of" and t.i > root.i), None)
        if of is None or root.lower_ not in ORG_HEADS or ORG_HEADS[root.lower_] not in ("GOV", "SPY", "MIL", "COP"):
            return None
        return ORG_HEADS[root.lower_], of.idx

    def _unify_organs(self) -> None:
        """One organ, one actor: "the Ministry of Foreign Affairs" (no country) and "the Ministry of
        Foreign Affairs of the Islamic Emirate of Afghanistan" in one text are the same ministry."""
        full = {}
        for c in self.cands:
            if c.key[0] == "org" and c.kb_id is None and c.country:
                full.setdefault(c.key, c)
        for k, c in enumerate(self.cands):
            if c.key[0] == "org" and c.kb_id is None and not c.country and c.key in full:
                self.cands[k] = self._copy(full[c.key], c.start, c.end, c.how)


def in_title_line(ent) -> bool:
    """Whether ``ent`` lies in the text's first line written in title case (a headline)."""
    from ...nlp import doc_text

    text = doc_text(ent.doc)
    line_end = text.find("\n")
    if (line_end >= 0 and ent.end_char > line_end) or ent.end_char > 200:
        return False
    line = text[:line_end if line_end >= 0 else len(text)].split()
    return sum(w[:1].isupper() for w in line) >= 0.6 * len(line)


def headline_verb(ent) -> bool:
    """A title-case headline's verb that the tagger took into a name: "Obama Seeks More Refugees"."""
    if len(ent) < 2 or not in_title_line(ent):
        return False
    w = ent[-1].text.lower()
    from ...knowledge import events as ekb
    verbs = ekb.phoenix_patterns().index
    forms = {w[:-3] + "y"} if w.endswith("ies") else {w[:-1], w[:-2]} if w.endswith("es") else {w[:-1]}
    return w.endswith("s") and any((f, "VERB") in verbs or (f, "VERB") in ekb.patterns() for f in forms)


def _after_clergy_titles(doc, start: int, end: int) -> int:
    """The first token of ``doc[start:end]`` after its leading clergy titles (one token always stays)."""
    while start < end - 1 and doc[start].lower_ in CLERGY_TITLES:
        start += 1
    return start


def _name_tokens(ent) -> list:
    """The tokens of a name entity: no article or possessive ending, nothing past a line break, and
    nothing before an owner's possessive inside it."""
    from ...nlp import doc_text  # the Doc's text once (``doc.text`` rebuilds it from every token)

    toks = []
    body = ent[:-1] if headline_verb(ent) else ent
    # "Bishop Juan Barros": the title is no part of the name (_title_context reads it)
    for t in ent.doc[_after_clergy_titles(ent.doc, body.start, body.end):body.end]:
        if toks and "\n" in doc_text(ent.doc)[toks[-1].idx:t.idx]:
            break
        if t.tag_ == "POS" and toks and t.i < ent.end - 1:
            toks = []  # "Policy Watch's Omar Delgado": the person starts after the owner
            continue
        if t.dep_ != "det" and t.tag_ != "POS" and not t.is_space:
            toks.append(t)
    return toks
