"""How a recognised call is read: which argument holds the event, which the properties.

A *sink* is what a call reaches: an SDK method or a config wrapper
(:class:`SignatureSink`, read through :class:`~evdict.scanner.presets.Signature` slots),
a wrapper the resolver inferred (:class:`InferredSink`, read by binding the call's
arguments to the function's parameters, as Python does), or a pass-through
(``def safe_track(*args, **kwargs): analytics.track(*args, **kwargs)``). Reading a
call gives raw expressions (:class:`Reading`); the resolver gives them meaning.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal as TypingLiteral

from evdict.scanner.model import (
    Call,
    Chain,
    Choice,
    Concat,
    Entry,
    Expr,
    FString,
    FunctionDef,
    Item,
    Literal,
    Mapping,
    Other,
    Position,
    Ref,
    Starred,
    Str,
)
from evdict.scanner.presets import DecoratorName, Signature, Slot


class Sentinel:
    """A missing or unknowable argument (:data:`MISSING`, :data:`UNKNOWN`)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


MISSING = Sentinel("MISSING")
"""The argument is not passed."""
UNKNOWN = Sentinel("UNKNOWN")
"""The argument may be passed, inside ``*args``/``**kwargs`` or a variable."""

Arg = Expr | Sentinel


@dataclass(frozen=True)
class ParamProps:
    """The properties an inferred wrapper sends, in terms of its parameters."""

    fixed: tuple[tuple[str, Expr], ...] = ()
    fields: tuple[tuple[str, str], ...] = ()
    spreads: tuple[str, ...] = ()  # parameters spread in, or keys of them (``p.properties``)
    kwargs: bool = False
    opaque: bool = False
    # ``(param, name, value)``: a key the wrapper writes under ``if param:``, sent only
    # when its caller passes ``param``
    guarded: tuple[tuple[str, str, Expr], ...] = ()
    # keys of the callers' objects it leaves out (``const { name, ...rest } = opts``)
    omitted: tuple[str, ...] = ()


@dataclass(frozen=True)
class SignatureSink:
    """An SDK call or a config wrapper: read through :class:`Signature` slots."""

    kind: TypingLiteral["sdk", "wrapper"]
    via: str
    signatures: tuple[Signature, ...]
    label: str
    evidence: str | None = None  # not proven: what made it confident


@dataclass(frozen=True)
class NamePart:
    """A parameter's place in the name an inferred wrapper builds (``attrs``: an
    attribute of it, ``.value`` of an enum member; ``key``: a key of it, a mapping;
    ``names``: what it names by its value, ``(value, text)``: a numeric enum's member
    names, in the case the wrapper writes them, for ``Step[step].toLowerCase()``)."""

    param: str
    attrs: tuple[str, ...] = ()
    key: str | None = None
    names: tuple[tuple[str, str], ...] = ()


RUN_TIME_PART = NamePart("")
"""A part of a built name no parameter gives and no reader knows (``Step[step].toLowerCase()``
of a value the wrapper reads itself)."""

ATTRIBUTE_OF = "attribute of"
"""The kind of an ``Other`` a caller's argument gives a wrapper spreading an attribute of
its parameter (``**event.properties``) when that argument is a call (``capture(Event())``):
its items the call and the attribute's name, a :class:`Str`."""

SPREAD_KEY = "key of the spreads"
"""The kind of an ``Other`` standing for a key an object literal sets only through its
spreads (``{...Events.Checker, ...extra}``): its items the object of those spreads and
the key, a :class:`Str`; the last spread setting the key gives it, read where the
spreads are known (:func:`~evdict.scanner.resolve.keyed_values.keyed_value`)."""

KEYED = "name by its value"
"""The kind of an ``Other`` a caller's built name holds for a :attr:`NamePart.names` part:
its items the caller's argument and the table, a :class:`Mapping`."""


@dataclass(frozen=True)
class InferredSink:
    """``event_attrs``: the event is an attribute of the parameter (``event.name`` of an
    event object, ``.value`` of an enum member); ``event_template``: the name the wrapper
    builds, its own text around its parameters (``f"billing:{action}"``,
    ``f"{category}_{name}"``; ``event_param`` is the first of them); ``event_choices``:
    the other names it may build instead, in the same way (a choice whose condition is
    not read: each caller's call is any of them); ``event_overrides``:
    the names it sends instead in some branch (``event_name = "trialExpired"``);
    ``event_excluded``: the names it never tracks, leaving before its call when given one
    (``if event_type == "set_orgs": ...; return``), so its callers' calls with one are none;
    ``event_each``: the parameter is an array, each of its objects one event (its key
    ``event_key`` the name: ``for (const event of events) capture({event: event.name})``);
    ``event_fanout``: how many of its names every call sends, one event each (a method of
    a Protocol whose implementations build different names of the same parameter, each
    called in turn: comfy-cli's ``{event_name}`` to Mixpanel and ``cli:{event_name}`` to
    PostHog); a call naming more than that many is one of them (a choice not read);
    ``inner``: the sink it passes the parameter on to."""

    module: str
    path: str
    func: FunctionDef
    event_param: str
    event_key: str | None
    props: ParamProps
    chain: Chain
    event_attrs: tuple[str, ...] = ()
    event_template: tuple[str | NamePart, ...] | None = None
    event_choices: tuple[tuple[str | NamePart, ...], ...] = ()
    event_overrides: tuple[str, ...] = ()
    event_excluded: tuple[str, ...] = ()
    event_each: bool = False
    event_fanout: int = 0
    # (module, qualified name) of each implementation a fan-out method calls
    fanned: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    # The sink it passes its parameter on to (not compared: a wrapper is its function).
    inner: Sink | None = field(default=None, compare=False)


@dataclass(frozen=True)
class PassThroughSink:
    """``def safe_track(*args, **kwargs): analytics.track(*args, **kwargs)``."""

    module: str
    path: str
    func: FunctionDef
    inner: SignatureSink | InferredSink
    inner_bound: bool
    chain: Chain


Sink = SignatureSink | InferredSink | PassThroughSink


@dataclass
class Reading:
    """The raw expressions a sink reads from one call; ``attrs``: the event is that
    attribute of ``event`` (``Event().name``, where ``event`` is no plain name)."""

    event: Arg
    transform: str | None = None
    entries: list[tuple[str | Expr, Arg, Position]] = field(default_factory=list)
    spreads: list[Arg] = field(default_factory=list)
    opaque: bool = False
    attrs: tuple[str, ...] = ()
    # ``event`` is the action a decorator call names (:mod:`~evdict.scanner.resolve.decorated`)
    decorated: DecoratorName | None = None
    # Keys of the properties' object that are not properties: the event's own key, where
    # one object holds both (``dataLayer.push({event: "sign_up", method})``).
    omitted: tuple[str, ...] = ()
    # The SDK the call is of when the signature read names one (:attr:`Signature.api`).
    api: str | None = None


def slot_value(call: Call, slot: Slot) -> Arg:
    value: Arg = MISSING
    if slot.keyword is not None:
        for keyword in call.keywords:
            if keyword.name == slot.keyword:
                value = keyword.value
    if value is MISSING and slot.position is not None:
        for index, arg in enumerate(call.args):
            if isinstance(arg, Starred):
                value = UNKNOWN
                break
            if index == slot.position:
                value = arg
                break
    if value is MISSING and call.spreads:
        value = UNKNOWN
    if isinstance(value, Sentinel):
        return value
    if slot.key is not None:
        value = _mapping_key(value, slot.key)
    if slot.inner is not None and not isinstance(value, Sentinel):
        value = slot_value(value, slot.inner) if isinstance(value, Call) else UNKNOWN
    return value


def _mapping_key(value: Expr, key: str) -> Arg:
    """The value at ``key`` of a mapping literal; a dotted key reads nested mappings
    (``event.schema`` in ``trackSelfDescribingEvent({event: {schema, data}})``)."""
    if isinstance(value, Ref) and "." not in key:
        # ``this._track(event)`` with the object a name: its key, read where it is bound
        return Item(value.path, key, value.pos)
    if isinstance(value, Choice):
        return _chosen_key(value, key)
    found: Arg = value
    parts = key.split(".")
    for index, part in enumerate(parts):
        if isinstance(found, Ref) and index:
            # ``{user, data}`` passing a name on: the rest of the key is that name's
            # (``trackManual({data})`` sends ``data.event`` of the caller's ``data``)
            return Item(found.path, ".".join(parts[index:]), found.pos)
        if isinstance(found, Call) and found.callee == ("JSON", "stringify") and found.args:
            found = found.args[0]  # ``body: JSON.stringify({events})`` sends that object
        if isinstance(found, Other) and part.isdigit():
            # An array's element (``events.0.name``), where the front end kept them
            index = int(part)
            found = found.items[index] if index < len(found.items) else UNKNOWN
            continue
        if not isinstance(found, Mapping):
            return UNKNOWN
        mapping = found
        found = next(
            (
                entry.value
                for entry in mapping.entries
                if isinstance(entry.key, Str) and entry.key.value == part
            ),
            UNKNOWN if mapping.spreads else MISSING,
        )
        spread = mapping.spreads[0] if len(mapping.spreads) == 1 else None
        if found is UNKNOWN and isinstance(spread, Ref):
            # ``{...params, state: "SUCCESS"}``: a key it does not set is the spread object's
            found = Item(spread.path, part, spread.pos)
        elif found is UNKNOWN:  # ``{...Events.Checker, ...extra}``: the last spread setting it
            spreads = Mapping((), mapping.spreads, mapping.pos)
            found = Other(SPREAD_KEY, mapping.pos, (spreads, Str(part, mapping.pos)))
    return found


def _chosen_key(choice: Choice, key: str) -> Arg:
    """``key`` of one of several objects (``event ? {name: event, ...} : undefined``): of
    the one, or the choice of each one's; an absent object (``undefined``, ``null``) sends
    no event, so it is none of them."""
    options = [o for o in choice.options if not (isinstance(o, Literal) and o.value is None)]
    found = [_mapping_key(option, key) for option in options]
    values = [value for value in found if not isinstance(value, Sentinel)]
    if not options or len(values) != len(found):
        return UNKNOWN
    return values[0] if len(values) == 1 else Choice(tuple(values), choice.pos)


def _positional_count(call: Call) -> int:
    count = 0
    for arg in call.args:
        if isinstance(arg, Starred):
            break
        count += 1
    return count


def _applies(signature: Signature, call: Call, count: int) -> bool:
    if count < signature.min_positional:
        return False
    for position, text in signature.when:
        arg = call.args[position] if position < count else None
        if not (isinstance(arg, Str) and arg.value == text):
            return False
    event = signature.event
    if signature.url is not None:
        # A request to the endpoint whose body has the event where this signature reads
        # it (``body`` for ``fetch``, ``json`` for ``ky``: one method, several clients).
        position, markers = signature.url
        url = call.args[position] if position < count else None
        return _names_url(url, markers) and not isinstance(slot_value(call, event), Sentinel)
    if event.key is not None and event.position is not None and event.position < count:
        arg = call.args[event.position]
        return isinstance(arg, Mapping) or _constructed(arg) is not None
    return True


def _names_url(url: Expr | None, markers: tuple[str, ...]) -> bool:
    """The literal text of ``url`` (a string, a template's or a concatenation's text
    parts) holds one of ``markers``; a name or anything computed proves nothing."""
    if isinstance(url, Str):
        texts = [url.value]
    elif isinstance(url, FString):
        texts = [url.prefix, *(part.value for part in url.parts if isinstance(part, Str))]
    elif isinstance(url, Concat):
        texts = [part.value for part in url.parts if isinstance(part, Str)]
    else:
        return False
    return any(marker in text for text in texts for marker in markers)


def _constructed(value: Arg) -> Call | None:
    """``TeamCreated(team_id=1)``: an event object built in the call (a class, by the
    capital of its name), whose class holds the event name as an attribute."""
    if isinstance(value, Call) and value.callee[-1][:1].isupper():
        return value
    return None


def applicable(signatures: tuple[Signature, ...], call: Call) -> Signature | None:
    """The first of ``signatures`` that reads ``call`` (see :class:`Signature`)."""
    count = _positional_count(call)
    return next((sig for sig in signatures if _applies(sig, call, count)), None)


def read_signature(sink: SignatureSink, call: Call) -> Reading:
    signature = applicable(sink.signatures, call)
    if signature is None:
        if any(sig.when or sig.url for sig in sink.signatures):
            # ``gtag("config", ...)``, a ``fetch`` to another URL: not an event at all
            return Reading(MISSING)
        signature = sink.signatures[-1]
    event = signature.event
    obj = _constructed(slot_value(call, Slot(event.position, event.keyword))) if event.key else None
    if obj is not None and event.key is not None:
        # The object's class holds the name; its constructor's arguments are the properties.
        reading = Reading(obj, attrs=tuple(event.key.split(".")), opaque=bool(obj.args))
        if signature.properties is None:
            reading.entries.extend((kw.name, kw.value, kw.pos) for kw in obj.keywords)
            reading.spreads.extend(obj.spreads)
    elif signature.event_template:
        reading = Reading(_combination(call, signature.event_template))
    else:
        reading = Reading(slot_value(call, event), signature.event_transform)
        reading.decorated = signature.decorated
    reading.api = signature.api
    if signature.properties is not None:
        props = slot_value(call, signature.properties)
        if props is MISSING:
            reading.opaque = signature.missing_properties_partial
        else:
            reading.spreads.append(props)
        if (own_key := _holds_the_event(signature.properties, event)) is not None:
            reading.omitted = (own_key,)
    if signature.more_properties is not None:
        more = slot_value(call, signature.more_properties)
        if more is not MISSING:
            reading.spreads.append(more)
    for name, slot in signature.fields:
        value = slot_value(call, slot)
        if value is UNKNOWN:
            reading.opaque = True
        elif not isinstance(value, Sentinel):
            reading.entries.append((name, value, value.pos))
    if signature.kwargs_properties:
        slots = (
            signature.event,
            signature.properties,
            *(part for part in signature.event_template if isinstance(part, Slot)),
        )
        used = {slot.keyword for slot in slots if slot} | set(signature.sdk_keywords)
        for keyword in call.keywords:
            if keyword.name not in used:
                reading.entries.append((keyword.name, keyword.value, keyword.pos))
        reading.spreads.extend(call.spreads)
    return reading


def _holds_the_event(properties: Slot, event: Slot) -> str | None:
    """The key ``event`` reads the name from, when the properties are the object holding
    it (``{event, ...}`` as a whole, ``dataLayer.event`` in ``dataLayer``)."""
    if event.key is None or properties.inner is not None:
        return None
    parent, _, leaf = event.key.rpartition(".")
    same_argument = (properties.position, properties.keyword) == (event.position, event.keyword)
    return leaf if same_argument and (parent or None) == properties.key else None


def _combination(call: Call, template: tuple[str | Slot, ...]) -> Arg:
    """The event a template makes of the call's arguments (``"{0}: {1}"``), as the
    concatenation it is; an argument not passed is a name nothing defines."""
    parts: list[str | Expr] = []
    for part in template:
        if isinstance(part, str):
            parts.append(part)
            continue
        value = slot_value(call, part)
        if value is UNKNOWN:
            return UNKNOWN
        missing = Ref((f"<argument {part.describe()}>",), call.pos)
        parts.append(missing if isinstance(value, Sentinel) else value)
    first = next(part for part in parts if not isinstance(part, str))
    return _joined(parts, first.pos)


def _joined(parts: list[str | Expr], pos: Position) -> Concat:
    """A built name: its own text and the values around it, as one concatenation."""
    flat: list[Expr] = []
    for part in parts:
        if isinstance(part, str):
            flat.append(Str(part, pos))
        elif isinstance(part, (Concat, FString)) and part.parts:
            flat.extend(part.parts)
        else:
            flat.append(part)
    return Concat(tuple(flat), pos)


def bind(
    func: FunctionDef, call: Call, bound: bool
) -> tuple[dict[str, Arg], list[tuple[str, Expr, Position]], bool]:
    """Python's argument binding: parameter -> argument, the keywords that land in
    ``**kwargs``, and whether ``*args``/``**kwargs`` spreads make the rest unknown."""
    params = func.bound_params if bound or func.bound_task else func.params
    bound_args: dict[str, Arg] = {}
    unknown = bool(call.spreads)
    for index, arg in enumerate(call.args):
        if isinstance(arg, Starred):
            unknown = True
            break
        if index < len(params):
            bound_args[params[index]] = arg
    named = set(params[func.posonly :]) | set(func.kwonly)
    extra: list[tuple[str, Expr, Position]] = []
    for keyword in call.keywords:
        if keyword.name in named:
            bound_args[keyword.name] = keyword.value
        else:
            extra.append((keyword.name, keyword.value, keyword.pos))
    for name in (*params, *func.kwonly):
        bound_args.setdefault(name, UNKNOWN if unknown else MISSING)
    return bound_args, extra, unknown


def read_inferred(sink: InferredSink, call: Call, bound: bool) -> Reading:
    if sink.event_each:
        return _read_each(sink, call, bound)
    args, extra, _ = bind(sink.func, call, bound)
    event = args.get(sink.event_param, MISSING)
    if event is MISSING and sink.event_key is None and not sink.event_attrs:
        # left out: the parameter's default, when it is a name (``_report_error(exc)``)
        default = dict(sink.func.str_defaults).get(sink.event_param)
        event = MISSING if default is None else Str(default, call.pos)
    if not sink.event_param and sink.event_template is not None:
        # a generated event function: the event is its own (``evdict codegen``)
        event = Str("".join(str(part) for part in sink.event_template), call.pos)
    if isinstance(event, Str) and event.value in sink.event_excluded:
        return Reading(MISSING)  # ``publish("set_orgs", ...)``: sent another way, no event
    if sink.event_key is not None and not isinstance(event, Sentinel):
        event = _mapping_key(event, sink.event_key)
    attrs = sink.event_attrs
    if attrs and isinstance(event, Ref):
        event, attrs = Ref(event.path + attrs, event.pos), ()
    if sink.event_template is not None and not isinstance(event, Sentinel):
        pos = event.pos
        event = _built_name(sink.event_template, args, pos)
        others = [
            _built_name(template, args, pos)
            for template in sink.event_choices
            if not _left_out(sink.func, template, args)
        ]
        if others and not isinstance(event, Sentinel):
            event = Choice((event, *(o for o in others if not isinstance(o, Sentinel))), pos)
    if sink.event_overrides and not isinstance(event, Sentinel):
        names = tuple(Str(name, event.pos) for name in sink.event_overrides)
        event = Choice((event, *names), event.pos)
    reading = Reading(event, opaque=sink.props.opaque, attrs=attrs, omitted=sink.props.omitted)
    for name, param in sink.props.fields:
        value = args.get(param, MISSING)
        if value is not MISSING:
            pos = value.pos if not isinstance(value, Sentinel) else call.pos
            reading.entries.append((name, value, pos))
    for spread in sink.props.spreads:
        param, _, key = spread.partition(".")  # ``{0}.properties``: a key of the argument
        value = args.get(param, MISSING)
        if key and isinstance(value, Call) and "." not in key:
            value = Other(ATTRIBUTE_OF, value.pos, (value, Str(key, value.pos)))
        elif key and not isinstance(value, Sentinel):
            value = _mapping_key(value, key)
        reading.spreads.append(value)
    if sink.props.kwargs:
        reading.entries.extend(extra)
        reading.spreads.extend(call.spreads)
    for name, value in sink.props.fixed:
        reading.entries.append((name, value, call.pos))
    for param, name, value in sink.props.guarded:
        passed = args.get(param, MISSING)
        if passed is UNKNOWN:
            reading.opaque = True  # through ``**kwargs``: passed or not is not known
        elif passed is not MISSING and not (isinstance(passed, Literal) and not passed.value):
            reading.entries.append((name, value, call.pos))
    return reading


def _read_each(sink: InferredSink, call: Call, bound: bool) -> Reading:
    """A call handing a wrapper an array literal of event objects: each object read as
    if passed alone, their names one call's (every one is sent), the properties every
    object's. Any other array (built by ``map`` or ``push``, a name) is not read: no call."""
    args, _, _ = bind(sink.func, call, bound)
    array = args.get(sink.event_param, MISSING)
    if not isinstance(array, Other) or array.kind != "array":
        return Reading(MISSING)
    single = replace(sink, event_each=False)
    readings = []
    for item in array.items:
        one = replace(
            call,
            args=tuple(item if arg is array else arg for arg in call.args),
            keywords=tuple(
                replace(k, value=item) if k.value is array else k for k in call.keywords
            ),
        )
        reading = read_inferred(single, one, bound)
        if isinstance(reading.event, Str) and reading.event.value in sink.event_excluded:
            continue  # the wrapper sends that one another way: no event
        if reading.event is not MISSING:
            readings.append(reading)
    if len(readings) <= 1:
        return readings[0] if readings else Reading(MISSING)
    # an element whose object is not known (resolve/filled.py): its name is not read
    events: list[Expr] = [r.event for r in readings if not isinstance(r.event, Sentinel)]
    if len(events) < len(readings):
        events.append(Other("computed element", array.pos))
    merged = Reading(
        Choice(tuple(events), array.pos),
        opaque=any(r.opaque for r in readings),
        omitted=readings[0].omitted,
    )
    for reading in readings:
        merged.entries.extend(reading.entries)
        merged.spreads.extend(reading.spreads)
    return merged


def _left_out(
    func: FunctionDef, template: tuple[str | NamePart, ...], args: dict[str, Arg]
) -> bool:
    """A name built of a parameter defaulting to ``None`` that the call leaves out (or
    passes ``None``): ``mixpanel_name if mixpanel_name is not None ... else event_name``
    names no ``mixpanel_name`` then."""
    for part in template:
        if isinstance(part, NamePart) and part.param in func.none_defaults:
            value = args.get(part.param, MISSING)
            if value is MISSING or (isinstance(value, Literal) and value.value is None):
                return True
    return False


def _built_name(template: tuple[str | NamePart, ...], args: dict[str, Arg], pos: Position) -> Arg:
    """The name a wrapper builds of its callers' arguments, as the concatenation it is;
    an argument not passed is a name nothing defines."""
    parts: list[str | Expr] = []
    for part in template:
        if isinstance(part, str):
            parts.append(part)
            continue
        if part == RUN_TIME_PART:
            parts.append(Ref(("<a value made at run time>",), pos))
            continue
        value = args.get(part.param, MISSING)
        if value is UNKNOWN:
            return UNKNOWN
        if part.key is not None and not isinstance(value, Sentinel):
            # A key of the argument: of an object literal, of a name (an object, a dict),
            # else of a value made at run time.
            if isinstance(value, Mapping):
                value = _mapping_key(value, part.key)
            elif isinstance(value, Ref) and "." in part.key:
                value = Item(value.path, part.key, value.pos)  # ``option`` at ``flow.flow``
            elif isinstance(value, Ref):
                value = Ref((*value.path, part.key), value.pos)
            else:
                value = Ref((f"<{part.param}.{part.key}>",), value.pos)
        if value is UNKNOWN:
            parts.append(Ref((f"<{part.param}.{part.key}>",), pos))
        elif isinstance(value, Sentinel):
            parts.append(Ref((f"<argument {part.param}>",), pos))
        elif part.names:  # read by the caller's resolver, which knows its argument's value
            table = tuple(
                Entry(Str(value_text, pos), Str(text, pos)) for value_text, text in part.names
            )
            parts.append(Other(KEYED, pos, (value, Mapping(table, (), pos))))
        elif part.attrs and isinstance(value, Ref):
            parts.append(Ref(value.path + part.attrs, value.pos))
        else:
            parts.append(value)
    return _joined(parts, pos)
