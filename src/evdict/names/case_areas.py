"""Two case styles, one per part of a product: an API whose events are `kebab-case` and a
web app whose events are `snake_case` (skyvern), a VS Code extension in Title Case and
its web site in snake_case (roo-code). Each part keeps its own convention, so a plan
drafted for the whole product accepts both, and still flags a name in neither.

A part (an *area*) is where a name is sent from: the top folder of the file, or the top
two under a folder that holds the packages of a monorepo (`apps/web`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from evdict.names.case import majority_case, matches_case
from evdict.names.convention import CLEAR_MAJORITY

# The folders that hold a monorepo's packages: a package is an area of its own.
PACKAGE_FOLDERS = frozenset(
    {"apps", "packages", "libs", "services", "extensions", "projects", "plugins", "modules"}
)
# An area has a convention when this many names are sent from it and a clear majority of
# them are written in one style.
MIN_AREA_NAMES = 5
# The second style must hold this share of all the names: less is drift, not a convention.
MIN_SECOND_SHARE = 0.1


@dataclass(frozen=True)
class AreaStyle:
    """A style the names of some areas are written in, and how many names are."""

    style: str
    fitting: int  # the names of its areas written in it
    names: int  # the names sent from its areas
    areas: tuple[str, ...]

    def describe(self) -> str:
        shown = ", ".join(f"{area}/" for area in self.areas[:3])
        more = f" and {len(self.areas) - 3} more" if len(self.areas) > 3 else ""
        return f"{self.style} in {shown}{more} ({self.fitting} of {self.names} names)"


def area_of(path: str) -> str:
    """The part of a product a file belongs to: ``skyvern``, ``apps/web``."""
    parts = path.replace("\\", "/").lstrip("./").split("/")
    if len(parts) > 2 and parts[0] in PACKAGE_FOLDERS:
        return f"{parts[0]}/{parts[1]}"
    return parts[0] if len(parts) > 1 else "."


def two_conventions(
    sent_from: Iterable[tuple[str, str]], names: Collection[str]
) -> tuple[AreaStyle, AreaStyle] | None:
    """The two styles the product's areas write their names in, the more used first,
    when two areas of enough names each keep to a different style; ``sent_from`` pairs
    each name of ``names`` with the path of a file that sends it."""
    by_area: dict[str, set[str]] = defaultdict(set)
    for name, path in sent_from:
        if name in names:
            by_area[area_of(path)].add(name)
    styled: dict[str, list[str]] = defaultdict(list)
    for area, sent in sorted(by_area.items()):
        found = majority_case(sent)
        if len(sent) >= MIN_AREA_NAMES and found and found[1] >= CLEAR_MAJORITY * len(sent):
            styled[found[0]].append(area)
    if len(styled) < 2:
        return None
    counted = []
    for style, areas in styled.items():
        sent = set().union(*(by_area[area] for area in areas))
        fitting = sum(matches_case(name, style) for name in sent)
        counted.append(AreaStyle(style, fitting, len(sent), tuple(areas)))
    counted.sort(key=lambda found: -found.names)
    first, second = counted[:2]
    if second.names < MIN_SECOND_SHARE * len(names):
        return None
    return first, second
