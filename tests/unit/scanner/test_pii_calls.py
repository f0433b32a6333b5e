"""The call-site halves of EV301/EV302 (``rules/code.py``), as the PII rules yield them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from evdict.api import load_plan
from evdict.config import load_config
from evdict.rules.context import RuleContext
from evdict.rules.pii import (
    PiiProperty,
    PiiUnhashed,
    PiiValue,
    pii_names_sent,
    pii_values_sent,
)
from evdict.rules.registry import Rule
from evdict.scanner.engine import scan_project
from tests.conftest import WriteFiles

FILES = {
    "evdict.yaml": "plan: [events.yaml]\n",
    "events.yaml": """
        events:
          signup_completed:
            properties:
              email_hash: {type: string, pii: hashed}
              plan_tier: {type: string}
        """,
    "app.py": """
        import analytics

        analytics.track(
            uid,
            "signup_completed",
            {"email_hash": digest, "user_email": user.email, "plan_tier": "free", "phone_verified": True},
        )
        analytics.track(uid, "invite_sent", {"invitee": "maria.lopez@gmail.com", "cc": "jane@example.com"})
        """,
}


def context(root: Path) -> RuleContext:
    config = load_config(root / "evdict.yaml")
    inventory = scan_project(config, use_cache=False)
    return RuleContext(config, load_plan(config, use_cache=False), inventory, full_scan=True)


def test_personal_data_names_sent_without_a_pii_declaration(write: WriteFiles) -> None:
    ctx = context(write(**FILES))
    found = [
        f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}"
        for d in pii_names_sent(ctx, PiiProperty())
    ]
    assert found == [
        "app.py:6:28: EV301 call sends property `user_email` to event `signup_completed`: it looks "
        "like personal data (contact: email address) and the plan does not declare it"
    ]


def test_literal_personal_data_values_but_not_documentation_ones(write: WriteFiles) -> None:
    ctx = context(write(**FILES))
    found = [
        f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}"
        for d in pii_values_sent(ctx, PiiValue())
    ]
    assert found == [
        "app.py:8:49: EV302 call sends a literal personal-data value 'm***@gmail.com' "
        "(contact: email address) as property `invitee` of event `invite_sent`"
    ]


# The plan halves' findings on FILES plus PLAN_FINDINGS, which ``calls_only`` leaves out.
PLAN_FINDINGS = """
        properties:
          home_address: {type: string}
          contact_email: {type: string, pii: allowed, pii_reason: CRM, examples: [maria.lopez@gmail.com]}
          email_sha: {type: string, pii: hashed, examples: [jane@example.com]}
        """


@pytest.mark.parametrize(
    ("rule", "at_calls", "in_plan"),
    [
        (PiiProperty, ["app.py:6:28"], ["events.yaml:2:3"]),
        (PiiValue, ["app.py:8:49"], ["events.yaml:3:75"]),
        (PiiUnhashed, [], ["events.yaml:4:53"]),
    ],
)
def test_judging_calls_only_runs_the_call_site_half_alone(
    write: WriteFiles, rule: type[Rule], at_calls: list[str], in_plan: list[str]
) -> None:
    """``evdict validate`` judges payloads with ``calls_only``: the plan's own findings,
    ``evdict lint``'s, are not looked for once a batch of payloads."""
    ctx = context(write(**{**FILES, "events.yaml": PLAN_FINDINGS + FILES["events.yaml"]}))
    found = [f"{d.path}:{d.line}:{d.column}" for d in rule().check(ctx)]
    assert found == at_calls + in_plan
    only = [f"{d.path}:{d.line}:{d.column}" for d in rule().check(replace(ctx, calls_only=True))]
    assert only == at_calls
