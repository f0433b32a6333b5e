"""What a dict of properties a call does not write inline is made of, as far as the code
shows it: what a reader lists when a call sends ``properties``, ``dict(merged)``,
``self.event_properties`` or ``get_model_properties(model)``.

- a local the function binds before the call: a dict, or a merge of itself built up by
  rebinding (``merged = {...}; merged = {**merged, **properties}``), with the keys it
  writes before the call (``props["k"] = v``, ``props.update(...)``); a write after the
  call, or a rebinding to anything else, is not read (the keys are then not listed);
- a call of a project function: the dicts its ``return`` statements give (each one's
  keys, a local built in it read as above);
- an attribute its class sets once (``self.event_properties = collect_specs()`` in
  ``__init__``) to a dict or such a call;
- a wrapper's parameter: the keys the wrapper writes into it before passing it on
  (:meth:`LocalDicts.written`).

A call spreading a local dict of keywords (``client.capture(name, **capture_kwargs)``)
is read with those keywords written in place (:func:`spelled_keywords`).

A write under ``if param:`` (``if param is not None:``) of a wrapper's parameter is
*guarded*: the wrapper adds that key only when its caller passes the parameter (aider's
``event(name, main_model=None, **kwargs)`` writes three model keys under ``if
main_model:``). Whatever is read stays partial: :class:`~evdict.scanner.resolve.events.EventReader`
marks such properties not complete.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from evdict.scanner.model import (
    RETURNED,
    Binding,
    Call,
    Entry,
    Expr,
    Item,
    Keyword,
    Mapping,
    Position,
    Ref,
    Starred,
    Str,
)
from evdict.scanner.resolve.local_objects import local_mapping
from evdict.scanner.resolve.project import Module
from evdict.scanner.resolve.reaching import local_bound
from evdict.scanner.resolve.value_types import VFunc
from evdict.scanner.resolve.values import Evaluator
from evdict.scanner.sinks import Arg

_MAX_DEPTH = 4
"""How many functions' returns a dict is followed through (a helper calling a helper)."""


@dataclass(frozen=True, slots=True)
class Part:
    """An expression a dict is made of, and the module and scope it is read in."""

    module: Module
    scope: str
    expr: Arg


@dataclass
class DictParts:
    """``parts``: what the dict holds in every run; ``guarded``: ``(param, part)``, what
    it holds when the function's caller passes ``param``."""

    parts: list[Part] = field(default_factory=list)
    guarded: list[tuple[str, Part]] = field(default_factory=list)


class LocalDicts:
    """Reads what a dict is made of through the ``values`` evaluator."""

    def __init__(self, values: Evaluator) -> None:
        self.values = values

    def parts(
        self, module: Module, scope: str, arg: Arg, params: frozenset[str] = frozenset()
    ) -> DictParts:
        """What ``arg`` (not a dict literal) is made of; ``params``: the parameters whose
        ``if`` guards make a write guarded (a wrapper's, during inference)."""
        found = DictParts()
        self._read(module, scope, arg, params, found, 0)
        return found

    def written(self, module: Module, scope: str, param: Ref, params: frozenset[str]) -> DictParts:
        """What a function writes into its parameter's dict before ``param``'s call."""
        found = DictParts()
        self._add_writes(module, scope, param, (0, 0, 0, 0), params, found)
        return found

    def _read(
        self,
        module: Module,
        scope: str,
        arg: Arg,
        params: frozenset[str],
        found: DictParts,
        depth: int,
    ) -> None:
        if module.facts.language != "python" and isinstance(arg, Item) and len(arg.base) == 1:
            # ``client.track({...payload})`` reading ``payload.properties``: the key's
            # value in the local object, read in turn (``properties: updatedProperties``)
            holder = local_mapping(module, scope, Ref(arg.base, arg.pos))
            value = holder.value_at(arg.key) if holder is not None else None
            if value is not None:
                found.parts.append(Part(module, scope, value))
            return
        if depth > _MAX_DEPTH or not isinstance(arg, (Ref, Call)):
            return
        if module.facts.language != "python":
            local = local_mapping(module, scope, arg)
            if local is not None:
                found.parts.append(Part(module, scope, local))
            return
        if isinstance(arg, Call):
            self._returned(module, scope, arg, found, depth)
            return
        bound = _bound_before(module, scope, arg)
        if bound:
            held = _held(arg, bound)
            for value in held:
                self._value(module, scope, value, found, depth)
            if held:
                self._add_writes(module, scope, arg, held[0].pos, params, found)
            return
        attribute = self._attribute(module, scope, arg)
        if attribute is not None:
            owner, value = attribute
            self._value(module, owner, value, found, depth)
            return
        constant = _module_constant(module, scope, arg)
        if constant is not None:  # ``SETTINGS = {"process_person_profile": True}``
            found.parts.append(Part(module, "", constant))

    def _add_writes(
        self,
        module: Module,
        scope: str,
        local: Ref,
        since: Position,
        params: frozenset[str],
        found: DictParts,
    ) -> None:
        for guard, written in _writes(module, scope, local, since):
            part = Part(module, scope, written)
            if guard is not None and guard in params:
                found.guarded.append((guard, part))
            else:
                found.parts.append(part)

    def _value(self, module: Module, scope: str, value: Expr, found: DictParts, depth: int) -> None:
        if isinstance(value, Mapping):
            found.parts.append(Part(module, scope, value))
        elif isinstance(value, Call):
            self._returned(module, scope, value, found, depth)

    def _returned(
        self, module: Module, scope: str, call: Call, found: DictParts, depth: int
    ) -> None:
        """The dicts a project function's ``return`` statements give."""
        if "?" in call.callee:
            return
        needed = set(self.values.needed)
        callee = self.values.expr_value(module, scope, Ref(call.callee, call.pos))
        if len(call.callee) > 1:
            # A method (``options.model_dump()``, a model's or a library's, mostly) is
            # read in the modules parsed already: not worth the engine another pass
            # parsing the one defining it; an imported function is (``collect_specs()``).
            self.values.needed &= needed
        if not isinstance(callee, VFunc):
            return
        defining = self.values.modules[callee.module]
        if callee.qualname not in defining.functions:
            return
        for returned in defining.names(callee.qualname).get(RETURNED, []):
            if not isinstance(returned, Binding):
                continue
            value = returned.value
            if isinstance(value, Ref) and len(value.path) == 1:
                # ``return specs``: the local as the function has built it by then
                ref = Ref(value.path, returned.pos)
                self._read(defining, callee.qualname, ref, frozenset(), found, depth + 1)
            else:
                self._value(defining, callee.qualname, value, found, depth + 1)

    def _attribute(self, module: Module, scope: str, arg: Ref) -> tuple[str, Expr] | None:
        """``self.name`` of a method: the class scope and the one value the class binds
        ``name`` to (in any of its methods), when it is one."""
        method = module.enclosing_method(scope)
        if (
            len(arg.path) != 2
            or method is None
            or method.kind != "method"
            or not method.params
            or arg.path[0] != method.params[0]
            or method.class_name is None
        ):
            return None
        bound = module.names(method.class_name).get(arg.path[1], [])
        if len(bound) != 1 or not isinstance(bound[0], Binding):
            return None
        return method.class_name, bound[0].value


def _writes(
    module: Module, scope: str, local: Ref, since: Position
) -> Iterator[tuple[str | None, Expr]]:
    """``local["key"] = value`` (the front end records it as an update) and
    ``local.update(...)`` in the function, after the dict is made (``since``) and before
    the call, each with the name an ``if`` around it tests (a parameter: a guarded key)."""
    for site in module.facts.calls.get("update", ()):
        call = site.call
        if site.scope != scope or call.callee != (*local.path, "update"):
            continue
        if not since < call.pos < local.pos:
            continue  # written after the call, or into a dict bound before
        for arg in call.args:
            if not isinstance(arg, Starred):
                yield site.guard, arg
        entries = tuple(Entry(Str(kw.name, kw.pos), kw.value) for kw in call.keywords)
        yield site.guard, Mapping(entries, call.spreads, call.pos)


def spelled_keywords(module: Module, scope: str, call: Call) -> Call:
    """``client.capture(name, **capture_kwargs)`` with ``capture_kwargs = {"distinct_id":
    ..., "properties": properties}`` bound in the function (mem0's shape): the keywords
    the local dict holds written in place, when its keys are all known; ``call`` as it
    is otherwise."""
    if module.facts.language != "python" or not call.spreads:
        return call
    keywords = list(call.keywords)
    spreads: list[Expr] = []
    for spread in call.spreads:
        known = _keywords(module, scope, spread)
        if known is None:
            spreads.append(spread)
        else:
            keywords.extend(known)
    if len(spreads) == len(call.spreads):
        return call
    return replace(call, keywords=tuple(keywords), spreads=tuple(spreads))


def _keywords(module: Module, scope: str, spread: Expr) -> list[Keyword] | None:
    """The keywords a local dict spread with ``**`` holds, when all its keys are strings."""
    if not isinstance(spread, Ref) or len(spread.path) != 1:
        return None
    bound = _bound_before(module, scope, spread)
    held = _held(spread, bound) if bound else []
    if len(held) != 1 or not isinstance(held[0], Mapping):
        return None
    mappings = [held[0], *(written for _, written in _writes(module, scope, spread, held[0].pos))]
    keywords: list[Keyword] = []
    for mapping in mappings:
        if not isinstance(mapping, Mapping) or mapping.spreads:
            return None
        for entry in mapping.entries:
            if not isinstance(entry.key, Str):
                return None
            keywords.append(Keyword(entry.key.value, entry.value, entry.key.pos))
    return keywords


def _module_constant(module: Module, scope: str, name: Ref) -> Mapping | None:
    """The dict literal a name of the module is bound to, once, when no function around
    ``scope`` binds or takes that name."""
    if len(name.path) != 1:
        return None
    parts = scope.split(".") if scope else []
    for end in range(len(parts), 0, -1):
        if name.path[0] in module.names(".".join(parts[:end])):
            return None
        func = module.functions.get(".".join(parts[:end]))
        taken = (*func.params, *func.kwonly, func.vararg, func.kwarg) if func else ()
        if name.path[0] in taken:
            return None
    bound = module.names("").get(name.path[0], [])
    if len(bound) != 1 or not isinstance(bound[0], Binding):
        return None
    value = bound[0].value
    return value if isinstance(value, Mapping) else None


def _bound_before(module: Module, scope: str, local: Ref) -> list[Binding]:
    """The bindings of a local of the function written before ``local``, in order."""
    bound = local_bound(module, scope, local)
    before = [b for b in bound if isinstance(b, Binding) and b.pos < local.pos]
    return sorted(before, key=lambda binding: binding.pos)


def _held(arg: Ref, bound: list[Binding]) -> list[Expr]:
    """What a local holds at ``arg`` (``bound``: its bindings before, in order): the
    latest binding that is not a merge of itself, and the merges after it (``merged =
    {**merged, **other}``, each spread of itself left out); none when that binding may
    not run before ``arg`` while an earlier one exists (it is in a branch or a loop
    ``arg`` is not in)."""
    merges: list[Expr] = []
    for index in range(len(bound) - 1, 0, -1):
        value = bound[index].value
        if not isinstance(value, Mapping) or arg.path not in _spread_paths(value):
            base = bound[index]
            if not base.pos[0] <= arg.pos[0] <= base.block_end:
                return []
            return [base.value, *merges]
        spreads = tuple(s for s in value.spreads if not (isinstance(s, Ref) and s.path == arg.path))
        merges.insert(0, Mapping(value.entries, spreads, value.pos))
    return [bound[0].value, *merges]


def _spread_paths(mapping: Mapping) -> set[tuple[str, ...]]:
    return {spread.path for spread in mapping.spreads if isinstance(spread, Ref)}
