"""A name's category prefix or namespace (`billing:checkout_started`, `ecommerce.order_placed`),
and the suffix a convention ends every name with (`CollectionAddEvent`)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from evdict.names.case import split_words

# `category:object_action` (PostHog), `area/object_action`: these separators never join
# the words of a case style, so what comes before the first one is a prefix.
_ALWAYS = re.compile(r"(?P<prefix>[^\s:/]+)(?P<separator>::?|/)(?P<rest>\S.*)")
# `ecommerce.product_viewed`: a dot before a name in another style (dot.case
# `product.viewed` has no prefix).
_DOTTED = re.compile(r"(?P<prefix>[A-Za-z0-9_-]+)(?P<separator>\.)(?P<rest>[^.]+)")
_WORD_BREAK = re.compile(r"[_\s-]|[a-z0-9][A-Z]")
# Up to the last `:` or `/` (with the spaces around it) before a last part.
_NAMESPACES = re.compile(r"(?P<spaces>.*(?:::?|/)\s*)(?P<last>[^:/]*\S[^:/]*)", re.DOTALL)


def split_namespace(name: str) -> tuple[str, str] | None:
    """``(prefix with its separator, the rest)`` when ``name`` opens with a namespace.

    >>> split_namespace("billing:checkout_start")
    ('billing:', 'checkout_start')
    >>> split_namespace("ecommerce.product_viewed")
    ('ecommerce.', 'product_viewed')
    >>> split_namespace("product.viewed") is None
    True
    """
    match = _ALWAYS.fullmatch(name)
    if match is None:
        match = _DOTTED.fullmatch(name)
        if match is None or not _WORD_BREAK.search(match["rest"]):
            return None
    return match["prefix"] + match["separator"], match["rest"]


def split_namespaces(name: str) -> tuple[str, str]:
    """The namespaces a name opens with, separators kept, and its last part: what the
    grammar reads. A namespace is context, not a word of the phrase.

    >>> split_namespaces("wandb_integration:scan_result:error")
    ('wandb_integration:scan_result:', 'error')
    >>> split_namespaces("App: User Sign Up")
    ('App: ', 'User Sign Up')
    >>> split_namespaces("checkout_started")
    ('', 'checkout_started')
    """
    match = _NAMESPACES.fullmatch(name)
    return (match["spaces"], match["last"]) if match else ("", name)


def strip_suffix(words: Sequence[str], suffix: str | None) -> tuple[list[str], bool]:
    """``words`` without the words of ``suffix`` at their end, and whether they were
    there: ``['collection', 'add']``, True for ``CollectionAddEvent`` and ``Event``. A
    name that is the suffix alone keeps its words (none would be left to read)."""
    ending = split_words(suffix) if suffix else []
    if ending and list(words[-len(ending) :]) == ending:
        return list(words[: -len(ending)]) or list(words), True
    return list(words), not ending
