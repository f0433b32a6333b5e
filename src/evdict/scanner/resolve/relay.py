"""Event-bus relays (JavaScript): a handler registered for a channel
(Backbone's ``this.listenTo(model, "segment:track", this.track)``,
``bus.on("segment:track", function (name, props) {...})``) is what each
``x.trigger("segment:track", ...args)`` (``emit``) calls, with those ``args``. When the
handler is a wrapper (it passes a parameter of its own as the event of a tracking call),
the trigger is the tracking call, its arguments after the channel bound to the
handler's parameters; the handler's own call is how it tracks, as in any wrapper.

Electron's IPC reads the same way: ``ipcRenderer.invoke(channel, ...args)`` (``send``,
``sendSync``, on any object: a preload hands the renderer its own ``invoke``) calls the
handler ``ipcMain.handle(channel, (event, ...args) => ...)`` (``on``) registered for it,
past the first parameter, Electron's event; an IPC trigger reaches only a handler
registered on ``ipcMain`` or ``ipcRenderer``, a bus trigger only another. A project's
helper handing its channel and listener on as they are (``const ipcMainOn = (channel,
listener) => ipcMain.on(channel, listener)``) registers as the call it makes:
``ipcMainOn("trackEvent", (_, options) => ...)`` is ``ipcMain.on("trackEvent", ...)``.

What is proven is the channel: the trigger's and the registration's are the same string
(a literal or a constant). The objects they are called on are not compared (a model,
a shared bus): a channel with two different tracking handlers reads as neither. A
handler that takes what it is given otherwise (jQuery passes the DOM event first)
finds its event parameter missing at the trigger, which then is no call.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from evdict.scanner import prefilter
from evdict.scanner.frontends.js_calls import CHANNEL_REGISTRATIONS, registration_index
from evdict.scanner.model import CallSite, Chain, Evidence, Expr, FunctionDef, Ref
from evdict.scanner.resolve.http_relay import Routes
from evdict.scanner.resolve.project import Module
from evdict.scanner.resolve.value_types import VFunc, VStr
from evdict.scanner.resolve.values import Evaluator
from evdict.scanner.sinks import InferredSink, PassThroughSink

IPC_TRIGGERS = frozenset({"invoke", "send", "sendSync"})
"""Electron's renderer-to-main messages: ``ipcRenderer.invoke(channel, ...args)``."""
TRIGGERS = frozenset({"trigger", "emit"}) | IPC_TRIGGERS
"""Methods that call a channel's handlers with the arguments after the channel."""
_IPC_RECEIVERS = frozenset({"ipcMain", "ipcRenderer"})

_CHANNEL = "<channel>"
"""The parameter a trigger's first argument binds to (no identifier can clash with it)."""

Handler = tuple[VFunc, Evidence, bool]
"""A registered function, where, and whether Electron registered it (its event first)."""
Registration = tuple[int, int, bool]
"""A registration's channel argument's index, its handler's, and whether it is Electron's."""
Sinks = dict[tuple[str, str], InferredSink | PassThroughSink]
"""The wrappers inferred so far, by (module, qualified name)."""


class Channels:
    """The channels registered in the ``values`` evaluator's JavaScript modules, and the
    tracking handler a trigger reaches."""

    def __init__(self, values: Evaluator) -> None:
        self.values = values
        self._handlers: dict[str, list[Handler]] | None = None
        self.routes = Routes(values)

    def posted(
        self, module: Module, site: CallSite, value: VFunc, sinks: Sinks
    ) -> InferredSink | None:
        """The wrapper a call of a function posting to the product's own server route
        reaches (:mod:`~evdict.scanner.resolve.http_relay`)."""
        return self.routes.posted(module, site, value, sinks)

    def handlers(self) -> dict[str, list[Handler]]:
        """Channel -> the functions registered for it, where it is written (once a run)."""
        if self._handlers is None:
            found: defaultdict[str, list[Handler]] = defaultdict(list)
            for module in self.values.modules.values():
                if module.facts.language == "python":  # ``emit`` sends elsewhere (Socket.IO)
                    continue
                for method, index in CHANNEL_REGISTRATIONS.items():
                    for site in module.facts.calls.get(method, ()):
                        if len(site.call.callee) >= 2:
                            ipc = site.call.callee[-2] in _IPC_RECEIVERS
                            self._register(module, site, (index, index + 1, ipc), found)
            helpers = self.helpers()
            for module in self.values.modules.values():
                # Read even before the helper's module is: reading the callee is what
                # asks for that module (``import { ipcMainOn } from "./ipc"``).
                names = [name for name in module.facts.calls if registration_index((name,)) == 0]
                for name in names if module.facts.language != "python" else ():
                    for site in module.facts.calls[name]:
                        called = Ref(site.call.callee, site.call.pos)
                        callee = self.values.expr_value(module, site.scope, called)
                        if isinstance(callee, VFunc) and not callee.bound:
                            forwarded = helpers.get((callee.module, callee.qualname))
                            if forwarded is not None:
                                self._register(module, site, forwarded, found)
            self._handlers = dict(found)
        return self._handlers

    def helpers(self) -> dict[tuple[str, str], Registration]:
        """The project's registration helpers, by (module, qualified name): functions
        whose body hands two of their own parameters, as they are, to a registration
        (``const ipcMainOn = (channel, listener) => ipcMain.on(channel, listener)``)."""
        found: dict[tuple[str, str], Registration] = {}
        for module in self.values.modules.values():
            if module.facts.language == "python":
                continue
            for method, index in CHANNEL_REGISTRATIONS.items():
                for site in module.facts.calls.get(method, ()):
                    func = module.functions.get(site.scope)
                    args = site.call.args
                    if func is None or len(site.call.callee) < 2 or len(args) <= index + 1:
                        continue
                    channel = _parameter(func, args[index])
                    handler = _parameter(func, args[index + 1])
                    if channel is not None and handler is not None and func.kind == "function":
                        ipc = site.call.callee[-2] in _IPC_RECEIVERS
                        found[(module.name, func.qualname)] = (channel, handler, ipc)
        return found

    def _register(
        self,
        module: Module,
        site: CallSite,
        registration: Registration,
        found: defaultdict[str, list[Handler]],
    ) -> None:
        call = site.call
        index, handler_index, ipc = registration
        if len(call.args) <= max(index, handler_index):
            return
        channel = self.values.expr_value(module, site.scope, call.args[index])
        given = call.args[handler_index]
        handler = self.values.expr_value(module, site.scope, given)
        if isinstance(channel, VStr) and isinstance(handler, VFunc):
            written = ".".join(given.path) if isinstance(given, Ref) else "a function"
            text = f"{'.'.join(call.callee)} registers {written} for '{channel.value}'"
            found[channel.value].append((handler, Evidence(module.path, call.pos, text), ipc))

    def relay(self, module: Module, site: CallSite, sinks: Sinks) -> InferredSink | None:
        """The wrapper ``site`` (a ``trigger``) calls through the one tracking handler of
        its channel, read as a function whose first parameter is the channel; else None."""
        call = site.call
        handlers = self.handlers()
        if not handlers or not call.args or len(call.callee) < 2:
            return None
        channel = self.values.expr_value(module, site.scope, call.args[0])
        if not isinstance(channel, VStr):
            return None
        ipc = call.callee[-1] in IPC_TRIGGERS
        tracking: dict[tuple[str, str, bool], tuple[InferredSink, Evidence]] = {}
        for handler, evidence, registered_ipc in handlers.get(channel.value, ()):
            sink = sinks.get((handler.module, handler.qualname))
            if isinstance(sink, InferredSink) and registered_ipc == ipc:
                tracking.setdefault(
                    (handler.module, handler.qualname, handler.bound), (sink, evidence)
                )
        if len(tracking) != 1:
            return None
        (_, _, bound), (sink, evidence) = next(iter(tracking.items()))
        func = _triggered(sink.func, bound, ipc)
        return replace(sink, func=func, chain=Chain(evidence, sink.chain))

    def triggers(self, sinks: Sinks) -> list[prefilter.Trigger]:
        """Files that name a channel a tracking handler is registered for: its triggers
        and its other registrations."""
        return [
            prefilter.string_trigger(channel)
            for channel, handlers in sorted(self.handlers().items())
            if any(
                isinstance(sinks.get((handler.module, handler.qualname)), InferredSink)
                for handler, _, _ in handlers
            )
        ] + self.routes.triggers(sinks)


def _triggered(func: FunctionDef, bound: bool, ipc: bool) -> FunctionDef:
    """The handler as a trigger calls it: the channel, then its parameters (past
    ``this`` for a method, past Electron's event for an IPC handler)."""
    params = func.bound_params if bound else func.params
    params = params[1:] if ipc else params
    return replace(func, kind="function", params=(_CHANNEL, *params), posonly=0)


def _parameter(func: FunctionDef, arg: Expr) -> int | None:
    """The index of the parameter of ``func`` that ``arg`` is (a bare name), else None."""
    if isinstance(arg, Ref) and len(arg.path) == 1 and arg.path[0] in func.params:
        return func.params.index(arg.path[0])
    return None
