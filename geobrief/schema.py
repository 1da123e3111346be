"""The JSON Schema of the brief, derived from the data model.

``schema/brief.schema.json`` is the checked-in copy; a test fails when the model and the
file disagree, so a change to the public contract is always deliberate
(regenerate with ``python -m geobrief.schema > schema/brief.schema.json``).
"""
from __future__ import annotations

import dataclasses
import json
import typing

from . import model

# Enumerations that are part of the contract.
ENUMS = {
    ("Actor", "kind"): model.ACTOR_KINDS,
    ("Event", "mode"): model.EVENT_MODES,
    ("Claim", "status"): model.CLAIM_STATUSES,
    ("Source", "kind"): model.SOURCE_KINDS,
    ("Portrayal", "role"): model.PORTRAYAL_ROLES,
}
NULLABLE_ENUMS = {("Claim", "likelihood"): model.ICD203, ("Summary", "genre"): model.GENRES}


def _type(tp, defs: dict) -> dict:
    origin = typing.get_origin(tp)
    if origin is list:
        return {"type": "array", "items": _type(typing.get_args(tp)[0], defs)}
    if origin is typing.Union:
        inner = [a for a in typing.get_args(tp) if a is not type(None)][0]
        t = _type(inner, defs)
        if "$ref" in t:
            return {"anyOf": [t, {"type": "null"}]}
        return {**t, "type": [t["type"], "null"]}
    if dataclasses.is_dataclass(tp):
        _define(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    return {str: {"type": "string"}, int: {"type": "integer"}, float: {"type": "number"},
            bool: {"type": "boolean"}}.get(tp, {})


def _define(cls, defs: dict) -> None:
    if cls.__name__ in defs:
        return
    defs[cls.__name__] = {}  # placeholder against recursion
    hints = typing.get_type_hints(cls)
    props, required = {}, []
    for f in dataclasses.fields(cls):
        if not f.metadata.get("serialise", True):
            continue
        p = _type(hints[f.name], defs)
        key = (cls.__name__, f.name)
        if key in ENUMS:
            p = {"type": "string", "enum": list(ENUMS[key])}
        if key in NULLABLE_ENUMS:
            p = {"enum": list(NULLABLE_ENUMS[key]) + [None]}
        props[f.name] = p
        required.append(f.name)
    defs[cls.__name__] = {"type": "object", "properties": props, "required": required,
                          "additionalProperties": True}


def brief_schema() -> dict:
    """The JSON Schema (draft 2020-12) of a serialised Brief."""
    defs: dict = {}
    _define(model.Brief, defs)
    root = defs.pop("Brief")
    root["properties"]["schema_version"] = {"const": model.SCHEMA_VERSION}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://geobrief.example/schema/brief-{model.SCHEMA_VERSION}.json",
            "title": "geobrief Brief", **root, "$defs": defs}


if __name__ == "__main__":
    print(json.dumps(brief_schema(), indent=2))
