"""JS/TS calls -> facts. Every call but those of very common built-ins is a call site,
grouped by its callee's last name; besides:

* a call on what a call returns (``useTelemetry().track(...)``) reads the result through
  a name bound to that call (``"useTelemetry()"``), as ``const { track } =
  useTelemetry()`` does;
* ``Base.extend({...})`` (Backbone, Marionette, Ember) defines a subclass of ``Base``:
  the object literal's functions are its methods, ``this`` in them an instance;
* a function handed to an event registration with a literal channel
  (``bus.on("segment:track", function (name, props) {...})``, Backbone's
  ``listenTo(model, "segment:track", fn)``) is a function of its own, named after the
  registration (``on('segment:track')``, ``on('segment:track')@12`` for a second one in
  the same scope), and the registration's argument refers to it:
  the resolver reads it as the handler each ``trigger("segment:track", ...)`` calls
  (:mod:`~evdict.scanner.resolve.relay`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from evdict.scanner.frontends.js_functions import StatementReader
from evdict.scanner.frontends.js_nodes import FUNCTIONS, unwrap
from evdict.scanner.model import (
    PUSHED,
    Binding,
    Call,
    CallSite,
    Expr,
    Other,
    Position,
    Ref,
    Starred,
    pushed_target,
)
from evdict.scanner.sdk_presets_js import JS_PRESETS

if TYPE_CHECKING:
    from tree_sitter import Node

    from evdict.scanner.frontends.js_expressions import Expressions
    from evdict.scanner.frontends.js_functions import Functions
    from evdict.scanner.frontends.js_scope import Found, Scope, Walk

# Calls that never send an event: very common built-in, DOM, promise and React calls.
_NEVER_TRACKING_NAMES = """
push pop shift unshift slice splice concat map flatMap filter forEach reduce find
findIndex some every includes indexOf join split replace replaceAll trim toString
toLowerCase toUpperCase startsWith endsWith then catch finally warn error info debug
resolve reject all stringify parse keys values entries assign freeze isArray
preventDefault stopPropagation setTimeout clearTimeout setInterval clearInterval
addEventListener removeEventListener querySelector querySelectorAll getElementById
createElement appendChild require useState useEffect useLayoutEffect useRef useMemo
useCallback useContext useReducer describe it test expect toBe toEqual
"""
_NEVER_TRACKING = frozenset(_NEVER_TRACKING_NAMES.split())
# ``console.log(...)`` and its kin; ``log`` itself names wrappers (``amp.log(event)``).
_NEVER_TRACKING_RECEIVERS = frozenset(("console",))
# Calls of those names that a preset reads on its own receivers alone
# (``dataLayer.push({event: "sign_up"})``): kept, as the preset says, not listed twice.
_PRESET_RECEIVER_CALLS = frozenset(
    (receiver, method)
    for preset in JS_PRESETS
    for method in preset.receiver_only
    for receiver in preset.receivers
)

CHANNEL_REGISTRATIONS = {
    "on": 0,
    "once": 0,
    "listenTo": 1,
    "listenToOnce": 1,
    "handle": 0,
    "handleOnce": 0,
}
"""Methods that register a handler for a channel -> the channel argument's index (the
handler follows it): Backbone's and Node's ``on``/``once``, Backbone's ``listenTo``,
Electron's ``ipcMain.handle`` (``invoke``'s handler)."""

ROUTE_REGISTRATIONS = frozenset({("post",), ("put",), ("patch",), ("all",)})
"""Express's route methods (``router.post(path, handler)``): the handler is kept as a
function too, for resolve/http_relay.py to read."""

_HELPER_SUFFIXES = tuple(name[0].upper() + name[1:] for name in CHANNEL_REGISTRATIONS)
"""A project's own registration helper is named for the method it forwards to
(``ipcMainOn(channel, listener)`` calls ``ipcMain.on``): its inline handler is kept as a
function too, for resolve/relay.py, which proves the forwarding, to read."""


def registration_index(callee: tuple[str, ...]) -> int | None:
    """The channel argument's index of a call that may register a handler: a method of
    :data:`CHANNEL_REGISTRATIONS`, or a plain function named ``<lower>On`` (``Once``,
    ``Handle``...) taking the channel first; else None."""
    if len(callee) >= 2:
        return CHANNEL_REGISTRATIONS.get(callee[-1])
    name = callee[0] if callee else ""
    for suffix in _HELPER_SUFFIXES:
        head = name.removesuffix(suffix)
        if head != name and head[-1:].islower():
            return 0
    return None


class Calls(StatementReader):
    """Call sites; classes made with ``extend``; handlers given to registrations."""

    def __init__(
        self, expressions: Expressions, functions: Functions, found: Found, walk: Walk
    ) -> None:
        super().__init__(expressions, functions, found, walk)
        self.handlers: set[str] = set()  # the registered handlers' names (unique in a scope)

    def call(self, node: Node, scope: Scope) -> bool:
        """Records a call site; the walk goes on into its arguments (False), unless
        they were read here (a class made with ``extend``, a registered handler)."""
        arguments = node.child_by_field_name("arguments")
        if node.has_error or arguments is None or arguments.type != "arguments":
            return False  # a call with a syntax error inside, or a tagged template
        callee = self.expressions.callee(node)
        if callee == ("Object", "assign"):
            self.assigned(arguments, scope)
            return False
        if len(callee) == 2 and callee[1] == "push" and callee[0] not in ("?", "this"):
            # ``events.push({...})``: a write of the local array, in order (resolve/filled.py)
            pushed = self.expressions.call_expr(node, callee, scope, 0)
            value = Other(PUSHED, pushed.pos, pushed.args)
            self.found.bindings.append(
                Binding(scope.qualname, pushed_target(callee[0]), value, pushed.pos)
            )
        if (
            not callee
            or callee[-1] == "?"
            or (callee[-1] in _NEVER_TRACKING and callee[-2:] not in _PRESET_RECEIVER_CALLS)
            or callee[0] in _NEVER_TRACKING_RECEIVERS
        ):
            return False
        if self.extension(node, callee, None, scope):
            return True
        if callee[0] == "?" and len(callee) == 2:
            callee = self.held_callee(node, callee, scope)
        call = self.expressions.call_expr(node, callee, scope, 0)
        handled = self.registration(node, call, scope)
        self.found.calls[callee[-1]].append(CallSite(handled or call, scope.qualname))
        return handled is not None

    def assigned(self, arguments: Node, scope: Scope) -> None:
        """``Object.assign(props, {plan, seats: n})`` on a local object literal (a
        namespace of the scope) writes its keys as ``props.plan = plan`` does."""
        args = [arg for arg in arguments.named_children if arg.type != "comment"]
        if not args or args[0].type != "identifier":
            return
        held = self.found.namespace(self.source.text(args[0]), scope.qualname)
        if held is None:
            return
        for part in map(unwrap, args[1:]):
            for member in part.named_children if part.type == "object" else ():
                written = self.written_key(member, scope)
                if written is not None:
                    self.found.bindings.append(Binding(held, *written))

    def written_key(self, member: Node, scope: Scope) -> tuple[str, Expr, Position] | None:
        """An object literal's ``key: value`` or ``key`` (shorthand) with a plain name."""
        source = self.source
        if member.type == "shorthand_property_identifier":
            name, pos = source.text(member), source.pos(member)
            return name, self.expressions.reference((name,), scope, pos), pos
        key = member.child_by_field_name("key")
        value = member.child_by_field_name("value")
        written = source.property_name(key) if member.type == "pair" and key is not None else None
        if key is None or value is None or written is None:
            return None
        return written, self.expressions.expr(value, scope), source.pos(key)

    def held_callee(self, node: Node, callee: tuple[str, ...], scope: Scope) -> tuple[str, ...]:
        """``useTelemetry().track(...)`` -> ``("useTelemetry()", "track")``, the call bound
        to that name as ``const { track } = useTelemetry()`` binds it, so the method
        resolves on what the function returns (``new PostHog(key).capture(...)`` on the
        instance); other bases stay opaque (``"?"``)."""
        function = node.child_by_field_name("function")
        base = function.child_by_field_name("object") if function is not None else None
        if base is None or unwrap(base).type not in ("call_expression", "new_expression"):
            return callee
        held = self.destructured_from(base, scope)
        return (held.path[0], callee[1]) if isinstance(held, Ref) else callee

    def destructured_from(self, value: Node, scope: Scope) -> Expr:
        """What ``const { ... } = value`` reads keys of: a name (``Ref``), or the call
        itself bound to the name ``callee()`` (no identifier can clash with it), so
        ``const { capture } = usePostHog()`` reads ``capture`` as ``usePostHog().capture``."""
        value_expr = self.expressions.expr(value, scope)
        if isinstance(value_expr, Call) and "?" not in value_expr.callee:
            holder = f"{'.'.join(value_expr.callee)}()"
            self.found.bindings.append(Binding(scope.qualname, holder, value_expr, value_expr.pos))
            return Ref((holder,), value_expr.pos)
        return value_expr

    def extension(
        self, node: Node, callee: tuple[str, ...], name: str | None, scope: Scope
    ) -> bool:
        """``Base.extend({...})`` with functions in its one object literal: the class
        ``name`` (when it is assigned to one), else ``Base@LINE``. True when read."""
        if callee[-1:] != ("extend",) or len(callee) < 2 or "?" in callee:
            return False
        arguments = node.child_by_field_name("arguments")
        args = (
            [arg for arg in arguments.named_children if arg.type != "comment"] if arguments else []
        )
        body = self.expressions.constant_object(args[0]) if len(args) == 1 else None
        if body is None or not any(_is_function(member) for member in body.named_children):
            return False
        line = node.start_point[0] + 1
        self.functions.namespace(
            body, node, name or f"{callee[-2]}@{line}", scope, bases=(callee[:-1],), instance=True
        )
        return True

    def registration(self, node: Node, call: Call, scope: Scope) -> Call | None:
        """``bus.on("segment:track", function (...) {...})``: the function, defined here
        as ``on('segment:track')``, and the call with a reference to it; the rest of the
        call walked. None for any other call."""
        index = registration_index(call.callee)
        if index is None and call.callee[-1:] in ROUTE_REGISTRATIONS and len(call.args) == 2:
            index = 0  # ``router.post("/trackEvent", (req, res) => ...)``: Express's route
        if index is None:
            return None
        arguments = node.child_by_field_name("arguments")
        if arguments is None:
            return None
        args = [arg for arg in arguments.named_children if arg.type != "comment"]
        if len(args) <= index + 1 or any(isinstance(a, Starred) for a in call.args[: index + 2]):
            return None
        channel, handler = args[index], unwrap(args[index + 1])
        if channel.type != "string" or handler.type not in FUNCTIONS:
            return None
        written = self.source.string_value(channel).replace(".", ":")  # a dot parts scopes
        name = f"{call.callee[-1]}('{written}')"
        if scope.child(name) in self.handlers:  # another handler of it here: by its line
            name = f"{name}@{handler.start_point[0] + 1}"
        self.handlers.add(scope.child(name))
        self.functions.function(handler, handler, name, scope, method=False)
        function = node.child_by_field_name("function")
        for part in (function, *args[: index + 1], *args[index + 2 :]):
            if part is not None:
                self.walk(part, scope)
        handed = Ref((name,), self.source.pos(handler))
        return replace(call, args=(*call.args[: index + 1], handed, *call.args[index + 2 :]))


def _is_function(member: Node) -> bool:
    if member.type == "method_definition":
        return True
    value = member.child_by_field_name("value") if member.type == "pair" else None
    return value is not None and unwrap(value).type in FUNCTIONS
