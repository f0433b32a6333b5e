"""What a function's local names hold (a local object as written before a call reads
it, the keys written to a parameter's object), and an SDK call whose object argument is
one.

``const payload = {distinctId, event, properties}; client.capture(payload)`` reads as
``client.capture({distinctId, event, properties})``, posthog-node's object shape, so the
event is what the object's ``event`` key holds (a wrapper's parameter, a literal).
Telemetry modules write it so to share one payload between two clients or a retry
(continue's ``Telemetry.capture``, its CLI's ``PosthogService.capture``). It is read so
only when the local is bound once, in the function, to an object literal that sets the
key the signature reads: a local object with no such key (``camera.capture(options)``)
stays a positional argument, read as it was.
"""

from __future__ import annotations

from dataclasses import replace

from evdict.scanner.model import (
    CALLBACK_PARAMETER,
    ELEMENT,
    Binding,
    Call,
    Choice,
    ClassDef,
    Concat,
    Entry,
    Expr,
    FString,
    Item,
    Mapping,
    Other,
    Ref,
    Str,
)
from evdict.scanner.presets import Signature, Slot
from evdict.scanner.resolve.helper_return import helper_return
from evdict.scanner.resolve.project import Definition, Module
from evdict.scanner.resolve.reaching import local_bound
from evdict.scanner.sinks import Arg


def local_value(module: Module, scope: str, arg: Arg) -> Expr | None:
    """The value of a local name the function binds once (not a parameter)."""
    bound = local_bound(module, scope, arg)
    return bound[0].value if len(bound) == 1 and isinstance(bound[0], Binding) else None


def stringified_key(module: Module, scope: str, item: Item) -> Expr | None:
    """``dataJson['params']`` where the local ``dataJson`` is bound once to
    ``JSON.stringify({name, params})`` (an Electron renderer hands its main process the
    object as JSON, which the handler parses): what the object sets that key to."""
    value = local_value(module, scope, Ref(item.base, item.pos))
    if not (isinstance(value, Call) and value.callee == ("JSON", "stringify") and value.args):
        return None
    body = value.args[0]
    found = [
        entry.value
        for entry in (body.entries if isinstance(body, Mapping) else ())
        if isinstance(entry.key, Str) and entry.key.value == item.key
    ]
    return found[0] if len(found) == 1 else None


def parsed_key(module: Module, scope: str, ref: Ref) -> Item | None:
    """``data.params`` where the local ``data`` is bound once to a parameter (``const data =
    JSON.parse(dataJson)``, read as ``dataJson``): that parameter's key."""
    if len(ref.path) != 2:
        return None
    held = local_value(module, scope, Ref(ref.path[:1], ref.pos))
    func = module.functions.get(scope)
    if isinstance(held, Ref) and len(held.path) == 1 and func and held.path[0] in func.params:
        return Item(held.path, ref.path[1], ref.pos)
    return None


def guarded_strings(module: Module, scope: str, arg: Arg) -> tuple[str, ...]:
    """The strings a name or attribute chain can only be where ``arg`` reads it, by an
    ``if msg.name != "BehaviorChange" or ...: return`` of the function above it (the
    function's ``str_only``); none when the chain's root is bound again between the two
    (what the ``if`` saw is then not what ``arg`` reads)."""
    func = module.functions.get(scope)
    if func is None or not isinstance(arg, Ref):
        return ()
    line = arg.pos[0]
    for path, strings, end in func.str_only:
        if path != arg.path or not end < line:
            continue
        rebound = any(end < bound.pos[0] <= line for bound in module.names(scope).get(path[0], []))
        if not rebound:
            return strings
    return ()


def bound_choice(module: Module, scope: str, part: Expr) -> Choice | None:
    """The choice a name is bound to once, in the function or a function enclosing it
    (a hook's ``const namespace = isSource ? A : B`` that its callbacks read)."""
    if not (isinstance(part, Ref) and len(part.path) == 1):
        return None
    found = enclosing_binding(module, scope, part.path[0])
    value = found[0].value if found is not None else None
    return value if isinstance(value, Choice) else None


def enclosing_binding(module: Module, scope: str, name: str) -> tuple[Binding, str] | None:
    """The one binding of ``name`` in the nearest scope binding it (the function's or
    one enclosing it), with that scope; None when that scope binds it otherwise or more
    than once, or none does."""
    for current in module.scope_chain(scope):
        bound = module.names(current).get(name)
        if bound:
            only = bound[0] if len(bound) == 1 else None
            return (only, current) if isinstance(only, Binding) else None
    return None


def local_mapping(module: Module, scope: str, arg: Arg) -> Mapping | None:
    """The dict (object) a local name the function binds once holds: Python binds the
    name to it; the JS front end records the object as a namespace whose members are
    bindings (``const props = {a: 1}`` in ``f``: ``a`` in ``f.props``)."""
    bound = local_bound(module, scope, arg)
    if len(bound) != 1:
        return None
    only = bound[0]
    if isinstance(only, Binding):
        return only.value if isinstance(only.value, Mapping) else None
    if (
        module.facts.language == "python"
        or not isinstance(only, ClassDef)
        or not isinstance(arg, Ref)
        or only.qualname != (f"{scope}.{arg.path[0]}" if scope else arg.path[0])
    ):
        return None
    # What the function writes before the call (``props.plan = p``), not after it.
    names = module.names(only.qualname)
    found = (_written_before(key, members, arg) for key, members in names.items())
    entries = tuple(entry for entry in found if entry is not None)
    return Mapping(entries, (), arg.pos) if entries else None


def _written_before(key: str, members: list[Definition], arg: Ref) -> Entry | None:
    """A key's entry as the function writes it before ``arg`` reads the object (not
    after the call): its one value, or any of several."""
    written = [m for m in members if isinstance(m, Binding) and m.pos[:2] < arg.pos[:2]]
    if not written:
        return None
    value = written[0].value if len(written) == 1 else Other("value", written[-1].pos)
    return Entry(Str(key, written[0].pos), value)


def spelled_out(module: Module, scope: str, call: Call, signatures: tuple[Signature, ...]) -> Call:
    """``call`` with its local object argument written in place, for the first of
    ``signatures`` that reads a key of it; ``call`` itself when none does."""
    for signature in signatures:
        if signature.url is not None:
            call = _spelled_url(module, scope, call, signature.url[0])
            call = _helper_body(module, call, signature.event)
        slot = signature.event
        if slot.inner is not None:
            call = _spelled_inner(module, scope, call, slot)
            continue
        if slot.key is None:
            continue
        arg = _slot_argument(call, slot)  # ``requests.post(url, json=payload)``
        head = slot.key.partition(".")[0]
        mapping = _mapping_with(module, scope, arg, head) if arg is not None else None
        if mapping is not None:
            return _with_slot_argument(call, slot, mapping)
    return call


def _helper_body(module: Module, call: Call, slot: Slot) -> Call:
    """``call`` with the request body a helper of the module builds (the argument at
    ``slot``, or its entry the key's head names: ``{body: createPayload(...)}``) written
    as what the helper returns (:func:`helper_return`)."""
    position = slot.position
    if position is None or position >= len(call.args) or slot.key is None:
        return call
    arg = call.args[position]
    head = slot.key.partition(".")[0]
    written: Expr | None = None
    if isinstance(arg, Call):
        written = helper_return(module, arg)
    elif isinstance(arg, Mapping):
        entries = tuple(
            replace(entry, value=helper_return(module, entry.value) or entry.value)
            if isinstance(entry.key, Str) and entry.key.value == head
            else entry
            for entry in arg.entries
        )
        written = replace(arg, entries=entries) if entries != arg.entries else None
    return call if written is None else _with_argument(call, position, written)


def _spelled_inner(module: Module, scope: str, call: Call, slot: Slot) -> Call:
    """``call`` with the argument an inner slot reads written in place when it is a local
    bound once to a call (``event_json = SelfDescribingJson(schema, data)`` before
    ``SelfDescribing(event_json=event_json)``): the inner call's arguments are read."""
    arg = _slot_argument(call, slot)
    value = local_value(module, scope, arg) if isinstance(arg, Ref) and len(arg.path) == 1 else None
    return _with_slot_argument(call, slot, value) if isinstance(value, Call) else call


def _slot_argument(call: Call, slot: Slot) -> Expr | None:
    """The argument ``slot`` reads: its keyword's value when passed, else the argument at
    its position."""
    keyword = next((kw for kw in call.keywords if kw.name == slot.keyword), None)
    if keyword is not None:
        return keyword.value
    if slot.position is not None and slot.position < len(call.args):
        return call.args[slot.position]
    return None


def _with_slot_argument(call: Call, slot: Slot, value: Expr) -> Call:
    """``call`` with the argument ``slot`` reads (:func:`_slot_argument`) written as
    ``value``."""
    keyword = next((kw for kw in call.keywords if kw.name == slot.keyword), None)
    if keyword is not None:
        written = tuple(replace(kw, value=value) if kw is keyword else kw for kw in call.keywords)
        return replace(call, keywords=written)
    assert slot.position is not None
    return _with_argument(call, slot.position, value)


def _with_argument(call: Call, position: int, value: Expr) -> Call:
    """``call`` with its argument at ``position`` written as ``value``."""
    return replace(call, args=(*call.args[:position], value, *call.args[position + 1 :]))


def _mapping_with(module: Module, scope: str, arg: Arg, key: str) -> Mapping | None:
    """The object a local ``arg`` holds (:func:`local_mapping`) when it sets ``key``."""
    mapping = local_mapping(module, scope, arg)
    if mapping is not None and any(
        isinstance(entry.key, Str) and entry.key.value == key for entry in mapping.entries
    ):
        return mapping
    return None


def _spelled_url(module: Module, scope: str, call: Call, position: int) -> Call:
    """``call`` with its URL argument, a name bound once to a string or template in the
    function or the module (``const GA4_ENDPOINT = "https://.../mp/collect"``), or a
    template of such names (`` `${GA4_ENDPOINT}?measurement_id=${id}` ``), written in
    place: the text a preset's URL is checked against."""
    arg = call.args[position] if position < len(call.args) else None
    value: Expr | None = None
    if isinstance(arg, (FString, Concat)):
        parts = tuple(_url_text(module, scope, part) or part for part in arg.parts)
        value = replace(arg, parts=parts)
    elif arg is not None:
        value = _url_text(module, scope, arg)
    return call if value is None else _with_argument(call, position, value)


def _url_text(module: Module, scope: str, arg: Expr) -> Str | FString | Concat | None:
    """What a name bound once, in the function or as a module constant, to a string or
    a template holds; None for a parameter or anything else."""
    func = module.functions.get(scope)
    if not isinstance(arg, Ref) or len(arg.path) != 1 or (func and arg.path[0] in func.params):
        return None
    value = local_value(module, scope, arg)
    if value is None:
        bound = module.names("").get(arg.path[0], [])  # a module constant
        value = bound[0].value if len(bound) == 1 and isinstance(bound[0], Binding) else None
    if isinstance(value, Choice):
        value = _default_url(value)
    return value if isinstance(value, (Str, FString, Concat)) else None


def _default_url(choice: Choice) -> Expr | None:
    """The literal URL of ``process.env.URL ?? "https://..."``: a deployment may point
    the setting at its own host of the same API, nothing else chooses."""
    texts = [option for option in choice.options if isinstance(option, (Str, FString, Concat))]
    settings = [
        option
        for option in choice.options
        if isinstance(option, Ref) and option.path[:2] in (("process", "env"), ("import", "meta"))
    ]
    return (
        texts[0] if len(texts) == 1 and len(texts) + len(settings) == len(choice.options) else None
    )


def parameter_writes(module: Module, scope: str, arg: Arg) -> Mapping | None:
    """The keys a JS function writes to its parameter's object before ``arg`` reads it
    (``properties.version = v`` in a wrapper, then ``client.capture({event, properties})``):
    what the object holds besides what the callers pass; None when it writes none."""
    if module.facts.language == "python" or not (isinstance(arg, Ref) and len(arg.path) == 1):
        return None
    prefix = f"{arg.path[0]}."
    entries = []
    for target, members in module.names(scope).items():
        key = target.removeprefix(prefix)
        entry = _written_before(key, members, arg) if key != target and "." not in key else None
        if entry is not None:
            entries.append(entry)
    return Mapping(tuple(entries), (), arg.pos) if entries else None


_HANDED_IN = frozenset((CALLBACK_PARAMETER, ELEMENT))


def handed_in(module: Module, scope: str, callee: tuple[str, ...]) -> bool:
    """The receiver of ``callee`` is a parameter of a JS callback the function passes on
    (``clients.forEach((client) => client.capture(...))``), or an element of a parameter
    (the same, or ``for (const client of clients)``): whatever calls it hands it."""
    bound = module.names(scope).get(callee[0], []) if len(callee) >= 2 else []
    return any(
        isinstance(b, Binding) and isinstance(b.value, Other) and b.value.kind in _HANDED_IN
        for b in bound
    )
