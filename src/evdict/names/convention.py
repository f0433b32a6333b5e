"""The naming convention a product's names already follow, inferred from the names
themselves (``evdict init --from-code``): a category prefix, its separator and its values
when they are a closed set, the word order and the tense most names share, and a word
they all end with (``CollectionAddEvent``) when reading past it makes more names fit."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from evdict.names.case import split_words
from evdict.names.grammar import Vocabulary
from evdict.names.namespace import split_namespaces, strip_suffix
from evdict.names.tense import name_problem

# The share of names that must carry a category prefix for it to be the convention.
CLEAR_MAJORITY = 0.7
# A word order and tense are written into the config when more than half the names
# follow them: they are then what most names do, and the first lint flags fewer names
# than under the default (tried first, so kept on a tie). Products mid-way through a
# change of convention sit here (Langfuse: 139 of 254 names in the present tense).
MAJORITY = 0.5
# A category prefix's allowed values are written when the names show a closed set: at
# least MIN_CATEGORISED names carry a category, and the chance that the next name brings
# a category not seen yet is at most NEW_CATEGORY_CHANCE. That chance is estimated as
# Good and Turing estimated unseen species: the share of names whose category no other
# name has (Langfuse: 7 of 254, 2.8 %). With fewer names one name moves it by over 5 %.
MIN_CATEGORISED = 20
NEW_CATEGORY_CHANCE = 0.05
# When no word order fits most of this many names or more, the team's names follow a
# convention of their own and the config sets no grammar; fewer names say little of a
# team's habits, and the default grammar stays as evdict's recommendation.
MIN_NAMES_WITHOUT_GRAMMAR = 10
# A suffix is only ever found on at least this many names (two alike prove nothing).
MIN_SUFFIXED = 5
# Separators a category prefix may end with; `.` only when names are not dot.case.
SEPARATORS = (":", "/", ".")
# What joins words in a case style other than dot.case.
_WORD_JOINS = re.compile(r"[_\s-]|[a-z0-9][A-Z]")
# Word orders and tenses tried, the default first (a tie keeps the earlier one).
_GRAMMARS = (
    ("object_action", "past"),
    ("object_action", "present"),
    ("action_object", "present"),
    ("action_object", "past"),
)


@dataclass(frozen=True)
class CategorySet:
    """The categories names use, when they are a closed set."""

    values: tuple[str, ...]
    unique: int  # names whose category no other name has
    names: int  # names with a category

    def describe(self) -> str:
        """``7 of 254 names have a category no other name has``."""
        return f"{self.unique} of {self.names} names have a category no other name has"


@dataclass(frozen=True)
class FoundConvention:
    """The convention most names follow, and how many of how many do."""

    grammar: str
    tense: str
    separator: str | None  # the category prefix's separator (None: no prefix)
    fitting: int
    total: int
    categories: CategorySet | None = None  # the category's values, when a closed set
    suffix: str | None = None  # the word every name ends with, as the names write it

    @property
    def is_default(self) -> bool:
        """Whether it is what the config says by default: object_action in the past
        tense, with no category prefix or suffix."""
        return (self.grammar, self.tense, self.separator, self.suffix) == (
            "object_action",
            "past",
            None,
            None,
        )

    def describe(self) -> str:
        """``41 of 44 names are category:object_action in the present tense`` (``, then
        Event`` with a suffix)."""
        prefix = f"category{self.separator}" if self.separator else ""
        then = f", then {self.suffix}" if self.suffix else ""
        return (
            f"{self.fitting} of {self.total} names are {prefix}{self.grammar} "
            f"in the {self.tense} tense{then}"
        )


def strip_prefix(name: str, separator: str | None) -> str | None:
    """``name`` without its category prefix (None: it has none)."""
    if separator is None:
        return name
    prefix, found, rest = name.partition(separator)
    return rest if found and prefix and rest else None


def _split(name: str, separator: str | None) -> tuple[list[str], list[str]] | None:
    """The words of ``name``'s category prefix and of the rest (None: it has no prefix)."""
    rest = strip_prefix(name, separator)
    if rest is None:
        return None
    # As the grammar rule reads it: namespaces after the category are context.
    spaces, last, tags = split_namespaces(rest)
    if not (words := split_words(last)):
        return None
    category = name.removesuffix(rest).removesuffix(separator or "")
    return [*split_words(category), *split_words(spaces), *split_words(tags)], words


def _suffix(
    names: Sequence[str], split: Sequence[tuple[list[str], list[str]] | None]
) -> str | None:
    """The last word a clear majority of names end with (after another), as the names
    write it: a candidate suffix, which the caller keeps only if more names then fit."""
    last = Counter(parts[1][-1] for parts in split if parts is not None and len(parts[1]) > 1)
    if not last:
        return None
    word, count = last.most_common(1)[0]
    if count < CLEAR_MAJORITY * len(names) or count < MIN_SUFFIXED:
        return None
    written = next((name for name in names if name.lower().endswith(word)), None)
    return written[len(written) - len(word) :] if written is not None else None


def _read_past(
    parts: tuple[list[str], list[str]] | None, suffix: str | None
) -> tuple[list[str], list[str]] | None:
    """A name's category and words with ``suffix`` read past (None: it lacks it)."""
    if parts is None:
        return None
    words, suffixed = strip_suffix(parts[1], suffix)
    return (parts[0], words) if suffixed else None


def _dot_case(names: Sequence[str]) -> bool:
    """Whether dotted ``names`` are dot.case (`user.signed.up`): some has several dots and
    none joins the words between its dots otherwise. mem0's `client.project.add_member`
    is a namespace before snake_case words."""
    several = any(name.count(".") > 1 for name in names)
    return several and not any(_WORD_JOINS.search(name) for name in names)


def _separator(names: Sequence[str]) -> str | None:
    """The separator a clear majority of names put after a category, if one does."""
    for separator in SEPARATORS:
        carrying = [name for name in names if strip_prefix(name, separator) is not None]
        if separator == "." and _dot_case(carrying):
            continue  # dot.case names, not a category
        if len(carrying) >= CLEAR_MAJORITY * len(names):
            return separator
    return None


def closest_convention(
    names: Sequence[str], vocabulary: Vocabulary | None = None
) -> FoundConvention | None:
    """The word order, tense, category separator and suffix that fit the most of
    ``names``, however few that is (None: no names)."""
    if not names:
        return None
    vocabulary = vocabulary or Vocabulary()
    found: list[FoundConvention] = []
    separators = {None, _separator(names)}
    for separator in sorted(separators, key=lambda sep: sep is None):
        split = [_split(name, separator) for name in names]
        for suffix in (None, _suffix(names, split)):
            read = [_read_past(parts, suffix) for parts in split]
            for grammar, tense in _GRAMMARS:
                fitting = sum(
                    1
                    for parts in read
                    if parts is not None
                    and name_problem(vocabulary, parts[1], grammar, tense, parts[0]) is None
                )
                found.append(
                    FoundConvention(grammar, tense, separator, fitting, len(names), suffix=suffix)
                )
    return max(found, key=lambda convention: convention.fitting)  # max keeps the first of a tie


def infer_convention(
    names: Sequence[str], vocabulary: Vocabulary | None = None
) -> FoundConvention | None:
    """The word order, tense and category prefix (with its values, when a closed set)
    most of ``names`` follow (SDK-reserved names should be left out by the caller); None
    when no convention fits more than half of them."""
    return majority_convention(names, closest_convention(names, vocabulary))


def majority_convention(
    names: Sequence[str], closest: FoundConvention | None
) -> FoundConvention | None:
    """``closest`` (what :func:`closest_convention` found for ``names``) when more than
    half of them follow it, with its category's values when a closed set; else None."""
    if closest is None or closest.fitting <= MAJORITY * len(names):
        return None
    if closest.separator is None:
        return closest
    return dataclasses.replace(closest, categories=closed_categories(names, closest.separator))


def closed_categories(names: Sequence[str], separator: str) -> CategorySet | None:
    """The categories of ``names`` when they look a closed set (see NEW_CATEGORY_CHANCE)."""
    counts = Counter(
        name.removesuffix(rest).removesuffix(separator)
        for name in names
        if (rest := strip_prefix(name, separator)) is not None
    )
    categorised = sum(counts.values())
    unique = sum(1 for count in counts.values() if count == 1)
    if categorised < MIN_CATEGORISED or unique > NEW_CATEGORY_CHANCE * categorised:
        return None
    return CategorySet(tuple(sorted(counts)), unique, categorised)
