"""An SDK tracking method bound with ``functools.partial`` and handed out by name, as a
dependency-injection provider does (Litestar's ``{"log_event": Provide(self.get_event_logger)}``,
whose getter returns ``partial(logger.send_event, self.service_name)``); the framework
fills each handler's parameter of that name, and the handler calls it::

    async def list_reports(project_id: str, log_event: Callable) -> list[Report]:
        log_event("list_reports", reports_count=len(reports))

The framework's contract is the proof: a call of a parameter of the provided name, in a
function of the project that declares the provider, is a call of the SDK method, its
event's position less the arguments the partial fixes (:func:`provided_sink`). A function
defined under the name is something else, and so is a parameter of that name where no
provider of the project gives it. Only a partial of a method of an SDK client the module
builds from an SDK it imports counts. The files naming ``partial`` are read, then those
calling a provided name (:func:`with_provided`, each pass of the engine).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from evdict.scanner import prefilter
from evdict.scanner.model import (
    RETURNED,
    Binding,
    Call,
    CallSite,
    Expr,
    Mapping,
    Ref,
    Starred,
    Str,
)
from evdict.scanner.presets import Signature, Slot
from evdict.scanner.resolve.local_objects import local_value
from evdict.scanner.resolve.project import Module
from evdict.scanner.sdk_presets import presets_for
from evdict.scanner.sinks import SignatureSink

if TYPE_CHECKING:
    from evdict.scanner.resolve.match import Recognizers

# A getter returning a partial is in a file naming it (it may call no SDK method itself).
PROVIDED_TRIGGER = prefilter.name_trigger("partial")


@dataclass(frozen=True)
class Provided:
    """A call of a parameter named ``key`` is a call of the SDK method ``via``, read
    through ``signature`` (the method's, past the arguments the partial binds)."""

    key: str
    signature: Signature
    via: str


@dataclass(frozen=True)
class _Provided:
    """The dependency ``key`` provides a partial of an SDK method (``via``) whose first
    ``fixed`` positional arguments are bound."""

    key: str
    signature: Signature
    fixed: int
    via: str


def with_provided(recognizers: Recognizers, modules: Iterable[Module]) -> Recognizers:
    """``recognizers`` reading the parameters provided in ``modules`` (the files naming
    :data:`PROVIDED_TRIGGER` among them), whose names are then triggers too."""
    provided = tuple(provided_calls(modules))
    if provided == recognizers.provided:
        return recognizers
    return replace(recognizers, provided=provided)


def provided_calls(modules: Iterable[Module]) -> list[Provided]:
    """The dependencies providing a partial of an SDK method, read as the SDK's
    signature with the positions the partial binds taken off; none when the partial binds
    the event itself or the signature reads positions the shift would move past."""
    found = []
    for provided in _provided(list(modules)):
        signature = provided.signature
        event = _shifted(signature.event, provided.fixed)
        properties = (
            _shifted(signature.properties, provided.fixed)
            if signature.properties is not None
            else None
        )
        if event is None or (signature.properties is not None and properties is None):
            continue
        if signature.when or signature.event_template or signature.url or signature.fields:
            continue
        shifted = replace(
            signature,
            event=event,
            properties=properties,
            min_positional=max(0, signature.min_positional - provided.fixed),
        )
        found.append(Provided(provided.key, shifted, provided.via))
    return found


def provided_sink(
    provided: tuple[Provided, ...], module: Module, site: CallSite
) -> SignatureSink | None:
    """The sink of a call of a parameter of a provided name (``log_event("x", n=1)`` in a
    handler taking ``log_event``); None for any other call."""
    callee = site.call.callee
    if not provided or len(callee) != 1:
        return None
    func = module.enclosing_function(site.scope)
    if func is None or callee[0] not in (*func.params, *func.kwonly):
        return None
    for entry in provided:
        if entry.key == callee[0]:
            label = f"parameter {entry.key} provided with a partial of {entry.via}"
            return SignatureSink("wrapper", entry.key, (entry.signature,), label)
    return None


def _provided(modules: list[Module]) -> Iterator[_Provided]:
    seen: set[str] = set()  # one line a name: the handlers are matched by it alone
    for module in modules:
        partials = dict(_partials(module))
        if not partials:
            continue
        for key, getter in _providers(module):
            if getter in partials and key not in seen:
                seen.add(key)
                signature, fixed, via = partials[getter]
                yield _Provided(key, signature, fixed, via)


def _partials(module: Module) -> Iterator[tuple[str, tuple[Signature, int, str]]]:
    """The functions of ``module`` returning ``partial(client.method, *fixed)`` where
    ``client`` is bound once to an SDK client (the name the function is known by)."""
    if not _imports_partial(module):
        return
    presets = [p for p in presets_for("python", None) if module.roots & set(p.roots)]
    for func in module.facts.functions:
        returned = module.names(func.qualname).get(RETURNED, [])
        only = returned[0] if len(returned) == 1 else None
        if not (isinstance(only, Binding) and _is_partial(only.value)):
            continue
        assert isinstance(only.value, Call)
        target, *fixed = only.value.args
        if not (isinstance(target, Ref) and len(target.path) == 2) or any(
            isinstance(arg, Starred) for arg in fixed
        ):
            continue
        head = Ref(target.path[:1], target.pos)
        client = local_value(module, func.qualname, head) or local_value(module, "", head)
        if not isinstance(client, Call):
            continue
        for preset in presets:
            signatures = preset.method(target.path[1])
            if client.callee[-1] in preset.clients and signatures:
                via = f"{preset.name} {client.callee[-1]}.{target.path[1]}"
                yield func.name, (signatures[0], len(fixed), via)
                break


def _imports_partial(module: Module) -> bool:
    return any(imported.module == "functools" for imported in module.facts.imports)


def _is_partial(value: Expr) -> bool:
    return (
        isinstance(value, Call)
        and bool(value.args)
        and value.callee in (("partial",), ("functools", "partial"))
    )


def _providers(module: Module) -> Iterator[tuple[str, str]]:
    """``"key": Provider(getter, ...)`` entries of the mappings ``module`` binds (at any
    depth of calls and mappings): the key and the getter's name."""
    for names in module.scopes.values():
        for definitions in names.values():
            for definition in definitions:
                if isinstance(definition, Binding):
                    yield from _entries(definition.value)


def _entries(value: Expr) -> Iterator[tuple[str, str]]:
    if isinstance(value, Mapping):
        for entry in value.entries:
            provider = entry.value
            if (
                isinstance(entry.key, Str)
                and isinstance(provider, Call)
                and provider.args
                and isinstance(getter := provider.args[0], Ref)
                and (len(getter.path) == 1 or getter.path[0] in ("self", "cls"))
            ):
                yield entry.key.value, getter.path[-1]
            yield from _entries(entry.value)
    elif isinstance(value, Call):
        for arg in (*value.args, *(keyword.value for keyword in value.keywords)):
            yield from _entries(arg)


def _shifted(slot: Slot, fixed: int) -> Slot | None:
    """The slot as the partial's callers write it: positions after the bound ones."""
    if slot.position is None:
        return slot
    position = slot.position - fixed
    if position < 0:
        return None  # the partial binds the event itself
    return Slot(position, slot.keyword)
