"""What a function's early exits say of a name below them: ``if kind == "x": return``
(the name is never ``"x"`` there) and ``if kind != "x": return`` (it can only be
``"x"``), read from the function's own body."""

from __future__ import annotations

import ast

from evdict.scanner.frontends.py_nodes import dotted


def str_exits(body: list[ast.stmt]) -> tuple[tuple[str, str, int], ...]:
    """``if event_type == "set_orgs": ...; return`` (or ``in ("a", "b")``) in a function's
    own body: below the ``if`` the parameter is none of those strings (a wrapper that
    sends that one another way, ``set_group`` rather than ``track``)."""
    exits: list[tuple[str, str, int]] = []
    for statement in body:
        if not (
            isinstance(statement, ast.If)
            and isinstance(statement.body[-1], (ast.Return, ast.Raise))
            and isinstance(test := statement.test, ast.Compare)
            and isinstance(test.left, ast.Name)
            and len(test.ops) == 1
        ):
            continue
        options = _compared(test.ops[0], test.comparators[0], ast.Eq, ast.In)
        end = statement.end_lineno or statement.lineno
        exits.extend(
            (test.left.id, option.value, end)
            for option in options
            if isinstance(option, ast.Constant) and isinstance(option.value, str)
        )
    return tuple(exits)


def str_only(body: list[ast.stmt]) -> tuple[tuple[tuple[str, ...], tuple[str, ...], int], ...]:
    """``if msg.name != "BehaviorChange" or user is None: return`` (or ``not in ("a",
    "b")``) in a function's own body: below the ``if`` the name or attribute chain is one
    of those strings. Only a test that is the comparison or one operand of an ``or``
    says so: leaving when ``A and B`` holds says nothing of ``A`` alone."""
    only: list[tuple[tuple[str, ...], tuple[str, ...], int]] = []
    for statement in body:
        if not (
            isinstance(statement, ast.If)
            and isinstance(statement.body[-1], (ast.Return, ast.Raise))
        ):
            continue
        test = statement.test
        operands = (
            test.values if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or) else [test]
        )
        end = statement.end_lineno or statement.lineno
        for operand in operands:
            if not (isinstance(operand, ast.Compare) and len(operand.ops) == 1):
                continue
            path = dotted(operand.left)
            options = _compared(operand.ops[0], operand.comparators[0], ast.NotEq, ast.NotIn)
            strings = tuple(
                option.value
                for option in options
                if isinstance(option, ast.Constant) and isinstance(option.value, str)
            )
            if path and strings and len(strings) == len(options):
                only.append((path, strings, end))
    return tuple(only)


def _compared(
    op: ast.cmpop, right: ast.expr, one: type[ast.cmpop], among: type[ast.cmpop]
) -> list[ast.expr]:
    """What a test compares with: ``right`` for the operator ``one`` (``==``), each
    element of a tuple, list or set literal for ``among`` (``in``); nothing else."""
    if isinstance(op, one):
        return [right]
    if isinstance(op, among) and isinstance(right, (ast.Tuple, ast.List, ast.Set)):
        return list(right.elts)
    return []
