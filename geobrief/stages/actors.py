"""Actors stage (being built): recognises and resolves actors. See issue 3."""
from ..model import Brief
from ..pipeline import stage


@stage("actors", assigns=("actors",), components=("ner", "parser", "lemmatizer"))
def actors(brief: Brief) -> Brief:
    """Find actor mentions and resolve them to canonical actors."""
    return brief
