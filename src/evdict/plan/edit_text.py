"""The text edit of a plan file: exact replacements at the positions the plan loader
gives (:mod:`evdict.yamlsource` spans), and the ``renamed_from`` entry inserted as a line
(block style) or as ``, renamed_from: [OLD]`` (flow style)."""

from __future__ import annotations

import json
import re
from typing import Any

from evdict.errors import PlanEditError
from evdict.fileio import splice
from evdict.plan.edit_data import ANCHOR_KEYS
from evdict.plan.edit_lines import Lines, value_start
from evdict.yamlsource import PathKey, YamlDocument, load_yaml

_PLAIN = re.compile(r"[A-Za-z_$][\w.$/-]*(?: [\w.$/-]+)*")
_BLOCK_ITEM_PREFIX = re.compile(r"[ \t]*-[ \t]+")

Edit = tuple[int, int, str]


def textual(
    text: str,
    document: YamlDocument,
    old: str,
    new: str,
    defined: bool,
    references: list[PathKey],
) -> str:
    """``text`` with event ``old`` renamed to ``new`` by exact replacements and an
    insertion at the positions of ``document`` (the plan loader's spans)."""
    lines = Lines(text)
    edits: list[Edit] = []
    for path in references:
        span = document.span(path)
        if span is None:
            raise PlanEditError(f"no position for {'.'.join(map(str, path))}")
        start, end = lines.offset(span[2], span[3]), lines.offset(span[4], span[5])
        edits.append((start, end, _format_like(text[start:end], new)))
    if defined:
        span = document.span(("events", old))
        if span is None:
            raise PlanEditError(f"no position for events.{old}")
        key_start = lines.offset(span[0], span[1])
        key_end = _key_end(text, key_start, old)
        edits.append((key_start, key_end, _format_like(text[key_start:key_end], new)))
        insertion = _renamed_from_insertion(lines, document, old, key_end)
        if insertion is not None:
            edits.append(insertion)
    return _apply(text, edits)


def _key_end(text: str, start: int, old: str) -> int:
    """Where the key written at ``start`` ends (plain, single- or double-quoted)."""
    quote = text[start : start + 1]
    if quote == "'":
        index = start + 1
        while index < len(text):
            if text[index] == "'":
                if text[index + 1 : index + 2] != "'":
                    return index + 1
                index += 1
            index += 1
    elif quote == '"':
        index = start + 1
        while index < len(text):
            if text[index] == "\\":
                index += 1
            elif text[index] == '"':
                return index + 1
            index += 1
    elif text.startswith(old, start):
        return start + len(old)
    raise PlanEditError(f"cannot find the end of the key '{old}'")


def _renamed_from_insertion(
    lines: Lines, document: YamlDocument, old: str, key_end: int
) -> Edit | None:
    text = lines.text
    event: PathKey = ("events", old)
    spec = document.data["events"][old]
    entry = f"renamed_from: [{_format(old)}]"
    if spec is None:
        colon = text.index(":", key_end) + 1
        return colon, colon, f" {{{entry}}}"
    previous = spec.get("renamed_from")
    if isinstance(previous, list):
        if old in previous:
            return None
        return _list_append(lines, document, (*event, "renamed_from"), previous, old)
    keys = list(spec)
    anchors = [key for key in keys if key in ANCHOR_KEYS]
    after = anchors[-1] if anchors else keys[-1] if keys else None
    if value_start(lines, document, event) == "{":
        span = document.span(event)
        if after is None:
            assert span is not None
            end = lines.offset(span[4], span[5]) - 1
            return end, end, entry
        end = _value_end(lines, document, (*event, after))
        return end, end, f", {entry}"
    assert after is not None  # a block mapping has a key
    indent = " " * (_span(document, (*event, keys[0]))[1] - 1)
    return _line_insertion(lines, document, (*event, after), spec[after], f"{indent}{entry}")


def _list_append(
    lines: Lines, document: YamlDocument, path: PathKey, items: list[Any], old: str
) -> Edit:
    if value_start(lines, document, path) == "[":
        if not items:
            end = _value_end(lines, document, path) - 1
            return end, end, _format(old)
        end = _value_end(lines, document, (*path, len(items) - 1))
        return end, end, f", {_format(old)}"
    last = _span(document, (*path, len(items) - 1))
    prefix = lines.line(last[2])[: last[3] - 1]
    if not _BLOCK_ITEM_PREFIX.fullmatch(prefix):
        raise PlanEditError("renamed_from is written in a way this edit cannot extend")
    return _line_insertion(
        lines, document, (*path, len(items) - 1), items[-1], f"{prefix}{_format(old)}"
    )


def _line_insertion(
    lines: Lines, document: YamlDocument, path: PathKey, value: Any, content: str
) -> Edit:
    """``content`` as a new line after the last line of the value at ``path``."""
    last, leaf = _last_line(lines, document, path, value)
    offset, newline = lines.after(last)
    if newline and value_start(lines, document, leaf) in ("|", ">"):
        raise PlanEditError(
            "the file ends inside a block scalar without a final line break: add one"
        )
    return offset, offset, f"{newline}{content}{'' if newline else lines.newline}"


def _span(document: YamlDocument, path: PathKey) -> tuple[int, int, int, int, int, int]:
    span = document.span(path)
    if span is None:
        raise PlanEditError(f"no position for {'.'.join(map(str, path))}")
    return span


def _value_end(lines: Lines, document: YamlDocument, path: PathKey) -> int:
    span = _span(document, path)
    return lines.offset(span[4], span[5])


def _last_line(
    lines: Lines, document: YamlDocument, path: PathKey, value: Any
) -> tuple[int, PathKey]:
    """The last line holding the value at ``path``, and the scalar or flow collection that
    ends there (a block collection's end is the next token, so its last item is followed)."""
    span = _span(document, path)
    if isinstance(value, (dict, list)) and value and value_start(lines, document, path) not in "{[":
        last: str | int = list(value)[-1] if isinstance(value, dict) else len(value) - 1
        return _last_line(lines, document, (*path, last), value[last])  # type: ignore[index]
    end_line, end_column = span[4], span[5]
    return (end_line - 1 if end_column == 1 and end_line > span[2] else end_line), path


def _apply(text: str, edits: list[Edit]) -> str:
    try:
        return splice(text, edits)
    except ValueError as exc:
        raise PlanEditError("overlapping edits") from exc


def _format_like(token: str, value: str) -> str:
    """``value`` as a YAML scalar in the quoting style of ``token``."""
    if token.startswith("'") and value.isprintable():
        return "'" + value.replace("'", "''") + "'"
    if token.startswith(("'", '"')):
        return json.dumps(value, ensure_ascii=False)
    return _format(value)


def _format(value: str) -> str:
    """``value`` as a plain scalar when it reads back as that string, else double-quoted
    (a JSON string is a valid YAML double-quoted scalar)."""
    if _PLAIN.fullmatch(value) and load_yaml(f"[{value}]", "").data == [value]:
        return value
    return json.dumps(value, ensure_ascii=False)
