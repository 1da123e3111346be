import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "examples"
DEV = ROOT.parent / "shared" / "eval" / "dev"


@pytest.fixture(scope="session")
def pipeline():
    """The default pipeline (spaCy loaded once for the whole test session)."""
    from geobrief.pipeline import default_pipeline
    return default_pipeline()


@pytest.fixture(scope="session")
def example_briefs(pipeline):
    """Briefs of every bundled example article, by article id."""
    from geobrief.ingest import read_paths
    out = {}
    for art, brief in pipeline.run_many(read_paths([EXAMPLES])):
        assert art is not None, brief
        out[art.id] = brief
    return out
