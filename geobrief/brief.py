"""Assembling the brief's summary (bottom line, sourcing). Being built."""
from .model import Brief
from .pipeline import stage


@stage("summary", reads=("actors", "places", "events", "claims", "framing", "genre"), assigns=("summary",))
def summary(brief: Brief) -> Brief:
    """Write the bottom line and the sourcing summary from what the stages found."""
    return brief
