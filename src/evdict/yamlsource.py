"""Read YAML into plain data plus a map of where every key and value sits.

Checking a plan must be fast (it runs in pre-commit) and safe (a plan never
constructs objects). So this module walks ruamel.yaml's parse events (libyaml's
C parser when ruamel.yaml.clib is installed) and builds plain ``dict``/``list``/
scalar data from them itself. Composing ruamel's node graph first and resolving
every scalar through its resolver costs four times as much (see
``benchmarks/lint_plan.py``). Only core-schema scalars (YAML 1.2) are ever built,
and every key and value keeps its line and column.

Whatever is wrong with the text becomes a :class:`YamlProblem`, never an
exception: syntax errors, duplicate keys, tags, several documents, aliases that
would expand without bound ("billion laughs") and absurd nesting. Keys are
always the text as written (``1:`` is the key ``"1"``). Merge keys (``<<: *base``)
are honoured as YAML 1.1 defines them. Editing a plan (which must keep comments)
needs ruamel's round-trip mode instead; it is far slower and only needed there.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import implicit_resolvers

PathKey = tuple[str | int, ...]
# (key line, key column, value line, value column, value end line, value end column), 1-based.
Span = tuple[int, int, int, int, int, int]

MAX_DEPTH = 100
"""Deeper nesting is refused: no plan needs it and code reading the data recurses."""
MAX_EXPANSION = 1_000_000
"""Aliases may repeat data, but not expand a document past this many values
(or ten times its own size, for documents larger than that)."""

_CORE = "tag:yaml.org,2002:"
_INT = re.compile(r"[-+]?[0-9]+$")
_LINE_BREAK = re.compile(r"\r\n?|\n")


def _to_int(text: str) -> int | str:
    cleaned = text.replace("_", "")
    sign = -1 if cleaned.startswith("-") else 1
    body = cleaned.lstrip("+-")
    try:
        if body[:2] in ("0x", "0o", "0b"):
            return sign * int(body, 0)
        if _INT.match(cleaned):
            return int(cleaned)
    except ValueError:
        pass
    return text


def _to_float(text: str) -> float | str:
    lowered = text.lower().replace("_", "")
    if lowered == ".nan":
        return math.nan
    if lowered.endswith(".inf"):
        return -math.inf if lowered.startswith("-") else math.inf
    try:
        return float(lowered)
    except ValueError:
        return text


# Core-schema tag suffix -> how its text becomes a value. Timestamps stay text.
_CONSTRUCT: dict[str, Callable[[str], Any]] = {
    "str": str,
    "null": lambda _text: None,
    "bool": lambda text: text.lower() == "true",
    "int": _to_int,
    "float": _to_float,
    "timestamp": str,
}
_MAPPING_TAGS = frozenset({"!", f"{_CORE}map"})
_SEQUENCE_TAGS = frozenset({"!", f"{_CORE}seq"})


def _implicit_table() -> dict[str, list[tuple[Callable[[str], Any], Any]]]:
    """ruamel's YAML 1.2 implicit resolvers, by the first character they accept."""
    table: dict[str, list[tuple[Callable[[str], Any], Any]]] = {}
    for versions, tag, regexp, first_chars in implicit_resolvers:
        construct = _CONSTRUCT.get(tag.removeprefix(_CORE))
        if (1, 2) in versions and construct is not None and construct is not str:
            for char in first_chars:
                table.setdefault(char, []).append((construct, regexp))
    return table


_IMPLICIT = _implicit_table()
_NO_RESOLVERS: list[tuple[Callable[[str], Any], Any]] = []


@dataclass(frozen=True)
class YamlProblem:
    """Something wrong with the YAML text itself (not its shape)."""

    kind: str  # "syntax" | "duplicate-key" | "tag"
    message: str
    line: int
    column: int


class YamlDocument:
    """Plain data of one YAML file and the position of every node in it.

    ``spans`` may be given as a function that produces them: a document read
    from the parse cache unpacks its positions only when a finding needs one.
    """

    def __init__(
        self,
        path: str,
        data: Any,
        spans: dict[PathKey, Span] | Callable[[], dict[PathKey, Span]] | None = None,
        problems: list[YamlProblem] | None = None,
    ) -> None:
        self.path = path
        self.data = data
        self._spans = spans if spans is not None else {}
        self.problems = problems if problems is not None else []

    def __repr__(self) -> str:
        return f"YamlDocument({self.path!r})"

    @property
    def spans(self) -> dict[PathKey, Span]:
        if callable(self._spans):
            self._spans = self._spans()
        return self._spans

    def locate(self, path: PathKey, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the node at ``path``, or of its nearest known ancestor.

        With ``key=True`` the position of the mapping key is returned, which is
        where a reader looks for "this entry" (the value of a nested mapping
        starts on the next line). Inside an alias or a merged mapping the
        nearest known ancestor is the alias.
        """
        spans = self.spans
        probe = tuple(path)
        while probe:
            span = spans.get(probe)
            if span is not None:
                return (span[0], span[1]) if key else (span[2], span[3])
            probe = probe[:-1]
        return (1, 1)

    def span(self, path: PathKey) -> Span | None:
        return self.spans.get(tuple(path))


class _Refused(Exception):
    """The document is refused whole (too deep, or aliases expanding too far)."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.problem = YamlProblem("syntax", message, line, column)


class _Marker:
    """A sentinel state of a mapping frame."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


_KEY = _Marker("<waiting for a key>")
_ITEM = _Marker("<a sequence item>")
_SKIP = _Marker("<drop the next value>")
_MERGE = _Marker("<merge key>")
Key = str | _Marker


class _Frame:
    """An open mapping or sequence, and where its data and spans go."""

    __slots__ = (
        "anchor",
        "column",
        "container",
        "key",
        "key_column",
        "key_line",
        "line",
        "merges",
        "path",
        "record",
        "weight",
    )

    def __init__(
        self,
        container: dict[str, Any] | list[Any],
        path: PathKey,
        record: bool,
        key_mark: tuple[int, int],
        start: tuple[int, int],
        anchor: str | None,
    ) -> None:
        self.container = container
        self.path = path
        # False inside a dropped value (duplicate key, second document): no spans.
        self.record = record
        self.key: Key = _KEY if isinstance(container, dict) else _ITEM
        self.key_line, self.key_column = key_mark
        self.line, self.column = start
        self.anchor = anchor
        self.weight = 1
        self.merges: list[tuple[Any, Span]] = []


class _Builder:
    """Turns a stream of parse events into plain data, recording positions."""

    def __init__(self) -> None:
        self.spans: dict[PathKey, Span] = {}
        self.problems: list[YamlProblem] = []
        self.data: Any = None
        self._has_root = False
        self._document_mark = (1, 1)
        self._stack: list[_Frame] = []
        self._anchors: dict[str, tuple[Any, int]] = {}
        self._nodes = 0
        self._expanded = 0

    def problem(self, kind: str, message: str, line: int, column: int) -> None:
        self.problems.append(YamlProblem(kind, message, line, column))

    def run(self, events: Iterable[Event]) -> None:
        stack = self._stack
        spans = self.spans
        for event in events:
            if isinstance(event, ScalarEvent):
                # The hot path, inlined: a plain key, or a value in a mapping.
                self._nodes += 1
                frame = stack[-1] if stack else None
                if frame is not None and frame.key is _KEY:
                    text = event.value
                    if (
                        event.tag is None
                        and event.anchor is None
                        and text != "<<"
                        and text not in frame.container
                    ):
                        mark = event.start_mark
                        frame.key = text
                        frame.key_line = mark.line + 1
                        frame.key_column = mark.column + 1
                    else:
                        self._key_scalar(frame, event)
                    continue
                value = self._scalar(event)
                if event.anchor is not None:
                    self._anchors[event.anchor] = (value, 1)
                start, end = event.start_mark, event.end_mark
                if frame is not None and isinstance(frame.key, str) and frame.record:
                    key = frame.key
                    frame.key = _KEY
                    frame.weight += 1
                    spans[(*frame.path, key)] = (
                        frame.key_line,
                        frame.key_column,
                        start.line + 1,
                        start.column + 1,
                        end.line + 1,
                        end.column + 1,
                    )
                    frame.container[key] = value  # type: ignore[call-overload]
                    continue
                self._place(
                    value, start.line + 1, start.column + 1, end.line + 1, end.column + 1, 1
                )
            elif isinstance(event, MappingStartEvent):
                self._open(event, {})
            elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                self._close(event)
            elif isinstance(event, SequenceStartEvent):
                self._open(event, [])
            elif isinstance(event, AliasEvent):
                self._alias(event)
            elif isinstance(event, DocumentStartEvent):
                self._document_mark = (event.start_mark.line + 1, event.start_mark.column + 1)

    def _scalar(self, event: ScalarEvent) -> Any:
        text: str = event.value
        tag = event.tag
        if tag is None:
            if event.implicit[0]:  # plain: resolved by its form, as YAML 1.2 core says
                for construct, regexp in _IMPLICIT.get(text[:1], _NO_RESOLVERS):
                    if regexp.match(text):
                        return construct(text)
            return text
        tag = str(tag)
        known = _CONSTRUCT.get(tag.removeprefix(_CORE)) if tag.startswith(_CORE) else None
        if known is None:
            if tag != "!":
                self._bad_tag(tag, event)
            return text
        return known(text)

    def _bad_tag(self, tag: str, event: Event) -> None:
        mark = event.start_mark
        shown = f"!!{tag.removeprefix(_CORE)}" if tag.startswith(_CORE) else tag
        self.problem(
            "tag",
            f"unsupported YAML tag '{shown}' (a plan holds plain values only)",
            mark.line + 1,
            mark.column + 1,
        )

    def _key_scalar(self, frame: _Frame, event: ScalarEvent) -> None:
        """A scalar in key position: the key is its text as written."""
        text: str = event.value
        tag = event.tag
        if tag is not None and str(tag) != "!" and str(tag).removeprefix(_CORE) not in _CONSTRUCT:
            self._bad_tag(str(tag), event)
        if event.anchor is not None:
            self._anchors[event.anchor] = (text, 1)
        mark = event.start_mark
        if text == "<<" and event.implicit[0]:
            self._set_key(frame, _MERGE, text, mark.line + 1, mark.column + 1)
        else:
            self._set_key(frame, text, text, mark.line + 1, mark.column + 1)

    def _set_key(self, frame: _Frame, key: Key, shown: str, line: int, column: int) -> None:
        container = frame.container
        assert isinstance(container, dict)
        frame.key_line, frame.key_column = line, column
        taken = (key is _MERGE and bool(frame.merges)) or (
            isinstance(key, str) and key in container
        )
        if not taken:
            frame.key = key
            return
        if key is _MERGE:
            first: Span | None = frame.merges[0][1]
        else:
            first = self.spans.get((*frame.path, shown)) if frame.record else None
        where = f" (first defined on line {first[0]})" if first else ""
        self.problem("duplicate-key", f"duplicate key `{shown}`{where}", line, column)
        frame.key = _SKIP

    def _place(
        self, value: Any, line: int, column: int, end_line: int, end_column: int, weight: int
    ) -> None:
        """Put a finished value where it belongs: the root, a list, or a mapping."""
        if not self._stack:
            self._root(value, line, column, end_line, end_column)
            return
        frame = self._stack[-1]
        frame.weight += weight
        container = frame.container
        if isinstance(container, list):
            if frame.record:
                self.spans[(*frame.path, len(container))] = (
                    line,
                    column,
                    line,
                    column,
                    end_line,
                    end_column,
                )
            container.append(value)
            return
        key = frame.key
        frame.key = _KEY
        if isinstance(key, str):
            if frame.record:
                self.spans[(*frame.path, key)] = (
                    frame.key_line,
                    frame.key_column,
                    line,
                    column,
                    end_line,
                    end_column,
                )
            container[key] = value
        elif key is _MERGE:
            span = (frame.key_line, frame.key_column, line, column, end_line, end_column)
            frame.merges.append((value, span))
        elif key is _KEY:  # a collection in key position: ``? [a, b]: c``
            self.problem("syntax", "a mapping key must be a plain value", line, column)
            frame.key = _SKIP

    def _root(self, value: Any, line: int, column: int, end_line: int, end_column: int) -> None:
        if value is None:  # an empty document
            return
        if self._has_root:
            self.problem(
                "syntax", "a plan file holds one YAML document, found several", *self._document_mark
            )
            return
        self._has_root = True
        self.data = value
        self.spans[()] = (1, 1, line, column, end_line, end_column)

    def _open(self, event: MappingStartEvent | SequenceStartEvent, container: Any) -> None:
        self._nodes += 1
        start = (event.start_mark.line + 1, event.start_mark.column + 1)
        if len(self._stack) >= MAX_DEPTH:
            raise _Refused(f"nesting deeper than {MAX_DEPTH} levels", *start)
        tag = event.tag
        allowed = _MAPPING_TAGS if isinstance(container, dict) else _SEQUENCE_TAGS
        if tag is not None and str(tag) not in allowed:
            self._bad_tag(str(tag), event)
        path: PathKey = ()
        record = not self._has_root
        key_mark = start
        if self._stack:
            parent = self._stack[-1]
            record = parent.record
            if isinstance(parent.container, list):
                path = (*parent.path, len(parent.container))
            elif isinstance(parent.key, str):
                path = (*parent.path, parent.key)
                key_mark = (parent.key_line, parent.key_column)
            else:  # a merged mapping, a complex key or a dropped value: no spans of its own
                record = False
        self._stack.append(_Frame(container, path, record, key_mark, start, event.anchor))

    def _close(self, event: MappingEndEvent | SequenceEndEvent) -> None:
        frame = self._stack.pop()
        if frame.merges:
            self._merge(frame)
        if frame.anchor is not None:
            self._anchors[frame.anchor] = (frame.container, frame.weight)
        end = event.end_mark
        self._place(
            frame.container, frame.line, frame.column, end.line + 1, end.column + 1, frame.weight
        )

    def _merge(self, frame: _Frame) -> None:
        """``<<: *base`` (or a list of them): keys not written here come from there."""
        container = frame.container
        assert isinstance(container, dict)
        for value, span in frame.merges:
            for source in value if isinstance(value, list) else [value]:
                if not isinstance(source, dict):
                    self.problem(
                        "syntax", "'<<' merges a mapping or a list of mappings", *span[2:4]
                    )
                    continue
                for key, item in source.items():
                    if key not in container:
                        container[key] = item
                        if frame.record:
                            self.spans[(*frame.path, key)] = span

    def _alias(self, event: AliasEvent) -> None:
        mark = event.start_mark
        line, column = mark.line + 1, mark.column + 1
        anchored = self._anchors.get(event.anchor)
        if anchored is None:
            self.problem(
                "syntax",
                f"alias '*{event.anchor}' refers to no anchor '&{event.anchor}' defined before it",
                line,
                column,
            )
            anchored = (None, 1)
        value, weight = anchored
        self._expanded += weight
        self._nodes += 1
        if self._expanded > max(MAX_EXPANSION, 10 * self._nodes):
            raise _Refused(
                f"aliases expand this document to over {MAX_EXPANSION:,} values "
                "(a 'billion laughs' document?)",
                line,
                column,
            )
        if self._stack and self._stack[-1].key is _KEY and isinstance(value, str):
            self._set_key(self._stack[-1], value, value, line, column)
            return
        end = event.end_mark
        self._place(value, line, column, end.line + 1, end.column + 1, weight)


def _parser() -> YAML:
    return YAML(typ="safe", pure=False)


def _error_position(exc: YAMLError, text: str) -> tuple[int, int]:
    if isinstance(exc, MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        if mark is not None:
            return mark.line + 1, mark.column + 1
    if isinstance(exc, ReaderError):
        # libyaml counts UTF-8 bytes, the pure parser characters; both agree on ASCII.
        before = text.encode("utf-8")[: exc.position].decode("utf-8", "replace")
        return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
    return 1, 1


def _error_message(exc: YAMLError, text: str, line: int, column: int) -> str:
    if isinstance(exc, ReaderError):
        char = exc.character
        shown = f"U+{char:04X}" if isinstance(char, int) else repr(char)
        return f"character {shown} is not allowed in YAML ({exc.reason})"
    if not isinstance(exc, MarkedYAMLError):
        return str(exc) or type(exc).__name__
    lines = _LINE_BREAK.split(text)
    if 0 < line <= len(lines) and lines[line - 1][column - 1 : column] == "\t":
        return "a tab character cannot indent YAML (use spaces)"
    if not exc.problem:
        return str(exc.context or "invalid YAML")
    if not exc.context:
        return str(exc.problem)
    mark = exc.context_mark
    if mark is None or (mark.line + 1, mark.column + 1) == (line, column):
        return f"{exc.problem} ({exc.context})"
    return (
        f"{exc.problem} ({exc.context} started at line {mark.line + 1}, column {mark.column + 1})"
    )


def load_yaml(text: str, path: str) -> YamlDocument:
    """Parse ``text``; YAML errors become problems, never exceptions."""
    builder = _Builder()
    try:
        builder.run(_parser().parse(text))
    except _Refused as refused:
        return YamlDocument(path, None, problems=[*builder.problems, refused.problem])
    except YAMLError as exc:
        line, column = _error_position(exc, text)
        problem = YamlProblem("syntax", _error_message(exc, text, line, column), line, column)
        return YamlDocument(path, None, problems=[problem])
    return YamlDocument(path, builder.data, builder.spans, builder.problems)
