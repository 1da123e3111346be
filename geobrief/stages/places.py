"""Places stage (being built): toponyms resolved offline. See issue 7."""
from ..model import Brief
from ..pipeline import stage


@stage("places", reads=("actors",), assigns=("places",), components=("ner",))
def places(brief: Brief) -> Brief:
    """Find toponyms and resolve them to GeoNames ids and coordinates."""
    return brief
