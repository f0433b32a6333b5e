"""What the config recognises (:class:`Recognizers`) and which sink a call reaches
(:class:`SinkMatcher`): a wrapper the config declares (a name or dotted suffix of the
callee as written, after following aliases and imports), a parameter a provider fills
(:mod:`~evdict.scanner.resolve.provided`), an SDK (its import, its client, a receiver name
such as ``analytics``), or a wrapper inferred so far, also through an event bus (a channel
whose handler is one, :mod:`~evdict.scanner.resolve.relay`); and what a sink reads of it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from evdict.config import Config
from evdict.scanner import prefilter
from evdict.scanner.evidence import ListedSdks, Sources, Weight, weigh
from evdict.scanner.frontends.python import import_target
from evdict.scanner.model import (
    RETURNED,
    Binding,
    Call,
    CallSite,
    Choice,
    FunctionDef,
    Import,
    Other,
    Ref,
)
from evdict.scanner.presets import Preset, Signature, Wrapper, WrapperSpecError, parse_wrapper
from evdict.scanner.resolve.auto_imports import function_names, provided
from evdict.scanner.resolve.bridged import GLOBAL_OBJECTS
from evdict.scanner.resolve.local_dicts import spelled_keywords
from evdict.scanner.resolve.local_objects import (
    enclosing_binding,
    handed_in,
    local_value,
    spelled_out,
)
from evdict.scanner.resolve.project import Module
from evdict.scanner.resolve.provided import Provided, provided_sink
from evdict.scanner.resolve.relay import TRIGGERS, Channels
from evdict.scanner.resolve.value_types import Value, VExternal, VFunc, VMember, VUnknown, called
from evdict.scanner.resolve.values import Evaluator
from evdict.scanner.sdk_presets import known_sdks, presets_for
from evdict.scanner.sinks import (
    InferredSink,
    PassThroughSink,
    Reading,
    SignatureSink,
    Sink,
    read_inferred,
    read_signature,
)

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
# Objects whose attributes are globals in a browser: ``window.gtag(...)`` is ``gtag(...)``.
_GLOBAL_OBJECTS = frozenset((name,) for name in GLOBAL_OBJECTS)


@dataclass(frozen=True)
class Recognizers:
    """The presets, declared wrappers and receiver names of one language, from the config."""

    presets: tuple[Preset, ...]
    wrappers: tuple[Wrapper, ...]
    receivers: dict[str, frozenset[str]]
    configured: dict[str, frozenset[str]]
    enum_names: str = "value"
    infer: bool = True
    provided: tuple[Provided, ...] = ()  # parameters a provider fills by name
    # Asked of every call a scan resolves (281,690 in a 20 MB minified file): the
    # presets that can answer, found once per name, not by asking each preset each time.
    _with_method: dict[str, tuple[tuple[Preset, tuple[Signature, ...]], ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _of_module: dict[tuple[str, str], tuple[Preset, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

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
        methods = self._methods_on_any_receiver()
        triggers = [prefilter.methods_trigger(sorted(methods))] if methods else []
        triggers.extend(
            prefilter.callee_trigger((receiver, name))
            for preset in self.presets
            for name in preset.receiver_only
            for receiver in preset.receivers
        )
        constructors = {name for preset in self.presets for name, _ in preset.constructors}
        triggers.extend(prefilter.name_trigger(name) for name in sorted(constructors))
        triggers.extend(prefilter.callee_trigger(callee) for callee in self._declared())
        for preset in self.presets:
            triggers.extend(prefilter.Trigger(marker.encode(), None) for marker in preset.markers)
            triggers.extend(
                prefilter.global_call_trigger(name)
                for name in preset.globals
                if name not in preset.receiver_only  # ``fetch(...)``: its markers say
            )
        triggers.append(prefilter.SUPPRESSION_TRIGGER)
        return triggers

    def with_method(self, name: str) -> tuple[tuple[Preset, tuple[Signature, ...]], ...]:
        """The presets with a method ``name``, in order, with its signatures."""
        found = self._with_method.get(name)
        if found is None:
            pairs = ((preset, preset.method(name)) for preset in self.presets)
            found = tuple((preset, signatures) for preset, signatures in pairs if signatures)
            self._with_method[name] = found
        return found

    def of_module(self, module: str, root: str) -> tuple[Preset, ...]:
        """The presets, in order, whose modules hold ``module`` or whose roots hold
        ``root``: the only ones a name from that module can be a call of."""
        found = self._of_module.get((module, root))
        if found is None:
            found = tuple(
                preset
                for preset in self.presets
                if module in preset.modules or root in preset.roots
            )
            self._of_module[module, root] = found
        return found

    def base_names(self) -> set[str]:
        """Last names of the callees that can be tracking calls before inference."""
        names = {
            name for preset in self.presets for name, _ in (*preset.methods, *preset.constructors)
        }
        names.update(callee[-1] for callee in self._declared())
        return names

    def _declared(self) -> list[tuple[str, ...]]:
        """The callees of the config's wrappers and of the provided parameters."""
        return [*(wrapper.callee for wrapper in self.wrappers), *((p.key,) for p in self.provided)]

    def receiver_only_names(self) -> set[str]:
        """Of :meth:`base_names`, those every preset reads only on its receivers (an
        array's ``push``, a request's ``fetch``): too common for what is bound to one, or
        returns one, to stand for a tracking callee."""
        anywhere = self._methods_on_any_receiver()
        anywhere.update(wrapper.callee[-1] for wrapper in self.wrappers)
        return {name for preset in self.presets for name in preset.receiver_only} - anywhere

    def _methods_on_any_receiver(self) -> set[str]:
        """The presets' methods read on any receiver (not only on their receivers)."""
        return {
            name
            for preset in self.presets
            for name, _ in preset.methods
            if name not in preset.receiver_only
        }


class SinkMatcher:
    """Match calls to sinks, evaluating callees with ``values``; ``recognizers`` are the
    config's presets, wrappers and receivers."""

    def __init__(
        self,
        values: Evaluator,
        recognizers: Recognizers,
        listed: ListedSdks | None = None,
        unimplemented: Callable[[VFunc], bool] | None = None,
    ) -> None:
        self.values = values
        self.rec = recognizers
        self.listed = listed
        # An abstract method nothing in the project implements: as unknown as its receiver.
        self.unimplemented = unimplemented
        # The wrappers inferred so far, by (module, qualified name): inference adds them.
        self.sinks: dict[tuple[str, str], InferredSink | PassThroughSink] = {}
        # Names bound to SDK clients anywhere (``ph = Posthog(key)``), by preset: receivers
        # that inference learns.
        self.learned: dict[str, set[str]] = defaultdict(set)
        # Handlers of event-bus channels: a trigger of one calls it.
        self.channels = Channels(values)
        self._function_names: Counter[str] | None = None
        self._configured = frozenset[str]().union(*recognizers.configured.values())
        self._gate = (listed, self._defined)  # what a global's package gate reads

    def match(self, module: Module, site: CallSite) -> tuple[Sink, bool] | None:
        callee = site.call.callee
        if (provided := provided_sink(self.rec.provided, module, site)) is not None:
            return provided, False
        # Only a wrapper the config declares is matched by path: none, no paths to read.
        paths = self.callee_paths(module, site.scope, callee) if self.rec.wrappers else ()
        for path in paths:
            # Several entries for one callee: its shapes, tried in order.
            declared = [w for w in self.rec.wrappers if path[-len(w.callee) :] == w.callee]
            if declared:
                # An SDK client's own call keeps the SDK's reading: a line written for
                # another receiver of that name (the browser's ``segment.track(name)``)
                # is not about ``this.segment = new Analytics(...)``.
                value = self.values.path_value(module, site.scope, callee)
                sdk = self.sdk_sink(value) if "?" not in callee else None
                if sdk is not None:
                    return sdk, False
                name = declared[0].name
                signatures = tuple(w.signature for w in declared if w.name == name)
                return SignatureSink("wrapper", name, signatures, f"wrapper {name} (config)"), False
        # ``model.trigger("segment:track", name, props)``
        if callee[-1] in TRIGGERS and (relayed := self.channels.relay(module, site, self.sinks)):
            return relayed, False
        if len(callee) >= 2 and callee[-1] in DEFERRED_CALLS and module.facts.language == "python":
            # ``deliver.delay(user_id, event, props)`` queues ``deliver(...)`` (Celery).
            task = self.values.path_value(module, site.scope, callee[:-1])
            if isinstance(task, VFunc):
                inferred = self.sinks.get((task.module, task.qualname))
                return (inferred, task.bound) if inferred else None
        value = (
            self.values.path_value(module, site.scope, callee)
            if "?" not in callee
            else VUnknown("call")
        )
        if isinstance(value, VFunc):
            inferred = self.sinks.get((value.module, value.qualname))
            if not inferred and (posted := self.channels.posted(module, site, value, self.sinks)):
                return posted, False  # ``sendAnalytics("trackEvent", message)``: an HTTP relay
            if inferred or self.unimplemented is None or not self.unimplemented(value):
                return (inferred, value.bound) if inferred else None
            value = VUnknown("a method nothing in the project implements")
        sdk = self.sdk_sink(value)
        if sdk is not None:
            return sdk, False
        if isinstance(value, VUnknown):
            found = self.by_name(module, site, callee, None, value, configured_only=False)
            alias = (
                self.alias(module, site.scope, callee)
                if len(callee) > 2 or callee[0].endswith("()")
                else None
            ) or self.global_alias(module, site.scope, callee)
            if found is None and alias:  # ``this.rudderStack = window.rudderanalytics``
                return self.by_name(module, site, *alias, value, configured_only=False)
            return found
        if isinstance(value, (VMember, VExternal)):
            return self.by_name(module, site, callee, None, value, configured_only=True)
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
        if len(callee) == 1 and callee[0] in module.names(""):
            # a module's own function called in it (``track_event`` in tracking.py):
            # the path its importers write
            found = self.values.path_value(module, scope, callee)
            if isinstance(found, VFunc) and found.module == module.name:
                yield (*found.module.split("."), *found.qualname.split("."))

    def alias_path(
        self, module: Module, scope: str, callee: tuple[str, ...]
    ) -> tuple[str, ...] | None:
        """``self.x`` (``self.x.method``) where the class binds ``self.x = a.b``: ``a.b``
        (``a.b.method``), the attribute read where it was assigned."""
        found = self.alias(module, scope, callee)
        return found[0] if found else None

    def global_alias(
        self, module: Module, scope: str, callee: tuple[str, ...]
    ) -> tuple[tuple[str, ...], str] | None:
        """``const dl = window.dataLayer || []`` then ``dl.push(...)``: a local the function
        binds once to a browser global (with a fallback for when it is missing) is read as
        that global, ``window.dataLayer.push``."""
        if len(callee) < 2 or module.facts.language == "python":
            return None
        bound = local_value(module, scope, Ref(callee[:1], (0, 0, 0, 0)))
        options = bound.options if isinstance(bound, Choice) else (bound,)
        globals_read = [
            option.path
            for option in options
            if isinstance(option, Ref)
            and len(option.path) == 2
            and option.path[0] in GLOBAL_OBJECTS
        ]
        if len(globals_read) != 1:
            return None
        return globals_read[0] + callee[1:], scope

    def alias(
        self, module: Module, scope: str, callee: tuple[str, ...]
    ) -> tuple[tuple[str, ...], str] | None:
        """:meth:`alias_path`, and the scope its head is read in: where it was assigned
        (``this.analytics = analytics`` in a constructor, or a constructor's parameter
        property, reads the parameter, no global)."""
        if callee[0].endswith("()"):
            return self.getter_alias(module, scope, callee)
        method = module.enclosing_method(scope)
        if method is None or not method.params or callee[0] != method.params[0] or len(callee) < 2:
            return None
        cls = method.class_name or ""
        for candidate in module.names(cls).get(callee[1], []):
            if isinstance(candidate, Binding) and isinstance(candidate.value, Ref):
                return candidate.value.path + callee[2:], module.reading_scope(candidate)
        return None

    def getter_alias(
        self, module: Module, scope: str, callee: tuple[str, ...]
    ) -> tuple[tuple[str, ...], str] | None:
        """``this.getClient()?.track`` (the front end binds ``this.getClient()`` to the call)
        where the getter, a function of this module, returns one name (``getClient = () =>
        window.analytics``): that name's path (``window.analytics.track``), read there."""
        found = enclosing_binding(module, scope, callee[0])
        if found is None:
            return None
        binding, scope = found
        held = binding.value
        if not isinstance(held, Call) or held.args or held.keywords or "?" in held.callee:
            return None
        getter = self.values.path_value(module, scope, held.callee)
        if not isinstance(getter, VFunc) or getter.module != module.name:
            return None
        returned = module.names(getter.qualname).get(RETURNED, [])
        only = returned[0] if len(returned) == 1 else None
        if not (isinstance(only, Binding) and isinstance(only.value, Ref)):
            return None
        return only.value.path + callee[1:], getter.qualname

    def sdk_sink(self, value: Value) -> SignatureSink | None:
        value = called(value)  # a client called as a function: ``plausible(name)``
        if not isinstance(value, (VExternal, VMember)):
            return None
        # Split once, not once per preset: asked of every call a scan resolves.
        qualname = value.qualname if isinstance(value, VExternal) else value.of.qualname
        module_name, _, name = qualname.rpartition(".")
        root = qualname.partition(".")[0]
        for preset in self.rec.of_module(module_name, root):
            signatures: tuple[Signature, ...] | None = None
            if isinstance(value, VExternal):
                if module_name in preset.modules:
                    signatures = preset.method(name)
                if signatures is None and root in preset.roots:
                    signatures = preset.constructor(name)
            elif root in preset.roots and name in preset.clients:
                signatures = preset.method(value.name)
            if signatures:
                return SignatureSink(
                    "sdk", preset.name, signatures, f"{preset.name} {_shown(value)}"
                )
        return None

    def by_name(
        self,
        module: Module,
        site: CallSite,
        callee: tuple[str, ...],
        read_in: str | None,
        value: Value,
        configured_only: bool,
    ) -> tuple[Sink, bool] | None:
        """A receiver that could not be resolved (or, for the receivers the config names,
        one outside the project): judge by the names the config gives or the code binds
        to a client, else by the evidence (:mod:`evdict.scanner.evidence`); ``read_in``:
        the scope the callee's head is read in, when not the call's (an alias's)."""
        if configured_only and (len(callee) < 2 or callee[-2] not in self._configured):
            return None  # only a receiver the config names is judged by its name then
        name = callee[-1]
        if not configured_only and (len(callee) == 1 or callee[:-1] in _GLOBAL_OBJECTS):
            for preset, signatures in self.rec.with_method(name):
                if name in preset.globals and provided(preset, name, module, *self._gate):
                    return SignatureSink(
                        "sdk", preset.name, signatures, f"{preset.name} {name}"
                    ), False
        if len(callee) >= 2:
            receiver = callee[-2]
            for preset, signatures in self.rec.with_method(name):
                known = receiver in self.rec.configured.get(preset.name, ()) or (
                    not configured_only and receiver in self.learned.get(preset.name, ())
                )
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
            if not configured_only:
                provisional = self._provisional(module, site.scope, callee)
                if provisional is not None:
                    return provisional, False
                weight = self.weigh(module, site, callee, read_in or site.scope)
                if weight is not None and weight.confident and weight.preset is not None:
                    preset = weight.preset
                    said = weight.describe()
                    shown = f"{preset.name} {receiver}.{name}, on evidence: {said}"
                    signatures = preset.method(name) or ()
                    return SignatureSink("sdk", preset.name, signatures, shown, said), False
        elif configured_only:
            return None
        elif isinstance(value, VUnknown) and value.undefined:
            for preset in self.rec.presets:
                constructed = preset.constructor(name)
                if constructed and module.roots & set(preset.roots):
                    return SignatureSink(
                        "sdk", preset.name, constructed, f"{preset.name} {name}"
                    ), False
        if distinctive(name) and not configured_only:
            matches = [
                (key, sink) for key, sink in self.sinks.items() if key[1].rpartition(".")[2] == name
            ]
            if len(matches) == 1 and self._defined(name) < 2:
                sink = matches[0][1]
                is_method = sink.func.class_name is not None
                # JavaScript never passes ``this`` among the arguments: a method called by
                # its bare name (a class property arrow handed down as a component's prop,
                # ``onExport("png", items)``) takes them as a call through an instance does.
                detached = module.facts.language != "python"
                return sink, is_method and (len(callee) >= 2 or detached)
        return None

    def weigh(
        self, module: Module, site: CallSite, callee: tuple[str, ...], read_in: str
    ) -> Weight | None:
        """The evidence that ``site``'s call, its callee read as ``callee`` (its head in
        scope ``read_in``), tracks."""
        language = module.facts.language
        browser_global = language != "python" and (
            (len(callee) == 3 and callee[:1] in _GLOBAL_OBJECTS)
            or (len(callee) == 2 and self._ambient(module, read_in, callee[0]))
        )
        listed = self.listed(module.path, language) if self.listed else frozenset()
        sources = Sources(module.roots, listed, browser_global)
        call = site.call if site.call.callee == callee else replace(site.call, callee=callee)
        for _, signatures in self.rec.with_method(callee[-1]):
            call = spelled_out(module, site.scope, call, signatures)  # a local payload's shape
        return weigh(call, self.rec.presets, sources)

    def _provisional(
        self, module: Module, scope: str, callee: tuple[str, ...]
    ) -> SignatureSink | None:
        """A receiver named as an SDK's (``posthog.capture``) that a project module not
        parsed yet defines: taken for the SDK's until the next pass parses that module and
        proof or evidence decide, so that wrappers of it are found a pass earlier. The
        engine's last pass has every such module parsed: nothing provisional remains."""
        head = self.values.lookup(module, scope, callee[0])
        if not (isinstance(head, VUnknown) and head.pending):
            return None
        receiver, name = callee[-2], callee[-1]
        for preset in self.rec.presets:
            signatures = preset.method(name)
            if signatures and receiver in preset.receivers and not preset.receivers_need_import:
                return SignatureSink("sdk", preset.name, signatures, f"{preset.name} {receiver}")
        return None

    def _ambient(self, module: Module, scope: str, name: str) -> bool:
        """A global the file uses without defining it, or only declares for the type
        checker (``declare const analytics: any``)."""
        value = self.values.lookup(module, scope, name)
        if isinstance(value, VUnknown) and value.undefined:
            return True
        found = module.names("").get(name, [])
        return bool(found) and all(
            isinstance(each, Binding)
            and isinstance(each.value, Other)
            and each.value.kind == "declared"
            for each in found
        )

    def _defined(self, name: str) -> int:
        """The project's functions of that name: two, a call by name alone is ambiguous."""
        if self._function_names is None:
            self._function_names = function_names(self.values.modules.values())
        return self._function_names[name]

    def read(self, module: Module, site: CallSite, sink: Sink, bound: bool) -> Reading:
        """What ``site``'s call sends through ``sink`` (``bound``: a method's call)."""
        call = spelled_keywords(module, site.scope, site.call)  # ``**capture_kwargs``
        if isinstance(sink, SignatureSink):
            reading = read_signature(sink, spelled_out(module, site.scope, call, sink.signatures))
            if sink.kind == "sdk" and handed_in(module, site.scope, call.callee):
                # ``clients.forEach((client) => client.capture({event, properties}))``:
                # an object some caller hands in, read as the SDK by its name, may be a
                # project client that adds keys of its own before sending.
                reading.opaque = True
            return reading
        if isinstance(sink, InferredSink):
            return read_inferred(sink, call, bound)
        return self.read(module, site, sink.inner, sink.inner_bound)

    def describe(self, sink: Sink) -> str:
        if isinstance(sink, SignatureSink):
            return sink.label
        return f"inferred wrapper {shown_func(sink.func)}"


DEFERRED_CALLS = frozenset({"delay"})
"""Methods of a Python function object that call it later with the same arguments:
Celery's ``task.delay(*args, **kwargs)`` (``apply_async`` takes them packed: not read)."""


def shown_func(func: FunctionDef) -> str:
    """A function as findings name it: ``useTrack()`` for the one ``useTrack`` returns."""
    return func.qualname.replace(f".{RETURNED}", "()")


def distinctive(name: str) -> bool:
    """A name that means one thing: ``track_event``, ``trackSignup`` (not ``track``)."""
    if name in _GENERIC_METHODS or name.startswith("__"):
        return False
    return "_" in name.strip("_") or re.search(r"[a-z][A-Z]", name) is not None


def _shown(value: Value) -> str:
    if isinstance(value, VExternal):
        return value.qualname
    if isinstance(value, VMember):
        return f"{value.of.qualname.rpartition('.')[2]}().{value.name}"
    return ""
