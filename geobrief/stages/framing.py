"""Framing stage (being built). See issue 6."""
from ..model import Brief
from ..pipeline import stage


@stage("framing", requires=("actors",), reads=("claims",), assigns=("framing", "portrayals", "genre"),
       components=("parser", "lemmatizer"))
def framing(brief: Brief) -> Brief:
    """Find propaganda-technique spans, actor portrayals and the genre."""
    return brief
