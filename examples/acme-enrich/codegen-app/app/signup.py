"""Signup and sign-in, tracked through the generated functions."""

from __future__ import annotations

from app.tracking import track_signup_completed, track_user_signed_in


def complete_signup(user_id: str, workspace_id: str) -> None:
    track_signup_completed(
        user_id=user_id,
        workspace_id=workspace_id,
        auth_method="google_sso",
        plan_tier="free",
        utm_source="linkedin",
    )


def sign_in(user_id: str, workspace_id: str) -> None:
    track_user_signed_in(
        user_id=user_id,
        workspace_id=workspace_id,
        auth_method="email_password",
        platform="web_app",
    )
