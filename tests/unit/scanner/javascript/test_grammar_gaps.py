"""Valid code that tree-sitter's grammars misread parses without a failure (EV608), its
calls read with their text as written; invalid code still fails where it is wrong."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import pytest

from evdict.scanner.frontends import javascript, js_gaps
from evdict.scanner.frontends.javascript import extract
from evdict.scanner.frontends.js_gaps import repaired
from evdict.scanner.model import FileFacts, Str

if TYPE_CHECKING:
    from tree_sitter import Tree

CALL = 'posthog.capture("opened & read", { q: "a&b" });\n'

# Each shape, seen in a real product, alone fails with the grammar as released.
SHAPES = {
    "vitest_type_query.ts": """
        vi.mock("@/lib/posthog", async (importOriginal) => ({
          ...(await importOriginal<typeof import("@/lib/posthog")>()),
        }));
        """,
    "jsx_attribute_ampersand.tsx": """
        const a = <Link href="https://app.example.com/s?delivery=cloud&source=billingView" />;
        """,
    "jsx_text_ampersand.tsx": """
        const a = <p>Terms & conditions &amp; more</p>;
        """,
    "jsx_ampersand.jsx": """
        const a = <a href="/docs?a=1&b=2">Docs & guides</a>;
        """,
    "jsx_keyword_attribute.jsx": """
        const a = <Collapse in={open} timeout="auto"><label for="q">Q</label></Collapse>;
        """,
    "import_type_array.ts": """
        let parts: import("core/index.js").MessagePart[] = [];
        const nested: Record<string, import("m").A.B<string>[]> = {};
        """,
    "keyof_import_type.ts": """
        type Key = keyof import("./config").Config;
        """,
    "export_type_star.ts": """
        export type * from "./models";
        """,
    "member_named_in.ts": """
        type Auth = {
          key: string
          in: "header" | "query"
        };
        """,
    "generic_call_signature.ts": """
        type Invoke = {
          (action: string): void
          <A extends string>(action: A, args: string[]): void
        };
        """,
    "tagged_template_type_arguments.ts": """
        const rows = await prisma.$queryRaw<
          { id: string }[]
        >`SELECT id FROM "User"`;
        """,
}


def source(shape: str) -> bytes:
    return (textwrap.dedent(SHAPES[shape]).lstrip("\n") + CALL).encode()


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_the_grammar_alone_fails_on_the_shape(shape: str) -> None:
    grammar = javascript.grammar_for(shape[shape.rindex(".") :])
    assert grammar is not None
    assert javascript._parser(grammar).parse(source(shape)).root_node.has_error


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_the_shape_parses_and_its_calls_are_read_as_written(shape: str) -> None:
    result = extract(source(shape), shape)
    assert result.failure is None
    line = source(shape).count(b"\n")
    (site,) = result.calls["capture"]
    assert site.call.args[0] == Str("opened & read", (line, 17, line, 32))
    assert site.call.args[1].entries[0].value == Str("a&b", (line, 39, line, 44))  # type: ignore[union-attr]


def facts(text: str, filename: str) -> FileFacts:
    return extract(textwrap.dedent(text).lstrip("\n").encode(), filename)


def test_invalid_code_still_fails_where_it_is_wrong() -> None:
    result = facts(
        """
        const a = {
          b: 1
          c: 2 };
        """,
        "a.ts",
    )
    assert result.failure is not None
    assert (result.failure.message, result.failure.pos) == (
        "syntax error near `c: 2`",
        (3, 3, 3, 7),
    )


def test_a_bare_ampersand_in_code_outside_jsx_is_still_an_error() -> None:
    result = facts("const a = 1 & ;\n", "a.tsx")
    assert result.failure is not None
    assert (result.failure.message, result.failure.pos) == ("syntax error near `&`", (1, 13, 1, 14))


def test_a_broken_file_costs_a_bounded_number_of_parses() -> None:
    parser = javascript._parser("typescript")
    data = b"const a = {\n" + b"  b: 1\n  c: 2\n" * 500 + b"};\n"
    parsed: list[bytes] = []

    def parse(candidate: bytes) -> Tree:
        parsed.append(candidate)
        return parser.parse(candidate)

    assert repaired(parse, data, parser.parse(data)).root_node.has_error
    assert 1 <= len(parsed) <= js_gaps._MAX_PARSES


def test_a_dynamic_import_beside_an_import_type_is_left_as_written() -> None:
    data = b'let parts: import("m").Part[] = [];\nconst ph = import("posthog-js").then((m) => m.default);\n'
    fixed = js_gaps.rewritten(data, "typescript")
    assert fixed == data.replace(b'import("m")', b"import_____", 1)
