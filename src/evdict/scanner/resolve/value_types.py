"""The values names and expressions evaluate to (:mod:`.values`): strings, literals,
external names, modules, classes, instances, members, functions, enum members, dict
registries, and what is not known with why."""

from __future__ import annotations

from dataclasses import dataclass, field

from evdict.scanner.model import Call, FunctionDef, Mapping, Position
from evdict.scanner.presets import CALLED


@dataclass(frozen=True, slots=True)
class VStr:
    """A string; ``origins`` are the literals (path, position) it is written as, when it is
    one literal as written (a folded concatenation has none)."""

    value: str
    origins: tuple[tuple[str, Position], ...] = field(default=(), compare=False)


@dataclass(frozen=True, slots=True)
class VLit:
    value: object


@dataclass(frozen=True, slots=True)
class VExternal:
    """Something from outside the project (an SDK, the standard library)."""

    qualname: str


@dataclass(frozen=True, slots=True)
class VModule:
    name: str


@dataclass(frozen=True, slots=True)
class VClass:
    module: str
    qualname: str


@dataclass(frozen=True, slots=True)
class Construction:
    """``call`` builds an instance, written in ``scope`` of ``module``; ``within``: when
    that scope is ``func``, an ``__init__`` (its ``super().__init__(...)`` call), the
    construction running it, whose arguments its parameters hold (:mod:`.constructed`)."""

    module: str
    scope: str
    call: Call
    within: Construction | None = None
    func: FunctionDef | None = None


@dataclass(frozen=True, slots=True)
class VInstance:
    """``given``: the fields its construction passes by keyword (``FeedbackEvent(user=u)``),
    the others holding their class's defaults; None when that is not known (positional
    arguments, a parameter, ``self``). ``built``: a construction of ``of`` itself, so
    of that class and no subclass (a parameter annotated with it may hold a subclass)."""

    of: VClass | VExternal
    given: frozenset[str] | None = field(default=None, compare=False)
    built: bool = field(default=False, compare=False)
    site: Construction | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class VMember:
    """An attribute of an instance of an external class (``client.track``)."""

    of: VExternal
    name: str


@dataclass(frozen=True, slots=True)
class VFunc:
    module: str
    qualname: str
    bound: bool


@dataclass(frozen=True, slots=True)
class VEnumMember:
    name: str
    value: Value


@dataclass(frozen=True, slots=True)
class VUnknown:
    """A value that cannot be known statically; ``undefined`` when no definition of the
    name or attribute was found at all (not, say, a parameter). ``name``: the parameter
    (``analytics``) or attribute (``.segment_client``) it is the value of, which
    :class:`Implied` may read an instance from. ``pending``: a project module that is
    not parsed yet defines it (the engine's next pass parses it)."""

    reason: str
    undefined: bool = False
    name: str | None = field(default=None, compare=False)
    pending: bool = field(default=False, compare=False)


@dataclass(frozen=True, slots=True)
class VDict:
    """A dict literal bound to a name (``EVENTS = {"signup": "user_signed_up"}``): a
    registry of names read by constant keys, its values evaluated where it is written."""

    module: str
    scope: str
    mapping: Mapping


CIRCULAR = VUnknown("circular definition")
"""A name read while its own value is evaluated: ``this.client ?? new PostHog(key)``
assigned to ``this.client`` reads its previous value there."""

Value = (
    VStr
    | VLit
    | VDict
    | VExternal
    | VModule
    | VClass
    | VInstance
    | VMember
    | VFunc
    | VEnumMember
    | VUnknown
)


def called(value: Value) -> Value:
    """What a call of ``value`` calls: an SDK client's member ``__call__`` (:data:`CALLED`)
    when ``value`` is a client (what an SDK function returned), else ``value``."""
    if isinstance(value, VInstance) and isinstance(value.of, VExternal):
        return VMember(value.of, CALLED)
    return value
