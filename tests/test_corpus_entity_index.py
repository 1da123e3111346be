"""ask's entity index (``corpus.entity_index``) picks exactly the candidate articles that the SQL
it replaces picks: the same articles, groups, members, counts, dates and outlets, with NULL dates
and articles without a story group among them."""
from __future__ import annotations

import datetime as dt
import random

import duckdb
import pytest

from geobrief.corpus.entity_index import EntityIndex

REFERENCE = """
    WITH c AS (SELECT article_id, any_value(group_id) AS g, any_value(outlet) AS o, any_value(pub_date) AS d,
                      count(*) AS n
               FROM article_entities WHERE list_contains(string_split(?, chr(31)), entity_key)
               GROUP BY article_id),
    f AS (SELECT * FROM c WHERE n >= least((SELECT max(n) FROM c), ?)),
    top AS (SELECT g, max(n) AS gn, min(d) AS gd FROM f GROUP BY g ORDER BY gn DESC, gd, g LIMIT {groups})
    SELECT f.article_id, f.g, f.o, CAST(f.d AS VARCHAR), f.n FROM f JOIN top USING (g)
    QUALIFY row_number() OVER (PARTITION BY f.g ORDER BY f.n DESC, f.d, f.article_id) <= {members}"""

ENTITIES = ["name:harbour authority", "name:river council", "q101", "q202", "q303", "2643743", "name:ferry union",
            "name:mill workers", "q404"]


def random_table(seed: int):
    """An ``article_entities`` table of 300 made-up articles in story groups of 1-6."""
    rng = random.Random(seed)
    con = duckdb.connect()
    con.execute("CREATE TABLE article_entities (entity_key VARCHAR, entity VARCHAR, article_id VARCHAR, "
                "group_id VARCHAR, outlet VARCHAR, pub_date DATE)")
    rows, group = [], None
    for i in range(300):
        aid = f"art-{rng.randrange(10**6):06d}-{i}"
        if group is None or rng.random() < 0.35:
            group = None if rng.random() < 0.05 else aid
        date = None if rng.random() < 0.1 else dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(60))
        outlet = rng.choice(["Daily Ledger", "Coast Radio", None])
        for k in rng.sample(ENTITIES, rng.randint(1, 4)):
            rows.append((k, "actor" if k.startswith(("name:", "q")) else "place", aid, group, outlet, date))
    con.executemany("INSERT INTO article_entities VALUES (?, ?, ?, ?, ?, ?)", rows)
    return con


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_candidates_equal_the_sql_on_random_tables(seed):
    con = random_table(seed)
    index = EntityIndex(con)
    rng = random.Random(seed)
    for _ in range(25):
        keys = rng.sample(ENTITIES + ["name:nobody"], rng.randint(1, 4))
        floor = max(1, (len(keys) + 1) // 2)
        groups, members = rng.choice([(30, 14), (3, 2), (5, 1)])
        want = con.execute(REFERENCE.format(groups=groups, members=members), ["\x1f".join(keys), floor]).fetchall()
        got = index.candidates(keys, floor, groups, members)
        assert sorted(got) == sorted(want), keys


def test_unknown_keys_give_no_candidates():
    index = EntityIndex(random_table(4))
    assert index.candidates(["name:nobody"], 1, 30, 14) == []
    assert index.candidates([], 1, 30, 14) == []
