"""The round-trip edit of a plan file: ruamel.yaml's round-trip mode loads the file into
commented maps, the rename is made there and the file is dumped again. The dump is
accepted only when it is the file itself, byte for byte, but for the lines of the edited
nodes (each with the names renamed and nothing else) and the added ``renamed_from`` line:
ruamel's indentation, quoting and line width must match the file.
"""

from __future__ import annotations

import io
import json
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import ScalarString

from evdict.errors import PlanEditError
from evdict.plan.edit_data import anchor_position
from evdict.plan.edit_lines import BREAK, Lines, value_start
from evdict.yamlsource import PathKey, YamlDocument, load_yaml


def round_trip(
    text: str,
    document: YamlDocument,
    old: str,
    new: str,
    defined: bool,
    references: list[PathKey],
) -> str:
    """``text`` with event ``old`` renamed to ``new`` by ruamel's round-trip; raises
    :class:`PlanEditError` when the dump changes more than the rename's lines."""
    if any(newline.group() != "\n" for newline in BREAK.finditer(text)):
        # ruamel writes "\n" only: CRLF (or other) line breaks are kept by the text edit.
        raise PlanEditError("line breaks other than \\n")
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    mapping, sequence, offset = _guess_indent(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)

    def dump(data: Any) -> str:
        out = io.StringIO()
        yaml.dump(data, out)
        return out.getvalue()

    try:
        data = yaml.load(text)
        for path in references:
            parent = _node(data, path[:-1])
            parent[path[-1]] = _scalar_like(parent[path[-1]], new)
        if defined:
            events = data["events"]
            keys = list(events)
            position = keys.index(old)
            spec = events[old]
            comment = events.ca.items.pop(old, None)
            del events[old]
            events.insert(position, _scalar_like(keys[position], new), spec)
            if comment is not None:
                events.ca.items[new] = comment
            if spec is None:
                spec = CommentedMap()
                spec.fa.set_flow_style()
                events[new] = spec
            previous = spec.get("renamed_from")
            if previous is None:
                entry = CommentedSeq([old])
                entry.fa.set_flow_style()
                spec.insert(anchor_position(list(spec)), "renamed_from", entry)
            elif old not in previous:
                previous.append(old)
        after = dump(data)
    except YAMLError as exc:
        raise PlanEditError(f"ruamel: {exc}") from exc
    lines = Lines(text)
    editable = _editable_lines(lines, document, old, defined, references)
    _check_changed_lines(
        text, after, editable, _added_line(lines, document, old, defined), old, new
    )
    return after


def _guess_indent(text: str) -> tuple[int, int, int]:
    """``(mapping, sequence, offset)`` indentation as ``yaml.indent`` takes it, read from
    the first nested key and the first block sequence item of the file (a file indented
    otherwise elsewhere fails the line check and is edited as text)."""
    mapping = 2
    offset = 0
    found_mapping = found_sequence = False
    lines = BREAK.split(text)
    for index, line in enumerate(lines[:-1]):
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#") or not stripped.rstrip().endswith(":"):
            continue
        parent = len(line) - len(stripped)
        following = next((n for n in lines[index + 1 :] if n.strip() and not _comment_line(n)), "")
        child = len(following) - len(following.lstrip(" "))
        if child <= parent:
            continue
        body = following.lstrip(" ")
        if body.startswith("- ") or body == "-":
            if not found_sequence:
                offset, found_sequence = child - parent, True
        elif not found_mapping:
            mapping, found_mapping = child - parent, True
        if found_mapping and found_sequence:
            break
    return mapping, mapping + offset if found_sequence else mapping, offset


def _comment_line(line: str) -> bool:
    return line.lstrip().startswith("#")


def _node(data: Any, path: PathKey) -> Any:
    for key in path:
        data = data[key]
    return data


def _scalar_like(original: Any, value: str) -> Any:
    """``value`` in the scalar style of ``original`` (ruamel keeps quotes as str subclasses)."""

    return type(original)(value) if isinstance(original, ScalarString) else value


def _check_changed_lines(
    before: str, after: str, editable: set[int], added: str | None, old: str, new: str
) -> None:
    """The dump is the file itself but for the lines the edit may change, each with the
    names renamed and nothing else (a comment may keep its column rather than its
    spacing), and the one line it may add: ``added`` (``"key"``: ``renamed_from: [OLD]``;
    ``"item"``: ``- OLD``). One walk over both, in step."""
    a, b = BREAK.split(before), BREAK.split(after)
    i = j = 0
    while i < len(a) or j < len(b):
        line = a[i] if i < len(a) else None
        dumped = b[j] if j < len(b) else None
        if (
            line is not None
            and dumped is not None
            and (
                line == dumped or (i + 1 in editable and _same_but_renamed(line, dumped, old, new))
            )
        ):
            i, j = i + 1, j + 1
        elif added is not None and dumped is not None and _is_addition(dumped, added, old):
            added, j = None, j + 1
        else:
            raise PlanEditError(f"the round-trip dump changes line {i + 1}")


def _is_addition(line: str, kind: str, old: str) -> bool:
    data = load_yaml(line.strip(), "").data
    return bool(data == {"renamed_from": [old]} if kind == "key" else data == [old])


def _same_but_renamed(line: str, edited: str, old: str, new: str) -> bool:
    """``edited`` is ``line`` with ``old`` renamed to ``new`` (and perhaps ``old`` added to a
    ``renamed_from`` list or entry); its comment is where it was (same column or spacing)."""
    comment, edited_comment = _comment(line), _comment(edited)
    if (comment is None) != (edited_comment is None):
        return False
    code = line[: comment[0]].rstrip() if comment else line
    edited_code = edited[: edited_comment[0]].rstrip() if edited_comment else edited
    if comment is not None and edited_comment is not None:
        if comment[2] != edited_comment[2]:
            return False
        if comment[0] != edited_comment[0] and comment[1] != edited_comment[1]:
            return False
    for form in _forms(old):
        escaped = re.escape(form)
        edited_code = re.sub(rf" ?\{{renamed_from: \[{escaped}\]\}}", "", edited_code)
        edited_code = re.sub(rf", renamed_from: \[{escaped}\]", "", edited_code)
        edited_code = re.sub(rf"renamed_from: \[{escaped}\](, )?", "", edited_code)
        edited_code = re.sub(rf"(renamed_from: \[[^\]]*?), {escaped}\]", r"\1]", edited_code)
    return _masked(code, old) == _masked(edited_code, new)


def _forms(name: str) -> list[str]:
    """How a name may be written: plain, double-quoted, single-quoted."""
    return [name, json.dumps(name, ensure_ascii=False), "'" + name.replace("'", "''") + "'"]


def _masked(code: str, name: str) -> str:
    """``code`` with every scalar that writes ``name`` replaced by a marker."""
    for form in sorted(set(_forms(name)), key=len, reverse=True):
        code = re.sub(rf"(?<![^\s\[{{,]){re.escape(form)}(?=\s*(?:[:,\]}}]|$))", "\0", code)
    return code


def _comment(line: str) -> tuple[int, str, str] | None:
    """The comment of a line: its column, the spacing before it, its text."""
    quote = ""
    previous = ""
    for index, char in enumerate(line):
        if quote:
            if char == "\\" and quote == '"':
                quote = '"\\'
            elif quote == '"\\':
                quote = '"'
            elif char == quote:
                quote = ""
        elif char in "'\"" and previous in ("", ":", ",", "[", "{", "-", "?"):
            quote = char
        elif char == "#" and (index == 0 or line[index - 1] in " \t"):
            spacing = line[:index][len(line[:index].rstrip(" \t")) :]
            return index, spacing, line[index:]
        if not char.isspace():
            previous = char
    return None


def _added_line(lines: Lines, document: YamlDocument, old: str, defined: bool) -> str | None:
    """The line a rename adds: ``"key"`` (``renamed_from: [OLD]`` in a block mapping),
    ``"item"`` (``- OLD`` at the end of a block list) or none (flow style)."""
    spec = document.data["events"][old] if defined else None
    if not isinstance(spec, dict) or value_start(lines, document, ("events", old)) == "{":
        return None
    previous = spec.get("renamed_from")
    if previous is None:
        return "key"
    if old in previous or value_start(lines, document, ("events", old, "renamed_from")) == "[":
        return None
    return "item"


def _editable_lines(
    lines: Lines, document: YamlDocument, old: str, defined: bool, references: list[PathKey]
) -> set[int]:
    """The original lines a rename may change (1-based): those of the renamed values,
    the event's key line, its flow mapping and its ``renamed_from``."""
    editable: set[int] = set()

    def add(path: PathKey, whole: bool) -> None:
        span = document.span(path)
        if span is not None:
            editable.update(range(span[0], (span[4] if whole else span[0]) + 1))

    for path in references:
        add(path, whole=True)
    if defined:
        event = ("events", old)
        add(event, whole=value_start(lines, document, event) == "{")
        add((*event, "renamed_from"), whole=True)
    return editable
