"""Briefs do not change with Python's hash seed (benches compare briefs byte for byte)."""
import os
import subprocess
import sys
from types import SimpleNamespace

from geobrief.stages.claims.lexicon import _Phrases


def test_a_surface_form_entry_wins_over_its_lemma_entry_at_the_same_position():
    ph = _Phrases()
    ph.add(["alleged"], "surface")
    ph.add(["allege"], "lemma")
    toks = [SimpleNamespace(lower_="the", lemma_="the"), SimpleNamespace(lower_="alleged", lemma_="allege"),
            SimpleNamespace(lower_="plot", lemma_="plot")]
    assert ph.find(toks) == [(1, 2, "surface")]


def test_phrase_matches_are_the_same_under_any_hash_seed():
    code = ("from types import SimpleNamespace as S\n"
            "from geobrief.stages.claims.lexicon import _Phrases\n"
            "p = _Phrases()\n"
            "for w, v in (('reported', 'a'), ('report', 'b'), ('reportedly', 'c')):\n"
            "    p.add([w], v)\n"
            "print(p.find([S(lower_='reported', lemma_='report'), S(lower_='reportedly', lemma_='reportedly')]))\n")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in range(1, 7)}
    assert len(outs) == 1
