"""What changed between two plans, and whether each change breaks the data's consumers.

Modelled on buf's breaking-change categories and Snowplow's SchemaVer: a change
is *breaking* when payloads or queries written against the old plan stop being
valid (an event or property disappears, a type narrows, a constraint tightens),
*non-breaking* when they stay valid (additions, widening, loosening), and
*metadata* when only the documentation moves (description, owner, category, status).
Funnels are compared too: changing the steps or their time windows changes what
past conversion rates mean, so it breaks the dashboards built on them.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from typing import Any

from evdict.diagnostics import Location


class Impact(enum.Enum):
    BREAKING = "breaking"
    NON_BREAKING = "non-breaking"
    METADATA = "metadata"

    @property
    def rank(self) -> int:
        return list(Impact).index(self)


class Kind(enum.Enum):
    EVENT_ADDED = "event-added"
    EVENT_REMOVED = "event-removed"
    EVENT_RENAMED = "event-renamed"
    PROPERTY_ADDED = "property-added"
    REQUIRED_PROPERTY_ADDED = "required-property-added"
    PROPERTY_REMOVED = "property-removed"
    TYPE_WIDENED = "type-widened"
    TYPE_NARROWED = "type-narrowed"
    TYPE_CHANGED = "type-changed"
    ENUM_VALUE_ADDED = "enum-value-added"
    ENUM_VALUE_REMOVED = "enum-value-removed"
    CONSTRAINT_TIGHTENED = "constraint-tightened"
    CONSTRAINT_LOOSENED = "constraint-loosened"
    METADATA_CHANGED = "metadata-changed"
    FUNNEL_ADDED = "funnel-added"
    FUNNEL_REMOVED = "funnel-removed"
    FUNNEL_STEP_ADDED = "funnel-step-added"
    FUNNEL_STEP_REMOVED = "funnel-step-removed"
    FUNNEL_STEPS_REORDERED = "funnel-steps-reordered"
    FUNNEL_WINDOW_TIGHTENED = "funnel-window-tightened"
    FUNNEL_WINDOW_LOOSENED = "funnel-window-loosened"

    @property
    def phrase(self) -> str:
        """What happened, after "event `x`", "property `x.y`" or "funnel `f`" in a message."""
        return _PHRASES.get(self, self.value.removeprefix("funnel-").replace("-", " "))


_PHRASES = {
    Kind.EVENT_ADDED: "added",
    Kind.EVENT_REMOVED: "removed",
    Kind.EVENT_RENAMED: "renamed",
    Kind.PROPERTY_ADDED: "added",
    Kind.REQUIRED_PROPERTY_ADDED: "added as required",
    Kind.PROPERTY_REMOVED: "removed",
    Kind.FUNNEL_ADDED: "added",
    Kind.FUNNEL_REMOVED: "removed",
    Kind.FUNNEL_WINDOW_TIGHTENED: "time window tightened",
    Kind.FUNNEL_WINDOW_LOOSENED: "time window loosened",
}

# Kinds whose before/after values are plan names (events), shown as identifiers.
_NAME_VALUES = frozenset(
    {
        Kind.EVENT_RENAMED,
        Kind.FUNNEL_STEP_ADDED,
        Kind.FUNNEL_STEP_REMOVED,
        Kind.FUNNEL_STEPS_REORDERED,
    }
)

# Funnel changes after which past conversion rates no longer mean what they meant.
_FUNNEL_DEFINITION_KINDS = frozenset(
    {
        Kind.FUNNEL_STEP_ADDED,
        Kind.FUNNEL_STEP_REMOVED,
        Kind.FUNNEL_STEPS_REORDERED,
        Kind.FUNNEL_WINDOW_TIGHTENED,
        Kind.FUNNEL_WINDOW_LOOSENED,
    }
)


_FIXED_IMPACT = {
    Kind.EVENT_ADDED: Impact.NON_BREAKING,
    Kind.PROPERTY_ADDED: Impact.NON_BREAKING,
    Kind.REQUIRED_PROPERTY_ADDED: Impact.BREAKING,
    Kind.PROPERTY_REMOVED: Impact.BREAKING,
    Kind.TYPE_WIDENED: Impact.NON_BREAKING,
    Kind.TYPE_NARROWED: Impact.BREAKING,
    Kind.TYPE_CHANGED: Impact.BREAKING,
    Kind.ENUM_VALUE_ADDED: Impact.NON_BREAKING,
    Kind.ENUM_VALUE_REMOVED: Impact.BREAKING,
    Kind.CONSTRAINT_TIGHTENED: Impact.BREAKING,
    Kind.CONSTRAINT_LOOSENED: Impact.NON_BREAKING,
    Kind.METADATA_CHANGED: Impact.METADATA,
    Kind.FUNNEL_ADDED: Impact.NON_BREAKING,
    Kind.FUNNEL_REMOVED: Impact.BREAKING,
    Kind.FUNNEL_STEP_ADDED: Impact.BREAKING,
    Kind.FUNNEL_STEP_REMOVED: Impact.BREAKING,
    Kind.FUNNEL_STEPS_REORDERED: Impact.BREAKING,
    Kind.FUNNEL_WINDOW_TIGHTENED: Impact.BREAKING,
    Kind.FUNNEL_WINDOW_LOOSENED: Impact.BREAKING,
}


def show_value(value: Any, width: int | None = None, *, names: bool = False) -> str:
    """A plan value as changes print it, cut to ``width``: strings in single quotes (plan
    names in backticks with ``names``), numbers and booleans bare, so types stay visible."""
    if value is None:
        return "(none)"
    text = " ".join(_written(value, names).split())
    return text if width is None or len(text) <= width else text[: width - 1] + "…"


def _written(value: Any, names: bool) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_written(item, names) for item in value) + "]"
    if isinstance(value, dict):
        pairs = (f"{key}: {_written(item, names)}" for key, item in value.items())
        return "{" + ", ".join(pairs) + "}"
    if value is None or isinstance(value, (bool, int, float)):
        return json.dumps(value)
    return f"`{value}`" if names else f"'{value}'"


@dataclass(frozen=True)
class Change:
    """One classified change, of an event, a property or a funnel. ``event`` is None for a
    funnel change (``funnel`` names it); ``prop`` (the property name) is None for an
    event-level change; ``field`` names the key that changed (``maximum``, ``items.type``,
    ``owner``, a funnel step's ``within``)."""

    kind: Kind
    impact: Impact
    event: str | None
    location: Location
    prop: str | None = None
    field: str | None = None
    before: Any = None
    after: Any = None
    note: str | None = None
    funnel: str | None = None

    @property
    def subject(self) -> str:
        if self.funnel is not None:
            return self.funnel
        return f"{self.event}" if self.prop is None else f"{self.event}.{self.prop}"

    @property
    def noun(self) -> str:
        if self.funnel is not None:
            return "funnel"
        return "event" if self.prop is None else "property"

    @property
    def entry(self) -> str:
        if self.funnel is not None:
            return f"funnels.{self.funnel}"
        event_entry = f"events.{self.event}"
        return event_entry if self.prop is None else f"{event_entry}.properties.{self.prop}"

    @property
    def detail(self) -> str:
        return self.describe()

    def describe(self, width: int | None = None) -> str:
        """``field: before -> after`` and the note, as far as they say something;
        with ``width``, each value is cut to that many characters (for tables)."""
        parts = []
        if self.before is not None or self.after is not None:
            names = self.kind in _NAME_VALUES
            before = show_value(self.before, width, names=names)
            values = f"{before} -> {show_value(self.after, width, names=names)}"
            parts.append(f"{self.field}: {values}" if self.field else values)
        if self.note:
            parts.append(self.note)
        return "; ".join(parts)

    @property
    def message(self) -> str:
        text = f"{self.noun} `{self.subject}` {self.kind.phrase}"
        return f"{text}: {self.detail}" if self.detail else text

    @property
    def suggestion(self) -> str | None:
        if self.kind is Kind.EVENT_RENAMED and self.impact is Impact.BREAKING:
            return f"record the rename: `renamed_from: [{self.before}]` on `{self.after}`"
        if self.kind is Kind.EVENT_REMOVED and self.impact is Impact.BREAKING:
            return (
                "deprecate the event first (`status: deprecated`, `deprecated.since`) "
                "and remove it later"
            )
        if self.kind in _FUNNEL_DEFINITION_KINDS:
            return (
                f"define the new steps as a new funnel and keep `{self.funnel}` "
                "until what is built on it has moved"
            )
        return None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of a change (part of the versioned diff report)."""
        return {
            "kind": self.kind.value,
            "classification": self.impact.value,
            "event": self.event,
            "property": self.prop,
            "funnel": self.funnel,
            "field": self.field,
            "before": self.before,
            "after": self.after,
            "note": self.note,
            "message": self.message,
            "entry": self.entry,
            "path": self.location.path,
            "line": self.location.line,
            "column": self.location.column,
        }
