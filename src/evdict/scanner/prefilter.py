"""The byte-level prefilter: can this file hold a tracking call at all?

Only files that pass are parsed, so its selectivity decides the cost of a scan (see
``benchmarks/README.md``, "What a scan costs"). It is a set of :class:`Trigger`\\ s derived from the
presets, the config's wrappers and, in later passes, the wrappers the resolver
inferred. Each trigger is a literal *anchor* found with ``bytes.find`` (about 2 GB/s)
and an optional regex confirmed only where the anchor occurs: one regex alternation
over many names would be tried at every position (measured 20x slower). The one
exception is the SDK method call ``.track(`` / ``.capture(``: that regex starts with
a literal ``.``, which ``re`` scans for quickly, and it needs no receiver (the
resolver judges receivers), so ``progress.track(`` costs a parse, never a finding.
Generic names alone (``event``, ``send``) never trigger: they come with a receiver
or a class name (:func:`callee_trigger`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Trigger:
    """``anchor`` must occur in the file, and one of ``context`` (when given), then
    ``pattern`` (when given) must match."""

    anchor: bytes | None
    pattern: bytes | None
    context: tuple[bytes, ...] = ()

    @property
    def key(self) -> str:
        """A stable identity, recorded in the cache with the verdict."""
        parts = [self.anchor or b"", self.pattern or b"", b"|".join(self.context)]
        return "\x1f".join(part.decode("utf-8", "replace") for part in parts)


# Where a name starts and ends: not inside a longer identifier (``$`` is part of one in
# JavaScript, so ``\b`` would miss ``$track``).
_START = rb"(?<![\w$])"
_END = rb"(?![\w$])"

SUPPRESSION_TRIGGER = Trigger(b"evdict", rb"evdict:\s*(?:file-)?ignore")


def methods_trigger(names: Sequence[str]) -> Trigger:
    """Method calls ``.name(`` for any receiver, also optional (``.name?.(``) and bound
    (``.name.bind(``, a wrapper made of the SDK method)."""
    alternatives = b"|".join(re.escape(name.encode()) for name in names)
    return Trigger(None, rb"\.\s*(?:" + alternatives + rb")\s*(?:\?\.\s*)?(?:\(|\.\s*bind\s*\()")


def name_trigger(name: str) -> Trigger:
    """A distinctive name as a whole word (``track_event``, ``StructuredEvent``)."""
    encoded = name.encode()
    return Trigger(encoded, _START + re.escape(encoded) + _END)


def imported_name_trigger(name: str, module: str, packages: Sequence[str] = ()) -> Trigger:
    """A generic function name (``capture``) defined in ``module``: only in a file that
    also names the module (its last two parts, or the name of the workspace package
    that holds it: ``"@acme/metrics"``), as an import of it must."""
    parts = [*module.split(".")[-2:], *packages]
    context = tuple(dict.fromkeys(part.encode() for part in parts if part))
    return Trigger(name.encode(), _START + re.escape(name.encode()) + _END, context)


def global_call_trigger(name: str) -> Trigger:
    """A call of a global function: ``gtag(``, ``window.plausible?.(``."""
    encoded = name.encode()
    return Trigger(encoded, _START + re.escape(encoded) + rb"\s*(?:\?\.\s*)?\(")


def destructured_trigger(names: Sequence[str]) -> Trigger:
    """A hook's result destructured (``} = useAnalytics(``) in a file naming one of
    ``names`` (``const { track } = ...``)."""
    context = tuple(name.encode() for name in names)
    return Trigger(None, rb"\}\s*=\s*(?:await\s+)?use[A-Z][\w$]*\s*\(", context)


def string_trigger(text: str) -> Trigger:
    """A string literal's text as written, quoted: ``"segment:track"``, ``'segment:track'``."""
    encoded = text.encode()
    return Trigger(encoded, rb"[\"'`]" + re.escape(encoded) + rb"[\"'`]")


def callee_trigger(callee: Sequence[str]) -> Trigger:
    """A dotted callee by its last two parts (``analytics.event``); a plain name as a word."""
    if len(callee) == 1:
        return name_trigger(callee[0])
    receiver, name = (part.encode() for part in callee[-2:])
    pattern = _START + re.escape(receiver) + rb"\s*\.\s*" + re.escape(name) + _END
    return Trigger(name, pattern)


_IDENTIFIER = re.compile(rb"[A-Za-z_$][\w$]*")

WORDS_FROM = 32
"""Testing this many anchors or more on a file, look them up among its identifiers
(one regex pass, about 30 ``bytes.find`` passes' worth) rather than search each: the
later passes of a large project, where inferred wrappers add hundreds of names."""


def identifiers(data: bytes) -> frozenset[bytes]:
    """The identifiers a file's text holds (also in strings and comments: a superset)."""
    return frozenset(_IDENTIFIER.findall(data))


class Prefilter:
    """A set of triggers, each tested on its own so the cache can record which hit."""

    def __init__(self, triggers: Iterable[Trigger]) -> None:
        unique = {trigger.key: trigger for trigger in triggers}
        self.keys = frozenset(unique)
        self._tests = [
            (
                key,
                trigger.anchor,
                bool(trigger.anchor and _IDENTIFIER.fullmatch(trigger.anchor)),
                trigger.context,
                trigger.pattern,
            )
            for key, trigger in sorted(unique.items())
        ]

    def hits(
        self,
        data: bytes,
        only: frozenset[str] | None = None,
        words: frozenset[bytes] | None = None,
    ) -> set[str]:
        """The keys of the triggers that match ``data`` (among ``only`` when given);
        ``words``: its :func:`identifiers`, where a name anchor is looked up instead."""
        found: set[str] = set()
        for key, anchor, is_word, context, pattern in self._tests:
            if only is not None and key not in only:
                continue
            if anchor is not None:
                if words is not None and is_word:
                    if anchor not in words:
                        continue
                elif anchor not in data:
                    continue
            if context and not any(part in data for part in context):
                continue
            if pattern is None or _compiled(pattern).search(data):
                found.add(key)
        return found


@lru_cache(maxsize=8192)
def _compiled(pattern: bytes) -> re.Pattern[bytes]:
    """Compiled when its anchor first occurs: later passes add a trigger per inferred
    wrapper (3,000 compiled up front cost more than parsing the file that made them),
    and most anchors never occur."""
    return re.compile(pattern)
