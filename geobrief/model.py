"""The data model of geobrief, defined once.

Every object that says something about the article carries character offsets into
``Article.text`` (end-exclusive Python ``str`` offsets): that is its evidence.
``to_dict``/``to_json`` is the one serialiser; ``brief_from_dict`` reads it back.
The JSON field names are a public contract, versioned by ``SCHEMA_VERSION`` and
described by ``schema/brief.schema.json``.
"""
from __future__ import annotations

import dataclasses
import datetime
import functools
import json
import typing
from dataclasses import dataclass, field
from typing import Any, Optional

SCHEMA_VERSION = "1.0.0"

ACTOR_KINDS = ("person", "state", "organisation", "armed_group", "igo", "other")
EVENT_MODES = ("asserted", "negated", "hypothetical", "future", "historical", "attributed")
CLAIM_STATUSES = ("reported", "attributed", "hedged", "opinion", "question", "prediction", "meta")
SOURCE_KINDS = ("named", "anonymous", "none")
# ICD 203 estimative scale, lowest to highest.
ICD203 = ("almost no chance", "very unlikely", "unlikely", "roughly even chance",
          "likely", "very likely", "almost certain")
PORTRAYAL_ROLES = ("protagonist", "antagonist", "innocent")
GENRES = ("reporting", "opinion", "analysis", "statement", "interview", "satire")


@dataclass
class Span:
    """A stretch of the article text: the evidence for something."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        """The span ``text[start:end]``."""
        return cls(start, end, text[start:end])


@dataclass
class Article:
    """One article as ingested. ``text`` is the truth every offset points into."""

    id: str
    text: str
    title: Optional[str] = None
    author: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None  # ISO 8601 date (YYYY-MM-DD) or datetime
    url: Optional[str] = None
    source: Optional[str] = None  # where it was read from (path, path:line, WARC record)
    format: Optional[str] = None  # text | markdown | html | jsonl | warc
    content_hash: Optional[str] = None

    def published_date(self) -> Optional["datetime.date"]:
        """The publication date as a ``date`` (None when absent or not ISO), for resolving
        "on Wednesday" and who held which role on the day."""
        if not self.published:
            return None
        try:
            return datetime.date.fromisoformat(str(self.published)[:10])
        except ValueError:
            return None


@dataclass
class Sentence:
    start: int
    end: int


@dataclass
class Mention:
    """One place in the text where an actor is named or referred to."""

    start: int
    end: int
    text: str
    how: str = "name"  # name | alias | title | demonym | metonym | nominal | coref | pronoun | place


@dataclass
class Actor:
    id: str
    name: str
    kind: str  # one of ACTOR_KINDS
    country: Optional[str] = None  # ISO 3166 alpha-3
    sector: Optional[str] = None  # CAMEO/PLOVER sector: GOV MIL SPY REB INS IGO JRN OPP BUS CVL ...
    code: Optional[str] = None  # CAMEO-style actor code, e.g. USAGOV
    role: Optional[str] = None  # title held on the article's date, e.g. "foreign minister"
    kb_id: Optional[str] = None  # id in the knowledge base, null when inferred from context
    confidence: float = 1.0
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Place:
    id: str
    name: str
    lat: Optional[float] = None
    lon: Optional[float] = None
    geonameid: Optional[int] = None
    country: Optional[str] = None  # ISO 3166 alpha-3
    feature: Optional[str] = None  # GeoNames feature code, e.g. PPLC, PCLI, ADM1
    confidence: float = 1.0
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Event:
    id: str
    actor: list[str]  # actor ids (a list: compound actors stay together, PLOVER style)
    recipient: list[str]
    plover: str  # PLOVER event type, e.g. CONSULT
    mode: str  # one of EVENT_MODES
    evidence: Span  # the sentence (or clause) that states it
    trigger: Span  # the word(s) that signal it
    cameo: Optional[str] = None  # full CAMEO code, e.g. "040"
    root_code: Optional[str] = None  # first two digits
    quad_class: Optional[int] = None  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    goldstein: Optional[float] = None
    place: Optional[str] = None  # place id
    date: Optional[str] = None  # ISO date the event happened, when the text says
    context: list[str] = field(default_factory=list)  # PLOVER contexts
    source: Optional[str] = None  # actor id of who asserts it, for mode "attributed"
    actor_spans: list[Span] = field(default_factory=list)
    recipient_spans: list[Span] = field(default_factory=list)
    place_span: Optional[Span] = None
    date_span: Optional[Span] = None
    confidence: float = 1.0


@dataclass
class Source:
    kind: str  # named | anonymous | none
    actor: Optional[str] = None  # actor id when named
    span: Optional[Span] = None  # the words naming the source ("a State Department spokesperson said")


@dataclass
class Claim:
    id: str
    start: int
    end: int
    text: str
    status: str  # one of CLAIM_STATUSES
    source: Source
    unsourced: bool = False
    likelihood: Optional[str] = None  # ICD 203 word, or null
    likelihood_note: Optional[str] = None  # e.g. "cannot be assessed" for a bare "may"
    checkworthiness: float = 0.0
    cues: list[Span] = field(default_factory=list)  # the words that decided status / likelihood
    confidence: float = 1.0


@dataclass
class FramingSpan:
    start: int
    end: int
    text: str
    technique: str  # PTC-14 label
    trigger: Span
    explanation: str
    speaker: Optional[str] = None  # "author", or the actor id of the person quoted


@dataclass
class Portrayal:
    actor: str  # actor id
    role: str  # protagonist | antagonist | innocent
    polarity: float  # -1 (hostile) .. +1 (favourable)
    fine_roles: list[str] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)


@dataclass
class Sourcing:
    named: int = 0
    anonymous: int = 0
    unsourced: int = 0


@dataclass
class Summary:
    bottom_line: list[str] = field(default_factory=list)
    sourcing: Sourcing = field(default_factory=Sourcing)
    genre: Optional[str] = None
    genre_confidence: Optional[float] = None  # 0..1, with genre; None when no genre
    loaded_language_per_1000_words: Optional[float] = None
    words: int = 0


@dataclass
class Brief:
    """The record that flows through the stages and the brief that comes out."""

    article: Article
    schema_version: str = SCHEMA_VERSION
    sentences: list[Sentence] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    framing: list[FramingSpan] = field(default_factory=list)
    portrayals: list[Portrayal] = field(default_factory=list)
    summary: Summary = field(default_factory=Summary)
    stages: list[str] = field(default_factory=list)  # stages that ran, in order
    # the spaCy Doc of article.text: working state, never serialised
    doc: Any = field(default=None, repr=False, compare=False, metadata={"serialise": False})

    def actor(self, actor_id: str) -> Optional[Actor]:
        """The actor with ``actor_id``, or None."""
        for a in self.actors:
            if a.id == actor_id:
                return a
        return None


def to_dict(obj: Any) -> Any:
    """Serialise any model object (recursively) to plain JSON-able data."""
    if dataclasses.is_dataclass(obj):
        return {f.name: to_dict(getattr(obj, f.name))
                for f in dataclasses.fields(obj) if f.metadata.get("serialise", True)}
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    return obj


def to_json(brief: Brief, indent: int | None = 2) -> str:
    """The brief as JSON text (the public format)."""
    return json.dumps(to_dict(brief), ensure_ascii=False, indent=indent)


@functools.lru_cache(maxsize=None)
def _hints(tp: type) -> dict:
    """The resolved field types of a dataclass (resolving them compiles each annotation: cache it)."""
    return typing.get_type_hints(tp)


def _build(tp: Any, data: Any) -> Any:
    origin = typing.get_origin(tp)
    if data is None:
        return None
    if origin is list:
        (inner,) = typing.get_args(tp)
        return [_build(inner, x) for x in data]
    if origin is typing.Union:
        inner = [a for a in typing.get_args(tp) if a is not type(None)][0]
        return _build(inner, data)
    if dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        kwargs = {f.name: _build(hints[f.name], data[f.name])
                  for f in dataclasses.fields(tp) if f.name in data and f.metadata.get("serialise", True)}
        return tp(**kwargs)
    return data


def from_dict(cls: type, data: dict) -> Any:
    """Rebuild a model object of type ``cls`` from ``to_dict`` output."""
    return _build(cls, data)


def brief_from_dict(data: dict) -> Brief:
    """Rebuild a Brief from its JSON form."""
    return from_dict(Brief, data)
