"""What generated code calls things: safe identifiers for events and properties, the
value types of properties, and the collisions that make a plan impossible to generate.

A name that two plan entries would share after conversion (``signupCompleted`` and
``signup_completed`` both give ``track_signup_completed``) is reported, never emitted:
one function silently standing for two events would send the wrong name.
"""

from __future__ import annotations

import keyword
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from evdict.diagnostics import Location
from evdict.names.case import split_words, to_case
from evdict.plan.model import Event, Plan, Property

if TYPE_CHECKING:
    from evdict.codegen.clients import Client

T = TypeVar("T")


@dataclass(frozen=True)
class CodegenError:
    """A plan entry the generator cannot write (a name collision, a name of no words)."""

    message: str
    location: Location

    def __str__(self) -> str:
        where = self.location
        return f"{where.path}:{where.line}:{where.column}: {self.message}"


def words(name: str) -> list[str]:
    """The words of a plan name; a leading digit run keeps an identifier valid (``3d_viewed``
    -> ``["n3d", "viewed"]``)."""
    found = split_words(name)
    if found and found[0][:1].isdigit():
        found[0] = "n" + found[0]
    return found


def python_name(name: str) -> str:
    """A plan name as a Python identifier: snake_case, a keyword gets a trailing ``_``
    (``class`` -> ``class_``, as PEP 8 advises)."""
    text = "_".join(words(name))
    return text + "_" if keyword.iskeyword(text) or keyword.issoftkeyword(text) else text


def camel_name(prefix: str, name: str) -> str:
    return to_case([prefix, *words(name)], "camelCase")


def pascal_name(name: str, suffix: str) -> str:
    return to_case([*words(name), suffix], "PascalCase")


def unique(
    items: Iterable[T],
    name_of: Callable[[T], str],
    ident: Callable[[T], str],
    where: Callable[[T], Location],
    what: str,
) -> tuple[dict[str, T], list[CodegenError]]:
    """``items`` by their identifier, with an error for each one that has no words or
    that takes an identifier another item took first."""
    taken: dict[str, T] = {}
    errors: list[CodegenError] = []
    for item in items:
        key = ident(item)
        if not words(name_of(item)):
            errors.append(
                CodegenError(
                    f"{what} '{name_of(item)}' has no letters or digits to name code by",
                    where(item),
                )
            )
        elif key in taken:
            first = name_of(taken[key])
            errors.append(
                CodegenError(
                    f"{what} '{name_of(item)}' and '{first}' would both be written '{key}': rename one",
                    where(item),
                )
            )
        else:
            taken[key] = item
    return taken, errors


def sorted_events(plan: Plan) -> list[Event]:
    return sorted(plan.events.values(), key=lambda event: event.name)


class ModuleWriter:
    """What both languages' writers share: the plan, the client, the plan files the header
    names, and :attr:`errors` saying what cannot be written."""

    def __init__(self, plan: Plan, client: Client, sources: list[str]) -> None:
        self.plan = plan
        self.client = client
        self.sources = sources
        self.errors: list[CodegenError] = []

    def events(self, function_name: Callable[[str], str]) -> dict[str, Event]:
        """The plan's events by name order, keyed by their function's name; an event whose
        function name is taken or empty is left out with an error."""
        events, errors = unique(
            sorted_events(self.plan),
            lambda event: event.name,
            lambda event: function_name(event.name),
            lambda event: event.origin.location(),
            "event",
        )
        self.errors.extend(errors)
        return events


def sorted_properties(event: Event) -> list[Property]:
    """Required properties first (keyword-only parameters with no default read best
    first), each group by name."""
    return sorted(event.properties.values(), key=lambda prop: (not prop.required, prop.name))


def json_types(schema: dict[str, Any]) -> list[str]:
    """The JSON types a property allows (``any`` when it says none)."""
    declared = schema.get("type")
    if isinstance(declared, str):
        return [declared]
    if isinstance(declared, list) and declared:
        return [item for item in declared if isinstance(item, str)]
    return ["any"]


def enum_values(schema: dict[str, Any]) -> list[str | int | float | bool] | None:
    """The allowed values (``enum`` or ``const``) when all are scalars, in plan order."""
    values = schema["enum"] if isinstance(schema.get("enum"), list) else None
    if values is None and "const" in schema:
        values = [schema["const"]]
    if values is None or not all(isinstance(value, (str, int, float, bool)) for value in values):
        return None
    return list(values)


def deprecation_note(event: Event) -> str:
    """What a deprecated event's marker says: its reason and replacement."""
    reason = event.deprecated.get("reason")
    parts = [
        " ".join(reason.split()) if isinstance(reason, str) else f"'{event.name}' is deprecated."
    ]
    if event.replaced_by:
        parts.append(f"Use '{event.replaced_by}' instead.")
    return " ".join(parts)


def pii_note(prop: Property) -> str | None:
    return f"Personal data ({prop.pii})." if prop.pii and prop.pii != "none" else None


def one_line(text: str | None) -> str:
    return " ".join(text.split()) if text else ""
