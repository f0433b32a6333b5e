"""An SDK tracking method bound with ``functools.partial`` and handed out by name, as a
dependency-injection provider does (Litestar's ``{"log_event": Provide(self.get_event_logger)}``,
whose getter returns ``partial(logger.send_event, self.service_name)``); the framework
fills each handler's parameter of that name, and the handler calls it::

    async def list_reports(project_id: str, log_event: Callable) -> list[Report]:
        log_event("list_reports", reports_count=len(reports))

Which handlers receive the dependency is decided when the application is assembled, so
these calls are never findings: ``--suggest-config`` offers the ``wrappers:`` line that
reads them, the event's position less the arguments the partial fixes
(``{callee: log_event, event: "0|action", properties: "**"}``). Only calls of a parameter
of that name count (a function defined under the name is something else), and only a
partial of a method of an SDK client the module builds from an SDK it imports. Handlers
are matched by the parameter's name, so the files naming ``partial``, then it, are parsed
first (the engine asks :func:`provided_names`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from evdict.scanner.model import (
    RETURNED,
    Binding,
    Call,
    Expr,
    Mapping,
    Ref,
    Starred,
    Str,
    Suggestion,
)
from evdict.scanner.presets import Signature, Slot
from evdict.scanner.resolve.local_objects import local_value
from evdict.scanner.resolve.project import Module
from evdict.scanner.sdk_presets import presets_for

_SAMPLES = 3


@dataclass(frozen=True)
class _Provided:
    """The dependency ``key`` provides a partial of an SDK method (``via``) whose first
    ``fixed`` positional arguments are bound."""

    key: str
    signature: Signature
    fixed: int
    via: str


def provided_names(modules: Iterable[Module]) -> set[str]:
    """What the files to read name: ``partial`` (a getter's module may call no SDK
    method, so it is not parsed yet), then the dependency names providing a partial of
    an SDK method."""
    return {"partial", *(provided.key for provided in _provided(list(modules)))}


def provided_suggestions(modules: Iterable[Module]) -> list[Suggestion]:
    """The ``wrappers:`` line of each such dependency whose calls pass a literal name."""
    found = list(modules)
    suggestions = []
    for provided in _provided(found):
        event = _shifted(provided.signature.event, provided.fixed)
        if event is None:
            continue
        sites = sorted(
            (module.path, call.pos[0], arg.value)
            for module, call, arg in _calls(found, provided.key, event)
            if isinstance(arg, Str)
        )
        if not sites:
            continue
        suggestions.append(
            Suggestion(
                callee=provided.key,
                language="python",
                event=_spec(event),
                properties=_properties(provided),
                calls=len(sites),
                sites=tuple(f"{path}:{line}" for path, line, _ in sites[:_SAMPLES]),
                events=tuple(sorted({name for *_, name in sites})[:_SAMPLES]),
                evidence=f"a parameter filled with a partial of {provided.via} by name",
            )
        )
    return suggestions


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


def _spec(slot: Slot) -> str:
    if slot.position is None:
        return str(slot.keyword)
    return f"{slot.position}|{slot.keyword}" if slot.keyword else str(slot.position)


def _properties(provided: _Provided) -> str | None:
    if provided.signature.kwargs_properties:
        return "**"
    slot = provided.signature.properties
    shifted = _shifted(slot, provided.fixed) if slot is not None else None
    return _spec(shifted) if shifted is not None else None


def _calls(modules: list[Module], key: str, event: Slot) -> Iterator[tuple[Module, Call, Expr]]:
    """The calls of a parameter named ``key`` and the argument each passes as the event."""
    for module in modules:
        for site in module.facts.calls.get(key, ()):
            func = module.enclosing_function(site.scope)
            call = site.call
            if call.callee != (key,) or func is None or key not in (*func.params, *func.kwonly):
                continue
            keyword = [k.value for k in call.keywords if k.name == event.keyword]
            before = call.args[: (event.position or 0) + 1]
            if keyword:
                yield module, call, keyword[0]
            elif (
                event.position is not None
                and event.position < len(call.args)
                and not any(isinstance(arg, Starred) for arg in before)
            ):
                yield module, call, call.args[event.position]
