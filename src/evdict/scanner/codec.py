"""Facts to JSON and back, for the on-disk cache.

JSON rather than pickle: unpickling a file someone else wrote would run their code (the
cache reads only sealed entries, :mod:`evdict.cachestore`, and checks each decoded
value's type against the model, so an entry of the wrong shape is refused). Each dataclass becomes an object tagged
``"@": ClassName``; tuples become lists and come back as tuples (except a
:class:`Literal`'s value, which is JSON data as written). Calls stay raw until a
resolver asks for their group (:func:`decode_calls`): a warm run decodes the few calls
it needs, not every call of every candidate file.
"""

from __future__ import annotations

import dataclasses
import json
import operator
import types
import typing
from collections.abc import Callable
from typing import Any, cast

from evdict.scanner import model

_CLASSES: dict[str, type[Any]] = {
    cls.__name__: cls
    for cls in (
        model.Str,
        model.Literal,
        model.Ref,
        model.Item,
        model.Lookup,
        model.FString,
        model.Concat,
        model.Choice,
        model.Entry,
        model.Mapping,
        model.Keyword,
        model.Call,
        model.Starred,
        model.Items,
        model.Param,
        model.Other,
        model.CallSite,
        model.FunctionDef,
        model.ClassDef,
        model.Binding,
        model.Import,
        model.Suppression,
        model.ParseFailure,
    )
}
_FIELDS = {name: tuple(f.name for f in dataclasses.fields(cls)) for name, cls in _CLASSES.items()}
# A field added later with a default (``CallSite.guard``) reads as its default in entries
# written before it by a front end whose version did not change (it never sets it).
_DEFAULTS = {
    name: {
        f.name: f.default for f in dataclasses.fields(cls) if f.default is not dataclasses.MISSING
    }
    for name, cls in _CLASSES.items()
}

Check = Callable[[Any], bool]


def _kinds(hint: Any) -> frozenset[type] | None:
    """The types a value of ``hint`` may have, when it is a class or a union of classes."""
    if isinstance(hint, type) and not typing.get_args(hint):
        return frozenset({hint})
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        options = [_kinds(option) for option in typing.get_args(hint)]
        if all(option is not None for option in options):
            return frozenset().union(*(option for option in options if option is not None))
    return None


def _checker(hint: Any) -> Check:
    """A test that a decoded value has the type ``hint`` (as the model annotates it):
    exact types, as JSON and the decoder give them, so the common tests are one set lookup."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    kinds = _kinds(hint)
    if hint is object:
        return lambda value: True
    if kinds is not None:
        return lambda value: type(value) in kinds
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        inner = _kinds(args[0])
        if inner is not None:  # map: the loop runs in C, the test is that of every entry
            return lambda value: (
                type(value) is tuple and all(map(inner.__contains__, map(type, value)))
            )
        item = _checker(args[0])
        return lambda value: type(value) is tuple and all(item(part) for part in value)
    if origin is tuple and all(arg is int for arg in args):  # a position
        shape = (int,) * len(args)
        return lambda value: type(value) is tuple and tuple(map(type, value)) == shape
    if origin is tuple:
        parts = [_checker(arg) for arg in args]
        return lambda value: (
            type(value) is tuple
            and len(value) == len(parts)
            and all(check(part) for check, part in zip(parts, value, strict=True))
        )
    if origin is typing.Literal:
        return lambda value: any(type(value) is type(arg) and value == arg for arg in args)
    options = [_checker(option) for option in args]  # a union of the shapes above
    return lambda value: any(check(value) for check in options)


# Each field's test, in the fields' order: an entry of the wrong shape is refused, never
# handed on. A Literal's value is JSON data as written: any value.
_CHECKS: dict[str, tuple[Check, ...]] = {
    name: tuple(
        (lambda value: True) if name == "Literal" and field_name == "value" else _checker(hint)
        for field_name, hint in typing.get_type_hints(cls).items()
        if field_name in _FIELDS[name]
    )
    for name, cls in _CLASSES.items()
}
_NESTED = (list, dict)


def _encode(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    name = type(value).__name__
    fields = _FIELDS.get(name)
    if fields is None or not dataclasses.is_dataclass(value):
        return value
    encoded: dict[str, Any] = {"@": name}
    for field_name in fields:
        field_value = getattr(value, field_name)
        encoded[field_name] = (
            field_value if name == "Literal" and field_name == "value" else _encode(field_value)
        )
    return encoded


def _decode(raw: Any) -> Any:
    if isinstance(raw, list):
        return tuple(_decode(item) if isinstance(item, _NESTED) else item for item in raw)
    if not isinstance(raw, dict):
        return raw
    name = raw["@"]
    if name == "Literal":  # its value stays JSON data (lists are not made tuples)
        values = [raw["value"], _decode(raw["pos"])]
    else:
        defaults = _DEFAULTS[name]
        values = [
            _decode(value)
            if isinstance(value := (raw[key] if key in raw else defaults[key]), _NESTED)
            else value
            for key in _FIELDS[name]
        ]
    if not all(map(operator.call, _CHECKS[name], values)):
        raise TypeError(f"a {name} of the wrong shape")
    return _CLASSES[name](*values)


def dumps(facts: model.FileFacts) -> str:
    """The cache text of a file's facts."""
    document = {
        "language": facts.language,
        "functions": _encode(facts.functions),
        "classes": _encode(facts.classes),
        "bindings": _encode(facts.bindings),
        "imports": _encode(facts.imports),
        "suppressions": _encode(facts.suppressions),
        "failure": _encode(facts.failure) if facts.failure else None,
        "calls": {name: _encode(sites) for name, sites in facts.calls.items()},
        "not_read": _encode(facts.not_read) if facts.not_read else None,
    }
    # ASCII: a string of the source may hold a lone surrogate, which UTF-8 cannot encode.
    return json.dumps(document, separators=(",", ":"))


class LazyCalls(dict[str, tuple[model.CallSite, ...]]):
    """Call groups decoded on first access (``facts.calls.get(name)``)."""

    def __init__(self, raw: dict[str, Any]) -> None:
        super().__init__()
        self._raw = raw

    def __contains__(self, name: object) -> bool:
        return name in self._raw

    def __iter__(self) -> Any:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    def keys(self) -> Any:
        return self._raw.keys()

    def get(self, name: str, default: Any = None) -> Any:
        if name not in self._raw:
            return default
        return self[name]

    def __missing__(self, name: str) -> tuple[model.CallSite, ...]:
        try:
            decoded = cast(tuple[model.CallSite, ...], _decode(self._raw[name]))
            if type(decoded) is not tuple or not all(
                type(site) is model.CallSite for site in decoded
            ):
                raise TypeError("not call sites")
        except (KeyError, TypeError, ValueError, AttributeError, RecursionError):
            decoded = ()  # cannot happen to a sealed entry; if it did, the run goes on
        self[name] = decoded
        return decoded

    def items(self) -> Any:
        return ((name, self[name]) for name in self._raw)

    def values(self) -> Any:
        return (self[name] for name in self._raw)


def loads(text: str | bytes) -> model.FileFacts:
    """Facts from cache text; raises ``ValueError``/``KeyError``/``TypeError`` when corrupt."""
    raw = json.loads(text)
    failure = raw["failure"]
    not_read = raw.get("not_read")  # absent from entries of older front ends
    calls = raw["calls"]
    if not isinstance(calls, dict) or not isinstance(raw["language"], str):
        raise ValueError("calls must be an object, language a string")
    facts = model.FileFacts(
        language=raw["language"],
        functions=_decode(raw["functions"]),
        classes=_decode(raw["classes"]),
        bindings=_decode(raw["bindings"]),
        imports=_decode(raw["imports"]),
        suppressions=_decode(raw["suppressions"]),
        failure=_decode(failure) if failure else None,
        calls=LazyCalls(calls),
        not_read=_decode(not_read) if not_read else None,
    )
    for field_name, kind in _PARTS:
        value = getattr(facts, field_name)
        if type(value) is not tuple or not all(type(item) is kind for item in value):
            raise TypeError(f"{field_name} of the wrong type")
    for failure in (facts.failure, facts.not_read):
        if failure is not None and type(failure) is not model.ParseFailure:
            raise TypeError("failure of the wrong type")
    return facts


_PARTS = (
    ("functions", model.FunctionDef),
    ("classes", model.ClassDef),
    ("bindings", model.Binding),
    ("imports", model.Import),
    ("suppressions", model.Suppression),
)
