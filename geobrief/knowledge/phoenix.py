"""Compiler of the Phoenix CAMEO.2.0 verb dictionary into ``knowledge/events/phoenix_verbs.tsv``.

Split out of :mod:`knowledge.events` (which re-exports :func:`compile_phoenix`); run
``python -m geobrief.knowledge.phoenix SRC`` (or ``python -m geobrief.knowledge.events SRC``) to
rebuild the table.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from ..errors import error
from . import events as _events
from .events import _rows, cameo_codes, cameo_roots, mode_cues

# ---------------------------------------------------------------------------- Phoenix verb dictionary
# The Phoenix CAMEO.2.0 verb dictionary (openeventdata/petrarch2, MIT) is compiled by
# :func:`compile_phoenix` into ``phoenix_verbs.tsv`` (the columns of ``patterns.tsv`` plus the source
# line); run ``python -m geobrief.knowledge.events SRC`` to rebuild it. Format (PETRreader.py):
# ``&NAME`` synsets with ``+WORD`` members; ``---  NAME  [CODE]  ---`` opens a verb block whose
# verb lines (``WORD {FORMS} [CODE]``, ``+VERB_PARTICLE``) share its patterns
# (``- * OBJECT (PREP NOUN) [CODE] # verb``), ``*`` standing for the verb, ``+`` for the target,
# ``{A B}`` for a noun phrase, ``[---]`` for an explicit non-event and ``[:CODE]`` for an event whose
# subject is the target (compiled here as a non-event: the verb's own code must not apply).
PARTICLES = frozenset("about across after against along apart around as at away back by down for from in into "
                      "of off on onto out over through to toward towards under up upon with without".split())
PHOENIX_COLS = "lemma\tpos\trequire\tplover\tcameo\trecipient\tflags\tsource_line"
# recipient slots of a compiled row: the object, else a preposition on the verb or on its object
DEFAULT_SLOTS = ("obj", "against", "with", "on", "at", "into", "to")
LIGHT_SLOTS = ("against", "with", "on", "at", "into", "to", "over")


def _phoenix_error(path, lineno: int, detail: str):
    return error("G201", path=str(path), line=lineno, detail=detail)


def _phoenix_words(tok: str, synsets: dict, path, lineno: int) -> list[str]:
    """One pattern token -> lower-case head words (a synset expands to its one-word members)."""
    tok = tok.strip()
    if tok.startswith("&"):
        name = tok.rstrip("_")
        return synsets.get(name, [])  # PETRARCH ignores a pattern with an undefined synset
    return [tok.strip("_").lower().replace("_", " ")]


def _split_groups(body: str, path, lineno: int) -> list[tuple[str, str]]:
    """Pattern text after '*' -> [(kind, text)], kind in word | np | pp."""
    out, i = [], 0
    while i < len(body):
        c = body[i]
        if c.isspace():
            i += 1
            continue
        close = {"(": ")", "{": "}"}.get(c)
        if close:
            j = body.find(close, i)
            if j == -1:
                raise _phoenix_error(path, lineno, f"unclosed '{c}' in pattern")
            out.append(("pp" if c == "(" else "np", body[i + 1:j].strip()))
            i = j + 1
            continue
        j = i
        while j < len(body) and not body[j].isspace() and body[j] not in "({":
            j += 1
        out.append(("word", body[i:j]))
        i = j
    return out


def _np_conds(text: str, synsets: dict, path, lineno: int) -> Optional[list[str]]:
    """'{A B &C}' -> ['obj=c1|c2', 'mod=a', 'mod=b'] (head last), None when it holds a marker."""
    parts = text.split()
    if not parts or any(p in ("+", "$", "^", "%") or "/" in p for p in parts):
        return None
    head = [w for w in _phoenix_words(parts[-1], synsets, path, lineno) if " " not in w]
    if not head:
        return None
    conds = ["obj=" + "|".join(head)]
    for p in parts[:-1]:
        ws = [w for w in _phoenix_words(p, synsets, path, lineno) if " " not in w]
        if ws:
            conds.append("mod=" + "|".join(ws))
    return conds


def _pattern_row(body: str, synsets: dict, path, lineno: int) -> Optional[tuple[list[str], list[str]]]:
    """Compile the part of a pattern after '*' into (conditions, recipient slots); None when the
    pattern uses a form this compiler does not take (source markers, two bare words, ...)."""
    conds: list[str] = []
    slots: list[str] = []
    has_obj = False
    pending = None
    for kind, text in _split_groups(body, path, lineno):
        if kind != "word":
            pending = None
        if kind == "word":
            if text in ("+", "$", "^", "%") or has_obj:
                return None
            ws = [w for w in _phoenix_words(text, synsets, path, lineno) if " " not in w]
            if not ws:
                return None
            if pending is not None:  # "AT SUMMIT": a preposition and its noun without parentheses
                conds[-1] = f"pp:{pending}=" + "|".join(ws)
                pending = None
            elif len(ws) == 1 and ws[0] in PARTICLES:
                conds.append("part=" + ws[0])
                pending = ws[0]
            else:
                conds.append("obj=" + "|".join(ws))
                has_obj = True
        elif kind == "np":
            if has_obj:
                return None
            np_conds = _np_conds(text, synsets, path, lineno)
            if np_conds is None:
                return None
            conds.extend(np_conds)
            has_obj = True
        else:  # (PREP ...) : a preposition on the verb or on its object, with its noun
            parts = text.split()
            if not parts:
                return None
            preps = [p.lower() for p in parts[0].split("/")]
            if not all(p in PARTICLES for p in preps):
                return None
            rest = parts[1:]
            if not rest:
                conds.append("prep=" + "|".join(preps))
            elif rest == ["+"]:
                conds.append("prep=" + "|".join(preps))
                slots.extend(preps)
            elif any(p in ("+", "$", "^", "%") for p in rest):
                return None
            else:
                head = rest[-1][1:-1].split()[-1] if rest[-1].startswith("{") else rest[-1]
                ws = [w for w in _phoenix_words(head.strip("{}"), synsets, path, lineno) if " " not in w]
                if not ws:
                    return None
                for p in preps:
                    conds.append(f"pp:{p}=" + "|".join(ws))
                if len(preps) > 1:
                    return None  # alternatives of whole pp's are not one condition list
    if not slots:
        slots = list(LIGHT_SLOTS if has_obj else DEFAULT_SLOTS)
    return conds, slots


CODE_RE = re.compile(r"\[([0-9-]*)!?(?::([0-9-]*)!?)?\]")  # "[080!]" occurs once in CAMEO.2.0


def _code(text: str, path, lineno: int) -> tuple[Optional[str], bool]:
    """'[070]' -> ('070', False); '[---]' and '[:130]' -> (None, True) (a non-event);
    '[042:043]' -> ('042', False)."""
    m = CODE_RE.search(text)
    if m is None:
        raise _phoenix_error(path, lineno, "pattern or verb line without a [CODE]")
    main = m.group(1)
    if not main or main == "---":
        return None, True
    if not main.isdigit() or len(main) not in (3, 4):
        raise _phoenix_error(path, lineno, f"bad CAMEO code '{main}'")
    return main, False


def compile_phoenix(path) -> tuple[list[str], dict]:
    """Compile a Phoenix/PETRARCH verb dictionary into ``phoenix_verbs.tsv`` rows (lemma, VERB,
    require, plover, cameo, recipient, flags, source line) and counts of what was taken and left.
    A malformed line raises G201 naming the file and line."""
    path = Path(path)
    if not path.is_file():
        raise error("G202", path=str(path))
    codes, roots = cameo_codes(), cameo_roots()
    # verbs whose bare code is too general (phoenix_skip.tsv) and the mode cues ("fear", "hope", ...)
    # that the stage reads as modes of the act they govern (saying verbs keep their codes: "insisted
    # that X stop" is a demand)
    skip = {lemma for _, (lemma, _) in _rows("phoenix_skip.tsv", 2)} | {
        lemma for lemma, kind in mode_cues().items() if kind != "attribution"}
    synsets: dict[str, list[str]] = {}
    rows: list[str] = []
    stats = {"verbs": 0, "patterns": 0, "vetoes": 0, "skipped_patterns": 0, "skipped_codes": 0}
    lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
    cur_syn: Optional[str] = None
    block_code: Optional[str] = None
    block_head = ""
    verbs: list[tuple[str, list[str], Optional[str], int]] = []  # (lemma, conditions, code, line)
    section = "synsets"

    def row(lemma, conds, code, slots, flags, lineno):
        plover = roots[code[:2]].plover
        rows.append("\t".join([lemma, "VERB", ";".join(conds), plover, code, ",".join(slots),
                               ",".join(flags), str(lineno)]))

    def flush_block():
        # A bare verb takes the block's code only when it heads the block or carries a code of its
        # own: the other members are WordNet synonyms added for the patterns ("leave", "go" and
        # "think" sit in blocks coded 040), too loose to be an event on their own.
        for lemma, vconds, vcode, vline in verbs:
            if lemma in skip:
                continue
            code = vcode if vcode is not None else (block_code if lemma == block_head and not vconds else None)
            if code and code in codes and code[:2] != "01":  # bare 'make a statement' verbs code every 'said'
                row(lemma, vconds, code, list(DEFAULT_SLOTS), ["phoenix"], vline)
                stats["verbs"] += 1
        verbs.clear()

    for lineno, raw in enumerate(lines, 1):
        line = raw.split("#", 1)[0].rstrip() if not raw.startswith("####") else raw
        if raw.startswith("####"):
            if "VERB PATTERNS" in raw:
                section = "verbs"
            elif "TRANSFORMATIONS" in raw:
                flush_block()
                section = "done"
            continue
        if raw.lstrip().startswith("#"):
            continue  # a comment line (inside a synset too)
        if section == "done" or not line.strip() or line.lstrip().startswith("<"):
            if not line.strip():
                cur_syn = None
            continue
        s = line.strip()
        if section == "synsets" or (s.startswith("&") and section == "verbs" and not s.startswith("- ")):
            if s.startswith("&"):
                cur_syn = s.split()[0].rstrip("_")
                synsets[cur_syn] = []
            elif s.startswith("+") and cur_syn is not None:
                w = s[1:].strip().strip("_").lower().replace("_", " ")
                if w and " " not in w:
                    synsets[cur_syn].append(w)
            else:
                raise _phoenix_error(path, lineno, "expected '&SYNSET' or '+member' line")
            continue
        if s.startswith("+") and cur_syn is not None and not verbs:
            w = s[1:].strip().strip("_").lower().replace("_", " ")
            if w and " " not in w:
                synsets[cur_syn].append(w)
            continue
        if s.startswith("---"):
            flush_block()
            code, veto = _code(s, path, lineno)
            block_code = None if veto else code
            block_head = s.strip("- ").split()[0].split("_")[0].lower()
            cur_syn = None
            continue
        if s.startswith("-"):
            body = s[1:]
            if "*" not in body:
                raise _phoenix_error(path, lineno, "pattern without '*' (the verb's place)")
            code, veto = _code(body, path, lineno)
            pre, post = body[:body.index("[")].split("*", 1)
            if pre.strip():  # words before the verb (its subject): not compiled
                stats["skipped_patterns"] += 1
                continue
            compiled = _pattern_row(post, synsets, path, lineno)
            if compiled is None or not compiled[0]:
                stats["skipped_patterns"] += 1
                continue
            conds, slots = compiled
            if not veto and code not in codes:
                stats["skipped_codes"] += 1
                continue
            groups: dict[tuple, list[str]] = {}  # the block's verbs, grouped by their own conditions
            for lemma, vconds, _, _ in verbs:
                groups.setdefault(tuple(vconds), []).append(lemma)
            for vconds, lemmas in groups.items():
                lemma = "|".join(dict.fromkeys(lemmas))
                if veto:
                    rows.append("\t".join([lemma, "VERB", ";".join(list(vconds) + conds), "-", "---", "-",
                                           "phoenix", str(lineno)]))
                    stats["vetoes"] += 1
                else:
                    flags = ["phoenix"] + (["wide"] if any(c.startswith(("obj=", "part=")) for c in conds) else [])
                    row(lemma, list(vconds) + conds, code, slots, flags, lineno)
                    stats["patterns"] += 1
            continue
        # a verb line: WORD {FORMS} [CODE] or +VERB_PARTICLE {...}
        word = s.split("[")[0].split("{")[0].split()[0] if s.split("[")[0].strip() else s
        code, veto = (None, False)
        if "[" in s:
            code, veto = _code(s, path, lineno)
        parts = word.lstrip("+").strip("_").lower().split("_")
        if not parts[0].replace("-", "").isalpha():
            raise _phoenix_error(path, lineno, f"bad verb '{word}'")
        vconds: list[str] = []
        if len(parts) == 2:
            vconds = [("part=" if parts[1] in PARTICLES else "obj=") + parts[1]]
        elif len(parts) > 2:
            stats["skipped_patterns"] += 1
            continue
        verbs.append((parts[0], vconds, "---" if veto else code, lineno))
    flush_block()
    return rows, stats


def _write_phoenix(src: str) -> None:
    rows, stats = compile_phoenix(src)
    header = ["# source: compiled by geobrief.knowledge.events.compile_phoenix from the Phoenix CAMEO.2.0 verb "
              "dictionary (openeventdata/petrarch2 data/dictionaries/CAMEO.2.0.txt, Open Event Data Alliance)",
              "# licence: MIT (Copyright (c) 2015 Open Event Data Alliance); compiled rows: MIT (geobrief project)",
              "# columns: " + PHOENIX_COLS + "  (cameo '---' = an explicit non-event; source_line = line in CAMEO.2.0.txt)",
              "# " + ", ".join(f"{k} {v}" for k, v in stats.items())]
    seen, out = set(), []
    for r in rows:  # a pattern repeated on a later line adds nothing
        if r.rsplit("\t", 1)[0] not in seen:
            seen.add(r.rsplit("\t", 1)[0])
            out.append(r)
    (_events.DIR / "phoenix_verbs.tsv").write_text("\n".join(header + out) + "\n", encoding="utf-8")
    print(stats)


if __name__ == "__main__":
    import sys

    _write_phoenix(sys.argv[1])
