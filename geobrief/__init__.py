"""geobrief: geopolitical news and commentary in, a checkable brief out."""
__version__ = "0.1.0"
