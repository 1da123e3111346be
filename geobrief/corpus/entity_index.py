"""Which articles name the question's actors and places: an in-memory inverted index over
``article_entities`` that ``ask`` keeps per store (with its name vocabulary).

In SQL the lookup aggregates every row of every named entity (a country is named in most
articles: 100,000 rows at 100k articles) on each question. Here the rows are read once into
integer arrays (entity → article ordinals; per article its story group, date and outlet), and a
question costs a few vectorised passes over the postings of its entities.

``EntityIndex.candidates`` gives what this SQL gives (``ask``'s definition of candidates):

    WITH c AS (SELECT article_id, any_value(group_id) AS g, any_value(outlet) AS o,
                      any_value(pub_date) AS d, count(*) AS n
               FROM article_entities WHERE entity_key IN (:keys) GROUP BY article_id),
    f AS (SELECT * FROM c WHERE n >= least((SELECT max(n) FROM c), :floor)),
    top AS (SELECT g, max(n) AS gn, min(d) AS gd FROM f GROUP BY g ORDER BY gn DESC, gd, g
            LIMIT :groups)
    SELECT f.article_id, f.g, f.o, CAST(f.d AS VARCHAR), f.n FROM f JOIN top USING (g)
    QUALIFY row_number() OVER (PARTITION BY f.g ORDER BY f.n DESC, f.d, f.article_id) <= :members

(ascending order puts NULL last, as DuckDB does; an article without a group joins no group).
"""
from __future__ import annotations

import numpy as np

_NO_DATE = np.iinfo(np.int32).max  # sorts after every date, as NULL does


class EntityIndex:
    def __init__(self, con):
        arts = con.execute("""
            SELECT article_id, any_value(group_id), any_value(outlet), any_value(CAST(pub_date AS VARCHAR)),
                   any_value(pub_date - DATE '1970-01-01')
            FROM article_entities GROUP BY article_id ORDER BY article_id""").fetchall()
        self.ids = [a[0] for a in arts]  # ordinal = rank of the id (DuckDB and Python order strings alike)
        self.outlets = [a[2] for a in arts]
        self.dates = [a[3] for a in arts]
        self.day = np.array([_NO_DATE if a[4] is None else a[4] for a in arts], dtype=np.int64)
        groups = sorted({a[1] for a in arts if a[1] is not None})
        grank = {g: i for i, g in enumerate(groups)}
        self.groups = groups
        self.group = np.array([grank.get(a[1], len(groups)) for a in arts], dtype=np.int64)  # NULL: last
        keys = [r[0] for r in con.execute(
            "SELECT DISTINCT entity_key FROM article_entities WHERE entity_key IS NOT NULL ORDER BY entity_key").fetchall()]
        got = con.execute("""
            WITH a AS (SELECT article_id, row_number() OVER (ORDER BY article_id) - 1 AS o
                       FROM (SELECT DISTINCT article_id FROM article_entities)),
                 k AS (SELECT entity_key, row_number() OVER (ORDER BY entity_key) - 1 AS e
                       FROM (SELECT DISTINCT entity_key FROM article_entities WHERE entity_key IS NOT NULL))
            SELECT k.e, a.o FROM article_entities x JOIN a USING (article_id) JOIN k USING (entity_key)
            ORDER BY k.e, a.o""").fetchnumpy()
        ent, art = np.asarray(got["e"], dtype=np.int64), np.asarray(got["o"], dtype=np.int64)
        bounds = np.searchsorted(ent, np.arange(len(keys) + 1))
        self.postings: dict[str, np.ndarray] = {k: art[bounds[i]:bounds[i + 1]] for i, k in enumerate(keys)}

    def candidates(self, keys: list, floor: int, groups: int, members: int) -> list[tuple]:
        """(article_id, group_id, outlet, date, n) of the articles naming the most of ``keys``
        (at least ``floor`` of them, or as many as any article does), in the first ``groups``
        story groups, at most ``members`` per group (see the module doc)."""
        lists = [self.postings[k] for k in keys if k in self.postings]
        if not lists:
            return []
        hits = np.concatenate(lists)
        count = np.bincount(hits, minlength=len(self.ids))
        arts = np.flatnonzero(count)
        n = count[arts]
        keep = n >= min(int(n.max()), floor)
        arts, n = arts[keep], n[keep]
        g, d = self.group[arts], self.day[arts]
        # per group: the most entities any member names, the earliest date
        order = np.lexsort((d, -n, g))  # by group, then n desc, date, article id (ordinals rank ids)
        arts, n, g, d = arts[order], n[order], g[order], d[order]
        first = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
        gn = n[first]
        gd = np.minimum.reduceat(d, first)
        ranked = first[np.lexsort((g[first], gd, -gn))][:groups]
        ends = np.r_[first[1:], len(arts)]
        end_of = dict(zip(first.tolist(), ends.tolist()))
        out = []
        null_group = len(self.groups)
        for s in ranked.tolist():
            if g[s] == null_group:
                continue
            gid = self.groups[g[s]]
            for j in range(s, min(end_of[s], s + members)):
                a = int(arts[j])
                out.append((self.ids[a], gid, self.outlets[a], self.dates[a], int(n[j])))
        return out
