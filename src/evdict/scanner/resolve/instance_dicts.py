"""The dict a property of an event object gives, where the object's class is known at
the call (Python): browser-use's wrapper sends ``{**event.properties, **SETTINGS}`` and
its callers pass ``MCPServerTelemetryEvent(version=v, action="start")``; the dataclass's
base declares::

    @property
    def properties(self) -> dict[str, Any]:
        props = {k: v for k, v in asdict(self).items() if k != "name"}
        props["is_docker"] = is_running_in_docker()
        return props

``asdict(self)`` holds the fields of the instance's class (its dataclass bases' first);
the comprehension leaves out the keys its condition names (the front end reads it as
``asdict(self)`` spread in, ``name`` omitted), the writes before the ``return`` add theirs
(:mod:`~evdict.scanner.resolve.local_dicts`). The attribute is read on the caller's
argument: a construction written there (the wrapper's reading makes it an
:data:`ATTRIBUTE_OF`), or a local bound to one (an :class:`Item` of it). Anything else, or
a property returning anything else, is not read here.
"""

from __future__ import annotations

from evdict.scanner.model import (
    RETURNED,
    Binding,
    Call,
    Entry,
    Expr,
    Item,
    Mapping,
    Other,
    Ref,
    Str,
)
from evdict.scanner.resolve.constructed import generated_fields
from evdict.scanner.resolve.local_dicts import LocalDicts, Part
from evdict.scanner.resolve.project import Module
from evdict.scanner.resolve.value_types import VClass, VExternal, VFunc, VInstance
from evdict.scanner.sinks import ATTRIBUTE_OF, Arg

_ASDICT = "dataclasses.asdict"


def property_dict(dicts: LocalDicts, module: Module, scope: str, spread: Arg) -> list[Part] | None:
    """What the dict ``spread`` (an attribute of an object) is made of, when the object is
    an instance of a project class whose attribute is a property returning a dict; None
    otherwise."""
    if module.facts.language != "python":
        return None
    if isinstance(spread, Other) and spread.kind == ATTRIBUTE_OF and len(spread.items) == 2:
        base, name = spread.items
        key = name.value if isinstance(name, Str) else None
    elif isinstance(spread, Item):
        base, key = Ref(spread.base, spread.pos), spread.key
    else:
        return None
    values = dicts.values
    instance = values.expr_value(module, scope, base) if key is not None else None
    if not (isinstance(instance, VInstance) and isinstance(instance.of, VClass)) or key is None:
        return None
    found = values.class_attribute(instance.of, key, True, set())
    defining = values.modules.get(found.module) if isinstance(found, VFunc) else None
    func = defining.functions.get(found.qualname) if defining and isinstance(found, VFunc) else None
    if defining is None or func is None or not func.is_property or not func.params:
        return None
    returns = defining.names(func.qualname).get(RETURNED, [])
    if len(returns) != 1 or not isinstance(returns[0], Binding):
        return None
    given = returns[0].value
    if isinstance(given, Mapping):
        parts = [Part(defining, func.qualname, given)]
    elif isinstance(given, Ref) and len(given.path) == 1:
        parts = dicts.parts(defining, func.qualname, given).parts
    else:
        return None
    fields = generated_fields(values, instance.of, set())
    return [_with_fields(dicts, part, func.params[0], fields) for part in parts]


def _with_fields(dicts: LocalDicts, part: Part, own: str, fields: tuple[str, ...]) -> Part:
    """``part`` with ``asdict(self)`` spread in read as the fields, less those omitted."""
    mapping = part.expr
    if not isinstance(mapping, Mapping):
        return part
    entries = list(mapping.entries)
    spreads = []
    for spread in mapping.spreads:
        if fields and _is_asdict(dicts, part, spread, own):
            entries.extend(
                Entry(Str(field, spread.pos), Other("field", spread.pos))
                for field in fields
                if field not in mapping.omitted
            )
        else:
            spreads.append(spread)
    read = Mapping(tuple(entries), tuple(spreads), mapping.pos, mapping.omitted if spreads else ())
    return Part(part.module, part.scope, read)


def _is_asdict(dicts: LocalDicts, part: Part, spread: Expr, own: str) -> bool:
    """``asdict(self)`` (``dataclasses.asdict`` of the property's own instance)."""
    if not (isinstance(spread, Call) and len(spread.args) == 1 and not spread.keywords):
        return False
    arg = spread.args[0]
    if not (isinstance(arg, Ref) and arg.path == (own,)) or "?" in spread.callee:
        return False
    callee = dicts.values.expr_value(part.module, part.scope, Ref(spread.callee, spread.pos))
    return isinstance(callee, VExternal) and callee.qualname == _ASDICT
