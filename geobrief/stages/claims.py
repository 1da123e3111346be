"""Claims stage (being built). See issue 5."""
from ..model import Brief
from ..pipeline import stage


@stage("claims", requires=("actors",), assigns=("claims",), components=("parser", "lemmatizer"))
def claims(brief: Brief) -> Brief:
    """Segment claims and give each a status, likelihood, source and check-worthiness."""
    return brief
