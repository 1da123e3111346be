"""The OpenAPI 3.1 description of ``/api/v1/`` (served at ``/api/v1/openapi.json``).

Written by hand next to the routes in ``api.py``; a test checks that both list the same paths.
"""
from __future__ import annotations


def _q(name: str, desc: str, schema: dict | None = None) -> dict:
    return {"name": name, "in": "query", "required": False, "description": desc,
            "schema": schema or {"type": "string", "maxLength": 300}}


DATE = {"type": "string", "format": "date"}
PAGE = [_q("limit", "Items per page (1-100).", {"type": "integer", "minimum": 1, "maximum": 100}),
        _q("offset", "Items to skip.", {"type": "integer", "minimum": 0})]
SEARCH = [_q("q", "Full text (BM25 over the articles' sentences)."),
          _q("actor", "An actor key or name (a name matches any actor whose name contains it)."),
          _q("place", "A place key (GeoNames id) or name."),
          _q("since", "Published on or after (ISO date).", DATE), _q("until", "Published on or before.", DATE),
          _q("genre", "Genre as the brief gives it (news, opinion, ...)."), _q("outlet", "Outlet name.")]
EVENT_FILTERS = [_q("plover", "PLOVER event type, e.g. CONSULT."), _q("cameo", "CAMEO code or prefix, e.g. 04."),
                 _q("mode", "asserted, attributed, negated, hypothetical, future or historical."),
                 _q("actor", "Actor side: key or name."), _q("recipient", "Recipient side: key or name."),
                 _q("since", "Event date on or after (its own date, else the article's).", DATE),
                 _q("until", "Event date on or before.", DATE)]


def _ok(desc: str, ref: str | None = None, ctype: str = "application/json") -> dict:
    schema = {"$ref": f"#/components/schemas/{ref}"} if ref else {"type": "object"}
    if ctype != "application/json":
        schema = {"type": "string"}
    return {"200": {"description": desc, "content": {ctype: {"schema": schema}}},
            "default": {"description": "A coded error.",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}


def _get(summary: str, params: list, desc: str, ref: str | None = None, ctype: str = "application/json") -> dict:
    return {"get": {"summary": summary, "parameters": params, "responses": _ok(desc, ref, ctype)}}


def _path_param(name: str, desc: str) -> dict:
    return {"name": name, "in": "path", "required": True, "description": desc, "schema": {"type": "string"}}


SPEC = {
    "openapi": "3.1.0",
    "info": {"title": "geobrief serve API", "version": "1",
             "description": "Read the corpus store: articles and their briefs, actors, events, the actor network, "
                            "source profiles and evidence-graded answers; analyse a text. Field names are those "
                            "of the brief JSON contract (schema/brief.schema.json) and of the store's tables. "
                            "Off localhost every call needs 'Authorization: Bearer TOKEN'."},
    "servers": [{"url": "/api/v1"}],
    "components": {
        "schemas": {
            "Error": {"type": "object", "required": ["code", "message", "hint"],
                      "properties": {"code": {"type": "string", "pattern": "^G[0-9]{3}$"},
                                     "message": {"type": "string"}, "hint": {"type": "string"}}},
            "Page": {"type": "object", "required": ["items", "total", "limit", "offset", "next", "prev"],
                     "properties": {"items": {"type": "array", "items": {"type": "object"}},
                                    "total": {"type": "integer"}, "limit": {"type": "integer"},
                                    "offset": {"type": "integer"}, "next": {"type": ["string", "null"]},
                                    "prev": {"type": ["string", "null"]}}},
            "Brief": {"type": "object", "description": "The brief JSON contract (schema/brief.schema.json)."},
        },
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
    },
    "security": [{}, {"bearer": []}],
    "paths": {
        "/": _get("The API's endpoints and the store's counts.", [], "Index."),
        "/overview": _get("Corpus overview", [], "Counts, articles per month by outlet, genres, top actors, "
                          "outlet profiles."),
        "/articles": _get("Search articles", SEARCH + PAGE, "A page of articles (id, title, outlet, date, genre, "
                          "words, group_id, snippet).", "Page"),
        "/articles/{article_id}": {"get": {"summary": "One article's brief", "parameters": [
            _path_param("article_id", "The article's id.")], "responses": _ok("The brief.", "Brief")}},
        "/actors": _get("Find actors", [_q("q", "Part of a name, or a key.")] + PAGE,
                        "A page of actors (key, name, kind, country, code, articles).", "Page"),
        "/actors/{key}": {"get": {"summary": "One actor", "parameters": [_path_param("key", "The actor key.")],
                                  "responses": _ok("Roles by date, events over time as actor and recipient, "
                                                   "portrayal by outlet, places, neighbours, latest events.")}},
        "/stories/{group_id}": {"get": {"summary": "One story: a near-duplicate group side by side", "parameters": [
            _path_param("group_id", "The group's id (the id of its first article; an article's group_id).")],
            "responses": _ok("members (with claims by status) and events: which members report each, "
                             "independent sources across the corpus, corroborated/single/contradicted.")}},
        "/events": _get("Events", EVENT_FILTERS + PAGE, "A page of events.", "Page"),
        "/events.csv": _get("Events as GDELT-like CSV", EVENT_FILTERS + [_q(
            "max", "At most this many events (1-5000).", {"type": "integer", "minimum": 1, "maximum": 5000})],
            "CSV with the columns of `geobrief events`.", ctype="text/csv"),
        "/events.parquet": _get("Events as GDELT-like Parquet", EVENT_FILTERS + [_q(
            "max", "At most this many events (1-5000).", {"type": "integer", "minimum": 1, "maximum": 5000})],
            "Parquet with the columns of `geobrief events --format parquet`.", ctype="application/vnd.apache.parquet"),
        "/network": _get("The actor network", [_q("actor", "Key or name."), _q("since", "ISO date.", DATE),
                                               _q("until", "ISO date.", DATE),
                                               _q("bucket", "day, week, month, quarter or year.")],
                         "Nodes and dyads (events counted once per story, by type and bucket)."),
        "/places": _get("Places on the map", [_q("actor", "Key or name."), _q("since", "ISO date.", DATE),
                                              _q("until", "ISO date.", DATE),
                                              _q("limit", "At most (1-500).", {"type": "integer"})],
                        "Places with coordinates: key, name, country, lat, lon, articles, counted events there."),
        "/profiles": _get("Source profiles", [_q("by", "outlet or author."), _q("name", "Just this one.")],
                          "Per outlet or author: unsourced, hedged and opinion shares, loaded language, portrayals."),
        "/ask": _get("Ask the corpus", [_q("q", "The question."),
                                        _q("limit", "Lines per section (1-50).", {"type": "integer"})],
                     "An evidence-graded answer in the corpus's own words."),
        "/analyze": {"post": {
            "summary": "Analyse a text (not stored); rate-limited per client.",
            "requestBody": {"required": True, "content": {
                "application/json": {"schema": {"type": "object", "required": ["text"], "properties": {
                    "text": {"type": "string"}, "title": {"type": "string"}, "outlet": {"type": "string"},
                    "author": {"type": "string"}, "published": {"type": "string"}, "url": {"type": "string"}}}},
                "multipart/form-data": {"schema": {"type": "object", "properties": {
                    "file": {"type": "string", "format": "binary",
                             "description": ".txt, .md or .html, at most the upload limit"},
                    "text": {"type": "string"}, "csrf": {"type": "string"}}}}}},
            "responses": _ok("The brief.", "Brief")}},
        "/openapi.json": _get("This description", [], "OpenAPI 3.1."),
    },
}
