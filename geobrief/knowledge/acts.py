"""Loaders for what an appeal, intention, demand, rejection or threat is about.

CAMEO codes an appeal (02x), a stated intention (03x), a demand (10x), a rejection (12x) and a
threat (13x) by the act it concerns: "asked X for food aid" is 0233, "refused to release the
crew" 1243, "threatened Y with sanctions" 1312. Two tables in ``knowledge/events/``:

* ``acts.tsv``: words of a complement -> the act (a CAMEO code such as ``073``, or a named act
  with no action code of its own, such as ``settle``); first matching row wins;
* ``act_families.tsv``: act -> the code in each family; a code not listed is looked up by its
  parent (``0812`` -> ``081`` -> ``08``).

Malformed rows raise G201 naming file and line (see :func:`knowledge.events._rows`).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Optional

from ..errors import error
from . import events as _events
from .events import _rows, cameo_codes

FAMILIES = ("appeal", "intend", "demand", "reject", "threaten", "aid", "accuse", "investigate", "protest")
# the family of each CAMEO root whose codes depend on what the act is about
FAMILY_ROOT = {"02": "appeal", "03": "intend", "10": "demand", "12": "reject", "13": "threaten", "07": "aid",
               "11": "accuse", "09": "investigate", "14": "protest"}
# the roots a family's codes may have (an intention to use force is a threat, 13x)
FAMILY_ROOTS = {"appeal": ("02",), "intend": ("03", "13"), "demand": ("10",), "reject": ("12",), "threaten": ("13",),
                "aid": ("07",), "accuse": ("11",), "investigate": ("09",), "protest": ("14",)}
# the code of a family when nothing says what it is about
GENERIC = {"appeal": "020", "intend": "030", "demand": "100", "reject": "120", "threaten": "130", "aid": "070",
           "accuse": "112", "investigate": "090", "protest": "140"}


@dataclass(frozen=True)
class ActRow:
    words: frozenset[str]
    with_words: frozenset[str]  # empty: no second word needed
    act: str


@functools.lru_cache(maxsize=1)
def act_families() -> dict[str, dict[str, str]]:
    """act -> {family: CAMEO code} (families without a code for the act are left out)."""
    codes = cameo_codes()
    out: dict[str, dict[str, str]] = {}
    for lineno, cols in _rows("act_families.tsv", 1 + len(FAMILIES)):
        act, vals = cols[0], cols[1:]
        if not act:
            raise error("G201", path=str(_events.DIR / "act_families.tsv"), line=lineno, detail="empty act")
        row = {}
        for fam, code in zip(FAMILIES, vals):
            if code == "-":
                continue
            if code not in codes or code[:2] not in FAMILY_ROOTS[fam]:
                raise error("G201", path=str(_events.DIR / "act_families.tsv"), line=lineno,
                            detail=f"'{code}' is not a CAMEO code of the {fam} family")
            row[fam] = code
        out[act] = row
    return out


@functools.lru_cache(maxsize=1)
def act_rows() -> tuple[ActRow, ...]:
    """The rows of ``acts.tsv`` in file order."""
    fams = act_families()
    out = []
    for lineno, (words, with_words, act, _note) in _rows("acts.tsv", 4):
        if act not in fams and act not in cameo_codes():
            raise error("G201", path=str(_events.DIR / "acts.tsv"), line=lineno,
                        detail=f"act '{act}' is neither a CAMEO code nor a row of act_families.tsv")
        ws = frozenset(w for w in words.split("|") if w)
        if not ws:
            raise error("G201", path=str(_events.DIR / "acts.tsv"), line=lineno, detail="no words")
        out.append(ActRow(ws, frozenset() if with_words == "-" else frozenset(w for w in with_words.split("|") if w),
                          act))
    return tuple(out)


def acts_of(words: set[str], family: str) -> list[str]:
    """The acts of every row that matches ``words`` and that ``family`` has a code for, in order."""
    return [r.act for r in act_rows() if r.words & words and (not r.with_words or r.with_words & words)
            and family_code(family, r.act)]


def anchored_act(words: set[str], anchors: set[str], roots: tuple[str, ...]) -> Optional[str]:
    """The act of the first row that matches ``words``, names one of ``anchors`` itself (the verb
    or its object, among the row's words or 'with' words) and has a code under one of ``roots``."""
    for r in act_rows():
        if r.act[:2] in roots and (anchors & r.words or anchors & r.with_words) and r.words & words and \
                (not r.with_words or r.with_words & words):
            return r.act
    return None


def act_of(words: set[str], family: Optional[str] = None) -> Optional[str]:
    """The act of the first row whose words (and 'with' words) occur in ``words`` and, given a
    ``family``, that the family has a code for ("attack" is aggression to an accuser, force to a
    threat)."""
    for r in act_rows():
        if r.words & words and (not r.with_words or r.with_words & words):
            if family is None or family_code(family, r.act):
                return r.act
    return None


def family_code(family: str, act: Optional[str]) -> Optional[str]:
    """The CAMEO code of ``family`` for ``act``, looked up by the act's parents; None when none."""
    fams = act_families()
    a = act
    while a:
        hit = fams.get(a, {}).get(family)
        if hit:
            return hit
        if not a.isdigit() or len(a) <= 2:
            return None
        a = a[:-1]
    return None


@functools.lru_cache(maxsize=None)
def family_codes(family: str) -> frozenset[str]:
    """Every code the table gives ``family`` (the codes an act may refine), and its generic code."""
    return frozenset({GENERIC[family]} | {row[family] for row in act_families().values() if family in row})
