"""Typed errors and exit statuses. The library raises the errors; one place each (``cli.main`` and
``greet.main``) turns them into a line on stderr and an exit status."""

from __future__ import annotations


class Exit:
    """Exit statuses, named once (httpie's ``ExitStatus`` habit); plain ints (an IntEnum costs every start-up
    half a millisecond)."""

    OK = 0
    DATA = 1  # a corpus, index or other file is wrong or unreadable
    USAGE = 2  # something the user typed is wrong
    INTERNAL = 70  # a bug of ours (EX_SOFTWARE)


EXIT_DATA, EXIT_USAGE, EXIT_INTERNAL = Exit.DATA, Exit.USAGE, Exit.INTERNAL


class AlmanacError(Exception):
    """A problem a user can fix; ``str(err)`` is a one-line message."""

    exit_code = EXIT_DATA


class UsageError(AlmanacError):
    """Something the user typed is wrong (exit 2)."""

    exit_code = EXIT_USAGE


class DataError(AlmanacError):
    """A corpus, index or other file is wrong or unreadable (exit 1)."""

    exit_code = EXIT_DATA
