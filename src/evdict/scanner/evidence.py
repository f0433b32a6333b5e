"""How sure evdict is that a call it could not prove is a tracking call.

A call is *proven* when resolution traces its callee to an SDK: an import of it, an
instance of its client class, a receiver the config names or that the code binds to a
client, a config wrapper, or a wrapper inferred from those. When that trace breaks (the
client comes from a factory the resolver cannot follow, is injected, or is a browser
global), a call whose method is an SDK's tracking method is a *candidate*, weighed by
its evidence, in points, for each SDK that has the method:

================================  ======  ==================================================
evidence                          points  when
================================  ======  ==================================================
the SDK is in the project         2       the file imports it, a manifest governing the file
                                          lists it (:mod:`~evdict.scanner.manifests`), or
                                          (JavaScript) the receiver is the SDK's browser
                                          global (``analytics``, ``window.heap``), defined
                                          nowhere in the file
the call has the SDK's shape      2       named: the call names two of the SDK's arguments
                                          (``capture(distinct_id=..., event=...)``,
                                          ``capture({distinctId, event, properties})``)
                                  1       positional: the event's place holds a name (a
                                          string, a variable) and the properties' place, if
                                          given, no string or number
the receiver is named for it      1       the SDK's usual receiver (``posthog``, ``mp``), a
                                          tracker word (``analytics``, ``telemetry``...) or
                                          ``client``; counts only next to other evidence
================================  ======  ==================================================

With :data:`CONFIDENT` points (4) the call is a tracking call: the SDK is in the project
and the call looks like its call. With :data:`PLAUSIBLE` points (2 or 3) it is a
suggestion (``evdict scan --suggest-config``), never a finding; so is a call whose
only argument is an object with a literal ``event``/``type``/``name`` key (1 point for
the shape: no SDK reads a call so, so it is never confident).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from evdict.scanner.model import (
    Call,
    Choice,
    Concat,
    Expr,
    FString,
    Item,
    Literal,
    Mapping,
    Ref,
    Str,
)
from evdict.scanner.presets import Preset, Signature, Slot
from evdict.scanner.sinks import Sentinel, applicable, slot_value

SDK_IN_PROJECT = 2
SHAPE_NAMED = 2
SHAPE_POSITIONAL = 1
SHAPE_EVENT_OBJECT = 1
RECEIVER_NAMED = 1
CONFIDENT = 4
PLAUSIBLE = 2

# Words that name a tracker in a receiver's name (`analytics`, `posthogClient`,
# `telemetry`): any tracker's, then one SDK's (another SDK's name is no evidence for it).
GENERIC_TRACKER_WORDS = ("analytics", "telemetry", "tracker", "tracking")
SDK_WORDS = ("posthog", "mixpanel", "amplitude", "segment", "rudder", "heap", "snowplow", "umami")
TRACKER_WORDS = (*GENERIC_TRACKER_WORDS, *SDK_WORDS, "plausible")
# Receivers named for any client, which count like a tracker's name.
CLIENT_NAMES = frozenset({"client"})
# Arguments an SDK takes by name besides the event and its properties: who did it.
IDENTITY_NAMES = frozenset(
    {"distinct_id", "distinctId", "user_id", "userId", "anonymous_id", "anonymousId"}
)
# Keys of a lone object argument that hold the event name (`logEvent({type: "..."})`).
OBJECT_EVENT_KEYS = ("event", "type", "name", "eventName", "event_name", "eventType")
_NAME_LIKE = (Str, FString, Concat, Ref, Item, Choice)

ListedSdks = Callable[[str, str], frozenset[str]]
"""(module path as shown, language) -> the SDKs the manifests governing it list."""


@dataclass(frozen=True)
class Sources:
    """What says an SDK is in the project, for one call: the packages its file imports
    (their roots), the SDKs the manifests governing it list, and whether its receiver
    is a browser global (defined nowhere in the file)."""

    imported: frozenset[str] | set[str]
    listed: frozenset[str]
    browser_global: bool = False


@dataclass(frozen=True)
class Weight:
    """A candidate call weighed: the SDK it looks like (``None``: only an event object)
    and the evidence, as ``(what, points)``."""

    preset: Preset | None
    evidence: tuple[tuple[str, int], ...]

    @property
    def points(self) -> int:
        return sum(points for _, points in self.evidence)

    @property
    def confident(self) -> bool:
        return self.preset is not None and self.points >= CONFIDENT

    def describe(self) -> str:
        """``event object, receiver name (2/4 points)``: short of a call by how much."""
        return f"{', '.join(what for what, _ in self.evidence)} ({self.points}/{CONFIDENT} points)"


def weigh(call: Call, presets: tuple[Preset, ...], sources: Sources) -> Weight | None:
    """The best-supported reading of ``call`` (a method call ``receiver.method(...)``)
    as one of ``presets``' tracking calls, or as a lone event object; None when
    nothing supports it."""
    method = call.callee[-1]
    receiver = call.callee[-2] if len(call.callee) >= 2 else ""
    best: Weight | None = None
    for preset in presets:
        signatures = preset.method(method)
        if not signatures or (method in preset.receiver_only and receiver not in preset.receivers):
            continue
        evidence: list[tuple[str, int]] = []
        source = _source(preset, receiver, sources)
        if source:
            evidence.append((source, SDK_IN_PROJECT))
        shape = _shape(call, signatures)
        if shape:
            evidence.append(shape)
        if (
            evidence
            and _named_for(preset, receiver)
            and (not preset.receivers_need_import or source == "import")
        ):
            evidence.append(("receiver name", RECEIVER_NAMED))
        weight = Weight(preset, tuple(evidence))
        if shape and (best is None or weight.points > best.points):
            best = weight
    if best is None and event_object_key(call) is not None:
        evidence = [("event object", SHAPE_EVENT_OBJECT)]
        if _named_for(None, receiver):
            evidence.append(("receiver name", RECEIVER_NAMED))
        best = Weight(None, tuple(evidence))
    return best


def _source(preset: Preset, receiver: str, sources: Sources) -> str | None:
    if sources.imported & set(preset.roots):
        return "import"
    if preset.name in sources.listed:
        return "manifest"
    if sources.browser_global and receiver in preset.receivers and not preset.receivers_need_import:
        return "browser global"
    return None


def _shape(call: Call, signatures: tuple[Signature, ...]) -> tuple[str, int] | None:
    """The call read by the SDK's signature: named, positional, or not its shape."""
    signature = applicable(signatures, call)
    if signature is None or signature.event_template:
        return None
    event = slot_value(call, signature.event)
    if not isinstance(event, _NAME_LIKE):
        return None
    named = _names_given(call, signature) & (_sdk_names(signature) | IDENTITY_NAMES)
    if len(named) >= 2:
        return ("named shape", SHAPE_NAMED)
    if signature.properties is not None:
        properties = slot_value(call, signature.properties)
        if isinstance(properties, (Str, FString, Literal)):
            return None  # ``progress.track("step", 50)``
    return ("positional shape", SHAPE_POSITIONAL)


def _names_given(call: Call, signature: Signature) -> set[str]:
    """The argument names the call uses: its keywords, or the keys of the object the
    signature reads the event from."""
    if signature.event.key is not None and signature.event.position is not None:
        value = slot_value(call, Slot(signature.event.position))
        if isinstance(value, Mapping):
            return {entry.key.value for entry in value.entries if isinstance(entry.key, Str)}
        return set()
    return {keyword.name for keyword in call.keywords}


def _sdk_names(signature: Signature) -> set[str]:
    slots = [signature.event, *(slot for _, slot in signature.fields)]
    if signature.properties is not None:
        slots.append(signature.properties)
    names = {slot.keyword for slot in slots if slot.keyword}
    names.update(slot.key.partition(".")[0] for slot in slots if slot.key)
    return names


def _named_for(preset: Preset | None, receiver: str) -> bool:
    """The receiver is named for ``preset`` (its usual receiver, its own name, any
    tracker's word, a client); for ``None``, for any tracker."""
    if preset is not None and receiver in preset.receivers:
        return True
    if not receiver.replace("$", "_").isidentifier():
        return False
    lowered = receiver.lower()
    if lowered in CLIENT_NAMES:
        return True
    if preset is None:
        return any(word in lowered for word in TRACKER_WORDS)
    own = preset.name.partition("stack")[0]  # rudderstack: `rudder`
    return own in lowered or any(word in lowered for word in GENERIC_TRACKER_WORDS)


def event_object_key(call: Call) -> str | None:
    """The key of a lone object argument that holds a literal event name."""
    if len(call.args) != 1 or not isinstance(call.args[0], Mapping):
        return None
    for key in OBJECT_EVENT_KEYS:
        value = slot_value(call, Slot(0, key=key))
        if isinstance(value, Str) and value.value:
            return key
    return None


def literal_at(call: Call, slot: Slot) -> Str | None:
    """The string literal at ``slot`` of ``call``, if that is what it holds."""
    value: Expr | Sentinel = slot_value(call, slot)
    return value if isinstance(value, Str) and value.value else None
