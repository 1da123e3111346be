"""Source profiles: for each outlet or author, what and how they write.

Per profile: articles, words, claims, the share of claims asserted with no source, the share and
density (per 1,000 words) of hedged or predictive claims, loaded-language density (framing spans
in the author's own words per 1,000 words), and the portrayal of each actor across everything
they wrote (mean polarity, counts of protagonist / antagonist / innocent).
"""
from __future__ import annotations

import csv
import io
import json
from typing import Optional

BY = ("outlet", "author")


def build(con, by: str = "outlet", name: Optional[str] = None) -> list[dict]:
    if by not in BY:
        raise ValueError(f"by must be one of {BY}")
    where, params = "", []
    if name:
        where = f"WHERE lower(a.{by}) = lower(?)"
        params = [name]
    base = con.execute(f"""
        WITH a AS (SELECT id, coalesce({by}, '(unknown)') AS who, words FROM articles),
        c AS (SELECT article_id, count(*) AS n, count(*) FILTER (WHERE unsourced) AS uns,
                     count(*) FILTER (WHERE status IN ('hedged', 'prediction')) AS hedged,
                     count(*) FILTER (WHERE status = 'opinion') AS opinion,
                     count(*) FILTER (WHERE status = 'reported') AS reported,
                     count(*) FILTER (WHERE source_kind = 'anonymous') AS anon
              FROM claims GROUP BY article_id),
        f AS (SELECT article_id, count(*) AS n FROM framing WHERE speaker IS NULL OR speaker = 'author'
              GROUP BY article_id)
        SELECT a.who, count(*) AS articles, sum(a.words) AS words, sum(coalesce(c.n, 0)) AS claims,
               sum(coalesce(c.uns, 0)) AS unsourced, sum(coalesce(c.hedged, 0)) AS hedged,
               sum(coalesce(c.opinion, 0)) AS opinion, sum(coalesce(c.reported, 0)) AS reported,
               sum(coalesce(c.anon, 0)) AS anonymous, sum(coalesce(f.n, 0)) AS loaded
        FROM a LEFT JOIN c ON c.article_id = a.id LEFT JOIN f ON f.article_id = a.id
        {where.replace('a.' + by, 'a.who')}
        GROUP BY a.who ORDER BY articles DESC, a.who""", params).fetchall()
    port = con.execute(f"""
        SELECT coalesce(a.{by}, '(unknown)') AS who, p.actor_key, mode(p.actor_name), count(*),
               avg(p.polarity), count(*) FILTER (WHERE p.role = 'protagonist'),
               count(*) FILTER (WHERE p.role = 'antagonist'), count(*) FILTER (WHERE p.role = 'innocent')
        FROM portrayals p JOIN articles a ON a.id = p.article_id
        {where} GROUP BY who, p.actor_key ORDER BY who, count(*) DESC""", params).fetchall()
    portrayals: dict[str, list] = {}
    for who, key, aname, n, pol, pro, ant, inn in port:
        portrayals.setdefault(who, []).append({
            "actor": key, "name": aname, "articles": n, "mean_polarity": round(pol, 3) if pol is not None else None,
            "protagonist": pro, "antagonist": ant, "innocent": inn})
    out = []
    for who, arts, words, claims, uns, hedged, opinion, reported, anon, loaded in base:
        words = words or 0
        k = 1000.0 / words if words else 0.0
        out.append({
            "by": by, "name": who, "articles": arts, "words": words, "claims": claims,
            "unsourced_share": round(uns / claims, 3) if claims else None,
            "anonymous_share": round(anon / claims, 3) if claims else None,
            "hedged_share": round(hedged / claims, 3) if claims else None,
            "opinion_share": round(opinion / claims, 3) if claims else None,
            "reported_share": round(reported / claims, 3) if claims else None,
            "hedging_per_1000_words": round(hedged * k, 3),
            "loaded_language_per_1000_words": round(loaded * k, 3),
            "portrayals": portrayals.get(who, []),
        })
    return out


def profiles(store_path, by: str = "outlet", name: Optional[str] = None, fmt: str = "json"):
    """Source profiles of the store at ``store_path``, one per outlet (``by="outlet"``) or author.

    ``name``: just this outlet/author (case-insensitive). ``fmt``: ``json`` (text), ``csv``
    (portrayals as a JSON column), ``text`` (a readable table), or ``None`` for the list of dicts.
    """
    from .store import Store

    with Store(str(store_path), read_only=True) as st:
        rows = build(st.con, by=by, name=name)
    if fmt is None:
        return rows
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        cols = [c for c in rows[0]] if rows else ["by", "name"]
        w = csv.DictWriter(buf, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({**r, "portrayals": json.dumps(r["portrayals"], ensure_ascii=False)})
        return buf.getvalue()
    if fmt == "text":
        lines = []
        for r in rows:
            pct = lambda v: "–" if v is None else f"{v:.0%}"  # noqa: E731
            lines.append(f"{r['name']} ({r['by']}): {r['articles']} article(s), {r['claims']} claim(s); "
                         f"unsourced {pct(r['unsourced_share'])}, hedged {pct(r['hedged_share'])}, "
                         f"loaded language {r['loaded_language_per_1000_words']}/1000 words")
            for p in r["portrayals"][:8]:
                lines.append(f"    {p['name']}: polarity {p['mean_polarity']}, protagonist {p['protagonist']}, "
                             f"antagonist {p['antagonist']}, innocent {p['innocent']} ({p['articles']} article(s))")
        return "\n".join(lines) + "\n"
    raise ValueError(f"unknown profiles format {fmt!r}: json, csv or text")
