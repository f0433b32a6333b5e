"""A name's category prefix or namespace (`billing:checkout_started`, `ecommerce.order_placed`),
and the suffix a convention ends every name with (`CollectionAddEvent`)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from evdict.names.case import dotted_namespaces, name_parts, split_words

# `category:object_action` (PostHog), `area/object_action`: these separators never join
# the words of a case style, so what comes before the first one is a prefix.
_ALWAYS = re.compile(r"(?P<prefix>[^\s:/]+)(?P<separator>::?|/)(?P<rest>\S.*)")
# `ecommerce.product_viewed`: a dot before a name in another style (dot.case
# `product.viewed` has no prefix).
_DOTTED = re.compile(r"(?P<prefix>[A-Za-z0-9_-]+)(?P<separator>\.)(?P<rest>[^.]+)")
_WORD_BREAK = re.compile(r"[_\s-]|[a-z0-9][A-Z]")


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


def split_namespaces(name: str) -> tuple[str, str, str]:
    """A name's phrase, what the grammar reads, with the namespaces before it and the
    tags after it, separators kept. Namespaces and tags are context, not words of the
    phrase: the phrase is the last part outside brackets.

    >>> split_namespaces("wandb_integration:scan_result:error")
    ('wandb_integration:scan_result:', 'error', '')
    >>> split_namespaces("App: User Sign Up")
    ('App: ', 'User Sign Up', '')
    >>> split_namespaces("Locale used in workflow - [Translations]")
    ('', 'Locale used in workflow', ' - [Translations]')
    >>> split_namespaces("[Webhook] - Provider Webhook called")
    ('[Webhook] - ', 'Provider Webhook called', '')
    >>> split_namespaces("client.project.get_members")
    ('client.project.', 'get_members', '')
    >>> split_namespaces("checkout_started")
    ('', 'checkout_started', '')
    """
    parts = name_parts(name)
    phrase = next(
        (
            index
            for index in range(len(parts) - 1, -1, -2)
            if parts[index].strip() and not (index and parts[index - 1].rstrip().endswith("["))
        ),
        None,
    )
    if phrase is None:
        return "", name, ""
    head, last, tail = "".join(parts[:phrase]), parts[phrase], "".join(parts[phrase + 1 :])
    dotted = dotted_namespaces(last)
    if dotted is not None:
        head, last = head + dotted[0], dotted[1]
    return head, last, tail


def strip_suffix(words: Sequence[str], suffix: str | None) -> tuple[list[str], bool]:
    """``words`` without the words of ``suffix`` at their end, and whether they were
    there: ``['collection', 'add']``, True for ``CollectionAddEvent`` and ``Event``. A
    name that is the suffix alone keeps its words (none would be left to read)."""
    ending = split_words(suffix) if suffix else []
    if ending and list(words[-len(ending) :]) == ending:
        return list(words[: -len(ending)]) or list(words), True
    return list(words), not ending
