"""The command line, the only part of almanac that imports Typer.

- ``options``: the formats and shared options, declared once;
- ``app``: the commands, each a library call handed to a renderer, and the one error boundary.
"""

from .app import app
from .options import complete_country

__all__ = ["app", "complete_country"]
