"""Signup: the growth team's events. Growth never moved to the team wrapper and calls
PostHog directly, in two SDK styles (before 6.0: ``capture(distinct_id, event, properties)``;
6.x: ``capture(event, distinct_id=..., properties=...)``)."""

from __future__ import annotations

import posthog

from enrich.constants import SIGNUP_COMPLETED


def complete_signup(user_id: str, workspace_id: str, email: str, method: str, tier: str) -> None:
    posthog.capture(
        user_id,
        SIGNUP_COMPLETED,
        {
            "workspace_id": workspace_id,
            "plan_tier": tier,
            "signup_method": method,
            "email": email,  # EV301 (and EV603): the user's address, undeclared, sent as is
        },
    )


def complete_github_signup(user_id: str, workspace_id: str) -> None:
    posthog.capture(
        user_id,
        SIGNUP_COMPLETED,
        # EV605: 'github' is not in signup_method's enum (google, email, sso)
        {"workspace_id": workspace_id, "plan_tier": "free", "signup_method": "github"},
    )


def accept_invitation(user_id: str, workspace_id: str) -> None:
    """An invited teammate signs up into an existing workspace."""
    # EV604: signup_completed requires plan_tier, and this call does not send it
    posthog.capture(
        SIGNUP_COMPLETED,
        distinct_id=user_id,
        properties={"workspace_id": workspace_id, "signup_method": "email"},
    )


def debug_signup_form(user_id: str) -> None:
    """Left over from debugging the signup form (test_event_fired in the plan)."""
    posthog.capture(
        user_id,
        "test_event_fired",
        {"tester": "maria.lopez@acmeenrich.io"},  # EV302 (and EV603): a real address in code
    )
