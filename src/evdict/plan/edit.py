"""Edit a plan file in place: rename an event, keeping every comment, blank line and key order.

What a rename changes in one file: the event's key (``events.OLD`` -> ``events.NEW``),
a ``renamed_from: [OLD]`` entry on it (appended to an existing list, else placed after
``description``/``status``, else at the end of the event), every funnel step naming OLD
and every ``deprecated.replaced_by: OLD``. :func:`renamed_data` says so on plain data.

Two ways to make the edit, tried in order:

1. **round-trip**: ruamel.yaml's round-trip mode loads the file into commented maps, the
   edit is made there and the file is dumped again. Accepted only when the dump is the
   file itself, byte for byte, but for the lines of the edited nodes (each with the names
   renamed and nothing else) and the added ``renamed_from`` line: ruamel's indentation,
   quoting and line width must match this file.
2. **text**: exact replacements at the positions the plan loader gives
   (:mod:`evdict.yamlsource` spans), and the ``renamed_from`` entry inserted as a line
   (block style) or as ``, renamed_from: [OLD]`` (flow style).

Either result must load again with no new problem, to exactly the data expected.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import ScalarString

from evdict.errors import PlanEditError
from evdict.plan.load import parse_document
from evdict.yamlsource import PathKey, YamlDocument, load_yaml

Method = Literal["round-trip", "text"]
METHODS: tuple[Method, ...] = ("round-trip", "text")
ROUND_TRIP_MAX_CHARS = 100_000
"""Larger files are edited as text first: ruamel's round-trip takes about 0.6 s per
100 kB (6 s for an 0.8 MB file, ``benchmarks/rename.py``), the text edit a tenth."""

_ANCHOR_KEYS = ("description", "status")
_BREAK = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")
_PLAIN = re.compile(r"[A-Za-z_$][\w.$/-]*(?: [\w.$/-]+)*")
_BLOCK_ITEM_PREFIX = re.compile(r"[ \t]*-[ \t]+")


@dataclass(frozen=True)
class FileEdit:
    """One plan file's text before and after, and the way the edit was made."""

    path: str
    before: str
    after: str
    method: Method


# --- What the rename means, on plain data ------------------------------------------------------


def renamed_data(data: Any, old: str, new: str) -> Any:
    """The plain data of a plan file after renaming event ``old`` to ``new``: what an
    edit of its text must load as (key order included)."""
    if not isinstance(data, dict):
        return data
    result = dict(data)
    events = data.get("events")
    if isinstance(events, dict):
        renamed: dict[str, Any] = {}
        for name, spec in events.items():
            spec = _with_replacement_renamed(spec, old, new)
            if name == old:
                name, spec = new, _with_renamed_from(spec, old)
            renamed[name] = spec
        result["events"] = renamed
    funnels = data.get("funnels")
    if isinstance(funnels, dict):
        result["funnels"] = {
            name: _with_steps_renamed(spec, old, new) for name, spec in funnels.items()
        }
    return result


def _with_replacement_renamed(spec: Any, old: str, new: str) -> Any:
    deprecated = spec.get("deprecated") if isinstance(spec, dict) else None
    if not isinstance(deprecated, dict) or deprecated.get("replaced_by") != old:
        return spec
    return {**spec, "deprecated": {**deprecated, "replaced_by": new}}


def _with_renamed_from(spec: Any, old: str) -> Any:
    if spec is None:
        return {"renamed_from": [old]}
    if not isinstance(spec, dict):
        return spec
    previous = spec.get("renamed_from")
    if isinstance(previous, list):
        return {**spec, "renamed_from": previous if old in previous else [*previous, old]}
    if previous is not None:
        return spec  # a schema error (EV002) the edit cannot fix: refused by _reference_paths
    items = list(spec.items())
    position = _anchor_position(list(spec))
    items.insert(position, ("renamed_from", [old]))
    return dict(items)


def _anchor_position(keys: list[Any]) -> int:
    """Where ``renamed_from`` goes among an event's keys: after the last of
    ``description``/``status``, else at the end."""
    anchors = [index for index, key in enumerate(keys) if key in _ANCHOR_KEYS]
    return anchors[-1] + 1 if anchors else len(keys)


def _with_steps_renamed(spec: Any, old: str, new: str) -> Any:
    steps = spec.get("steps") if isinstance(spec, dict) else None
    if not isinstance(steps, list):
        return spec
    renamed = [
        new
        if step == old
        else {**step, "event": new}
        if isinstance(step, dict) and step.get("event") == old
        else step
        for step in steps
    ]
    return {**spec, "steps": renamed}


def _reference_paths(data: Any, old: str) -> Iterator[PathKey]:
    """The scalar values that name ``old``: funnel steps and ``replaced_by``."""
    if not isinstance(data, dict):
        return
    funnels = data.get("funnels")
    for name, spec in (funnels if isinstance(funnels, dict) else {}).items():
        steps = spec.get("steps") if isinstance(spec, dict) else None
        for index, step in enumerate(steps if isinstance(steps, list) else ()):
            if step == old:
                yield ("funnels", name, "steps", index)
            elif isinstance(step, dict) and step.get("event") == old:
                yield ("funnels", name, "steps", index, "event")
    events = data.get("events")
    for name, spec in (events if isinstance(events, dict) else {}).items():
        deprecated = spec.get("deprecated") if isinstance(spec, dict) else None
        if isinstance(deprecated, dict) and deprecated.get("replaced_by") == old:
            yield ("events", name, "deprecated", "replaced_by")


def mentions(data: Any, old: str) -> bool:
    """A plan file's data defines event ``old`` or refers to it."""
    return _event_spec(data, old)[0] or next(_reference_paths(data, old), None) is not None


def _event_spec(data: Any, old: str) -> tuple[bool, Any]:
    events = data.get("events") if isinstance(data, dict) else None
    if isinstance(events, dict) and old in events:
        return True, events[old]
    return False, None


# --- The edit of one file --------------------------------------------------------------------------


def rename_event(
    text: str, path: str, old: str, new: str, methods: tuple[Method, ...] | None = None
) -> FileEdit | None:
    """The edit of one plan file's ``text`` that renames event ``old`` to ``new`` (its key,
    if the file defines it, and the references to it), or None when the file does not
    mention it. ``methods`` are tried in order (default: round-trip first, but for files
    over :data:`ROUND_TRIP_MAX_CHARS`); raises :class:`PlanEditError` when none gives a
    verified result."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text.removeprefix(bom)
    document, problems = parse_document(body, path)
    if any(problem.kind == "syntax" for problem in problems):
        raise PlanEditError(f"{path} does not load: fix it first")
    defined, spec = _event_spec(document.data, old)
    references = list(_reference_paths(document.data, old))
    if not defined and not references:
        return None
    if defined and spec is not None and not isinstance(spec, dict):
        raise PlanEditError(f"{path}: event '{old}' is not a mapping")
    if defined and isinstance(spec, dict) and not _renamed_from_ok(spec.get("renamed_from")):
        raise PlanEditError(f"{path}: renamed_from of '{old}' is not a list of names")
    expected = renamed_data(document.data, old, new)
    if methods is None:
        methods = METHODS if len(body) <= ROUND_TRIP_MAX_CHARS else METHODS[::-1]
    reasons: list[str] = []
    for method in methods:
        try:
            if method == "round-trip":
                after = _round_trip(body, document, old, new, defined, references)
            else:
                after = _textual(body, document, old, new, defined, references)
            _verify(after, path, expected, len(problems))
        except PlanEditError as exc:
            reasons.append(f"{method}: {exc}")
            continue
        return FileEdit(path, text, bom + after, method)
    raise PlanEditError(f"cannot edit {path} safely ({'; '.join(reasons)})")


def _renamed_from_ok(value: Any) -> bool:
    return value is None or (isinstance(value, list) and all(isinstance(v, str) for v in value))


def _verify(after: str, path: str, expected: Any, problems_before: int) -> None:
    """The edited text loads, with no problem the original did not have, to ``expected``."""
    document, problems = parse_document(after, path)
    if len(problems) > problems_before:
        raise PlanEditError(f"the result has a new problem: {problems[-1].message}")
    if _ordered(document.data) != _ordered(expected):
        raise PlanEditError("the result does not load to the renamed plan")


def _ordered(value: Any) -> Any:
    """Data compared with its key order."""
    if isinstance(value, dict):
        return [(key, _ordered(item)) for key, item in value.items()]
    if isinstance(value, list):
        return [_ordered(item) for item in value]
    return value


# --- Round-trip ------------------------------------------------------------------------------------


def _round_trip(
    text: str,
    document: YamlDocument,
    old: str,
    new: str,
    defined: bool,
    references: list[PathKey],
) -> str:

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
                spec.insert(_anchor_position(list(spec)), "renamed_from", entry)
            elif old not in previous:
                previous.append(old)
        after = dump(data)
    except YAMLError as exc:
        raise PlanEditError(f"ruamel: {exc}") from exc
    lines = _Lines(text)
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
    lines = _BREAK.split(text)
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
    a, b = _BREAK.split(before), _BREAK.split(after)
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


class _Lines:
    """Offsets of a text's lines, counted as YAML counts them (1-based lines, character columns)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(match.end() for match in _BREAK.finditer(text))]
        first = _BREAK.search(text)
        self.newline = first.group() if first else "\n"

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1

    def after(self, line: int) -> tuple[int, str]:
        """Where a new line goes after ``line``, and the break to put before it (when
        ``line`` is the last one and has none)."""
        if line < len(self.starts):
            return self.starts[line], ""
        return len(self.text), self.newline

    def line(self, line: int) -> str:
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.text)
        return _BREAK.sub("", self.text[start:end])


def _added_line(lines: _Lines, document: YamlDocument, old: str, defined: bool) -> str | None:
    """The line a rename adds: ``"key"`` (``renamed_from: [OLD]`` in a block mapping),
    ``"item"`` (``- OLD`` at the end of a block list) or none (flow style)."""
    spec = document.data["events"][old] if defined else None
    if not isinstance(spec, dict) or _value_start(lines, document, ("events", old)) == "{":
        return None
    previous = spec.get("renamed_from")
    if previous is None:
        return "key"
    if old in previous or _value_start(lines, document, ("events", old, "renamed_from")) == "[":
        return None
    return "item"


def _value_start(lines: _Lines, document: YamlDocument, path: PathKey) -> str:
    span = document.span(path)
    if span is None:
        return ""
    start = lines.offset(span[2], span[3])
    return lines.text[start : start + 1]


def _editable_lines(
    lines: _Lines, document: YamlDocument, old: str, defined: bool, references: list[PathKey]
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
        add(event, whole=_value_start(lines, document, event) == "{")
        add((*event, "renamed_from"), whole=True)
    return editable


# --- Text -------------------------------------------------------------------------------------------

Edit = tuple[int, int, str]


def _textual(
    text: str,
    document: YamlDocument,
    old: str,
    new: str,
    defined: bool,
    references: list[PathKey],
) -> str:
    lines = _Lines(text)
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
    lines: _Lines, document: YamlDocument, old: str, key_end: int
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
    anchors = [key for key in keys if key in _ANCHOR_KEYS]
    after = anchors[-1] if anchors else keys[-1] if keys else None
    if _value_start(lines, document, event) == "{":
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
    lines: _Lines, document: YamlDocument, path: PathKey, items: list[Any], old: str
) -> Edit:
    if _value_start(lines, document, path) == "[":
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
    lines: _Lines, document: YamlDocument, path: PathKey, value: Any, content: str
) -> Edit:
    """``content`` as a new line after the last line of the value at ``path``."""
    last, leaf = _last_line(lines, document, path, value)
    offset, newline = lines.after(last)
    if newline and _value_start(lines, document, leaf) in ("|", ">"):
        raise PlanEditError(
            "the file ends inside a block scalar without a final line break: add one"
        )
    return offset, offset, f"{newline}{content}{'' if newline else lines.newline}"


def _span(document: YamlDocument, path: PathKey) -> tuple[int, int, int, int, int, int]:
    span = document.span(path)
    if span is None:
        raise PlanEditError(f"no position for {'.'.join(map(str, path))}")
    return span


def _value_end(lines: _Lines, document: YamlDocument, path: PathKey) -> int:
    span = _span(document, path)
    return lines.offset(span[4], span[5])


def _last_line(
    lines: _Lines, document: YamlDocument, path: PathKey, value: Any
) -> tuple[int, PathKey]:
    """The last line holding the value at ``path``, and the scalar or flow collection that
    ends there (a block collection's end is the next token, so its last item is followed)."""
    span = _span(document, path)
    if (
        isinstance(value, (dict, list))
        and value
        and _value_start(lines, document, path) not in "{["
    ):
        last: str | int = list(value)[-1] if isinstance(value, dict) else len(value) - 1
        return _last_line(lines, document, (*path, last), value[last])  # type: ignore[index]
    end_line, end_column = span[4], span[5]
    return (end_line - 1 if end_column == 1 and end_line > span[2] else end_line), path


def _apply(text: str, edits: list[Edit]) -> str:
    result = text
    limit = len(text) + 1
    for start, end, replacement in sorted(edits, reverse=True):
        if end > limit:
            raise PlanEditError("overlapping edits")
        result = result[:start] + replacement + result[end:]
        limit = start
    return result


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
