"""EV202's blocking finds what comparing every pair found: the same close names and the
same findings, on the real-world names and on generated plans of a few hundred events
with injected duplicates (typos, plurals, synonyms, reorderings, other cases)."""

from __future__ import annotations

import random
from collections import defaultdict
from pathlib import Path

import pytest
from rapidfuzz.distance import Levenshtein
from ruamel.yaml import YAML

from evdict.config import Config
from evdict.names.close import close_pairs
from evdict.plan.model import Event, Origin
from evdict.rules.duplicates import NearDuplicateFinder, _family_key
from evdict.yamlsource import YamlDocument
from tests.conftest import TESTS

NOUNS = [
    "account",
    "report",
    "workflow",
    "step",
    "invoice",
    "payment",
    "dashboard",
    "team",
    "member",
    "file",
    "folder",
    "comment",
    "survey",
    "checkout",
    "cart",
    "order",
    "product",
    "page",
    "session",
    "subscription",
    "plan",
    "trial",
    "export",
    "import",
    "webhook",
    "token",
    "project",
    "task",
    "ticket",
    "message",
]
VERBS = [
    "created",
    "updated",
    "deleted",
    "viewed",
    "opened",
    "shared",
    "exported",
    "imported",
    "archived",
    "sent",
    "paid",
    "started",
    "completed",
    "failed",
    "cancelled",
    "renewed",
    "upgraded",
    "invited",
    "submitted",
    "approved",
]
CHANGES = (
    lambda w, r: w[:-1],  # a verb's last letter lost
    lambda w, r: w + "s",
    lambda w, r: w[::-1] if len(w) < 4 else w[:2] + w[3] + w[2] + w[4:],  # transposed
    lambda w, r: w.replace("e", "a", 1),
    lambda w, r: w + r.choice("xyz"),
)


def _generated(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    names: list[str] = []
    while len(names) < count:
        words = [rng.choice(NOUNS) for _ in range(rng.randint(1, 3))] + [rng.choice(VERBS)]
        if rng.random() < 0.3 and names:  # a near-duplicate of an earlier name
            words = rng.choice(names).split("_")
            at = rng.randrange(len(words))
            words[at] = rng.choice(CHANGES)(words[at], rng)
            if rng.random() < 0.3:
                words.reverse()
        name = "_".join(word for word in words if word)
        styled = rng.choice((name, name.replace("_", " ").title(), name.replace("_", ".")))
        if styled and styled not in names:
            names.append(styled)
    return names


def _realworld() -> list[str]:
    sources = YAML(typ="safe").load(TESTS / "fixtures" / "realworld_event_names.yaml")
    return [name for source in sources["sources"] for name in source["names"]]


PLANS = [_realworld(), *(_generated(300, seed) for seed in range(6))]


def _finder(max_distance: int = 2) -> NearDuplicateFinder:
    config = Config.from_data({"duplicates": {"max_distance": max_distance}}, Path.cwd())
    return NearDuplicateFinder.from_config(config)


def _events(names: list[str]) -> list[Event]:
    document = YamlDocument("plan.yaml", {})
    return [Event(name, {}, Origin(document, ("events", name))) for name in names]


def _all_pairs_find(finder: NearDuplicateFinder, events: list[Event]) -> dict[int, tuple[int, str]]:
    """EV202 as it was: every pair of folded keys and of texts compared."""
    names = [finder.read(event) for event in events]
    families = [_family_key(event.name) for event in events]
    by_text: dict[str, list[int]] = defaultdict(list)
    by_words: dict[str, list[int]] = defaultdict(list)
    for index, name in enumerate(names):
        for reading in (name, name.bare):
            if reading is None or not reading.words:
                continue
            by_text[reading.text].append(index)
            by_words["".join(sorted(reading.synonyms))].append(index)
            by_words["".join(sorted(reading.folded))].append(index)
    pairs = {
        (min(a, b), max(a, b))
        for group in by_words.values()
        for a in group
        for b in group
        if a != b
    }
    texts = list(by_text)
    for i, left in enumerate(texts):
        for right in texts[i + 1 :]:
            if Levenshtein.distance(left, right) <= finder.max_distance:
                pairs.update(
                    (min(a, b), max(a, b)) for a in by_text[left] for b in by_text[right] if a != b
                )
    first_of_family: dict[tuple[str, ...], int] = {}
    for index, family in enumerate(families):
        first_of_family.setdefault(family, index)
    found: dict[int, tuple[int, str]] = {}
    for first, second in sorted(pairs):
        if families[first] == families[second] or second in found:
            continue
        if first_of_family[families[second]] != second:
            continue
        reason = finder._why_pair(names[first], names[second])
        if reason is not None:
            found[second] = (first, reason)
    return found


@pytest.mark.parametrize("max_distance", [1, 2, 3])
@pytest.mark.parametrize("plan", range(len(PLANS)))
def test_blocking_finds_every_pair_within_the_distance(plan: int, max_distance: int) -> None:
    texts = sorted({name.lower().replace("_", " ") for name in PLANS[plan]}, key=len)
    expected = {
        (i, j)
        for j, right in enumerate(texts)
        for i, left in enumerate(texts[:j])
        if Levenshtein.distance(left, right) <= max_distance
    }
    found = list(close_pairs(texts, max_distance))
    assert len(found) == len(set(found))  # each pair once
    assert set(found) == expected
    assert len(expected) >= 4  # the plans have close names: the comparison is not empty


@pytest.mark.parametrize("plan", range(len(PLANS)))
def test_findings_are_those_of_comparing_every_pair(plan: int) -> None:
    finder, events = _finder(), _events(PLANS[plan])
    expected = _all_pairs_find(finder, events)
    assert finder.find(events) == expected
    assert len(expected) >= 10


def test_a_hostile_plan_of_numbered_names_stays_bounded() -> None:
    """Every name within two edits of hundreds of others: the candidates per name are
    capped (blocking parts shared by more than 256 names keep their first ones), so the
    run finishes and still reports the plain cases."""
    names = [f"event_{number:05d}" for number in range(5_000)]
    found = _finder().find(_events(names))
    assert found[1] == (0, "1 edit apart")
    assert found[1234] == (123, "2 edits apart")  # 01234 ~ 00123: the first one alike
    assert len(found) > len(names) // 2
