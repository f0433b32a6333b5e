"""Regular expressions written by users (config naming rules, plan property patterns),
matched with RE2: time linear in the text, so `(a+)+$` against a hostile value cannot
stall a run. RE2 has no backreferences or lookaround; such a pattern is refused with
RE2's reason, never matched by a backtracking engine.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol


class UnsupportedPattern(ValueError):
    """A pattern RE2 cannot compile: invalid, or using syntax it does not have."""


class LinearPattern(Protocol):
    """What evdict uses of a compiled pattern (``re.Pattern`` has it too)."""

    @property
    def pattern(self) -> str: ...

    def search(self, text: str) -> object | None: ...

    def fullmatch(self, text: str) -> object | None: ...


@lru_cache(maxsize=1024)
def compile_linear(source: str) -> LinearPattern:
    """``source`` compiled by RE2; :class:`UnsupportedPattern` says why it cannot be."""
    import re2  # 3 ms: only when a pattern is used

    options = re2.Options()
    options.log_errors = False  # RE2 would print its own copy of the reason to stderr
    try:
        compiled: LinearPattern = re2.compile(source, options)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else exc
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise UnsupportedPattern(f"{reason} (patterns are matched by RE2)") from exc
    return compiled
