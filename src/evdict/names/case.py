"""Names as words, whatever their casing, and the case styles they are written in.

``Order Completed``, ``orderCompleted``, ``order-completed`` and ``order_completed``
all read as ``["order", "completed"]``; acronyms and digits stay whole
(``APICalled`` -> ``["api", "called"]``, ``oauth2_connected`` -> ``["oauth2", "connected"]``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

# An acronym run (before a capitalised word or the end), a capitalised or lower word,
# or a digit run; trailing digits stay with their word (oauth2, s3).
_WORD = re.compile(r"[A-Z]+(?![a-z])[0-9]*|[A-Z]?[a-z]+[0-9]*|[0-9]+[a-z]*")


def split_words(name: str) -> list[str]:
    """The lower-case words of a name, split on separators and case boundaries."""
    return [word.lower() for word in _WORD.findall(name)]


def acronyms(name: str) -> frozenset[str]:
    """The words a name writes in capitals (``CSV`` in ``CSV Exported``), lower-cased."""
    return frozenset(
        token.lower() for token in _WORD.findall(name) if len(token) > 1 and token.isupper()
    )


CASE_STYLES = (
    "snake_case",
    "camelCase",
    "PascalCase",
    "Title Case",
    "Sentence case",
    "kebab-case",
    "dot.case",
)
# Words Title Case leaves in lower case after the first word ("Product Added to Wishlist").
MINOR_WORDS = frozenset(
    {"a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "by", "for", "from", "with"}
    | {"via", "as", "into", "onto", "per", "vs"}
)
_CAPITALISED = r"[A-Z0-9][A-Za-z0-9]*"
_ACRONYM = r"[A-Z][A-Z0-9]+"
# A brand written with capitals inside it (OpenAI, GitHub, VSCode, iOS): one word of a
# Title Case or Sentence case name of several words (chatwoot's `OpenAI: Apply label`).
_BRAND = (
    r"(?:[A-Z]+[a-z]+[A-Z][A-Za-z0-9]*|[A-Z]{2,}[a-z]+[A-Za-z0-9]*|[a-z]{1,3}[A-Z][A-Za-z0-9]*)"
)
_CASE_PATTERNS = {
    "snake_case": re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*"),
    "kebab-case": re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*"),
    "dot.case": re.compile(r"[a-z][a-z0-9]*(?:\.[a-z0-9]+)*"),
    "camelCase": re.compile(r"[a-z][a-z0-9]*(?:[A-Z][A-Za-z0-9]*)*"),
    "PascalCase": re.compile(r"[A-Z][A-Za-z0-9]*"),
    "Title Case": re.compile(
        rf"{_CAPITALISED}(?: (?:{_CAPITALISED}|{'|'.join(sorted(MINOR_WORDS))}))*"
    ),
    "Sentence case": re.compile(rf"(?:[A-Z0-9][a-z0-9]*|{_ACRONYM})(?: (?:[a-z0-9]+|{_ACRONYM}))*"),
}
_BRAND_WORD = re.compile(rf"(?<![A-Za-z0-9]){_BRAND}(?![A-Za-z0-9])")
_WITH_BRANDS = {
    "Title Case": re.compile(
        rf"(?:{_CAPITALISED}|{_BRAND})(?: (?:{_CAPITALISED}|{_BRAND}|{'|'.join(sorted(MINOR_WORDS))}))*"
    ),
    "Sentence case": re.compile(
        rf"(?:[A-Z0-9][a-z0-9]*|{_ACRONYM}|{_BRAND})(?: (?:[a-z0-9]+|{_ACRONYM}|{_BRAND}))*"
    ),
}


# `:`, `/`, a spaced dash and brackets join no style's words: they part a name's
# namespaces and tags, each written in the style (`sampling:autostartTrigger`,
# `mlflow_integration:scan:error`, documenso's `App: Document Uploaded`, novu's `Create
# Tenant - [Tenants]`). Split with the separators kept, at odd indexes.
_NAMESPACE_BREAK = re.compile(r"((?:\s*(?:::?|/|(?<=\s)-(?=\s)|\[|\])\s*)+)")


def name_parts(name: str) -> list[str]:
    """``name`` split at its namespace and tag separators, which are kept (at odd
    indexes); a tag opening or closing the name (`[Layout] - Create`) leaves an empty
    first or last part."""
    return _NAMESPACE_BREAK.split(name)


def _judged(parts: list[str], index: int) -> bool:
    """Whether the part at ``index`` is written in a case: not the empty end before a tag
    opening the name or after one closing it (`:orphan` has an empty namespace)."""
    if parts[index] or len(parts) == 1:
        return True
    if index == 0:
        return not parts[1].lstrip().startswith("[")
    return index < len(parts) - 1 or not parts[-2].rstrip().endswith("]")


# Namespaces joined by dots before a last part with a word break of its own (skyvern's
# `onboarding.tour_step_viewed`, mem0's `client.project.get_members`), or in a name that
# is no dot.case (airbyte's `Airbyte.UI.Connection.Create`, edx's
# `edx.server.license-request-lifecycle.declined`). A dot.case name (`product.viewed`) is
# no such thing.
_DOTTED_NAMESPACES = re.compile(
    r"(?P<spaces>[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.)(?P<last>[^.\s]+)"
)
_WORD_BREAK = re.compile(r"[_-]|[a-z0-9][A-Z]")
# The styles of one token, where each dotted namespace is written in the style.
_DOTTED_STYLES = frozenset({"snake_case", "kebab-case", "camelCase", "PascalCase"})


def dotted_namespaces(part: str) -> tuple[str, str] | None:
    """``(the namespaces with their dots, the last part)`` of a part of a name that opens
    with dotted namespaces: ``client.project.get_members`` -> ``("client.project.",
    "get_members")``, ``Airbyte.UI.Source.Test`` -> ``("Airbyte.UI.Source.", "Test")``;
    None for ``product.viewed`` or an undotted part."""
    match = _DOTTED_NAMESPACES.fullmatch(part)
    if match is None:
        return None
    if not _WORD_BREAK.search(match["last"]) and _CASE_PATTERNS["dot.case"].fullmatch(part):
        return None
    return match["spaces"], match["last"]


def _segments(part: str, style: str) -> list[str]:
    """``part`` split at its dotted namespaces, if it has any (in the styles of one
    token: not in dot.case, nor in the spaced ones)."""
    if style in _DOTTED_STYLES and dotted_namespaces(part) is not None:
        return part.split(".")
    return [part]


def _fits(segment: str, pattern: re.Pattern[str]) -> bool:
    """A segment in the pattern's style, leading underscores apart: they mark a name as
    internal (novu's `_organizationId`, mem0's `mem0._create_procedural_memory`)."""
    return pattern.fullmatch(segment.lstrip("_") or segment) is not None


def matches_case(name: str, style: str, *, spaced: bool | None = None) -> bool:
    """Whether ``name`` is written in ``style`` (one of :data:`CASE_STYLES`), each of its
    namespaces (`category:`, `onboarding.`) and tags (`- [Tenants]`) on its own.
    ``spaced``: whether the whole name, of which ``name`` may be a part, holds spaces
    (then a brand is a word)."""
    spaced = " " in name if spaced is None else spaced
    pattern = _WITH_BRANDS.get(style, _CASE_PATTERNS[style]) if spaced else _CASE_PATTERNS[style]
    parts = name_parts(name)
    return all(
        _fits(segment, pattern) or (at > 0 and segment.isdigit())  # `license.activated.180.days`
        for index in range(0, len(parts), 2)
        if _judged(parts, index)
        for at, segment in enumerate(_segments(parts[index], style))
    )


def restyled(name: str, style: str) -> str | None:
    """``name`` written in ``style``, namespace by namespace, its separators kept
    (`sampling:autostart_trigger` in camelCase is `sampling:autostartTrigger`); None
    when a namespace holds no word."""
    parts = name_parts(name)
    spaced = " " in name
    brands = _BRAND_WORD.findall(name) if spaced and style in _WITH_BRANDS else []
    for index in range(0, len(parts), 2):
        if not _judged(parts, index) or matches_case(parts[index], style, spaced=spaced):
            continue
        segments = _segments(parts[index], style)
        for at, segment in enumerate(segments):
            if matches_case(segment, style, spaced=spaced):
                continue
            # a brand is one word, written back as the name writes it
            whole = _BRAND_WORD.sub(lambda brand: brand[0].lower(), segment) if brands else segment
            words = split_words(whole)
            if not words:
                return None
            written = to_case(words, style, acronyms(segment))
            for brand in brands:
                written = re.sub(rf"\b{re.escape(brand)}\b", brand, written, flags=re.I)
            segments[at] = segment[: len(segment) - len(segment.lstrip("_"))] + written
        parts[index] = ".".join(segments)
    return "".join(parts)


def detect_case(name: str) -> str | None:
    """The first style of :data:`CASE_STYLES` that ``name`` is written in, if any."""
    return next((style for style in CASE_STYLES if matches_case(name, style)), None)


def majority_case(names: Collection[str]) -> tuple[str, int] | None:
    """The case style most ``names`` are written in, with how many are (a name may fit
    several styles: ``signup`` is snake_case and camelCase; ties go to the earlier style
    of :data:`CASE_STYLES`). None when no name fits any style."""
    counts = {style: sum(matches_case(name, style) for name in names) for style in CASE_STYLES}
    best = max(CASE_STYLES, key=lambda style: counts[style])  # max keeps the first of a tie
    return (best, counts[best]) if counts[best] else None


def to_case(words: Sequence[str], style: str, caps: Collection[str] = ()) -> str:
    """Write lower-case ``words`` in ``style``; words in ``caps`` stay acronyms (``CSV``)."""

    def capital(word: str) -> str:
        return word.upper() if word in caps else word[:1].upper() + word[1:]

    if style == "snake_case":
        return "_".join(words)
    if style == "kebab-case":
        return "-".join(words)
    if style == "dot.case":
        return ".".join(words)
    if style == "camelCase":
        return "".join([words[0], *map(capital, words[1:])]) if words else ""
    if style == "PascalCase":
        return "".join(map(capital, words))
    if style == "Title Case":  # a minor word ending the name is a particle: "Logged In"
        last = len(words) - 1
        return " ".join(
            word if 0 < index < last and word in MINOR_WORDS else capital(word)
            for index, word in enumerate(words)
        )
    if style == "Sentence case":
        return " ".join(
            capital(word) if index == 0 or word in caps else word
            for index, word in enumerate(words)
        )
    raise ValueError(f"unknown case style {style!r}")
