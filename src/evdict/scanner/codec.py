"""Facts to JSON and back, for the on-disk cache.

JSON rather than pickle: the cache lives in the project folder, and unpickling a file
someone committed there would run their code. Each dataclass becomes an object tagged
``"@": ClassName``; tuples become lists and come back as tuples (except a
:class:`Literal`'s value, which is JSON data as written). Calls stay raw until a
resolver asks for their group (:func:`decode_calls`): a warm run decodes the few calls
it needs, not every call of every candidate file.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any, cast

from evdict.scanner import model

_CLASSES: dict[str, type[Any]] = {
    cls.__name__: cls
    for cls in (
        model.Str,
        model.Literal,
        model.Ref,
        model.Item,
        model.FString,
        model.Concat,
        model.Choice,
        model.Entry,
        model.Mapping,
        model.Keyword,
        model.Call,
        model.Starred,
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
        return tuple(_decode(item) for item in raw)
    if not isinstance(raw, dict):
        return raw
    name = raw["@"]
    cls = _CLASSES[name]
    if name == "Literal":
        return cls(raw["value"], tuple(raw["pos"]))
    return cls(**{key: _decode(raw[key]) for key in _FIELDS[name]})


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
        except (KeyError, TypeError, ValueError, AttributeError):
            decoded = ()  # a tampered entry: its calls are lost, the run goes on
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
    calls = raw["calls"]
    if not isinstance(calls, dict):
        raise ValueError("calls must be an object")
    return model.FileFacts(
        language=raw["language"],
        functions=_decode(raw["functions"]),
        classes=_decode(raw["classes"]),
        bindings=_decode(raw["bindings"]),
        imports=_decode(raw["imports"]),
        suppressions=_decode(raw["suppressions"]),
        failure=_decode(failure) if failure else None,
        calls=LazyCalls(calls),
    )
