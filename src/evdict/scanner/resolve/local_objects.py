"""What a function's local names hold, and an SDK call whose object argument is one.

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

from evdict.scanner.model import Binding, Call, ClassDef, Entry, Mapping, Ref, Str
from evdict.scanner.presets import Signature
from evdict.scanner.resolve.project import Definition, Module
from evdict.scanner.sinks import Arg


def local_bound(module: Module, scope: str, arg: Arg) -> list[Definition]:
    """What a local name of the function (not a parameter) is bound to; none for any
    other argument."""
    func = module.functions.get(scope)
    if func is None or not (isinstance(arg, Ref) and len(arg.path) == 1):
        return []
    name = arg.path[0]
    if name in (*func.params, *func.kwonly, func.vararg, func.kwarg):
        return []
    return module.names(scope).get(name, [])


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
        or only.qualname != f"{scope}.{arg.path[0]}"
    ):
        return None
    entries = tuple(
        Entry(Str(key, members[0].pos), members[0].value)
        for key, members in module.names(only.qualname).items()
        if len(members) == 1 and isinstance(members[0], Binding)
    )
    return Mapping(entries, (), arg.pos) if entries else None


def spelled_out(module: Module, scope: str, call: Call, signatures: tuple[Signature, ...]) -> Call:
    """``call`` with its local object argument written in place, for the first of
    ``signatures`` that reads a key of it; ``call`` itself when none does."""
    for signature in signatures:
        slot = signature.event
        position = slot.position
        if slot.key is None or position is None or position >= len(call.args):
            continue
        mapping = local_mapping(module, scope, call.args[position])
        head = slot.key.partition(".")[0]
        if mapping is not None and any(
            isinstance(entry.key, Str) and entry.key.value == head for entry in mapping.entries
        ):
            return replace(call, args=(*call.args[:position], mapping, *call.args[position + 1 :]))
    return call
