"""Project-level resolution: the facts of every parsed file -> tracking calls.

Cheap and recomputed on every run (facts are what is cached). In order:

1. Which callee a call reaches: a wrapper declared in the config (a name or dotted
   suffix of the callee as written, after following aliases and imports), an SDK
   (an import of the SDK, an instance of its client class, or a receiver name such
   as ``analytics``/``posthog``/``mp``), or an inferred wrapper.
2. Wrapper inference, to a fixed point: a function that passes one of its parameters
   as the event of a tracking call is itself one, transitively and across modules.
3. Event names: literals, module and class constants (also imported), enum members
   (``Events.X``, ``.value``, ``.name``), ``typing.Final``; anything else is a dynamic
   name, with what is known of it.
4. Properties: mapping literals, ``dict(...)``, keyword arguments; a spread or a
   variable makes the set partial.

Besides the calls it reports what would let it see more: project modules it needed
but were not parsed (imported constants), and prefilter triggers for the names of
the wrappers it inferred (the next pass of the engine).
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal as TypingLiteral

from evdict.config import Config
from evdict.scan import prefilter
from evdict.scan.frontends.python import import_target
from evdict.scan.model import (
    RETURNED,
    Binding,
    Call,
    CallSite,
    Choice,
    ClassDef,
    Concat,
    DynamicName,
    Evidence,
    Expr,
    FileFacts,
    FString,
    FunctionDef,
    Import,
    InferredWrapper,
    Item,
    Literal,
    Mapping,
    NameSource,
    Other,
    Position,
    PropertySeen,
    Ref,
    Starred,
    Str,
    TrackingCall,
)
from evdict.scan.presets import (
    Preset,
    Signature,
    Wrapper,
    WrapperSpecError,
    known_sdks,
    parse_wrapper,
    presets_for,
)
from evdict.scan.sinks import (
    MISSING,
    Arg,
    InferredSink,
    NamePart,
    ParamProps,
    PassThroughSink,
    Reading,
    Sentinel,
    SignatureSink,
    Sink,
    read_inferred,
    read_signature,
)

_ENUM_BASES = frozenset({"Enum", "StrEnum", "IntEnum", "Flag", "IntFlag"})
_GENERIC_METHODS = frozenset(
    {
        "track",
        "capture",
        "event",
        "log",
        "send",
        "emit",
        "record",
        "publish",
        "call",
        "run",
        "handle",
        "process",
        "add",
        "post",
        "put",
        "get",
        "write",
        "notify",
        "dispatch",
        "fire",
        "trigger",
        "report",
        "submit",
        "push",
        "identify",
        "page",
        "screen",
        "group",
        "alias",
        "flush",
        "execute",
        "apply",
        "update",
        "create",
        "save",
        "delete",
    }
)
_MAX_DEPTH = 24
# Names too common to follow as aliases: every JavaScript module has a ``default``
# export, and compiled code reads ``x.default`` everywhere.
_NOT_ALIASES = frozenset(("default",))
# Objects whose attributes are globals in a browser: ``window.gtag(...)`` is ``gtag(...)``.
_GLOBAL_OBJECTS = frozenset((("window",), ("globalThis",), ("self",)))


# --- Values -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VStr:
    """A string; ``origins`` are the literals (path, position) it is written as, when it is
    one literal as written (a folded concatenation has none)."""

    value: str
    origins: tuple[tuple[str, Position], ...] = field(default=(), compare=False)


@dataclass(frozen=True, slots=True)
class VLit:
    value: object


@dataclass(frozen=True, slots=True)
class VExternal:
    """Something from outside the project (an SDK, the standard library)."""

    qualname: str


@dataclass(frozen=True, slots=True)
class VModule:
    name: str


@dataclass(frozen=True, slots=True)
class VClass:
    module: str
    qualname: str


@dataclass(frozen=True, slots=True)
class VInstance:
    of: VClass | VExternal


@dataclass(frozen=True, slots=True)
class VMember:
    """An attribute of an instance of an external class (``client.track``)."""

    of: VExternal
    name: str


@dataclass(frozen=True, slots=True)
class VFunc:
    module: str
    qualname: str
    bound: bool


@dataclass(frozen=True, slots=True)
class VEnumMember:
    name: str
    value: Value


@dataclass(frozen=True, slots=True)
class VUnknown:
    """A value that cannot be known statically; ``undefined`` when no definition of the
    name or attribute was found at all (not, say, a parameter)."""

    reason: str
    undefined: bool = False


@dataclass(frozen=True, slots=True)
class VDict:
    """A dict literal bound to a name (``EVENTS = {"signup": "user_signed_up"}``): a
    registry of names read by constant keys, its values evaluated where it is written."""

    module: str
    scope: str
    mapping: Mapping


Value = (
    VStr
    | VLit
    | VDict
    | VExternal
    | VModule
    | VClass
    | VInstance
    | VMember
    | VFunc
    | VEnumMember
    | VUnknown
)


# --- What the config recognises ---------------------------------------------------------------


@dataclass(frozen=True)
class Recognizers:
    """The presets, declared wrappers and receiver names of one language, from the config."""

    presets: tuple[Preset, ...]
    wrappers: tuple[Wrapper, ...]
    receivers: dict[str, frozenset[str]]
    configured: dict[str, frozenset[str]]
    enum_names: str = "value"
    infer: bool = True

    @classmethod
    def from_config(cls, config: Config, language: str) -> Recognizers:
        """The recognisers of ``language``; raises :class:`WrapperSpecError` for an SDK
        name no preset has or a wrapper that cannot be read."""
        unknown = sorted(set(config.sdks or ()) - set(known_sdks()))
        if unknown:
            raise WrapperSpecError(
                f"sdks: no preset named {', '.join(map(repr, unknown))} "
                f"(known: {', '.join(known_sdks())})"
            )
        presets = presets_for(language, config.sdks)
        wrappers = tuple(
            wrapper
            for wrapper in (parse_wrapper(spec) for spec in config.wrappers)
            if wrapper.language in ("any", language)
        )
        configured = {
            preset.name: frozenset(config.receivers.get(preset.name, ())) for preset in presets
        }
        receivers = {
            preset.name: frozenset(preset.receivers) | configured[preset.name] for preset in presets
        }
        return cls(
            presets, wrappers, receivers, configured, config.enum_event_names, config.infer_wrappers
        )

    def base_triggers(self) -> list[prefilter.Trigger]:
        """What makes a file worth parsing before anything is inferred."""
        methods = {name for preset in self.presets for name, _ in preset.methods}
        triggers = [prefilter.methods_trigger(sorted(methods))] if methods else []
        constructors = {name for preset in self.presets for name, _ in preset.constructors}
        triggers.extend(prefilter.name_trigger(name) for name in sorted(constructors))
        triggers.extend(prefilter.callee_trigger(wrapper.callee) for wrapper in self.wrappers)
        for preset in self.presets:
            triggers.extend(prefilter.Trigger(marker.encode(), None) for marker in preset.markers)
            triggers.extend(prefilter.global_call_trigger(name) for name in preset.globals)
        triggers.append(prefilter.SUPPRESSION_TRIGGER)
        return triggers

    def base_names(self) -> set[str]:
        """Last names of the callees that can be tracking calls before inference."""
        names = {
            name for preset in self.presets for name, _ in (*preset.methods, *preset.constructors)
        }
        names.update(wrapper.callee[-1] for wrapper in self.wrappers)
        return names


# --- The project ---------------------------------------------------------------------------


Definition = Binding | Import | FunctionDef | ClassDef
_NO_NAMES: dict[str, list[Definition]] = {}


class Module:
    """One parsed file and the lookup tables built from its facts."""

    def __init__(self, name: str, path: str, is_package: bool, facts: FileFacts) -> None:
        self.name = name
        self.path = path
        self.is_package = is_package
        self.facts = facts
        self.functions = {func.qualname: func for func in facts.functions}
        self.classes = {cls.qualname: cls for cls in facts.classes}
        self.scopes: defaultdict[str, defaultdict[str, list[Definition]]]
        self.scopes = defaultdict(lambda: defaultdict(list))
        for binding in facts.bindings:
            self.scopes[binding.scope][binding.target].append(binding)
        for imported in facts.imports:
            self.scopes[imported.scope][imported.local].append(imported)
        for function in facts.functions:
            parent, _, name = function.qualname.rpartition(".")
            self.scopes[parent][name].append(function)
        for cls in facts.classes:
            parent, _, name = cls.qualname.rpartition(".")
            self.scopes[parent][name].append(cls)
        self.roots = {
            imported.module.partition(".")[0] for imported in facts.imports if imported.level == 0
        }

    def names(self, scope: str) -> dict[str, list[Definition]]:
        """The names bound in one scope (without creating it)."""
        return self.scopes.get(scope) or _NO_NAMES

    def scope_chain(self, scope: str) -> Iterator[str]:
        """Python's name resolution: the function scopes outward (class bodies are
        skipped, except a class body's own), then the module."""
        current = scope
        first = True
        while current:
            if first or current in self.functions:
                yield current
            first = False
            current = current.rpartition(".")[0]
        yield ""

    def enclosing_method(self, scope: str) -> FunctionDef | None:
        current = scope
        while current:
            func = self.functions.get(current)
            if func is not None and func.class_name is not None:
                return func
            current = current.rpartition(".")[0]
        return None

    def enclosing_function(self, scope: str) -> FunctionDef | None:
        return self.functions.get(scope)


def _iglu_name(schema: str) -> str:
    """``iglu:com.acme/link_click/jsonschema/1-0-0`` -> ``link_click``."""
    parts = schema.removeprefix("iglu:").split("/")
    return parts[1] if len(parts) >= 2 and parts[1] else schema


_TRANSFORMS = {"iglu_name": _iglu_name}


@dataclass
class Resolution:
    calls: list[TrackingCall] = field(default_factory=list)
    wrappers: list[InferredWrapper] = field(default_factory=list)
    needed: set[str] = field(default_factory=set)
    triggers: list[prefilter.Trigger] = field(default_factory=list)


class ModuleNames:
    """Every module of the project, parsed or not, by full name and by dotted suffix
    (``import app.tracking`` may name ``backend.app.tracking``). Built once per scan."""

    def __init__(self, names: Iterable[str]) -> None:
        self.known = frozenset(names)
        self.by_suffix: defaultdict[str, list[str]] = defaultdict(list)
        for name in self.known:
            parts = name.split(".")
            for start in range(1, len(parts)):
                self.by_suffix[".".join(parts[start:])].append(name)


class Resolver:
    """Resolve the calls of ``modules`` (name -> module); ``names`` lists every module of
    the project, parsed or not, so imports of unparsed ones can be asked for."""

    def __init__(
        self, modules: dict[str, Module], names: ModuleNames, recognizers: Recognizers
    ) -> None:
        self.modules = modules
        self.known = names.known
        self.by_suffix = names.by_suffix
        self.rec = recognizers
        self.roots = {root for preset in recognizers.presets for root in preset.roots}
        self.needed: set[str] = set()
        self.sinks: dict[tuple[str, str], InferredSink | PassThroughSink] = {}
        # Wrappers guessed from a built name or an attribute that nothing calls: their
        # own calls are reported instead, and they are not listed as wrappers.
        self.unused_guesses: set[tuple[str, str]] = set()
        self.learned: dict[str, set[str]] = defaultdict(set)
        self._memo: dict[tuple[str, str, str], Value] = {}
        self._active: set[tuple[str, str, str]] = set()
        self._depth = 0
        self._function_names: Counter[str] | None = None
        self._interesting: tuple[int, set[str]] | None = None
        self._clients = {client for preset in recognizers.presets for client in preset.clients}

    # --- modules and imports ---------------------------------------------------------------

    def project_module(self, name: str, importer: str) -> str | None:
        """The project module an absolute import names: an exact match, else (unless it is
        an SDK) the module whose dotted name ends with it, nearest to the importer."""
        if name in self.known:
            return name
        if name.partition(".")[0] in self.roots:
            return None
        candidates = self.by_suffix.get(name)
        if not candidates:
            return None
        return max(
            candidates, key=lambda candidate: (_common_prefix(candidate, importer), -len(candidate))
        )

    def module_value(self, name: str, importer: str) -> Value:
        project = self.project_module(name, importer)
        return VModule(project) if project else VExternal(name)

    def import_value(self, module: Module, imported: Import) -> Value:
        target = import_target(module.name, module.is_package, imported)
        if target is None:
            return VUnknown("relative import outside the project")
        if imported.name is None:
            return self.module_value(target, module.name)
        submodule = self.project_module(f"{target}.{imported.name}", module.name)
        if submodule is not None:
            return VModule(submodule)
        project = self.project_module(target, module.name)
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
        for imported in module.names("").get("*", []):
            if isinstance(imported, Import):
                value = self.import_value(
                    module, Import("", name, imported.module, name, imported.level, imported.pos)
                )
                if not isinstance(value, VUnknown):
                    return value
        return VUnknown(f"'{name}' is not defined here", undefined=True)

    def parameter_value(self, module: Module, func: FunctionDef, name: str) -> Value:
        """A parameter is unknown, unless its annotation names a class (``client: Mixpanel``)."""
        annotation = dict(func.annotations).get(name)
        if annotation:
            scope = func.qualname.rpartition(".")[0]
            declared = self.path_value(module, scope, annotation)
            if isinstance(declared, (VClass, VExternal)):
                return VInstance(declared)
        return VUnknown(f"parameter '{name}'")

    def candidates_value(
        self,
        module: Module,
        scope: str,
        name: str,
        candidates: Sequence[Binding | Import | FunctionDef | ClassDef],
    ) -> Value:
        key = (module.name, scope, name)
        if key in self._memo:
            return self._memo[key]
        if key in self._active:
            return VUnknown("circular definition")
        self._active.add(key)
        try:
            kept = [
                c
                for c in candidates
                if not (
                    isinstance(c, Binding)
                    and isinstance(c.value, Literal)
                    and c.value.value is None
                )
            ]
            values = [self.candidate_value(module, scope, c) for c in (kept or candidates)]
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
        self._memo[key] = result
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
            binding_scope = self._binding_scope(module, candidate)
        if (
            binding_scope == candidate.scope
            and isinstance(candidate.value, Ref)
            and candidate.value.path == (candidate.target,)
        ):  # ``{ track }`` in an object of helpers (``x = x`` in a class body): the name outside
            binding_scope = candidate.scope.rpartition(".")[0]
        return self.expr_value(module, binding_scope, candidate.value)

    def _binding_scope(self, module: Module, binding: Binding) -> str:
        """The innermost method of the binding's class (or, for a module binding, the
        function) whose lines hold the binding; else the binding's own scope."""
        line = binding.pos[0]
        best = binding.scope
        start = 0
        for func in module.functions.values():
            if (
                (func.class_name == binding.scope or not binding.scope)
                and func.pos[0] <= line <= func.pos[2]
                and func.pos[0] >= start
            ):
                best, start = func.qualname, func.pos[0]
        return best

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
        if isinstance(expr, Ref):
            return self.path_value(module, scope, expr.path)
        if isinstance(expr, Mapping) and not expr.spreads:
            return VDict(module.name, scope, expr)
        if isinstance(expr, Item):
            return self.item(self.path_value(module, scope, expr.base), expr.key)
        if isinstance(expr, Call):
            callee = (
                self.path_value(module, scope, expr.callee)
                if "?" not in expr.callee
                else VUnknown("call")
            )
            if isinstance(callee, (VClass, VExternal)):
                return VInstance(callee)
            if isinstance(callee, VFunc):  # ``track = useTrack()``: the function it returns
                defining = self.modules[callee.module]
                returned = f"{callee.qualname}.{RETURNED}"
                if returned in defining.functions:
                    return VFunc(callee.module, returned, False)
                values = defining.names(callee.qualname).get(RETURNED)
                if values:  # ``client = _get_client()``: what its ``return`` statements give
                    return self.candidates_value(defining, callee.qualname, RETURNED, values)
            return VUnknown("the result of a call")
        if isinstance(expr, (Concat, FString)) and expr.parts:
            text, whole = self.fold(module, scope, expr.parts)
            return VStr(text) if whole else VUnknown("built from values not known here")
        if isinstance(expr, Other):
            return VUnknown(f"a {expr.kind} expression")
        return VUnknown(f"a {type(expr).__name__.lower()} expression")

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
        for name in path[1:]:
            value = self.attribute(value, name)
        return value

    def item(self, value: Value, key: str) -> Value:
        """``value[key]`` with a constant key: an entry of a dict literal."""
        if not isinstance(value, VDict):
            return VUnknown("a subscript expression")
        module = self.modules[value.module]
        for entry in value.mapping.entries:
            written = self.expr_value(module, value.scope, entry.key)
            if isinstance(written, VStr) and written.value == key:
                return self.expr_value(module, value.scope, entry.value)
        return VUnknown(f"no key '{key}' in the dict")

    def attribute(self, value: Value, name: str) -> Value:
        if isinstance(value, VModule):
            submodule = f"{value.name}.{name}"
            if submodule in self.known:
                return VModule(submodule)
            module = self.modules.get(value.name)
            if module is None:
                self.needed.add(value.name)
                return VUnknown(f"module {value.name} is not scanned")
            candidates = module.names("").get(name)
            if not candidates:
                return VUnknown(f"{value.name} defines no '{name}'", undefined=True)
            return self.candidates_value(module, "", name, candidates)
        if isinstance(value, VExternal):
            return VExternal(f"{value.qualname}.{name}")
        if isinstance(value, VInstance) and isinstance(value.of, VExternal):
            return VMember(value.of, name)
        if isinstance(value, (VClass, VInstance)):
            cls = value if isinstance(value, VClass) else value.of
            assert isinstance(cls, VClass)
            return self.class_attribute(
                cls, name, instance=isinstance(value, VInstance), seen=set()
            )
        if isinstance(value, VEnumMember):
            if name == "value":
                return value.value
            if name == "name":
                return VStr(value.name)
        if isinstance(value, VUnknown):
            return VUnknown(value.reason)  # an attribute of something unknown: the same reason
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
            if self.is_enum(cls) and not name.startswith("_"):
                return VEnumMember(name, self.enum_value(cls, name, candidates, value))
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

    def bases(self, cls: VClass) -> list[Value]:
        module = self.modules[cls.module]
        definition = module.classes[cls.qualname]
        scope = cls.qualname.rpartition(".")[0]
        return [
            self.path_value(module, scope, base) for base in definition.bases if "?" not in base
        ]

    def is_enum(self, cls: VClass, seen: frozenset[VClass] = frozenset()) -> bool:
        if cls in seen or cls.module not in self.modules:
            return False
        for base in self.bases(cls):
            if isinstance(base, VExternal) and base.qualname.rpartition(".")[2] in _ENUM_BASES:
                return True
            if isinstance(base, VUnknown):
                continue
            if isinstance(base, VClass) and self.is_enum(base, seen | {cls}):
                return True
        definition = self.modules[cls.module].classes[cls.qualname]
        return any(base and base[-1] in _ENUM_BASES for base in definition.bases)

    def enum_value(
        self, cls: VClass, name: str, candidates: Sequence[object], value: Value
    ) -> Value:
        binding = next((c for c in candidates if isinstance(c, Binding)), None)
        if (
            binding is not None
            and isinstance(binding.value, Call)
            and binding.value.callee[-1] == "auto"
        ):
            definition = self.modules[cls.module].classes[cls.qualname]
            if any(base and base[-1] == "StrEnum" for base in definition.bases):
                return VStr(name.lower())
            return VUnknown("auto()")
        return value

    # --- events and properties ---------------------------------------------------------------

    def event_names(
        self,
        module: Module,
        scope: str,
        arg: Arg,
        transform: str | None,
        attrs: tuple[str, ...] = (),
    ) -> tuple[tuple[str, ...], DynamicName | None]:
        if attrs:
            names, dynamic = self._attribute_names(module, scope, arg, attrs)
        else:
            names, dynamic = self._event_names(module, scope, arg)
        apply = _TRANSFORMS.get(transform or "")
        if apply is not None:
            names = tuple(apply(name) for name in names)
        return names, dynamic

    def _event_names(
        self, module: Module, scope: str, arg: Arg
    ) -> tuple[tuple[str, ...], DynamicName | None]:
        if isinstance(arg, Sentinel):
            return (), DynamicName("unknown", "passed through *args or **kwargs")
        if isinstance(arg, Choice):
            names: list[str] = []
            unknown: list[str] = []
            prefixes: list[str] = []
            for option in arg.options:
                option_names, option_dynamic = self._event_names(module, scope, option)
                names.extend(option_names)
                if option_dynamic is not None:
                    unknown.append(option_dynamic.detail)
                    if option_dynamic.prefix is not None:
                        prefixes.append(option_dynamic.prefix)
            known = ", ".join(f"'{name}'" for name in dict.fromkeys(names))
            detail = f"one of {known}" if known else "a choice"
            if unknown:
                detail += f" or {'; '.join(unknown)}"
            prefix = os.path.commonprefix(prefixes) if prefixes else None  # noqa: RUF071 (text)
            return tuple(dict.fromkeys(names)), DynamicName("choice", detail, prefix)
        if isinstance(arg, FString):
            prefix, whole = (
                self.fold(module, scope, arg.parts) if arg.parts else (arg.prefix, False)
            )
            if whole:
                return (prefix,), None
            what = "an f-string" if module.facts.language == "python" else "a template literal"
            detail = f"{what} starting with '{prefix}'" if prefix else what
            return (), DynamicName("f-string", detail, prefix)
        if isinstance(arg, Concat):
            prefix, whole = self.fold(module, scope, arg.parts)
            if whole:
                return (prefix,), None
            detail = f"a concatenation starting with '{prefix}'" if prefix else "a concatenation"
            return (), DynamicName("concatenation", detail, prefix)
        value = self.expr_value(module, scope, arg)
        if isinstance(value, VEnumMember):
            if self.rec.enum_names == "name":
                return (value.name,), None
            value = value.value
        if isinstance(value, VStr):
            return (value.value,), None
        if isinstance(arg, Ref):
            shown = ".".join(arg.path)
            reason = value.reason if isinstance(value, VUnknown) else "not a string constant"
            return (), DynamicName("variable", f"'{shown}' ({reason})")
        if isinstance(arg, Call):
            return (), DynamicName("call", f"the result of {'.'.join(arg.callee)}()")
        if isinstance(arg, Literal):
            literal = f"a {type(arg.value).__name__} literal, not a string"
            return (), DynamicName("literal", literal, None)
        if isinstance(arg, Item):
            value = self.expr_value(module, scope, arg)
            if isinstance(value, VStr):
                return (value.value,), None
            return (), DynamicName("subscript", f"{'.'.join(arg.base)}['{arg.key}']")
        kind = arg.kind if isinstance(arg, Other) else type(arg).__name__.lower()
        return (), DynamicName(kind, f"a {kind} expression")

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

    def _attribute_names(
        self, module: Module, scope: str, arg: Arg, attrs: tuple[str, ...]
    ) -> tuple[tuple[str, ...], DynamicName | None]:
        """The event is an attribute of ``arg``: ``telemetry.capture(CartEvent(...))``
        reaching ``event.name`` (a class constant of ``CartEvent``)."""
        shown = "".join(f".{attr}" for attr in attrs)
        if isinstance(arg, Sentinel):
            return (), DynamicName("unknown", "passed through *args or **kwargs")
        if isinstance(arg, Choice):
            found = [self._attribute_names(module, scope, option, attrs) for option in arg.options]
            names = tuple(dict.fromkeys(name for option, _ in found for name in option))
            unknown = [dynamic.detail for _, dynamic in found if dynamic is not None]
            if not unknown:
                return names, None
            return names, DynamicName("choice", "; ".join(unknown))
        value = self._attribute_value(module, scope, arg, attrs)
        if isinstance(value, VEnumMember):
            if self.rec.enum_names == "name":
                return (value.name,), None
            value = value.value
        if isinstance(value, VStr):
            return (value.value,), None
        base = ".".join(arg.callee) + "(...)" if isinstance(arg, Call) else "the argument"
        if isinstance(arg, Ref):
            base = ".".join(arg.path)
        reason = value.reason if isinstance(value, VUnknown) else "not a string constant"
        return (), DynamicName("attribute", f"'{base}{shown}' ({reason})")

    def _attribute_value(
        self, module: Module, scope: str, arg: Expr, attrs: tuple[str, ...]
    ) -> Value:
        value = self.expr_value(module, scope, arg)
        for attr in attrs:
            value = self.attribute(value, attr)
        return value

    def name_sources(
        self,
        module: Module,
        scope: str,
        arg: Arg,
        transform: str | None,
        attrs: tuple[str, ...] = (),
    ) -> tuple[NameSource, ...]:
        """The literals the event names are written as (none when a transform makes them)."""
        if transform or isinstance(arg, Sentinel):
            return ()
        if isinstance(arg, Choice):
            options = (
                self.name_sources(module, scope, option, None, attrs) for option in arg.options
            )
            return tuple(dict.fromkeys(source for found in options for source in found))
        value = self._attribute_value(module, scope, arg, attrs)
        if isinstance(value, VEnumMember) and self.rec.enum_names != "name":
            value = value.value
        if not isinstance(value, VStr):
            return ()
        return tuple(NameSource(value.value, path, pos) for path, pos in value.origins)

    def key_name(self, module: Module, scope: str, key: str | Expr) -> str | None:
        if isinstance(key, str):
            return key
        value = self.expr_value(module, scope, key)
        if isinstance(value, VEnumMember):
            value = value.value
        return value.value if isinstance(value, VStr) else None

    def literal(self, module: Module, scope: str, expr: Arg) -> tuple[bool, object]:
        if isinstance(expr, Sentinel):
            return False, None
        if isinstance(expr, (Str, Literal)):
            return True, expr.value
        if isinstance(expr, Ref):
            value = self.expr_value(module, scope, expr)
            if isinstance(value, VEnumMember):
                value = value.value
            if isinstance(value, (VStr, VLit)):
                return True, value.value
        return False, None

    def properties(
        self, module: Module, scope: str, reading: Reading, params: frozenset[str] = frozenset()
    ) -> tuple[list[tuple[str, Arg, Position]], list[str], bool]:
        """The properties a reading shows: ``(name, value, position)`` entries, the
        parameters spread in (only during inference, ``params``), and completeness."""
        entries: list[tuple[str, Arg, Position]] = []
        spread_params: list[str] = []
        complete = not reading.opaque
        for key, value, pos in reading.entries:
            name = self.key_name(module, scope, key)
            if name is None:
                complete = False
            else:
                entries.append((name, value, pos))
        pending: list[Arg] = list(reading.spreads)
        while pending:
            spread = pending.pop(0)
            if spread is MISSING or (isinstance(spread, Literal) and spread.value is None):
                continue
            if isinstance(spread, Mapping):
                for entry in spread.entries:
                    name = self.key_name(module, scope, entry.key)
                    if name is None:
                        complete = False
                    else:
                        entries.append((name, entry.value, entry.key.pos))
                pending.extend(spread.spreads)
            elif isinstance(spread, Choice) and _single_non_empty(spread) is not None:
                pending.append(_single_non_empty(spread))  # type: ignore[arg-type]
            elif isinstance(spread, Ref) and len(spread.path) == 1 and spread.path[0] in params:
                spread_params.append(spread.path[0])
            elif isinstance(spread, Item) and len(spread.base) == 1 and spread.base[0] in params:
                spread_params.append(f"{spread.base[0]}.{spread.key}")  # ``({properties})``
            else:
                complete = False
        return entries, spread_params, complete

    # --- matching callees --------------------------------------------------------------------

    def match(self, module: Module, site: CallSite) -> tuple[Sink, bool] | None:
        callee = site.call.callee
        for path in self.callee_paths(module, site.scope, callee):
            # Several entries for one callee: its shapes, tried in order.
            declared = [w for w in self.rec.wrappers if path[-len(w.callee) :] == w.callee]
            if declared:
                name = declared[0].name
                signatures = tuple(w.signature for w in declared if w.name == name)
                return SignatureSink("wrapper", name, signatures, f"wrapper {name} (config)"), False
        if len(callee) >= 2 and callee[-1] in _DEFERRED_CALLS and module.facts.language == "python":
            # ``deliver.delay(user_id, event, props)`` queues ``deliver(...)`` (Celery).
            task = self.path_value(module, site.scope, callee[:-1])
            if isinstance(task, VFunc):
                inferred = self.sinks.get((task.module, task.qualname))
                return (inferred, task.bound) if inferred else None
        value = (
            self.path_value(module, site.scope, callee) if "?" not in callee else VUnknown("call")
        )
        if isinstance(value, VFunc):
            inferred = self.sinks.get((value.module, value.qualname))
            return (inferred, value.bound) if inferred else None
        if isinstance(value, VClass):
            return None
        sdk = self.sdk_sink(value)
        if sdk is not None:
            return sdk, False
        if isinstance(value, VUnknown):
            found = self.by_name(module, callee, value, configured_only=False)
            alias = self.alias_path(module, site.scope, callee) if len(callee) > 2 else None
            if found is None and alias:  # ``this.rudderStack = window.rudderanalytics``
                return self.by_name(module, alias, value, configured_only=False)
            return found
        if isinstance(value, (VMember, VExternal)):
            return self.by_name(module, callee, value, configured_only=True)
        return None

    def callee_paths(
        self, module: Module, scope: str, callee: tuple[str, ...]
    ) -> Iterator[tuple[str, ...]]:
        """The callee as written, through aliases (``self.event = self.analytics.event``)
        and imports (``from app.tracking import track_event as te``)."""
        yield callee
        if "?" in callee:
            return
        if len(callee) >= 2:
            alias = self.alias_path(module, scope, callee)
            if alias:
                yield alias
        for current in module.scope_chain(scope):
            for candidate in module.names(current).get(callee[0], []):
                if isinstance(candidate, Import):
                    target = import_target(module.name, module.is_package, candidate) or ""
                    head = tuple(target.split(".")) + ((candidate.name,) if candidate.name else ())
                    yield head + callee[1:]
                elif isinstance(candidate, Binding) and isinstance(candidate.value, Ref):
                    yield candidate.value.path + callee[1:]
            if callee[0] in module.names(current):
                break

    def alias_path(
        self, module: Module, scope: str, callee: tuple[str, ...]
    ) -> tuple[str, ...] | None:
        """``self.x`` (``self.x.method``) where the class binds ``self.x = a.b``: ``a.b``
        (``a.b.method``), the attribute read where it was assigned."""
        method = module.enclosing_method(scope)
        if method is None or not method.params or callee[0] != method.params[0] or len(callee) < 2:
            return None
        cls = method.class_name or ""
        for candidate in module.names(cls).get(callee[1], []):
            if isinstance(candidate, Binding) and isinstance(candidate.value, Ref):
                return candidate.value.path + callee[2:]
        return None

    def sdk_sink(self, value: Value) -> SignatureSink | None:
        for preset in self.rec.presets:
            signatures: tuple[Signature, ...] | None = None
            if isinstance(value, VExternal):
                module_name, _, name = value.qualname.rpartition(".")
                root = value.qualname.partition(".")[0]
                if module_name in preset.modules:
                    signatures = preset.method(name)
                if signatures is None and root in preset.roots:
                    signatures = preset.constructor(name)
            elif isinstance(value, VMember):
                root = value.of.qualname.partition(".")[0]
                cls_name = value.of.qualname.rpartition(".")[2]
                if root in preset.roots and cls_name in preset.clients:
                    signatures = preset.method(value.name)
            if signatures:
                return SignatureSink(
                    "sdk", preset.name, signatures, f"{preset.name} {_shown(value)}"
                )
        return None

    def by_name(
        self, module: Module, callee: tuple[str, ...], value: Value, configured_only: bool
    ) -> tuple[Sink, bool] | None:
        """A receiver that could not be resolved (or, for the receivers the config names,
        one outside the project): judge by names."""
        name = callee[-1]
        if not configured_only and (len(callee) == 1 or callee[:-1] in _GLOBAL_OBJECTS):
            for preset in self.rec.presets:
                signatures = preset.method(name)
                if signatures and name in preset.globals:
                    return SignatureSink(
                        "sdk", preset.name, signatures, f"{preset.name} {name}"
                    ), False
        if len(callee) >= 2:
            receiver = callee[-2]
            for preset in self.rec.presets:
                signatures = preset.method(name)
                if not signatures:
                    continue
                if configured_only:
                    known = receiver in self.rec.configured.get(preset.name, ())
                else:
                    known = receiver in self.rec.receivers.get(
                        preset.name, ()
                    ) or receiver in self.learned.get(preset.name, ())
                if not known:
                    continue
                if (
                    preset.receivers_need_import
                    and receiver not in self.learned.get(preset.name, ())
                    and not (module.roots & set(preset.roots))
                ):
                    continue
                shown = f"{receiver}.{name}"
                return SignatureSink(
                    "sdk", preset.name, signatures, f"{preset.name} {shown}"
                ), False
        elif configured_only:
            return None
        elif isinstance(value, VUnknown) and value.undefined:
            for preset in self.rec.presets:
                signatures = preset.constructor(name)
                if signatures and module.roots & set(preset.roots):
                    return SignatureSink(
                        "sdk", preset.name, signatures, f"{preset.name} {name}"
                    ), False
        if _distinctive(name) and not configured_only:
            matches = [
                (key, sink) for key, sink in self.sinks.items() if key[1].rpartition(".")[2] == name
            ]
            if len(matches) == 1 and not self._defined_elsewhere(name, matches[0][0]):
                sink = matches[0][1]
                is_method = sink.func.class_name is not None
                return sink, is_method and len(callee) >= 2
        return None

    def _defined_elsewhere(self, name: str, key: tuple[str, str]) -> bool:
        """Another function of that name in the project: a call by name alone is ambiguous."""
        if self._function_names is None:
            self._function_names = Counter(
                func.name for module in self.modules.values() for func in module.facts.functions
            )
        return self._function_names[name] > 1

    # --- inference and the final pass ----------------------------------------------------------

    def read(self, sink: Sink, call: Call, bound: bool) -> Reading:
        if isinstance(sink, SignatureSink):
            return read_signature(sink, call)
        if isinstance(sink, InferredSink):
            return read_inferred(sink, call, bound)
        return self.read(sink.inner, call, sink.inner_bound)

    def interesting(self) -> set[str]:
        """Last names of callees worth matching: the presets', the config wrappers',
        the inferred wrappers' and their aliases'. Cached until a wrapper is added."""
        if self._interesting is not None and self._interesting[0] == len(self.sinks):
            return self._interesting[1]
        names = self.rec.base_names()
        names.update(qualname.rpartition(".")[2] for _, qualname in self.sinks)
        if self.sinks:
            names.update(_DEFERRED_CALLS)
        makers = {_maker(qualname) for _, qualname in self.sinks if _maker(qualname)}
        # Aliases: ``send = posthog.capture``, ``self.event = self.analytics.event``,
        # ``from app.tracking import track_event as te``.
        changed = True
        while changed:
            changed = False
            returning = self.returning(names) - makers  # ``return trackEvent``
            if returning:
                makers |= returning
                changed = True
            for module in self.modules.values():
                for binding in module.facts.bindings:
                    if (
                        isinstance(binding.value, Ref)
                        and binding.value.path[-1] in names
                        and binding.target not in names
                        and binding.target not in _NOT_ALIASES
                    ):
                        names.add(binding.target)
                        changed = True
                for imported in module.facts.imports:
                    if imported.local not in names and (
                        imported.name in names or self.default_export(module, imported) in names
                    ):
                        names.add(imported.local)
                        changed = True
                for binding in module.facts.bindings:  # ``track = useTrack()``
                    if (
                        isinstance(binding.value, Call)
                        and binding.value.callee[-1] in makers
                        and binding.target not in names
                    ):
                        names.add(binding.target)
                        changed = True
        self._interesting = (len(self.sinks), names)
        return names

    def returning(self, names: set[str]) -> set[str]:
        """The functions that return one of ``names`` as it is (``useHandleUiEvents()
        { return trackEvent }``): a call of one gives that function."""
        return {
            binding.scope.rpartition(".")[2]
            for module in self.modules.values()
            for binding in module.facts.bindings
            if binding.target == RETURNED
            and binding.scope
            and isinstance(binding.value, Ref)
            and binding.value.path[-1] in names
        }

    def default_export(self, module: Module, imported: Import) -> str | None:
        """The name a project module exports as ``default`` (``export default trackEvent``),
        for an import of that default under another name (``import logEvent from``)."""
        if imported.name != "default":
            return None
        target = import_target(module.name, module.is_package, imported)
        project = self.project_module(target, module.name) if target else None
        exporting = self.modules.get(project) if project else None
        for candidate in exporting.names("").get("default", []) if exporting else ():
            if isinstance(candidate, Binding) and isinstance(candidate.value, Ref):
                return candidate.value.path[-1]
        return None

    def sites(self, names: set[str]) -> Iterator[tuple[Module, CallSite]]:
        for module in self.modules.values():
            calls = module.facts.calls
            for name in names:
                for site in calls.get(name, ()):
                    yield module, site

    def learn_receivers(self) -> None:
        """Names bound to SDK clients anywhere (``ph = Posthog(key)``) become receivers."""
        for module in self.modules.values():
            for binding in module.facts.bindings:
                if not isinstance(binding.value, Call) or "?" in binding.value.callee:
                    continue
                if binding.value.callee[-1] not in self._clients:
                    continue
                value = self.path_value(module, binding.scope, binding.value.callee)
                if isinstance(value, VExternal):
                    for preset in self.rec.presets:
                        if (
                            value.qualname.partition(".")[0] in preset.roots
                            and value.qualname.rpartition(".")[2] in preset.clients
                        ):
                            self.learned[preset.name].add(binding.target)

    def infer(self) -> None:
        if not self.rec.infer:
            return
        while True:
            added = False
            for module, site in list(self.sites(self.interesting())):
                func = module.enclosing_function(site.scope)
                if func is None:
                    continue
                key = (module.name, func.qualname)
                # A name built from a parameter gives way to the parameter passed as it is.
                known = self.sinks.get(key)
                if known is not None and not _builds_name(known):
                    continue
                matched = self.match(module, site)
                if matched is None:
                    continue
                sink = self.wrapper_of(module, func, site, *matched)
                if sink is not None and (known is None or not _builds_name(sink)):
                    self.sinks[key] = sink
                    added = True
            if not added:
                return

    def wrapper_of(
        self, module: Module, func: FunctionDef, site: CallSite, sink: Sink, bound: bool
    ) -> InferredSink | PassThroughSink | None:
        """``func`` as a wrapper, when it passes a parameter of its own as the event."""
        call = site.call
        locals_ = module.names(func.qualname)
        own = {name for name in (*func.params, *func.kwonly) if name not in locals_}
        spreadable = own | {
            name for name in (func.vararg, func.kwarg) if name and name not in locals_
        }
        inner = self.describe(sink)
        chain_tail = sink.chain if isinstance(sink, (InferredSink, PassThroughSink)) else ()
        forwarded = _forwarded(func, call)
        if forwarded and not isinstance(sink, PassThroughSink):
            evidence = Evidence(
                module.path, call.pos, f"{_shown_func(func)} passes {forwarded} on to {inner}"
            )
            return PassThroughSink(
                module.name, module.path, func, sink, bound, (evidence, *chain_tail)
            )
        reading = self.read(sink, call, bound)
        event = _through_local(module, func, reading.event)
        key: str | None = None
        attrs: tuple[str, ...] = ()
        template: tuple[str | NamePart, ...] | None = None
        if isinstance(event, (Concat, FString)) and event.parts:
            # ``f"billing:{action}"``: the callers' names, with the wrapper's own text.
            receiver = func.params[:1] if func.kind in ("method", "classmethod") else ()
            parts = tuple(_local_part(module, func, part) for part in event.parts)
            template = self.name_template(module, site.scope, parts, own - set(receiver))
            if template is None:
                return None
            param = next(part.param for part in template if isinstance(part, NamePart))
        elif isinstance(event, Item) and len(event.base) == 1:
            key, param = event.key, event.base[0]
        elif isinstance(event, Ref) and (
            len(event.path) <= 2 or not isinstance(sink, SignatureSink)
        ):
            # ``event.name`` of an event object, ``event_name.value`` of an enum member;
            # never an attribute of ``self``: the method's own state.
            param, attrs = event.path[0], event.path[1:]
            if attrs and func.kind in ("method", "classmethod") and param == func.params[0]:
                return None
        else:
            return None
        if param not in own:
            return None
        entries, spread_params, complete = self.properties(
            module, site.scope, reading, frozenset(spreadable)
        )
        fixed: list[tuple[str, Expr]] = []
        fields: list[tuple[str, str]] = []
        for name, value, _ in entries:
            if isinstance(value, Ref) and len(value.path) == 1 and value.path[0] in own:
                fields.append((name, value.path[0]))
            elif not isinstance(value, Sentinel):
                ok, literal = self.literal(module, site.scope, value)
                fixed.append(
                    (name, Literal(literal, value.pos) if ok else Other("value", value.pos))
                )
        kwargs = func.kwarg is not None and func.kwarg in spread_params
        props = ParamProps(
            fixed=tuple(fixed),
            fields=tuple(fields),
            spreads=tuple(p for p in spread_params if p != func.kwarg),
            kwargs=kwargs,
            opaque=not complete,
        )
        shown_key = f"['{key}']" if key else "".join(f".{attr}" for attr in attrs)
        shown = f"parameter '{param}'{shown_key}"
        if template is not None:
            shown = f"'{_shown_template(template)}'"
        evidence = Evidence(
            module.path, call.pos, f"{_shown_func(func)} passes {shown} as the event of {inner}"
        )
        return InferredSink(
            module.name,
            module.path,
            func,
            param,
            key,
            props,
            (evidence, *chain_tail),
            attrs,
            event_template=template,
        )

    def name_template(
        self, module: Module, scope: str, parts: tuple[Expr, ...], own: set[str]
    ) -> tuple[str | NamePart, ...] | None:
        """The name ``parts`` build: the wrapper's parameters (``{category}_{name}``, an
        enum member's ``{event.value}``) in known text; None when a part is neither, or
        no parameter is among them."""
        template: list[str | NamePart] = []
        for part in parts:
            if isinstance(part, Ref) and len(part.path) <= 2 and part.path[0] in own:
                template.append(NamePart(part.path[0], part.path[1:]))
                continue
            if isinstance(part, Item) and len(part.base) == 1 and part.base[0] in own:
                # ``const { elementName } = params``: a key of the parameter.
                template.append(NamePart(part.base[0], key=part.key))
                continue
            text, whole = self.fold(module, scope, (part,))
            if not whole:
                return None
            last = template[-1] if template else None
            if isinstance(last, str):
                template[-1] = last + text
            else:
                template.append(text)
        if not any(isinstance(part, NamePart) for part in template):
            return None
        return tuple(template)

    def describe(self, sink: Sink) -> str:
        if isinstance(sink, SignatureSink):
            return sink.label
        return f"inferred wrapper {_shown_func(sink.func)}"

    def tracking_calls(self) -> list[TrackingCall]:
        found: list[TrackingCall | None] = []
        called: set[tuple[str, str]] = set()
        uncertain: list[tuple[tuple[str, str], Module, CallSite, Sink, bool]] = []
        for module, site in self.sites(self.interesting()):
            matched = self.match(module, site)
            if matched is None:
                continue
            sink, bound = matched
            if not isinstance(sink, SignatureSink):
                called.add((sink.module, sink.func.qualname))
            func = module.enclosing_function(site.scope)
            if func is not None and self.declared_wrapper(func):
                continue  # its callers are the tracking calls, as the config says
            key = (module.name, func.qualname if func is not None else "")
            if (
                func is not None
                and key in self.sinks
                and _same_event(self.wrapper_of(module, func, site, sink, bound), self.sinks[key])
            ):
                # Passes its parameter on: its callers are the tracking calls. An
                # attribute of a parameter (``request.event_name``) or a name built from
                # one (``f"checkout_{step}"``) in a function nothing calls is more likely
                # a handler's input: then the call itself counts.
                wrapper = self.sinks[key]
                if isinstance(wrapper, InferredSink) and (
                    wrapper.event_attrs or wrapper.event_template is not None
                ):
                    uncertain.append((key, module, site, sink, bound))
                continue
            found.append(self.tracking_call(module, site, sink, bound))
        for key, module, site, sink, bound in uncertain:
            if key not in called:
                self.unused_guesses.add(key)
                found.append(self.tracking_call(module, site, sink, bound))
        return [call for call in found if call is not None]

    def declared_wrapper(self, func: FunctionDef) -> bool:
        """``func`` is a wrapper the config declares (its qualified name ends with the
        callee): the calls in its body are how it tracks, not events of their own."""
        parts = tuple(_shown_func(func).split("."))
        return any(parts[-len(w.callee) :] == w.callee for w in self.rec.wrappers)

    def tracking_call(
        self, module: Module, site: CallSite, sink: Sink, bound: bool
    ) -> TrackingCall | None:
        reading = self.read(sink, site.call, bound)
        if reading.event is MISSING:
            return None
        names, dynamic = self.event_names(
            module, site.scope, reading.event, reading.transform, reading.attrs
        )
        if (
            dynamic is not None
            and dynamic.kind == "concatenation"
            and isinstance(sink, InferredSink)
            and sink.event_template is not None
        ):
            # The caller wrote no concatenation: say which wrapper builds the name.
            built = f"the name {_shown_func(sink.func)} builds, '{_shown_template(sink.event_template)}'"
            known = f", starting with '{dynamic.prefix}'" if dynamic.prefix else ""
            dynamic = DynamicName("built", built + known, dynamic.prefix)
        entries, _, complete = self.properties(module, site.scope, reading)
        seen = []
        for name, value, pos in entries:
            has_value, literal = self.literal(module, site.scope, value)
            added = pos == site.call.pos and not isinstance(sink, SignatureSink)
            value_pos = pos if added or isinstance(value, Sentinel) else value.pos
            via = self.describe(sink) if added else None
            seen.append(PropertySeen(name, pos, has_value, literal, value_pos, via))
        seen.sort(key=lambda prop: (prop.via is not None, prop.pos))
        event = reading.event
        event_pos = event.pos if not isinstance(event, Sentinel) else site.call.pos
        kind, via = self.kind_via(sink)
        return TrackingCall(
            path=module.path,
            pos=site.call.pos,
            event_pos=event_pos,
            events=names,
            dynamic=dynamic,
            kind=kind,
            via=via,
            properties=tuple(seen),
            complete=complete,
            language=module.facts.language,
            sources=self.name_sources(module, site.scope, event, reading.transform, reading.attrs),
        )

    def kind_via(self, sink: Sink) -> tuple[TypingLiteral["sdk", "wrapper", "inferred"], str]:
        if isinstance(sink, SignatureSink):
            return sink.kind, sink.via
        return "inferred", _shown_func(sink.func)

    def triggers(self) -> list[prefilter.Trigger]:
        """Prefilter triggers for the next pass: the names of what was inferred."""
        found: list[prefilter.Trigger] = []
        for (module_name, qualname), sink in self.sinks.items():
            name = _maker(qualname) or qualname.rpartition(".")[2]
            if _distinctive(name):
                found.append(prefilter.name_trigger(name))
            elif sink.func.class_name is None:
                found.append(prefilter.imported_name_trigger(name, module_name))
            else:
                found.append(prefilter.name_trigger(sink.func.class_name.rpartition(".")[2]))
                for receiver in self.instance_names(VClass(module_name, sink.func.class_name)):
                    found.append(prefilter.callee_trigger((receiver, name)))
        interesting = self.interesting()
        for maker in self.returning(interesting):
            found.append(prefilter.name_trigger(maker))
        for module in self.modules.values():
            aliases = [
                binding.target
                for binding in module.facts.bindings
                if binding.scope == "" and isinstance(binding.value, Ref)
            ]
            aliases.extend(  # ``export { trackEvent as track } from``, ``import te from``
                imported.local
                for imported in module.facts.imports
                if imported.scope == "" and imported.name not in (imported.local, None, "*")
            )
            for alias in aliases:
                if alias in interesting and alias != "default":
                    found.append(
                        prefilter.name_trigger(alias)
                        if _distinctive(alias)
                        else prefilter.imported_name_trigger(alias, module.name)
                    )
            default = module.names("").get("default", [])
            if any(
                isinstance(b, Binding)
                and isinstance(b.value, Ref)
                and b.value.path[-1] in interesting
                for b in default
            ):
                found.append(_default_import_trigger(module.name))
        return found

    def instance_names(self, cls: VClass) -> set[str]:
        names: set[str] = set()
        for module in self.modules.values():
            for binding in module.facts.bindings:
                if (
                    isinstance(binding.value, Call)
                    and "?" not in binding.value.callee
                    and binding.target != RETURNED
                ):
                    value = self.path_value(module, binding.scope, binding.value.callee)
                    if value == cls:
                        names.add(binding.target)
        return names

    def run(self) -> Resolution:
        self.learn_receivers()
        self.infer()
        calls = self.tracking_calls()
        wrappers = [
            InferredWrapper(
                name=_shown_func(sink.func),
                path=sink.path,
                pos=sink.func.pos,
                event_param=".".join((sink.event_param, *sink.event_attrs))
                if isinstance(sink, InferredSink)
                else f"*{sink.func.vararg}"
                if sink.func.vararg
                else f"**{sink.func.kwarg}",
                chain=sink.chain,
            )
            for key, sink in self.sinks.items()
            if key not in self.unused_guesses
        ]
        calls.sort(key=lambda call: (call.path, call.pos))
        wrappers.sort(key=lambda wrapper: (wrapper.path, wrapper.pos))
        return Resolution(calls, wrappers, set(self.needed), self.triggers())


_DEFERRED_CALLS = frozenset({"delay"})
"""Methods of a Python function object that call it later with the same arguments:
Celery's ``task.delay(*args, **kwargs)`` (``apply_async`` takes them packed: not read)."""


def _forwarded(func: FunctionDef, call: Call) -> str:
    """What ``call`` hands on of the arguments ``func`` was called with, when they reach
    it as they came (``def safe_track(*args, **kwargs): track(*args, **kwargs)``; ``def
    queue(**event): task.delay(**event)`` with no parameter of its own): ``*args``,
    ``*args, **kwargs`` or ``**event``; empty for any other call."""
    starred = (
        call.args[0].value.path
        if len(call.args) == 1
        and isinstance(call.args[0], Starred)
        and isinstance(call.args[0].value, Ref)
        else None
    )
    spread = (
        call.spreads[0].path
        if len(call.spreads) == 1 and isinstance(call.spreads[0], Ref)
        else None
    )
    if func.vararg and starred == (func.vararg,):
        both = spread is not None and spread == (func.kwarg,)
        return f"*{func.vararg}, **{func.kwarg}" if both else f"*{func.vararg}"
    if (
        func.kwarg
        and spread == (func.kwarg,)
        and not call.args
        and not call.keywords
        and not func.vararg
        and not func.params[1 if func.kind in ("method", "classmethod") else 0 :]
        and not func.kwonly
    ):
        return f"**{func.kwarg}"
    return ""


def _same_event(site: Sink | None, wrapper: Sink) -> bool:
    """The call at ``site`` sends the event the wrapper stands for (a function with
    another call that builds a name from another parameter still reports that call)."""
    if isinstance(site, InferredSink) and isinstance(wrapper, InferredSink):
        return (site.event_param, site.event_key, site.event_attrs, site.event_template) == (
            wrapper.event_param,
            wrapper.event_key,
            wrapper.event_attrs,
            wrapper.event_template,
        )
    return site is not None and (
        site.event_template is None if isinstance(site, InferredSink) else True
    )


def _shown_template(template: tuple[str | NamePart, ...]) -> str:
    """``cli_{event.value}``: a built name as the wrapper writes it."""
    return "".join(
        part
        if isinstance(part, str)
        else "{" + ".".join((part.param, *part.attrs, *filter(None, (part.key,)))) + "}"
        for part in template
    )


def _local_part(module: Module, func: FunctionDef, part: Expr) -> Expr:
    """A part of a built name, a local set from a parameter read as that parameter."""
    local = _through_local(module, func, part)
    return part if isinstance(local, Sentinel) else local


def _builds_name(sink: Sink) -> bool:
    return isinstance(sink, InferredSink) and sink.event_template is not None


def _through_local(module: Module, func: FunctionDef, event: Arg) -> Arg:
    """A local the function sets once from one parameter stands for that parameter:
    ``name = event.value if isinstance(event, Enum) else event`` or ``name = str(event)``
    (the caller's enum member or string is the name)."""
    if not (isinstance(event, Ref) and len(event.path) == 1):
        return event
    bindings = module.names(func.qualname).get(event.path[0], [])
    if len(bindings) != 1 or not isinstance(bindings[0], Binding):
        return event
    value = bindings[0].value
    if isinstance(value, Item) and len(value.base) == 1:  # ``const { eventName } = params``
        return Item(value.base, value.key, event.pos)
    if isinstance(value, Call) and value.callee == ("str",) and len(value.args) == 1:
        value = value.args[0]
    options = value.options if isinstance(value, Choice) else (value,)
    refs = [option for option in options if isinstance(option, Ref)]
    if len(refs) != len(options) or len({ref.path[0] for ref in refs}) != 1:
        return event
    return Ref(min(refs, key=lambda ref: len(ref.path)).path, event.pos)


def _single_non_empty(choice: Choice) -> Expr | None:
    """``props or {}`` -> ``props``."""
    non_empty = [
        option
        for option in choice.options
        if not (
            (isinstance(option, Mapping) and not option.entries and not option.spreads)
            or (isinstance(option, Literal) and option.value is None)
        )
    ]
    return non_empty[0] if len(non_empty) == 1 else None


def _shown_func(func: FunctionDef) -> str:
    """A function as findings name it: ``useTrack()`` for the one ``useTrack`` returns."""
    return func.qualname.replace(f".{RETURNED}", "()")


def _default_import_trigger(module: str) -> prefilter.Trigger:
    """Files that import a module's default under any name (``import logEvent from
    "./amplitude"``, ``export { default as track } from "./amplitude"``)."""
    last = module.rpartition(".")[2].encode()
    pattern = (
        rb"(?:\bimport\s+[\w$]+\s*(?:,[^;]*?)?|\bexport\s*\{[^}]*\bdefault\b[^}]*\}\s*)"
        rb"from\s*[\"'][^\"']*\b" + re.escape(last) + rb"(?:\.\w+)?[\"']"
    )
    return prefilter.Trigger(last, pattern)


def _maker(qualname: str) -> str:
    """``hooks.useTrack.<return>`` -> ``useTrack``: the function whose call gives the
    function ``qualname`` names; empty for any other function."""
    parent, _, name = qualname.rpartition(".")
    return parent.rpartition(".")[2] if name == RETURNED else ""


def _distinctive(name: str) -> bool:
    """A name that means one thing: ``track_event``, ``trackSignup`` (not ``track``)."""
    if name in _GENERIC_METHODS or name.startswith("__"):
        return False
    return "_" in name.strip("_") or re.search(r"[a-z][A-Z]", name) is not None


def _common_prefix(a: str, b: str) -> int:
    count = 0
    for left, right in zip(a.split("."), b.split("."), strict=False):
        if left != right:
            break
        count += 1
    return count


def _shown(value: Value) -> str:
    if isinstance(value, VExternal):
        return value.qualname
    if isinstance(value, VMember):
        return f"{value.of.qualname.rpartition('.')[2]}().{value.name}"
    return ""
