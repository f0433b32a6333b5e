"""Inferring the naming convention a product's event names follow."""

from __future__ import annotations

import pytest

from evdict.names.case_areas import two_conventions
from evdict.names.convention import (
    CategorySet,
    FoundConvention,
    closed_categories,
    closest_convention,
    infer_convention,
    strip_prefix,
)

POSTHOG = [
    "billing:checkout_start",
    "billing:plan_upgrade",
    "insights:dashboard_share",
    "surveys:poll_close",
    "onboarding:space_setup",
    "account:account_deletion_schedule",
    "auth:user_login",
    "auth:user_signed_up",
]


def test_posthog_category_object_action_present() -> None:
    found = infer_convention(POSTHOG)
    assert found == FoundConvention("object_action", "present", ":", 7, 8)
    assert found.describe() == "7 of 8 names are category:object_action in the present tense"


def test_past_tense_object_action_is_the_default_on_a_tie() -> None:
    names = ["report_exported", "contact_enriched", "workflow_run", "job_set"]
    assert infer_convention(names) == FoundConvention("object_action", "past", None, 4, 4)


def test_present_tense_without_category() -> None:
    names = ["dashboard_share", "poll_close", "space_setup", "report_export", "api_error"]
    found = infer_convention(names)
    assert found == FoundConvention("object_action", "present", None, 4, 5)
    assert found.describe() == "4 of 5 names are object_action in the present tense"


def test_ga4_action_object_present() -> None:
    names = ["add_to_cart", "view_item", "select_promotion", "begin_checkout", "purchase"]
    found = infer_convention(names)
    assert found is not None
    assert (found.grammar, found.tense, found.separator) == ("action_object", "present", None)


@pytest.mark.parametrize("separator", ["/", "."])
def test_other_separators(separator: str) -> None:
    names = [name.replace(":", separator) for name in POSTHOG]
    found = infer_convention(names)
    assert found is not None
    assert (found.tense, found.separator) == ("present", separator)


def test_dot_case_names_are_not_categories() -> None:
    found = infer_convention(["order.completed", "report.exported", "user.signed.up"])
    assert found is not None
    assert found.separator is None


def test_a_namespace_before_snake_case_words_is_a_category_though_some_have_two() -> None:
    # mem0's names: `client.` or `mem0.` before a method's name, a few with a sub-namespace.
    names = [
        *(f"client.{name}" for name in ("add", "delete", "get_all", "search", "update")),
        *(f"mem0.{name}" for name in ("add", "delete", "get_all", "search", "reset")),
        "client.project.create",
    ]
    found = infer_convention(names)
    assert found is not None
    assert found.separator == "."
    # Without a word written otherwise between the dots, they are dot.case.
    assert _separator_of(["order.completed", "user.signed.up", "report.exported"]) is None


def _separator_of(names: list[str]) -> str | None:
    found = infer_convention(names)
    return found.separator if found is not None else None


def test_no_clear_majority_writes_nothing() -> None:
    assert infer_convention(["checkout_started", "plan_upgrade", "api_error"]) is None
    assert infer_convention([]) is None


def test_the_closest_convention_is_found_however_few_names_fit() -> None:
    names = ["checkout_started", "plan_upgrade", "api_error"]
    assert closest_convention(names) == FoundConvention("object_action", "past", None, 1, 3)
    # ploomber-core's generated names (jupysql): product, action, outcome.
    jupysql = ["jupysql-execute-success", "jupysql-execute-error", "jupysql-bar-success"]
    assert closest_convention(jupysql) == FoundConvention("object_action", "past", None, 0, 3)
    assert closest_convention([]) is None


CHROMA = [
    "ClientCreateCollectionEvent",
    "ClientStartEvent",
    "CollectionAddEvent",
    "CollectionDeleteEvent",
    "CollectionGetEvent",
    "CollectionQueryEvent",
    "CollectionUpdateEvent",
    "ServerStartEvent",
]


def test_a_suffix_all_names_end_with_is_read_past() -> None:
    found = infer_convention(CHROMA)
    assert found == FoundConvention("object_action", "present", None, 7, 8, suffix="Event")
    assert found.describe() == "7 of 8 names are object_action in the present tense, then Event"


def test_a_suffix_after_a_category_as_the_names_write_it() -> None:
    names = [f"{area}:{name}_event" for area in ("billing", "auth") for name in CHROMA_SNAKE]
    found = infer_convention(names)
    assert found is not None
    assert (found.separator, found.tense, found.suffix) == (":", "present", "event")


CHROMA_SNAKE = ["collection_add", "collection_delete", "server_start", "client_start", "query_run"]


@pytest.mark.parametrize(
    "names",
    [
        # The action most names share is their action, not a suffix.
        ["button_clicked", "link_clicked", "menu_clicked", "tab_clicked", "signup_completed"],
        # Too few names to tell a suffix from a coincidence.
        ["CollectionAddEvent", "ServerStartEvent", "ClientStartEvent", "QueryRunEvent"],
        # A suffix whose names, read past it, are still no majority of one convention.
        ["report_export_failed_event", "job_run_event", "x_event", "y_event", "z_event"],
    ],
)
def test_no_suffix(names: list[str]) -> None:
    found = infer_convention(names)
    assert found is None or found.suffix is None


def test_strip_prefix() -> None:
    assert strip_prefix("billing:checkout_start", ":") == "checkout_start"
    assert strip_prefix("checkout_start", ":") is None
    assert strip_prefix(":checkout", ":") is None
    assert strip_prefix("checkout_start", None) == "checkout_start"


def _categorised(counts: dict[str, int]) -> list[str]:
    return [f"{category}:item_{n}_open" for category, count in counts.items() for n in range(count)]


def test_categories_a_closed_set_are_its_values() -> None:
    # 20 names, one category seen once: a 1 in 20 chance the next name brings a new one.
    names = _categorised({"billing": 10, "auth": 9, "surveys": 1})
    assert closed_categories(names, ":") == CategorySet(("auth", "billing", "surveys"), 1, 20)
    found = infer_convention(names)
    assert found is not None
    assert found.categories == CategorySet(("auth", "billing", "surveys"), 1, 20)
    assert found.categories.describe() == "1 of 20 names have a category no other name has"


def test_categories_not_a_closed_set_have_no_values() -> None:
    # Two categories seen once in 20 names: over a 1 in 20 chance of a new one.
    assert closed_categories(_categorised({"billing": 10, "auth": 8, "a": 1, "b": 1}), ":") is None
    # Too few names to tell, however often each category repeats.
    assert closed_categories(_categorised({"billing": 10, "auth": 9}), ":") is None
    assert infer_convention(POSTHOG) == FoundConvention("object_action", "present", ":", 7, 8)


def test_a_simple_majority_writes_the_convention() -> None:
    # 3 of 5 in the present tense: more than half, so written; 2 of 4 is not.
    names = ["dashboard_share", "poll_close", "report_export", "api_error", "checkout_started"]
    found = infer_convention(names)
    assert found == FoundConvention("object_action", "present", None, 3, 5)
    assert infer_convention(["dashboard_share", "poll_close", "api_error", "job_error"]) is None


def test_two_conventions_need_two_areas_of_enough_names_each() -> None:
    api = [(f"task-{index}-created", "api/tasks.py") for index in range(60)]
    web = [(f"tour_{index}_started", "apps/web/tour.ts") for index in range(7)]
    names = {name for name, _ in api + web}
    found = two_conventions(api + web, names)
    assert found is not None
    assert [(style.style, style.fitting, style.names, style.areas) for style in found] == [
        ("kebab-case", 60, 60, ("api",)),
        ("snake_case", 7, 7, ("apps/web",)),
    ]
    # A second style under a tenth of the names is drift, not a convention.
    assert two_conventions(api * 2 + web[:5], names) is None
    # So is one area of too few names, and one part alone.
    assert two_conventions(api + web[:4], {name for name, _ in api + web[:4]}) is None
    assert two_conventions(api, {name for name, _ in api}) is None
