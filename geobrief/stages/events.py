"""Events stage (being built). See issue 4."""
from ..model import Brief
from ..pipeline import stage


@stage("events", requires=("actors",), reads=("places",), assigns=("events",),
       components=("parser", "lemmatizer", "ner"))
def events(brief: Brief) -> Brief:
    """Extract who did what to whom, with PLOVER/CAMEO codes and modes."""
    return brief
