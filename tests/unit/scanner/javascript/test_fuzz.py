"""Arbitrary input never crashes the JS/TS front end: facts, or a failure (EV608)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evdict.scanner import codec
from evdict.scanner.frontends.javascript import extract
from evdict.scanner.model import FileFacts

# Fragments of real tracking code, so the fuzzer reaches deep into the extractor.
_FRAGMENTS = st.sampled_from(
    [
        "analytics.track(",
        "posthog?.capture(",
        "window.gtag(",
        "track({event: ",
        '"Order Completed"',
        "`step_${n}`",
        "EVENTS.SIGNUP",
        "{...props, plan}",
        "[key]: 1",
        ") => ",
        "function f(",
        "({ event, properties }) ",
        "class A extends B {",
        "enum E {",
        "return useCallback(",
        "export default ",
        'import x from "./y";',
        "require('m')",
        "this.x = ",
        "// evdict: ignore[EV601]\n",
        "/*",
        "*/",
        "<div onClick={",
        "/>",
        "}",
        ")",
        ";",
        ",",
        "\n",
        "\\u{1F600}",
        "é✨",
        "\x00",
        "\r\n",
        "as const",
        "!",
    ]
)
_SOURCES = st.one_of(st.text(max_size=300), st.lists(_FRAGMENTS, max_size=60).map("".join))


def _check(result: FileFacts) -> None:
    assert result.language in ("javascript", "typescript")
    codec.loads(codec.dumps(result))  # the cache can hold whatever came out
    for group in result.calls.values():
        for site in group:
            line, column, end_line, end_column = site.call.pos
            assert line >= 1 and column >= 1 and (end_line, end_column) >= (line, column)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(source=_SOURCES, filename=st.sampled_from(["a.ts", "a.tsx", "a.js", "a.jsx", "a.mts"]))
def test_any_text_gives_facts_or_a_failure(source: str, filename: str) -> None:
    _check(extract(source.encode("utf-8", errors="surrogatepass"), filename))


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=300), filename=st.sampled_from(["a.ts", "a.js"]))
def test_any_bytes_give_facts_or_a_failure(data: bytes, filename: str) -> None:
    _check(extract(data, filename))


def test_deep_nesting_is_a_failure_not_a_crash() -> None:
    source = "f(" * 5000 + ")" * 5000 + ";\n"
    result = extract(source.encode(), "deep.js")
    _check(result)
