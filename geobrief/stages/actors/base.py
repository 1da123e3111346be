"""One actor mention candidate, and the kind of a country + sector group actor."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass
class _Cand:
    """One mention, with everything needed to group it into an actor."""

    start: int
    end: int
    key: tuple
    how: str
    name: str
    kind: str
    country: Optional[str] = None
    sector: Optional[str] = None
    code: Optional[str] = None
    role: Optional[str] = None
    kb_id: Optional[str] = None
    confidence: float = 1.0
    extra: dict = field(default_factory=dict)


def _group_actor_kind(sector: Optional[str]) -> str:
    if sector in (None, "GOV", "LEG"):
        return "state"
    if sector in ("MIL", "COP", "SPY", "JUD", "JRN", "BUS", "EDU", "NGO", "PTY"):
        return "organisation"
    if sector in ("REB", "INS"):
        return "armed_group"
    return "other"
