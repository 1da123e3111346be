"""ask reads each candidate article's events and claims from ``ask_rows`` (one row per article,
by primary key) instead of scanning the events and claims tables; the rows and the answers are
the same either way, and a store written before the table gets it filled on its next write."""
from __future__ import annotations

import shutil

from tests.test_corpus_ask import store  # noqa: F401  (the store of the bundled examples, a fixture)

QUESTIONS = ["What is Adam Boehler doing with Muttaqi in Kabul?", "Did Pakistan deny any agreement?",
             "What did the Taliban say about the talks?", "Was the detainee question discussed in Doha?",
             "Who won the regional sailing regatta?"]


def _answers(db, digest: bool) -> list:
    """ask's answers to QUESTIONS, reading the rows from ask_rows (``digest``) or the tables."""
    import importlib

    from geobrief.corpus.store import open_read

    ask_mod = importlib.import_module("geobrief.corpus.ask")  # the module (the package exports a function of that name)
    out = []
    ask_mod._VOCAB.clear()
    ask_mod._vocab(open_read(str(db)))["digest"] = digest  # the vocabulary ask reuses for this store
    for q in QUESTIONS:
        d = ask_mod.ask(q, db).to_dict()
        d.pop("ms")
        out.append(d)
    ask_mod._VOCAB.clear()
    return out


def test_answers_from_ask_rows_equal_those_from_the_tables(store):
    from geobrief.corpus.store import open_read

    assert open_read(str(store)).con.execute("SELECT count(*) FROM ask_rows").fetchone()[0] >= 9
    with_rows, from_tables = _answers(store, True), _answers(store, False)
    assert with_rows == from_tables
    assert any(a["known"] for a in with_rows) and any(a["sections"] for a in with_rows)


def test_a_store_without_ask_rows_gets_them_on_its_next_write(store, tmp_path):
    import duckdb

    from geobrief.corpus.store import Store, close_readers

    old = tmp_path / "old.duckdb"
    close_readers()
    shutil.copyfile(store, old)
    con = duckdb.connect(str(old))
    written = dict((a, (e, c)) for a, e, c in con.execute("SELECT * FROM ask_rows").fetchall())
    con.execute("DELETE FROM ask_rows")
    con.execute("DELETE FROM meta WHERE key = 'ask_rows'")
    con.close()
    with Store(str(old)) as st:  # a read-write open fills what is missing
        filled = dict((a, (e, c)) for a, e, c in st.con.execute("SELECT * FROM ask_rows").fetchall())
        assert st.meta("ask_rows") == "1"
    from geobrief.corpus.store import ask_undigest

    assert set(filled) == set(written)
    for aid in written:  # the same rows as ingest wrote (compressed bytes may differ, the rows may not)
        assert [ask_undigest(x) for x in filled[aid]] == [ask_undigest(x) for x in written[aid]]


def test_kept_rows_answer_a_repeated_question_the_same(store):
    """The decoded rows ask keeps between questions give the answer a first reading gives."""
    import importlib

    ask_mod = importlib.import_module("geobrief.corpus.ask")
    ask_mod._VOCAB.clear()
    first = ask_mod.ask(QUESTIONS[0], store).to_dict()
    kept = dict(next(iter(ask_mod._VOCAB.values()))["rows"])
    again = ask_mod.ask(QUESTIONS[0], store).to_dict()
    assert kept and next(iter(ask_mod._VOCAB.values()))["rows"].keys() >= kept.keys()
    first.pop("ms"), again.pop("ms")
    assert first == again


def test_same_participants_is_order_free_and_needs_two_in_common():
    from geobrief.corpus.corroborate import participants, same_event, same_participants

    a = {"plover": "CONSULT", "actor": ["harbour-board"], "recipient": ["ferry-union"]}
    b = {"plover": "CONSULT", "actor": ["ferry-union"], "recipient": ["harbour-board", "mill-guild"]}
    c = {"plover": "CONSULT", "actor": ["harbour-board"], "recipient": []}
    assert participants(b) == {"ferry-union", "harbour-board", "mill-guild"}
    assert same_participants(participants(a), participants(b)) and same_event(a, b)
    assert not same_participants(participants(a), participants(c))
    assert same_participants(participants(c), participants(c))
    assert not same_event(a, {**b, "plover": "ASSAULT"})
    assert not same_participants(frozenset(), participants(c))


def test_bm25_scores_equal_the_fts_extensions_match_bm25(store):
    """The BM25 subquery reading only the query's postings scores as the extension's macro does."""
    from geobrief.corpus.store import bm25_scores, open_read

    st = open_read(str(store))
    assert st.fts_ready()
    for table, key in (("claims", "cid"), ("sentences", "sid")):
        for words in ("talks in Kabul", "detained citizens released", "quokka zeppelin"):
            macro = dict(st.con.execute(
                f"SELECT {key}, score FROM (SELECT {key}, fts_main_{table}.match_bm25({key}, ?) AS score "
                f"FROM {table}) WHERE score IS NOT NULL", [words]).fetchall())
            direct = dict(st.con.execute(f"SELECT name, score FROM {bm25_scores(table)}", [words]).fetchall())
            assert direct.keys() == macro.keys()
            assert all(abs(direct[k] - macro[k]) <= 1e-9 * max(1.0, abs(macro[k])) for k in macro)
            assert bool(direct) == (words != "quokka zeppelin")  # no posting for the made-up words
