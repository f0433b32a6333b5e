from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evdict.names.case import (
    CASE_STYLES,
    acronyms,
    detect_case,
    majority_case,
    matches_case,
    restyled,
    split_words,
    to_case,
)
from evdict.names.grammar import GrammarProblem, Vocabulary
from evdict.names.lexicon import action_verb, lemma_words, past_lemma_of, split_compound
from evdict.names.namespace import split_namespaces

# The seed product's own event names: the default convention must accept all but one.
SEED_EVENTS = [
    "signup_completed",
    "first_contact_imported",
    "first_enrichment_run",
    "integration_connected",
    "workflow_created",
    "workflow_run",
    "api_called",
    "scheduled_job_set",
    "weekly_login",
    "data_pulled",
    "report_shared",
    "error_shown",
    "support_chat_opened",
    "billing_page_visited",
    "contact_enriched",
    "lead_imported",
    "report_exported",
]

# Realistic object_action names (SaaS, e-commerce, Segment spec, PostHog style).
OBJECT_ACTION_NAMES = [
    "user_signed_in",
    "password_reset_requested",
    "checkout_started",
    "order_completed",
    "coupon_applied",
    "video_played",
    "file_uploaded",
    "email_verified",
    "trial_started",
    "subscription_cancelled",
    "subscription_canceled",
    "onboarding_completed",
    "team_member_invited",
    "dashboard_viewed",
    "payment_failed",
    "export_downloaded",
    "contact_deduped",
    "record_upserted",
    "account_onboarded",
    "invoice_sent",
    "report_unarchived",
    "user_uninvited",
    "chart_shown",
    "invoice_paid",
    "data_set_created",
    "Order Completed",
    "Product Added to Wishlist",
    "Product List Viewed",
    "Checkout Step Viewed",
    "Application Backgrounded",
    "Email Marked as Spam",
    "Push Notification Tapped",
    "Wishlist Product Added to Cart",
    "user signed up",
    "userLoggedOut",
    "OAuth2Connected",
    "CSV Exported",
    "onboarding_checklist_item_completed_after_first_successful_import",
    "Push Notification Received",
    "Video Playback Seek Completed",
    "Session Timed Out",
    "Wallet Topped Up",
    "Two Factor Enabled",
    "KYC Verified",
    "Query Run",
    "Achievement Unlocked",
    "Appointment Rescheduled",
    "email_template_moved",
    "audit_log_exported",
]

# Names that break object_action: the reason, and the suggested words.
OBJECT_ACTION_PROBLEMS = [
    ("weekly_login", "ends in 'login', not a past-tense verb", ("user", "logged", "in")),
    ("user_signup", "ends in 'signup', not a past-tense verb", ("user", "signed", "up")),
    ("Sign Up", "ends in 'sign up', not a past-tense verb", ("user", "signed", "up")),
    ("user_checkout", "ends in 'checkout', not a past-tense verb", ("user", "checked", "out")),
    ("create_report", "opens with its verb 'create'", ("report", "created")),
    ("export_report", "opens with its verb 'export'", ("report", "exported")),
    ("Clicked Export Button", "opens with its verb 'clicked'", ("export", "button", "clicked")),
    ("enriched_contact", "opens with its verb 'enriched'", ("contact", "enriched")),
    (
        "add_product_to_cart",
        "opens with its verb 'add'",
        ("product", "added", "to", "cart"),
    ),
    (
        "add_to_cart",
        "opens with its verb 'add'; put the object first and the verb after it",
        None,
    ),
    ("Signed Up", "has no object before its verb 'signed up'", ("user", "signed", "up")),
    ("report_exported_shared", "has two verbs, 'exported' and 'shared'; keep one", None),
    (
        "Account Added User",
        "ends in 'user', not a past-tense verb; end it with the action in the past tense",
        None,
    ),
    ("weekly_logged_in", "'weekly' before 'logged in' is not an object", ("user", "logged", "in")),
    (
        "api_error",
        "ends in 'error', not a past-tense verb; end it with the action in the past tense",
        None,
    ),
    (
        "contact_sync",
        "ends in 'sync', not a past-tense verb; end it with the action in the past tense",
        None,
    ),
]


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return Vocabulary.of()


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("Order Completed", ["order", "completed"]),
        ("orderCompleted", ["order", "completed"]),
        ("order-completed", ["order", "completed"]),
        ("order.completed", ["order", "completed"]),
        ("APICalled", ["api", "called"]),
        ("oauth2_connected", ["oauth2", "connected"]),
        ("CSV Exported", ["csv", "exported"]),
        ("$pageview", ["pageview"]),
        ("[Amplitude] Page Viewed", ["amplitude", "page", "viewed"]),
    ],
)
def test_split_words(name: str, words: list[str]) -> None:
    assert split_words(name) == words


def test_acronyms_are_the_capitalised_words() -> None:
    assert acronyms("CSV Exported") == {"csv"}
    assert acronyms("APICalled") == {"api"}
    assert acronyms("Order Completed") == frozenset()


@pytest.mark.parametrize(
    ("style", "good", "bad"),
    [
        ("snake_case", ["api_called", "oauth2_connected", "step_2_done"], ["Api_called", "a__b"]),
        ("camelCase", ["apiCalled", "oauth2Connected", "exportCSV"], ["ApiCalled", "api_called"]),
        ("PascalCase", ["ApiCalled", "CSVExported"], ["apiCalled", "Api Called"]),
        (
            "Title Case",
            ["Order Completed", "Product Added to Wishlist", "CSV Exported", "User Signed In"],
            ["Order completed", "order Completed", "Order  Completed"],
        ),
        (
            "Sentence case",
            ["Order completed", "CSV exported", "Export to CSV"],
            ["Order Completed", "order completed"],
        ),
        ("kebab-case", ["order-completed", "oauth2-connected"], ["order_completed", "Order-x"]),
        ("dot.case", ["order.completed", "api.v2.called"], ["order_completed", "Order.x"]),
    ],
)
def test_case_styles(style: str, good: list[str], bad: list[str]) -> None:
    assert [name for name in good if not matches_case(name, style)] == []
    assert [name for name in bad if matches_case(name, style)] == []


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("snake_case", "csv_export_completed"),
        ("camelCase", "csvExportCompleted"),
        ("PascalCase", "CSVExportCompleted"),
        ("Title Case", "CSV Export Completed"),
        ("Sentence case", "CSV export completed"),
        ("kebab-case", "csv-export-completed"),
        ("dot.case", "csv.export.completed"),
    ],
)
def test_to_case_keeps_acronyms(style: str, expected: str) -> None:
    words = split_words("CSV Export Completed")
    assert to_case(words, style, acronyms("CSV Export Completed")) == expected
    assert matches_case(expected, style)


def test_to_case_round_trips_every_style() -> None:
    words = ["product", "added", "to", "wishlist"]
    for style in CASE_STYLES:
        assert split_words(to_case(words, style)) == words
    assert to_case(words, "Title Case") == "Product Added to Wishlist"


def test_detect_case() -> None:
    assert detect_case("order_completed") == "snake_case"
    assert detect_case("Order Completed") == "Title Case"
    assert detect_case("orderCompleted") == "camelCase"
    assert detect_case("$pageview") is None


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("sent", "send"),
        ("shown", "show"),
        ("set", "set"),
        ("run", "run"),
        ("resent", "resend"),
        ("deduped", "dedupe"),
        ("upserted", "upsert"),
        ("unarchived", "unarchive"),
        ("uninvited", "uninvite"),
        ("cancelled", "cancel"),
        ("login", None),
        ("signup", None),
        ("weekly", None),
        ("sacred", None),
    ],
)
def test_past_lemma(word: str, lemma: str | None) -> None:
    assert past_lemma_of(word) == lemma


def test_phrasal_compounds() -> None:
    assert split_compound("signup") == ("sign", "up")
    assert split_compound("checkout") == ("check", "out")
    assert split_compound("wagon") is None
    assert split_compound("button") is None


@pytest.mark.parametrize(
    ("word", "lemmas"),
    [
        ("reports", ("report",)),
        ("exported", ("export",)),
        ("signups", ("sign", "up")),
        ("login", ("log", "in")),
        ("logged", ("log",)),
        ("settings", ("setting",)),
        ("webhooks", ("webhook",)),
        ("status", ("status",)),
    ],
)
def test_lemma_words(word: str, lemmas: tuple[str, ...]) -> None:
    assert lemma_words(word) == lemmas


def test_seed_events_only_weekly_login_breaks_object_action(vocabulary: Vocabulary) -> None:
    failing = [name for name in SEED_EVENTS if vocabulary.object_action_problem(split_words(name))]
    assert failing == ["weekly_login"]


@pytest.mark.parametrize("name", OBJECT_ACTION_NAMES)
def test_realistic_names_pass_object_action(vocabulary: Vocabulary, name: str) -> None:
    assert vocabulary.object_action_problem(split_words(name)) is None


@pytest.mark.parametrize(("name", "reason", "suggestion"), OBJECT_ACTION_PROBLEMS)
def test_names_that_break_object_action(
    vocabulary: Vocabulary, name: str, reason: str, suggestion: tuple[str, ...] | None
) -> None:
    problem = vocabulary.object_action_problem(split_words(name))
    assert problem == GrammarProblem(reason, suggestion)
    if suggestion is not None:
        assert vocabulary.object_action_problem(list(suggestion)) is None


def test_extra_words_from_config() -> None:
    plain = Vocabulary.of()
    custom = Vocabulary.of(extra_verbs=["rerun"], extra_nouns=["login"])
    assert plain.object_action_problem(["workflow", "rerun"]) is None  # rerun: lexicon
    assert custom.past_lemma("rerun") == "rerun"
    assert plain.is_noun_head("login")
    assert custom.object_action_problem(["login"]) == GrammarProblem(
        "ends in 'login', not a past-tense verb; end it with the action in the past tense"
    )


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("enriched_contact", None),
        ("create_report", None),
        ("view_item", None),
        ("sign_up_user", None),
        (
            "contact_enriched",
            GrammarProblem("ends with its verb 'enriched'", ("enriched", "contact")),
        ),
        (
            "Product Added to Wishlist",
            GrammarProblem(
                "has its verb 'added' after its object", ("added", "product", "to", "wishlist")
            ),
        ),
        (
            "locale_used_in_workflow",
            GrammarProblem(
                "has its verb 'used' after its object", ("used", "locale", "in", "workflow")
            ),
        ),
        (
            "user_logged_in",
            GrammarProblem("ends with its verb 'logged in'", ("logged", "in", "user")),
        ),
        ("add_to_cart", None),
        ("purchase", GrammarProblem("has no object after its verb 'purchase'")),
        ("weekly_login", GrammarProblem("does not open with a verb ('weekly')")),
    ],
)
def test_action_object(vocabulary: Vocabulary, name: str, problem: GrammarProblem | None) -> None:
    assert vocabulary.action_object_problem(split_words(name)) == problem


def test_action_index(vocabulary: Vocabulary) -> None:
    assert vocabulary.action_index(["banner", "seen"], "object_action") == 1
    assert vocabulary.action_index(["scheduled", "job", "set"], "object_action") == 2
    assert vocabulary.action_index(["view", "item"], "action_object") == 0
    assert vocabulary.action_index(["weekly", "login"], "object_action") is None


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(st.from_regex(r"[a-z]{2,8}", fullmatch=True), min_size=1, max_size=5),
    style=st.sampled_from(CASE_STYLES),
)
def test_any_words_round_trip_through_every_style(words: list[str], style: str) -> None:
    name = to_case(words, style)
    assert matches_case(name, style)
    assert split_words(name) == words


@settings(max_examples=200, deadline=None)
@given(
    namespaces=st.lists(
        st.lists(st.from_regex(r"[a-z]{2,8}", fullmatch=True), min_size=1, max_size=3),
        min_size=1,
        max_size=4,
    ),
    separator=st.sampled_from([":", "/", ": ", " - ", "::"]),
    style=st.sampled_from(CASE_STYLES),
)
def test_namespaces_are_judged_and_restyled_each_on_its_own(
    namespaces: list[list[str]], separator: str, style: str
) -> None:
    name = separator.join(to_case(words, style) for words in namespaces)
    assert matches_case(name, style)
    assert restyled(name, style) == name
    # One namespace written in another style is restyled alone, the others kept.
    other = "camelCase" if style == "snake_case" else "snake_case"
    stray = separator.join([to_case(namespaces[0], other), *name.split(separator)[1:]])
    if not matches_case(stray, style):
        assert restyled(stray, style) == name


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(st.from_regex(r"[a-z]{2,8}", fullmatch=True), min_size=1, max_size=4),
    brand=st.sampled_from(["OpenAI", "GitHub", "VSCode", "iOS", "PostHog"]),
    at=st.integers(0, 4),
    style=st.sampled_from(["Title Case", "Sentence case"]),
    stray=st.sampled_from(["snake_case", "Title Case", "Sentence case"]),
)
def test_a_brand_stays_one_word_as_written_in_a_restyled_name(
    words: list[str], brand: str, at: int, style: str, stray: str
) -> None:
    written = to_case(words, stray).replace("_", " ").split(" ")
    name = " ".join([*written[:at], brand, *written[at:]])
    fixed = restyled(name, style)
    assert fixed is not None
    assert matches_case(fixed, style)
    assert brand in fixed.split(" ")


@settings(max_examples=300, deadline=None)
@given(name=st.text(max_size=40), style=st.sampled_from(CASE_STYLES))
def test_any_text_is_judged_without_error(name: str, style: str) -> None:
    fixed = restyled(name, style)
    assert fixed is None or isinstance(fixed, str)
    matches_case(name, style)


@pytest.mark.parametrize(
    ("noun", "verb"),
    [
        ("enrichment", "enrich"),
        ("invitation", "invite"),
        ("payment", "pay"),
        ("registration", "register"),
        ("cancellation", "cancel"),
        # words that are verbs themselves, or no noun of an action, stay unread
        ("invite", None),
        ("export", None),
        ("signal", None),
        ("report", None),
        ("station", None),
        ("apartment", None),
    ],
)
def test_action_verb(noun: str, verb: str | None) -> None:
    assert action_verb(noun) == verb


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Order Completed", "Checkout Started", "product_viewed"], ("Title Case", 2)),
        (["signup", "report_exported"], ("snake_case", 2)),  # a tie of one word goes to snake
        (["userSignedUp", "signup"], ("camelCase", 2)),
        (["mem0.add", "mem0.delete_all", "mem0.search"], ("dot.case", 2)),
        (["???", "$$"], None),
        ([], None),
    ],
)
def test_majority_case(names: list[str], expected: tuple[str, int] | None) -> None:
    assert majority_case(names) == expected


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("wandb_integration:scan_result:error", ("wandb_integration:scan_result:", "error", "")),
        ("App: User Sign Up", ("App: ", "User Sign Up", "")),
        (
            "Locale used in workflow - [Translations]",
            ("", "Locale used in workflow", " - [Translations]"),
        ),
        ("[Webhook] - Provider Webhook called", ("[Webhook] - ", "Provider Webhook called", "")),
        ("client.project.get_members", ("client.project.", "get_members", "")),
        ("mem0._create_procedural_memory", ("mem0.", "_create_procedural_memory", "")),
        ("product.viewed", ("", "product.viewed", "")),
        ("checkout_started", ("", "checkout_started", "")),
        ("[Tenants]", ("", "[Tenants]", "")),
    ],
)
def test_split_namespaces_reads_the_phrase_between_namespaces_and_tags(
    name: str, parts: tuple[str, str, str]
) -> None:
    assert split_namespaces(name) == parts
    assert "".join(parts) == name
