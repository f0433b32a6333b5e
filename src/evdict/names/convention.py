"""The naming convention a product's names already follow, inferred from the names
themselves (``evdict init --from-code``): a category prefix and its separator, the word
order and the tense most names share, written down only when a clear majority does."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from evdict.names.case import split_words
from evdict.names.grammar import Vocabulary
from evdict.names.tense import grammar_problem

# The share of names a convention must fit to be written into the config.
CLEAR_MAJORITY = 0.7
# Separators a category prefix may end with; `.` only when names are not dot.case.
SEPARATORS = (":", "/", ".")
# Word orders and tenses tried, the default first (a tie keeps the earlier one).
_GRAMMARS = (
    ("object_action", "past"),
    ("object_action", "present"),
    ("action_object", "present"),
    ("action_object", "past"),
)


@dataclass(frozen=True)
class FoundConvention:
    """The convention most names follow, and how many of how many do."""

    grammar: str
    tense: str
    separator: str | None  # the category prefix's separator (None: no prefix)
    fitting: int
    total: int

    def describe(self) -> str:
        """``41 of 44 names are category:object_action in the present tense``."""
        prefix = f"category{self.separator}" if self.separator else ""
        return (
            f"{self.fitting} of {self.total} names are {prefix}{self.grammar} "
            f"in the {self.tense} tense"
        )


def strip_prefix(name: str, separator: str | None) -> str | None:
    """``name`` without its category prefix (None: it has none)."""
    if separator is None:
        return name
    prefix, found, rest = name.partition(separator)
    return rest if found and prefix and rest else None


def _separator(names: Sequence[str]) -> str | None:
    """The separator a clear majority of names put after a category, if one does."""
    for separator in SEPARATORS:
        carrying = [name for name in names if strip_prefix(name, separator) is not None]
        if separator == "." and any(name.count(".") > 1 for name in carrying):
            continue  # dot.case names, not a category
        if len(carrying) >= CLEAR_MAJORITY * len(names):
            return separator
    return None


def infer_convention(
    names: Sequence[str], vocabulary: Vocabulary | None = None
) -> FoundConvention | None:
    """The word order, tense and category prefix a clear majority of ``names`` follow
    (SDK-reserved names should be left out by the caller); None when none does."""
    if not names:
        return None
    vocabulary = vocabulary or Vocabulary()
    found: list[FoundConvention] = []
    separators = {None, _separator(names)}
    for separator in sorted(separators, key=lambda sep: sep is None):
        words = [
            split_words(rest) if (rest := strip_prefix(name, separator)) is not None else None
            for name in names
        ]
        for grammar, tense in _GRAMMARS:
            fitting = sum(
                1
                for name_words in words
                if name_words and grammar_problem(vocabulary, name_words, grammar, tense) is None
            )
            found.append(FoundConvention(grammar, tense, separator, fitting, len(names)))
    best = max(found, key=lambda convention: convention.fitting)  # max keeps the first of a tie
    return best if best.fitting >= CLEAR_MAJORITY * len(names) else None
