"""Sector words compiled from the Phoenix agents dictionary (``knowledge/actors/agents.tsv``).

The project's own sector nouns (``SECTOR_NOUNS`` in the stage) are read first and override this
table; the agents dictionary fills the rest of CAMEO's agent vocabulary ("gendarmerie",
"smugglers", "riot police", "opposition leader", "newspaper").
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Optional, Sequence

from ...errors import error
from ...knowledge.actors import DATA_DIR, _read_rows

AGENTS_FILE = "agents.tsv"
AGENT_COLUMNS = ("phrase", "plural", "code", "sector", "src")


class Agents:
    """phrase (tuple of lower-case words) -> sector; irregular plurals map to their singular."""

    def __init__(self, rows: Sequence[tuple[str, str]]):
        self.by_words: dict[tuple[str, ...], str] = {}
        for phrase, sector in rows:
            self.by_words.setdefault(tuple(phrase.split()), sector)
        self.longest = max((len(k) for k in self.by_words), default=1)

    def sector(self, words: Sequence[str]) -> Optional[str]:
        """The sector of the longest agent phrase ending the words ("riot police" -> COP), or None."""
        words = [w.lower() for w in words]
        for n in range(min(self.longest, len(words)), 0, -1):
            hit = self.by_words.get(tuple(words[-n:]))
            if hit:
                return hit
        return None


def read_agents(path: Path) -> Agents:
    rows = []
    for lineno, fields in _read_rows(path, AGENT_COLUMNS, require_meta=True):
        if lineno == 0:
            continue
        phrase, plural, _code, sector = fields[:4]
        if not phrase or len(sector) != 3 or not sector.isupper():
            raise error("G201", path=str(path), line=lineno, detail="a phrase and a 3-letter sector code are required")
        rows.append((phrase, sector))
        rows.extend((p, sector) for p in plural.split("|") if p.strip())
    return Agents(rows)


@lru_cache(maxsize=1)
def agents() -> Agents:
    return read_agents(DATA_DIR / AGENTS_FILE)
