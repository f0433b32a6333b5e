"""A relay run by a callback a factory's result holds (taho-extension's popup): a Redux
Toolkit thunk built by a project factory,

    export const sendEvent = createBackgroundAsyncThunk(
      "ui/sendEvent",
      async (event) => { await emitter.emit("sendEvent", event) },
    )

whose ``emit`` reaches a handler that tracks its argument (:mod:`.relay`). The callback
runs when something calls ``sendEvent(x)``, with ``x`` (Redux Toolkit's contract: the
action creator's argument is the payload creator's first), there through webext-redux's
proxy store from the popup to the background: neither is code evdict reads, so the
``emit`` is no call of its own (its event is whatever the callers pass: its callers are
the tracking calls) and the callers, never findings, are suggested by
``--suggest-config``: ``{callee: sendEvent, event: 0, language: javascript}``, with the
calls that pass a name there.

What is read: a trigger (``emit``, ``trigger``...) whose argument after the channel is
a parameter of the callback it is written in, and a name bound, in the same scope, to
a call handing that callback (``const x = factory(..., (p) => ...)``); the event's slot
is the parameter's position. A callback run any other way (``list.forEach``, an
``addEventListener``) is bound to no name: its trigger stays the call it is. A name
another module also defines is not suggested (a ``callee:`` line naming it would read
that one's calls too).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from evdict.scanner.model import (
    CALLBACK_PARAMETER,
    Binding,
    Call,
    CallSite,
    Literal,
    Other,
    Position,
    Ref,
    Str,
    Suggestion,
)
from evdict.scanner.resolve.events import EventReader
from evdict.scanner.resolve.project import Module, Project
from evdict.scanner.resolve.relay import TRIGGERS

_SAMPLES = 3


@dataclass(frozen=True)
class Creator:
    """``name`` (in ``module``) holds what ``factory`` made of a callback whose parameter
    ``position`` a trigger on ``channel`` relays."""

    module: str
    name: str
    factory: str
    position: int
    trigger: str
    channel: str


def creator_of(module: Module, site: CallSite) -> Creator | None:
    """The :class:`Creator` ``site``'s trigger call is in, else None."""
    call = site.call
    if len(call.callee) < 2 or call.callee[-1] not in TRIGGERS or len(call.args) < 2:
        return None
    channel = call.args[0].value if isinstance(call.args[0], Str) else "?"
    for arg in call.args[1:]:
        if not (isinstance(arg, Ref) and len(arg.path) == 1):
            continue
        for bound in module.names(site.scope).get(arg.path[0], []):
            value = bound.value if isinstance(bound, Binding) else None
            if not (
                isinstance(value, Other)
                and value.kind == CALLBACK_PARAMETER
                and value.items
                and isinstance(value.items[0], Literal)
                and isinstance(value.items[0].value, int)
                and _inside(call.pos, value.pos)
            ):
                continue
            holder = _holder(module, site.scope, value.pos)
            if holder is not None:
                trigger = ".".join(call.callee)
                name, factory = holder
                return Creator(module.name, name, factory, value.items[0].value, trigger, channel)
    return None


def has_creators(modules: Iterable[Module]) -> bool:
    """Whether a trigger of a JS/TS module is in a :class:`Creator`'s callback."""
    return any(
        creator_of(module, site) is not None
        for module in modules
        if module.facts.language != "python"
        for trigger in TRIGGERS
        for site in module.facts.calls.get(trigger, ())
    )


def creator_suggestions(
    events: EventReader,
    creators: Iterable[Creator],
    kept: Callable[[str, int, int], bool],
) -> list[Suggestion]:
    """The line reading each creator's callers (``sendEvent(AnalyticsEvent.X)``) that
    pass a name at its slot and are ``kept`` (path, line, column)."""
    project = events.values.project
    found: list[Suggestion] = []
    for creator in {(c.module, c.name): c for c in creators}.values():
        if _defined_elsewhere(events.values.modules.values(), creator):
            continue  # a ``callee:`` line naming it would read another function's calls
        sites: list[tuple[str, int, str]] = []
        for module in events.values.modules.values():
            for site in module.facts.calls.get(creator.name, ()):
                call = site.call
                if (
                    call.callee != (creator.name,)
                    or len(call.args) <= creator.position
                    or not _names_it(project, module, creator)
                    or not kept(module.path, *call.pos[:2])
                ):
                    continue
                arg = call.args[creator.position]
                names, _ = events.event_names(module, site.scope, arg, None)
                if len(names) == 1:
                    sites.append((module.path, call.pos[0], names[0]))
        if not sites:
            continue
        evidence = (
            f"{creator.name} = {creator.factory}(...) hands its parameter "
            f"{creator.position} to a callback relaying it ({creator.trigger} "
            f"'{creator.channel}') to a tracking handler; that calling {creator.name} runs "
            f"the callback is {creator.factory}'s contract, not proven"
        )
        found.append(
            Suggestion(
                callee=creator.name,
                language="javascript",
                event=str(creator.position),
                properties=None,
                calls=len(sites),
                sites=tuple(f"{path}:{line}" for path, line, _ in sorted(sites)[:_SAMPLES]),
                events=tuple(sorted({name for *_, name in sites})[:_SAMPLES]),
                evidence=evidence,
            )
        )
    return found


def _names_it(project: Project, module: Module, creator: Creator) -> bool:
    """``name`` in ``module`` is the creator's: its own module's binding, or imported
    under that name from the creator's module."""
    if module.name == creator.module:
        return True
    return any(
        imported.local == creator.name
        and imported.name == creator.name
        and project.imported_module(module, imported) == creator.module
        for imported in module.facts.imports
    )


def _defined_elsewhere(modules: Iterable[Module], creator: Creator) -> bool:
    """Another module defines a function or a top-level name ``creator.name``."""
    return any(
        module.name != creator.module
        and (
            any(func.name == creator.name for func in module.facts.functions)
            or any(b.target == creator.name and not b.scope for b in module.facts.bindings)
        )
        for module in modules
    )


def _holder(module: Module, scope: str, callback: Position) -> tuple[str, str] | None:
    """The name bound in ``scope`` to a call handing the callback at ``callback``, and
    that call's callee."""
    for binding in module.facts.bindings:
        value = binding.value
        if (
            binding.scope == scope
            and isinstance(value, Call)
            and "?" not in value.callee
            and any(
                isinstance(arg, Other) and arg.kind == "function" and arg.pos == callback
                for arg in value.args
            )
        ):
            return binding.target, ".".join(value.callee)
    return None


def _inside(inner: Position, outer: Position) -> bool:
    return outer[:2] <= inner[:2] and inner[2:] <= outer[2:]
