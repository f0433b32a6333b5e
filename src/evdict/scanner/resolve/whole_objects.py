"""A wrapper handing its one parameter on, as it came, to the SDK argument the event is
read from, where that argument is an object (a :class:`PassThroughSink`: each caller's
argument is read as the SDK reads it):

- a key of the argument (``trackAnalytics = (args: AnalyticsEvents) => analytics.track(args)``,
  Jitsu's or Segment's server ``track({event, ...})``);
- an argument of a call passed there (meltano's ``track_unstruct_event(event_json)``
  calling Snowplow's ``SelfDescribing(event_json=event_json)``, the event the schema of the
  caller's ``SelfDescribingJson(schema, data)``).
"""

from __future__ import annotations

from evdict.scanner.model import Call, FunctionDef, Ref
from evdict.scanner.presets import Slot
from evdict.scanner.sinks import SignatureSink, Sink, slot_value


def whole_object(func: FunctionDef, call: Call, sink: Sink, own: set[str]) -> str:
    """The parameter ``func`` hands on so (see the module), or empty."""
    return _keyed_object(func, call, sink, own) or _event_object(func, call, sink, own)


def _keyed_object(func: FunctionDef, call: Call, sink: Sink, own: set[str]) -> str:
    """The one parameter ``func`` hands on as it came, declared of a named type, where the
    SDK reads the event from a key of that argument (``trackAnalytics = (args:
    AnalyticsEvents) => analytics.track(args)``, Jitsu's or Segment's server ``track({event,
    ...})``): each caller's argument is then read as the SDK reads it, an object literal by
    its key, a name by position. Empty for any other call: a name parameter passed on
    (``(event: string) => track(event)``, untyped, or with properties) is inferred."""
    params = func.params[1 if func.kind in ("method", "classmethod") else 0 :]
    arg = call.args[0] if len(call.args) == 1 else None
    if (
        not isinstance(sink, SignatureSink)
        or not isinstance(arg, Ref)
        or params != arg.path
        or arg.path[0] not in own
        or arg.path[0] not in dict(func.annotations)
        or func.vararg
        or func.kwarg
        or func.kwonly
        or call.keywords
        or call.spreads
    ):
        return ""
    keyed = any(
        signature.event.position == 0
        and signature.event.key is not None
        and signature.event.inner is None
        for signature in sink.signatures
    )
    return params[0] if keyed else ""


def _event_object(func: FunctionDef, call: Call, sink: Sink, own: set[str]) -> str:
    """The only parameter of ``func``, passed as it came where the SDK reads the event
    from an argument of a call (``SelfDescribing(event_json=event_json, context=...)``),
    at the position the callers write it (the first; as a keyword, by the SDK's name);
    empty for any other call."""
    params = func.params[1 if func.kind in ("method", "classmethod") else 0 :]
    if (
        not isinstance(sink, SignatureSink)
        or len(params) != 1
        or params[0] not in own
        or func.vararg
        or func.kwarg
        or func.kwonly
        or call.spreads
    ):
        return ""
    for signature in sink.signatures:
        slot = signature.event
        if slot.inner is None or slot.key is not None or slot.position != 0:
            continue
        given = slot_value(call, Slot(slot.position, slot.keyword))
        if isinstance(given, Ref) and given.path == (params[0],):
            return params[0]
    return ""
