from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from evdict.docs.slugs import assign_slugs, slugify

SAFE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def test_readable_names_keep_readable_slugs() -> None:
    assert assign_slugs(["signup_completed", "Order Completed", "$pageview", "a/b"]) == {
        "signup_completed": "signup_completed",
        "Order Completed": "order-completed",
        "$pageview": "pageview",
        "a/b": "a-b",
    }


def test_names_that_fold_together_get_a_hash_each() -> None:
    slugs = assign_slugs(["Order Completed", "order completed", "ORDER-COMPLETED"])
    assert len(set(slugs.values())) == 3
    assert all(slug.startswith("order-completed-") for slug in slugs.values())


def test_names_without_ascii_letters_and_device_names() -> None:
    slugs = assign_slugs(["..", ".", "注文完了", "CON", "nul"])
    assert len(set(slugs.values())) == 5
    assert all(slug.startswith("entry-") for slug in slugs.values())
    assert slugify("Café Ordered") == "cafe-ordered"


def test_a_slug_does_not_change_when_other_events_come_and_go() -> None:
    alone = assign_slugs(["Order Completed", "order completed"])
    more = assign_slugs(["Order Completed", "order completed", "x", "..", "y/z"])
    assert {name: more[name] for name in alone} == alone


def test_a_name_shaped_like_a_hashed_slug_does_not_collide() -> None:
    first = assign_slugs(["a b", "A B"])
    names = ["a b", "A B", *first.values()]
    slugs = assign_slugs(names)
    assert len(set(slugs.values())) == len(names)


@given(st.lists(st.text(min_size=1, max_size=300), max_size=30))
def test_slugs_are_safe_and_unique_whatever_the_names(names: list[str]) -> None:
    slugs = assign_slugs(names)
    assert set(slugs) == set(names)
    assert len(set(slugs.values())) == len(slugs)
    # Unique even on a case-insensitive file system, and safe in any URL or path.
    assert len({slug.lower() for slug in slugs.values()}) == len(slugs)
    assert all(SAFE.match(slug) and len(slug) <= 128 for slug in slugs.values())
