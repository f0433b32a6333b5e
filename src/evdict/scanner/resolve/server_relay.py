"""Browser code that relays events to the product's own server (``fetch("/_analytics/
trackEvent", {body: JSON.stringify(message)})``, ``window.parent.postMessage({type:
"ide-track-event", msg})``) or, in an Electron app, to its main process
(``ipcRenderer.send("trackSegmentEvent", options)`` in a preload, called as
``window.main.trackSegmentEvent(...)`` through the context bridge,
:mod:`~evdict.scanner.resolve.bridged`): no SDK is in sight, so nothing proves these
calls, but the function sending its parameter there is plausibly a wrapper. Only where suggestions
are made (``evdict scan``, which lists them with ``--suggest-config`` and counts them
without; ``init --from-code``): resolution then runs once more with these functions
taken as wrappers (:func:`relay_sinks`), and the calls it finds through them with a
literal name become suggestions, each the config line of the outermost function of
the chain a ``callee:`` can name (:func:`relay_suggestions`).

Evidence, precision first: the URL (its literal text), the message's ``type`` or the
IPC channel names analytics, tracking or telemetry; what is sent is a parameter of the function (read
as an object with an ``event`` key) or an object whose ``event`` key is a parameter;
and a caller must give a literal name there.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace

from evdict.scanner import prefilter
from evdict.scanner.evidence import literal_at
from evdict.scanner.model import (
    RETURNED,
    Call,
    Chain,
    Concat,
    Evidence,
    Expr,
    FString,
    FunctionDef,
    Mapping,
    Ref,
    Str,
    Suggestion,
    TrackingCall,
)
from evdict.scanner.presets import Slot
from evdict.scanner.resolve.infer import WrapperInference
from evdict.scanner.resolve.match import SinkMatcher, shown_func
from evdict.scanner.resolve.project import Module
from evdict.scanner.sinks import InferredSink, ParamProps, PassThroughSink, Sink

# ``/_analytics/``, ``/track``, ``ide-track-event``, ``TrackEvent``; not a music app's
# ``/api/tracks`` nor a ``soundtrack``.
_ANALYTICS_WORD = re.compile(r"(?i:analytic|telemetry)|(?<![a-z])(?:track|Track|TRACK)(?!s\b)")
_EVENT_KEYS = ("event", "eventName", "event_name")
_SAMPLES = 3
_IPC_SENDS = ("send", "sendSync", "invoke")
"""Electron's renderer-to-main messages: ``ipcRenderer.send(channel, ...args)``."""

_WORDS = tuple(
    spelled.encode()
    for word in ("analytic", "telemetry", "track")
    for spelled in (word, word.capitalize(), word.upper())
)
TRIGGERS = tuple(
    replace(trigger, context=_WORDS)
    for trigger in (
        prefilter.global_call_trigger("fetch"),
        prefilter.callee_trigger(("navigator", "sendBeacon")),
        prefilter.callee_trigger(("axios", "post")),
        prefilter.methods_trigger(["postMessage"]),
        *(prefilter.callee_trigger(("ipcRenderer", method)) for method in _IPC_SENDS),
    )
)
"""What makes a file worth parsing for its relays (the relay pass only): the call,
and a word of :data:`_ANALYTICS_WORD` (the URL or message type is a literal of the file)."""


def relay_sinks(modules: Iterable[Module]) -> dict[tuple[str, str], InferredSink]:
    """The functions of JS/TS ``modules`` that send an event parameter of theirs to
    an analytics URL or window message, as wrappers reading it."""
    found: dict[tuple[str, str], InferredSink] = {}
    for module in modules:
        if module.facts.language == "python":
            continue
        for name in ("fetch", "sendBeacon", "post", "postMessage", *_IPC_SENDS):
            for site in module.facts.calls.get(name, ()):
                func = module.enclosing_function(site.scope)
                if func is None or func.name == RETURNED:
                    continue
                sent = _sent(site.call)
                if sent is None:
                    continue
                target, payload = sent
                sink = _relay(module, func, site.call, target, payload)
                if sink is not None:
                    found.setdefault((module.name, func.qualname), sink)
    return found


def _sent(call: Call) -> tuple[str, Expr] | None:
    """Where ``call`` sends (a URL's or message type's literal text naming analytics)
    and what."""
    callee, args = call.callee, call.args
    if callee[-1] == "postMessage":
        message = args[0] if args else None
        if not isinstance(message, Mapping):
            return None
        kind = next(
            (
                entry.value.value
                for entry in message.entries
                if isinstance(entry.key, Str)
                and entry.key.value == "type"
                and isinstance(entry.value, Str)
            ),
            "",
        )
        return (kind, message) if _ANALYTICS_WORD.search(kind) else None
    if callee in (("fetch",), ("window", "fetch")):
        init = args[1] if len(args) > 1 else None
        body = init.value_at("body") if isinstance(init, Mapping) else None
    elif callee[-2:] in (("navigator", "sendBeacon"), ("axios", "post")) or (
        callee[-2:-1] == ("ipcRenderer",) and callee[-1] in _IPC_SENDS
    ):
        body = args[1] if len(args) > 1 else None
    else:
        return None
    url = _literal_text(args[0]) if args else ""
    if body is None or not _ANALYTICS_WORD.search(url):
        return None
    if isinstance(body, Call) and body.callee == ("JSON", "stringify") and body.args:
        body = body.args[0]
    return url, body


def _relay(
    module: Module, func: FunctionDef, call: Call, target: str, payload: Expr
) -> InferredSink | None:
    """``func`` as the wrapper sending ``payload`` (a parameter, or an object holding
    one) to ``target``."""
    own = set(func.params) - {"this"} - set(module.names(func.qualname))
    param = key = None
    if isinstance(payload, Ref) and len(payload.path) == 1 and payload.path[0] in own:
        param, key = payload.path[0], "event"  # ``{event, properties}`` from the callers
    elif isinstance(payload, Mapping):
        for entry in payload.entries:
            value = entry.value
            if not (isinstance(value, Ref) and len(value.path) == 1 and value.path[0] in own):
                continue
            if isinstance(entry.key, Str) and entry.key.value in _EVENT_KEYS:
                param, key = value.path[0], None
                break
            if param is None:  # ``{type: "ide-track-event", msg}``
                param, key = value.path[0], "event"
    if param is None:
        return None
    if call.callee[-1] == "postMessage":
        text = f"{shown_func(func)} posts parameter '{param}' to another window (message type '{target}')"
    elif call.callee[-2:-1] == ("ipcRenderer",):
        text = (
            f"{shown_func(func)} sends parameter '{param}' to the app's main process "
            f"({'.'.join(call.callee)} '{target}')"
        )
    else:
        text = (
            f"{shown_func(func)} sends parameter '{param}' to the product's server "
            f"({'.'.join(call.callee)} '{target}')"
        )
    spreads = (f"{param}.properties",) if key else ()
    return InferredSink(
        module.name,
        module.path,
        func,
        param,
        key,
        ParamProps(spreads=spreads, opaque=True),
        Chain(Evidence(module.path, call.pos, text)),
    )


def relay_suggestions(
    inference: WrapperInference,
    matcher: SinkMatcher,
    relays: dict[tuple[str, str], InferredSink],
    calls: Iterable[TrackingCall],
    kept: Callable[[str, int, int], bool],
) -> list[Suggestion]:
    """The config lines that read the ``calls`` found through ``relays`` with a literal
    name, those ``kept`` (path, line, column), grouped by line. A line naming a method
    by its receiver (``client.trackEvent``) reads every call so written: those with a
    literal name count too."""
    modules = inference.values.modules.values()
    literal = {
        (call.path, *call.pos[:2]): call.event
        for call in calls
        if call.event is not None and kept(call.path, *call.pos[:2])
    }
    defined = Counter(func.name for module in modules for func in module.facts.functions)
    groups: defaultdict[tuple[str, str, str | None, str], list[tuple[str, int, str]]]
    groups = defaultdict(list)
    seen: set[tuple[str, int, int]] = set()
    for module, site in inference.sites(inference.interesting()):
        place = (module.path, *site.call.pos[:2])
        name = literal.get(place)
        matched = matcher.match(module, site) if name is not None and place not in seen else None
        chain = _chain(matched[0]) if matched is not None else []
        if not chain or (chain[-1].module, chain[-1].func.qualname) not in relays:
            continue
        line = _line(site.call, chain, defined)
        if line is not None and name is not None:
            seen.add(place)
            groups[(*line, chain[-1].chain.link.text)].append((module.path, place[1], name))
    for (callee, event, _, _), sites in groups.items():
        receiver, _, method = callee.rpartition(".")
        position, _, key = event.partition(".")
        for module in modules if receiver else ():
            for site in module.facts.calls.get(method, ()):
                place = (module.path, *site.call.pos[:2])
                found = literal_at(site.call, Slot(int(position), key=key or None))
                if (
                    site.call.callee[-2:] == (receiver, method)
                    and found is not None
                    and place not in seen
                    and kept(*place)
                ):
                    seen.add(place)
                    sites.append((module.path, place[1], found.value))
    return [
        Suggestion(
            callee=callee,
            language="javascript",
            event=event,
            properties=properties,
            calls=len(sites),
            sites=tuple(f"{path}:{line}" for path, line, _ in sorted(sites)[:_SAMPLES]),
            events=tuple(sorted({name for *_, name in sites})[:_SAMPLES]),
            evidence=relayed,
        )
        for (callee, event, properties, relayed), sites in groups.items()
    ]


def _chain(sink: Sink) -> list[InferredSink]:
    """The inferred wrappers from ``sink`` inwards, when each reads the event whole."""
    chain: list[InferredSink] = []
    current: Sink | None = sink
    while current is not None:
        if isinstance(current, PassThroughSink):
            current = current.inner
            continue
        if not isinstance(current, InferredSink):
            return []
        chain.append(current)
        current = current.inner
    return chain


def _line(
    call: Call, chain: list[InferredSink], defined: Counter[str]
) -> tuple[str, str, str | None] | None:
    """The wrapper line of the outermost wrapper of ``chain`` a ``callee:`` names
    unambiguously: a function of a name defined once in the project, or the method
    ``call`` calls on a named receiver."""
    for index, sink in enumerate(chain):
        func = sink.func
        if sink.event_attrs or sink.event_template is not None:
            return None
        if func.class_name is None:
            if func.name == RETURNED or defined[func.name] != 1:
                continue
            callee = func.name
        else:
            receiver = call.callee[-2] if len(call.callee) >= 2 and index == 0 else ""
            if not receiver.replace("$", "_").isidentifier() or receiver == "this":
                continue
            callee = f"{receiver}.{func.name}"
        params = func.bound_params
        if sink.event_param not in params:
            return None
        position = params.index(sink.event_param)
        if sink.event_key is not None:
            return callee, f"{position}.{sink.event_key}", f"{position}.properties"
        after = str(position + 1) if position + 1 < len(params) else None
        return callee, str(position), after
    return None


def _literal_text(value: Expr) -> str:
    """The literal text of a URL: a string, or the text parts of a concatenation or a
    template."""
    if isinstance(value, Str):
        return value.value
    if isinstance(value, (Concat, FString)):
        parts = value.parts
        text = "".join(part.value for part in parts if isinstance(part, Str))
        return text or (value.prefix if isinstance(value, FString) else "")
    return ""
