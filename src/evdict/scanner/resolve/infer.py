"""Wrapper inference, to a fixed point: a function that passes one of its parameters
as the event of a tracking call is itself one (the parameter as it is, an attribute or
key of it, or a name built from it), transitively and across modules; and the names
bound to SDK clients anywhere, which become receivers.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from typing import TypeGuard

from evdict.scanner.model import (
    RETURNED,
    Call,
    CallSite,
    Chain,
    Concat,
    Evidence,
    Expr,
    FString,
    FunctionDef,
    Item,
    Literal,
    Other,
    Ref,
    Starred,
    Str,
)
from evdict.scanner.resolve.aliases import AliasGraph
from evdict.scanner.resolve.dispatch import Dispatch
from evdict.scanner.resolve.elements import element_of, rebased_reading, skipped
from evdict.scanner.resolve.events import EventReader
from evdict.scanner.resolve.fan_out import fanned
from evdict.scanner.resolve.keyed_values import keyed_table
from evdict.scanner.resolve.local_objects import bound_choice, local_value
from evdict.scanner.resolve.match import (
    DEFERRED_CALLS,
    Recognizers,
    SinkMatcher,
    shown_func,
)
from evdict.scanner.resolve.project import Module
from evdict.scanner.resolve.queue_relay import Relays
from evdict.scanner.resolve.relay import TRIGGERS
from evdict.scanner.resolve.value_types import VClass, VExternal
from evdict.scanner.resolve.values import Evaluator
from evdict.scanner.resolve.whole_objects import whole_object
from evdict.scanner.resolve.wrapper_locals import (
    built_choice,
    chosen_params,
    defaulted,
    literal_rebindings,
    local_part,
    self_merged,
    through_local,
    with_merged,
)
from evdict.scanner.sinks import (
    RUN_TIME_PART,
    InferredSink,
    NamePart,
    ParamProps,
    PassThroughSink,
    Sentinel,
    SignatureSink,
    Sink,
)


class WrapperInference:
    """Infer wrappers into ``matcher.sinks`` (and SDK receivers into
    ``matcher.learned``): calls matched with ``matcher``, their events and properties
    read with ``events``, names evaluated with ``values``, abstract methods read as their
    implementations' with ``dispatch``."""

    def __init__(
        self,
        values: Evaluator,
        events: EventReader,
        matcher: SinkMatcher,
        recognizers: Recognizers,
        dispatch: Dispatch | None = None,
    ) -> None:
        self.values = values
        self.events = events
        self.matcher = matcher
        self.rec = recognizers
        self.dispatch = dispatch
        self._interesting: tuple[int, set[str]] | None = None
        self._by_name: dict[str, list[tuple[int, Module, CallSite]]] | None = None
        self._alias_graph: AliasGraph | None = None
        # wrapper_of by (site, inner sink, bound), the two kept so their ids stay theirs.
        self._derived: dict[
            tuple[int, int, bool, str],
            tuple[CallSite, Sink, InferredSink | PassThroughSink | None],
        ] = {}
        self.relays = Relays()  # a queue's worker: the method putting on the queue
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
            if self.matcher.channels.handlers():
                names.update(TRIGGERS)
            names.update(self.matcher.channels.routes.names())  # an HTTP relay's senders
        makers = {maker_of(qualname) for _, qualname in self.matcher.sinks if maker_of(qualname)}
        common = self.rec.receiver_only_names() & names
        names = self._aliases().closure(names - common, makers) | common
        self._interesting = (len(self.matcher.sinks), names)
        return names

    def returning(self, names: set[str]) -> set[str]:
        """The functions that return one of ``names`` as it is (``useHandleUiEvents()
        { return trackEvent }``): a call of one gives that function."""
        return self._aliases().returning(names)

    def _aliases(self) -> AliasGraph:
        if self._alias_graph is None:
            self._alias_graph = AliasGraph(self.values)
        return self._alias_graph

    def sites(self, names: set[str]) -> list[tuple[Module, CallSite]]:
        """The calls of ``names``, by module in the modules' order, then by name sorted
        (the same order whatever the hash seed), then as written."""
        by_name = self._calls_named()
        found = [entry for name in sorted(names) for entry in by_name.get(name, ())]
        found.sort(key=lambda entry: entry[0])  # stable: names sorted within a module
        return [(module, site) for _, module, site in found]

    def _calls_named(self) -> dict[str, list[tuple[int, Module, CallSite]]]:
        """Every call site by its callee's last name, with its module's place."""
        if self._by_name is None:
            self._by_name = defaultdict(list)
            for place, module in enumerate(self.values.modules.values()):
                for name, calls in module.facts.calls.items():
                    self._by_name[name].extend((place, module, site) for site in calls)
        return self._by_name

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
        """Wrappers of sinks, and wrappers of those, to a fixed point. A new sink's callers
        are visited as soon as it is found (a chain of 3,000 wrappers is one pass, not
        3,000); the aliases it brings are read once the pass ends."""
        if not self.rec.infer:
            return
        names = self.interesting()
        pending = set(names)
        while pending:
            queue = list(self.sites(pending))
            found: set[str] = set()
            while queue:
                module, site = queue.pop()
                name = self._visit(module, site)
                if name is not None and name not in found:
                    found.add(name)
                    queue.extend(self.sites({name}))
            if self.dispatch is not None:  # once the implementations' are known
                found.update(self.dispatch.infer(self.matcher.sinks))
            if not found:
                return
            interesting = self.interesting()
            # An HTTP relay's senders: its route's handler may have become a wrapper's caller.
            pending = (interesting - names) | found | self.matcher.channels.routes.names()
            names = interesting

    def _visit(self, module: Module, site: CallSite) -> str | None:
        """Learn the function around ``site`` as a wrapper when it is one; its name if so."""
        func = module.enclosing_function(site.scope)
        # A name built from a parameter gives way to the parameter passed as it is.
        if func is None or _passes_param(self.matcher.sinks.get((module.name, func.qualname))):
            return None
        matched = self.matcher.match(module, site)
        if matched is None:
            return None
        func, sink = self.wrapper_at(module, func, site, *matched)
        key = (module.name, func.qualname)
        known = self.matcher.sinks.get(key)
        if sink is None or _passes_param(known) or (known is not None and _builds_name(sink)):
            return None
        self.matcher.sinks[key] = sink
        return func.qualname.rpartition(".")[2]

    def wrapper_at(
        self, module: Module, func: FunctionDef, site: CallSite, sink: Sink, bound: bool
    ) -> tuple[FunctionDef, InferredSink | PassThroughSink | None]:
        """The function ``site`` (in ``func``) makes a wrapper, and that wrapper: ``func``,
        or the function ``func`` is defined in when the event is that one's parameter
        (``tracked(event, fn)`` returning ``(...args) => { telemetry.track({ event }) }``:
        each ``tracked("x", fn)`` sends ``x``, later; a component's ``const onClick = () =>
        capture(props.eventName)``: each ``<Button eventName="x" />`` sends ``x``)."""
        derived = self.site_wrapper(module, func, site, sink, bound)
        if derived is None and (relay := self.relays(module, func, site)) is not None:
            return relay[0], self.site_wrapper(module, relay[0], relay[1], sink, bound)
        maker = module.maker(func)
        if derived is not None or maker is None:
            return func, derived
        made = self.site_wrapper(module, maker, site, sink, bound)
        shadowed = (*func.params, func.vararg, *module.names(func.qualname))
        if isinstance(made, InferredSink) and made.event_param not in shadowed:
            return maker, made
        return func, None

    def abstract(self, cls: VClass) -> bool:
        """``cls`` is a Protocol or an abstract class (:class:`Dispatch` reads its calls)."""
        return self.dispatch is not None and bool(self.dispatch.implied.kind(cls))

    def site_wrapper(
        self, module: Module, func: FunctionDef, site: CallSite, sink: Sink, bound: bool
    ) -> InferredSink | PassThroughSink | None:
        """:meth:`wrapper_of`, read once per site, function and sink: inference reads it,
        then the calls ask it again of every site in a wrapper (a chain of 3,000 read each
        twice)."""
        key = (id(site), id(sink), bound, func.qualname)
        derived = self._derived.get(key)
        if derived is None:
            derived = self._derived[key] = (
                site,
                sink,
                self.wrapper_of(module, func, site, sink, bound),
            )
        return derived[2]

    def wrapper_of(
        self, module: Module, func: FunctionDef, site: CallSite, sink: Sink, bound: bool
    ) -> InferredSink | PassThroughSink | None:
        """``func`` as a wrapper, when it passes a parameter of its own as the event."""
        call = site.call
        locals_ = module.names(func.qualname)
        own = {
            name
            for name in (*func.params, *func.kwonly)
            if name not in locals_ or defaulted(name, locals_[name])
        }
        # ``props = {"source": "web", **props}``: the callers' dict and what it adds
        merged = {
            name: mapping
            for name in (*func.params, *func.kwonly)
            if name not in own and (mapping := self_merged(name, locals_[name])) is not None
        }
        own |= set(merged)
        spreadable = own | {
            name for name in (func.vararg, func.kwarg) if name and name not in locals_
        }
        inner = self.matcher.describe(sink)
        chain_tail = sink.chain if isinstance(sink, (InferredSink, PassThroughSink)) else None
        forwarded = _forwarded(func, call) or whole_object(func, call, sink, own)
        if forwarded and not isinstance(sink, PassThroughSink):
            evidence = Evidence(
                module.path, call.pos, f"{shown_func(func)} passes {forwarded} on to {inner}"
            )
            return PassThroughSink(
                module.name, module.path, func, sink, bound, Chain(evidence, chain_tail)
            )
        reading = self.matcher.read(module, site, sink, bound)
        element = element_of(module, func, reading.event, own)
        if element is not None:  # ``event.name`` of ``for (const event of events)``
            reading = rebased_reading(reading, element)
        event = through_local(module, func, reading.event)
        key: str | None = None
        attrs: tuple[str, ...] = ()
        template: tuple[str | NamePart, ...] | None = None
        choices: tuple[tuple[str | NamePart, ...], ...] = ()
        built = built_choice(module, func, event)
        if built is None and isinstance(event, (Concat, FString)) and event.parts:
            built = (event,)
        if built is not None:
            # ``f"billing:{action}"``: the callers' names, with the wrapper's own text
            # (or one of a choice of such names).
            receiver = func.params[:1] if func.kind in ("method", "classmethod") else ()
            templates = []
            for option in built:
                parts = tuple(local_part(module, func, part) for part in option.parts)
                found = self.name_templates(module, site.scope, parts, own - set(receiver))
                if found is None:
                    return None
                templates.extend(found)
            template, choices = templates[0], tuple(templates[1:])
            # The event parameter: a part the callers' text fills, before one naming a member.
            params = [part for part in template if _is_param_part(part)]
            param = min(params, key=lambda part: bool(part.names)).param
        elif isinstance(event, Item) and len(event.base) == 1:
            key, param = event.key, event.base[0]
        elif isinstance(event, Ref) and (
            len(event.path) <= 2 + (event.path[-1] == "__str__")
            or not isinstance(sink, SignatureSink)
        ):
            # ``event.name``, ``str(event.action)``, an enum's ``.value``; never ``self.x``
            param, attrs = event.path[0], event.path[1:]
            if attrs and func.kind in ("method", "classmethod") and param == func.params[0]:
                return None
            if attrs and f"{param}.{attrs[0]}" in locals_:  # set here: not the callers'
                return None
        elif isinstance(event, Str) and _generated_function(module, func):
            # A function ``evdict codegen`` wrote: its event is its own, its properties
            # its keyword parameters; its callers are the tracking calls.
            template, param = (event.value,), ""
        else:
            return None
        overrides: tuple[str, ...] = ()
        if param not in own and not (param == "" and template is not None):
            # ``event_name = "trialExpired"`` in one branch: the callers' name or that one
            overrides = literal_rebindings(func, param, locals_.get(param, []))
            if not overrides or attrs or key is not None or template is not None:
                return None
        excluded = (
            _excluded(func, call, param, sink)
            if not attrs and key is None and template is None
            else ()
        )
        if element is not None and key is not None:
            excluded = skipped(element, (key,), call.pos[0])
        if merged:
            spreads = [with_merged(spread, merged) for spread in reading.spreads]
            reading = dataclasses.replace(reading, spreads=spreads)
        read = self.events.properties(module, site.scope, reading, frozenset(spreadable))
        fixed: list[tuple[str, Expr]] = []
        fields: list[tuple[str, str]] = []
        for name, value, _ in read.entries:
            if isinstance(value, Ref) and len(value.path) == 1 and value.path[0] in own:
                fields.append((name, value.path[0]))
            elif not isinstance(value, Sentinel):
                fixed.append((name, self.fixed_value(module, site.scope, value)))
        kwargs = func.kwarg is not None and func.kwarg in read.spread_params
        props = ParamProps(
            fixed=tuple(fixed),
            fields=tuple(fields),
            spreads=tuple(p for p in read.spread_params if p != func.kwarg),
            kwargs=kwargs,
            opaque=not read.complete,
            guarded=tuple(
                (param, name, self.fixed_value(module, site.scope, value))
                for param, name, value in read.guarded
                if not isinstance(value, Sentinel)
            ),
            omitted=tuple(dict.fromkeys((*reading.omitted, *read.omitted))),
        )
        shown_key = f"['{key}']" if key else "".join(f".{attr}" for attr in attrs)
        shown = f"parameter '{param}'{shown_key}"
        if element is not None:
            shown = f"each object of parameter '{param}', its {shown_key},"
        if overrides:
            shown += "".join(f" (or '{name}')" for name in overrides)
        if excluded:
            shown += " (never " + ", ".join(f"'{name}'" for name in excluded) + ")"
        if template is not None:
            shown = " or ".join(f"'{shown_template(each)}'" for each in (template, *choices))
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
            Chain(evidence, chain_tail),
            attrs,
            event_template=template,
            event_choices=choices,
            event_overrides=overrides,
            event_excluded=excluded,
            event_each=element is not None,
            event_fanout=fanned(module, site, sink, self.abstract),
            inner=sink,
        )

    def fixed_value(self, module: Module, scope: str, value: Expr) -> Expr:
        """A value a wrapper adds itself: its literal, or a value known only at run time."""
        ok, literal = self.events.literal(module, scope, value)
        return Literal(literal, value.pos) if ok else Other("value", value.pos)

    def name_templates(
        self, module: Module, scope: str, parts: tuple[Expr, ...], own: set[str]
    ) -> list[tuple[str | NamePart, ...]] | None:
        """The names ``parts`` build: the wrapper's parameters (``{category}_{name}``, an
        enum member's ``{event.value}``) in known text, one template for each choice a
        local of the wrapper's scope makes (``namespace = isSource ? "Source" :
        "Destination"``: ``Source.{action}`` or ``Destination.{action}``); None when a
        part is none of these, or no parameter is among them."""
        templates: list[list[str | NamePart]] = [[]]
        for part in parts:
            if isinstance(part, Ref) and len(part.path) <= 2 and part.path[0] in own:
                named: list[str | NamePart] = [NamePart(part.path[0], part.path[1:])]
            elif isinstance(part, Item) and len(part.base) == 1 and part.base[0] in own:
                # ``const { elementName } = params``: a key of the parameter.
                named = [NamePart(part.base[0], key=part.key)]
            elif chosen := chosen_params(module, scope, part, own):
                # ``name = mixpanel_name if (...) else event_name``: either parameter
                named = [NamePart(param) for param in chosen]
            else:
                texts = self.part_texts(module, scope, part)
                if texts is not None and len(templates) * len(texts) > _MAX_TEMPLATES:
                    return None
                # ``Step[step].toLowerCase()`` of a parameter: each caller's step names it;
                # of a value known only at run time: the callers still give the rest,
                # so each of their calls is a dynamic name.
                keyed = None if texts is not None else self.keyed_part(module, scope, part, own)
                named = list(texts) if texts is not None else [keyed or RUN_TIME_PART]
            templates = [[*each, option] for each in templates for option in named]
        joined = [_joined_text(each) for each in templates]
        if not all(any(_is_param_part(part) for part in each) for each in joined):
            return None
        return list(dict.fromkeys(joined))

    def keyed_part(self, module: Module, scope: str, part: Expr, own: set[str]) -> NamePart | None:
        """A part naming what a parameter's value names (a numeric enum's member)."""
        local = local_value(module, scope, part) if isinstance(part, Ref) else None
        keyed = keyed_table(self.values, module, scope, local or part, own)
        return NamePart(keyed[0], names=keyed[1]) if keyed is not None else None

    def part_texts(self, module: Module, scope: str, part: Expr) -> tuple[str, ...] | None:
        """The text a part of a built name is: a constant's, or each option's of a local
        set to a choice of constants; None when not known."""
        text, whole = self.values.fold(module, scope, (part,))
        if whole:
            return (text,)
        local = bound_choice(module, scope, part)
        if local is None:
            return None
        texts = []
        for option in local.options:
            text, whole = self.values.fold(module, scope, (option,))
            if not whole:
                return None
            texts.append(text)
        return tuple(dict.fromkeys(texts))


# A wrapper building its name of several choices: past this many names, no template.
_MAX_TEMPLATES = 16


def _joined_text(parts: list[str | NamePart]) -> tuple[str | NamePart, ...]:
    """Adjacent texts of a template as one."""
    joined: list[str | NamePart] = []
    for part in parts:
        last = joined[-1] if joined else None
        if isinstance(part, str) and isinstance(last, str):
            joined[-1] = last + part
        else:
            joined.append(part)
    return tuple(joined)


GENERATED_MARKER = "__evdict_codegen__"
"""The module-level name ``evdict codegen`` defines in the modules it writes."""


def _generated_function(module: Module, func: FunctionDef) -> bool:
    """A module-level function in a module ``evdict codegen`` wrote (it defines
    :data:`GENERATED_MARKER`): Python's take keyword arguments only, TypeScript's one
    object of properties."""
    return (
        func.kind == "function"
        and "." not in func.qualname
        and len(func.params) <= 1
        and func.vararg is None
        and func.kwarg is None
        and GENERATED_MARKER in module.names("")
    )


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


def _is_param_part(part: str | NamePart) -> TypeGuard[NamePart]:
    """A parameter's place in a built name (not a part known only at run time)."""
    return isinstance(part, NamePart) and part != RUN_TIME_PART


def shown_template(template: tuple[str | NamePart, ...]) -> str:
    """``cli_{event.value}``: a built name as the wrapper writes it."""
    return "".join(
        part if isinstance(part, str) else "{" + _shown_part(part) + "}" for part in template
    )


def _shown_part(part: NamePart) -> str:
    if part.names:  # ``Step[step].toLowerCase()``: the member the value names
        return f"name of {part.param}"
    return ".".join((part.param, *part.attrs, *filter(None, (part.key,)))) or "?"


def _passes_param(sink: Sink | None) -> bool:
    """A wrapper known to pass its parameter on as it is: nothing else replaces it."""
    return sink is not None and not _builds_name(sink)


def _builds_name(sink: Sink) -> bool:
    return isinstance(sink, InferredSink) and sink.event_template is not None


def _excluded(func: FunctionDef, call: Call, param: str, inner: Sink) -> tuple[str, ...]:
    """The names ``func`` never sends as ``param``: those it leaves on above ``call``
    (``if event_type == "set_orgs": return``) and those of the wrapper it hands
    ``param`` to as it is."""
    own = [name for arg, name, line in func.str_exits if arg == param and line < call.pos[0]]
    if isinstance(inner, InferredSink):
        own.extend(inner.event_excluded)
    return tuple(dict.fromkeys(own))


def maker_of(qualname: str) -> str:
    """``hooks.useTrack.<return>`` -> ``useTrack``: the function whose call gives the
    function ``qualname`` names; empty for any other function."""
    parent, _, name = qualname.rpartition(".")
    return parent.rpartition(".")[2] if name == RETURNED else ""
