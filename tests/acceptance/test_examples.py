"""The bundled examples: acme-enrich is clean, messy shows what every rule catches."""

from __future__ import annotations

import subprocess
import sys
from functools import cache
from pathlib import Path

from evdict.api import Options, check
from evdict.rules import all_rules
from tests.conftest import EXAMPLES


def test_acme_enrich_is_clean() -> None:
    result = check(Options(paths=(EXAMPLES / "acme-enrich",)))
    assert [f"{d.path}:{d.line}: {d.code} {d.message}" for d in result.diagnostics] == []
    assert result.exit_code == 0


def test_messy_shows_every_rule() -> None:
    """Every rule but those only `evdict diff` runs (EV701) and the opt-in ones, which
    `ALL` does not select (EV609: tests/rules/cases), fires on the messy example."""
    result = check(Options(paths=(EXAMPLES / "messy",)))
    found = {d.code for d in result.diagnostics}
    expected = {rule.code for rule in all_rules() if rule.scope != "diff" and not rule.opt_in}
    assert "EV609" in {rule.code for rule in all_rules()} - expected
    assert expected - found == set()
    assert result.exit_code == 1


# One finding per code rule (and the call-site halves of EV301/EV302), each at the call
# site `examples/messy/backend/` comments with its code.
MESSY_CODE_FINDINGS = [
    "backend/enrich/enrichment.py:17:40: EV601 event `enrichment_started` was renamed to "
    "`enrichment_run_started`: track `enrichment_run_started`",
    "backend/enrich/enrichment.py:36:40: EV601 event `contact_enrihced` is not declared in the "
    "plan (did you mean `contact_enriched` or `contacts_enriched` or "
    "`contact_enrichment_completed`?)",
    "tracking-plan/friction.yaml:17:3: EV602 event `payment_failed` is declared active but no "
    "code tracks it",
    "backend/enrich/enrichment.py:64:13: EV603 property `providers` is not declared for event "
    "`enrichment_settings_changed` (did you mean `provider`?)",
    "backend/enrich/signup.py:37:5: EV604 event `signup_completed` is missing required property "
    "`plan_tier`",
    "backend/enrich/enrichment.py:30:44: EV605 value of property `credits_used` of event "
    "`contact_enriched` breaks its schema: '0' is not of type 'integer'",
    "backend/enrich/signup.py:30:78: EV605 value of property `signup_method` of event "
    "`signup_completed` breaks its schema: 'github' is not one of ['google', 'email', 'sso']",
    "backend/enrich/enrichment.py:41:40: EV606 event name cannot be resolved statically: "
    "one of 'contact_enrichment_completed', 'contacts_enriched'",
    "backend/enrich/enrichment.py:46:40: EV606 event name cannot be resolved statically: "
    "an f-string starting with 'enrichment_'",
    "backend/enrich/enrichment.py:53:40: EV607 event `bulk_lookup_completed` is deprecated "
    "since 2026-03: track `contact_enrichment` instead",
    "backend/enrich/billing.py:14:1: EV608 does not parse: invalid syntax; its tracking calls "
    "are not checked",
    "backend/enrich/enrichment.py:67:42: EV901 'evdict: ignore[EV603]' suppresses nothing",
    "backend/enrich/signup.py:20:13: EV301 call sends property `email` to event "
    "`signup_completed`: it looks like personal data (contact: email address) and the plan "
    "does not declare it",
    "backend/enrich/signup.py:49:20: EV302 call sends a literal personal-data value "
    "'m***@acmeenrich.io' (contact: email address) as property `tester` of event "
    "`test_event_fired`",
]


@cache
def messy_findings() -> frozenset[str]:
    """`path:line:col: CODE message` of every finding on the messy example, paths relative
    to it (checked once for the tests that read it)."""
    messy = (EXAMPLES / "messy").resolve()
    result = check(Options(paths=(messy,)))
    return frozenset(
        f"{Path(d.path).resolve().relative_to(messy).as_posix()}:{d.line}:{d.column}: "
        f"{d.code} {d.message}"
        for d in result.diagnostics
    )


def test_messy_code_findings_are_where_the_comments_say() -> None:
    lines = messy_findings()
    assert [line for line in MESSY_CODE_FINDINGS if line not in lines] == []
    # The relay's `# evdict: ignore[EV606]` suppresses its dynamic name, and is used.
    assert [line for line in lines if line.startswith("backend/enrich/app.py:52:")] == []


# Every finding from the React front end `examples/messy/web/`, which shows the code rules
# from JS/TS: posthog-js directly and through the inferred `useTrack()` hook, and the
# Segment snippet's global in a plain script.
MESSY_WEB_FINDINGS = [
    "web/src/legacy/support-widget.js:18:30: EV601 event `support_chat_open` is not declared "
    "in the plan (did you mean `support_chat_opened`?)",
    "web/src/legacy/support-widget.js:22:55: EV603 property `agent` is not declared for event "
    "`support_chat_opened`",
    "web/src/legacy/support-widget.js:22:62: EV302 call sends a literal personal-data value "
    "'s***@acmeenrich.io' (contact: email address) as property `agent` of event "
    "`support_chat_opened`",
    "web/src/pages/Billing.tsx:14:5: EV603 property `workspace_id` is not declared for event "
    "`billing_page_visited` (added by inferred wrapper useTrack())",
    "web/src/pages/Billing.tsx:15:13: EV608 syntax error: missing `)`; its other tracking calls "
    "are still checked",
    "web/src/pages/BulkLookup.tsx:8:5: EV603 property `workspace_id` is not declared for event "
    "`bulk_lookup_completed` (added by inferred wrapper useTrack())",
    "web/src/pages/BulkLookup.tsx:8:11: EV607 event `bulk_lookup_completed` is deprecated since "
    "2026-03: track `contact_enrichment` instead",
    "web/src/pages/Contacts.tsx:22:48: EV605 value of property `source` of event "
    "`contact_enriched` breaks its schema: 'linkedin' is not one of ['csv', 'api', 'hubspot']",
    "web/src/pages/Contacts.tsx:31:11: EV606 event name cannot be resolved statically: "
    "a template literal starting with 'enrichment_'",
    "web/src/pages/EnrichmentSettings.tsx:27:7: EV603 property `max_credit` is not declared for "
    "event `enrichment_settings_changed` (did you mean `max_credits`?)",
    "web/src/pages/Signup.tsx:24:18: EV605 value of property `plan_tier` of event "
    "`signup_completed` breaks its schema: 'trial' is not one of ['free', 'starter', 'growth', "
    "'enterprise']",
    "web/src/pages/Signup.tsx:26:7: EV301 call sends property `email` to event "
    "`signup_completed`: it looks like personal data (contact: email address) and the plan "
    "does not declare it",
    "web/src/pages/Signup.tsx:26:7: EV603 property `email` is not declared for event "
    "`signup_completed`",
    "web/src/pages/Signup.tsx:48:8: EV901 'evdict: ignore[EV601]' suppresses nothing",
    "web/src/pages/Signup.tsx:49:5: EV604 event `signup_completed` is missing required property "
    "`plan_tier`",
]


def test_messy_web_findings_are_exactly_these() -> None:
    """Nothing more: the correct call (enrichment_run_started, Contacts.tsx:27) and the rest
    of the web app are not flagged."""
    web_lines = sorted(line for line in messy_findings() if line.startswith("web/"))
    assert web_lines == sorted(MESSY_WEB_FINDINGS)


def test_messy_web_shows_every_code_rule_from_js_and_ts() -> None:
    code_rules = {"EV601", "EV603", "EV604", "EV605", "EV606", "EV607", "EV608", "EV901"}
    pii_rules = {"EV301", "EV302"}
    from_js_ts = {
        line.split(": ", 2)[1].split(" ", 1)[0]
        for line in messy_findings()
        if line.split(":", 1)[0].endswith((".ts", ".tsx", ".js"))
    }
    assert (code_rules | pii_rules) - from_js_ts == set()


def test_messy_as_a_subprocess_exits_1_with_located_findings() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "evdict", "check", str(EXAMPLES / "messy")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1
    assert "Traceback" not in completed.stderr
    lines = completed.stdout.splitlines()
    assert any(
        line.endswith(
            "growth.yaml:18:3: EV102 [warning] `weekly_login`: ends in 'login', "
            "not a past-tense verb; e.g. `user_logged_in`"
        )
        for line in lines
    )
