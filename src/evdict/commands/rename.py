"""``evdict rename OLD NEW``: rename an event in the plan and at every call site.

All or nothing. :func:`prepare_rename` computes the new content of every file without
touching any: the plan files (:mod:`evdict.plan.edit`: the key, ``renamed_from``,
funnel steps, ``replaced_by``), and the string literals the scanner resolved the name
from (:attr:`~evdict.scanner.model.TrackingCall.sources`: at the call, or where the constant
or enum member is defined, in another file if need be). Python literals are rewritten
by a libcst transformer, JavaScript and TypeScript literals by exact byte-range edits
at the scanner's (tree-sitter's) positions. Every new content is parsed again; if one
does not parse, nothing is written. :func:`write_rename` then writes them all or none
(:mod:`evdict.transaction`: temporaries beside them, then swapped in; on a failure or a
signal every file already swapped is put back).

A call site the rename cannot rewrite is refused unless forced: a dynamic name that
may be OLD (EV606: a variable, an f-string whose known prefix OLD starts with), or OLD
built rather than written (a concatenation of constants, ``auto()``, an enum member's
name).
"""

from __future__ import annotations

import ast
import codecs
import difflib
import io
import re
import tokenize
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from evdict.checker import load_plan
from evdict.config import Config
from evdict.errors import PlanEditError, RenameError
from evdict.fileio import splice
from evdict.plan.edit import rename_event
from evdict.plan.edit_data import mentions
from evdict.plan.load import find_plan_files, parse_document
from evdict.scanner.discover import LANGUAGES
from evdict.scanner.engine import scan_project
from evdict.scanner.frontends.javascript import parse_tree_only
from evdict.transaction import FileWrite, Outcome, write_all

if TYPE_CHECKING:
    from evdict.plan.model import Plan
    from evdict.scanner.model import Inventory, Position, TrackingCall

_QUOTE = re.compile(r"([A-Za-z]*)('''|\"\"\"|'|\")")


@dataclass(frozen=True)
class FileChange:
    """One file's content before and after the rename."""

    path: Path
    shown: str
    language: str  # "plan", "python", "javascript" or "typescript"
    before: bytes
    after: bytes

    def diff(self) -> str:
        """A unified diff of the change (``git apply`` reads it)."""
        before = self.before.decode("utf-8", "replace").splitlines(keepends=True)
        after = self.after.decode("utf-8", "replace").splitlines(keepends=True)
        lines = difflib.unified_diff(before, after, f"a/{self.shown}", f"b/{self.shown}")
        return "".join(line if line.endswith("\n") else f"{line}\n" for line in lines)


@dataclass(frozen=True)
class Rename:
    """What renaming ``old`` to ``new`` changes, and the call sites it leaves alone."""

    old: str
    new: str
    changes: tuple[FileChange, ...]
    call_sites: int
    left_alone: tuple[str, ...]
    notes: tuple[str, ...]
    root: Path  # the project's folder, resolved: every file is written from it through no link


# --- Computing the rename -------------------------------------------------------------------------


def prepare_rename(
    config: Config,
    old: str,
    new: str,
    *,
    force: bool = False,
    use_cache: bool = True,
    jobs: int | None = None,
) -> Rename:
    """Every file's new content, validated; raises :class:`RenameError` when the rename
    is refused (OLD undeclared, NEW taken, call sites it cannot rewrite unless ``force``,
    a result that would not parse)."""
    plan = load_plan(config, use_cache=use_cache)
    _check_names(plan, old, new)
    inventory = scan_project(config, (), use_cache=use_cache, jobs=jobs)
    targets, call_sites, left_alone = _code_targets(inventory, old)
    if left_alone and not force:
        listed = "\n".join(f"  {site}" for site in left_alone)
        raise RenameError(
            f"{len(left_alone)} call site(s) may track `{old}` under a name evdict cannot "
            f"rewrite; rename them by hand, or pass --force to rename the rest:\n{listed}"
        )
    changes = [*_plan_changes(config, plan, old, new)]
    for shown, positions in sorted(targets.items()):
        changes.append(_code_change(shown, positions, old, new))
    broken = [problem for change in changes if (problem := reparse_problem(change)) is not None]
    if broken:
        raise RenameError("nothing was written: " + "; ".join(broken))
    notes = [
        f"{problem.path} could not be scanned ({problem.message}): check it by hand"
        for problem in inventory.problems
    ]
    return Rename(
        old,
        new,
        tuple(changes),
        call_sites,
        tuple(left_alone),
        tuple(notes),
        config.root.resolve(),
    )


# Characters no event name holds: control characters (C0, DEL, C1), lone surrogates (an
# argument that is not UTF-8) and line or paragraph separators.
_UNWRITABLE = ("Cc", "Cs", "Zl", "Zp")


def _check_names(plan: Plan, old: str, new: str) -> None:
    unwritable = [char for char in new if unicodedata.category(char) in _UNWRITABLE]
    if unwritable:
        codes = ", ".join(dict.fromkeys(f"U+{ord(char):04X}" for char in unwritable))
        raise RenameError(
            f"{new!r} holds a control character ({codes}): an event name cannot; "
            "choose a name without one"
        )
    if not new or new != new.strip():
        raise RenameError(f"`{new}` is not an event name")
    if old == new:
        raise RenameError("OLD and NEW are the same name")
    if old not in plan.events:
        close = difflib.get_close_matches(old, list(plan.events), n=1)
        hint = f" (did you mean `{close[0]}`?)" if close else ""
        raise RenameError(f"event `{old}` is not declared in the plan{hint}")
    existing = plan.events.get(new)
    if existing is not None:
        where = existing.origin.location()
        raise RenameError(f"event `{new}` already exists ({where.path}:{where.line})")
    for event in plan.events.values():
        if new in event.renamed_from:
            raise RenameError(
                f"`{new}` is a former name of event `{event.name}` (renamed_from): "
                "code that tracks it counts for that event"
            )


def _code_targets(
    inventory: Inventory, old: str
) -> tuple[dict[str, set[Position]], int, list[str]]:
    """The literals to rewrite (by file), how many calls they rename, and the call sites
    left alone (``path:line:col: why``)."""
    targets: dict[str, set[Position]] = defaultdict(set)
    call_sites = 0
    left_alone: list[str] = []
    for call in inventory.calls:
        where = f"{call.path}:{call.event_pos[0]}:{call.event_pos[1]}"
        if old in call.events:
            sources = [source for source in call.sources if source.name == old]
            if sources:
                call_sites += 1
                for source in sources:
                    targets[source.path].add(source.pos)
            else:
                left_alone.append(f"{where}: `{old}` is built there, not written as one literal")
        if _may_be(call, old):
            assert call.dynamic is not None
            left_alone.append(f"{where}: a dynamic name, {call.dynamic.detail}")
    return targets, call_sites, left_alone


def _may_be(call: TrackingCall, old: str) -> bool:
    """The call's dynamic name may be ``old`` (besides the names it lists)."""
    prefix = call.dynamic.prefix if call.dynamic is not None else None
    return prefix is not None and old.startswith(prefix)


def _plan_changes(config: Config, plan: Plan, old: str, new: str) -> Iterable[FileChange]:
    """The plan files that define or mention ``old``, edited (the loaded plan tells which)."""
    documents = {document.path: document for document in plan.documents}
    for path in find_plan_files(config.root, config.plan):
        shown = config.relative(path)
        document = documents.get(shown)
        if document is not None and document.data is not None and not mentions(document.data, old):
            continue
        try:
            before = path.read_bytes()
            edit = rename_event(before.decode("utf-8"), shown, old, new)
        except OSError as exc:
            raise RenameError(f"cannot read {shown}: {exc.strerror or exc}") from exc
        except UnicodeDecodeError as exc:
            raise RenameError(f"{shown} is not UTF-8 text") from exc
        except PlanEditError as exc:
            raise RenameError(str(exc)) from exc
        if edit is not None:
            yield FileChange(path, shown, "plan", before, edit.after.encode("utf-8"))


def _language(shown: str) -> str:
    return LANGUAGES.get(PurePosixPath(shown).suffix.lower(), "python")


def _code_change(shown: str, positions: set[Position], old: str, new: str) -> FileChange:
    path = Path(shown)
    language = _language(shown)
    try:
        before = path.read_bytes()
    except OSError as exc:
        raise RenameError(f"cannot read {shown}: {exc.strerror or exc}") from exc
    if language == "python":
        simple = [_simple_python_edit(before, pos, old, new) for pos in positions]
        if _source_encoding(before) == "utf-8" and all(edit is not None for edit in simple):
            after = apply_byte_edits(before, simple)  # type: ignore[arg-type]
        else:
            after = rename_python_literals(before, positions, old, new, shown)
    else:
        edits = [_literal_edit(before, pos, new, shown) for pos in positions]
        after = apply_byte_edits(before, edits)
    return FileChange(path, shown, language, before, after)


# --- Python: one literal by bytes, anything else by a libcst transformer ----------------------------


def _simple_python_edit(data: bytes, pos: Position, old: str, new: str) -> ByteEdit | None:
    """The byte edit of a lone string literal ``old`` at ``pos`` (no f or b prefix) in a
    UTF-8 file, or None: then the file is rewritten by libcst (ten times slower)."""
    try:
        start, end = byte_range(data, pos)
        written = data[start:end].decode("utf-8")
        tokens = list(tokenize.generate_tokens(io.StringIO(written).readline))
        if [token.type for token in tokens[:2]] != [tokenize.STRING, tokenize.NEWLINE]:
            return None
        if tokens[0].string != written or ast.literal_eval(written) != old:
            return None
    except (UnicodeDecodeError, tokenize.TokenError, SyntaxError, ValueError, IndexError):
        return None
    match = _QUOTE.match(written)
    if match is None or set(match.group(1).lower()) - set("ru"):
        return None
    return start, end, python_literal(new, match.group(1), match.group(2)).encode("utf-8")


_STRING_NODES = (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString, cst.BinaryOperation)


def rename_python_literals(
    data: bytes, positions: set[Position], old: str, new: str, shown: str
) -> bytes:
    """The module with the string expressions at ``positions`` (a literal, an implicit or
    ``+`` concatenation of literals, an f-string without placeholders) replaced by one
    literal of ``new`` in the quoting of the first one."""
    try:
        module = cst.parse_module(data)
    except cst.ParserSyntaxError as exc:
        raise RenameError(f"{shown} does not parse: {exc.message}") from exc
    renamer = _LiteralRenamer(positions, old, new)
    renamed = MetadataWrapper(module).visit(renamer)
    missing = sorted(positions - renamer.done)
    if missing:
        line, column = missing[0][:2]
        raise RenameError(f"{shown}:{line}:{column}: no string literal '{old}' there any more")
    try:
        return renamed.bytes
    except UnicodeEncodeError as exc:
        raise RenameError(
            f"{shown} is encoded in {module.encoding}, which cannot hold `{new}`"
        ) from exc


def _source_encoding(data: bytes) -> str:
    """The encoding a Python file declares (PEP 263), normalised (``utf-8`` by default)."""
    try:
        encoding = tokenize.detect_encoding(io.BytesIO(data).readline)[0]
    except SyntaxError:
        return "unknown"
    return "utf-8" if encoding in ("utf-8", "utf-8-sig") else encoding


class _LiteralRenamer(cst.CSTTransformer):
    """Replace the string expressions found at the given positions."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, positions: set[Position], old: str, new: str) -> None:
        super().__init__()
        self.positions = positions
        self.old = old
        self.new = new
        self.done: set[Position] = set()

    def on_leave(
        self, original_node: cst.CSTNodeT, updated_node: cst.CSTNodeT
    ) -> cst.CSTNodeT | cst.RemovalSentinel | cst.FlattenSentinel[cst.CSTNodeT]:
        if isinstance(original_node, _STRING_NODES) and isinstance(updated_node, _STRING_NODES):
            code_range = self.get_metadata(PositionProvider, original_node)
            start, end = code_range.start, code_range.end
            pos = (start.line, start.column + 1, end.line, end.column + 1)
            if pos in self.positions and _python_value(original_node) == self.old:
                self.done.add(pos)
                prefix, quote = _quoting(original_node)
                return cst.SimpleString(  # type: ignore[return-value]
                    python_literal(self.new, prefix, quote),
                    lpar=updated_node.lpar,
                    rpar=updated_node.rpar,
                )
        return super().on_leave(original_node, updated_node)


def _python_value(node: cst.BaseExpression) -> str | None:
    """The string a string expression evaluates to (read by ``ast``, never run)."""
    code = cst.Module([]).code_for_node(node.with_changes(lpar=(), rpar=()))
    try:
        tree = ast.parse(f"({code})", mode="eval").body
    except SyntaxError:
        return None
    return _ast_string(tree)


def _ast_string(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) else None
    if isinstance(node, ast.JoinedStr):
        parts = [_ast_string(value) for value in node.values]
        return None if None in parts else "".join(parts)  # type: ignore[arg-type]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _ast_string(node.left), _ast_string(node.right)
        return left + right if left is not None and right is not None else None
    return None


def _quoting(node: cst.BaseExpression) -> tuple[str, str]:
    """The prefix and quote of the first literal of a string expression."""
    if isinstance(node, cst.ConcatenatedString):
        return _quoting(node.left)
    if isinstance(node, cst.BinaryOperation):
        return _quoting(node.left)
    if isinstance(node, cst.FormattedString):
        return node.prefix, node.quote
    assert isinstance(node, cst.SimpleString)
    match = _QUOTE.match(node.value)
    assert match is not None
    return match.group(1), match.group(2)


def python_literal(value: str, prefix: str, quote: str) -> str:
    """``value`` as a Python string literal with ``quote`` and what applies of ``prefix``
    (``r`` when the value needs no escape; ``f`` and ``b`` never)."""
    kept = "".join(char for char in prefix if char.lower() in "ru")
    needs_escape = "\\" in value or quote[0] in value or not value.isprintable()
    if "r" in kept.lower() and needs_escape:
        kept = "".join(char for char in kept if char.lower() != "r")
    body = value
    if "r" not in kept.lower():
        body = "".join(_python_escape(char, quote[0]) for char in value)
    literal = f"{kept}{quote}{body}{quote}"
    try:
        if ast.literal_eval(literal) == value:
            return literal
    except (SyntaxError, ValueError):
        pass
    return repr(value)


def _python_escape(char: str, quote: str) -> str:
    if char in ("\\", quote):
        return "\\" + char
    return char if char.isprintable() else repr(char)[1:-1]


# --- JavaScript and TypeScript: byte-range edits ---------------------------------------------------

ByteEdit = tuple[int, int, bytes]


def byte_range(data: bytes, pos: Position) -> tuple[int, int]:
    """The byte offsets of a scanner position (lines split at ``\\n`` as tree-sitter
    counts rows, character columns; positions are counted after a UTF-8 BOM)."""
    base = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    line_starts = [base]
    index = data.find(b"\n", base)
    while index >= 0:
        line_starts.append(index + 1)
        index = data.find(b"\n", index + 1)

    def offset(line: int, column: int) -> int:
        start = line_starts[line - 1]
        end = line_starts[line] if line < len(line_starts) else len(data)
        text = data[start:end].decode("utf-8", "replace")
        return start + len(text[: column - 1].encode("utf-8"))

    return offset(pos[0], pos[1]), offset(pos[2], pos[3])


def _literal_edit(data: bytes, pos: Position, new: str, shown: str) -> ByteEdit:
    start, end = byte_range(data, pos)
    written = data[start:end].decode("utf-8", "replace")
    quote = written[:1]
    if len(written) < 2 or quote not in "'\"`" or written[-1] not in "'\"`":
        raise RenameError(f"{shown}:{pos[0]}:{pos[1]}: no string literal there any more")
    return start, end, javascript_literal(new, quote).encode("utf-8")


def javascript_literal(value: str, quote: str) -> str:
    """``value`` as a JavaScript string literal (or template without placeholders) in ``quote``."""
    escaped = []
    for char in value:
        if char in ("\\", quote) or (quote == "`" and char == "$"):
            escaped.append("\\" + char)
        elif char == "\n":
            escaped.append("\\n")
        elif char == "\r":
            escaped.append("\\r")
        elif not char.isprintable():  # also U+2028/U+2029, line breaks in old engines
            escaped.append(
                f"\\u{ord(char):04x}" if ord(char) < 0x10000 else f"\\u{{{ord(char):x}}}"
            )
        else:
            escaped.append(char)
    return f"{quote}{''.join(escaped)}{quote}"


def apply_byte_edits(data: bytes, edits: Sequence[ByteEdit]) -> bytes:
    """``data`` with each ``(start, end, replacement)`` made; edits must not overlap."""
    try:
        return splice(data, edits)
    except ValueError as exc:
        raise RenameError("two edits overlap") from exc


# --- Validating and writing -------------------------------------------------------------------------


def reparse_problem(change: FileChange) -> str | None:
    """Why the new content of a file does not parse as its language, or None."""
    if change.language == "plan":
        try:
            text = change.after.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError:
            return f"{change.shown} would not be UTF-8"
        _, problems = parse_document(text, change.shown)
        syntax = [problem for problem in problems if problem.kind == "syntax"]
        return f"{change.shown} would not load: {syntax[0].message}" if syntax else None
    if change.language == "python":
        try:
            ast.parse(change.after, change.shown)
        except (SyntaxError, ValueError) as exc:
            return f"{change.shown} would not parse: {exc}"
        return None
    if parse_tree_only(change.after, change.shown) or not parse_tree_only(
        change.before, change.shown
    ):
        return None
    return f"{change.shown} would not parse (tree-sitter finds a syntax error)"


def write_rename(rename: Rename) -> Outcome:
    """Write every changed file, all or nothing (:func:`evdict.transaction.write_all`):
    a file changed since it was read, a failed write or an interruption puts back every
    file already written. Raises :class:`~evdict.transaction.WriteError` or
    :class:`~evdict.transaction.Interrupted`."""
    return write_all(
        [
            FileWrite(change.path.resolve(), change.after, change.shown, expected=change.before)
            for change in rename.changes
        ],
        rename.root,
    )
