"""Writing a new event name as a literal, and finding a literal's bytes from the scanner's
positions: whatever the name holds, the literal reads back as it."""

from __future__ import annotations

import ast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evdict.commands.rename import (
    apply_byte_edits,
    byte_range,
    javascript_literal,
    python_literal,
    rename_python_literals,
)
from evdict.scanner.frontends import javascript, python
from evdict.scanner.model import Str

names = st.text(max_size=20)


@pytest.mark.parametrize(
    ("value", "prefix", "quote", "expected"),
    [
        ("user_signed_up", "", '"', '"user_signed_up"'),
        ("user_signed_up", "f", "'", "'user_signed_up'"),
        ("user_signed_up", "r", '"""', 'r"""user_signed_up"""'),
        ("it's", "", "'", "'it\\'s'"),
        ("a\\b", "r", '"', '"a\\\\b"'),
        ("tab\there", "U", '"', 'U"tab\\there"'),
        ("été", "", '"', '"été"'),
    ],
)
def test_python_literal(value: str, prefix: str, quote: str, expected: str) -> None:
    assert python_literal(value, prefix, quote) == expected


@settings(max_examples=300, deadline=None)
@given(names, st.sampled_from(["", "r", "u", "f", "Rb", "rf"]), st.sampled_from(["'", '"', "'''"]))
def test_python_literals_read_back(value: str, prefix: str, quote: str) -> None:
    assert ast.literal_eval(python_literal(value, prefix, quote)) == value


@settings(max_examples=300, deadline=None)
@given(names, st.sampled_from(["'", '"', "`"]))
def test_javascript_literals_read_back(value: str, quote: str) -> None:
    source = f"track({javascript_literal(value, quote)}, 1);\n".encode()
    facts = javascript.extract(source, "app.ts")
    assert facts.failure is None
    (site,) = facts.calls["track"]
    argument = site.call.args[0]
    assert isinstance(argument, Str)
    assert argument.value == value


def test_byte_ranges_from_python_positions() -> None:
    """The byte-range path works from any front end's positions (here Python's, with
    characters of several bytes before the literal on its line)."""
    data = '# é\nx = "éé"; track(u, "sign_up")  # ü\n'.encode()
    (site,) = python.extract(data).calls["track"]
    literal = site.call.args[1]
    assert isinstance(literal, Str)
    start, end = byte_range(data, literal.pos)
    assert data[start:end] == b'"sign_up"'
    by_bytes = apply_byte_edits(data, [(start, end, b'"signed_up"')])
    by_libcst = rename_python_literals(data, {literal.pos}, "sign_up", "signed_up", "x.py")
    assert by_bytes == by_libcst == data.replace(b'"sign_up"', b'"signed_up"')


def test_byte_ranges_after_a_bom() -> None:
    data = b'\xef\xbb\xbftrack("a_b");\n'
    (site,) = javascript.extract(data, "x.js").calls["track"]
    literal = site.call.args[0]
    start, end = byte_range(data, literal.pos)
    assert data[start:end] == b'"a_b"'
