"""Event and property names as words, whatever their casing.

``Order Completed``, ``orderCompleted``, ``order-completed`` and ``order_completed``
all read as ``["order", "completed"]``; acronyms and digits stay whole
(``APICalled`` -> ``["api", "called"]``, ``oauth2_connected`` -> ``["oauth2", "connected"]``).
"""

from __future__ import annotations

import re

# An acronym run (before a capitalised word or the end), a capitalised or lower word,
# or a digit run; trailing digits stay with their word (oauth2, s3).
_WORD = re.compile(r"[A-Z]+(?![a-z])[0-9]*|[A-Z]?[a-z]+[0-9]*|[0-9]+[a-z]*")


def split_words(name: str) -> list[str]:
    """The lower-case words of a name, split on separators and case boundaries."""
    return [word.lower() for word in _WORD.findall(name)]
