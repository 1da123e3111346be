"""The actor network over time: directed dyads (actor → recipient) per time bucket.

Counted events are those said to have happened (modes asserted, historical, attributed); negated,
hypothetical and future events are never counted. An event reported by several articles of the
same near-duplicate story group counts once (same ``event_key``, group and bucket). The date of
an event is its own date when the text gives one, else the article's publication date.

Writers: CSV (one row per dyad and bucket), GraphML (one edge per dyad and bucket, with the
bucket as an attribute) and GEXF 1.3 (one edge per dyad with a spell and dynamic weight per
bucket, for Gephi's timeline).
"""
from __future__ import annotations

import csv
import datetime as _dt
import io
import json
from dataclasses import dataclass, field
from typing import Optional
from xml.sax.saxutils import escape, quoteattr

COUNTED_MODES = ("asserted", "historical", "attributed")
BUCKETS = ("day", "week", "month", "quarter", "year")


@dataclass
class Dyad:
    source: str
    target: str
    bucket: Optional[str]  # ISO date of the bucket's start, None if undated
    events: int
    goldstein_sum: float
    goldstein_mean: Optional[float]
    by_type: dict = field(default_factory=dict)  # PLOVER type → count


@dataclass
class Network:
    nodes: dict  # actor key → {"name", "kind", "country"}
    dyads: list
    bucket: str = "month"

    def to_dict(self) -> dict:
        return {"bucket": self.bucket, "nodes": self.nodes, "dyads": [d.__dict__ for d in self.dyads]}


def resolve_actor(con, actor: str) -> list[str]:
    """Actor keys matching ``actor``: a key, an exact name, else a name containing it."""
    rows = con.execute("SELECT DISTINCT actor_key FROM actors WHERE actor_key = ? OR lower(name) = lower(?)",
                       [actor, actor]).fetchall()
    if not rows:
        rows = con.execute("SELECT DISTINCT actor_key FROM actors WHERE lower(name) LIKE '%' || lower(?) || '%'",
                           [actor]).fetchall()
    return [r[0] for r in rows]


def build(con, actor: Optional[str] = None, since: Optional[str] = None, until: Optional[str] = None,
          bucket: str = "month", min_events: int = 1) -> Network:
    """Compute the dyads from an open store connection."""
    if bucket not in BUCKETS:
        raise ValueError(f"bucket must be one of {BUCKETS}")
    modes = ", ".join(f"'{m}'" for m in COUNTED_MODES)
    params: list = []
    where = []
    if since:
        where.append("d >= CAST(? AS DATE)")
        params.append(since)
    if until:
        where.append("d <= CAST(? AS DATE)")
        params.append(until)
    keys: Optional[list[str]] = None
    if actor:
        keys = resolve_actor(con, actor)
    sql = f"""
    WITH ev AS (
        SELECT e.event_key, e.plover, e.goldstein, a.group_id, e.actor, e.recipient,
               coalesce(try_cast(e.date AS DATE), a.pub_date) AS d
        FROM events e JOIN articles a ON a.id = e.article_id
        WHERE e.mode IN ({modes}) AND len(e.recipient) > 0 AND len(e.actor) > 0
    ), f AS (SELECT * FROM ev {"WHERE " + " AND ".join(where) if where else ""}),
    dd AS (
        SELECT group_id, event_key, date_trunc('{bucket}', d) AS bucket, any_value(plover) AS plover,
               avg(goldstein) AS goldstein, any_value(actor) AS actor, any_value(recipient) AS recipient
        FROM f GROUP BY group_id, event_key, date_trunc('{bucket}', d)
    ), s AS (SELECT unnest(actor) AS src, recipient, bucket, plover, goldstein FROM dd),
    p AS (SELECT src, unnest(recipient) AS dst, bucket, plover, goldstein FROM s)
    SELECT src, dst, bucket, plover, count(*) AS n, sum(goldstein) AS gs, count(goldstein) AS gn
    FROM p WHERE src <> dst GROUP BY src, dst, bucket, plover
    """
    rows = con.execute(sql, params).fetchall()
    agg: dict[tuple, dict] = {}
    for src, dst, b, plover, n, gs, gn in rows:
        if keys is not None and src not in keys and dst not in keys:
            continue
        k = (src, dst, b)
        d = agg.setdefault(k, {"n": 0, "gs": 0.0, "gn": 0, "types": {}})
        d["n"] += n
        d["gs"] += gs or 0.0
        d["gn"] += gn
        d["types"][plover] = d["types"].get(plover, 0) + n
    dyads = []
    for (src, dst, b), d in sorted(agg.items(), key=lambda kv: (kv[0][0], kv[0][1], str(kv[0][2]))):
        if d["n"] < min_events:
            continue
        bstr = b.isoformat()[:10] if isinstance(b, (_dt.date, _dt.datetime)) else (str(b) if b else None)
        dyads.append(Dyad(src, dst, bstr, d["n"], round(d["gs"], 3),
                          round(d["gs"] / d["gn"], 3) if d["gn"] else None, dict(sorted(d["types"].items()))))
    used = sorted({d.source for d in dyads} | {d.target for d in dyads})
    nodes: dict = {}
    if used:
        import pyarrow as pa

        con.register("_nk", pa.table({"k": used}))
        try:
            for k, name, kind, country in con.execute(
                    "SELECT actor_key, mode(name), mode(kind), mode(country) FROM actors "
                    "JOIN _nk ON actor_key = _nk.k GROUP BY actor_key").fetchall():
                nodes[k] = {"name": name, "kind": kind, "country": country}
        finally:
            con.unregister("_nk")
    for k in used:
        nodes.setdefault(k, {"name": k, "kind": None, "country": None})
    return Network(nodes=nodes, dyads=dyads, bucket=bucket)


def _next_bucket(start: str, bucket: str) -> str:
    d = _dt.date.fromisoformat(start)
    if bucket == "day":
        return (d + _dt.timedelta(days=1)).isoformat()
    if bucket == "week":
        return (d + _dt.timedelta(days=7)).isoformat()
    months = {"month": 1, "quarter": 3, "year": 12}[bucket]
    m = d.month - 1 + months
    return _dt.date(d.year + m // 12, m % 12 + 1, 1).isoformat()


def to_csv(net: Network) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["source", "target", "source_name", "target_name", "bucket", "events",
                "goldstein_sum", "goldstein_mean", "by_type"])
    for d in net.dyads:
        w.writerow([d.source, d.target, net.nodes[d.source]["name"], net.nodes[d.target]["name"],
                    d.bucket or "", d.events, d.goldstein_sum,
                    "" if d.goldstein_mean is None else d.goldstein_mean, json.dumps(d.by_type)])
    return buf.getvalue()


def to_graphml(net: Network) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
           '  <key id="name" for="node" attr.name="name" attr.type="string"/>',
           '  <key id="kind" for="node" attr.name="kind" attr.type="string"/>',
           '  <key id="country" for="node" attr.name="country" attr.type="string"/>',
           '  <key id="bucket" for="edge" attr.name="bucket" attr.type="string"/>',
           '  <key id="events" for="edge" attr.name="events" attr.type="int"/>',
           '  <key id="goldstein_sum" for="edge" attr.name="goldstein_sum" attr.type="double"/>',
           '  <key id="goldstein_mean" for="edge" attr.name="goldstein_mean" attr.type="double"/>',
           '  <key id="by_type" for="edge" attr.name="by_type" attr.type="string"/>',
           '  <graph id="actors" edgedefault="directed">']
    for k, n in net.nodes.items():
        out.append(f"    <node id={quoteattr(k)}>")
        for attr in ("name", "kind", "country"):
            if n.get(attr):
                out.append(f'      <data key="{attr}">{escape(str(n[attr]))}</data>')
        out.append("    </node>")
    for i, d in enumerate(net.dyads):
        out.append(f'    <edge id="e{i}" source={quoteattr(d.source)} target={quoteattr(d.target)}>')
        out.append(f'      <data key="bucket">{escape(d.bucket or "")}</data>')
        out.append(f'      <data key="events">{d.events}</data>')
        out.append(f'      <data key="goldstein_sum">{d.goldstein_sum}</data>')
        if d.goldstein_mean is not None:
            out.append(f'      <data key="goldstein_mean">{d.goldstein_mean}</data>')
        out.append(f'      <data key="by_type">{escape(json.dumps(d.by_type))}</data>')
        out.append("    </edge>")
    out += ["  </graph>", "</graphml>", ""]
    return "\n".join(out)


def to_gexf(net: Network) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
           '  <meta><creator>geobrief</creator><description>actor network over time</description></meta>',
           '  <graph defaultedgetype="directed" mode="dynamic" timeformat="date">',
           '    <attributes class="node" mode="static">',
           '      <attribute id="kind" title="kind" type="string"/>',
           '      <attribute id="country" title="country" type="string"/>',
           '    </attributes>',
           '    <attributes class="edge" mode="dynamic">',
           '      <attribute id="events" title="events" type="integer"/>',
           '      <attribute id="goldstein_sum" title="goldstein_sum" type="double"/>',
           '      <attribute id="goldstein_mean" title="goldstein_mean" type="double"/>',
           '    </attributes>',
           '    <nodes>']
    for k, n in net.nodes.items():
        out.append(f"      <node id={quoteattr(k)} label={quoteattr(str(n.get('name') or k))}>")
        out.append("        <attvalues>")
        for attr in ("kind", "country"):
            if n.get(attr):
                out.append(f'          <attvalue for="{attr}" value={quoteattr(str(n[attr]))}/>')
        out.append("        </attvalues>")
        out.append("      </node>")
    out.append("    </nodes>")
    out.append("    <edges>")
    by_pair: dict[tuple, list] = {}
    for d in net.dyads:
        by_pair.setdefault((d.source, d.target), []).append(d)
    for i, ((s, t), ds) in enumerate(by_pair.items()):
        total = sum(d.events for d in ds)
        out.append(f'      <edge id="e{i}" source={quoteattr(s)} target={quoteattr(t)} weight="{total}">')
        out.append("        <attvalues>")
        for d in ds:
            span = ""
            if d.bucket:
                span = f' start="{d.bucket}" endopen="{_next_bucket(d.bucket, net.bucket)}"'
            out.append(f'          <attvalue for="events" value="{d.events}"{span}/>')
            out.append(f'          <attvalue for="goldstein_sum" value="{d.goldstein_sum}"{span}/>')
            if d.goldstein_mean is not None:
                out.append(f'          <attvalue for="goldstein_mean" value="{d.goldstein_mean}"{span}/>')
        out.append("        </attvalues>")
        spells = [d for d in ds if d.bucket]
        if spells:
            out.append("        <spells>")
            for d in spells:
                out.append(f'          <spell start="{d.bucket}" endopen="{_next_bucket(d.bucket, net.bucket)}"/>')
            out.append("        </spells>")
        out.append("      </edge>")
    out += ["    </edges>", "  </graph>", "</gexf>", ""]
    return "\n".join(out)


WRITERS = {"csv": to_csv, "graphml": to_graphml, "gexf": to_gexf}


def network(store_path, actor: Optional[str] = None, since: Optional[str] = None,
            until: Optional[str] = None, bucket: str = "month", fmt: str = "csv", out=None,
            min_events: int = 1):
    """The actor network of the store at ``store_path``.

    ``actor``: keep only dyads involving this actor (key or name, case-insensitive; a substring of
    a name also matches). ``since``/``until``: ISO dates, inclusive. ``bucket``: day, week, month,
    quarter or year. ``fmt``: csv, graphml, gexf, or ``json``/``None`` for the :class:`Network`
    object. ``out``: a path or a text file to write to; without it the text is returned.
    """
    from .store import Store

    for name, value in (("since", since), ("until", until)):
        if value is not None:
            try:
                _dt.date.fromisoformat(str(value))
            except ValueError:
                raise ValueError(f"{name}={value!r} is not a date: use the ISO format YYYY-MM-DD") from None
    with Store(str(store_path), read_only=True) as st:
        net = build(st.con, actor=actor, since=since, until=until, bucket=bucket, min_events=min_events)
    if fmt in (None, "object"):
        return net
    if fmt == "json":
        text = json.dumps(net.to_dict(), ensure_ascii=False, indent=2)
    else:
        if fmt not in WRITERS:
            raise ValueError(f"unknown network format {fmt!r}: one of csv, graphml, gexf, json")
        text = WRITERS[fmt](net)
    if out is None:
        return text
    if hasattr(out, "write"):
        out.write(text)
    else:
        from ..export import write_atomic  # never a half-written file; the user's umask

        write_atomic(out, text)
    return text
