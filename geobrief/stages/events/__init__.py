"""Events stage: who did what to whom, where and when, coded in PLOVER and CAMEO, with modes.

Extraction runs over the dependency parse of each sentence:

* a trigger is a verb (or, in a few licensed positions, an event noun) whose lemma and
  dependents match a row of ``knowledge/events/patterns.tsv`` (the project's own table, which
  overrides) or, for verbs, of ``phoenix_verbs.tsv`` (the Phoenix CAMEO.2.0 verb dictionary compiled
  by :func:`knowledge.events.compile_phoenix`; a ``[---]`` row there is an explicit non-event, and a
  dictionary trigger counts only with a known actor and a known recipient); light-verb constructions
  ("held talks with", "imposed sanctions on", "carried out strikes") are rows that require
  an object lemma; an event noun in any position counts when its phrase names both parties
  ("the Russian invasion of Ukraine");
* the actor is the subject (inherited through xcomp / purpose clauses / conjoined verbs /
  relative clauses, taken from the ``by`` agent in the passive); the recipient fills the
  pattern's slots (object, indirect object, a preposition on the verb or on its object); a threat,
  demand or refusal with no addressee of its own takes it from the act it governs;
  conjoined noun phrases stay together as one compound actor (PLOVER style, no dyad explosion);
* each argument noun phrase is mapped to ``brief.actors`` by overlapping mention offsets; an
  argument no actor covers is coded by the stage itself when its words, a place in it or the
  site of the violence say whose it is, and then joins ``brief.actors`` (``argcodes.py``): the
  brief, its exports, the network and the scorer all read the same actors (one truth);
* the mode comes from negation, modals, conditionals, governing verbs of intention, denial,
  fear and saying, purpose clauses and the event's date (see :func:`_mode`); priority is
  negated > hypothetical > future > historical > attributed > asserted;
* dates attached to the trigger are resolved against ``brief.article.published``;
* mentions of the same event within an article are merged (same type and CAMEO root, participant
  codes, mode — asserted and attributed count as one, so a headline and the body sentence it
  summarises are one event —, compatible dates); the merged event takes a place or date that only
  a later mention gives. A visit conjoined with a meeting of the same actor ("arrived in Kabul and
  held talks with Muttaqi", "landed in Kabul and sat down with Muttaqi") is one meeting: the visit
  (042) is folded into it and lends it its place. A bare definite phrase ("the delegation") that
  no actor covers takes the actor of an earlier phrase with the same head noun;
* not counted (confidence below 0.5, ``BACKGROUND_CONFIDENCE``; kept in the brief as evidence):
  events the article recalls as background — a relative clause in the perfect ("the group that
  has seized parts of Iraq"), a clause dating the news by an earlier event ("two weeks after
  rebels kidnapped peacekeepers") — and events that no participant or place locates in any
  country ("a protester smashed a window"). A generalisation with a quantified, unnamed actor
  ("recognised by only a handful of states") is not an event;
* unnamed civilian victims or sites of violence (no country of their own) take the country of the
  place where the violence happened; a claim of responsibility for an attack takes as recipient
  the first participant or place named inside the attack phrase, and the claimant becomes the
  actor of that attack when the text names no other (on its word: attributed, confidence 0.6);
  "blown up by a missile fired by
  X" makes X the actor and the code military (19x);
* speech acts that CAMEO codes as events of their own are added: "X said/claimed/alleged that Y
  attacked Z" (preposed) gives X ACCUSE Y (112), or a claim of responsibility (015) when X is Y;
  "X refused to / said it would not <cooperate>" gives X REJECT (12x); "X wants Y to <act>" gives
  X REQUEST Y (02x). The embedded event keeps its own mode; when the claim was coded, its
  confidence is 0.45 (``EMBEDDED_CONFIDENCE``) so that counts can follow the CAMEO convention;
* stated intentions ("wants to", "pledged to", "agreed to", "X said it will") keep the action's
  PLOVER type with mode "future", and take the CAMEO code of the intention: 03x for cooperation,
  138 for force; "agreed/threatened/asked to <act>" is one event on the governing verb, coded by
  what is agreed, threatened or asked for.

Quad class convention: GDELT 1.0 / PHOX four-way classes without a neutral class:
1 verbal cooperation (CAMEO roots 01-05), 2 material cooperation (06-08), 3 verbal conflict
(09-13), 4 material conflict (14-20). 14 PROTEST is counted as material conflict, as in GDELT.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from spacy.symbols import ccomp as CCOMP

from ...knowledge import events as kb
from ...model import Brief, Event, Span
from ...pipeline import stage
from .acts import act_code, intent_infinitive
from .argcodes import (  # noqa: F401 (public)
    argument_code_for_text, argument_codes, code_free_arguments, domestic_home, implicit_home_recipient, site_coded)
from .arguments import (
    ADDRESSED,
    ActorIndex,
    GENERIC_QUANTIFIED,
    SIDES,
    _any_coded,
    _arguments,
    _border_recipients,
    _embedded_recipients,
    _np_args,
    _np_tokens,
    _object_clause_recipients,
    _sides_antecedent,
    _subject,
    speech_participle,
)
from .coding import (
    Draft,
    FIGHT_WORDS,
    NON_AGENTS,
    NOT_A_RELEASE,
    NOT_A_VISIT,
    VERBAL_ATTACK_VERBS,
    VERBAL_TARGETS,
    _bombing_recode,
    _claimed_perpetrators,
    _derived_accusations,
    _derived_speech_act,
    _hosted_visit,
    _military_recode,
    _requested_act,
    _recode_by_participants,
    _refine,
    _reported_clauses,
    _self_announced,
    requested_clause,
    warning_is_a_threat,
)
from .dates import _date_ents, resolve_date
from .dedup import (
    BACKGROUND_CONFIDENCE,
    _background_perfect,
    _background_relative,
    _clip_to_paragraph,
    _fold_visits,
    _in_headline,
    _other_occasion,
    _key,
    _no_participant,
    _past_purpose,
    _unlocated,
)
from .modes import _local_modal, _mode
from .syntax import (
    RELPRON,
    _children,
    _is_verb,
    _lem,
    _obj,
    _preps,
    _reduced_relative,
    intent_code,
    request_code,
    threat_code,
)
from .vocab import _contexts, _match, _nominal_licensed, visit_setting
from .where import _clip_at_paragraph, _host_state_recipients, _place_for, _site_country, war_subject


def _fold_protest_aims(drafts: list) -> list:
    """"rioters clashed with police, demanding X": once the clash is read as a protest (a non-state
    group's, :func:`_recode_by_participants`), the demand is its aim (its 14x sub-code), as for
    "marched demanding X", not a second event."""
    protests = {d.match.trigger.i for d in drafts if d.plover == "PROTEST"}
    return [d for d in drafts if not (d.plover in ("REQUEST", "PROTEST") and d.match.trigger.dep_ in ("advcl", "xcomp")
                                      and d.match.trigger.head.i in protests and d.match.trigger.i not in protests)]


@stage("events", requires=("actors",), reads=("places",), assigns=("events",),
       components=("parser", "lemmatizer", "ner"))
def events(brief: Brief) -> Brief:
    """Extract who did what to whom, with PLOVER/CAMEO codes and modes."""
    doc = brief.doc
    if doc is None:
        return brief
    text = brief.article.text
    idx = ActorIndex(brief.actors)
    pub = brief.article.published_date()
    actor_ids = {a.id for a in brief.actors}
    drafts: list[Draft] = []
    for sent in doc.sents:
        matches = []
        clauses = []  # clausal complements, for demands and criticism read from reported clauses
        for t in sent:
            if t.dep == CCOMP:
                clauses.append(t)
            m = _match(t)
            if m is None:
                continue
            if m.pattern.pos == "NOUN" and not _nominal_licensed(t, m.pattern):
                continue
            matches.append(m)
        # the object noun of a light verb is not an event of its own
        used_objs = {m.obj.i for m in matches if m.obj is not None}
        matches = [m for m in matches if m.trigger.i not in used_objs]
        by_i = {m.trigger.i: m for m in matches}
        fold: dict[int, Match] = {}
        asked: list[Match] = []
        keep = []
        for m in matches:
            t = m.trigger
            if (t.dep_ in ("acl", "pcomp", "amod", "csubj") or _reduced_relative(t)) and not (
                    speech_participle(t) and kb.quad_class(m.pattern.cameo) in (1, 3)) and not intent_infinitive(t):
                continue  # participial modifiers and gerunds in adjuncts describe, they do not report
            if requested_clause(t):
                asked.append(m)  # "a request for the court to investigate X": asked for, not done
                continue
            if _past_purpose(t):
                continue  # "was officially there to discuss detained Americans": why someone was there
            if t.dep_ == "relcl" and not any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in RELPRON
                                             for c in t.children) and not (m.obj is not None and m.obj.i == t.head.i):
                continue  # "the men they fought": an object relative clause is background (but "an
                # accusation the Taliban deny" is the Taliban's denial: the pattern needs that very noun)
            h = by_i.get(t.head.i) if t.head.i != t.i else None
            if h is not None and m.pattern.pos == "NOUN" and t.dep_ in ("nsubj", "nsubjpass") and \
                    h.pattern.plover == m.pattern.plover:
                continue  # "an Israeli strike killed five": one attack, coded on the verb
            if h is not None and t.dep_ == "advcl" and t.tag_ == "VBG" and h.pattern.plover == m.pattern.plover:
                continue  # "bombarded ..., killing eight": one attack
            if h is not None and t.dep_ in ("advcl", "xcomp") and m.pattern.plover == h.pattern.plover == "CONSULT":
                continue  # "met ... to discuss efforts": the purpose of the meeting is the same meeting
            if h is not None and t.dep_ in ("xcomp", "ccomp") and _lem(h.trigger) in ("agree", "threaten"):
                fold[h.trigger.i] = m
                continue
            if h is not None and h.pattern.plover == "REQUEST" and (t.dep_ in ("xcomp", "ccomp") or (
                    t.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children))):
                fold[h.trigger.i] = m  # "asked Obama to help Iran": what is requested is not an event
                continue
            if h is not None and h.pattern.plover == "PROTEST" and m.pattern.plover in ("REQUEST", "PROTEST") and \
                    t.dep_ in ("advcl", "xcomp"):
                continue  # "marched demanding X", "struck to protest X": the protest's aim (its 14x sub-code)
            keep.append(m)
        sent_drafts = []
        for m in keep:
            t = m.trigger
            ents = _date_ents(t, sent)
            if not ents and t.dep_ == "conj":
                ents = _date_ents(t.head, sent)
            if not ents and not _is_verb(t):
                ents = _date_ents(t.head, sent)
            if not ents and speech_participle(t):
                ents = _date_ents(t.head.head, sent)  # "On May 3 she gave a speech denouncing X": the speech's date
            date = None
            date_span = None
            date_last = None
            yearonly = False
            future_hint = _local_modal(t) == "future"
            for ent in ents:
                iso, last = resolve_date(ent.text, pub, future=future_hint)
                if iso:
                    date, date_last = iso, last
                    date_span = Span.of(text, ent.start_char, ent.end_char)
                    yearonly = len(iso) <= 7 and "W" not in iso
                    break
                mm = re.search(r"\b(\d+)\s+months\s+ago\b", ent.text.lower())
                if re.search(r"\b(years?|decades?)\s+ago\b", ent.text.lower()) or (mm and int(mm.group(1)) >= 12):
                    date_span = Span.of(text, ent.start_char, ent.end_char)
                    date_last = (pub or dt.date.today()) - dt.timedelta(days=366)
                    yearonly = True
            mi = _mode(t, date_last, pub, yearonly)
            if mi.threat:
                continue  # the threat itself is coded on the governing verb
            if m.pattern.cameo == "043" and _obj(t) is not None and _lem(_obj(t)) in NOT_A_VISIT:
                continue  # "Qatar hosts the Taliban's political office": an institution, not a visit
            if m.pattern.cameo == "0841" and _obj(t) is not None and (
                    _lem(_obj(t)) in NOT_A_RELEASE or _obj(t).lower_ in ("it", "this", "that")):
                continue  # "police released a timeline", "released it to the press": no persons set free
            if _lem(t) == "engage" and not any(_lem(x) in FIGHT_WORDS or x.lower_ in FIGHT_WORDS
                                               for x in _preps(t, ("in",))):
                continue  # "engaged in talks / conduct" is not fighting
            if _lem(t) == "warn" and m.pattern.plover == "THREATEN" and not warning_is_a_threat(t):
                continue  # "officials warned the virus could spread": a danger, not a threat
            actors, recips = _arguments(brief, idx, m)
            if (m.pattern.plover in ("MOBILIZE", "RETREAT") or m.pattern.cameo[:3] in ("087", "035", "105", "124")) \
                    and not _any_coded(brief, recips):
                recips = _border_recipients(brief, idx, t, actors) or recips  # "massed troops along the X border"
            if not actors and m.pattern.pos == "NOUN" and visit_setting(t, m.pattern):
                continue  # a visit that sets the scene of a clause, with no visitor the text names
            if not recips and m.pattern.plover in ADDRESSED and t.i not in fold and \
                    not any(x.i in by_i for x in _children(t, "xcomp", "ccomp")):
                # (a refused or wished act that is an event itself is coded by _derived_speech_act)
                recips = _embedded_recipients(brief, idx, t, actors)
            elif not recips and m.pattern.plover == "SANCTION":
                recips = _object_clause_recipients(brief, idx, m, actors)
            if "phoenix" in m.pattern.flags and not (_any_coded(brief, actors) and (_any_coded(brief, recips) or (
                    t.i in fold and m.pattern.plover in ADDRESSED and
                    _any_coded(brief, _embedded_recipients(brief, idx, t, actors))))):
                continue  # a dictionary trigger needs a known actor and a known recipient from the parse
                # (the addressee of a folded act: "insisted that Finland join the patrols")
            if len(actors) == 1 and actors[0].actor is None and SIDES.match(actors[0].span.text) and \
                    not actors[0].span.text.lower().startswith(("neither", "either", "each", "other")):
                actors = _sides_antecedent(brief, idx, t) or actors  # "the two sides did not discuss"
            if any(a.actor is None and GENERIC_QUANTIFIED.match(a.span.text) for a in actors):
                continue  # "recognised by only a small number of countries": a generalisation, no actor
            subj_tok = _subject(t) if m.pattern.pos == "VERB" else None
            if (m.pattern.plover in ("ASSAULT", "COERCE") or m.pattern.cameo == "042") and subj_tok is not None and \
                    any(_lem(x) in NON_AGENTS for x in _np_tokens(subj_tok)):
                continue  # "an outbreak of plague has killed 200 people", "the virus arrived in X": no one acted
            located = False
            if m.pattern.plover == "ASSAULT" and war_subject(t, subj_tok):
                actors = []  # "the war in Sudan has killed thousands": where, not who
                located = _place_for(brief, t, actors, recips)[0] is not None or _site_country(brief, t) is not None
            elif m.pattern.plover == "ASSAULT" and site_coded(recips):
                # "suicide bombers attacked a church in Lahore": by unnamed attackers, on a target the
                # place where it struck gives a country (code_free_arguments)
                located = _place_for(brief, t, actors, recips)[0] is not None or _site_country(brief, t) is not None
            if _lem(t) in ("ask",) and _obj(t) is not None and _lem(_obj(t)) in ("question", "questions"):
                continue  # "asks the question" is rhetoric, not a request
            if mi.mode in ("asserted", "attributed", "historical", "future") and not any(
                    a.actor or argument_code_for_text(a.span.text)[0] != "---" for a in actors + recips) and not located:
                continue  # a counted event needs a known participant; an uncounted one is kept as evidence
            if mi.mode in ("asserted", "attributed", "historical") and not recips and len(actors) < 2 and \
                    kb.quad_class(m.pattern.cameo) in (1, 2, 3) and m.pattern.plover not in ("AGREE", "THREATEN", "RETREAT") and \
                    m.pattern.cameo != "016" and "unaddressed" not in m.pattern.flags and t.i not in fold and \
                    not kb.domestic_code(m.pattern.cameo):  # "eased the curfew": aimed at the own state
                continue  # "asked not to be named": a verbal event without an addressee is not coded
                # (a denial is: "the Taliban denied the reports" answers whoever made them)
            d = Draft(m, actors, recips, mi, sent, date, date_span)
            d.date_text = ents[0].text.lower() if ents else None  # also when it cannot be resolved
            d.cameo = _bombing_recode(m, _military_recode(m, _refine(m, recips)))
            d.plover = m.pattern.plover
            inner = fold.get(t.i)
            if inner is not None:
                icode = _refine(inner, [])
                if d.plover == "THREATEN":
                    d.cameo = threat_code(icode)
                elif d.plover == "REQUEST":
                    d.cameo = request_code(d.cameo, icode)
                else:
                    d.cameo = intent_code(icode)
                # "asked X to share intelligence": 0214
                d.cameo = act_code(d.cameo, t, icode, intent=d.plover not in ("THREATEN", "REQUEST"))
                if not d.recipients:
                    inner_r = _arguments(brief, idx, inner)[1]
                    if d.plover in ADDRESSED and not _any_coded(brief, inner_r):
                        # "demanded that Algeria hand over intelligence on the suspects": the addressee
                        inner_r = _embedded_recipients(brief, idx, t, actors) or inner_r
                    d.recipients = inner_r
            elif mi.mode == "future" and (mi.intent or _self_announced(mi, actors)):
                d.cameo = act_code(intent_code(d.cameo), t, d.cameo, own=True, intent=True)
            else:
                d.cameo = act_code(d.cameo, t)  # "appealed for food aid": 0233
            if d.recipients and d.actors and "recip" not in m.pattern.flags and \
                    {argument_code_for_text(a.span.text)[0] for a in d.actors if not a.actor} == \
                    {argument_code_for_text(a.span.text)[0] for a in d.recipients if not a.actor} != {"---"} and \
                    not any(a.actor for a in d.actors + d.recipients):
                continue  # "France ... by alleging Paris ...": an actor does not act on itself
            _recode_by_participants(d, brief)
            if d.plover == "ASSAULT" and _lem(t) in VERBAL_ATTACK_VERBS and _obj(t) is not None and \
                    _lem(_obj(t)) in VERBAL_TARGETS:
                d.cameo, d.plover = "111", "ACCUSE"  # "attacking the credibility of": a verbal attack
            d.place, d.place_span = _place_for(brief, t, actors, recips)
            resolved = sum(1 for a in actors + recips if a.actor)
            d.confidence = round(min(0.95, 0.55 + 0.15 * resolved + (0.1 if actors else 0)
                                     - (0.1 if m.pattern.pos == "NOUN" else 0)), 2)
            if "background" in mi.flags or _background_relative(t):
                d.confidence = min(d.confidence, BACKGROUND_CONFIDENCE)
            if d.mode.mode in ("asserted", "attributed") and _background_perfect(t, pub):
                d.mode.mode = "historical"  # "have released several detainees since 2021"
                d.confidence = min(d.confidence, BACKGROUND_CONFIDENCE)
            sent_drafts.append(d)
            visit = _hosted_visit(d)
            if visit is not None:
                sent_drafts.append(visit)
            derived = _derived_speech_act(brief, idx, d)
            if derived is not None:
                derived.cameo = act_code(derived.cameo, derived.match.trigger, d.cameo)
                sent_drafts.append(derived)
        sent_drafts = _fold_visits(brief, _fold_protest_aims(sent_drafts))
        drafts.extend(sent_drafts)
        drafts.extend(_derived_accusations(brief, idx, sent_drafts, text))
        drafts.extend(_reported_clauses(brief, idx, clauses, sent))
        drafts.extend(d for d in (_requested_act(brief, idx, m, sent) for m in asked) if d is not None)
        _claimed_perpetrators(brief, sent_drafts)
    # merge mentions of the same event
    out: list[Event] = []
    seen: dict[tuple, Event] = {}
    date_texts: dict[str, Optional[str]] = {}  # event id -> the date words of its first mention
    for d in drafts:
        # a headline states as fact what the body attributes: one event, counted once
        mclass = "reported" if d.mode.mode in ("asserted", "attributed") else d.mode.mode
        key = (d.plover, d.cameo[:2], _key(brief, d.actors), _key(brief, d.recipients), mclass)
        prev = seen.get(key)
        if prev is not None and (prev.date is None or d.date is None or prev.date == d.date) and \
                not _other_occasion(date_texts.get(prev.id), d.date_text, prev.date, d.date):
            best = max(prev.confidence, d.confidence)
            prev.confidence = round(min(0.99, best + (0.05 if best >= 0.5 else 0)), 2)
            if prev.date is None and d.date:
                prev.date, prev.date_span = d.date, d.date_span
            if prev.place is None and d.place:
                prev.place, prev.place_span = d.place, d.place_span
            if _in_headline(text, prev.evidence.start) and not _in_headline(text, d.sent.start_char):
                # the headline summarises; the body sentence states the event with its details
                t0, e0 = d.match.trigger, d.match.end_tok or d.match.trigger
                b0, b1 = _clip_to_paragraph(text, d.sent.start_char, d.sent.end_char, t0.idx)
                prev.evidence, prev.trigger = Span.of(text, b0, b1), Span.of(text, t0.idx, e0.idx + len(e0))
            continue
        if _no_participant(d):
            continue  # "You cannot negotiate with wolves": a maxim, not an event of anyone's
        _host_state_recipients(brief, d, actor_ids)
        t = d.match.trigger
        end_tok = d.match.end_tok or t
        s_start, s_end = _clip_to_paragraph(text, d.sent.start_char, d.sent.end_char, t.idx)
        src = None
        if d.mode.source is not None:
            src_args = _np_args(brief, idx, d.mode.source)
            src = next((a.actor for a in src_args if a.actor), None)
        site = next((pl.country for pl in brief.places if pl.id == d.place), None) if d.place else None
        site = site or _site_country(brief, d.match.trigger)
        code_free_arguments(brief, d.actors, "actor", d.cameo, site, src, actor_ids, d.mode.mode)
        code_free_arguments(brief, d.recipients, "recipient", d.cameo, site, src, actor_ids, d.mode.mode,
                            home=domestic_home(brief, d.actors, s_start, s_end))
        ev = Event(
            id=f"E{len(out) + 1}",
            actor=[a.actor for a in d.actors if a.actor and a.actor in actor_ids],
            recipient=[a.actor for a in d.recipients if a.actor and a.actor in actor_ids] or
            [x for x in [implicit_home_recipient(brief, d.cameo, d.actors, d.recipients, s_start, s_end, actor_ids)] if x],
            plover=d.plover,
            mode=d.mode.mode,
            evidence=Span.of(text, s_start, s_end),
            trigger=Span.of(text, t.idx, end_tok.idx + len(end_tok)),
            cameo=d.cameo,
            root_code=d.cameo[:2],
            quad_class=kb.quad_class(d.cameo),
            goldstein=kb.goldstein(d.cameo),
            place=d.place,
            date=d.date,
            context=_contexts(d.sent),
            source=src if d.mode.mode == "attributed" else None,
            actor_spans=[_clip_at_paragraph(text, a.span) for a in d.actors],
            recipient_spans=[_clip_at_paragraph(text, a.span) for a in d.recipients],
            place_span=d.place_span,
            date_span=d.date_span,
            confidence=d.confidence,
        )
        # dedupe ids within lists, keep order
        ev.actor = list(dict.fromkeys(ev.actor))
        ev.recipient = list(dict.fromkeys(ev.recipient))
        if _unlocated(brief, ev):
            ev.confidence = min(ev.confidence, BACKGROUND_CONFIDENCE)
        out.append(ev)
        seen[key] = ev
        date_texts[ev.id] = d.date_text
    brief.events = out
    return brief
