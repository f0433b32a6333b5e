"""Descriptions written in a safe subset of CommonMark, rendered to HTML, Markdown or text.

A description comes from the plan, so it is untrusted: raw HTML is off (it shows as
text), headings and images are off (they would break the page's outline or load
remote content) and a link keeps its target only for ``http``, ``https``, ``mailto``
and relative URLs. One parse feeds every output, so the Markdown writer emits only
what it re-creates from the parsed tokens and never copies the source through.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, cached_property
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup, escape

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
# Characters browsers drop or ignore inside a URL scheme ("java\tscript:").
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")


def is_safe_url(url: str) -> bool:
    """True for relative URLs and the schemes in :data:`SAFE_SCHEMES`."""
    cleaned = _IGNORED_IN_SCHEME.sub("", url)
    scheme = urlsplit(cleaned).scheme if ":" in cleaned else ""
    return scheme == "" or scheme.lower() in SAFE_SCHEMES


@cache
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False}).disable(["heading", "lheading", "image"])
    parser.validateLink = is_safe_url  # type: ignore[method-assign]
    return parser


# Text with none of Markdown's syntax is one paragraph of itself: no need to parse it.
_SYNTAX = re.compile(r"[\n\\`*_\[\]<>&#=~|]")
_BLOCK_START = re.compile(r"[-+]|\d{1,9}[.)]")


class RichText:
    """One description: parsed once, on first use, rendered as each writer needs."""

    def __init__(self, source: str | None) -> None:
        self.source = (source or "").strip()
        self.plain = not _SYNTAX.search(self.source) and not _BLOCK_START.match(self.source)

    def __bool__(self) -> bool:
        return bool(self.source)

    @cached_property
    def _tokens(self) -> list[Token]:
        return _parser().parse(self.source) if self.source else []

    @cached_property
    def html(self) -> Markup:
        """Safe HTML: every character from the plan is escaped by the renderer."""
        if not self.source:
            return Markup("")
        if self.plain:
            return Markup(f"<p>{escape(self.source)}</p>\n")
        return Markup(_parser().renderer.render(self._tokens, _parser().options, {}))

    @cached_property
    def text(self) -> str:
        """The words alone, for search and for one-line summaries."""
        if self.plain:
            return self.source
        parts: list[str] = []
        for token in self._tokens:
            if token.type == "inline":
                parts.append(_inline_text(token.children or []))
            elif token.type in ("code_block", "fence"):
                parts.append(token.content.strip())
        return " ".join(part for part in parts if part)

    @cached_property
    def markdown(self) -> str:
        """Markdown re-created from the tokens: only the safe subset, text escaped."""
        if self.plain:
            return escape_markdown(self.source)
        return "\n".join(_MarkdownWriter(self._tokens).blocks()).strip()


class Quoted:
    """A message that quotes names in backticks, as rule messages do, and has no other markup.

    Findings number in the thousands on a large plan: splitting on backticks is all
    they need, where a Markdown parse would cost more than the page around them.
    """

    _CODE = re.compile(r"`([^`\n]+)`")

    def __init__(self, source: str) -> None:
        self.source = source

    def _parts(self) -> list[tuple[bool, str]]:
        """(is code, text) pieces, in order."""
        pieces = self._CODE.split(self.source)
        return [(index % 2 == 1, piece) for index, piece in enumerate(pieces) if piece]

    @cached_property
    def html(self) -> Markup:
        return Markup(
            "".join(
                f"<code>{escape(piece)}</code>" if code else escape(piece)
                for code, piece in self._parts()
            )
        )

    @cached_property
    def text(self) -> str:
        return "".join(piece for _, piece in self._parts())

    @cached_property
    def markdown(self) -> str:
        return "".join(
            code_span(piece) if code else escape_markdown(piece) for code, piece in self._parts()
        )


def _inline_text(children: Sequence[Token]) -> str:
    pieces = []
    for child in children:
        if child.type in ("text", "code_inline"):
            pieces.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            pieces.append(" ")
    return "".join(pieces)


_MD_ESCAPES = str.maketrans(
    {
        **{char: "\\" + char for char in "\\`*_[]|~"},
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
    }
)
# What would open a block at the start of a line: a heading, a list item, an underline.
_MD_LINE_START = re.compile(r"^(\s*(?:\d+(?=[.)]))?)([#+=.)-])")
_WHITESPACE_RUN = re.compile(r"\s+")


def escape_markdown(text: str) -> str:
    """Plain text made inert in Markdown (and in the HTML a Markdown renderer lets through)."""
    if not text.isascii() or any(char in text for char in "\n\t\r\f\v") or "  " in text:
        text = _WHITESPACE_RUN.sub(" ", text)
    escaped = text.translate(_MD_ESCAPES)
    first = escaped.lstrip()[:1]
    if first and (first in "#+=-" or first.isdigit()):
        escaped = _MD_LINE_START.sub(r"\1\\\2", escaped, count=1)
    return escaped


def code_span(text: str, *, in_table: bool = False) -> str:
    """``text`` as a Markdown code span; its content is shown literally by any renderer.

    In a table cell a ``|`` would end the cell even inside the span, so it is escaped
    there (GitHub-flavoured tables read ``\\|`` as a pipe).
    """
    one_line = " ".join(text.split())
    if in_table:
        one_line = one_line.replace("|", "\\|")
    if "`" not in one_line:
        return f"`{one_line}`"
    longest = max(len(run) for run in re.findall(r"`+", one_line))
    fence = "`" * (longest + 1)
    pad = " " if one_line.startswith("`") or one_line.endswith("`") else ""
    return f"{fence}{pad}{one_line}{pad}{fence}"


def markdown_url(url: str) -> str:
    """A URL as a Markdown link destination: angle-bracketed, with ``<>`` and spaces encoded."""
    encoded = url.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")
    return "<" + "".join(encoded.split()) + ">"


class _MarkdownWriter:
    """Turn the parsed tokens back into Markdown, block by block."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.index = 0

    def blocks(self, closing: str | None = None) -> list[str]:
        """Lines of the blocks up to the token of type ``closing`` (consumed)."""
        lines: list[str] = []
        while self.index < len(self.tokens):
            token = self.tokens[self.index]
            self.index += 1
            if token.type == closing:
                break
            block = self._block(token)
            if block is not None:
                if lines and not token.hidden:
                    lines.append("")
                lines.extend(block)
        return lines

    def _block(self, token: Token) -> list[str] | None:
        kind = token.type
        if kind in ("paragraph_open", "paragraph_close"):
            return None
        if kind == "inline":
            return [_inline_markdown(token.children or [])]
        if kind in ("code_block", "fence"):
            longest = max((len(run) for run in re.findall(r"`+", token.content)), default=0)
            fence = "`" * max(3, longest + 1)
            return [fence, *token.content.rstrip("\n").split("\n"), fence]
        if kind == "hr":
            return ["---"]
        if kind == "blockquote_open":
            return ["> " + line if line else ">" for line in self.blocks("blockquote_close")]
        if kind in ("bullet_list_open", "ordered_list_open"):
            return self._list(token)
        return []

    def _list(self, opening: Token) -> list[str]:
        ordered = opening.type == "ordered_list_open"
        start = int(opening.attrGet("start") or 1) if ordered else 1
        closing = "ordered_list_close" if ordered else "bullet_list_close"
        lines: list[str] = []
        number = start
        while self.index < len(self.tokens):
            token = self.tokens[self.index]
            self.index += 1
            if token.type == closing:
                break
            if token.type != "list_item_open":
                continue
            marker = f"{number}. " if ordered else "- "
            number += 1
            item = self.blocks("list_item_close") or [""]
            indent = " " * len(marker)
            lines.append(marker + item[0])
            lines.extend(indent + line if line else "" for line in item[1:])
        return lines


def _inline_markdown(children: Sequence[Token]) -> str:
    out: list[str] = []
    hrefs: list[str] = []
    for child in children:
        kind = child.type
        if kind == "text":
            text = escape_markdown(child.content)
            # "!" then a link would make an image.
            out.append(text[:-1] + "\\!" if text.endswith("!") else text)
        elif kind in ("softbreak", "hardbreak"):
            out.append(" ")
        elif kind == "code_inline":
            out.append(code_span(child.content))
        elif kind in ("em_open", "em_close"):
            out.append("*")
        elif kind in ("strong_open", "strong_close"):
            out.append("**")
        elif kind == "link_open":
            hrefs.append(str(child.attrGet("href") or ""))
            out.append("[")
        elif kind == "link_close":
            out.append("](" + markdown_url(hrefs.pop()) + ")")
    return "".join(out)
