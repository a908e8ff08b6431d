"""The command line: the only part of almanac that imports Typer, and only in ``app`` and ``options``.

- ``commands``: what the everyday commands do once their options are parsed, the one error boundary,
  and the plainest calls answered without Typer (``almanac on DATE``, with at most --format and --no-pager);
- ``options``: the formats and shared options, declared once;
- ``complete``: shell completion of country names, and a TAB on a country answered without Typer;
- ``app``: the commands as Typer declares them (``almanac.cli.app.app``), each a library call handed to
  a renderer.

Nothing is imported here, so ``commands`` never pays for Typer.
"""

__all__ = ["complete_country"]


def __getattr__(name: str):
    if name == "complete_country":
        from .options import complete_country

        return complete_country
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
