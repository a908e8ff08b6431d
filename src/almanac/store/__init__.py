"""Where the queries read events and people from.

- ``base``: the ``Store`` protocol that ``query`` is written against;
- ``memory``: the parsed corpus files in memory;
- ``sqlite``: the on-disk index (schema, reads, the builder);
- ``open``: which of them answers, and when an index is built, rebuilt or tidied away;
- ``carried``: the index a wheel carries, checked by content and copied into the cache on a first run.

Nothing is imported here, so the greeting loads only what it uses.
"""
