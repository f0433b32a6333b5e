"""A wrapper sending each object of an array parameter as one event: ``for (const event
of events) client.capture({event: event.name, properties: event.data})`` reads, for
:class:`~evdict.scanner.resolve.infer.WrapperInference`, as a wrapper of ``events`` whose
elements name the event at their key ``name`` (and carry their properties at ``data``),
except the names the loop skips before that call (``if (event.name === "x") continue;``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from evdict.scanner.model import (
    ELEMENT,
    SKIP,
    Binding,
    Choice,
    Concat,
    DynamicName,
    Expr,
    FString,
    FunctionDef,
    Item,
    Mapping,
    Other,
    Ref,
    Str,
)
from evdict.scanner.resolve.project import Module
from evdict.scanner.sinks import Arg, Reading, Sentinel


@dataclass(frozen=True)
class Element:
    """The loop variable ``name`` is an element of parameter ``param``; ``skipped``: the
    names the loop leaves before line ``line``, each with the key it tests."""

    name: str
    param: str
    skipped: tuple[tuple[tuple[str, ...], str, int], ...]


def element_of(module: Module, func: FunctionDef, event: Arg, own: set[str]) -> Element | None:
    """The loop variable over one of ``own`` (the wrapper's parameters) that ``event``
    reads a key of (``event.name``); None for any other name."""
    if not isinstance(event, Ref) or len(event.path) != 2:
        return None
    bindings = module.names(func.qualname).get(event.path[0], [])
    if len(bindings) != 1 or not isinstance(bindings[0], Binding):
        return None
    value = bindings[0].value
    if not (isinstance(value, Other) and value.kind == ELEMENT and value.items):
        return None
    iterated = value.items[0]
    if not isinstance(iterated, Ref) or len(iterated.path) != 1 or iterated.path[0] not in own:
        return None
    skipped = tuple(
        (key.path[1:], text.value, skip.pos[0])
        for skip in value.items[1:]
        if isinstance(skip, Other) and skip.kind == SKIP
        for key, text in [skip.items]
        if isinstance(key, Ref) and isinstance(text, Str)
    )
    return Element(event.path[0], iterated.path[0], skipped)


def skipped(element: Element, key: tuple[str, ...], line: int) -> tuple[str, ...]:
    """The names the loop skips on ``key`` of its element before ``line`` (its call)."""
    return tuple(
        dict.fromkeys(name for tested, name, at in element.skipped if tested == key and at < line)
    )


def rebased_reading(reading: Reading, element: Element) -> Reading:
    """``reading`` with the loop variable read as the parameter it is an element of
    (``event.data`` -> ``events['data']``): each element's keys, read per element later."""
    return dataclasses.replace(
        reading,
        event=rebased(reading.event, element),
        entries=[(key, rebased(value, element), pos) for key, value, pos in reading.entries],
        spreads=[rebased(spread, element) for spread in reading.spreads],
    )


def rebased(value: Arg, element: Element) -> Arg:
    """``value`` with its references to the loop variable made the parameter's."""
    if isinstance(value, Sentinel):
        return value
    return _rebased(value, element.name, element.param)


def _rebased(value: Expr, name: str, param: str) -> Expr:
    if isinstance(value, Ref) and value.path[0] == name:
        # a key of the element, as the front end reads ``param.key`` of a parameter
        if len(value.path) == 1:
            return Ref((param,), value.pos)
        return Item((param,), ".".join(value.path[1:]), value.pos)
    if isinstance(value, Item) and value.base[:1] == (name,):
        return Item((param, *value.base[1:]), value.key, value.pos)
    if isinstance(value, Choice):
        return Choice(tuple(_rebased(o, name, param) for o in value.options), value.pos)
    if isinstance(value, (Concat, FString)):
        return dataclasses.replace(
            value, parts=tuple(_rebased(p, name, param) for p in value.parts)
        )
    if isinstance(value, Mapping):
        entries = tuple(
            dataclasses.replace(entry, value=_rebased(entry.value, name, param))
            for entry in value.entries
        )
        spreads = tuple(_rebased(spread, name, param) for spread in value.spreads)
        return dataclasses.replace(value, entries=entries, spreads=spreads)
    return value


def every_one(names: tuple[str, ...], dynamic: DynamicName | None) -> DynamicName | None:
    """How a call handing the wrapper several event objects is told: every name is sent,
    one event each (a choice of names is one of them)."""
    if dynamic is None or dynamic.kind != "choice" or dynamic.detail != _one_of(names):
        return dynamic
    return dataclasses.replace(dynamic, detail="each of " + _listed(names) + ", one event each")


def _one_of(names: tuple[str, ...]) -> str:
    return "one of " + _listed(names)


def _listed(names: tuple[str, ...]) -> str:
    return ", ".join(f"'{name}'" for name in names)
