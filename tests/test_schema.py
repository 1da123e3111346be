"""The brief's JSON is a public contract: validated against the checked-in, versioned schema."""
import json

import jsonschema

from geobrief.model import Brief, brief_from_dict, to_dict, to_json
from geobrief.schema import brief_schema

from .conftest import ROOT

SCHEMA_FILE = ROOT / "schema" / "brief.schema.json"


def test_schema_file_matches_model():
    assert json.loads(SCHEMA_FILE.read_text()) == brief_schema(), (
        "model changed: regenerate with `python -m geobrief.schema > schema/brief.schema.json` "
        "and bump SCHEMA_VERSION if a field was removed or renamed")


def test_schema_example_briefs_validate(example_briefs):
    schema = json.loads(SCHEMA_FILE.read_text())
    for brief in example_briefs.values():
        jsonschema.validate(json.loads(to_json(brief)), schema)


def test_schema_contract_fields_present(example_briefs):
    d = to_dict(example_briefs["oped_kabul_visit"])
    assert {"schema_version", "article", "actors", "places", "events", "claims", "framing",
            "portrayals", "summary"} <= set(d)
    assert {"id", "title", "author", "outlet", "published", "url", "text"} <= set(d["article"])
    assert {"bottom_line", "sourcing"} <= set(d["summary"])
    assert {"named", "anonymous", "unsourced"} == set(d["summary"]["sourcing"])
    assert "doc" not in d


def test_schema_round_trip(example_briefs):
    b = example_briefs["wire_kabul_visit"]
    again = brief_from_dict(json.loads(to_json(b)))
    assert to_dict(again) == to_dict(b)


def test_schema_every_span_points_into_text(example_briefs):
    for b in example_briefs.values():
        text = b.article.text
        spans = [m for a in b.actors for m in a.mentions] + [m for p in b.places for m in p.mentions]
        spans += [e.evidence for e in b.events] + [e.trigger for e in b.events]
        spans += [f.trigger for f in b.framing] + list(b.framing) + list(b.claims)
        for s in spans:
            assert text[s.start:s.end] == s.text, (b.article.id, s)
