"""The JSON type of a property value the code computes, where its expression alone says
it: `items.length` is an integer, `` `${a}-${b}` `` a string, `a === b` a boolean, and so
is a local name bound once to such an expression. A plan drafted from the code
(`init --from-code`) types the property with it instead of leaving it to a human.

Only expressions whose type does not depend on what they read are typed: `len(x)` is an
integer whatever `x` is, `a + b` is not typed (numbers, lists and dates add too) unless
a string is one of its terms, and a project function of the same name as a builtin (a
local `len`) leaves it untyped.
"""

from __future__ import annotations

from evdict.scanner.model import Call, Concat, Expr, FString, Item, Other, Ref, Str
from evdict.scanner.resolve.local_objects import local_value
from evdict.scanner.resolve.project import Module

# What an operator gives, as the front ends name it (`Other.kind`).
_OPERATORS = {"comparison": "boolean", "not": "boolean", "typeof": "string"}
_JS_OPERATORS = {"arithmetic": "number"}  # JavaScript's `-`, `*`, `/`, `%`, `**`: numbers
# Built-in functions and constructors called as such.
_PY_CALLS = {
    ("len",): "integer",
    ("str",): "string",
    ("repr",): "string",
    ("int",): "integer",
    ("float",): "number",
    ("bool",): "boolean",
    ("isinstance",): "boolean",
    ("hasattr",): "boolean",
    ("callable",): "boolean",
    ("time", "time"): "number",
}
_JS_CALLS = {
    ("String",): "string",
    ("Number",): "number",
    ("Boolean",): "boolean",
    ("parseInt",): "integer",
    ("parseFloat",): "number",
    ("isNaN",): "boolean",
    ("Date", "now"): "integer",
    ("JSON", "stringify"): "string",
    ("Array", "isArray"): "boolean",
    ("Number", "isInteger"): "boolean",
}
# Methods whose name says what they give, on whatever they are called.
_PY_METHODS = {
    "lower": "string",
    "upper": "string",
    "strip": "string",
    "isoformat": "string",
    "startswith": "boolean",
    "endswith": "boolean",
    "isdigit": "boolean",
}
_JS_METHODS = {
    "toISOString": "string",
    "toLowerCase": "string",
    "toUpperCase": "string",
    "toFixed": "string",
    "toLocaleDateString": "string",
    "startsWith": "boolean",
    "endsWith": "boolean",
    "getTime": "integer",
}
_JS_ATTRIBUTES = {"length": "integer"}


def value_json_type(module: Module, scope: str, expr: Expr) -> str | None:
    """The JSON type ``expr`` gives, when its form says it (None: unknown, or a literal,
    whose value says more); a local name the function binds once is its value's type."""
    value = local_value(module, scope, expr)
    return _form_type(module, value if value is not None and value != expr else expr)


def _form_type(module: Module, expr: Expr) -> str | None:
    javascript = module.facts.language != "python"
    if isinstance(expr, FString):
        return "string"
    if isinstance(expr, Concat):  # `a + b` is a string only beside a string: numbers add too
        return "string" if any(isinstance(part, (Str, FString)) for part in expr.parts) else None
    if isinstance(expr, Other):
        return _OPERATORS.get(expr.kind) or (_JS_OPERATORS.get(expr.kind) if javascript else None)
    if isinstance(expr, Ref) and javascript and len(expr.path) > 1:
        return _JS_ATTRIBUTES.get(expr.path[-1])
    if isinstance(expr, Item) and javascript:  # `items.length` of a parameter `items`
        return _JS_ATTRIBUTES.get(expr.key)
    if not isinstance(expr, Call):
        return None
    if len(expr.callee) > 1:  # a method, on whatever it is called (`new Date().toISOString()`)
        method = (_JS_METHODS if javascript else _PY_METHODS).get(expr.callee[-1])
        if method is not None:
            return method
    if expr.callee[:1] == ("?",) or (len(expr.callee) == 1 and expr.callee[0] in module.functions):
        return None  # not a builtin: the project's own function of a builtin's name
    return (_JS_CALLS if javascript else _PY_CALLS).get(expr.callee)
