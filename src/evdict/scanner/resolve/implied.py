"""Instances the code implies but never assigns where they are used:

- (Python) a parameter or attribute with no known value, named as exactly one project
  class is in snake_case (``analytics`` -> ``Analytics``, ``coder`` -> ``Coder``);
- (Python) a parameter annotated with a ``typing.Protocol``, an ABC or a class declaring
  an ``@abstractmethod`` (or a construction of one: such a class is not meant to be
  built, and an ABC cannot be): its only project
  implementation, test doubles aside (a class in a test module, or named ``Fake*``,
  ``Mock*``, ``Dummy*``, ``Stub*``); the implementations of such a class, or of a TS
  interface or abstract class (the classes declaring they implement or extend it), are
  also what :mod:`~evdict.scanner.resolve.dispatch` reads;
- (Python) an attribute read on something unknown (``site.siteconfiguration.segment_client``)
  that exactly one definition in the project gives an SDK client (a ``@cached_property``
  or ``@property`` returning one, ``self.segment_client = SegmentClient(...)``);
- ``analytics if analytics is not None else Analytics()``, ``this.client ??= new
  PostHog(key)``: the one instance both give (an option that is the name being
  assigned gives what its other assignments do);
- a function whose return statements give nothing known, by its return annotation
  (``def get_client() -> Posthog | None``, ``static getInstance(): PostHog``).

Each rule must be provable from the code: one class, one definition; otherwise the value
stays unknown. What it consulted becomes prefilter triggers (:meth:`Implied.triggers`),
so every file that could hold a second class or definition is parsed before the
answer is final (the engine runs passes to a fixed point).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from evdict.names.case import split_words
from evdict.scanner import prefilter
from evdict.scanner.model import (
    ELEMENTS,
    ITERATED,
    RETURNED,
    Binding,
    Call,
    Choice,
    Expr,
    FString,
    FunctionDef,
    Literal,
    Other,
    Ref,
)
from evdict.scanner.resolve.constructed import constructed_attribute, str_value
from evdict.scanner.resolve.loaded import loaded_function
from evdict.scanner.resolve.project import Module
from evdict.scanner.resolve.value_types import (
    CIRCULAR,
    Value,
    VClass,
    VExternal,
    VFunc,
    VInstance,
    VStr,
    VUnknown,
)
from evdict.scanner.resolve.values import Evaluator

_PROTOCOLS = frozenset({"typing.Protocol", "typing_extensions.Protocol"})
_ABSTRACT = frozenset({"abc.ABC"})
_DOUBLE_NAME = re.compile(r"_*(?:Fake|Mock|Dummy|Stub)(?![a-z])")
_TEST_FOLDERS = frozenset({"tests", "test", "testing"})


def snake_case(name: str) -> str:
    """``SegmentClient`` -> ``segment_client``: how an instance of a class is named."""
    return "_".join(split_words(name))


class Implied:
    """The rules above, over the ``values`` evaluator's modules; ``clients`` are the SDK
    client classes (root package, class name) and ``methods`` the SDK methods' names."""

    def __init__(
        self, values: Evaluator, clients: Iterable[tuple[str, str]], methods: Iterable[str]
    ) -> None:
        self.values = values
        self.clients = frozenset(clients)
        self.methods = frozenset(methods)
        self.roots = frozenset(root for root, _ in self.clients)
        self._classes: dict[str, list[VClass]] | None = None
        self._attributes: dict[str, list[tuple[Module, str, Binding | FunctionDef]]] | None = None
        self._instances: dict[str, Value | None] = {}
        self._bases: dict[VClass, set[str]] | None = None
        self._methods: defaultdict[VClass, set[str]] | None = None
        self._implementations: dict[VClass, VClass] = {}
        self._found: dict[tuple[VClass, bool], list[VClass]] = {}
        self._abstract: set[VClass] | None = None
        self._protocols: list[VClass] | None = None
        # What was consulted, for the triggers: class names (snake_case) with a class
        # parsed, attribute names asked for a client / given one, declared types.
        self.asked_classes: set[str] = set()
        self.asked_attributes: set[str] = set()
        self.client_attributes: set[str] = set()
        self.declared: set[VClass] = set()

    # --- the Evaluator's questions -------------------------------------------------------

    def instance(self, name: str, read: str) -> Value | None:
        attribute = name.startswith(".")
        bare = name.removeprefix(".")
        if attribute and read in self.methods:  # ``x.segment_client.track``
            client = self.client_attribute(bare)
            if client is not None:
                return client
        if bare not in self._instances:
            classes = self.classes().get(bare, [])
            if classes:
                self.asked_classes.add(bare)
            self._instances[bare] = (
                VInstance(self.implementation(classes[0])) if len(classes) == 1 else None
            )
        return self._instances[bare]

    def implementation(self, cls: VClass) -> VClass:
        """(Python) a Protocol's or ABC's only implementation; in TypeScript the interface
        itself, whose methods :mod:`~evdict.scanner.resolve.dispatch` reads."""
        if cls not in self._implementations:
            self._implementations[cls] = cls
            kind = self.kind(cls)
            if kind and self.python(cls):
                self.declared.add(cls)
                found = self.implementations(cls, kind == "protocol")
                self._implementations[cls] = found[0] if len(found) == 1 else cls
        return self._implementations[cls]

    def compound(self, module: Module, scope: str, expr: Choice | Other) -> Value:
        """A choice's value, or an item of what a loop iterates (:meth:`item`)."""
        if isinstance(expr, Choice):
            return self.choice(module, scope, expr)
        if expr.kind == ITERATED and expr.items and isinstance(expr.items[0], Call):
            return self.item(module, scope, expr.items[0])
        return VUnknown(f"a {expr.kind} expression")

    def item(self, module: Module, scope: str, iterated: Call) -> Value:
        """An item of what ``for provider in get_providers():`` iterates: an instance of
        the class the function's return annotation says its items are (``->
        list[TelemetryProvider]``), as :meth:`returned` reads ``-> TelemetryProvider``."""
        callee = (
            self.values.path_value(module, scope, iterated.callee)
            if "?" not in iterated.callee
            else None
        )
        func = (
            self.values.modules[callee.module].functions.get(callee.qualname)
            if isinstance(callee, VFunc)
            else None
        )
        if not isinstance(callee, VFunc) or func is None:
            return VUnknown("an item of a call's result")
        return self._declared(self.values.modules[callee.module], func, ELEMENTS) or VUnknown(
            "an item of a call's result"
        )

    def choice(self, module: Module, scope: str, choice: Choice) -> Value:
        values = []
        for option in choice.options:
            if isinstance(option, Literal) and option.value is None:
                continue
            value = self.values.expr_value(module, scope, option)
            if value == CIRCULAR:  # ``x = x ?? new PostHog()``: what else ``x`` is given
                continue
            if isinstance(value, VUnknown) and value.name and not value.name.startswith("."):
                value = self.instance(value.name, "") or value
            values.append(value)
        instances = [value for value in values if isinstance(value, VInstance)]
        first = instances[0] if instances else None
        if isinstance(first, VInstance) and all(
            value == first or _stand_in(value, first) for value in values
        ):
            return first
        return VUnknown("a choice expression")

    def returned(self, module: Module, func: FunctionDef, given: Value, call: Call | None) -> Value:
        loaded = loaded_function(self.values, module, func, call) if call is not None else None
        return loaded or self._declared(module, func, RETURNED) or given

    def _declared(self, module: Module, func: FunctionDef, key: str) -> VInstance | None:
        """An instance of the class ``func``'s annotation ``key`` names (its only
        implementation if abstract)."""
        annotation = dict(func.annotations).get(key)
        if annotation:
            scope = func.qualname.rpartition(".")[0]
            declared = self.values.path_value(module, scope, annotation)
            if isinstance(declared, VClass):
                declared = self.implementation(declared)
            if isinstance(declared, (VClass, VExternal)):
                return VInstance(declared)
        return None

    def instance_of_argument(
        self, module: Module, scope: str, func: FunctionDef, bound: bool, call: Call
    ) -> Value:
        """What ``def instance(self, type: Type[T]) -> T`` returns when called: an
        instance of the class passed as ``type`` (its only implementation if abstract);
        what ``create<T>(data: T): T`` returns: the value passed as ``data``."""
        param = func.returns_instance_of or func.returns_argument
        params = func.bound_params if bound else func.params
        given = [kw.value for kw in call.keywords if kw.name == param]
        if not given and param in params and params.index(param) < len(call.args):
            given = [call.args[params.index(param)]]
        passed = self.values.expr_value(module, scope, given[0]) if given else None
        if func.returns_argument and passed is not None:
            return passed
        if not isinstance(passed, VClass):
            return VUnknown("the result of a call")
        return VInstance(self.implementation(passed))

    def property_value(self, instance: VInstance | VClass, found: VFunc) -> Value | None:
        """What property ``found`` gives on ``instance``, when it returns one thing: the
        instance's class name (``self.__class__.__name__``, an event object named by its
        class) when it was built of that class, or a value known here; None when
        ``found`` is no property. On a class, only a static getter is one (a TS ``static
        get instance()``): a Python property read on its class is the property itself."""
        module = self.values.modules[found.module]
        func = module.functions.get(found.qualname)
        if func is None or not func.is_property or not func.params:
            return None
        if isinstance(instance, VClass) and func.kind != "classmethod":
            return None
        returns = module.names(func.qualname).get(RETURNED, [])
        if len(returns) != 1 or not isinstance(returns[0], Binding):
            return VUnknown("a property")
        given = returns[0].value
        if isinstance(given, Ref) and given.path == (func.params[0], "__class__", "__name__"):
            if not isinstance(instance, VInstance) or not instance.built:
                return VUnknown("the class name of an instance of a subclass, perhaps")
            return VStr(instance.of.qualname.rpartition(".")[2])
        if isinstance(given, FString) and given.parts and isinstance(instance, VInstance):
            # ``f"iglu:{self.vendor}/{self.name}/..."`` of an instance built here
            text = self._own_text(module, func, instance, given.parts)
            if text is not None:
                return VStr(text)
        value = self.values.expr_value(module, func.qualname, given)
        # ``def _system(self) -> System``: the annotation may say
        return self.returned(module, func, value, None) if isinstance(value, VUnknown) else value

    def _own_text(
        self, module: Module, func: FunctionDef, instance: VInstance, parts: tuple[Expr, ...]
    ) -> str | None:
        """The text a property's f-string gives on ``instance``: its fields (``self.name``)
        as the construction set them (a dataclass built with literal arguments, the
        defaults of the fields it leaves out), the rest as known in the property."""
        texts = []
        for part in parts:
            if isinstance(part, Ref) and len(part.path) == 2 and part.path[0] == func.params[0]:
                value = self.values.attribute(instance, part.path[1])
            else:
                value = self.values.expr_value(module, func.qualname, part)
            if not isinstance(value, VStr):
                return None
            texts.append(value.value)
        return "".join(texts)

    def constructed(self, instance: VInstance, name: str) -> Value | None:
        return constructed_attribute(self.values, instance, name)

    def str_of(self, value: Value) -> Value:
        return str_value(self.values, value)

    # --- classes --------------------------------------------------------------------------

    def classes(self) -> dict[str, list[VClass]]:
        """The parsed Python classes by their names in snake_case."""
        if self._classes is None:
            self._classes = defaultdict(list)
            for module in self.values.modules.values():
                if module.facts.language == "python":
                    for cls in module.facts.classes:
                        found = VClass(module.name, cls.qualname)
                        if not test_double(found):
                            name = snake_case(cls.qualname.rpartition(".")[2])
                            self._classes[name].append(found)
        return self._classes

    def kind(self, cls: VClass) -> str:
        """``protocol`` for a ``typing.Protocol``, ``abstract`` for an ``abc.ABC`` or a
        class declaring an ``@abstractmethod`` of its own, a TS interface or abstract class."""
        definition = self.values.modules[cls.module].classes[cls.qualname]
        if definition.abstract:
            return "abstract"
        if not any(base[-1] in ("Protocol", "ABC") for base in definition.bases):
            # (without evaluating every class's bases)
            return "abstract" if cls in self.declaring_abstract() else ""
        bases = {b.qualname for b in self.values.bases(cls) if isinstance(b, VExternal)}
        return "protocol" if bases & _PROTOCOLS else "abstract" if bases & _ABSTRACT else ""

    def declaring_abstract(self) -> set[VClass]:
        """The parsed Python classes that declare an ``@abstractmethod``."""
        if self._abstract is None:
            self._abstract = {
                VClass(module.name, func.class_name)
                for module in self.values.modules.values()
                for func in module.facts.functions
                if func.abstract and func.class_name is not None
            }
        return self._abstract

    def implementations(self, cls: VClass, structural: bool) -> list[VClass]:
        """The project classes implementing ``cls``: its concrete subclasses (in
        TypeScript also the classes declaring they implement it), and for a Protocol also
        the classes defining every method it declares; in the language of ``cls``."""
        known = self._found.get((cls, structural))
        if known is None:
            known = self._found[cls, structural] = self._implementations_of(cls, structural)
        return known

    def protocols_of(self, cls: VClass) -> list[VClass]:
        """(Python) the project's Protocols that ``cls`` implements without naming them:
        it defines every method they declare (typing's structural subtyping)."""
        if self._protocols is None:
            self._protocols = [
                other
                for other, bases in self.bases_named().items()
                if "Protocol" in bases and self.python(other) and self.kind(other) == "protocol"
            ]
        return [p for p in self._protocols if cls in self.implementations(p, True)]

    def _implementations_of(self, cls: VClass, structural: bool) -> list[VClass]:
        python = self.python(cls)
        wanted = self.methods_of(cls) if structural else set()
        names = {cls.qualname.rpartition(".")[2]}  # the subclasses' names, by their bases
        changed = True
        while changed:
            before = len(names)
            names.update(
                other.qualname.rpartition(".")[2]
                for other, bases in self.bases_named().items()
                if bases & names
            )
            changed = len(names) > before
        found = []
        for other, bases in self.bases_named().items():
            if other == cls or self.python(other) != python or self.kind(other):
                continue
            if test_double(other):
                continue
            nominal = bool(bases & names) and self.subclass(other, cls, set())
            if nominal or (wanted and wanted <= self.methods_of(other)):
                found.append(other)
        return found

    def bases_named(self) -> dict[VClass, set[str]]:
        """Every parsed class and the last names of its bases (and of the interfaces it
        implements) as written."""
        if self._bases is None:
            self._bases = {
                VClass(module.name, cls.qualname): {
                    base[-1] for base in (*cls.bases, *cls.implements)
                }
                for module in self.values.modules.values()
                for cls in module.facts.classes
            }
        return self._bases

    def subclass(self, cls: VClass, of: VClass, seen: set[VClass]) -> bool:
        if cls in seen or cls.module not in self.values.modules:
            return False
        seen.add(cls)
        bases = self.supertypes(cls)
        return of in bases or any(self.subclass(base, of, seen) for base in bases)

    def supertypes(self, cls: VClass) -> list[VClass]:
        """The project classes ``cls`` extends, and the interfaces it implements."""
        module = self.values.modules[cls.module]
        scope = cls.qualname.rpartition(".")[0]
        implemented = [
            self.values.path_value(module, scope, path)
            for path in module.classes[cls.qualname].implements
        ]
        found = (*self.values.bases(cls), *implemented)
        return [value for value in found if isinstance(value, VClass)]

    def python(self, cls: VClass) -> bool:
        return self.values.modules[cls.module].facts.language == "python"

    def methods_of(self, cls: VClass) -> set[str]:
        if self._methods is None:
            self._methods = defaultdict(set)
            for module in self.values.modules.values():
                for func in module.facts.functions:
                    if func.class_name is not None and not func.name.startswith("__"):
                        self._methods[VClass(module.name, func.class_name)].add(func.name)
        return self._methods.get(cls, set())

    # --- attributes that hold an SDK client -----------------------------------------------

    def client_attribute(self, name: str) -> Value | None:
        """The SDK client every definition of attribute ``name`` in the project gives,
        when they all give the same one (``None`` assignments aside)."""
        self.asked_attributes.add(name)
        values: list[Value] = []
        for module, scope, definition in self.attributes().get(name, []):
            if isinstance(definition, FunctionDef):
                returned = module.names(definition.qualname).get(RETURNED)
                if not returned:
                    return None
                value = self.values.candidates_value(
                    module, definition.qualname, RETURNED, returned
                )
            elif isinstance(definition.value, Literal) and definition.value.value is None:
                continue
            else:
                value = self.values.candidate_value(module, scope, definition)
            values.append(value)
        if not values or any(value != values[0] for value in values):
            return None
        client = values[0]
        if not (isinstance(client, VInstance) and isinstance(client.of, VExternal)):
            return None
        qualname = client.of.qualname
        if (qualname.partition(".")[0], qualname.rpartition(".")[2]) not in self.clients:
            return None
        self.client_attributes.add(name)
        return client

    def attributes(self) -> dict[str, list[tuple[Module, str, Binding | FunctionDef]]]:
        """Every definition of an attribute in a class: class-body and ``self.x = ...``
        bindings, methods (properties), by name."""
        if self._attributes is None:
            self._attributes = defaultdict(list)
            for module in self.values.modules.values():
                if module.facts.language != "python":
                    continue
                for binding in module.facts.bindings:
                    if binding.scope in module.classes:
                        self._attributes[binding.target].append((module, binding.scope, binding))
                for func in module.facts.functions:
                    if func.class_name is not None:
                        self._attributes[func.name].append((module, func.class_name, func))
        return self._attributes

    # --- what to parse next ---------------------------------------------------------------

    def triggers(self) -> list[prefilter.Trigger]:
        """Files that could hold another class or definition than the ones the answers
        rest on: classes named alike, definitions of the attributes, implementations."""
        found = [t for name in sorted(self.asked_classes) for t in _class_triggers(name)]
        imports = _import_pattern(self.roots)
        found.extend(
            prefilter.Trigger(name.encode(), imports) for name in sorted(self.asked_attributes)
        )
        found.extend(prefilter.name_trigger(name) for name in sorted(self.client_attributes))
        for cls in sorted(self.declared, key=lambda c: (c.module, c.qualname)):
            found.append(prefilter.name_trigger(cls.qualname.rpartition(".")[2]))
            if self.kind(cls) == "protocol":
                found.append(protocol_trigger(self.methods_of(cls)))
        return found

    def sole_implementations(self) -> dict[VClass, list[str]]:
        """Classes that are the only implementation of a Protocol or ABC, with the names
        of those (a parameter may be declared with one)."""
        found: dict[VClass, list[str]] = defaultdict(list)
        for cls in self.bases_named():
            if self.kind(cls):
                implementation = self.implementation(cls)
                if implementation != cls:
                    found[implementation].append(cls.qualname.rpartition(".")[2])
        return found


def test_double(cls: VClass) -> bool:
    """A class that stands in for another in tests: defined in a test module (under
    ``tests/``, ``test_*.py``, ``*_test.py``, ``conftest.py``) or named ``Fake*``,
    ``Mock*``, ``Dummy*``, ``Stub*``. It is no second implementation of a Protocol, nor a
    second class an instance's name could stand for."""
    if _DOUBLE_NAME.match(cls.qualname.rpartition(".")[2]):
        return True
    *folders, last = cls.module.split(".")
    return (
        not _TEST_FOLDERS.isdisjoint(folders)
        or last.startswith("test_")
        or last.endswith("_test")
        or last in ("conftest", *_TEST_FOLDERS)
    )


def _class_triggers(name: str) -> list[prefilter.Trigger]:
    """Files defining a class whose name is ``name`` in snake_case (``Analytics``,
    ``HTTPClient`` for ``http_client``), anchored on the last word's tail."""
    words = name.split("_")
    body = rb"_?".join(re.escape(word.encode()) for word in words)
    pattern = rb"\bclass\s+_*(?i:" + body + rb")\b"
    tail = words[-1][1:]
    if len(tail) < 3:
        return [prefilter.Trigger(b"class", pattern)]
    return [prefilter.Trigger(anchor.encode(), pattern) for anchor in (tail, tail.upper())]


def protocol_trigger(methods: Iterable[str]) -> prefilter.Trigger:
    """Files that could hold a class implementing a Protocol that declares ``methods``
    without naming it: they define every one of them (anchored on the longest name)."""
    names = sorted(methods, key=lambda name: (-len(name), name))
    defines = (rb"(?=[\s\S]*?\bdef\s+" + re.escape(name.encode()) + rb"\b)" for name in names)
    return prefilter.Trigger(names[0].encode() if names else None, rb"\A" + b"".join(defines))


def _import_pattern(roots: Iterable[str]) -> bytes:
    alternatives = b"|".join(re.escape(root.encode()) for root in sorted(roots))
    return rb"(?m)^\s*(?:from|import)\s+(?:" + alternatives + rb")\b"


def _stand_in(value: Value, instance: VInstance) -> bool:
    """``env ? jitsuAnalytics({...}) : emptyAnalytics``: a name the client's own package
    exports (its no-op client) stands in for the client the other branch builds."""
    cls = instance.of
    return (
        isinstance(value, VExternal)
        and isinstance(cls, VExternal)
        and value.qualname.partition(".")[0] == cls.qualname.partition(".")[0]
    )
