"""File names for plan entries: safe on every file system and URL, unique, and stable.

An event may be called anything (``Order Completed``, ``$pageview``, ``a/b``, ``..``,
``注文完了``). Its slug keeps the ASCII letters and digits it has, lowercased so that a
case-insensitive file system cannot merge two pages, and gains a short hash of the
full name when that is not enough to tell it apart: a name whose slug is unique keeps
a clean, readable file name that does not change when other events come and go.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

MAX_SLUG = 80
_NOT_SLUG = re.compile(r"[^a-z0-9_]+")
# Device names Windows refuses as file names, whatever the extension.
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)


def slugify(name: str) -> str:
    """The readable part of a slug: ASCII letters, digits, ``_`` and ``-`` (maybe empty)."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", folded.lower()).strip("-_")[:MAX_SLUG].strip("-_")
    return "" if slug in _RESERVED else slug


def _hashed(base: str, name: str, taken: set[str]) -> str:
    """``base-<hash of name>``: 8 hex digits, more (then a counter) if those are taken."""
    digest = hashlib.blake2b(name.encode("utf-8"), digest_size=16).hexdigest()
    candidates = (f"{base or 'entry'}-{digest[:length]}" for length in range(8, 33, 4))
    slug = next((candidate for candidate in candidates if candidate not in taken), None)
    counter = 2
    while slug is None or slug in taken:
        slug = f"{base or 'entry'}-{digest}-{counter}"
        counter += 1
    return slug


def assign_slugs(names: Iterable[str], reserved: Iterable[str] = ()) -> dict[str, str]:
    """A unique slug for each name, none of them ``reserved`` (the pages the site has
    beside the entries' own); the same name always gets the same slug."""
    groups: dict[str, list[str]] = defaultdict(list)
    for name in dict.fromkeys(names):
        groups[slugify(name)].append(name)
    kept_out = set(reserved)
    slugs = {
        members[0]: base
        for base, members in groups.items()
        if base and len(members) == 1 and base not in kept_out
    }
    taken = kept_out | set(slugs.values())
    for base, members in groups.items():
        if members[0] in slugs:
            continue
        for name in sorted(members):
            slugs[name] = _hashed(base, name, taken)
            taken.add(slugs[name])
    return slugs
