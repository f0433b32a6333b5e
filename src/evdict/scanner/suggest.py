"""Tracking calls the scanner could not prove, and the config line that would read them.

A call is *proven* when resolution traces its callee to an SDK or to a wrapper of one.
Some products hide that trace: the analytics client is injected by the hosting app, a
plug-in object, or a library outside the repository. Their calls still look like
tracking calls, and the evidence is weighed, never taken for proof:

* the method is one an SDK tracks with (``capture``, ``track``, ``logEvent``...);
* the receiver is named for a tracker (``analytics``, ``posthog``, ``telemetry``...): a
  name alone proves nothing, so it counts only with the next point;
* the argument where that method takes the event name is a literal name, or the call
  passes one object literal whose ``event``/``type``/``name`` key is a literal name.

Such calls are plausible, never findings: ``evdict scan --suggest-config`` lists them,
grouped by callee, with their counts, sample sites and the ``wrappers:`` line that makes
evdict read them; ``evdict init --from-code`` prints the same.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from evdict.scanner.model import Call, Mapping, Str, Suggestion
from evdict.scanner.presets import Signature, Slot, presets_for
from evdict.scanner.resolve.project import Module
from evdict.scanner.sinks import slot_value

# Words that name a tracker in a receiver's name (`analytics`, `posthogClient`, `telemetry`).
TRACKER_WORDS = (
    "analytics",
    "posthog",
    "mixpanel",
    "amplitude",
    "segment",
    "rudder",
    "telemetry",
    "tracker",
    "tracking",
    "heap",
    "snowplow",
    "umami",
    "plausible",
)
# Keys of a lone object argument that hold the event name (`logEvent({type: "..."})`).
OBJECT_EVENT_KEYS = ("event", "type", "name", "eventName", "event_name", "eventType")
_SAMPLES = 3


def suggestions(
    modules: Iterable[Module], proven: set[tuple[str, int, int]]
) -> tuple[Suggestion, ...]:
    """The plausible calls among ``modules``' call sites that are not ``proven`` (path,
    line, column of the tracking calls found), grouped by the config line they need."""
    signatures = {language: _tracking_methods(language) for language in ("python", "javascript")}
    groups: dict[tuple[str, str, str, str | None], list[tuple[str, int, str]]] = defaultdict(list)
    for module in modules:
        language = "python" if module.facts.language == "python" else "javascript"
        methods = signatures[language]
        for method, sites in module.facts.calls.items():
            if method not in methods:
                continue
            for site in sites:
                call = site.call
                line, column = call.pos[:2]
                if (module.path, line, column) in proven or not _tracker_receiver(call):
                    continue
                read = _event_literal(call, methods[method])
                if read is None:
                    continue
                event, event_spec, properties_spec = read
                callee = f"{_receiver(call)}.{method}"
                groups[(language, callee, event_spec, properties_spec)].append(
                    (module.path, line, event)
                )
    found = [
        Suggestion(
            callee=callee,
            language=language,
            event=event_spec,
            properties=properties_spec,
            calls=len(sites),
            sites=tuple(f"{path}:{line}" for path, line, _ in sorted(sites)[:_SAMPLES]),
            events=tuple(sorted({event for _, _, event in sites})[:_SAMPLES]),
        )
        for (language, callee, event_spec, properties_spec), sites in groups.items()
    ]
    return tuple(sorted(found, key=lambda item: (-item.calls, item.callee, item.event)))


def sdk_import_pattern() -> tuple[re.Pattern[bytes], dict[str, str]]:
    """A pattern of the imports of every SDK package (Python ``import``/``from``, JS
    ``from``/``require``/``import()``), its group ``root`` the package; and root -> SDK."""
    roots = {
        root: preset.name
        for language in ("python", "javascript")
        for preset in presets_for(language, None)
        for root in preset.roots
    }
    names = b"|".join(re.escape(root.encode()) for root in sorted(roots, key=len, reverse=True))
    pattern = re.compile(
        rb"^[ \t]*(?:from|import)[ \t]+(?P<root>" + names + rb")\b"
        rb"|(?:from|require\(|import\()[ \t]*['\"](?P<js>" + names + rb")(?:['\"/])",
        re.MULTILINE,
    )
    return pattern, roots


def _tracking_methods(language: str) -> dict[str, tuple[Signature, ...]]:
    """Every SDK tracking method of ``language`` and the ways its presets read it."""
    methods: dict[str, list[Signature]] = defaultdict(list)
    for preset in presets_for(language, None):
        for name, signatures in preset.methods:
            methods[name].extend(signatures)
    return {name: tuple(found) for name, found in methods.items()}


def _receiver(call: Call) -> str:
    return call.callee[-2] if len(call.callee) >= 2 else ""


def _tracker_receiver(call: Call) -> bool:
    """A receiver a wrapper spec can name (a plain name, not a call's result) that is
    named for a tracker."""
    receiver = _receiver(call)
    named = receiver.replace("$", "_").isidentifier()
    return named and any(word in receiver.lower() for word in TRACKER_WORDS)


def _event_literal(
    call: Call, signatures: tuple[Signature, ...]
) -> tuple[str, str, str | None] | None:
    """The literal event name, where the call gives it, and the properties' place."""
    for signature in signatures:
        if signature.event_template:
            continue
        value = _at(call, signature.event)
        if value is not None:
            properties = signature.properties.describe() if signature.properties else None
            return value.value, signature.event.describe(), properties
    if len(call.args) == 1 and isinstance(call.args[0], Mapping):
        for key in OBJECT_EVENT_KEYS:
            value = _at(call, Slot(0, key=key))
            if value is not None:
                return value.value, f"0.{key}", "0"
    return None


def _at(call: Call, slot: Slot) -> Str | None:
    """The string literal at ``slot`` of ``call``, if that is what it holds."""
    value = slot_value(call, slot)
    return value if isinstance(value, Str) and value.value else None
