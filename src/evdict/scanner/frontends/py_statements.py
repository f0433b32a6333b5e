"""Python statements (``ast``) -> facts: the walk over a module's statements in their
scopes, recording functions and classes, imports, bindings (assignments, ``global``
names, ``self.attr = ...`` in methods, ``return`` values, dataclass fields) and every
call site but those of builtins and common container methods.

Expressions are read with :mod:`~evdict.scanner.frontends.py_expressions`.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterable

from evdict.scanner.frontends.py_exits import str_exits, str_only
from evdict.scanner.frontends.py_expressions import Expressions
from evdict.scanner.frontends.py_nodes import (
    Columns,
    annotated_class,
    dotted,
    returns_annotations,
    returns_instance_of,
    string_names,
)
from evdict.scanner.model import (
    ITERATED,
    RETURNED,
    UNPACKED,
    Binding,
    Call,
    CallSite,
    ClassDef,
    FunctionDef,
    FunctionKind,
    Import,
    Keyword,
    Literal,
    Other,
)

# Calls that never send an event: builtins, and container/string methods.
_NEVER_TRACKING = frozenset(
    {
        "len",
        "print",
        "isinstance",
        "issubclass",
        "str",
        "int",
        "float",
        "bool",
        "list",
        "dict",
        "set",
        "tuple",
        "range",
        "enumerate",
        "zip",
        "map",
        "filter",
        "sorted",
        "reversed",
        "min",
        "max",
        "sum",
        "any",
        "all",
        "getattr",
        "setattr",
        "hasattr",
        "delattr",
        "super",
        "type",
        "repr",
        "iter",
        "next",
        "open",
        "abs",
        "round",
        "id",
        "hash",
        "vars",
        "callable",
        "object",
        "frozenset",
        "bytes",
        "append",
        "extend",
        "insert",
        "join",
        "split",
        "rsplit",
        "strip",
        "lstrip",
        "rstrip",
        "lower",
        "upper",
        "startswith",
        "endswith",
        "items",
        "keys",
        "values",
        "setdefault",
        "encode",
        "decode",
        "replace",
    }
)
# Annotations that name no class a value could be an instance of.
_NOT_CLASSES = frozenset({"Any", "Callable", "ClassVar", "Final", "Self", "TypeVar"})


class Statements:
    """The walk over one file's statements; facts are recorded in the order it meets them."""

    def __init__(self, columns: Columns, expressions: Expressions) -> None:
        self.pos = columns.pos
        self.expressions = expressions
        self.functions: list[FunctionDef] = []
        self.classes: list[ClassDef] = []
        self.bindings: list[Binding] = []
        self.imports: list[Import] = []
        self.calls: defaultdict[str, list[CallSite]] = defaultdict(list)
        # Names declared ``global`` in each function scope.
        self.globals: defaultdict[str, set[str]] = defaultdict(set)
        # The scope and name of the innermost ``if name:`` being walked (a dict's writes
        # below it are guarded by it).
        self.guard: tuple[str, str] | None = None
        # The last line of the statement list being walked (0: a list not walked as one).
        self.block_end = 0

    # --- scopes and statements ---------------------------------------------------------------

    def module(self, tree: ast.Module) -> None:
        self.body(tree.body, "", None)

    def body(self, statements: list[ast.stmt], scope: str, owner: _Owner | None) -> None:
        outer = self.block_end
        self.block_end = statements[-1].end_lineno or 0 if statements else 0
        for statement in statements:
            self.statement(statement, scope, owner)
        self.block_end = outer

    def statement(self, node: ast.stmt, scope: str, owner: _Owner | None) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self.function(node, scope, owner)
        elif isinstance(node, ast.ClassDef):
            self.class_def(node, scope)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            self.import_(node, scope)
        elif isinstance(node, ast.Global):
            self.globals[scope].update(node.names)
        elif isinstance(node, ast.If) and (tested := _tested_name(node.test)) is not None:
            self.children_of_expr(node.test, scope, owner)
            outer, self.guard = self.guard, (scope, tested)
            self.body(node.body, scope, owner)
            self.guard = outer
            self.body(node.orelse, scope, owner)
        else:
            if isinstance(node, ast.Return) and node.value is not None and scope:
                self.bindings.append(
                    Binding(
                        scope, RETURNED, self.expressions.returned(node.value), self.pos(node.value)
                    )
                )
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    self.assign(target, node.value, scope, owner)
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                if _is_field(node, scope, owner):
                    # ``name: str = "x"`` in a dataclass or model is a per-instance
                    # default, not a class constant.
                    self.rebind(node.target, scope, "dataclass field")
                else:
                    declared = _declared(node.annotation, node.value)
                    self.assign(node.target, declared or node.value, scope, owner)
            elif isinstance(node, (ast.For, ast.AsyncFor)) and (
                isinstance(node.target, ast.Name) and isinstance(node.iter, ast.Call)
            ):  # an item of what the call returns, as its annotation may say
                iterated = self.expressions.expr(node.iter)
                bound_in = "" if node.target.id in self.globals.get(scope, ()) else scope
                where = self.pos(node.target)
                element = Other(ITERATED, where, (iterated,))
                self.bindings.append(Binding(bound_in, node.target.id, element, where))
            elif isinstance(node, (ast.AugAssign, ast.For, ast.AsyncFor)):
                self.rebind(node.target, scope, "reassigned")
            elif isinstance(node, (ast.With, ast.AsyncWith)):
                for item in node.items:
                    if item.optional_vars is not None:
                        self.rebind(item.optional_vars, scope, "with")
            self.nested(node, scope, owner)

    def nested(self, node: ast.stmt, scope: str, owner: _Owner | None) -> None:
        """A statement's parts: each list of statements a block of its own (``for``,
        ``with``, ``try`` bodies), every other part as :meth:`children` reads it."""
        for _, value in ast.iter_fields(node):
            if isinstance(value, list) and value and isinstance(value[0], ast.stmt):
                self.body(value, scope, owner)
            elif isinstance(value, list):
                self.walk([part for part in value if isinstance(part, ast.AST)], scope, owner)
            elif isinstance(value, ast.AST):
                self.walk([value], scope, owner)

    def children(self, node: ast.AST, scope: str, owner: _Owner | None) -> None:
        """Every call below ``node`` (nested definitions get their own scope)."""
        self.walk(ast.iter_child_nodes(node), scope, owner)

    def walk(self, nodes: Iterable[ast.AST], scope: str, owner: _Owner | None) -> None:
        for child in nodes:
            if isinstance(child, ast.stmt):
                # a statement of a list not walked as one (an ``except`` handler's body)
                outer, self.block_end = self.block_end, 0
                self.statement(child, scope, owner)
                self.block_end = outer
                continue
            if isinstance(child, ast.Call):
                self.call(child, scope)
            elif isinstance(child, ast.NamedExpr):
                self.rebind(child.target, scope, "walrus")
            elif isinstance(child, ast.ExceptHandler) and child.name:
                self.bindings.append(
                    Binding(scope, child.name, Other("except", self.pos(child)), self.pos(child))
                )
            self.walk(ast.iter_child_nodes(child), scope, owner)

    def function(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef, scope: str, owner: _Owner | None
    ) -> None:
        for decorator in node.decorator_list:
            self.children_of_expr(decorator, scope, owner)
        args = node.args
        for default in (*args.defaults, *[d for d in args.kw_defaults if d is not None]):
            self.children_of_expr(default, scope, owner)
        decorators = {dotted(d)[-1] for d in node.decorator_list if dotted(d)}
        in_class = owner is not None and owner.qualname == scope
        kind: FunctionKind = "function"
        if in_class:
            kind = (
                "staticmethod"
                if "staticmethod" in decorators
                else "classmethod"
                if "classmethod" in decorators
                else "method"
            )
        positional = [arg.arg for arg in (*args.posonlyargs, *args.args)]
        qualname = f"{scope}.{node.name}" if scope else node.name
        self.functions.append(
            FunctionDef(
                qualname=qualname,
                class_name=scope if in_class else None,
                kind=kind,
                params=tuple(positional),
                posonly=len(args.posonlyargs),
                kwonly=tuple(arg.arg for arg in args.kwonlyargs),
                vararg=args.vararg.arg if args.vararg else None,
                kwarg=args.kwarg.arg if args.kwarg else None,
                pos=self.pos(node),
                annotations=tuple(
                    (arg.arg, annotation)
                    for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs)
                    if arg.annotation is not None
                    and (annotation := annotated_class(arg.annotation))
                )
                + returns_annotations(node),
                str_defaults=_str_defaults(args),
                str_exits=str_exits(node.body),
                str_only=str_only(node.body),
                abstract="abstractmethod" in decorators,
                returns_instance_of=returns_instance_of(node),
                is_property=bool(decorators & {"property", "cached_property"}),
                decorators=tuple(path for d in node.decorator_list if (path := dotted(d))),
                decorator_pos=tuple(self.pos(d) for d in node.decorator_list if dotted(d)),
                decorator_calls=self.decorator_calls(node),
                none_defaults=_none_defaults(args),
                bound_task=_binds_task(node),
            )
        )
        # ``self.attr = ...`` in a method binds in the class's scope.
        method_owner = (
            owner if in_class and kind in ("method", "classmethod") and positional else None
        )
        inner = (
            _Owner(owner.qualname, positional[0], owner.declared)
            if method_owner and owner
            else None
        )
        self.body(node.body, qualname, inner)

    def decorator_calls(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[Call, ...]:
        """The decorators written as calls of a name (``@tracking.track_command("node")``)."""
        return tuple(
            self.expressions.call_expr(d, callee, 0)
            for d in node.decorator_list
            if isinstance(d, ast.Call) and (callee := dotted(d.func))
        )

    def children_of_expr(self, node: ast.expr, scope: str, owner: _Owner | None) -> None:
        if isinstance(node, ast.Call):
            self.call(node, scope)
        self.children(node, scope, owner)

    def class_def(self, node: ast.ClassDef, scope: str) -> None:
        for expr in (*node.decorator_list, *node.bases):
            self.children_of_expr(expr, scope, None)
        qualname = f"{scope}.{node.name}" if scope else node.name
        # ``client: TelemetryClient`` with no value: what ``self.client = ...`` holds.
        declared = {
            statement.target.id: statement.annotation
            for statement in node.body
            if isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and statement.value is None
        }
        owner = _Owner(qualname, None, declared)
        str_fields = tuple(
            (statement.target.id, statement.value.value)
            for statement in node.body
            if isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(statement.value, ast.Constant)
            and isinstance(statement.value.value, str)
            and _is_field(statement, qualname, owner)
        )
        name_fields = tuple(
            (statement.target.id, path)
            for statement in node.body
            if isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and statement.value is not None
            and (path := dotted(statement.value))
            and _is_field(statement, qualname, owner)
        )
        bases = tuple(dotted(base) or ("?",) for base in node.bases)
        init_fields = _init_fields(node, qualname, owner)
        self.classes.append(
            ClassDef(
                qualname, bases, self.pos(node), str_fields, init_fields, name_fields=name_fields
            )
        )
        self.body(node.body, qualname, owner)

    def import_(self, node: ast.Import | ast.ImportFrom, scope: str) -> None:
        pos = self.pos(node)
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    self.imports.append(Import(scope, alias.asname, alias.name, None, 0, pos))
                else:
                    head = alias.name.partition(".")[0]
                    self.imports.append(Import(scope, head, head, None, 0, pos))
            return
        module = node.module or ""
        for alias in node.names:
            local = alias.asname or alias.name
            self.imports.append(Import(scope, local, module, alias.name, node.level, pos))

    def assign(self, target: ast.expr, value: ast.expr, scope: str, owner: _Owner | None) -> None:
        if isinstance(target, ast.Name):
            bound_in = "" if target.id in self.globals.get(scope, ()) else scope
            value_expr = self.expressions.expr(value)
            pos = self.pos(target)
            self.bindings.append(Binding(bound_in, target.id, value_expr, pos, self.block_end))
        elif (
            isinstance(target, ast.Attribute)
            and isinstance(target.value, ast.Name)
            and owner is not None
            and owner.self_name is not None
            and target.value.id == owner.self_name
        ):
            annotation = owner.declared.get(target.attr)
            declared = _declared(annotation, value) if annotation is not None else None
            value = declared or value
            self.bindings.append(
                Binding(owner.qualname, target.attr, self.expressions.expr(value), self.pos(target))
            )
        elif isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
            # ``event.event_name = "x"``: that instance's field is no longer its default
            bound_in = "" if target.value.id in self.globals.get(scope, ()) else scope
            name = f"{target.value.id}.{target.attr}"
            pos = self.pos(target)
            self.bindings.append(Binding(bound_in, name, Other("attribute set", pos), pos))
        elif isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
            # ``props["email"] = user.email`` is ``props.update(email=user.email)``: what
            # a local dict of properties is built of; ``props[key] = v``, a key not known.
            pos = self.pos(target)
            key = target.slice
            call = (
                Call(
                    (target.value.id, "update"),
                    (),
                    (Keyword(key.value, self.expressions.expr(value), pos),),
                    (),
                    pos,
                )
                if isinstance(key, ast.Constant) and isinstance(key.value, str)
                else Call((target.value.id, "update"), (), (), (Other("subscript", pos),), pos)
            )
            self.calls["update"].append(CallSite(call, scope, self.guarded(scope)))
        elif isinstance(target, (ast.Tuple, ast.List)):
            values = value.elts if isinstance(value, (ast.Tuple, ast.List)) else None
            if values is not None and len(values) == len(target.elts):
                for sub_target, sub_value in zip(target.elts, values, strict=True):
                    self.assign(sub_target, sub_value, scope, owner)
            elif all(isinstance(element, ast.Name) for element in target.elts):
                # ``event_name, distinct_id, properties = item``: each name the item's
                # element at its place (a queue's worker reads what was put on it)
                source = self.expressions.expr(value)
                for index, element in enumerate(target.elts):
                    assert isinstance(element, ast.Name)
                    bound_in = "" if element.id in self.globals.get(scope, ()) else scope
                    where = self.pos(element)
                    unpacked = Other(UNPACKED, where, (source, Literal(index, where)))
                    self.bindings.append(Binding(bound_in, element.id, unpacked, where))
            else:
                self.rebind(target, scope, UNPACKED)

    def rebind(self, target: ast.expr, scope: str, kind: str) -> None:
        """A name bound to a value that is not known (loop variables, ``+=``...)."""
        for node in ast.walk(target):
            if isinstance(node, ast.Name):
                bound_in = "" if node.id in self.globals.get(scope, ()) else scope
                self.bindings.append(
                    Binding(bound_in, node.id, Other(kind, self.pos(node)), self.pos(node))
                )

    # --- calls ---------------------------------------------------------------------------------

    def call(self, node: ast.Call, scope: str) -> None:
        callee = dotted(node.func, allow_opaque=True)
        if callee == ("?",) and isinstance(node.func, ast.Call):
            self.loaded_call(node, node.func, scope)
            return
        if not callee or callee[-1] == "?" or callee[-1] in _NEVER_TRACKING:
            return
        if callee[0] == "?":
            callee = self.held_callee(node.func, callee, scope)
        guard = self.guarded(scope) if callee[-1] == "update" else None
        call = self.expressions.call_expr(node, callee, 0)
        self.calls[callee[-1]].append(CallSite(call, scope, guard))

    def guarded(self, scope: str) -> str | None:
        """The name the innermost ``if name:`` around a statement of ``scope`` tests."""
        return self.guard[1] if self.guard is not None and self.guard[0] == scope else None

    def loaded_call(self, node: ast.Call, loader: ast.Call, scope: str) -> None:
        """``load(module="app.telemetry", attribute="send")(user, event)``: the inner call
        bound to a name of its own (no identifier can clash with it), the call listed under
        it and under the names the function loaded may have (:func:`string_names`)."""
        inner = dotted(loader.func)
        if not inner or inner[-1] in _NEVER_TRACKING:
            return
        line, column = self.pos(loader)[:2]
        holder = f"{'.'.join(inner)}()@{line}:{column}"
        value = self.expressions.call_expr(loader, inner, 0)
        self.bindings.append(Binding(scope, holder, value, self.pos(loader)))
        site = CallSite(self.expressions.call_expr(node, (holder,), 0), scope)
        for name in dict.fromkeys((holder, *string_names(loader))):
            self.calls[name].append(site)

    def held_callee(self, func: ast.expr, callee: tuple[str, ...], scope: str) -> tuple[str, ...]:
        """``get_client().capture(...)`` -> ``("get_client()", "capture")``, the call bound
        to that name (no identifier can clash with it), so the method resolves on what
        the function returns, as ``client = get_client()`` would; other bases stay ``"?"``."""
        base = func
        while isinstance(base, ast.Attribute):
            base = base.value
        inner = dotted(base.func) if isinstance(base, ast.Call) else ()
        if not isinstance(base, ast.Call) or not inner or inner[-1] in _NEVER_TRACKING:
            return callee
        holder = f"{'.'.join(inner)}()"
        value = self.expressions.call_expr(base, inner, 0)
        self.bindings.append(Binding(scope, holder, value, self.pos(base)))
        return (holder, *callee[1:])


class _Owner:
    """The class whose scope ``self.attr = ...`` binds in (``self_name``: the method's
    first parameter; ``declared``: the attributes its body annotates with no value)."""

    __slots__ = ("declared", "qualname", "self_name")

    def __init__(
        self, qualname: str, self_name: str | None, declared: dict[str, ast.expr] | None = None
    ) -> None:
        self.qualname = qualname
        self.self_name = self_name
        self.declared = declared or {}


def _tested_name(test: ast.expr) -> str | None:
    """``if name:``, ``if name is not None:``: the name tested; None for other tests. In
    ``if request and "User-Agent" in request.headers:`` the body runs only when
    ``request`` is set: the name is the first such test of an ``and``."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return next((name for part in test.values if (name := _tested_name(part))), None)
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.IsNot):
        right = test.comparators[0]
        if isinstance(right, ast.Constant) and right.value is None:
            test = test.left
    return test.id if isinstance(test, ast.Name) else None


def _is_field(node: ast.AnnAssign, scope: str, owner: _Owner | None) -> bool:
    """An annotated assignment in a class body, not marked ``Final`` or ``ClassVar``."""
    if owner is None or owner.self_name is not None or owner.qualname != scope:
        return False
    annotation = node.annotation
    if isinstance(annotation, ast.Subscript):
        annotation = annotation.value
    return dotted(annotation)[-1:] not in (("Final",), ("ClassVar",))


_GENERATED_INIT = frozenset({("dataclass",), ("define",), ("frozen",), ("mutable",), ("attr", "s")})
"""Decorators (their last parts) writing an ``__init__`` of the class's fields in order."""


def _init_fields(node: ast.ClassDef, qualname: str, owner: _Owner) -> tuple[str, ...]:
    """The fields the ``__init__`` of a ``@dataclass`` (or attrs) class takes, in order."""
    decorators = (dotted(d.func if isinstance(d, ast.Call) else d) for d in node.decorator_list)
    if not any(path[-1:] in _GENERATED_INIT or path[-2:] in _GENERATED_INIT for path in decorators):
        return ()
    return tuple(
        statement.target.id
        for statement in node.body
        if isinstance(statement, ast.AnnAssign)
        and isinstance(statement.target, ast.Name)
        and _is_field(statement, qualname, owner)
    )


def _declared(annotation: ast.expr, value: ast.expr | None) -> ast.Call | None:
    """``ph: Posthog = getattr(local, "posthog", None)``: a value computed out of sight,
    annotated with a class, is an instance of that class (a construction of it stands in
    for the value); None for a literal, a plain name or an annotation naming no class.
    So is ``self.client = self.require(Client)`` in a class whose body declares
    ``client: Client``."""
    if not isinstance(value, (ast.Call, ast.Attribute, ast.Subscript, ast.BoolOp, ast.IfExp)):
        return None
    path = annotated_class(annotation)
    if not path or not path[-1][:1].isupper() or path[-1] in _NOT_CLASSES:
        return None
    if isinstance(value, ast.Call) and dotted(value.func) == path:
        return None  # ``DONE: Action = Action("done")``: the construction itself, as written
    callee: ast.expr = ast.Name(path[0], ast.Load())
    for part in path[1:]:
        callee = ast.Attribute(callee, part, ast.Load())
    call = ast.Call(callee, [], [])
    for made in ast.walk(call):
        ast.copy_location(made, value)
    return call


def _defaults(args: ast.arguments) -> list[tuple[ast.arg, ast.expr | None]]:
    """Each parameter with a default, and that default."""
    positional = (*args.posonlyargs, *args.args)
    return [
        *zip(positional[len(positional) - len(args.defaults) :], args.defaults, strict=True),
        *zip(args.kwonlyargs, args.kw_defaults, strict=True),
    ]


def _none_defaults(args: ast.arguments) -> tuple[str, ...]:
    """The parameters whose default is ``None`` (``def track_command(sub_command=None)``)."""
    return tuple(
        arg.arg
        for arg, default in _defaults(args)
        if isinstance(default, ast.Constant) and default.value is None
    )


def _str_defaults(args: ast.arguments) -> tuple[tuple[str, str], ...]:
    """The parameters whose default is a string: the event a wrapper's callers send when
    they leave it out (``def report(error, event="python error")``)."""
    return tuple(
        (arg.arg, default.value)
        for arg, default in _defaults(args)
        if isinstance(default, ast.Constant) and isinstance(default.value, str)
    )


def _binds_task(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A decorator call passing ``bind=True``: Celery hands the task in first."""
    return any(
        isinstance(decorator, ast.Call)
        and any(
            keyword.arg == "bind"
            and isinstance(keyword.value, ast.Constant)
            and keyword.value.value is True
            for keyword in decorator.keywords
        )
        for decorator in node.decorator_list
    )
