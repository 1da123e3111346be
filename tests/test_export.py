"""Event exports: GDELT-like rows, default asserted-only, csv/jsonl/parquet/PLOVER JSON."""
import csv
import io
import json

from geobrief import export
from geobrief.model import Actor, Article, Brief, Event, Mention, Place, Span

TEXT = "Russia shelled Kharkiv on Monday. Russia could attack Kyiv, analysts said."


def brief():
    t = TEXT
    b = Brief(article=Article(id="a1", text=t, published="2026-11-12", url="http://example.org/x"))
    b.actors = [Actor(id="A1", name="Russia", kind="state", country="RUS", code="RUS",
                      mentions=[Mention(0, 6, "Russia"), Mention(34, 40, "Russia")])]
    b.places = [Place(id="P1", name="Kharkiv", lat=49.99, lon=36.23, country="UKR",
                      mentions=[Mention(15, 22, "Kharkiv")])]
    b.events = [
        Event(id="E1", actor=["A1"], recipient=[], plover="ASSAULT", mode="asserted",
              evidence=Span.of(t, 0, 33), trigger=Span.of(t, 7, 14), cameo="194", root_code="19", quad_class=4,
              goldstein=-10.0, place="P1", date="2026-11-09", actor_spans=[Span.of(t, 0, 6)],
              recipient_spans=[Span.of(t, 15, 22)], place_span=Span.of(t, 15, 22)),
        Event(id="E2", actor=["A1"], recipient=[], plover="ASSAULT", mode="hypothetical",
              evidence=Span.of(t, 34, len(t)), trigger=Span.of(t, 47, 53), cameo="190", root_code="19",
              quad_class=4, goldstein=-10.0, actor_spans=[Span.of(t, 34, 40)], recipient_spans=[Span.of(t, 54, 58)]),
    ]
    return b


def test_export_rows_leave_out_non_asserted_by_default():
    rows = export.event_rows(brief())
    assert [r["event_id"] for r in rows] == ["E1"]
    r = rows[0]
    assert r["actor1_code"] == "RUS" and r["actor1_country"] == "RUS" and r["event_code"] == "194"
    assert r["event_base_code"] == "194" and r["event_root_code"] == "19" and r["quad_class"] == 4
    assert r["action_place_name"] == "Kharkiv" and r["action_place_lat"] == 49.99
    assert r["mode"] == "asserted" and r["source_url"] == "http://example.org/x"
    assert r["evidence_sentence"] == "Russia shelled Kharkiv on Monday." and r["date"] == "2026-11-09"
    # unresolved in the brief: no country on the side either (one truth: exports show the brief's actors)
    assert r["actor2_code"] == "---" and r["actor2_ids"] is None


def test_export_all_modes_includes_hypothetical_with_its_mode():
    rows = export.event_rows(brief(), include_modes=("asserted", "hypothetical"))
    assert [r["mode"] for r in rows] == ["asserted", "hypothetical"]


def test_export_csv_and_jsonl(tmp_path):
    out = tmp_path / "e.csv"
    export.write_events([brief()], "csv", out)
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == 1 and list(rows[0]) == list(export.COLUMNS)
    buf = io.StringIO()
    export.write_jsonl(export.event_rows(brief()), buf)
    assert json.loads(buf.getvalue().splitlines()[0])["plover_type"] == "ASSAULT"


def test_export_parquet_roundtrip(tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "e.parquet"
    export.write_events([brief()], "parquet", out, all_modes=True)
    tab = pq.read_table(out)
    assert tab.num_rows == 2 and tab.column("goldstein").to_pylist() == [-10.0, -10.0]


def test_export_plover_json(tmp_path):
    out = tmp_path / "p.json"
    export.write_events([brief()], "plover", out)
    data = json.loads(out.read_text())
    ev = data["events"][0]
    assert ev["event_type"] == "ASSAULT" and ev["mode"] == "" and ev["actor_country"] == ["RUS"]
    assert ev["location"]["name"] == "Kharkiv" and ev["trigger"]["text"] == "shelled"


def test_export_default_leaves_out_uncounted_background_events():
    b = brief()
    b.events[0].confidence = 0.45  # e.g. recalled as background ("days after Russia shelled Kharkiv")
    assert export.event_rows(b) == []
    assert [r["event_id"] for r in export.event_rows(b, counted_only=False)] == ["E1"]
    buf = io.StringIO()
    export.write_jsonl(export.all_rows([b], ("asserted",), counted_only=False), buf)
    assert json.loads(buf.getvalue().splitlines()[0])["confidence"] == 0.45
