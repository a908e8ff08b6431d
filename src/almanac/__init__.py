"""almanac: what happened on this day in history, in your terminal.

Also a library, as sqlite-utils is. Every name below is imported only when first used, so the greeting
at login loads none of them::

    import almanac

    store = almanac.open_corpus()                       # the bundled corpus (and the user's files)
    day = almanac.on_day(store, almanac.parse_day("15 May", almanac.today()))
    for event in day.events:
        print(event.date.human(), event.title)
    almanac.timeline(store, ["China", "USSR"]).events
"""

__version__ = "0.1.0"

# name -> module that defines it
_API = {
    "open_corpus": "api", "today": "api",
    "on_day": "query", "day_range": "query", "period": "query", "timeline": "query", "search": "query",
    "search_people": "query", "person": "query", "find_people": "query", "random_event": "query",
    "stats": "query", "countries": "query", "pairs": "query", "resolve_countries": "query",
    "DayView": "query", "TimelineView": "query", "PersonView": "query", "RangeView": "query",
    "PeriodView": "query",
    "parse_day": "dates", "parse_when": "dates", "HDate": "dates", "DayQuery": "dates",
    "PeriodQuery": "dates", "OldStyle": "dates",
    "Event": "model", "Person": "model", "Country": "model",
    "CountryTable": "countries",
    "open_store": "store.open", "Store": "store.base",
    "AlmanacError": "errors", "UsageError": "errors", "DataError": "errors",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str):
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'almanac' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
