"""Synonym groups: words that name one action or object in different ways, compared by
lemma (EV202 folds them; EV103 proposes an allowed one)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from evdict.names.case import split_words
from evdict.names.lexicon import lemma_words

# Words that name one action (or object) in different ways; `duplicates.synonyms`
# replaces this list. Entries are compared by lemma, so `viewed` also covers `view`.
DEFAULT_SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("viewed", "seen", "opened"),
    ("signup", "sign_up", "registered"),
    ("login", "log_in", "signin", "sign_in"),
    ("logout", "log_out", "signout", "sign_out"),
    ("deleted", "removed"),
    ("clicked", "tapped", "pressed"),
    ("purchased", "bought"),
    ("completed", "finished", "succeeded"),
    ("started", "began", "initiated"),
    ("updated", "edited", "modified", "changed"),
)


def folded(words: Sequence[str]) -> tuple[str, ...]:
    """Words folded to their lemmas: ``reports_exported`` -> (report, export)."""
    return tuple(lemma for word in words for lemma in lemma_words(word))


@dataclass(frozen=True)
class Synonyms:
    """Synonym groups, matched on folded words (a group's entry may be several words)."""

    groups: tuple[tuple[str, ...], ...]
    canonical: Mapping[tuple[str, ...], tuple[str, ...]]
    longest: int

    @classmethod
    def of(cls, groups: Sequence[Sequence[str]] | None = None) -> Synonyms:
        """The groups given (``duplicates.synonyms``; an empty list folds none), or the
        built-in :data:`DEFAULT_SYNONYMS` when none are configured."""
        if groups is None:
            groups = DEFAULT_SYNONYMS
        canonical: dict[tuple[str, ...], tuple[str, ...]] = {}
        for group in groups:
            forms = [folded(split_words(entry)) for entry in group]
            for form in forms:
                canonical.setdefault(form, forms[0])
        longest = max((len(form) for form in canonical), default=1)
        return cls(tuple(tuple(group) for group in groups), canonical, longest)

    def fold(self, lemmas: Sequence[str]) -> tuple[str, ...]:
        """Replace every synonym (longest match first) by its group's first entry."""
        out: list[str] = []
        index = 0
        while index < len(lemmas):
            for size in range(min(self.longest, len(lemmas) - index), 0, -1):
                form = self.canonical.get(tuple(lemmas[index : index + size]))
                if form is not None:
                    out.extend(form)
                    index += size
                    break
            else:
                out.append(lemmas[index])
                index += 1
        return tuple(out)

    def alternatives(self, word: str) -> list[str]:
        """The other entries of ``word``'s group(s), as written: ``seen`` -> viewed, opened."""
        form = folded(split_words(word))
        return [
            entry
            for group in self.groups
            if any(folded(split_words(member)) == form for member in group)
            for entry in group
            if folded(split_words(entry)) != form
        ]
