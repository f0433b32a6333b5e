"""Edit a plan file in place: rename an event, keeping every comment, blank line and key order.

What a rename changes in one file: the event's key (``events.OLD`` -> ``events.NEW``),
a ``renamed_from: [OLD]`` entry on it (appended to an existing list, else placed after
``description``/``status``, else at the end of the event), every funnel step naming OLD
and every ``deprecated.replaced_by: OLD``. :func:`~evdict.plan.edit_data.renamed_data`
says so on plain data.

Two ways to make the edit, tried in order:

1. **round-trip** (:mod:`~evdict.plan.edit_round_trip`): ruamel.yaml's round-trip mode
   loads the file into commented maps, the edit is made there and the file is dumped
   again. Accepted only when the dump is the file itself, byte for byte, but for the
   lines of the edited nodes (each with the names renamed and nothing else) and the
   added ``renamed_from`` line: ruamel's indentation, quoting and line width must match
   this file.
2. **text** (:mod:`~evdict.plan.edit_text`): exact replacements at the positions the
   plan loader gives (:mod:`evdict.yamlsource` spans), and the ``renamed_from`` entry
   inserted as a line (block style) or as ``, renamed_from: [OLD]`` (flow style).

Either result must load again with no new problem, to exactly the data expected.

This module makes the edit and verifies it; :mod:`~evdict.plan.edit_data` says what
the rename means on plain data, and :mod:`~evdict.plan.edit_lines` reads lines and
offsets for both edits.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from evdict.errors import PlanEditError
from evdict.plan.edit_data import event_spec, reference_paths, renamed_data
from evdict.plan.edit_round_trip import round_trip
from evdict.plan.edit_text import textual
from evdict.plan.load import parse_document

Method = Literal["round-trip", "text"]
METHODS: tuple[Method, ...] = ("round-trip", "text")
ROUND_TRIP_MAX_CHARS = 100_000
"""Larger files are edited as text first: ruamel's round-trip takes about 0.6 s per
100 kB (6 s for an 0.8 MB file, ``benchmarks/rename.py``), the text edit a tenth."""


@dataclass(frozen=True)
class FileEdit:
    """One plan file's text before and after, and the way the edit was made."""

    path: str
    before: str
    after: str
    method: Method


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
    # A file whose every line ends in CRLF is edited with LF and given its CRLF back, so
    # both edits see it as they see any file (other breaks: the text edit keeps them).
    pairs = body.count("\r\n")
    crlf = pairs > 0 and body.count("\r") == body.count("\n") == pairs
    if crlf:
        body = body.replace("\r\n", "\n")
    document, problems = parse_document(body, path)
    if any(problem.kind == "syntax" for problem in problems):
        raise PlanEditError(f"{path} does not load: fix it first")
    defined, spec = event_spec(document.data, old)
    references = list(reference_paths(document.data, old))
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
                after = round_trip(body, document, old, new, defined, references)
            else:
                after = textual(body, document, old, new, defined, references)
            _verify(after, path, expected, len(problems))
        except PlanEditError as exc:
            reasons.append(f"{method}: {exc}")
            continue
        return FileEdit(path, text, bom + (after.replace("\n", "\r\n") if crlf else after), method)
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
