"""The Python front end: source bytes -> neutral :class:`~evdict.scanner.model.FileFacts`.

It uses the standard library's ``ast``: about 9x faster than libcst on this machine
(``benchmarks/scan_python.py``), it never imports or runs the code, and
scanning needs positions and shapes, not the concrete syntax libcst keeps for exact
rewrites (``evdict rename`` uses libcst). ``ast`` columns are UTF-8 *byte* offsets;
they are converted to character columns (:mod:`~evdict.scanner.frontends.py_nodes`), so
every later layer counts characters.

Every call is recorded (grouped by the last name of its callee) with its arguments
as neutral expressions, except calls of builtins and of common container methods,
which cannot send an event. Facts depend on the bytes alone, never on the config.

A function's ``return VALUE`` statements are bindings of ``<return>`` in its scope (a
factory such as ``_get_client()`` gives the SDK client it returns), and an assignment
to a name declared ``global`` binds in the module (lazily created clients).

This module decodes and parses a file, reads its suppression comments and gathers its
facts; the walk over its statements is :mod:`~evdict.scanner.frontends.py_statements`,
which reads expressions with :mod:`~evdict.scanner.frontends.py_expressions`.
"""

from __future__ import annotations

import ast
import codecs
import io
import itertools
import re
import tokenize
import warnings

from evdict.scanner.frontends.py_expressions import Expressions
from evdict.scanner.frontends.py_forwarders import forwarded_calls
from evdict.scanner.frontends.py_nodes import Columns
from evdict.scanner.frontends.py_statements import Statements
from evdict.scanner.model import (
    SUPPRESSION_DIRECTIVE,
    CallSite,
    FileFacts,
    FunctionDef,
    Import,
    ParseFailure,
    Suppression,
)

FRONTEND_VERSION = 28
"""Bump when the facts this module produces change: cached facts of older versions are ignored."""
PRESETS_LANGUAGE = "python"

_SUPPRESSION = re.compile(r"#\s*" + SUPPRESSION_DIRECTIVE, re.IGNORECASE)


def module_name(rel: str) -> tuple[str, bool]:
    """``pkg/sub/mod.py`` -> ``("pkg.sub.mod", False)``; ``pkg/__init__.py`` -> ``("pkg", True)``."""
    parts = rel.removesuffix(".py").split("/")
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def import_target(module: str, is_package: bool, imported: Import) -> str | None:
    """The absolute module an import names (``from ..x import y`` in ``a.b.c`` -> ``a.x``);
    None when a relative import climbs above the top."""
    if imported.level == 0:
        return imported.module
    parts = module.split(".") if module else []
    if not is_package:
        parts = parts[:-1]
    climb = imported.level - 1
    if climb > len(parts):
        return None
    base = parts[: len(parts) - climb]
    return ".".join([*base, imported.module] if imported.module else base) or None


def extract(data: bytes, filename: str = "") -> FileFacts:
    """The facts of one Python file. Never raises: a file that cannot be read as Python
    yields facts with ``failure`` set. (``filename`` is unused: one grammar for all.)"""
    not_read = _binary_codec_cookie(data)
    if not_read is not None:
        return FileFacts("python", not_read=not_read)
    text, failure = _decode(data)
    if failure is not None:
        return FileFacts("python", failure=failure)
    with warnings.catch_warnings():
        # Invalid escapes and the like warn at parse time: not the scan's business.
        warnings.simplefilter("ignore")
        return _extract(text)


def _extract(text: str) -> FileFacts:
    failure = None
    try:
        tree = ast.parse(text)
    except SyntaxError as exc:
        line = exc.lineno or 1
        column = max(exc.offset or 1, 1)
        pos = (line, column, exc.end_lineno or line, max(exc.end_offset or column, column))
        failure = ParseFailure(f"does not parse: {exc.msg}", pos)
        recovered = _without_broken_statements(text, line)
        if recovered is None:
            # Its comments still count: ``# evdict: file-ignore[EV608]`` must work here too.
            found = suppressions(text) if "evdict" in text else ()
            return FileFacts("python", suppressions=found, failure=failure)
        tree = recovered
    except RecursionError:
        recovered, line = _without_deep_statements(text)
        failure = ParseFailure("cannot parse: nested too deeply", (line, 1, line, 1))
        if recovered is None:
            return FileFacts("python", failure=failure)
        tree = recovered
    except (ValueError, MemoryError, OverflowError) as exc:
        reason = str(exc) or type(exc).__name__
        return FileFacts("python", failure=ParseFailure(f"cannot parse: {reason}", (1, 1, 1, 1)))
    columns = Columns(text)
    extractor = Statements(columns, Expressions(columns))
    try:
        extractor.module(tree)
    except RecursionError:
        failure = ParseFailure("cannot scan: too deeply nested", (1, 1, 1, 1))
        return FileFacts("python", failure=failure)
    return FileFacts(
        language="python",
        failure=failure,
        functions=tuple(extractor.functions),
        classes=tuple(extractor.classes),
        bindings=tuple(extractor.bindings),
        imports=tuple(extractor.imports),
        suppressions=suppressions(text) if "evdict" in text else (),
        calls=_with_forwarded(extractor.functions, extractor.calls),
    )


def _with_forwarded(
    functions: list[FunctionDef], calls: dict[str, list[CallSite]]
) -> dict[str, tuple[CallSite, ...]]:
    """The module's calls, and those its runner and forwarder calls make
    (:mod:`~evdict.scanner.frontends.py_forwarders`)."""
    merged = {name: list(sites) for name, sites in calls.items()}
    for name, sites in forwarded_calls(functions, calls).items():
        merged.setdefault(name, []).extend(sites)
    return {name: tuple(sites) for name, sites in merged.items()}


_RECOVERY_ATTEMPTS = 20
# ast refuses about 3,000 levels (3.11: 3x the recursion limit), and a level takes a
# character at least (``-`` of ``---x``): a shorter statement is never too deep.
_DEEP_MIN = 1000


def _without_broken_statements(text: str, line: int) -> ast.Module | None:
    """The file parsed with each top-level statement that breaks it blanked out (a
    syntax error, syntax newer than this Python, parentheses nested too deep), so the
    calls in the rest are still read at their own lines; None when that does not work."""
    lines = text.splitlines(keepends=True)
    blanked: set[int] = set()
    for _ in range(_RECOVERY_ATTEMPTS):
        start, end = _top_level_statement(lines, line - 1)
        if start in blanked:
            return None
        blanked.add(start)
        for index in range(start, end):
            lines[index] = "\n"
        try:
            return ast.parse("".join(lines))
        except SyntaxError as exc:
            line = exc.lineno or 1
        except (ValueError, RecursionError, MemoryError, OverflowError):
            return None
    return None


def _without_deep_statements(text: str) -> tuple[ast.Module | None, int]:
    """The file parsed with each top-level statement too deep for ``ast`` blanked out (a
    chain of 100,000 ``'a' + 'b' + ...``), and the first such statement's line (1 when
    none is found). Only a statement of :data:`_DEEP_MIN` characters or more can be that
    deep: each is parsed alone, once (a statement cut out of a compound one, ``else:``,
    fails on its syntax and is left as it is)."""
    lines = text.splitlines(keepends=True)
    starts = sorted({0, *(i for i, line in enumerate(lines) if _opens_statement(line))})
    starts.append(len(lines))
    deep: list[tuple[int, int]] = []
    for start, end in itertools.pairwise(starts):
        statement = "".join(lines[start:end])
        if len(statement) < _DEEP_MIN:
            continue
        try:
            ast.parse(statement)
        except RecursionError:
            deep.append((start, end))
        except (SyntaxError, ValueError, MemoryError, OverflowError):
            pass
    if not deep:
        return None, 1
    for start, end in deep:
        lines[start:end] = ["\n"] * (end - start)
    line = deep[0][0] + 1
    try:
        return ast.parse("".join(lines)), line
    except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError):
        return None, line


def _top_level_statement(lines: list[str], index: int) -> tuple[int, int]:
    """The lines [start, end) of the top-level statement around line ``index`` (0-based):
    from the last line at column 0 up to the next one (closing brackets excepted)."""
    index = min(max(index, 0), len(lines) - 1) if lines else 0
    start = index
    while start > 0 and not _opens_statement(lines[start]):
        start -= 1
    end = index + 1
    while end < len(lines) and not _opens_statement(lines[end]):
        end += 1
    return start, end


def _opens_statement(line: str) -> bool:
    return bool(line) and line[0] not in " \t\r\n#)]}"


# PEP 263's cookie, on line 1, or on line 2 below a comment or blank line (tokenize's rules).
_COOKIE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", re.ASCII)
_COMMENT_OR_BLANK = re.compile(rb"^[ \t\f]*(?:[#\r\n]|$)", re.ASCII)


def _binary_codec_cookie(data: bytes) -> ParseFailure | None:
    """Why a file whose coding cookie names a codec that is no text encoding (`rot13`,
    `zlib_codec`, `hex`, `base64`, `bz2`, `uu`) is not read, at the cookie's name; None
    for any other file. Such a codec is never run on a file: it would turn the bytes
    into other bytes (or decompress them without bound), and Python refuses the file."""
    first, *rest = data.split(b"\n", 2)
    number, cookie = 1, _COOKIE.match(first)
    if cookie is None and rest and _COMMENT_OR_BLANK.match(first):
        number, cookie = 2, _COOKIE.match(rest[0])
    if cookie is None:
        return None
    name = cookie.group(1).decode("ascii")
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None  # unknown: _decode says so, as an EV608
    if getattr(info, "_is_text_encoding", True):
        return None
    reason = (
        f"not scanned: its coding cookie names {name!r}, which is not a text encoding "
        "(a data transform, never run on a file; Python refuses the file too)"
    )
    return ParseFailure(reason, (number, cookie.start(1) + 1, number, cookie.end(1) + 1))


def _decode(data: bytes) -> tuple[str, ParseFailure | None]:
    """Decode as Python does: a BOM or a coding cookie, else UTF-8."""
    try:
        try:
            encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        except SyntaxError as exc:
            data.decode("utf-8")  # undecodable first lines: say where, below
            return "", ParseFailure(f"cannot read the source encoding: {exc}", (1, 1, 1, 1))
        return codecs.decode(data, encoding), None
    except LookupError as exc:
        return "", ParseFailure(f"unknown source encoding: {exc}", (1, 1, 1, 1))
    except UnicodeError as exc:
        if not isinstance(exc, UnicodeDecodeError):  # idna, punycode: no position
            return "", ParseFailure(f"not valid text: {exc}", (1, 1, 1, 1))
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return "", ParseFailure(
            f"not valid {exc.encoding} text (byte {exc.start}: {exc.reason})",
            (line, column, line, column + 1),
        )


def suppressions(text: str) -> tuple[Suppression, ...]:
    """``# evdict: ignore[...]`` / ``# evdict: file-ignore[...]`` comments (real comments,
    read with the tokenizer, never text inside strings)."""
    found: list[Suppression] = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type != tokenize.COMMENT or "evdict" not in token.string:
                continue
            match = _SUPPRESSION.search(token.string)
            if match is None:
                continue
            line, column = token.start
            start = column + match.start() + 1
            found.append(Suppression.read(match, (line, start, line, column + match.end() + 1)))
    except (tokenize.TokenError, SyntaxError, ValueError):
        pass
    return tuple(found)
