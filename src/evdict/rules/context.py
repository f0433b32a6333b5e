"""What a rule can read: the configuration, the plan, the scan (code rules), the plan
changes (``diff`` rules) and the suppressions that suppressed nothing (``meta`` rules)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from evdict.config import Config
from evdict.diagnostics import Location
from evdict.plan.changes import Change
from evdict.plan.model import Event, Plan, Property
from evdict.rules.nearest import NearestNames
from evdict.scanner.model import Inventory, Position, PropertySeen, TrackingCall


def call_location(path: str, pos: Position) -> Location:
    """Where a fact of the scan sits, as a diagnostic's location."""
    line, column, end_line, end_column = pos
    return Location(path, line, column, end_line, end_column)


@dataclass(frozen=True)
class Unused:
    """A suppression (code comment or plan ``ignore``) that covered no finding."""

    message: str
    location: Location
    entry: str | None = None


@dataclass(frozen=True)
class RuleContext:
    config: Config
    plan: Plan
    # The scan inventory when code was scanned (None for `evdict lint`).
    inventory: Inventory | None = None
    # True when the whole project was scanned, so "tracked nowhere" is meaningful.
    full_scan: bool = False
    # The changes between two plans (`evdict diff`).
    changes: tuple[Change, ...] = ()
    # Filled in by the checker once the other rules ran and suppressions were applied.
    unused_suppressions: tuple[Unused, ...] = ()
    # EV601's "did you mean" across the batches of one `evdict validate` run (bounded).
    nearest_events: NearestNames | None = None
    # True when only the calls are judged (`evdict validate`'s payloads): a rule with a
    # call-site half and a plan half runs the first alone, the plan's being `evdict lint`'s.
    calls_only: bool = False

    def calls(self) -> Iterator[TrackingCall]:
        """The tracking calls scanned (none for ``evdict lint``)."""
        if self.inventory is not None:
            yield from self.inventory.calls

    def declared_calls(self) -> Iterator[tuple[TrackingCall, Event]]:
        """Each (call, event) where the call tracks an event the plan declares."""
        for call in self.calls():
            for name in call.events:
                event = self.plan.events.get(name)
                if event is not None:
                    yield call, event

    def declared_property(self, call: TrackingCall, prop: PropertySeen) -> Property | None:
        """The plan's definition of a property a call sends, on the first event declaring it."""
        for name in call.events:
            event = self.plan.events.get(name)
            if event is not None and prop.name in event.properties:
                return event.properties[prop.name]
        return None
