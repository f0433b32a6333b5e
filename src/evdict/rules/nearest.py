"""The declared names nearest to a name that is not declared: EV601's and EV603's
"did you mean", bounded for ``evdict validate``, which may meet 500,000 undeclared
names (each compared with every declared event would be quadratic)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

COMPARISONS = 20_000_000
"""Comparisons (names looked up x names declared) a validation run spends on "did you
mean": a few seconds of rapidfuzz; a 5,000-event plan gets 4,000 names suggested."""

_REMEMBERED = 65_536  # names whose answer is kept, then forgotten at once


def closest(name: str, choices: Sequence[str], limit: int = 3) -> list[str]:
    """The declared names nearest to ``name`` (rapidfuzz ratio, 60 or more), best first."""
    if not choices:
        return []
    extract, ratio = _rapidfuzz()
    found = extract(name, choices, scorer=ratio, limit=limit, score_cutoff=60)
    return [match for match, _, _ in found]


@cache
def _rapidfuzz() -> tuple[Any, Any]:
    """rapidfuzz's ``process.extract`` and ``fuzz.ratio``, imported when an undeclared name
    first needs a suggestion (once: an import statement per name cost 5 us each)."""
    from rapidfuzz import fuzz, process

    return process.extract, fuzz.ratio


class NearestNames:
    """:func:`closest` among ``declared``, each name looked up once, and none looked up
    once ``budget`` comparisons are spent: those lookups are counted in ``unsought``."""

    def __init__(
        self, declared: Sequence[str], budget: int | None = None, *, name_unsought: bool = False
    ) -> None:
        self.declared = declared
        self.budget = budget
        self.spent = 0
        self.unsought = 0
        # With ``name_unsought``, the names not looked up (a caller that judges one payload
        # per name counts their payloads itself).
        self.unsought_names: set[str] | None = set() if name_unsought else None
        self._found: dict[str, list[str]] = {}
        self._cost = len(declared)  # comparisons a lookup spends

    def near(self, name: str) -> list[str]:
        found = self._found.get(name)
        if found is not None:
            return found
        cost = self._cost
        if self.budget is not None and self.spent + cost > self.budget:
            self.unsought += 1
            if self.unsought_names is not None:
                self.unsought_names.add(name)
            return []
        self.spent += cost
        if len(self._found) >= _REMEMBERED:
            self._found.clear()
        # No declared name: nothing is near (rapidfuzz not asked, once per name).
        found = self._found[name] = closest(name, self.declared) if cost else []
        return found

    def note(self) -> str | None:
        """What the budget left out (``evdict validate``: one lookup a payload), or None."""
        if not self.unsought:
            return None
        return (
            f"{self.unsought} payload{'s' if self.unsought != 1 else ''} of undeclared events "
            f'reported without a "did you mean": comparing their names with the plan\'s '
            f"stops after {self.budget:,} comparisons"
        )
