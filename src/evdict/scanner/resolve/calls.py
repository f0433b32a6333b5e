"""The tracking calls of the project, and the whole resolution: every call that reaches
a sink becomes a :class:`TrackingCall` (unless it is how a wrapper tracks: then its
callers are the calls), and :class:`Resolver` runs the jobs in order into a
:class:`Resolution` (the calls, the inferred wrappers, the modules it needed, and the
prefilter triggers for the engine's next pass).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal as TypingLiteral

from evdict.scanner import prefilter
from evdict.scanner.evidence import ListedSdks
from evdict.scanner.model import (
    RETURNED,
    Binding,
    Call,
    CallSite,
    DynamicName,
    FunctionDef,
    InferredWrapper,
    PropertySeen,
    Ref,
    Suggestion,
    TrackingCall,
)
from evdict.scanner.resolve.decorated import decorated_event
from evdict.scanner.resolve.decorator_names import (
    decorated_names,
    decorator_factory,
    naming_decorator,
)
from evdict.scanner.resolve.dispatch import Dispatch
from evdict.scanner.resolve.elements import every_one
from evdict.scanner.resolve.events import EventReader
from evdict.scanner.resolve.fan_out import fanned
from evdict.scanner.resolve.filled import filled
from evdict.scanner.resolve.implied import Implied, snake_case
from evdict.scanner.resolve.infer import WrapperInference, maker_of, shown_template
from evdict.scanner.resolve.match import Recognizers, SinkMatcher, distinctive, shown_func
from evdict.scanner.resolve.payload_creators import Creator, creator_of, creator_suggestions
from evdict.scanner.resolve.project import Locator, Module, ModuleNames, Project
from evdict.scanner.resolve.returned import decorated_returns, relaying_decorator
from evdict.scanner.resolve.server_relay import relay_sinks, relay_suggestions
from evdict.scanner.resolve.value_json_types import value_json_type
from evdict.scanner.resolve.value_types import VClass
from evdict.scanner.resolve.values import Evaluator
from evdict.scanner.sinks import (
    MISSING,
    InferredSink,
    PassThroughSink,
    Sentinel,
    SignatureSink,
    Sink,
)


@dataclass
class Resolution:
    calls: list[TrackingCall] = field(default_factory=list)
    wrappers: list[InferredWrapper] = field(default_factory=list)
    needed: set[str] = field(default_factory=set)
    triggers: list[prefilter.Trigger] = field(default_factory=list)
    # With ``relays``: the lines that would read the calls relayed to the product's server.
    suggestions: list[Suggestion] = field(default_factory=list)


class CallBuilder:
    """Turn the calls that reach a sink (``matcher``, with the wrappers ``inference``
    found) into tracking calls, their names and properties read with ``events``."""

    def __init__(
        self,
        events: EventReader,
        matcher: SinkMatcher,
        inference: WrapperInference,
        recognizers: Recognizers,
    ) -> None:
        self.events = events
        self.matcher = matcher
        self.inference = inference
        self.rec = recognizers
        # Wrappers guessed from a built name or an attribute that nothing calls: their
        # own calls are reported instead, and they are not listed as wrappers.
        self.unused_guesses: set[tuple[str, str]] = set()
        # Decorators that send what their functions return: the files using them are read.
        self.decorators: set[str] = set()
        # The relays a factory's callback makes, whose callers are the tracking calls.
        self.creators: list[Creator] = []

    def tracking_calls(self) -> list[TrackingCall]:
        found: list[TrackingCall | None] = []
        called: set[tuple[str, str]] = set()
        uncertain: list[tuple[tuple[str, str], Module, CallSite, Sink, bool]] = []
        relayed: list[tuple[tuple[str, str], Module, CallSite, Sink, bool]] = []
        for module, site in self.inference.sites(self.inference.interesting()):
            matched = self.matcher.match(module, site)
            if matched is None:
                continue
            sink, bound = matched
            if not isinstance(sink, SignatureSink):
                called.add((sink.module, sink.func.qualname))
            if isinstance(sink, PassThroughSink) and isinstance(sink.inner, InferredSink):
                # (an abstract method read as its implementation's) that one is called too
                called.add((sink.inner.module, sink.inner.func.qualname))
            if isinstance(sink, InferredSink):  # a fan-out: every implementation is called
                called.update(sink.fanned)
            decorator = relaying_decorator(module, site)
            if decorator is not None:  # ``telemetry.send_event(*output)`` in ``@send_telemetry``
                self.decorators.add(decorator.name)
                for owner, returned in decorated_returns(
                    self.events.values, module, decorator, site.call
                ):
                    found.append(self.tracking_call(owner, returned, sink, bound))
                continue
            naming = naming_decorator(module, site)
            if naming is not None:  # ``mp.track(id, func.__name__)`` in ``@tracked``
                # the name its uses write: a factory's (``@track_command("node")``)
                self.decorators.add((decorator_factory(module, naming) or naming).name)
                for owner, named in decorated_names(self.events.values, module, naming, site):
                    found.append(self.tracking_call(owner, named, sink, bound))
                continue
            func = module.enclosing_function(site.scope)
            if func is not None and self.declared_wrapper(func):
                continue  # its callers are the tracking calls, as the config says
            derived = None
            if func is not None and (
                (module.name, func.qualname) in self.matcher.sinks
                or module.maker(func) is not None
                or self.inference.relays(module, func, site) is not None
            ):
                func, derived = self.inference.wrapper_at(module, func, site, sink, bound)
            key = (module.name, func.qualname if func is not None else "")
            if key in self.matcher.sinks and _same_event(derived, self.matcher.sinks[key]):
                # Passes its parameter on: its callers are the tracking calls. An
                # attribute of a parameter (``request.event_name``) or a name built from
                # one (``f"checkout_{step}"``) in a function nothing calls is more likely
                # a handler's input: then the call itself counts.
                wrapper = self.matcher.sinks[key]
                if (
                    isinstance(wrapper, InferredSink)
                    and wrapper.event_param  # not a generated event function
                    and (wrapper.event_attrs or wrapper.event_template is not None)
                ):
                    uncertain.append((key, module, site, sink, bound))
                continue
            enclosing = self.matcher.sinks.get(key) if func is not None else None
            if isinstance(enclosing, InferredSink) and enclosing.inner is sink:
                relayed.append((key, module, site, sink, bound))
                continue
            tracked = self.tracking_call(module, site, sink, bound)
            creator = creator_of(module, site) if tracked and not tracked.events else None
            if creator is not None:  # ``emit("sendEvent", event)`` in a thunk's callback
                self.creators.append(creator)  # its callers' (payload_creators.py)
                continue
            found.append(tracked)
        for key, module, site, sink, bound in uncertain:
            if key not in called:
                self.unused_guesses.add(key)
                found.append(self.tracking_call(module, site, sink, bound))
        for key, module, site, sink, bound in relayed:
            # Another call in a wrapper to the sink it passes its parameter to, of a value
            # it made of its callers' (``self._direct_capture(batched)``, a batch of their
            # events): with no name of its own, the callers' calls stand for it.
            call = self.tracking_call(module, site, sink, bound)
            if call is not None and (call.events or key not in called):
                found.append(call)
        return [call for call in found if call is not None]

    def declared_wrapper(self, func: FunctionDef) -> bool:
        """``func`` is a wrapper the config declares (its qualified name ends with the
        callee): the calls in its body are how it tracks, not events of their own."""
        parts = tuple(shown_func(func).split("."))
        return any(parts[-len(w.callee) :] == w.callee for w in self.rec.wrappers)

    def tracking_call(
        self, module: Module, site: CallSite, sink: Sink, bound: bool
    ) -> TrackingCall | None:
        site = filled(
            self.events.values, module, site, sink
        )  # ``trackEvents(events)`` of ``events.push(...)``
        reading = self.matcher.read(module, site, sink, bound)
        if reading.decorated is not None:  # ``@telemetry.log_call("connect")``
            naming = reading.decorated
            reading.event = decorated_event(self.events.values, module, site, naming, reading.event)
            reading.transform = "dashes" if naming.dashes else reading.transform
            reading.opaque = True  # the SDK adds properties the call does not show
        if reading.event is MISSING:
            return None
        names, dynamic = self.events.event_names(
            module, site.scope, reading.event, reading.transform, reading.attrs
        )
        if (
            dynamic is not None
            and dynamic.kind == "concatenation"
            and isinstance(sink, InferredSink)
            and sink.event_template is not None
        ):
            # The caller wrote no concatenation: say which wrapper builds the name.
            built = (
                f"the name {shown_func(sink.func)} builds, '{shown_template(sink.event_template)}'"
            )
            known = f", starting with '{dynamic.prefix}'" if dynamic.prefix else ""
            dynamic = DynamicName("built", built + known, dynamic.prefix)
        fanned_out = fanned(module, site, sink, self.inference.abstract)
        if isinstance(sink, InferredSink) and (sink.event_each or 1 < fanned_out == len(names)):
            dynamic = every_one(names, dynamic)
        read = self.events.properties(module, site.scope, reading)
        seen = []
        for name, value, pos in read.entries:
            has_value, literal = self.events.literal(module, site.scope, value)
            added = pos == site.call.pos and not isinstance(sink, SignatureSink)
            value_pos = pos if added or isinstance(value, Sentinel) else value.pos
            via = self.matcher.describe(sink) if added else None
            typed = (
                None
                if has_value or isinstance(value, Sentinel)
                else value_json_type(module, site.scope, value)
            )
            seen.append(PropertySeen(name, pos, has_value, literal, value_pos, via, typed))
        seen.sort(key=lambda prop: (prop.via is not None, prop.pos))
        event = reading.event
        event_pos = event.pos if not isinstance(event, Sentinel) else site.call.pos
        kind, via = self.kind_via(sink)
        via = reading.api or via
        return TrackingCall(
            path=module.path,
            pos=site.call.pos,
            event_pos=event_pos,
            events=names,
            dynamic=dynamic,
            kind=kind,
            via=via,
            properties=tuple(seen),
            complete=read.complete,
            language=module.facts.language,
            sources=self.events.name_sources(
                module, site.scope, event, reading.transform, reading.attrs
            ),
            evidence=sink.evidence if isinstance(sink, SignatureSink) else None,
            generated=_generated_event(sink) is not None,
        )

    def kind_via(self, sink: Sink) -> tuple[TypingLiteral["sdk", "wrapper", "inferred"], str]:
        if isinstance(sink, SignatureSink):
            return sink.kind, sink.via
        return "inferred", shown_func(sink.func)


class Resolver:
    """Resolve the calls of ``modules`` (name -> module); ``names`` lists every module of
    the project, parsed or not, so imports of unparsed ones can be asked for; ``listed``
    says which SDKs the manifests governing a module list (evidence for unproven calls).
    With ``relayed``, functions sending an event to the product's own server are taken
    as wrappers, and the calls through them it keeps (path, line, column: reported, not
    proven otherwise) are suggestions (:mod:`~evdict.scanner.resolve.server_relay`)."""

    def __init__(
        self,
        modules: dict[str, Module],
        names: ModuleNames,
        recognizers: Recognizers,
        locator: Locator | None = None,
        listed: ListedSdks | None = None,
        *,
        relayed: Callable[[str, int, int], bool] | None = None,
    ) -> None:
        self.relayed = relayed
        roots = {root for preset in recognizers.presets for root in preset.roots}
        self.values = Evaluator(Project(modules, names, roots, locator))
        clients = {
            (root, client)
            for preset in recognizers.presets
            for root in preset.roots
            for client in preset.clients
        }
        methods = {name for preset in recognizers.presets for name, _ in preset.methods}
        self.implied = self.values.implied = Implied(self.values, clients, methods)
        # Its rules by name and by class hierarchy read Python only (a TS return
        # annotation or a choice of one instance is read the same way in both).
        self.python = any(module.facts.language == "python" for module in modules.values())
        self.events = EventReader(self.values, recognizers.enum_names)
        self.dispatch = Dispatch(self.values, self.implied)
        self.matcher = SinkMatcher(self.values, recognizers, listed, self.dispatch.unimplemented)
        self.inference = WrapperInference(
            self.values, self.events, self.matcher, recognizers, self.dispatch
        )
        self.builder = CallBuilder(self.events, self.matcher, self.inference, recognizers)

    def run(self) -> Resolution:
        self.inference.learn_receivers()
        relays = relay_sinks(self.values.modules.values()) if self.relayed else {}
        self.matcher.sinks.update(relays)
        self.inference.infer()
        proven = self.matcher.channels.routes.proven  # a route's handler relaying a request
        calls = [c for c in self.builder.tracking_calls() if (c.path, tuple(c.pos)) not in proven]
        suggestions = (
            relay_suggestions(self.inference, self.matcher, relays, calls, self.relayed)
            if relays and self.relayed
            else []
        )
        creators = self.builder.creators if self.relayed else []
        if self.relayed:
            suggestions += creator_suggestions(self.events, creators, self.relayed)
        wrappers = [
            InferredWrapper(
                name=shown_func(sink.func),
                path=sink.path,
                pos=sink.func.pos,
                event_param=_event_param(sink),
                chain=sink.chain,
                generated_event=_generated_event(sink),
            )
            for key, sink in self.matcher.sinks.items()
            if key not in self.builder.unused_guesses
        ]
        calls.sort(key=lambda call: (call.path, call.pos))
        wrappers.sort(key=lambda wrapper: (wrapper.path, wrapper.pos))
        return Resolution(
            calls,
            wrappers,
            set(self.values.needed),
            _triggers(
                self.values,
                self.matcher,
                self.inference,
                self.implied,
                self.python,
                self.dispatch,
            )
            + [prefilter.name_trigger(name) for name in sorted(self.builder.decorators)]
            + [prefilter.name_trigger(name) for name in sorted({c.name for c in creators})],
            suggestions,
        )


def _event_param(sink: InferredSink | PassThroughSink) -> str:
    """The parameter a wrapper sends as the event, as ``--explain-wrappers`` shows it: an
    abstract method's is its implementation's."""
    if isinstance(sink, InferredSink):
        return ".".join((sink.event_param, *sink.event_attrs))
    if not sink.func.abstract and (sink.func.vararg or sink.func.kwarg):
        return f"*{sink.func.vararg}" if sink.func.vararg else f"**{sink.func.kwarg}"
    return _event_param(sink.inner) if not isinstance(sink.inner, SignatureSink) else ""


def _triggers(
    values: Evaluator,
    matcher: SinkMatcher,
    inference: WrapperInference,
    implied: Implied,
    python: bool,
    dispatch: Dispatch,
) -> list[prefilter.Trigger]:
    """Prefilter triggers for the next pass: the names of what was inferred, and what
    ``implied`` (its rules by name and by class hierarchy read Python only) and
    ``dispatch`` need to see to be sure of their answers."""
    found: list[prefilter.Trigger] = (
        implied.triggers() + _holder_triggers(values, matcher, implied) if python else []
    )
    found.extend(dispatch.triggers())
    instances: dict[VClass, set[str]] | None = None
    for (module_name, qualname), sink in matcher.sinks.items():
        name = maker_of(qualname) or qualname.rpartition(".")[2]
        if distinctive(name):
            found.append(prefilter.name_trigger(name))
        elif sink.func.class_name is None:
            packages = values.project.package_names(module_name)
            found.append(prefilter.imported_name_trigger(name, module_name, packages))
        else:
            found.append(prefilter.name_trigger(sink.func.class_name.rpartition(".")[2]))
            if sink.func.abstract:  # its class is never built: its name is how it is typed
                continue
            instances = _instance_names(values) if instances is None else instances
            for receiver in sorted(instances.get(VClass(module_name, sink.func.class_name), ())):
                found.append(prefilter.callee_trigger((receiver, name)))
    found.extend(matcher.channels.triggers(matcher.sinks))
    # A request's ``fetch``, an array's ``push``: read on their receivers only, so what
    # imports, aliases or returns one is no reason to parse a file.
    interesting = inference.interesting() - inference.rec.receiver_only_names()
    for maker in inference.returning(interesting):
        found.append(prefilter.name_trigger(maker))
    found.extend(values.contexts.triggers(matcher.sinks))
    for module in values.modules.values():
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
                    if distinctive(alias)
                    else prefilter.imported_name_trigger(
                        alias, module.name, values.project.package_names(module.name)
                    )
                )
        default = module.names("").get("default", [])
        if any(
            isinstance(b, Binding) and isinstance(b.value, Ref) and b.value.path[-1] in interesting
            for b in default
        ):
            found.append(_default_import_trigger(module.name))
    return found


def _instance_names(values: Evaluator) -> dict[VClass, set[str]]:
    """The names bound to an instance of each project class (``analytics = Analytics()``)."""
    names: dict[VClass, set[str]] = defaultdict(set)
    for module in values.modules.values():
        for binding in module.facts.bindings:
            if (
                isinstance(binding.value, Call)
                and "?" not in binding.value.callee
                and binding.target != RETURNED
            ):
                value = values.path_value(module, binding.scope, binding.value.callee)
                if isinstance(value, VClass):
                    names[value].add(binding.target)
    return names


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


def _default_import_trigger(module: str) -> prefilter.Trigger:
    """Files that import a module's default under any name (``import logEvent from
    "./amplitude"``, ``export { default as track } from "./amplitude"``)."""
    last = module.rpartition(".")[2].encode()
    pattern = (
        rb"(?:\bimport\s+[\w$]+\s*(?:,[^;]*?)?|\bexport\s*\{[^}]*\bdefault\b[^}]*\}\s*)"
        rb"from\s*[\"'][^\"']*\b" + re.escape(last) + rb"(?:\.\w+)?[\"']"
    )
    return prefilter.Trigger(last, pattern)


def _holder_triggers(
    values: Evaluator, matcher: SinkMatcher, implied: Implied
) -> list[prefilter.Trigger]:
    """Files that may call a wrapper method through an instance named after its class
    (``analytics.event``), through a class holding a bound-method alias of it
    (``self.event = self.analytics.event``, called as ``coder.event``), or through a
    Protocol or ABC it is the only implementation of."""
    found: list[prefilter.Trigger] = []
    methods: set[str] = set()
    sole = implied.sole_implementations()
    for (module_name, _), sink in matcher.sinks.items():
        cls = sink.func.class_name
        if cls is None:
            continue
        methods.add(sink.func.name)
        found.append(prefilter.callee_trigger((snake_case(cls.rpartition(".")[2]), sink.func.name)))
        for declared in sole.get(VClass(module_name, cls), ()):
            found.append(prefilter.name_trigger(declared))
    for module in values.modules.values():
        for binding in module.facts.bindings:
            if (
                binding.scope in module.classes
                and isinstance(binding.value, Ref)
                and len(binding.value.path) > 1
                and binding.value.path[-1] in methods
            ):
                holder = binding.scope.rpartition(".")[2]
                # A subclass calling ``self.event(...)`` names the holder (its base).
                call = rb"\.\s*" + re.escape(binding.target.encode()) + rb"\s*\("
                found.append(prefilter.Trigger(holder.encode(), call))
                found.append(prefilter.callee_trigger((snake_case(holder), binding.target)))
    return found


def _generated_event(sink: Sink) -> str | None:
    """The event of a function ``evdict codegen`` wrote (its name is its own text, no
    parameter builds it); None for any other sink."""
    if isinstance(sink, InferredSink) and not sink.event_param and sink.event_template:
        return "".join(str(part) for part in sink.event_template)
    return None
