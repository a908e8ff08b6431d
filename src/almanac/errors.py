"""Typed errors. The library raises them; one place (``cli.main``/``greet``) turns them into output."""

from __future__ import annotations

# Exit codes, named once (httpie's status.py habit).
EXIT_DATA = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70  # a bug of ours (EX_SOFTWARE)


class AlmanacError(Exception):
    """A problem a user can fix; ``str(err)`` is a one-line message."""

    exit_code = EXIT_DATA


class UsageError(AlmanacError):
    """Something the user typed is wrong (exit 2)."""

    exit_code = EXIT_USAGE


class DataError(AlmanacError):
    """A corpus, index or other file is wrong or unreadable (exit 1)."""

    exit_code = EXIT_DATA
