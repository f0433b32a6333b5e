"""The Python module ``evdict codegen python`` writes: a keyword-only function per event,
``Literal`` for allowed values, ``X | None = None`` for optional properties, the event's
description as the docstring, personal data said in the parameter's line, deprecated
events marked with ``@deprecated`` (PEP 702: mypy and pyright flag their callers); a
``TypedDict`` per event of the properties it sends, for code that builds them."""

from __future__ import annotations

import json
import keyword
import re
from dataclasses import dataclass
from typing import Any, Union

from evdict.codegen import clients
from evdict.codegen.clients import PythonCall
from evdict.codegen.naming import (
    ModuleWriter,
    deprecation_note,
    enum_values,
    json_types,
    one_line,
    pii_note,
    python_name,
    sorted_properties,
    unique,
)
from evdict.plan.model import Event, Property

_PLACEHOLDER = "$properties"
WIDTH = 88  # the formatters' default line length
_SCALARS = {"string": "str", "integer": "int", "number": "float", "boolean": "bool", "null": "None"}


def python_type(schema: dict[str, Any]) -> str:
    """The annotation of a property's values."""
    values = enum_values(schema)
    if values is not None:
        return f"Literal[{', '.join(literal(value) for value in values)}]"
    parts: list[str] = []
    for kind in json_types(schema):
        if kind == "array":
            items = schema.get("items")
            parts.append(f"list[{python_type(items) if isinstance(items, dict) else 'Any'}]")
        elif kind == "object":
            parts.append("dict[str, Any]")
        else:
            parts.append(_SCALARS.get(kind, "Any"))
    if "Any" in parts:
        return "Any"
    return " | ".join(dict.fromkeys(parts))


def literal(value: str | int | float | bool) -> str:
    """A Python literal, strings in double quotes (as formatters write them)."""
    return json.dumps(value) if isinstance(value, str) else repr(value)


def _split(annotation: str, indent: str, *, force: bool = False) -> list[str]:
    """A subscripted annotation too long for a line, one argument a line as formatters
    write it (an argument still too long is split in turn); the first line unindented."""
    fits = len(indent) + len(annotation) + 1 <= WIDTH and not force
    if fits or not annotation.endswith("]"):
        return [annotation]
    start = annotation.index("[")
    args: list[str] = []
    depth, begin = 0, start + 1
    for i, char in enumerate(annotation[start + 1 : -1], start + 1):
        depth += {"[": 1, "]": -1}.get(char, 0)
        if char == "," and depth == 0:
            args.append(annotation[begin:i].strip())
            begin = i + 1
    args.append(annotation[begin:-1].strip())
    inner = indent + "    "
    lines = [annotation[: start + 1]]
    comma = "," if len(args) > 1 else ""
    for arg in args:
        head, *rest = _split(arg, inner)
        lines += [inner + head, *rest]
        lines[-1] += comma
    return [*lines, indent + "]"]


@dataclass(frozen=True)
class _Dict:
    """A dict literal argument (``prefix`` is its keyword, ``properties=``, if any)."""

    prefix: str
    entries: tuple[str, ...]


_Arg = Union[str, "_Call", _Dict]
_Call = tuple[str, tuple[_Arg, ...]]


def _with_properties(call: PythonCall, properties: tuple[str, ...]) -> _Call:
    """The client's call with its properties placeholder as the dict literal."""
    callee, args = call
    return callee, tuple(
        _with_properties(arg, properties)
        if not isinstance(arg, str)
        else _Dict(arg.removesuffix(_PLACEHOLDER), properties)
        if arg.endswith(_PLACEHOLDER)
        else arg
        for arg in args
    )


def _call_lines(call: _Call, indent: str) -> list[str]:
    """A call on one line when it fits, else one argument a line as formatters write it
    (an argument too long for its line is split in turn)."""
    callee, args = call
    line = indent + _flat(call)
    if len(line) <= WIDTH:
        return [line]
    lines = [f"{indent}{callee}("]
    inner = indent + "    "
    for arg in args:
        text = inner + _flat_arg(arg)
        if len(text) + 1 <= WIDTH or isinstance(arg, str):
            lines.append(text + ",")
        elif isinstance(arg, _Dict):
            lines.append(f"{inner}{arg.prefix}{{")
            for entry in arg.entries:
                lines += _entry_lines(entry, inner + "    ")
            lines.append(f"{inner}}},")
        else:
            lines += _call_lines(arg, inner)
            lines[-1] += ","
    return [*lines, f"{indent})"]


def _entry_lines(entry: str, indent: str) -> list[str]:
    """A dict entry, a conditional spread over four lines when too long for one."""
    if len(indent) + len(entry) + 1 <= WIDTH or not entry.startswith("**("):
        return [f"{indent}{entry},"]
    given, _, rest = entry[3:-1].rpartition(" if ")
    condition, _, otherwise = rest.rpartition(" else ")
    inner = indent + "    "
    return [
        f"{indent}**(",
        inner + given,
        f"{inner}if {condition}",
        f"{inner}else {otherwise}",
        f"{indent}),",
    ]


def _flat_arg(arg: _Arg) -> str:
    if isinstance(arg, str):
        return arg
    if isinstance(arg, _Dict):
        return f"{arg.prefix}{{{', '.join(arg.entries)}}}"
    return _flat(arg)


def _flat(call: _Call) -> str:
    callee, args = call
    return f"{callee}({', '.join(_flat_arg(arg) for arg in args)})"


def _docstring(text: str, indent: str) -> str:
    body = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    lines = body.split("\n")
    if len(lines) == 1:
        return f'{indent}"""{body}"""'
    return (
        f'{indent}"""'
        + "\n".join((indent + line if line else "") if i else line for i, line in enumerate(lines))
        + f'\n{indent}"""'
    )


def _wrap(text: str, width: int, indent: str) -> list[str]:
    """Words of ``text`` in lines of at most ``width`` characters after ``indent``."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(indent) + len(current) + 1 + len(word) > width:
            lines.append(indent + current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(indent + current)
    return lines


class PythonModule(ModuleWriter):
    """The module for ``plan`` calling ``client``; :attr:`errors` say what cannot be written."""

    def render(self) -> str:
        events = self.events(lambda name: "track_" + python_name(name))
        functions = []
        for event in events.values():
            props, errors = unique(
                sorted_properties(event),
                lambda prop: prop.name,
                lambda prop: python_name(prop.name),
                lambda prop: prop.origin.location(),
                f"property of event '{event.name}':",
            )
            self.errors.extend(errors)
            functions.append(self._properties_type(event, props) + self._function(event, props))
        deprecated = any(event.status == "deprecated" for event in events.values())
        body = "\n".join(functions)
        typing = [
            name
            for name in ("Any", "Literal", "Required", "TypedDict")
            if re.search(rf"\b{name}\b", body)
        ]
        return "\n".join([*self._head(deprecated, typing), body])

    def _head(self, deprecated: bool, typing: list[str]) -> list[str]:
        lines = [
            '"""Typed tracking functions, one per event of the tracking plan.',
            "",
            "Generated by `evdict codegen python` from:",
            *(f"    {source}" for source in self.sources),
            "Do not edit: change the plan and generate again (`evdict codegen python --check`",
            'tells when this file is out of date)."""',
            "",
            "from __future__ import annotations",
            "",
        ]
        stdlib = ["import os as _os"] if clients.python_setup(self.client) else []
        if deprecated:
            stdlib.append("import sys")
        lines.extend(stdlib)
        if typing:
            lines.append(f"from typing import {', '.join(typing)}")
        lines.append("")
        lines.extend(clients.python_imports(self.client))
        if deprecated:
            lines += [
                "",
                "if sys.version_info >= (3, 13):",
                "    from warnings import deprecated",
                "else:",
                "    from typing_extensions import deprecated",
            ]
        # marks the module as generated: the scanner reads calls of its functions as
        # tracking calls of their events (evdict.scanner.resolve.infer.GENERATED_MARKER)
        setup = [*clients.python_setup(self.client), '__evdict_codegen__ = "python"']
        lines += ["", *setup]
        return [*lines, "", ""]

    def _properties_type(self, event: Event, props: dict[str, Property]) -> str:
        """``class SignupCompletedProperties(TypedDict, total=False)``: the properties the
        event sends, by their plan names, the required ones ``Required``; the functional
        form when a name is no identifier (``TypedDict("...", {"class": ...})``)."""
        name = properties_type_name(event.name)
        fields = [
            (prop.name, python_type(prop.json_schema()), prop.required) for prop in props.values()
        ]
        doc = f"The properties event '{event.name}' sends."
        if all(key.isidentifier() and not keyword.iskeyword(key) for key, _, _ in fields):
            lines = [f"class {name}(TypedDict, total=False):", _docstring(doc, "    ")]
            if fields:
                lines.append("")
            for key, annotation, required in fields:
                annotation = f"Required[{annotation}]" if required else annotation
                head, *rest = _split(
                    annotation, "    ", force=len(key) + 6 + len(annotation) > WIDTH
                )
                lines += [f"    {key}: {head}", *rest]
            return "\n".join(lines) + "\n\n\n"
        lines = [f"{name} = TypedDict(", f"    {literal(name)},", "    {"]
        for key, annotation, required in fields:
            annotation = f"Required[{annotation}]" if required else annotation
            entry = f"{literal(key)}: "
            head, *rest = _split(
                annotation, "        ", force=len(entry) + len(annotation) + 9 > WIDTH
            )
            lines += [f"        {entry}{head}", *rest]
            lines[-1] += ","
        lines += ["    },", "    total=False,", ")"]
        return f"# {doc}\n" + "\n".join(lines) + "\n\n\n"

    def _function(self, event: Event, props: dict[str, Property]) -> str:
        identity = self.client.identity
        params: list[str] = []
        if identity is not None and identity not in props:
            params.append(f"{identity}: str")
        for ident, prop in props.items():
            annotation = python_type(prop.json_schema())
            default = "" if ident == identity or prop.required else " | None = None"
            param = f"{ident}: {annotation}{default}"
            if len(param) + 5 > WIDTH:
                head, *rest = _split(annotation, "    ", force=True)
                param = "\n".join([f"{ident}: {head}", *rest])
                if default:
                    param += "\n    " + default.lstrip()
            params.append(param)
        lines: list[str] = []
        if event.status == "deprecated":
            note = deprecation_note(event)
            if len(note) + 16 <= WIDTH:
                lines.append(f"@deprecated({literal(note)})")
            else:
                parts = [literal(line + " ") for line in _wrap(note, WIDTH - 8, "")]
                parts[-1] = literal(_wrap(note, WIDTH - 8, "")[-1])
                lines += ["@deprecated(", *(f"    {part}" for part in parts), ")"]
        name = "track_" + python_name(event.name)
        signature = ", ".join(["*", *params]) if params else ""
        if len(signature) + len(name) + 14 > WIDTH or "\n" in signature:
            lines += [f"def {name}(", *(f"    {param}," for param in ["*", *params]), ") -> None:"]
        else:
            lines.append(f"def {name}({signature}) -> None:")
        lines.append(_docstring(self._doc(event, props), "    "))
        # optional properties are sent only when given: ``**({"x": x} if x is not None
        # else {})`` keeps the dict a literal the scanner reads whole
        entries = tuple(
            f"{literal(prop.name)}: {ident}"
            if prop.required or ident == identity
            else f"**({{{literal(prop.name)}: {ident}}} if {ident} is not None else {{}})"
            for ident, prop in props.items()
        )
        call = clients.python_call(self.client, literal(event.name), _PLACEHOLDER)
        lines += _call_lines(_with_properties(call, entries), "    ")
        return "\n".join(lines) + "\n\n"

    def _doc(self, event: Event, props: dict[str, Property]) -> str:
        lines = [f"Track '{event.name}'."]
        if event.description:
            lines += ["", *_wrap(one_line(event.description), WIDTH - 4, "")]
        if event.status == "deprecated":
            lines += ["", *_wrap("Deprecated: " + deprecation_note(event), WIDTH - 4, "")]
        documented = [
            (ident, prop) for ident, prop in props.items() if prop.description or pii_note(prop)
        ]
        if documented:
            lines += ["", "Args:"]
            for ident, prop in documented:
                text = " ".join(filter(None, [one_line(prop.description), pii_note(prop)]))
                wrapped = _wrap(f"{ident}: {text}", WIDTH - 8, "    ")
                lines += [wrapped[0], *("    " + line for line in wrapped[1:])]
        return "\n".join(lines)


def properties_type_name(event: str) -> str:
    """The ``TypedDict`` of an event's properties: its function's identifier in
    PascalCase (``signup_completed`` -> ``SignupCompletedProperties``). An underscore
    stays where no lowercase letter follows it (``api_3d`` -> ``Api_3dProperties``), so
    two distinct function names never make one class name."""
    ident = python_name(event)
    pascal = re.sub(r"_([a-z])", lambda match: match.group(1).upper(), ident)
    return pascal[:1].upper() + pascal[1:] + "Properties"
