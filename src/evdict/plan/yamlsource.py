"""Read YAML into plain data plus a map of where every key and value sits.

Checking a plan must be fast (it runs in pre-commit) and safe (a plan never
constructs objects). So this module composes the YAML node graph with
ruamel.yaml's C parser when it is there and builds plain ``dict``/``list``/scalar
data from the nodes itself: only the core-schema scalar types are ever built, and
every key and value keeps its line and column. Duplicate keys are collected as
problems instead of aborting the load. Round-trip editing (which must keep
comments) lives in :mod:`evdict.plan.edit`; it is far slower and only needed there.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

PathKey = tuple[str | int, ...]
# (key line, key column, value line, value column, value end line, value end column), 1-based.
Span = tuple[int, int, int, int, int, int]

_CORE = "tag:yaml.org,2002:"
_PLAIN_KINDS = frozenset({"str", "null", "bool", "int", "float", "timestamp"})
_INT = re.compile(r"[-+]?(0|[1-9][0-9_]*)$")
_HEX_OCT = re.compile(r"0x[0-9a-fA-F_]+$|0o[0-7_]+$")


@dataclass(frozen=True)
class YamlProblem:
    """Something wrong with the YAML text itself (not its shape)."""

    kind: str  # "syntax" | "duplicate-key" | "tag"
    message: str
    line: int
    column: int


@dataclass
class YamlDocument:
    """Plain data of one YAML file and the position of every node in it."""

    path: str
    data: Any
    spans: dict[PathKey, Span] = field(default_factory=dict)
    problems: list[YamlProblem] = field(default_factory=list)

    def locate(self, path: PathKey, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the node at ``path``, or of its nearest known ancestor.

        With ``key=True`` the position of the mapping key is returned, which is
        where a reader looks for "this entry" (the value of a nested mapping
        starts on the next line).
        """
        probe = tuple(path)
        while probe:
            span = self.spans.get(probe)
            if span is not None:
                return (span[0], span[1]) if key else (span[2], span[3])
            probe = probe[:-1]
        return (1, 1)

    def span(self, path: PathKey) -> Span | None:
        return self.spans.get(tuple(path))


def _parser() -> YAML:
    yaml = YAML(typ="safe", pure=False)
    yaml.allow_duplicate_keys = True
    return yaml


class _Builder:
    """Turns a composed node graph into plain data, recording positions."""

    def __init__(self) -> None:
        self.spans: dict[PathKey, Span] = {}
        self.problems: list[YamlProblem] = []
        # An alias is converted once and shared, so "billion laughs" cannot expand.
        self._done: dict[int, Any] = {}

    def build(self, node: Node, path: PathKey, key_mark: tuple[int, int]) -> Any:
        start, end = node.start_mark, node.end_mark
        self.spans[path] = (
            key_mark[0],
            key_mark[1],
            start.line + 1,
            start.column + 1,
            end.line + 1,
            end.column + 1,
        )
        if id(node) in self._done:
            return self._done[id(node)]
        value: Any
        if isinstance(node, MappingNode):
            value = {}
            self._done[id(node)] = value
            self._mapping(node, path, value)
        elif isinstance(node, SequenceNode):
            value = []
            self._done[id(node)] = value
            for index, item in enumerate(node.value):
                mark = item.start_mark
                value.append(self.build(item, (*path, index), (mark.line + 1, mark.column + 1)))
        else:
            value = self._scalar(node)
        return value

    def _mapping(self, node: MappingNode, path: PathKey, out: dict[str, Any]) -> None:
        for key_node, value_node in node.value:
            mark = key_node.start_mark
            if isinstance(key_node, ScalarNode):
                raw_key = self._scalar(key_node)
                key = raw_key if isinstance(raw_key, str) else str(raw_key)
            else:
                self.problems.append(
                    YamlProblem(
                        "syntax",
                        "a mapping key must be a plain value",
                        mark.line + 1,
                        mark.column + 1,
                    )
                )
                continue
            if key == "<<":
                self.problems.append(
                    YamlProblem(
                        "tag",
                        "merge keys ('<<') are not supported in a plan",
                        mark.line + 1,
                        mark.column + 1,
                    )
                )
                continue
            if key in out:
                first = self.spans[(*path, key)]
                self.problems.append(
                    YamlProblem(
                        "duplicate-key",
                        f"duplicate key '{key}' (first defined on line {first[0]})",
                        mark.line + 1,
                        mark.column + 1,
                    )
                )
                continue
            out[key] = self.build(value_node, (*path, key), (mark.line + 1, mark.column + 1))

    def _scalar(self, node: Node) -> Any:
        tag = node.tag if isinstance(node.tag, str) else getattr(node.tag, "value", None) or ""
        text: str = node.value
        kind = tag[len(_CORE) :] if tag.startswith(_CORE) else None
        if kind not in _PLAIN_KINDS:
            if tag and tag != "!":
                mark = node.start_mark
                self.problems.append(
                    YamlProblem(
                        "tag",
                        f"unsupported YAML tag '{tag}' (a plan holds plain values only)",
                        mark.line + 1,
                        mark.column + 1,
                    )
                )
            return text
        if kind == "null":
            return None
        if kind == "bool":
            return text.lower() in ("true", "yes", "on", "y")
        if kind == "int":
            return _to_int(text)
        if kind == "float":
            return _to_float(text)
        # str and timestamp: kept as the text written, never constructed.
        return text


def _to_int(text: str) -> int | str:
    cleaned = text.replace("_", "")
    if _INT.match(cleaned):
        return int(cleaned)
    sign = -1 if cleaned.startswith("-") else 1
    body = cleaned.lstrip("+-")
    if _HEX_OCT.match(body):
        return sign * int(body, 0)
    return text


def _to_float(text: str) -> float | str:
    lowered = text.lower().replace("_", "")
    if lowered in (".nan",):
        return math.nan
    if lowered in (".inf", "+.inf"):
        return math.inf
    if lowered == "-.inf":
        return -math.inf
    try:
        return float(lowered)
    except ValueError:
        return text


def load_yaml(text: str, path: str) -> YamlDocument:
    """Parse ``text``; YAML errors become problems, never exceptions."""
    try:
        nodes = list(_parser().compose_all(text))
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        reason = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem:
            reason = f"{exc.problem} ({exc.context})"
        return YamlDocument(path, None, problems=[YamlProblem("syntax", reason, line, column)])
    except (YAMLError, ValueError, RecursionError) as exc:
        return YamlDocument(
            path, None, problems=[YamlProblem("syntax", str(exc) or type(exc).__name__, 1, 1)]
        )
    documents = [node for node in nodes if node is not None]
    if not documents:
        return YamlDocument(path, None)
    builder = _Builder()
    if len(documents) > 1:
        mark = documents[1].start_mark
        builder.problems.append(
            YamlProblem(
                "syntax",
                "a plan file holds one YAML document, found several",
                mark.line + 1,
                mark.column + 1,
            )
        )
    try:
        data = builder.build(documents[0], (), (1, 1))
    except RecursionError:
        return YamlDocument(path, None, problems=[YamlProblem("syntax", "nesting too deep", 1, 1)])
    return YamlDocument(path, data, builder.spans, builder.problems)
