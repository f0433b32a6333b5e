"""The tense of an event name's action, and the convention EV102 holds names to."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evdict.names.case import split_words
from evdict.names.grammar import GrammarProblem, Vocabulary
from evdict.names.present import is_base_verb
from evdict.names.tense import action_index, grammar_problem

NAMES = [
    *("poll_close", "space_setup", "account_deletion_schedule", "account_deletion"),
    *("checkout_start", "dashboard_share", "export_report", "create_report", "weekly_login"),
    *("user_signup", "user_checkout", "user_signed_up", "poll_closed", "add_product_to_cart"),
    *("Clicked Export Button", "api_error", "contact_sync", "workflow_run", "logout"),
    *("trial_start", "file_upload", "billing_plan_upgrade", "feature_flag_toggle"),
    *("report_exported", "contact_enriched", "enriched_contact", "add_to_cart", "view_item"),
    *("Product Added to Wishlist", "purchase", "invoice_resend", "password_reset"),
    *("invite_accept", "people_create_click", "search_error", "project_task_list_create_task"),
    *("billing_pause_plan", "project_task_list_bulk_assign_me", "locked_edit_attempt"),
]
CONVENTIONS = list(
    itertools.product(("object_action", "action_object"), ("past", "present", "any"))
)


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return Vocabulary()


@pytest.mark.parametrize(("grammar", "tense"), CONVENTIONS)
def test_every_suggestion_follows_the_convention(
    vocabulary: Vocabulary, grammar: str, tense: str
) -> None:
    for name in NAMES:
        problem = grammar_problem(vocabulary, split_words(name), grammar, tense)
        if problem is not None and problem.suggestion is not None:
            fixed = list(problem.suggestion)
            assert grammar_problem(vocabulary, fixed, grammar, tense) is None, (name, fixed)


@pytest.mark.parametrize(
    "name",
    [
        "poll_close",
        "space_setup",
        "account_deletion_schedule",
        "checkout_start",
        "dashboard_share",
        "user_login",
        "workflow_run",
        "job_set",
        "product_add_to_cart",
        "Product Add to Wishlist",
    ],
)
def test_present_tense_object_action_passes(vocabulary: Vocabulary, name: str) -> None:
    assert grammar_problem(vocabulary, split_words(name), "object_action", "present") is None


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        (
            "poll_closed",
            GrammarProblem("'closed' is in the past tense, not the present", ("poll", "close")),
        ),
        (
            "user_signed_up",
            GrammarProblem(
                "'signed' is in the past tense, not the present", ("user", "sign", "up")
            ),
        ),
        (
            "account_deletion",
            GrammarProblem("ends in 'deletion', not a present-tense verb", ("account", "delete")),
        ),
        ("create_report", GrammarProblem("opens with its verb 'create'", ("report", "create"))),
        (
            "api_error",
            GrammarProblem(
                "ends in 'error', not a present-tense verb; "
                "end it with the action in the present tense"
            ),
        ),
    ],
)
def test_present_tense_problems(vocabulary: Vocabulary, name: str, problem: GrammarProblem) -> None:
    assert grammar_problem(vocabulary, split_words(name), "object_action", "present") == problem


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ("poll_close", ("poll", "closed")),
        ("space_setup", ("space", "set", "up")),
        ("account_deletion_schedule", ("account", "deletion", "scheduled")),
        ("account_deletion", ("account", "deleted")),
        ("checkout_start", ("checkout", "started")),
        ("billing_plan_upgrade", ("billing", "plan", "upgraded")),
        ("export_report", None),
        ("trial_start", None),
    ],
)
def test_past_tense_reads_noun_and_verb_words_with_the_lexicon(
    vocabulary: Vocabulary, name: str, suggestion: tuple[str, ...] | None
) -> None:
    problem = grammar_problem(vocabulary, split_words(name), "object_action", "past")
    assert problem is not None
    assert problem.suggestion == suggestion


def test_tense_any_accepts_either(vocabulary: Vocabulary) -> None:
    for name in ("dashboard_share", "dashboard_shared", "poll_close", "poll_closed"):
        assert grammar_problem(vocabulary, split_words(name), "object_action", "any") is None


def test_base_verbs(vocabulary: Vocabulary) -> None:
    assert all(is_base_verb(vocabulary, word) for word in ("close", "setup", "login", "run"))
    assert not any(is_base_verb(vocabulary, word) for word in ("closed", "dashboard", "up"))
    assert is_base_verb(Vocabulary.of(extra_verbs=["sync"]), "sync")
    assert not is_base_verb(Vocabulary.of(extra_nouns=["login"]), "login")


def test_action_index_in_the_present_tense(vocabulary: Vocabulary) -> None:
    assert action_index(vocabulary, ["banner", "view"], "object_action", "present") == 1
    assert action_index(vocabulary, ["banner", "viewed"], "object_action", "past") == 1
    assert action_index(vocabulary, ["view", "item"], "action_object", "present") == 0


def test_tense_any_names_no_tense(vocabulary: Vocabulary) -> None:
    assert grammar_problem(vocabulary, ["api", "error"], "object_action", "any") == GrammarProblem(
        "ends in 'error', not a verb; end it with the action last"
    )


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ("invite_accept", ("invite", "accepted")),
        ("people_create_click", ("people", "create", "clicked")),
        ("search_error", None),  # an error of a search, or searching errors: no guess
        ("create_report", ("report", "created")),
        ("clicked_bulk_delete", ("bulk", "delete", "clicked")),  # not clicked_bulk_deleted
    ],
)
def test_past_tense_weighs_the_verb_first_reading(
    vocabulary: Vocabulary, name: str, suggestion: tuple[str, ...] | None
) -> None:
    problem = grammar_problem(vocabulary, split_words(name), "object_action", "past")
    assert problem is not None
    assert problem.suggestion == suggestion


@pytest.mark.parametrize(
    "name",
    [
        "people_create_click",  # a click on the "create" button
        "invite_accept",
        "appsumo_client_portal_gated_click",
        "widget_copy_first_open",
        "login_with_google_click",
        "projects_unarchive_all",
        "account_deletion_schedule",
        "trial_convert",
        "pulse_drill_in",
        "saved_views_create",
        "template_use",
        "upload_fail",
    ],
)
def test_present_tense_weighs_noun_and_verb_readings(vocabulary: Vocabulary, name: str) -> None:
    assert grammar_problem(vocabulary, split_words(name), "object_action", "present") is None


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        (
            "project_task_list_create_task",
            GrammarProblem(
                "has its verb 'create' before its object 'task'",
                ("project", "task", "list", "task", "create"),
            ),
        ),
        (
            "billing_pause_plan",  # pause is a noun too: `billing_pause` could be one
            GrammarProblem(
                "has 'pause' before 'plan': a verb before its object, or a noun phrase with "
                "no action; end it with the action in the present tense"
            ),
        ),
        (
            "billing_current_bill",
            GrammarProblem(
                "ends in 'bill', a noun here, not a present-tense verb; "
                "end it with the action in the present tense"
            ),
        ),
        (
            "report_exported_share",
            GrammarProblem("has two verbs, 'exported' and 'share'; keep one"),
        ),
        (
            "click_signup_button",  # signup, written as one word before a noun, is a noun
            GrammarProblem(
                "has 'click' before 'signup button': a verb before its object, or a noun "
                "phrase with no action; end it with the action in the present tense"
            ),
        ),
        (
            "add_to_cart",
            GrammarProblem("opens with its verb 'add'; put the object first and the verb after it"),
        ),
        (
            "assign_me",  # a pronoun cannot open a name
            GrammarProblem(
                "opens with its verb 'assign'; put the object first and the verb after it"
            ),
        ),
    ],
)
def test_present_tense_verb_before_its_object(
    vocabulary: Vocabulary, name: str, problem: GrammarProblem
) -> None:
    assert grammar_problem(vocabulary, split_words(name), "object_action", "present") == problem


# Words of every kind the readings weigh: nouns, noun-and-verb words, action verbs,
# past-tense verbs, adjectives, particles, prepositions, quantifiers and pronouns.
_WORDS = [
    *("task", "plan", "report", "error", "people", "invite", "template", "click", "create"),
    *("update", "search", "login", "setup", "deletion", "clicked", "sent", "locked", "first"),
    *("weekly", "current", "gated", "up", "to", "with", "all", "me", "docs", "config"),
]


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(_WORDS), min_size=1, max_size=6),
    convention=st.sampled_from(CONVENTIONS),
)
def test_any_suggestion_follows_the_convention_it_is_made_for(
    words: list[str], convention: tuple[str, str]
) -> None:
    grammar, tense = convention
    problem = grammar_problem(Vocabulary(), words, grammar, tense)
    if problem is not None and problem.suggestion is not None:
        fixed = list(problem.suggestion)
        assert grammar_problem(Vocabulary(), fixed, grammar, tense) is None, (words, fixed)
