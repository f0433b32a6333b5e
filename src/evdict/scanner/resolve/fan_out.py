"""One event to every provider: a method of a Protocol (or abstract class) whose
implementations build different names of the same parameter, called on each item of a
list of them (Python).

comfy-cli's ``_dispatch`` loops ``for provider in _get_providers():`` over a function
annotated ``-> list[TelemetryProvider]`` and calls ``provider.track(name, ...)``;
``MixpanelProvider.track`` sends ``event_name`` (through its queue), ``PostHogProvider.track``
sends ``f"cli:{event_name}"``. Whichever one value of the Protocol's type is sends one of
the names; a loop over a list of them sends each, one event each. The method is read as a
wrapper whose names are every implementation's (:attr:`InferredSink.event_fanout` of
them); a call through an item of what a loop iterates sends each of them, a call through
one value one of them (which one is chosen at run time).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from evdict.scanner.model import ITERATED, Binding, CallSite, Chain, Evidence, FunctionDef, Other
from evdict.scanner.resolve.project import Module
from evdict.scanner.resolve.value_types import VClass, VFunc
from evdict.scanner.sinks import InferredSink, NamePart, ParamProps, PassThroughSink, Sink


def fan_out(
    path: str,
    declared: FunctionDef,
    sending: Sequence[tuple[VFunc, InferredSink | PassThroughSink]],
) -> InferredSink | None:
    """The abstract method ``declared`` as a wrapper of every implementation in
    ``sending`` (its method and sink), when each reads the event from the same parameter
    of the same name, as it is or in a name it builds; None otherwise."""
    inferred = [
        (method, sink.inner if isinstance(sink, PassThroughSink) else sink)
        for method, sink in sending
    ]
    param = None
    templates: list[tuple[str | NamePart, ...]] = []
    for _, sink in inferred:
        if not isinstance(sink, InferredSink) or not _plain(sink):
            return None
        if sink.event_param not in declared.params or param not in (None, sink.event_param):
            return None
        param = sink.event_param
        template = sink.event_template or (NamePart(param),)
        if any(isinstance(part, NamePart) and part.param != param for part in template):
            return None
        templates.append(template)
    sinks = [sink for _, sink in inferred if isinstance(sink, InferredSink)]
    if param is None or len(set(templates)) < 2:
        return None
    unique = list(dict.fromkeys(templates))
    shown = ", ".join(sorted(f"{method.qualname}" for method, _ in sending))
    evidence = Evidence(
        path, declared.pos, f"{declared.qualname} is abstract; implementations that send: {shown}"
    )
    first = sinks[0]
    return InferredSink(
        first.module,
        path,
        declared,
        param,
        None,
        _props(sinks),
        Chain(evidence, first.chain),
        event_template=unique[0],
        event_choices=tuple(unique[1:]),
        event_fanout=len(unique),
        inner=first,
        fanned=tuple((sink.module, sink.func.qualname) for sink in sinks),
    )


def _plain(sink: InferredSink) -> bool:
    """A wrapper reading its parameter (or a name built of it) and nothing else about it."""
    return not (
        sink.event_key
        or sink.event_attrs
        or sink.event_choices
        or sink.event_overrides
        or sink.event_excluded
        or sink.event_each
        or sink.event_fanout
    )


def _props(sinks: list[InferredSink]) -> ParamProps:
    """The properties every implementation sends: each one's keys."""

    props = [sink.props for sink in sinks]
    fixed = {name: value for each in props for name, value in each.fixed}
    return ParamProps(
        fixed=tuple(fixed.items()),
        fields=tuple(dict.fromkeys(pair for each in props for pair in each.fields)),
        spreads=tuple(dict.fromkeys(spread for each in props for spread in each.spreads)),
        kwargs=any(each.kwargs for each in props),
        opaque=any(each.opaque for each in props),
        guarded=tuple(dict.fromkeys(entry for each in props for entry in each.guarded)),
        omitted=tuple(dict.fromkeys(key for each in props for key in each.omitted)),
    )


def fanned(module: Module, site: CallSite, sink: Sink, abstract: Callable[[VClass], bool]) -> int:
    """How many names a call through ``sink`` at ``site`` sends, one event each: a fan-out
    method's, when the call's receiver is an item of what a loop iterates (or the sink is
    a wrapper of such a loop); 0 when the call sends one name."""
    if not isinstance(sink, InferredSink) or not sink.event_fanout:
        return 0
    owner = sink.func.class_name
    if owner is None or not abstract(VClass(sink.module, owner)):
        return sink.event_fanout  # a wrapper of the loop: each of its calls fans out
    receiver = site.call.callee[0] if len(site.call.callee) == 2 else None
    bound = module.names(site.scope).get(receiver, []) if receiver else []
    iterated = any(
        isinstance(b, Binding) and isinstance(b.value, Other) and b.value.kind == ITERATED
        for b in bound
    )
    return sink.event_fanout if iterated else 0
