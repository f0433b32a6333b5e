"""What the names and expressions of the project's modules evaluate to: imports,
attributes, classes, enum members (``Events.X``, ``.value``, ``.name``), constants and
dict registries, each as a :data:`~evdict.scanner.resolve.value_types.Value`. Memoised,
and guarded against cycles and depth."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Protocol

from evdict.scanner.model import (
    RETURNED,
    Binding,
    Call,
    Choice,
    ClassDef,
    Concat,
    Entry,
    Expr,
    FString,
    FunctionDef,
    Import,
    Item,
    Literal,
    Lookup,
    Mapping,
    Other,
    Ref,
    Str,
)
from evdict.scanner.resolve.bridged import GLOBAL_OBJECTS, Bridged
from evdict.scanner.resolve.commonjs import exported_class
from evdict.scanner.resolve.contexts import Contexts
from evdict.scanner.resolve.keyed_values import keyed_value, no_key
from evdict.scanner.resolve.project import Module, Project, meaningful
from evdict.scanner.resolve.value_types import (
    CIRCULAR,
    Construction,
    Value,
    VClass,
    VDict,
    VEnumMember,
    VExternal,
    VFunc,
    VInstance,
    VLit,
    VMember,
    VModule,
    VStr,
    VUnknown,
)

_ENUM_BASES = frozenset({"Enum", "StrEnum", "IntEnum", "Flag", "IntFlag"})
_MAX_DEPTH = 24


class Implied(Protocol):
    """What a value the code does not give is, by its name or declared type
    (:mod:`~evdict.scanner.resolve.implied`)."""

    def instance(self, name: str, read: str) -> Value | None:
        """The instance an unknown parameter or attribute ``name`` holds (``read``: the
        attribute read on it), or None."""

    def implementation(self, cls: VClass) -> VClass:
        """A class a declared type stands for: a Protocol's or ABC's only implementation."""

    def compound(self, module: Module, scope: str, expr: Choice | Other) -> Value:
        """A choice's one instance, or an item of a loop's ``for p in providers():``."""

    def returned(self, module: Module, func: FunctionDef, given: Value, call: Call | None) -> Value:
        """What ``call`` of a function gives by its return annotation (``-> Posthog``), or
        the function it loads by name, when its ``return`` statements give no instance
        (``given``: nothing known, a value from outside the project, None)."""

    def instance_of_argument(
        self, module: Module, scope: str, func: FunctionDef, bound: bool, call: Call
    ) -> Value:
        """What ``def instance(self, type: Type[T]) -> T`` returns: the class given."""

    def property_value(self, instance: VInstance | VClass, found: VFunc) -> Value | None:
        """What property ``found`` gives on ``instance``; None for no property."""

    def constructed(self, instance: VInstance, name: str) -> Value | None:
        """Attribute ``name`` as the instance's construction sets it, or None."""

    def str_of(self, value: Value) -> Value:
        """``str(value)``."""


class Evaluator:
    """Evaluate names and expressions of the ``project``'s parsed modules; ``implied``
    (when set) reads instances from names and declared types."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.modules = project.modules
        # Project modules an evaluation needed but were not parsed (imported constants),
        # and each time one was: a memoized value gives its modules again, so what is
        # needed does not hang on which reading came first (local_dicts drops a method's).
        self.needed: set[str] = set()
        self._needed_log: list[str] = []
        self._memo: dict[tuple[str, str, str], tuple[Value, frozenset[str]]] = {}
        self._active: set[tuple[str, str, str]] = set()
        self._depth = 0
        self.implied: Implied | None = None
        self.contexts = Contexts(project)
        self.bridged = Bridged(project)

    def need(self, modules: Iterable[str]) -> None:
        """Note project modules an evaluation needs that are not parsed."""
        for module in modules:
            self.needed.add(module)
            self._needed_log.append(module)

    # --- modules and imports ---------------------------------------------------------------

    def module_value(self, name: str, importer: str) -> Value:
        project = self.project.project_module(name, importer)
        return VModule(project) if project else VExternal(name)

    def import_value(self, module: Module, imported: Import) -> Value:
        target = self.project.import_target(module, imported)
        if target is None:
            return VUnknown("relative import outside the project")
        if self.project.package_import(module, imported):
            return VExternal(target if imported.name is None else f"{target}.{imported.name}")
        if imported.name is None:
            return self.module_value(target, module.name)
        # A JS/TS import of a file names its exports, never a module beside it.
        submodule = (
            None
            if self.project.located(module, imported)
            else self.project.project_module(f"{target}.{imported.name}", module.name)
        )
        if submodule is not None:
            return VModule(submodule)
        project = self.project.project_module(target, module.name)
        if project is None:
            return VExternal(f"{target}.{imported.name}")
        return self.attribute(VModule(project), imported.name)

    # --- values -------------------------------------------------------------------------------

    def lookup(self, module: Module, scope: str, name: str) -> Value:
        for current in module.scope_chain(scope):
            func = module.functions.get(current)
            if func is not None and name in (*func.params, *func.kwonly, func.vararg, func.kwarg):
                return self.parameter_value(module, func, name)
            candidates = module.names(current).get(name)
            if candidates:
                return self.candidates_value(module, current, name, candidates)
        return self.star_value(module, name) or VUnknown(
            f"'{name}' is not defined here", undefined=True
        )

    def star_value(self, module: Module, name: str) -> Value | None:
        """A name a module's ``*`` imports give (``export * from``, ``from m import *``):
        a project module's first, then an SDK's."""
        stars = module.names("").get("*")
        if not stars:
            return None
        given = self.project.star_names(module)
        if given is not None and name not in given[0]:
            self.need(given[1])
            return None
        key = (module.name, "*", name)
        if key in self._active:
            return None
        self._active.add(key)
        try:
            external: Value | None = None
            for imported in stars:
                if isinstance(imported, Import):
                    value = self.import_value(module, replace(imported, local=name, name=name))
                    if isinstance(value, VExternal):
                        external = external or value
                    elif not isinstance(value, VUnknown):
                        return value
            return external
        finally:
            self._active.discard(key)

    def default_member(self, module: Module, name: str) -> Value | None:
        """A name a CommonJS module gives as a member of what it exports whole
        (``module.exports = {track() {...}}``, its ``default``): ``require("./m").track``."""
        defaults = module.names("").get("default") if not self.project.submodules else None
        key = (module.name, "default.", name)
        if not defaults or key in self._active:
            return None
        self._active.add(key)
        try:
            exported = self.candidates_value(module, "", "default", defaults)
            if not isinstance(exported, (VClass, VInstance, VModule)):
                return None
            found = self.attribute(exported, name)
        finally:
            self._active.discard(key)
        return None if isinstance(found, VUnknown) and found.undefined else found

    def parameter_value(self, module: Module, func: FunctionDef, name: str) -> Value:
        """A parameter is unknown, unless its annotation names a class (``client: Mixpanel``)."""
        annotation = dict(func.annotations).get(name)
        if annotation:
            scope = func.qualname.rpartition(".")[0]
            declared = self.path_value(module, scope, annotation)
            if isinstance(declared, VClass) and self.implied is not None:
                declared = self.implied.implementation(declared)
            if isinstance(declared, (VClass, VExternal)):
                return VInstance(declared)
        return VUnknown(f"parameter '{name}'", name=name)

    def candidates_value(
        self,
        module: Module,
        scope: str,
        name: str,
        candidates: Sequence[Binding | Import | FunctionDef | ClassDef],
    ) -> Value:
        key = (module.name, scope, name)
        memo = self._memo.get(key)
        if memo is not None:
            self.need(memo[1])
            return memo[0]
        if key in self._active:
            return CIRCULAR
        needs = len(self._needed_log)
        self._active.add(key)
        try:
            values = [self.candidate_value(module, scope, c) for c in meaningful(candidates)]
        finally:
            self._active.discard(key)
        first = values[0]
        result = (
            first
            if all(value == first for value in values)
            else VUnknown(f"'{name}' is assigned more than once")
        )
        if isinstance(result, VStr) and len(values) > 1:  # the same string in several places
            origins = (o for value in values if isinstance(value, VStr) for o in value.origins)
            result = VStr(result.value, tuple(dict.fromkeys(origins)))
        self._memo[key] = (result, frozenset(self._needed_log[needs:]))
        return result

    def candidate_value(
        self, module: Module, scope: str, candidate: Binding | Import | FunctionDef | ClassDef
    ) -> Value:
        if isinstance(candidate, Import):
            return self.import_value(module, candidate)
        if isinstance(candidate, FunctionDef):
            return VFunc(module.name, candidate.qualname, False)
        if isinstance(candidate, ClassDef):
            return VClass(module.name, candidate.qualname)
        binding_scope = scope
        if candidate.scope in module.classes or not candidate.scope:
            # ``self.attr = value`` is evaluated in its method, class bodies in the class;
            # a ``global`` name assigned in a function, in that function.
            binding_scope = module.reading_scope(candidate)
        if (
            binding_scope == candidate.scope
            and isinstance(candidate.value, Ref)
            and candidate.value.path == (candidate.target,)
        ):  # ``{ track }`` in an object of helpers (``x = x`` in a class body): the name outside
            binding_scope = candidate.scope.rpartition(".")[0]
        return self.expr_value(module, binding_scope, candidate.value)

    def expr_value(self, module: Module, scope: str, expr: Expr) -> Value:
        if self._depth > _MAX_DEPTH:
            return VUnknown("too deep")
        self._depth += 1
        try:
            return self._expr_value(module, scope, expr)
        finally:
            self._depth -= 1

    def _expr_value(self, module: Module, scope: str, expr: Expr) -> Value:
        if isinstance(expr, Str):
            return VStr(expr.value, ((module.path, expr.pos),))
        if isinstance(expr, Literal):
            return VLit(expr.value)
        if isinstance(expr, Mapping) and (not expr.spreads or module.facts.language != "python"):
            return VDict(module.name, scope, expr)  # JS: its spreads read by :meth:`item`
        if isinstance(expr, Item):
            value = self.expr_value(module, scope, Ref(expr.base, expr.pos))
            # JS: ``data.event`` of a destructured ``data`` is the key ``data.event``
            dotted = module.facts.language != "python"
            for key in expr.key.split(".") if dotted else (expr.key,):
                value = self.item(value, key)
            return value
        if (keyed := keyed_value(self, module, scope, expr)) is not None:
            return keyed  # ``Step[step].toLowerCase()``, a JS local's write reaching a read
        if isinstance(expr, Ref):
            return self.path_value(module, scope, expr.path)
        if isinstance(expr, Call):
            callee = (
                exported_class(self, self.path_value(module, scope, expr.callee))
                if "?" not in expr.callee
                else VUnknown("call")
            )
            if isinstance(callee, VClass):
                # An abstract class is never built: a construction is of its only implementation.
                built = self.implied.implementation(callee) if self.implied else callee
                keywords = frozenset(keyword.name for keyword in expr.keywords)
                positional = expr.args or expr.spreads
                site = Construction(module.name, scope, expr) if built == callee else None
                return VInstance(built, None if positional else keywords, built == callee, site)
            if isinstance(callee, VExternal):
                provider = self.contexts.provider(module, callee.qualname, expr)
                if provider is None:
                    return VInstance(callee)
                callee = VFunc(*provider, False)  # ``useContext(C)``: C's provider's value
            if isinstance(callee, VFunc):  # ``track = useTrack()``: the function it returns
                return self.called(module, scope, callee, expr)
            return VUnknown("the result of a call")
        if isinstance(expr, (Choice, Other)) and self.implied is not None:
            return self.implied.compound(module, scope, expr)
        if isinstance(expr, (Concat, FString)) and expr.parts:
            text, whole = self.fold(module, scope, expr.parts)
            return VStr(text) if whole else VUnknown("built from values not known here")
        kind = expr.kind if isinstance(expr, Other) else type(expr).__name__.lower()
        return VUnknown(f"a {'subscript' if isinstance(expr, Lookup) else kind} expression")

    def called(self, module: Module, scope: str, callee: VFunc, expr: Call) -> Value:
        """What a call of a project function gives."""
        defining = self.modules[callee.module]
        returned = f"{callee.qualname}.{RETURNED}"
        if returned in defining.functions:
            return VFunc(callee.module, returned, False)
        func = defining.functions[callee.qualname]
        if (func.returns_instance_of or func.returns_argument) and self.implied:
            # ``system.instance(Client)``, ``Command.create({...})``
            return self.implied.instance_of_argument(module, scope, func, callee.bound, expr)
        values = defining.names(callee.qualname).get(RETURNED)
        given = (  # ``client = _get_client()``: what its ``return`` statements give
            self.candidates_value(defining, callee.qualname, RETURNED, values)
            if values
            else VUnknown("the result of a call")
        )
        if self.implied is not None and (
            isinstance(given, (VUnknown, VExternal)) or given == VLit(None)
        ):  # ``return settings.POSTHOG_CLIENT``: no instance, the annotation may say
            given = self.implied.returned(defining, func, given, expr)
        return given

    def path_value(self, module: Module, scope: str, path: tuple[str, ...]) -> Value:
        head = path[0]
        value: Value
        method = module.enclosing_method(scope)
        if (
            method is not None
            and method.params
            and head == method.params[0]
            and method.kind != "staticmethod"
        ):
            owner = VClass(module.name, method.class_name or "")
            value = owner if method.kind == "classmethod" else VInstance(owner)
        else:
            value = self.lookup(module, scope, head)
            if isinstance(value, VInstance) and value.given is not None and len(path) > 1:
                # fields the scope sets on it (``event.event_name = ...``) are not defaults
                prefix = f"{head}."
                assigned = {t[len(prefix) :] for t in module.names(scope) if t.startswith(prefix)}
                value = replace(value, given=value.given | assigned)
        rest = path[1:]
        if (
            rest
            and head in GLOBAL_OBJECTS
            and isinstance(value, VUnknown)
            and value.undefined
            and module.facts.language != "python"
        ):
            exposed = self.bridged.value(self, rest[0])  # ``window.main`` a preload exposes
            if exposed is not None:
                value, rest = exposed, rest[1:]
        for name in rest:
            value = self.attribute(value, name)
        return value

    def item(self, value: Value, key: str) -> Value:
        """``value[key]`` with a constant key: an entry of a dict literal (in JS also a
        member of an object literal read as a namespace)."""
        if isinstance(value, VClass) and self.modules[value.module].facts.language != "python":
            return self.attribute(value, key)
        if not isinstance(value, VDict):
            return VUnknown("a subscript expression")
        module = self.modules[value.module]
        found: Entry | None = None
        for entry in value.mapping.entries:
            written = self.expr_value(module, value.scope, entry.key)
            if isinstance(written, VStr) and written.value == key:
                found = entry
        # ``{...flow, kind: "gateway"}``: a key the object writes after its last spread is
        # its own; else the last spread setting it (``{kind, ...flow}``: ``flow``'s) wins.
        after = [s for s in value.mapping.spreads if found is None or s.pos > found.key.pos]
        for spread in reversed(after):
            inner = self.expr_value(module, value.scope, spread)
            if not isinstance(inner, VDict):
                return VUnknown(f"key '{key}' of a spread object")
            sets = self.item(inner, key)
            if sets != no_key(key):
                return sets
        if found is not None:
            return self.expr_value(module, value.scope, found.value)
        return no_key(key)

    def item_values(self, value: Value, keys: re.Pattern[str] | None = None) -> list[Value] | None:
        """``value[key]`` with a key known only at run time: the value of each entry of a
        dict literal (or a JS object literal read as a class of constants), one of which it
        reads; None when ``value`` is neither. ``keys``: only the entries whose key it
        matches whole (a key built by a template), and those whose key is not known."""

        def kept(key: str | None) -> bool:
            return keys is None or key is None or keys.fullmatch(key) is not None

        if isinstance(value, VClass):
            found = self.modules.get(value.module)
            definition = found.classes.get(value.qualname) if found else None
            if found is None or definition is None or not definition.literal:
                return None
            members = found.names(value.qualname).items()
            return [
                self.candidates_value(found, value.qualname, key, c)
                for key, c in members
                if kept(key)
            ]
        if not isinstance(value, VDict):
            return None
        module = self.modules[value.module]
        return [
            self.expr_value(module, value.scope, entry.value)
            for entry in value.mapping.entries
            if kept(entry.key.value if isinstance(entry.key, Str) else None)
        ]

    def attribute(self, value: Value, name: str) -> Value:
        if name == "__str__":  # ``str(event.action)`` (the Python front end's reading)
            return self.implied.str_of(value) if self.implied else VUnknown("str()")
        if isinstance(value, VInstance) and value.site is not None and self.implied:
            made = self.implied.constructed(value, name)
            if made is not None:
                return made
        if isinstance(value, VModule):
            submodule = f"{value.name}.{name}"
            if self.project.submodules and submodule in self.project.known:
                return VModule(submodule)
            module = self.modules.get(value.name)
            if module is None:
                self.need((value.name,))
                return VUnknown(f"module {value.name} is not scanned", pending=True)
            candidates = module.names("").get(name)
            if not candidates:
                return (
                    self.star_value(module, name)
                    or self.default_member(module, name)
                    or VUnknown(f"{value.name} defines no '{name}'", undefined=True)
                )
            return self.candidates_value(module, "", name, candidates)
        if isinstance(value, VExternal):
            return VExternal(f"{value.qualname}.{name}")
        if isinstance(value, VInstance) and isinstance(value.of, VExternal):
            return VMember(value.of, name)
        if isinstance(value, (VClass, VInstance)):
            cls = value if isinstance(value, VClass) else value.of
            assert isinstance(cls, VClass)
            if isinstance(value, VInstance) and value.given is not None and name not in value.given:
                default = self.field_default(cls, name, set())
                if default is not None:
                    return VStr(default)
            found = self.class_attribute(cls, name, isinstance(value, VInstance), set())
            if isinstance(found, VFunc) and self.implied:  # a getter, static too: its value
                return self.implied.property_value(value, found) or found
            if isinstance(found, VUnknown) and found.undefined:  # set from outside the class
                return VUnknown(found.reason, True, f".{name}")
            return found
        if isinstance(value, VEnumMember) and name in ("value", "name"):
            return value.value if name == "value" else VStr(value.name)
        if isinstance(value, VDict) and self.modules[value.module].facts.language != "python":
            return self.item(value, name)  # ``EVENTS.TASK.CREATED`` of a JS object: its key
        if isinstance(value, VUnknown):  # an attribute of something unknown: the same reason
            implied = (
                self.implied.instance(value.name, name) if value.name and self.implied else None
            )
            return (
                self.attribute(implied, name)
                if implied
                else VUnknown(value.reason, name=f".{name}")
            )
        return VUnknown(f"attribute '{name}' of a {type(value).__name__[1:].lower()}")

    def class_attribute(self, cls: VClass, name: str, instance: bool, seen: set[VClass]) -> Value:
        if cls in seen:
            return VUnknown("circular class hierarchy")
        seen.add(cls)
        module = self.modules.get(cls.module)
        if module is None:
            return VUnknown("class not scanned")
        for candidate in module.names(cls.qualname).get(name, []):
            if isinstance(candidate, FunctionDef):
                bound = (
                    instance and candidate.kind != "staticmethod"
                ) or candidate.kind == "classmethod"
                return VFunc(module.name, candidate.qualname, bound)
        candidates = module.names(cls.qualname).get(name)
        if candidates:
            value = self.candidates_value(module, cls.qualname, name, candidates)
            if _is_enum(self, cls) and not name.startswith("_"):
                return VEnumMember(name, _enum_value(self, cls, name, candidates, value))
            return value
        for base in self.bases(cls):
            if isinstance(base, VClass):
                found = self.class_attribute(base, name, instance, seen)
                if not (isinstance(found, VUnknown) and found.undefined):
                    return found
            elif isinstance(base, VExternal) and base.qualname.rpartition(".")[
                2
            ] not in _ENUM_BASES | {"object"}:
                return VMember(base, name) if instance else VExternal(f"{base.qualname}.{name}")
        return VUnknown(f"attribute '{name}'", undefined=True)

    def field_default(self, cls: VClass, name: str, seen: set[VClass]) -> str | None:
        """The string default of field ``name`` of ``cls`` or the first base that binds
        the name, when that field is all that binds it there (no method sets ``self.name``)."""
        found = self.binding_class(cls, name, seen)
        if found is None:
            return None
        module = self.modules[found.module]
        if len(module.names(found.qualname)[name]) != 1:
            return None
        return dict(module.classes[found.qualname].str_fields).get(name)

    def binding_class(self, cls: VClass, name: str, seen: set[VClass]) -> VClass | None:
        module = self.modules.get(cls.module)
        if cls in seen or module is None:
            return None
        seen.add(cls)
        if name in module.names(cls.qualname):
            return cls
        for base in self.bases(cls):
            found = self.binding_class(base, name, seen) if isinstance(base, VClass) else None
            if found is not None:
                return found
        return None

    def bases(self, cls: VClass) -> list[Value]:
        module = self.modules[cls.module]
        definition = module.classes[cls.qualname]
        scope = cls.qualname.rpartition(".")[0]
        return [
            self.path_value(module, scope, base) for base in definition.bases if "?" not in base
        ]

    def fold(self, module: Module, scope: str, parts: tuple[Expr, ...]) -> tuple[str, bool]:
        """The text of ``parts`` joined up to the first one whose value is not a known
        string, and whether that is all of them (``f"{PREFIX}_signup"`` with a constant)."""
        text = ""
        for part in parts:
            value = self.expr_value(module, scope, part)
            if not isinstance(value, VStr):
                return text, False
            text += value.value
        return text, True


def _is_enum(values: Evaluator, cls: VClass, seen: frozenset[VClass] = frozenset()) -> bool:
    """Whether ``cls`` is an ``Enum`` (its members are :class:`VEnumMember`\\ s)."""
    if cls in seen or cls.module not in values.modules:
        return False
    for base in values.bases(cls):
        if isinstance(base, VExternal) and base.qualname.rpartition(".")[2] in _ENUM_BASES:
            return True
        if isinstance(base, VUnknown):
            continue
        if isinstance(base, VClass) and _is_enum(values, base, seen | {cls}):
            return True
    definition = values.modules[cls.module].classes[cls.qualname]
    return any(base and base[-1] in _ENUM_BASES for base in definition.bases)


def _enum_value(
    values: Evaluator, cls: VClass, name: str, candidates: Sequence[object], value: Value
) -> Value:
    """An enum member's value: ``auto()`` of a ``StrEnum`` is its name in lower case."""
    binding = next((c for c in candidates if isinstance(c, Binding)), None)
    if (
        binding is not None
        and isinstance(binding.value, Call)
        and binding.value.callee[-1] == "auto"
    ):
        definition = values.modules[cls.module].classes[cls.qualname]
        if any(base and base[-1] == "StrEnum" for base in definition.bases):
            return VStr(name.lower())
        return VUnknown("auto()")
    return value
