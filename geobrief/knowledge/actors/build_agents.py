"""Compile the Phoenix agents dictionary into ``agents.tsv`` (sector words and phrases).

Run by hand, not at run time::

    python geobrief/knowledge/actors/build_agents.py ../shared/data/phoenix/Phoenix.agents.txt

Source: openeventdata/petrarch2 ``Phoenix.agents.txt`` (MIT, Copyright (c) 2014 Open Event Data
Alliance). Each entry ``WORD_WORD {PLURALS} [~SECCODE] # comment`` becomes one row per spelling
(substitution sets such as ``!PERSON!`` expanded) with the file's line number. Phoenix writes news
media as ``MED``; the project's sector for them is ``JRN``. Rows the project does not want are
left out here, not edited by hand in the output.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
OUT = HERE / "agents.tsv"
SECTOR_MAP = {"MED": "JRN"}
# CAMEO religion codes are not sectors: the project codes clergy and believers as REL
RELIGION_CODES = {"MUS", "CHR", "JEW", "HIN", "BUD", "CTH", "SHI", "SUN", "SIK", "JAN", "ZRO", "BAH", "CON", "TAO"}
# single words left out: places and buildings ("village", "hospital"), adjectives ("naval",
# "state-owned", "retired"), abstract or ambiguous nouns ("industry", "deputy", "carrier") and vessels
# or aircraft that are not parties; a sector word must name people or an acting body
EXCLUDE = {
    "village", "settlement", "neighborhood", "neighbourhood", "community", "school", "schoolhouse",
    "hospital", "infirmary", "prison", "barracks", "monastery", "diocese", "archdiocese", "college",
    "conservatory", "kindergarten", "kindergarden", "preschool", "sanatarium", "sanatorium", "sanitarium",
    "state-owned", "semi-official", "retired", "naval", "jewish", "islamic", "hebrew", "naturalized",
    "kingdom", "polity", "governance", "religion", "rebellion", "revolt", "uprising", "insurgence",
    "population", "industry", "business", "actor", "carrier", "deputy", "chamber", "echelon", "phalanx",
    "telecom", "television", "tv", "blog", "website", "aerospace", "airline", "airway", "airliner",
    "jetliner", "containership", "freighter", "supertanker", "tanker", "jumbojet", "oiler", "waiter",
    "waitress", "cabinetmaker", "monger", "men", "women", "persons", "children", "child", "girl",
    "infant", "mother", "victims", "victim", "advocate", "counsel", "exile", "crusader", "doc",
    "constituent", "native", "assemblage", "assemblies", "representatives", "spokesmen", "spokeswomen",
    "congress", "senate", "university", "ministers", "ministries", "generals", "marines", "reactionaries",
}
ENTRY_RE = re.compile(r"^(?P<phrase>[^{\[#]+?)\s*(?:\{(?P<plurals>[^}]*)\})?\s*\[(?P<code>[^\]]*)[\]}]")


def _words(s: str) -> str:
    return " ".join(w for w in s.strip().lower().replace("_", " ").split())


def parse(path: Path) -> list[tuple[str, str, str, str, str]]:
    sets: dict[str, list[str]] = {}
    rows = []
    for lineno, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if m:
            sets[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        m = ENTRY_RE.match(line.replace("[~ENV}", "[~ENV]"))
        if not m:
            continue
        code = m.group("code").strip()
        prim = code.strip("~")[:3]
        if not re.fullmatch(r"[A-Z]{3}", prim):
            continue
        sector = "REL" if prim in RELIGION_CODES else SECTOR_MAP.get(prim, prim)
        phrases = [m.group("phrase")]
        for name, subs in sets.items():
            phrases = [p2 for p in phrases for p2 in ([p.replace(name, s) for s in subs] if name in p else [p])]
        plurals = "|".join(_words(x) for x in (m.group("plurals") or "").split(",") if x.strip())
        for p in phrases:
            phrase = _words(p)
            if phrase and phrase not in EXCLUDE:
                rows.append((phrase, plurals, code, sector, f"Phoenix.agents.txt:{lineno}"))
    return rows


def main(src: str) -> None:
    rows = parse(Path(src))
    seen = set()
    with OUT.open("w", encoding="utf-8") as f:
        f.write("# source: openeventdata/petrarch2 Phoenix.agents.txt (line in column src); compiled by "
                "build_agents.py; MED written as JRN, religion codes as REL; "
                "places, adjectives and ambiguous single words left out (EXCLUDE)\n")
        f.write("# licence: MIT (Copyright (c) 2014 Open Event Data Alliance)\n")
        f.write("# columns: phrase (lower case, words), plural (irregular ones, | between), code (Phoenix), sector, src\n")
        f.write("phrase\tplural\tcode\tsector\tsrc\n")
        for r in rows:
            if r[0] in seen:
                continue
            seen.add(r[0])
            f.write("\t".join(r) + "\n")
    print(f"{len(seen)} agent phrases -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/phoenix/Phoenix.agents.txt")
