"""The merged tracking plan: events, shared properties and funnels, each with its origin."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from evdict.diagnostics import Location
from evdict.yamlsource import PathKey, YamlDocument

# Keys of a property definition that are evdict's own, not JSON Schema.
PROPERTY_META_KEYS = frozenset(
    {"description", "required", "pii", "pii_reason", "examples", "ignore"}
)


def _strings(value: Any) -> list[str]:
    """The strings of a list as written; any other shape is a schema error (EV002) told
    elsewhere, and reads as an empty list here."""
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


@dataclass(frozen=True)
class LoadProblem:
    """A fact found while loading, which the structure rules turn into findings.

    ``kind`` is ``syntax`` (EV001: unreadable or invalid YAML), ``schema`` (EV002)
    or ``duplicate`` (EV003: a key or name defined twice).
    """

    kind: str
    message: str
    location: Location
    entry: str | None = None


@dataclass(frozen=True)
class Origin:
    """Where a plan entry is written: the file and the key path inside it."""

    document: YamlDocument
    path: PathKey

    @property
    def file(self) -> str:
        return self.document.path

    def location(self, *sub: str | int, key: bool = True) -> Location:
        """The position of this entry (its key) or of a sub-key such as ``"owner"``."""
        line, column = self.document.locate((*self.path, *sub), key=key)
        return Location(self.document.path, line, column)


@dataclass
class Property:
    """A property definition: shared (``shared=True``) or local to an event.

    ``spec`` holds the raw keys as written. For an event property that reuses
    the shared definition, :attr:`schema` merges the shared keys under the local
    ones.
    """

    name: str
    spec: dict[str, Any]
    origin: Origin
    shared: bool = False
    base: Property | None = None

    @property
    def effective(self) -> dict[str, Any]:
        if self.base is None:
            return self.spec
        return {**self.base.spec, **self.spec}

    @property
    def required(self) -> bool:
        return bool(self.spec.get("required", False))

    @property
    def description(self) -> str | None:
        value = self.effective.get("description")
        return value if isinstance(value, str) else None

    @property
    def pii(self) -> str | None:
        value = self.effective.get("pii")
        return value if isinstance(value, str) else None

    @property
    def type(self) -> str | list[str] | None:
        value = self.effective.get("type")
        return value if isinstance(value, (str, list)) else None

    @property
    def is_reuse(self) -> bool:
        """Written without a type: it stands for the shared definition of that name."""
        return not self.shared and "type" not in self.spec

    @property
    def ignore(self) -> frozenset[str]:
        return frozenset(_strings(self.spec.get("ignore")))

    def json_schema(self) -> dict[str, Any]:
        """The JSON Schema of the property's values (evdict's own keys removed)."""
        return {
            key: value for key, value in self.effective.items() if key not in PROPERTY_META_KEYS
        }


@dataclass
class Event:
    name: str
    spec: dict[str, Any]
    origin: Origin
    properties: dict[str, Property] = field(default_factory=dict)

    def _text(self, key: str) -> str | None:
        value = self.spec.get(key)
        return value if isinstance(value, str) else None

    @property
    def description(self) -> str | None:
        return self._text("description")

    @property
    def category(self) -> str | None:
        return self._text("category")

    @property
    def owner(self) -> str | None:
        return self._text("owner")

    @property
    def interaction(self) -> str:
        return self._text("interaction") or "active"

    @property
    def status(self) -> str:
        return self._text("status") or ("deprecated" if self.spec.get("deprecated") else "active")

    @property
    def deprecated(self) -> dict[str, Any]:
        value = self.spec.get("deprecated")
        return value if isinstance(value, dict) else {}

    @property
    def replaced_by(self) -> str | None:
        value = self.deprecated.get("replaced_by")
        return value if isinstance(value, str) else None

    @property
    def renamed_from(self) -> list[str]:
        return _strings(self.spec.get("renamed_from"))

    @property
    def ignore(self) -> frozenset[str]:
        return frozenset(_strings(self.spec.get("ignore")))

    def json_schema(self) -> dict[str, Any]:
        """A JSON Schema (Draft 2020-12) for the event's properties object."""
        return {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": self.name,
            "type": "object",
            "properties": {name: prop.json_schema() for name, prop in self.properties.items()},
            "required": sorted(name for name, prop in self.properties.items() if prop.required),
        }


@dataclass(frozen=True)
class FunnelStep:
    event: str
    within: str | None
    origin: Origin


@dataclass
class Funnel:
    name: str
    spec: dict[str, Any]
    origin: Origin
    steps: list[FunnelStep] = field(default_factory=list)

    @property
    def description(self) -> str | None:
        value = self.spec.get("description")
        return value if isinstance(value, str) else None


@dataclass
class Plan:
    """Every plan file merged, plus what went wrong while loading them."""

    documents: list[YamlDocument] = field(default_factory=list)
    events: dict[str, Event] = field(default_factory=dict)
    properties: dict[str, Property] = field(default_factory=dict)
    funnels: dict[str, Funnel] = field(default_factory=dict)
    problems: list[LoadProblem] = field(default_factory=list)

    def event_properties(self) -> Iterator[tuple[Event, Property]]:
        for event in self.events.values():
            for prop in event.properties.values():
                yield event, prop

    def all_properties(self) -> Iterator[tuple[Event | None, Property]]:
        """Shared definitions (event ``None``) then every event's properties."""
        for prop in self.properties.values():
            yield None, prop
        yield from self.event_properties()

    def property_definitions(self) -> Iterator[tuple[Event | None, Property]]:
        """:meth:`all_properties` without the reuses of a shared definition.

        A reuse (`workspace_id: {required: true}`) stands for the shared definition
        of its name: what is judged of the name (its case, its length) is judged
        once, there, not again for each event that reuses it. A reuse with no shared
        definition is kept (EV004 reports the missing one; nothing else has the name).
        """
        for owner, prop in self.all_properties():
            if owner is None or not prop.is_reuse or prop.base is None:
                yield owner, prop

    def entry(self, dotted: str) -> Event | Property | Funnel | None:
        """Find a plan entry by its dotted name (``events.x``, ``events.x.properties.y``).

        Names may themselves contain dots (``dot.case``), so known names are
        tried whole before the string is split.
        """
        kind, _, rest = dotted.partition(".")
        if kind == "properties":
            return self.properties.get(rest)
        if kind == "funnels":
            return self.funnels.get(rest)
        if kind != "events":
            return None
        if rest in self.events:
            return self.events[rest]
        event_name, marker, prop_name = rest.rpartition(".properties.")
        event = self.events.get(event_name) if marker else None
        return event.properties.get(prop_name) if event else None

    @property
    def active_events(self) -> list[Event]:
        return [event for event in self.events.values() if event.status != "deprecated"]
