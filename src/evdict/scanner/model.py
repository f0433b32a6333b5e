"""What scanning produces, in a form no language owns.

Two layers:

* **Facts**, per file: what a language front end saw, without judging it. Calls with
  their arguments as neutral expressions, function and class definitions, bindings
  (``NAME = value``, ``self.attr = value``), imports, suppression comments, or the
  reason the file does not parse. Facts depend on the file's content alone, so they
  are cached by content hash.
* **The inventory**, per run: the tracking calls the resolver recognised in those
  facts (:class:`TrackingCall`), the wrappers it inferred, the files that failed,
  and the suppressions, which is what the code rules read.

Positions are 1-based lines and 1-based *character* columns, end exclusive.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal as TypingLiteral

Position = tuple[int, int, int, int]
"""``(line, column, end_line, end_column)``."""

FunctionKind = TypingLiteral["function", "method", "staticmethod", "classmethod"]
"""What a function is to the class it is defined in: a ``classmethod`` gets the class as
its first parameter (``cls``; in JavaScript ``this`` in a static method or a method of an
object literal), a ``method`` the instance."""

RETURNED = "<return>"
ELEMENTS = "<element>"
"""The annotation key of the class a function's return annotation says its items are
(``-> list[TelemetryProvider]``, ``Sequence[P]``, ``Iterable[P]``)."""
"""The last name of a function another function returns: ``useTrack.<return>`` is the
function ``useTrack()`` gives back (a React hook's ``useCallback(...)``)."""

CALLBACK_PARAMETER = "callback parameter"
"""The kind of :class:`Other` a JS callback's parameter is bound to in the function that
passes the callback on (``items.forEach((client) => ...)``): a value its caller hands in.
``items``: the parameter's position, a :class:`Literal`; ``pos`` the callback's."""


# --- Neutral expressions ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Str:
    """A string literal (also an f-string without placeholders, a folded ``"a" + "b"``)."""

    value: str
    pos: Position


@dataclass(frozen=True, slots=True)
class Literal:
    """Any other literal value: number, boolean, null, or a list of literals (JSON data)."""

    value: object
    pos: Position


@dataclass(frozen=True, slots=True)
class Ref:
    """A name or a dotted attribute chain: ``EVENT``, ``Events.SIGNUP.value``, ``self.client``."""

    path: tuple[str, ...]
    pos: Position


@dataclass(frozen=True, slots=True)
class Item:
    """A constant key read from a name: ``payload["event"]``."""

    base: tuple[str, ...]
    key: str
    pos: Position


@dataclass(frozen=True, slots=True)
class Lookup:
    """A key known only at run time read from a name: ``Events.CREATED[self.kind]``.
    ``key``: the key's expression where it may name the keys read (JS: ``events[on ?
    "STAR" : "UNSTAR"]``, ``events[`GO_${d ? "USER" : "ROOM"}`]``); None otherwise."""

    base: tuple[str, ...]
    pos: Position
    key: Expr | None = None


@dataclass(frozen=True, slots=True)
class FString:
    """A formatted string; ``prefix`` is its literal text before the first placeholder.
    ``parts``: its text (:class:`Str`) and placeholders in order, when every placeholder
    is a plain expression (no conversion or format spec), so known values fold in."""

    prefix: str
    pos: Position
    parts: tuple[Expr, ...] = ()


@dataclass(frozen=True, slots=True)
class Concat:
    """A string concatenation that could not be folded into one literal."""

    parts: tuple[Expr, ...]
    pos: Position


@dataclass(frozen=True, slots=True)
class Choice:
    """One of several values: a conditional expression, or ``a or b``. ``none_test``: for
    ``a if p is not None else b`` (``is None``) on a name or attribute chain ``p``, with
    the two options ``(a, b)``: ``(p, True)`` when ``a`` is taken if ``p`` is not None,
    ``(p, False)`` when ``a`` is taken if it is None; a reader knowing ``p`` picks one."""

    options: tuple[Expr, ...]
    pos: Position
    none_test: tuple[tuple[str, ...], bool] | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    """One ``key: value`` of a mapping, or one ``key=value`` keyword argument."""

    key: Expr
    value: Expr


@dataclass(frozen=True, slots=True)
class Mapping:
    """A dict/object literal (or ``dict(...)``); ``spreads`` are ``**x`` / ``...x`` parts."""

    entries: tuple[Entry, ...]
    spreads: tuple[Expr, ...]
    pos: Position
    # Keys of the spreads left out: ``const { name, ...rest } = opts`` binds ``rest`` to
    # ``{...opts}`` without ``name``.
    omitted: tuple[str, ...] = ()

    def value_at(self, key: str) -> Expr | None:
        """The value the literal writes at ``key`` (a plain key), if it writes it."""
        return next(
            (e.value for e in self.entries if isinstance(e.key, Str) and e.key.value == key),
            None,
        )


@dataclass(frozen=True, slots=True)
class Keyword:
    name: str
    value: Expr
    pos: Position


@dataclass(frozen=True, slots=True)
class Call:
    """A call. ``callee`` is the dotted path of what is called; a part that is not a
    plain name (a call, a subscript) is written ``"?"``. ``args`` may hold a
    :class:`Starred` (positions after it are unknown); ``spreads`` are ``**kwargs``.
    ``receiver``: what a string method is called on when that is no name
    (``Step[step].toLowerCase()``: the lookup), kept as a case method keeps a known name."""

    callee: tuple[str, ...]
    args: tuple[Expr, ...]
    keywords: tuple[Keyword, ...]
    spreads: tuple[Expr, ...]
    pos: Position
    receiver: Expr | None = None


@dataclass(frozen=True, slots=True)
class Starred:
    """``*args`` in a call."""

    value: Expr
    pos: Position


@dataclass(frozen=True, slots=True)
class Items:
    """The items of a returned tuple that are not all literals (``return "Tutorial",
    {"id": tutorial_id}``: a name and its properties, for a decorator that sends them)."""

    items: tuple[Expr, ...]
    pos: Position


@dataclass(frozen=True, slots=True)
class Param:
    """A parameter of an inferred wrapper, inside the properties it builds (resolver only)."""

    name: str
    pos: Position


@dataclass(frozen=True, slots=True)
class Other:
    """Anything else; ``kind`` says what it was (``call``, ``subscript``, ``lambda``...).
    ``items``: an array literal's elements, where not all are literals (a request body's
    ``events: [{name, params}]``, read by a preset's ``events.0.name`` key)."""

    kind: str
    pos: Position
    items: tuple[Expr, ...] = ()


ELEMENT = "element"
"""The :class:`Other` a ``for (const x of param)`` loop binds ``x`` to: ``items`` the
parameter's :class:`Ref`, then the :data:`SKIP` facts of the loop."""
ITERATED = "iterated"
"""The :class:`Other` a Python ``for provider in get_providers():`` binds its loop
variable to: ``items`` the iterated call (an item of what it returns)."""
UNPACKED = "unpacked"
"""The :class:`Other` ``a, b = item`` binds each name to (Python): ``items`` the value
unpacked and the name's place in it, a :class:`Literal`."""
SKIP = "skip"
"""An ``if (x.name === "a") continue;`` opening such a loop: ``items`` the key's
:class:`Ref` and the :class:`Str` it is compared with."""
PUSHED = "pushed"
"""The :class:`Other` ``events.push(a, b)`` binds to ``events[]`` (:func:`pushed_target`)
in its scope: ``items`` the arguments pushed (a :class:`Starred` for ``...list``); a write
of the array, not its value."""

CONCATENATED = "concatenated"
"""The :class:`Other` ``a.concat(b, c)`` reads as (``a`` a name or such a call): ``items``
``a``, then the arguments; an array of their elements in order."""


def pushed_target(name: str) -> str:
    """The target a ``name.push(...)`` binds: no name or key a reference reads."""
    return f"{name}[]"


Expr = (
    Str
    | Literal
    | Ref
    | Item
    | Lookup
    | FString
    | Concat
    | Choice
    | Mapping
    | Call
    | Starred
    | Items
    | Param
    | Other
)


# --- Facts of one file -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CallSite:
    """A call and the scope it is written in: ``""`` (module), ``"Cls"``, ``"Cls.method"``,
    ``"outer.inner"``. ``guard``: for a write into a dict (``props["k"] = v``,
    ``props.update(...)``), the name an enclosing ``if name:`` (``if name is not None:``)
    of its function tests: a wrapper adds the key only when its caller passes that
    parameter."""

    call: Call
    scope: str
    guard: str | None = None


@dataclass(frozen=True, slots=True)
class FunctionDef:
    """A function or method; ``params`` are the positional parameters in order (with
    ``self``/``cls`` for methods), ``posonly`` how many of them are positional-only;
    ``annotations`` the parameters whose declared type is a (dotted) name, and
    :data:`RETURNED` for the return annotation's; ``str_defaults`` the parameters whose
    default is a string (``def report(e, event="python error")``); ``str_exits`` the
    strings a parameter is never below a line: ``(param, string, line)`` for an ``if
    param == "set_orgs":`` of the function's own body that leaves it (``return``,
    ``raise``) and ends at ``line``; ``abstract``: decorated ``@abstractmethod``;
    ``returns_instance_of``: the parameter whose class the function returns an instance
    of (``def instance(self, type: Type[T]) -> T``); ``returns_argument``: the parameter
    whose argument the function gives back, by its generic signature (TypeScript's
    ``create<T>(data: T): T``); ``is_property``: decorated
    ``@property`` or ``@cached_property``, read as an attribute; ``decorators``: the
    decorators that are names, not calls (``@send_telemetry``), as dotted paths;
    ``provides``: the React contexts (names in its module) whose provider the component
    renders, its returned value being what ``useContext`` of them gives."""

    qualname: str
    class_name: str | None
    kind: FunctionKind
    params: tuple[str, ...]
    posonly: int
    kwonly: tuple[str, ...]
    vararg: str | None
    kwarg: str | None
    pos: Position
    annotations: tuple[tuple[str, tuple[str, ...]], ...] = ()
    str_defaults: tuple[tuple[str, str], ...] = ()
    str_exits: tuple[tuple[str, str, int], ...] = ()
    str_only: tuple[tuple[tuple[str, ...], tuple[str, ...], int], ...] = ()
    """``(path, strings, line)``: below ``line`` the name or attribute chain ``path`` is
    one of ``strings``, by an ``if path != "x": return`` (``not in``, or either as one
    operand of an ``or``) of the function's own body."""
    abstract: bool = False
    returns_instance_of: str | None = None
    returns_argument: str | None = None
    is_property: bool = False
    decorators: tuple[tuple[str, ...], ...] = ()
    decorator_pos: tuple[Position, ...] = ()
    """Where each of ``decorators`` is written, in the same order."""
    decorator_calls: tuple[Call, ...] = ()
    """The decorators that are calls (``@track_command("node")``), in order."""
    none_defaults: tuple[str, ...] = ()
    """The parameters whose default is ``None``."""
    defaults: tuple[str, ...] = ()
    """JS/TS: the parameters with a default (``x = 1``): a call leaving one out gives it
    that value, not ``undefined``."""
    provides: tuple[str, ...] = ()
    bound_task: bool = False
    """Decorated by a call passing ``bind=True`` (Celery's ``@shared_task(bind=True)``):
    its first parameter is the task itself, which ``task.delay(...)`` does not pass."""

    @property
    def name(self) -> str:
        return self.qualname.rpartition(".")[2]

    @property
    def bound_params(self) -> tuple[str, ...]:
        """The positional parameters as a call through an instance or class sees them (a
        bound task's as any call sees them: Celery passes the task)."""
        dropped = self.kind in ("method", "classmethod") or self.bound_task
        return self.params[1:] if dropped else self.params


@dataclass(frozen=True, slots=True)
class ClassDef:
    """``str_fields``: the typed fields whose default is a string (``event_name: str =
    "chatFeedbackEvent"`` of a dataclass or attrs class), an instance's value when its
    construction does not pass them; ``abstract``: never built itself, a TS interface or
    ``abstract class`` (Python's abstract classes are told by their bases and methods);
    ``implements``: the interfaces a TS class declares it implements; ``init_fields``: the
    fields a generated ``__init__`` takes in order (a ``@dataclass`` or attrs class's own,
    its bases' before them); ``literal``: a JS object literal read as a class of constants
    (``const EVENTS = {...}``), whose members are its keys."""

    qualname: str
    bases: tuple[tuple[str, ...], ...]
    pos: Position
    str_fields: tuple[tuple[str, str], ...] = ()
    init_fields: tuple[str, ...] = ()
    abstract: bool = False
    # the typed fields whose default is a (dotted) name (``vendor: str = DEFAULT_VENDOR``)
    name_fields: tuple[tuple[str, tuple[str, ...]], ...] = ()
    implements: tuple[tuple[str, ...], ...] = ()
    literal: bool = False


@dataclass(frozen=True, slots=True)
class Binding:
    """``target = value`` in a scope. Module scope is ``""``; class bodies and
    ``self.attr = ...`` in methods bind in the class's scope (target ``("attr",)``);
    function locals in the function's scope."""

    scope: str
    target: str
    value: Expr
    pos: Position
    block_end: int = 0
    """A Python local's: the last line of the statement list it is written in (a
    function's body, an ``if``'s branch, a loop's body), so a later line up to it runs
    after it; 0 when not known."""


@dataclass(frozen=True, slots=True)
class Import:
    """``local`` names ``module`` (``name`` None) or ``module.name``; ``level`` > 0 is a
    relative import (``from ..x import y``). ``specifier`` is a JS/TS import's module
    specifier as written (``"@acme/lib/hooks"``, ``"~/platform"``, ``"./events.js"``),
    which the resolver maps to a file the way Node and TypeScript do (workspace
    packages, tsconfig ``paths``); None in Python."""

    scope: str
    local: str
    module: str
    name: str | None
    level: int
    pos: Position
    specifier: str | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Suppression:
    """``evdict: ignore[CODES]`` (``codes`` empty = every code) on a line, or
    ``evdict: file-ignore[...]`` for the whole file."""

    codes: tuple[str, ...]
    file_level: bool
    pos: Position

    @classmethod
    def read(cls, match: re.Match[str], pos: Position) -> Suppression:
        """The suppression a :data:`SUPPRESSION_DIRECTIVE` match (inside a comment) says."""
        codes = tuple(
            code.strip().upper() for code in (match["codes"] or "").split(",") if code.strip()
        )
        return cls(codes, bool(match["file"]), pos)

    def covers(self, code: str) -> bool:
        return not self.codes or any(code.startswith(selector) for selector in self.codes)

    def text(self) -> str:
        kind = "file-ignore" if self.file_level else "ignore"
        return f"evdict: {kind}[{', '.join(self.codes)}]" if self.codes else f"evdict: {kind}"


SUPPRESSION_DIRECTIVE = r"evdict:\s*(?P<file>file-)?ignore(?![\w-])(?:\[(?P<codes>[^\]]*)\])?"
"""The directive inside a comment, the same in every language; each front end finds its
comments (``#`` ones through Python's tokenizer, JS comment nodes through tree-sitter)."""


@dataclass(frozen=True, slots=True)
class ParseFailure:
    message: str
    pos: Position


@dataclass
class FileFacts:
    """Everything one front end saw in one file. Calls are grouped by the last part of
    their callee, so a resolver only decodes the groups it cares about (see codec)."""

    language: str
    functions: tuple[FunctionDef, ...] = ()
    classes: tuple[ClassDef, ...] = ()
    bindings: tuple[Binding, ...] = ()
    imports: tuple[Import, ...] = ()
    suppressions: tuple[Suppression, ...] = ()
    failure: ParseFailure | None = None
    calls: dict[str, tuple[CallSite, ...]] = field(default_factory=dict)
    not_read: ParseFailure | None = None
    """Why the file was deliberately left unread (a coding cookie naming a codec that is
    no text encoding): a note, not an EV608, since nothing in it can be tracking code."""


# --- The inventory --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PropertySeen:
    """A property a call sends. ``value`` is its literal value when ``has_value``;
    else ``value_type`` is the JSON type its expression gives, when its form says it
    (``len(items)``). ``pos`` is the key's and ``value_pos`` the value's (both the
    call's for a property a wrapper adds, ``via`` naming the wrapper)."""

    name: str
    pos: Position
    has_value: bool = False
    value: object = None
    value_pos: Position | None = None
    via: str | None = None
    value_type: str | None = None


@dataclass(frozen=True, slots=True)
class DynamicName:
    """Why an event name is not one static string, and what is known of it. ``prefix``:
    what any name besides the call's ``events`` starts with (``""``: it may be any name),
    None when the call produces no other name (a choice between known names)."""

    kind: str
    detail: str
    prefix: str | None = ""


@dataclass(frozen=True, slots=True)
class NameSource:
    """The string literal a resolved event name is written as: at the call, or where the
    constant or enum member is defined (what ``evdict rename`` rewrites)."""

    name: str
    path: str
    pos: Position


@dataclass(frozen=True, slots=True)
class TrackingCall:
    """One call that sends an analytics event.

    ``events`` holds the resolved names: one for a static name, several for a
    choice between literals, none when nothing is known; ``dynamic`` says why the
    name is not static. ``via`` is the SDK preset (``segment``) or the wrapper
    (``track_event``); ``kind`` says which (``sdk``, ``wrapper``, ``inferred``).
    """

    path: str
    pos: Position
    event_pos: Position
    events: tuple[str, ...]
    dynamic: DynamicName | None
    kind: TypingLiteral["sdk", "wrapper", "inferred"]
    via: str
    properties: tuple[PropertySeen, ...]
    complete: bool
    language: str = "python"
    sources: tuple[NameSource, ...] = ()
    """Where the names are written as literals; a name built otherwise (concatenation,
    ``auto()``, a transform, an enum member's name) has none."""
    evidence: str | None = None
    """What made evdict confident of an SDK call it could not trace to the SDK
    (:mod:`evdict.scanner.evidence`): ``manifest, named shape, receiver name (5/4
    points)``; None for a call proven."""
    generated: bool = False
    """The call is of a function ``evdict codegen`` wrote, not a raw SDK or wrapper call."""

    @property
    def event(self) -> str | None:
        """The event name when it is static."""
        return self.events[0] if self.dynamic is None and len(self.events) == 1 else None


@dataclass(frozen=True, slots=True)
class Evidence:
    """One link of a wrapper's chain: where a function passes its parameter on."""

    path: str
    pos: Position
    text: str


class Chain:
    """A wrapper's chain of evidence, its own link first, sharing the links after it with
    the wrapper it calls: 3,000 nested wrappers hold 3,000 links, not 4.5 million copies.
    Compared and hashed as the sequence of its links, without recursion."""

    __slots__ = ("link", "rest")

    def __init__(self, link: Evidence, rest: Chain | None = None) -> None:
        self.link = link
        self.rest = rest

    def __iter__(self) -> Iterator[Evidence]:
        chain: Chain | None = self
        while chain is not None:
            yield chain.link
            chain = chain.rest

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Chain) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Chain{tuple(self)!r}"


@dataclass(frozen=True, slots=True)
class InferredWrapper:
    name: str
    path: str
    pos: Position
    event_param: str
    chain: Chain
    generated_event: str | None = None
    """The event a function ``evdict codegen`` wrote tracks; None for any other wrapper."""


@dataclass(frozen=True, slots=True)
class SourceProblem:
    """A file that could not be scanned (EV608): does not parse, not text, unreadable."""

    path: str
    pos: Position
    message: str


@dataclass(frozen=True, slots=True)
class Suggestion:
    """Calls that look like tracking calls but could not be proven (see
    :mod:`evdict.scanner.suggest`): the wrapper spec that would read them."""

    callee: str  # receiver's last name and method: "analytics.logEvent"
    language: str  # "python" or "javascript"
    event: str  # the event's slot as a wrapper spec writes it: "0", "1|event", "0.type"
    properties: str | None
    calls: int
    sites: tuple[str, ...]  # a few "path:line"
    events: tuple[str, ...]  # a few of the names they send
    evidence: str = ""  # what makes them plausible: "receiver name, event object"


@dataclass(frozen=True)
class Inventory:
    """The result of a scan: what the code rules read."""

    calls: tuple[TrackingCall, ...] = ()
    problems: tuple[SourceProblem, ...] = ()
    suppressions: dict[str, tuple[Suppression, ...]] = field(default_factory=dict)
    wrappers: tuple[InferredWrapper, ...] = ()
    notes: tuple[str, ...] = ()
    files_scanned: int = 0
    files_parsed: int = 0
    full_scan: bool = True
    # Plausible calls that could not be proven, when asked for (--suggest-config).
    suggestions: tuple[Suggestion, ...] | None = None

    def generated_functions(self) -> dict[str, str]:
        """Each event a function ``evdict codegen`` wrote tracks -> that function's name."""
        return {
            wrapper.generated_event: wrapper.name
            for wrapper in self.wrappers
            if wrapper.generated_event is not None
        }

    def tracked_events(self) -> set[str]:
        return {name for call in self.calls for name in call.events}
