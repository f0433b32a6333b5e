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

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal as TypingLiteral

from evdict.scan import prefilter
from evdict.scan.model import (
    RETURNED,
    Binding,
    Call,
    CallSite,
    Choice,
    Concat,
    DynamicName,
    Evidence,
    Expr,
    FString,
    FunctionDef,
    Import,
    InferredWrapper,
    Item,
    Literal,
    Other,
    PropertySeen,
    Ref,
    Starred,
    TrackingCall,
)
from evdict.scan.python import import_target
from evdict.scan.resolve.events import EventReader
from evdict.scan.resolve.match import (
    DEFERRED_CALLS,
    Recognizers,
    SinkMatcher,
    distinctive,
    shown_func,
)
from evdict.scan.resolve.project import Module, ModuleNames, Project
from evdict.scan.resolve.values import Evaluator, VClass, VExternal
from evdict.scan.sinks import (
    MISSING,
    Arg,
    InferredSink,
    NamePart,
    ParamProps,
    PassThroughSink,
    Sentinel,
    SignatureSink,
    Sink,
)

__all__ = ["Module", "ModuleNames", "Recognizers", "Resolution", "Resolver"]

# Names too common to follow as aliases: every JavaScript module has a ``default``
# export, and compiled code reads ``x.default`` everywhere.
_NOT_ALIASES = frozenset(("default",))


@dataclass
class Resolution:
    calls: list[TrackingCall] = field(default_factory=list)
    wrappers: list[InferredWrapper] = field(default_factory=list)
    needed: set[str] = field(default_factory=set)
    triggers: list[prefilter.Trigger] = field(default_factory=list)


class Resolver:
    """Resolve the calls of ``modules`` (name -> module); ``names`` lists every module of
    the project, parsed or not, so imports of unparsed ones can be asked for."""

    def __init__(
        self, modules: dict[str, Module], names: ModuleNames, recognizers: Recognizers
    ) -> None:
        self.rec = recognizers
        roots = {root for preset in recognizers.presets for root in preset.roots}
        self.values = Evaluator(Project(modules, names, roots))
        self.events = EventReader(self.values, recognizers.enum_names)
        self.matcher = SinkMatcher(self.values, recognizers)
        # Wrappers guessed from a built name or an attribute that nothing calls: their
        # own calls are reported instead, and they are not listed as wrappers.
        self.unused_guesses: set[tuple[str, str]] = set()
        self._interesting: tuple[int, set[str]] | None = None
        self._clients = {client for preset in recognizers.presets for client in preset.clients}

    def interesting(self) -> set[str]:
        """Last names of callees worth matching: the presets', the config wrappers',
        the inferred wrappers' and their aliases'. Cached until a wrapper is added."""
        if self._interesting is not None and self._interesting[0] == len(self.matcher.sinks):
            return self._interesting[1]
        names = self.rec.base_names()
        names.update(qualname.rpartition(".")[2] for _, qualname in self.matcher.sinks)
        if self.matcher.sinks:
            names.update(DEFERRED_CALLS)
        makers = {maker_of(qualname) for _, qualname in self.matcher.sinks if maker_of(qualname)}
        # Aliases: ``send = posthog.capture``, ``self.event = self.analytics.event``,
        # ``from app.tracking import track_event as te``.
        changed = True
        while changed:
            changed = False
            returning = self.returning(names) - makers  # ``return trackEvent``
            if returning:
                makers |= returning
                changed = True
            for module in self.values.modules.values():
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
        self._interesting = (len(self.matcher.sinks), names)
        return names

    def returning(self, names: set[str]) -> set[str]:
        """The functions that return one of ``names`` as it is (``useHandleUiEvents()
        { return trackEvent }``): a call of one gives that function."""
        return {
            binding.scope.rpartition(".")[2]
            for module in self.values.modules.values()
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
        project = self.values.project.project_module(target, module.name) if target else None
        exporting = self.values.modules.get(project) if project else None
        for candidate in exporting.names("").get("default", []) if exporting else ():
            if isinstance(candidate, Binding) and isinstance(candidate.value, Ref):
                return candidate.value.path[-1]
        return None

    def sites(self, names: set[str]) -> Iterator[tuple[Module, CallSite]]:
        for module in self.values.modules.values():
            calls = module.facts.calls
            for name in names:
                for site in calls.get(name, ()):
                    yield module, site

    def learn_receivers(self) -> None:
        """Names bound to SDK clients anywhere (``ph = Posthog(key)``) become receivers."""
        for module in self.values.modules.values():
            for binding in module.facts.bindings:
                if not isinstance(binding.value, Call) or "?" in binding.value.callee:
                    continue
                if binding.value.callee[-1] not in self._clients:
                    continue
                value = self.values.path_value(module, binding.scope, binding.value.callee)
                if isinstance(value, VExternal):
                    for preset in self.rec.presets:
                        if (
                            value.qualname.partition(".")[0] in preset.roots
                            and value.qualname.rpartition(".")[2] in preset.clients
                        ):
                            self.matcher.learned[preset.name].add(binding.target)

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
                known = self.matcher.sinks.get(key)
                if known is not None and not _builds_name(known):
                    continue
                matched = self.matcher.match(module, site)
                if matched is None:
                    continue
                sink = self.wrapper_of(module, func, site, *matched)
                if sink is not None and (known is None or not _builds_name(sink)):
                    self.matcher.sinks[key] = sink
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
        inner = self.matcher.describe(sink)
        chain_tail = sink.chain if isinstance(sink, (InferredSink, PassThroughSink)) else ()
        forwarded = _forwarded(func, call)
        if forwarded and not isinstance(sink, PassThroughSink):
            evidence = Evidence(
                module.path, call.pos, f"{shown_func(func)} passes {forwarded} on to {inner}"
            )
            return PassThroughSink(
                module.name, module.path, func, sink, bound, (evidence, *chain_tail)
            )
        reading = self.matcher.read(sink, call, bound)
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
        entries, spread_params, complete = self.events.properties(
            module, site.scope, reading, frozenset(spreadable)
        )
        fixed: list[tuple[str, Expr]] = []
        fields: list[tuple[str, str]] = []
        for name, value, _ in entries:
            if isinstance(value, Ref) and len(value.path) == 1 and value.path[0] in own:
                fields.append((name, value.path[0]))
            elif not isinstance(value, Sentinel):
                ok, literal = self.events.literal(module, site.scope, value)
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
            shown = f"'{shown_template(template)}'"
        evidence = Evidence(
            module.path, call.pos, f"{shown_func(func)} passes {shown} as the event of {inner}"
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
            text, whole = self.values.fold(module, scope, (part,))
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

    def tracking_calls(self) -> list[TrackingCall]:
        found: list[TrackingCall | None] = []
        called: set[tuple[str, str]] = set()
        uncertain: list[tuple[tuple[str, str], Module, CallSite, Sink, bool]] = []
        for module, site in self.sites(self.interesting()):
            matched = self.matcher.match(module, site)
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
                and key in self.matcher.sinks
                and _same_event(
                    self.wrapper_of(module, func, site, sink, bound), self.matcher.sinks[key]
                )
            ):
                # Passes its parameter on: its callers are the tracking calls. An
                # attribute of a parameter (``request.event_name``) or a name built from
                # one (``f"checkout_{step}"``) in a function nothing calls is more likely
                # a handler's input: then the call itself counts.
                wrapper = self.matcher.sinks[key]
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
        parts = tuple(shown_func(func).split("."))
        return any(parts[-len(w.callee) :] == w.callee for w in self.rec.wrappers)

    def tracking_call(
        self, module: Module, site: CallSite, sink: Sink, bound: bool
    ) -> TrackingCall | None:
        reading = self.matcher.read(sink, site.call, bound)
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
        entries, _, complete = self.events.properties(module, site.scope, reading)
        seen = []
        for name, value, pos in entries:
            has_value, literal = self.events.literal(module, site.scope, value)
            added = pos == site.call.pos and not isinstance(sink, SignatureSink)
            value_pos = pos if added or isinstance(value, Sentinel) else value.pos
            via = self.matcher.describe(sink) if added else None
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
            sources=self.events.name_sources(
                module, site.scope, event, reading.transform, reading.attrs
            ),
        )

    def kind_via(self, sink: Sink) -> tuple[TypingLiteral["sdk", "wrapper", "inferred"], str]:
        if isinstance(sink, SignatureSink):
            return sink.kind, sink.via
        return "inferred", shown_func(sink.func)

    def triggers(self) -> list[prefilter.Trigger]:
        """Prefilter triggers for the next pass: the names of what was inferred."""
        found: list[prefilter.Trigger] = []
        for (module_name, qualname), sink in self.matcher.sinks.items():
            name = maker_of(qualname) or qualname.rpartition(".")[2]
            if distinctive(name):
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
        for module in self.values.modules.values():
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
        for module in self.values.modules.values():
            for binding in module.facts.bindings:
                if (
                    isinstance(binding.value, Call)
                    and "?" not in binding.value.callee
                    and binding.target != RETURNED
                ):
                    value = self.values.path_value(module, binding.scope, binding.value.callee)
                    if value == cls:
                        names.add(binding.target)
        return names

    def run(self) -> Resolution:
        self.learn_receivers()
        self.infer()
        calls = self.tracking_calls()
        wrappers = [
            InferredWrapper(
                name=shown_func(sink.func),
                path=sink.path,
                pos=sink.func.pos,
                event_param=".".join((sink.event_param, *sink.event_attrs))
                if isinstance(sink, InferredSink)
                else f"*{sink.func.vararg}"
                if sink.func.vararg
                else f"**{sink.func.kwarg}",
                chain=sink.chain,
            )
            for key, sink in self.matcher.sinks.items()
            if key not in self.unused_guesses
        ]
        calls.sort(key=lambda call: (call.path, call.pos))
        wrappers.sort(key=lambda wrapper: (wrapper.path, wrapper.pos))
        return Resolution(calls, wrappers, set(self.values.needed), self.triggers())


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


def shown_template(template: tuple[str | NamePart, ...]) -> str:
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


def _default_import_trigger(module: str) -> prefilter.Trigger:
    """Files that import a module's default under any name (``import logEvent from
    "./amplitude"``, ``export { default as track } from "./amplitude"``)."""
    last = module.rpartition(".")[2].encode()
    pattern = (
        rb"(?:\bimport\s+[\w$]+\s*(?:,[^;]*?)?|\bexport\s*\{[^}]*\bdefault\b[^}]*\}\s*)"
        rb"from\s*[\"'][^\"']*\b" + re.escape(last) + rb"(?:\.\w+)?[\"']"
    )
    return prefilter.Trigger(last, pattern)


def maker_of(qualname: str) -> str:
    """``hooks.useTrack.<return>`` -> ``useTrack``: the function whose call gives the
    function ``qualname`` names; empty for any other function."""
    parent, _, name = qualname.rpartition(".")
    return parent.rpartition(".")[2] if name == RETURNED else ""
