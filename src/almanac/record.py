"""Plain data classes without the ``dataclasses`` module, for the modules on the greeting's path.

``dataclasses`` imports ``inspect`` (and with it ``ast``, ``dis`` and ``tokenize``): about 20 ms at every
login, more than the rest of the greeting's own work. ``record`` makes the same ``__init__``, ``__repr__``,
``__eq__`` and (for ``frozen=True``) ``__hash__`` from the class's annotations, and nothing else.
Instances of frozen records are treated as immutable, as ``HDate``'s are; it is not enforced, which keeps
construction as cheap as a plain class's (an index build makes one per event).
"""

from __future__ import annotations

_MISSING = object()


class Field:
    __slots__ = ("default", "default_factory", "compare")

    def __init__(self, default=_MISSING, default_factory=None, compare: bool = True):
        self.default, self.default_factory, self.compare = default, default_factory, compare


def field(*, default=_MISSING, default_factory=None, compare: bool = True) -> Field:
    """As ``dataclasses.field``: a default, a factory for a mutable default, or a field left out of ==."""
    return Field(default, default_factory, compare)


def record(cls=None, *, frozen: bool = False):
    """As ``@dataclass`` / ``@dataclass(frozen=True)`` for the uses in this package."""
    if cls is None:
        return lambda c: _make(c, frozen)
    return _make(cls, frozen)


def _fields(cls) -> list[tuple[str, Field]]:
    out: dict[str, Field] = {}
    for klass in reversed(cls.__mro__):
        for name in klass.__dict__.get("__annotations__", {}):
            value = klass.__dict__.get(name, _MISSING)
            out[name] = value if isinstance(value, Field) else Field(value)
    return list(out.items())


def _make(cls, frozen: bool):
    fields = _fields(cls)
    env: dict = {"_MISSING": _MISSING}
    params, body = [], []
    for name, f in fields:
        if f.default_factory is not None:
            env[f"_f_{name}"] = f.default_factory
            params.append(f"{name}=_MISSING")
            body.append(f"    self.{name} = _f_{name}() if {name} is _MISSING else {name}")
        elif f.default is not _MISSING:
            env[f"_d_{name}"] = f.default
            params.append(f"{name}=_d_{name}")
            body.append(f"    self.{name} = {name}")
        else:
            params.append(name)
            body.append(f"    self.{name} = {name}")
        if name in cls.__dict__:
            delattr(cls, name)  # the default lives in __init__ now, as with dataclasses' Field objects
    source = f"def __init__(self, {', '.join(params)}):\n" + ("\n".join(body) or "    pass") + "\n"
    exec(source, env)  # noqa: S102 - our own field names, as dataclasses does
    cls.__init__ = env["__init__"]
    compared = tuple(name for name, f in fields if f.compare)
    names = tuple(name for name, _ in fields)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{n}={getattr(self, n)!r}' for n in names)})"

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in compared)

    cls.__repr__, cls.__eq__ = __repr__, __eq__
    if frozen:
        cls.__hash__ = lambda self: hash(tuple(getattr(self, n) for n in compared))
    else:
        cls.__hash__ = None
    cls.__record_fields__ = names
    return cls
