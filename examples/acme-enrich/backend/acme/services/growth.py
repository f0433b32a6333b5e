"""Signup, sign-in, onboarding and help: the growth team's events (PostHog)."""

from __future__ import annotations

from datetime import UTC, datetime

from acme.analytics import events
from acme.analytics.events import (
    ERROR_SHOWN,
    HELP_ARTICLE_OPENED,
    INVITATION_ACCEPTED,
    NPS_SURVEY_SUBMITTED,
    ONBOARDING_CHECKLIST_COMPLETED,
    ONBOARDING_STEP_SKIPPED,
    ONBOARDING_SURVEY_SUBMITTED,
    PRICING_PAGE_VIEWED,
    PRODUCT_TOUR_DISMISSED,
    SUPPORT_CHAT_OPENED,
    TEAMMATE_INVITED,
)
from acme.context import RequestContext
from acme.services.workspace_events import track_workspace_event

AUTH_METHODS = {"password": "email_password", "google": "google_sso", "microsoft": "microsoft_sso"}


def complete_signup(ctx: RequestContext, provider: str, utm: dict[str, str]) -> None:
    track_workspace_event(
        ctx,
        events.SIGNUP_COMPLETED,
        user_id=ctx.user_id,
        auth_method=AUTH_METHODS.get(provider, "saml_sso"),
        plan_tier=ctx.plan_tier,
        utm_source=utm.get("utm_source"),
        utm_campaign=utm.get("utm_campaign"),
    )


def create_workspace(ctx: RequestContext, workspace_count: int) -> None:
    track_workspace_event(
        ctx,
        events.WORKSPACE_CREATED,
        user_id=ctx.user_id,
        plan_tier="free",
        is_first_workspace=workspace_count == 1,
    )


def sign_in(ctx: RequestContext, provider: str, days_away: int | None) -> None:
    track_workspace_event(
        ctx,
        events.USER_SIGNED_IN,
        user_id=ctx.user_id,
        auth_method=AUTH_METHODS.get(provider, "saml_sso"),
        platform=ctx.platform,
        days_since_last_sign_in=days_away,
    )


def submit_onboarding_survey(ctx: RequestContext, team_size: str, use_case: str) -> None:
    track_workspace_event(
        ctx,
        ONBOARDING_SURVEY_SUBMITTED,
        user_id=ctx.user_id,
        team_size=team_size,
        primary_use_case=use_case,
    )


def update_checklist(ctx: RequestContext, done: set[str], skipped: set[str], step: str) -> None:
    now = datetime.now(UTC)
    if step in skipped:
        track_workspace_event(
            ctx,
            ONBOARDING_STEP_SKIPPED,
            user_id=ctx.user_id,
            onboarding_step=step,
            hours_since_signup=ctx.hours_since_signup(now),
        )
    if len(done | skipped) == 5:
        track_workspace_event(
            ctx,
            ONBOARDING_CHECKLIST_COMPLETED,
            user_id=ctx.user_id,
            hours_since_signup=ctx.hours_since_signup(now),
            skipped_step_count=len(skipped),
        )


def invite_teammates(ctx: RequestContext, role: str, invitees: list[str]) -> None:
    track_workspace_event(
        ctx,
        TEAMMATE_INVITED,
        user_id=ctx.user_id,
        user_role=ctx.user_role,
        invited_role=role,
        invite_count=len(invitees),
    )


def accept_invitation(ctx: RequestContext, invited_at: datetime) -> None:
    waited = datetime.now(UTC) - invited_at
    track_workspace_event(
        ctx,
        INVITATION_ACCEPTED,
        user_id=ctx.user_id,
        user_role=ctx.user_role,
        hours_to_accept=int(waited.total_seconds() // 3600),
    )


def dismiss_tour(ctx: RequestContext, tour_id: str, step: int) -> None:
    track_workspace_event(
        ctx, PRODUCT_TOUR_DISMISSED, user_id=ctx.user_id, tour_id=tour_id, tour_step=step
    )


def view_pricing(ctx: RequestContext, surface: str) -> None:
    track_workspace_event(
        ctx, PRICING_PAGE_VIEWED, plan_tier=ctx.plan_tier, referrer_surface=surface
    )


def open_help(ctx: RequestContext, article_id: str, page_path: str) -> None:
    track_workspace_event(
        ctx, HELP_ARTICLE_OPENED, user_id=ctx.user_id, article_id=article_id, page_path=page_path
    )


def open_support_chat(ctx: RequestContext, page_path: str, error_code: str | None) -> None:
    track_workspace_event(
        ctx,
        SUPPORT_CHAT_OPENED,
        user_id=ctx.user_id,
        plan_tier=ctx.plan_tier,
        page_path=page_path,
        chat_entry_point="error_message" if error_code else "help_menu",
        error_code=error_code,
    )


def submit_nps(ctx: RequestContext, score: int, comment: str) -> None:
    track_workspace_event(
        ctx,
        NPS_SURVEY_SUBMITTED,
        user_id=ctx.user_id,
        plan_tier=ctx.plan_tier,
        nps_score=score,
        has_comment=bool(comment.strip()),
    )


def report_error(ctx: RequestContext, code: str, page_path: str, surface: str) -> None:
    track_workspace_event(
        ctx,
        ERROR_SHOWN,
        user_id=ctx.user_id,
        error_code=code,
        page_path=page_path,
        error_surface=surface,
        is_retryable=code.startswith(("INT_", "ENR_")),
    )
