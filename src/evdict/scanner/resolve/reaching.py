"""What a local name of a function holds where a line reads it, when it is written more
than once: the front ends record, with each write of a local, the last line of the list of
statements it is in (``block_end``), so a read below it in that list comes after it, and
a write after the read, or in a branch or loop the read is not in, is seen as such.

``let flowData = this.flow ?? {...}; flowData = {...flowData, flow: "x"}; send(flowData)``
reads the second object, whose ``flowData`` is the first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from evdict.scanner.model import Binding, Choice, Expr, Literal, Ref
from evdict.scanner.resolve.project import Definition, Module
from evdict.scanner.sinks import Arg

if TYPE_CHECKING:
    from evdict.scanner.resolve.value_types import Value
    from evdict.scanner.resolve.values import Evaluator


def local_bound(module: Module, scope: str, arg: Arg) -> list[Definition]:
    """What a local name of the function (not a parameter) is bound to; none for any
    other argument. A JS callback at a module's top level (``export const action =
    client.action(async () => {...})``) binds its locals in the module's scope."""
    func = module.functions.get(scope)
    top_level = not scope and module.facts.language != "python"
    if not (func is not None or top_level) or not (isinstance(arg, Ref) and len(arg.path) == 1):
        return []
    name = arg.path[0]
    if func is not None and name in (*func.params, *func.kwonly, func.vararg, func.kwarg):
        return []
    return module.names(scope).get(name, [])


def reaching_value(module: Module, scope: str, arg: Arg) -> Expr | None:
    """What a local bound more than once may hold where ``arg`` reads it: the
    latest binding before it in a statement list that also holds ``arg`` (it has run),
    and every later one in a branch or loop ``arg`` is not in (it may have run instead):
    a :class:`Choice` when more than one (``if found: name = A`` / ``else: name = B``),
    less a ``None`` placeholder (no event is named None). The binding ``arg`` is read in
    (``name = name or "x"``) holds its earlier value. None for one binding or none, a
    binding whose block is not known, and a name bound again after ``arg`` (in a
    loop that binding may reach ``arg`` too)."""
    if not isinstance(arg, Ref):
        return None
    everywhere = local_bound(module, scope, arg)
    bound = [b for b in everywhere if not _holds(b, arg)]
    if len(everywhere) < 2 or not bound:  # bound once: as the evaluator reads it
        return None
    if not all(isinstance(b, Binding) and b.pos[0] < arg.pos[0] for b in bound):
        return None
    before = sorted((b for b in bound if isinstance(b, Binding)), key=_at)
    options: list[Expr] = []
    for binding in reversed(before):
        if not binding.block_end:
            return None
        options.insert(0, binding.value)
        if binding.pos[0] <= arg.pos[0] <= binding.block_end:
            break
    named = [o for o in options if not (isinstance(o, Literal) and o.value is None)] or options
    return named[0] if len(named) == 1 else Choice(tuple(named), arg.pos)


def _holds(binding: Definition, arg: Ref) -> bool:
    """Whether ``arg`` is read in the value ``binding`` assigns."""
    if not isinstance(binding, Binding):
        return False
    start, end = binding.value.pos, arg.pos
    return start[:2] <= end[:2] and end[2:] <= start[2:]


def _at(binding: Binding) -> tuple[int, ...]:
    return tuple(binding.pos)


def reached_value(values: Evaluator, module: Module, scope: str, ref: Ref) -> Value | None:
    """A JS/TS local written more than once, where ``ref`` reads it: the value of the one
    write that reaches it (:func:`reaching_value`), and ``ref``'s attributes of it; None
    when the name is not such a local or more than one write may reach ``ref``."""
    if module.facts.language == "python":
        return None
    reached = reaching_value(module, scope, Ref(ref.path[:1], ref.pos))
    if reached is None or isinstance(reached, Choice):
        return None
    value = values.expr_value(module, scope, reached)
    for name in ref.path[1:]:
        value = values.attribute(value, name)
    return value
