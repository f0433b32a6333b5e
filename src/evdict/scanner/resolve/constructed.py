"""What an attribute of an object built in the project holds, read from its construction:
``CheckpointRanEvent(checkpoint_id=i)`` whose ``__init__`` calls
``super().__init__(action=CHECKPOINT_RAN)``, a base ``@dataclass`` taking ``action``, and
``CHECKPOINT_RAN = Action("checkpoint.ran")`` of a ``@dataclass`` whose ``__repr__``
returns its ``name`` field: ``str(event.action)`` is ``checkpoint.ran``.
"""

from __future__ import annotations

from evdict.scanner.model import RETURNED, Binding, Call, Expr, Ref, Starred
from evdict.scanner.resolve.value_types import (
    Construction,
    Value,
    VClass,
    VFunc,
    VInstance,
    VStr,
    VUnknown,
)
from evdict.scanner.resolve.values import Evaluator

_MAX_SUPER = 8  # ``super().__init__`` calls followed up a hierarchy


def constructed_attribute(values: Evaluator, instance: VInstance, name: str) -> Value | None:
    """Attribute ``name`` of an instance built by ``instance.site``, when its construction
    sets it (an argument, an ``__init__`` of the class or a base setting it); None when
    that is not known here, or a method other than ``__init__`` sets it too."""
    if instance.site is None or not isinstance(instance.of, VClass):
        return None
    if _set_elsewhere(values, instance.of, name):
        return None
    return _attribute(values, instance.of, instance.site, name, 0)


def str_value(values: Evaluator, value: Value) -> Value:
    """``str(value)``: a string itself; an instance of a project class whose ``__str__``
    (else ``__repr__``) returns one of its attributes, that attribute."""
    if isinstance(value, VStr) or (isinstance(value, VUnknown) and value.pending):
        return value
    if isinstance(value, VInstance) and isinstance(value.of, VClass):
        for method in ("__str__", "__repr__"):
            found = values.class_attribute(value.of, method, True, set())
            if not isinstance(found, VFunc):
                continue
            module = values.modules[found.module]
            returned = module.names(found.qualname).get(RETURNED, [])
            self_name = module.functions[found.qualname].params[:1]
            if len(returned) == 1 and isinstance(returned[0], Binding):
                given = returned[0].value
                if isinstance(given, Ref) and len(given.path) == 2 and given.path[:1] == self_name:
                    return values.attribute(value, given.path[1])
            break
    return VUnknown("str() of a value not known here")


def _set_elsewhere(values: Evaluator, cls: VClass, name: str) -> bool:
    """A method other than ``__init__`` of the class or a base sets ``self.name``, or the
    name is a method, a property or a nested class there (no field)."""
    pending: list[Value] = [cls]
    seen: set[VClass] = set()
    while pending:
        current = pending.pop()
        if not isinstance(current, VClass) or current in seen:
            continue
        seen.add(current)
        module = values.modules.get(current.module)
        if module is None:
            continue
        for binding in module.names(current.qualname).get(name, []):
            if not isinstance(binding, Binding) or module.reading_scope(binding) not in (
                current.qualname,
                f"{current.qualname}.__init__",
            ):
                return True
        pending.extend(values.bases(current))
    return False


def _attribute(
    values: Evaluator, cls: VClass, site: Construction, name: str, depth: int
) -> Value | None:
    owner = values.binding_class(cls, "__init__", set())
    if owner is None:  # the generated ``__init__`` of a dataclass
        fields = generated_fields(values, cls, set())
        argument = _argument(site.call, fields or (), (), name) if fields else None
        if argument is None and name in fields and _defaulted(values, cls, site.call, fields):
            return _default(values, cls, name)  # left out: its default
        return _value(values, site, argument) if argument is not None else None
    module = values.modules[owner.module]
    init = module.functions.get(f"{owner.qualname}.__init__")
    if init is None:
        return None
    inside = Construction(module.name, init.qualname, site.call, site, init)
    set_here = [
        binding
        for binding in module.names(owner.qualname).get(name, [])
        if isinstance(binding, Binding) and module.reading_scope(binding) == init.qualname
    ]
    if set_here:
        return _value(values, inside, set_here[0].value) if len(set_here) == 1 else None
    if depth >= _MAX_SUPER:
        return None
    for call_site in module.facts.calls.get("__init__", ()):
        call = call_site.call
        if call_site.scope != init.qualname or call.callee != ("?", "__init__"):
            continue
        base = next((b for b in values.bases(owner) if isinstance(b, VClass)), None)
        if base is None:
            return None
        up = Construction(module.name, init.qualname, call, site, init)
        return _attribute(values, base, up, name, depth + 1)
    return None


def generated_fields(values: Evaluator, cls: VClass, seen: set[VClass]) -> tuple[str, ...]:
    """A dataclass's ``__init__`` parameters: its bases' fields, then its own."""
    module = values.modules.get(cls.module)
    if module is None or cls in seen:
        return ()
    seen.add(cls)
    own = module.classes[cls.qualname].init_fields
    inherited: tuple[str, ...] = ()
    for base in reversed(values.bases(cls)):
        if isinstance(base, VClass):
            inherited += generated_fields(values, base, seen)
    return (*dict.fromkeys((*inherited, *own)),) if own or inherited else ()


def _default(values: Evaluator, cls: VClass, name: str) -> Value | None:
    """The default of field ``name`` of ``cls``: a string, or a constant's value
    (``vendor: str = DEFAULT_VENDOR``) when it is a string."""
    default = values.field_default(cls, name, set())
    if default is not None:
        return VStr(default)
    module = values.modules[cls.module]
    path = dict(module.classes[cls.qualname].name_fields).get(name)
    if path is None or len(module.names(cls.qualname).get(name, [])) != 1:
        return None
    value = values.path_value(module, cls.qualname.rpartition(".")[0], path)
    return value if isinstance(value, VStr) else None


def _defaulted(values: Evaluator, cls: VClass, call: Call, fields: tuple[str, ...]) -> bool:
    """A field a call with positional arguments passes nothing for holds its default:
    the call passes no ``*args``/``**kwargs``, and its arguments fill the class's own
    fields (``IgluSchema("cli_event", "1-0-1")``); over inherited ones (a hierarchy with
    mixins) only keywords are read as sure. (A call with keywords alone: the defaults
    are read with the fields the scope sets afterwards, :meth:`Evaluator.attribute`.)"""
    if not call.args or call.spreads or any(isinstance(arg, Starred) for arg in call.args):
        return False
    return fields == values.modules[cls.module].classes[cls.qualname].init_fields


def _argument(
    call: Call, params: tuple[str, ...], kwonly: tuple[str, ...], name: str
) -> Expr | None:
    """The argument ``call`` passes for parameter ``name``."""
    for keyword in call.keywords:
        if keyword.name == name:
            return keyword.value
    if name in params and name not in kwonly:
        index = params.index(name)
        before = call.args[: index + 1]
        if len(call.args) > index and not any(isinstance(arg, Starred) for arg in before):
            return call.args[index]
    return None


def _value(values: Evaluator, site: Construction, expr: Expr) -> Value | None:
    """``expr`` as written in ``site``'s scope; a parameter of the ``__init__`` running
    there is the argument its construction passes (unknown when none)."""
    module = values.modules[site.module]
    func, within = site.func, site.within
    if (
        func is not None
        and within is not None
        and isinstance(expr, Ref)
        and len(expr.path) == 1
        and expr.path[0] in (*func.bound_params, *func.kwonly)
    ):
        passed = _argument(within.call, func.bound_params, func.kwonly, expr.path[0])
        return _value(values, within, passed) if passed is not None else None
    return values.expr_value(module, site.scope, expr)
