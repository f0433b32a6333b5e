"""HTTP relays (JavaScript): browser code POSTing an event to the product's own server
route, whose handler passes the request's body on to a tracking wrapper.

``function sendAnalytics(operation, message) { fetch("/_analytics/" + operation,
{method: "POST", body: JSON.stringify(message)}) }`` called as ``sendAnalytics(
"trackEvent", message)`` posts to ``/_analytics/trackEvent`` (the URL folded with the
caller's literals). Express serves it when a route ``router.post("/trackEvent", (req,
res) => {...})`` (``put``, ``patch``, ``all``) is registered on a router (``express.
Router()``) that ``app.use("/_analytics", router)`` mounts: the router a local of a
function (a getter, a factory: the mount reads it as ``this.controller.router`` or
``makeRouter()``) or of the module; a route on an app (``express()``) is its own full
path. When the handler calls a wrapper with ``req.body`` (or a local holding it) as the
wrapper's event object, the sender's call is that wrapper's call, the message its event
object; the handler's own call is how it tracks (no call of its own).

Proof, precision first: the folded URL equals one route's full path (a route only
matched by its suffix, a router no mount joins, two routes of one full path prove
nothing), the request's method fits the route's, and the body is the JSON of a
parameter of the sender (``fetch``'s ``body: JSON.stringify(message)``, ``axios.post``'s
data, ``navigator.sendBeacon``'s JSON).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace

from evdict.scanner import prefilter
from evdict.scanner.model import (
    Binding,
    Call,
    CallSite,
    Chain,
    Concat,
    Evidence,
    Expr,
    FString,
    FunctionDef,
    Item,
    Mapping,
    Position,
    Ref,
    Str,
)
from evdict.scanner.resolve.project import Module
from evdict.scanner.resolve.value_types import VClass, VFunc, VInstance, VStr
from evdict.scanner.resolve.values import Evaluator
from evdict.scanner.sinks import InferredSink, PassThroughSink

Sinks = dict[tuple[str, str], InferredSink | PassThroughSink]

_ROUTE_METHODS = {"post": "POST", "put": "PUT", "patch": "PATCH", "all": "*"}
_ROUTERS = frozenset({"Router"})
"""What builds a router a mount joins: ``express.Router()``, ``Router()``."""
_APPS = frozenset({"express", "Hono"})
"""What builds an app, whose routes are their own full paths."""
_APP_ROUTE = re.compile(r"(?:^|/)app/(.+)/route\.[cm]?[jt]sx?$")
_PAGES_ROUTE = re.compile(r"(?:^|/)pages/api/(.+)\.[cm]?[jt]sx?$")
_FILE_METHODS = ("POST", "PUT", "PATCH")
"""A Next.js route file's handlers, by the request method each serves."""
_APP = ("", "")
"""The holder of an app's routes."""

Holder = tuple[str, str]
"""What holds a router: (module, the function building it) or (module, "=" + its name)."""


@dataclass(frozen=True)
class Route:
    """A route: what holds it, its path there, its method (``*``: any), its handler."""

    holder: Holder
    path: str
    method: str
    handler: VFunc
    evidence: Evidence


@dataclass(frozen=True)
class Send:
    """A request of a function: its URL, its method, the parameter its body is the JSON of."""

    url: Expr
    method: str
    param: str
    pos: Position


class Routes:
    """The Express routes and mounts of the ``values`` evaluator's JavaScript modules,
    and the browser functions posting to them."""

    def __init__(self, values: Evaluator) -> None:
        self.values = values
        self._paths: dict[tuple[str, str], list[tuple[Route, str]]] | None = None
        self._routes: list[Route] = []
        self._senders: dict[tuple[str, str], list[Send]] | None = None
        self.proven: set[tuple[str, tuple[int, ...]]] = set()
        """The handlers' own calls a browser request reaches: (path, position)."""

    def _modules(self) -> list[Module]:
        return [m for m in self.values.modules.values() if m.facts.language != "python"]

    def full_paths(self) -> dict[tuple[str, str], list[tuple[Route, str]]]:
        """(method, full path) -> the routes serving it, each with its mount's text."""
        if self._paths is None:
            routes: list[Route] = []
            mounts: defaultdict[Holder, list[tuple[str, str]]] = defaultdict(list)
            for module in self._modules():
                for name, method in _ROUTE_METHODS.items():
                    for site in module.facts.calls.get(name, ()):
                        route = self._route(module, site, method)
                        if route is not None:
                            routes.append(route)
                for site in module.facts.calls.get("use", ()):
                    self._mount(module, site, mounts)
                routes.extend(_file_routes(module))
            found: defaultdict[tuple[str, str], list[tuple[Route, str]]] = defaultdict(list)
            for route in routes:
                if route.holder == _APP:
                    found[(route.method, route.path)].append((route, ""))
                for prefix, where in mounts.get(route.holder, ()):
                    full = prefix.rstrip("/") + route.path
                    found[(route.method, full)].append((route, f" mounted at '{prefix}' ({where})"))
            self._paths, self._routes = dict(found), routes
        return self._paths

    def _route(self, module: Module, site: CallSite, method: str) -> Route | None:
        call = site.call
        if len(call.callee) != 2 or len(call.args) < 2:
            return None
        path = self.values.expr_value(module, site.scope, call.args[0])
        handler = self.values.expr_value(module, site.scope, call.args[-1])
        if not (isinstance(path, VStr) and path.value.startswith("/")):
            return None
        holder = self._holder(module, site.scope, call.callee[0])
        if holder is None or not isinstance(handler, VFunc):
            return None
        text = f"{'.'.join(call.callee)}('{path.value}')"
        return Route(holder, path.value, method, handler, Evidence(module.path, call.pos, text))

    def _holder(self, module: Module, scope: str, name: str) -> Holder | None:
        """What holds the router (or app) ``name`` of ``scope``: the function whose local
        it is, or its module."""
        for current in module.scope_chain(scope):
            bindings = module.names(current).get(name)
            if not bindings:
                continue
            value = bindings[-1].value if isinstance(bindings[-1], Binding) else None
            if not isinstance(value, Call) or not value.callee:
                return None
            if value.callee[-1] in _APPS:
                return _APP
            if value.callee[-1] not in _ROUTERS:
                return None
            return (module.name, current) if current else (module.name, "=" + name)
        return None

    def _mount(
        self, module: Module, site: CallSite, mounts: defaultdict[Holder, list[tuple[str, str]]]
    ) -> None:
        call = site.call
        if len(call.callee) != 2 or len(call.args) < 2:
            return
        prefix = self.values.expr_value(module, site.scope, call.args[0])
        if not (isinstance(prefix, VStr) and prefix.value.startswith("/")):
            return
        given = call.args[-1]
        holder: Holder | None = None
        if isinstance(given, Call) and "?" not in given.callee:  # ``makeRouter()``
            made = self.values.path_value(module, site.scope, given.callee)
            holder = (made.module, made.qualname) if isinstance(made, VFunc) else None
        elif isinstance(given, Ref) and len(given.path) >= 2:  # ``this.controller.router``
            owner = self.values.path_value(module, site.scope, given.path[:-1])
            cls = owner.of if isinstance(owner, VInstance) else owner
            if isinstance(cls, VClass):
                getter = f"{cls.qualname}.{given.path[-1]}"
                holder = (
                    (cls.module, getter)
                    if getter in self.values.modules[cls.module].functions
                    else None
                )
        elif isinstance(given, Ref):  # a router of this module
            holder = self._holder(module, site.scope, given.path[0])
        if holder is not None and holder != _APP:
            line = call.pos[0]
            mounts[holder].append((prefix.value, f"{module.path}:{line}"))

    def senders(self) -> dict[tuple[str, str], list[Send]]:
        """The functions posting the JSON of a parameter of theirs, by (module, qualname)."""
        if self._senders is None:
            found: defaultdict[tuple[str, str], list[Send]] = defaultdict(list)
            for module in self._modules():
                for name in ("fetch", "post", "sendBeacon"):
                    for site in module.facts.calls.get(name, ()):
                        func = module.enclosing_function(site.scope)
                        send = _send(site.call, func) if func is not None else None
                        if send is not None and func is not None:
                            found[(module.name, func.qualname)].append(send)
            self._senders = dict(found)
        return self._senders

    def names(self) -> set[str]:
        """The last names of the senders: their calls are worth matching."""
        return {qualname.rpartition(".")[2] for _, qualname in self.senders()}

    def posted(
        self, module: Module, site: CallSite, value: VFunc, sinks: Sinks
    ) -> InferredSink | None:
        """The wrapper the call ``site`` of the sender ``value`` reaches through the route
        its URL, folded with the call's arguments, names; else None."""
        sends = self.senders().get((value.module, value.qualname))
        if not sends:
            return None
        defining = self.values.modules[value.module]
        func = defining.functions[value.qualname]
        params = func.bound_params if value.bound else func.params
        for send in sends:
            url = self._folded(defining, func, params, send.url, module, site)
            if url is None:
                continue
            served = [
                found
                for (method, path), routes in self.full_paths().items()
                if path == url and method in (send.method, "*")
                for found in routes
            ]
            if len(served) != 1 or send.param not in params:
                continue
            route, mounted = served[0]
            tracking = self._tracking(route, sinks)
            if tracking is None:
                continue
            inner, where = tracking
            self.proven.add(where)
            renamed = tuple(
                inner.event_param if param == send.param else f"<http {index}>"
                for index, param in enumerate(params)
            )
            called = replace(
                func, kind="function", params=renamed, posonly=0, kwonly=(), vararg=None, kwarg=None
            )
            text = (
                f"{func.name} {send.method}s parameter '{send.param}' to '{url}': the route "
                f"{route.evidence.text}{mounted}"
            )
            served_by = replace(
                route.evidence,
                text=f"{route.evidence.text}'s handler passes the request's body to {inner.func.qualname}",
            )
            return replace(
                inner,
                module=value.module,
                path=defining.path,
                func=called,
                chain=Chain(Evidence(defining.path, send.pos, text), Chain(served_by, inner.chain)),
            )
        return None

    def _folded(
        self,
        defining: Module,
        func: FunctionDef,
        params: tuple[str, ...],
        url: Expr,
        module: Module,
        site: CallSite,
    ) -> str | None:
        """The URL's text with the call's literal arguments in place of the sender's
        parameters, or None when a part is not known."""
        parts = url.parts if isinstance(url, (Concat, FString)) else (url,)
        text = url.prefix if isinstance(url, FString) and not url.parts else ""
        for part in parts:
            if isinstance(part, Ref) and len(part.path) == 1 and part.path[0] in params:
                index = params.index(part.path[0])
                args = site.call.args
                value = (
                    self.values.expr_value(module, site.scope, args[index])
                    if index < len(args)
                    else None
                )
            else:
                value = self.values.expr_value(defining, func.qualname, part)
            if not isinstance(value, VStr):
                return None
            text += value.value
        return text

    def _tracking(
        self, route: Route, sinks: Sinks
    ) -> tuple[InferredSink, tuple[str, tuple[int, ...]]] | None:
        """The wrapper the route's handler passes ``req.body`` to as its event object,
        and where it calls it; None unless exactly one such call."""
        module = self.values.modules[route.handler.module]
        handler = module.functions.get(route.handler.qualname)
        if handler is None or not handler.params:
            return None
        request = handler.params[0]
        found: list[tuple[InferredSink, tuple[str, tuple[int, ...]]]] = []
        for sites in module.facts.calls.values():
            for site in sites:
                if site.scope != handler.qualname or "?" in site.call.callee:
                    continue
                called = self.values.path_value(module, site.scope, site.call.callee)
                sink = (
                    sinks.get((called.module, called.qualname))
                    if isinstance(called, VFunc)
                    else None
                )
                if not isinstance(sink, InferredSink) or sink.event_key is None:
                    continue
                assert isinstance(called, VFunc)
                params = sink.func.bound_params if called.bound else sink.func.params
                index = params.index(sink.event_param) if sink.event_param in params else -1
                args = site.call.args
                if 0 <= index < len(args) and _is_body(module, handler, args[index], request):
                    found.append((sink, (module.path, tuple(site.call.pos))))
        return found[0] if len(found) == 1 else None

    def triggers(self, sinks: Sinks) -> list[prefilter.Trigger]:
        """Files worth reading once a route's handler tracks: the mounts of its router
        (``.use(`` beside the router's name) and the requests to its path's first part."""
        found: list[prefilter.Trigger] = []
        for (_, path), routes in sorted(self.full_paths().items()):
            if any(self._tracking(route, sinks) for route, _ in routes):
                first = path.strip("/").split("/")[0].encode()
                found.append(prefilter.Trigger(first, rb"[\"'`]/" + re.escape(first)))
        for route in self._routes:  # read by full_paths above
            if route.holder == _APP or not self._tracking(route, sinks):
                continue
            holder = route.holder[1].rpartition(".")[2].lstrip("=")
            use = prefilter.methods_trigger(["use"])
            found.append(replace(use, context=(holder.encode(),)))
        return found


def _file_routes(module: Module) -> list[Route]:
    """Next.js's routes by file path: ``app/api/track/route.ts``'s ``export function
    POST(request)`` serves ``/api/track`` (a route group ``(site)`` is no part of it);
    ``pages/api/track.ts``'s default export serves it for any method. A dynamic segment
    (``[id]``) is no literal path: none."""
    app = _APP_ROUTE.search(module.path)
    pages = _PAGES_ROUTE.search(module.path)
    if app is not None:
        parts = [part for part in app.group(1).split("/") if not part.startswith("(")]
        path, handlers = "/" + "/".join(parts), [(name, name) for name in _FILE_METHODS]
    elif pages is not None:
        path = "/api/" + pages.group(1)
        path = path.removesuffix("/index")
        default = module.names("").get("default", [])
        target = default[0].value if default and isinstance(default[0], Binding) else None
        name = target.path[0] if isinstance(target, Ref) and len(target.path) == 1 else ""
        handlers = [(name, "*")] if name else []
    else:
        return []
    if "[" in path:
        return []
    found: list[Route] = []
    for name, method in handlers:
        func = module.functions.get(name)
        if func is not None and func.params:
            text = f"{func.name} of {module.path}"
            handler = VFunc(module.name, func.qualname, False)
            found.append(Route(_APP, path, method, handler, Evidence(module.path, func.pos, text)))
    return found


def _send(call: Call, func: FunctionDef) -> Send | None:
    """The request ``call`` makes, when its body is the JSON of a parameter of ``func``."""
    callee, args = call.callee, call.args
    if len(args) < 2:
        return None
    if callee in (("fetch",), ("window", "fetch")):
        init = args[1]
        if not isinstance(init, Mapping):
            return None
        method = init.value_at("method")
        verb = method.value.upper() if isinstance(method, Str) else "GET"
        body = init.value_at("body")
    elif callee[-2:] == ("navigator", "sendBeacon"):
        verb, body = "POST", args[1]
    elif callee[-2:] == ("axios", "post"):  # axios sends an object as its JSON
        verb, body = "POST", Call(("JSON", "stringify"), (args[1],), (), (), call.pos)
    else:
        return None
    if not (isinstance(body, Call) and body.callee == ("JSON", "stringify") and body.args):
        return None
    sent = body.args[0]
    own = set(func.params) - {"this"}
    if not (isinstance(sent, Ref) and len(sent.path) == 1 and sent.path[0] in own):
        return None
    return Send(args[0], verb, sent.path[0], call.pos)


def _is_body(module: Module, handler: FunctionDef, arg: Expr, request: str) -> bool:
    """Whether ``arg`` is the request's body: ``req.body``, or a local of the handler
    holding it (``const event = req.body as Message``)."""
    if isinstance(arg, Ref) and arg.path == (request, "body"):
        return True
    if isinstance(arg, Item) and arg.base == (request,) and arg.key == "body":
        return True
    if isinstance(arg, Call) and arg.callee == (request, "json") and not arg.args:
        return True  # ``await request.json()`` (a fetch Request: Next.js, Hono's ``c.req``)
    if isinstance(arg, Ref) and len(arg.path) == 1:
        bindings = module.names(handler.qualname).get(arg.path[0], [])
        value = (
            bindings[0].value if len(bindings) == 1 and isinstance(bindings[0], Binding) else None
        )
        return value is not None and _is_body(module, handler, value, request)
    return False
