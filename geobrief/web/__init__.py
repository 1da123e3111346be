"""``geobrief serve``: the analyst's web workbench and JSON API over a corpus store.

- ``app``       the ASGI app (Starlette) and ``run`` (uvicorn)
- ``api``       ``/api/v1/``: paginated JSON, one error shape, OpenAPI (``openapi``)
- ``pages``     server-rendered views (Jinja2 templates, one stylesheet, no script)
- ``queries``   the reads behind both, on a snapshot reader
- ``snapshot``  how serve reads a store that ``ingest`` is writing
- ``security``  token, CSRF, host check, rate limits, headers
- ``analyse``   analyse a pasted or uploaded text
"""
from .app import create_app, run

__all__ = ["create_app", "run"]
