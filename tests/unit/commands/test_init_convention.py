"""``init --from-code`` writes the naming convention most event names follow."""

from __future__ import annotations

from tests.conftest import RunCli, WriteFiles

POSTHOG_CODE = """\
import posthog


def events(user):
    posthog.capture(user, "billing:checkout_start")
    posthog.capture(user, "billing:plan_upgrade")
    posthog.capture(user, "insights:dashboard_share")
    posthog.capture(user, "surveys:poll_close")
    posthog.capture(user, "onboarding:space_setup")
    posthog.capture(user, "account:account_deletion_schedule")
    posthog.capture(user, "auth:user_signed_up")
    posthog.capture(user, "$pageview")
"""


def test_from_code_writes_the_category_present_tense_convention(
    write: WriteFiles, run: RunCli
) -> None:
    root = write(**{"app/events.py": POSTHOG_CODE})
    result = run("init", "--from-code")
    assert result.exit_code == 0, result.output
    config = (root / "evdict.yaml").read_text(encoding="utf-8")
    assert (
        "  events:\n"
        "    case: snake_case  # 7 of 7 names found in the code\n"
        "    grammar: object_action  # 6 of 7 names are category:object_action"
        " in the present tense\n"
        "    tense: present\n"
        '    category: {separator: ":", required: true}\n'
        "    # suffix: Event\n"
        "    # extra_verbs: [onboarded]\n"
    ) in config
    assert "# tense:" not in config
    assert "# category:" not in config
    # The first lint shows only the name that strays from the team's own convention.
    findings = run("lint", "--select", "EV101,EV102", "-q").output.splitlines()
    assert [line.split(": ", 1)[1] for line in findings if "EV10" in line] == [
        "EV102 [warning] `auth:user_signed_up`: 'signed' is in the past tense, not the present;"
        " e.g. `auth:user_sign_up`"
    ]


def test_from_code_keeps_the_default_grammar_when_no_clear_majority(
    write: WriteFiles, run: RunCli
) -> None:
    code = """\
import posthog


def events(user):
    posthog.capture(user, "checkout_started")
    posthog.capture(user, "plan_upgrade")
    posthog.capture(user, "api_error")
"""
    root = write(**{"app/events.py": code})
    assert run("init", "--from-code").exit_code == 0
    config = (root / "evdict.yaml").read_text(encoding="utf-8")
    assert "    grammar: object_action\n" in config
    assert "\n    tense:" not in config


def test_from_code_writes_the_categories_of_a_closed_set(write: WriteFiles, run: RunCli) -> None:
    names = [f"billing:plan_{n}_upgrade" for n in range(12)]
    names += [f"auth:user_{n}_login" for n in range(8)]
    names += ["no:dashboard_share"]  # a category YAML would read as false, unquoted
    calls = "".join(f'    posthog.capture(user, "{name}")\n' for name in names)
    root = write(**{"app/events.py": f"import posthog\n\n\ndef events(user):\n{calls}"})
    assert run("init", "--from-code").exit_code == 0
    config = (root / "evdict.yaml").read_text(encoding="utf-8")
    assert (
        "    grammar: object_action  # 21 of 21 names are category:object_action"
        " in the present tense\n"
        "    tense: present\n"
        "    category:\n"
        '      separator: ":"\n'
        "      required: true\n"
        "      values:  # a closed set: 1 of 21 names have a category no other name has\n"
        '        - "auth"\n'
        '        - "billing"\n'
        '        - "no"\n'
    ) in config
    # The config reads back, the "no" category a string: no name found is flagged.
    assert run("lint", "--select", "EV102", "-q").exit_code == 0


def test_from_code_writes_the_suffix_every_name_ends_with(write: WriteFiles, run: RunCli) -> None:
    """chroma's PostHog events, named by their classes: `CollectionAddEvent`."""
    names = ["CollectionAdd", "CollectionDelete", "CollectionQuery", "ServerStart", "ClientStart"]
    calls = "".join(f'    posthog.capture(user, "{name}Event")\n' for name in names)
    calls += '    posthog.capture(user, "CollectionDeletedEvent")\n'
    root = write(**{"app/events.py": f"import posthog\n\n\ndef events(user):\n{calls}"})
    assert run("init", "--from-code").exit_code == 0
    config = (root / "evdict.yaml").read_text(encoding="utf-8")
    assert (
        "    case: PascalCase  # 6 of 6 names found in the code\n"
        "    grammar: object_action  # 5 of 6 names are object_action in the present tense,"
        " then Event\n"
        "    tense: present\n"
        '    suffix: "Event"  # read past by the grammar\n'
        '    # category: {separator: ":", values: [billing, auth], required: false}\n'
        "    # extra_verbs: [onboarded]\n"
    ) in config
    assert "# tense:" not in config
    findings = run("lint", "--select", "EV101,EV102", "-q").output.splitlines()
    assert [line.split(": ", 1)[1] for line in findings if "EV10" in line] == [
        "EV102 [warning] `CollectionDeletedEvent`: 'deleted' is in the past tense, not the"
        " present; e.g. `CollectionDeleteEvent`"
    ]


API_CODE = """\
import posthog


def events(user):
    posthog.capture(user, "agent-task-created")
    posthog.capture(user, "agent-task-cancelled")
    posthog.capture(user, "agent-run-retried")
    posthog.capture(user, "workflow-created")
    posthog.capture(user, "workflow-deleted")
    posthog.capture(user, "webhook_received")
"""
WEB_CODE = """\
import posthog from "posthog-js";

posthog.capture("onboarding.tour_started");
posthog.capture("onboarding.tour_skipped");
posthog.capture("record_browser.capture_paused");
posthog.capture("retry_created");
posthog.capture("mcp_tool_call");
"""


def test_from_code_accepts_two_cases_one_per_part_of_the_product(
    write: WriteFiles, run: RunCli
) -> None:
    root = write(**{"api/app/events.py": API_CODE, "web/src/events.js": WEB_CODE})
    result = run("init", "--from-code")
    assert result.exit_code == 0, result.output
    assert (
        "event names follow two conventions, one per part of the product: kebab-case in api/"
        " (5 of 6 names), snake_case in web/ (5 of 5 names): evdict.yaml accepts both\n"
    ) in result.output
    config = (root / "evdict.yaml").read_text(encoding="utf-8")
    assert (
        '    case: ["kebab-case", "snake_case"]  # one per part of the product: kebab-case in'
        " api/ (5 of 6 names); snake_case in web/ (5 of 5 names)\n"
    ) in config
    # Each part's names pass; only the one in neither style would be flagged.
    findings = run("lint", "--select", "EV101", "-q").output.splitlines()
    assert [line for line in findings if "EV101" in line] == []


def test_from_code_keeps_one_case_when_the_parts_share_it(write: WriteFiles, run: RunCli) -> None:
    root = write(
        **{
            "api/app/events.py": API_CODE,
            "web/src/events.js": (
                'import posthog from "posthog-js";\n\n'
                + "".join(
                    f'posthog.capture("{name}");\n'
                    for name in ("tour-started", "tour-skipped", "capture-paused", "retry-created")
                )
                + 'posthog.capture("mcpToolCall");\n'
            ),
        }
    )
    result = run("init", "--from-code")
    assert result.exit_code == 0, result.output
    assert "two conventions" not in result.output
    assert "    case: kebab-case  # 9 of 11 names found in the code\n" in (
        root / "evdict.yaml"
    ).read_text(encoding="utf-8")
