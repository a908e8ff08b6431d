"""almanac: what happened on this day in history, in your terminal."""

__version__ = "0.1.0"
