"""A module loaded on first use, so that --help and shell completion never import the library."""

from __future__ import annotations

from importlib import import_module


class lazy:  # noqa: N801 - used like a module name
    """Stands for the module ``name``; the first attribute looked up imports it."""

    __slots__ = ("_name", "_module")

    def __init__(self, name: str):
        self._name = name
        self._module = None

    def __getattr__(self, attr: str):
        if self._module is None:
            self._module = import_module(self._name)
        return getattr(self._module, attr)
