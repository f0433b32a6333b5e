"""Pairs of names within a few edits of each other, found by blocking, not all pairs."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterator, Sequence

# A piece shared by more names than this (`event_00001` ... `event_65000`) keeps its first
# ones only, so a hostile plan stays linear.
BUCKET_LIMIT = 256


def close_pairs(texts: Sequence[str], max_distance: int) -> Iterator[tuple[int, int]]:
    """Pairs of positions in ``texts`` (sorted by length) within ``max_distance`` edits.

    Blocking, not all pairs (after PassJoin, Li et al. 2011): cut the shorter of two
    strings into k + 2 parts; k edits break at most k of them, so two parts are found
    unchanged in the other string, each shifted by the edits before it. Each text's
    parts are indexed; a later (no shorter) text looks up its substrings where a
    part could be, and only texts found for two parts are measured. Near-linear on
    real names; a part shared by more than ``BUCKET_LIMIT`` texts (`event_00001` ...
    `event_65000`) keeps its first ones only.
    """
    from rapidfuzz import process  # only for plans that have names to compare
    from rapidfuzz.distance import Levenshtein

    k = max_distance
    count = k + 2
    index: dict[tuple[int, int, str], list[int]] = defaultdict(list)
    short: list[int] = []  # too short to cut into parts: measured against all
    for right, text in enumerate(texts):
        size = len(text)
        once: set[int] = set()  # texts found for one part, then for two
        twice: set[int] = set()
        for length in range(max(size - k, count), size + 1):
            shifts = _shifts(size - length, k)
            for part, (start, width) in enumerate(_parts(length, count)):
                found: set[int] = set()
                for shift in shifts:
                    at = start + shift
                    if 0 <= at <= size - width:
                        found.update(index.get((length, part, text[at : at + width]), ()))
                twice |= once & found
                once |= found
        lefts = [*twice, *(left for left in short if size - len(texts[left]) <= k)]
        if lefts:  # measured in one C loop
            choices = [texts[left] for left in lefts]
            for _, _, at in process.extract_iter(
                text, choices, scorer=Levenshtein.distance, score_cutoff=k
            ):
                yield lefts[at], right
        if size < count:
            short.append(right)
            continue
        for part, (start, width) in enumerate(_parts(size, count)):
            add_bounded(index[size, part, text[start : start + width]], right)


def add_bounded(bucket: list[int], index: int) -> None:
    """Append ``index`` once (indices come in order), while the bucket is not full."""
    if len(bucket) < BUCKET_LIMIT and (not bucket or bucket[-1] != index):
        bucket.append(index)


@functools.cache
def _shifts(growth: int, k: int) -> tuple[int, ...]:
    """Where an unchanged part can move in a string ``growth`` characters longer, after
    at most ``k`` edits: d before it and growth - d after it cost |d| + |growth - d|."""
    return tuple(d for d in range(-k, k + 1) if abs(d) + abs(growth - d) <= k)


@functools.cache
def _parts(length: int, count: int) -> tuple[tuple[int, int], ...]:
    """(start, width) of ``count`` parts covering ``length`` characters, the longer last."""
    width, longer = divmod(length, count)
    parts, start = [], 0
    for part in range(count):
        size = width + (part >= count - longer)
        parts.append((start, size))
        start += size
    return tuple(parts)
