"""Automation workflows and their schedules: the workflows team's events (PostHog)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from acme.context import RequestContext
from acme.services.workspace_events import track_workspace_event


@dataclass
class Workflow:
    id: str
    workspace_id: str
    trigger_type: str
    steps: list[str] = field(default_factory=list)
    schedule: str | None = None
    published_at: datetime | None = None
    paused_at: datetime | None = None
    run_count: int = 0


def create(ctx: RequestContext, workflow: Workflow, template_id: str | None) -> None:
    track_workspace_event(
        ctx,
        "workflow_created",
        user_id=ctx.user_id,
        workflow_id=workflow.id,
        trigger_type=workflow.trigger_type,
        step_count=len(workflow.steps),
        template_id=template_id,
    )


def add_step(ctx: RequestContext, workflow: Workflow, step_type: str) -> None:
    workflow.steps.append(step_type)
    track_workspace_event(
        ctx,
        "workflow_step_added",
        user_id=ctx.user_id,
        workflow_id=workflow.id,
        step_type=step_type,
        step_position=len(workflow.steps),
    )


def remove_step(ctx: RequestContext, workflow: Workflow, position: int) -> None:
    step_type = workflow.steps.pop(position)
    track_workspace_event(
        ctx, "workflow_step_removed", user_id=ctx.user_id, workflow_id=workflow.id, step_type=step_type
    )


def save(ctx: RequestContext, workflow: Workflow, sections: list[str]) -> None:
    track_workspace_event(
        ctx,
        "workflow_edited",
        user_id=ctx.user_id,
        workflow_id=workflow.id,
        step_count=len(workflow.steps),
        edited_sections=sections,
    )


def publish(ctx: RequestContext, workflow: Workflow, now: datetime) -> None:
    first = workflow.published_at is None
    workflow.published_at = now
    track_workspace_event(
        ctx,
        "workflow_published",
        user_id=ctx.user_id,
        workflow_id=workflow.id,
        trigger_type=workflow.trigger_type,
        step_count=len(workflow.steps),
        is_first_publish=first,
    )


def record_run(
    ctx: RequestContext, workflow: Workflow, outcome: str, contacts: int, credits: int, ms: int
) -> None:
    workflow.run_count += 1
    track_workspace_event(
        ctx,
        "workflow_run",
        workflow_id=workflow.id,
        trigger_type=workflow.trigger_type,
        run_outcome=outcome,
        contact_count=contacts,
        credits_used=credits,
        duration_ms=ms,
        step_count=len(workflow.steps),
    )


def fail_step(ctx: RequestContext, workflow: Workflow, step: str, error_code: str, attempt: int) -> None:
    track_workspace_event(
        ctx,
        "workflow_step_failed",
        workflow_id=workflow.id,
        step_type=step,
        error_code=error_code,
        attempt_number=attempt,
    )


def set_schedule(ctx: RequestContext, workflow: Workflow, frequency: str) -> None:
    replaced = workflow.schedule is not None
    workflow.schedule = frequency
    track_workspace_event(
        ctx,
        "scheduled_job_set",
        user_id=ctx.user_id,
        workflow_id=workflow.id,
        schedule_frequency=frequency,
        replaces_existing_schedule=replaced,
    )


def remove_schedule(ctx: RequestContext, workflow: Workflow) -> None:
    frequency, workflow.schedule = workflow.schedule, None
    track_workspace_event(
        ctx,
        "scheduled_job_removed",
        user_id=ctx.user_id,
        workflow_id=workflow.id,
        schedule_frequency=frequency,
        scheduled_run_count=workflow.run_count,
    )


def pause(ctx: RequestContext, workflow: Workflow, reason: str, now: datetime) -> None:
    workflow.paused_at = now
    track_workspace_event(
        ctx, "workflow_paused", user_id=ctx.user_id, workflow_id=workflow.id, pause_reason=reason
    )


def resume(ctx: RequestContext, workflow: Workflow, now: datetime) -> None:
    paused = (now - workflow.paused_at).total_seconds() if workflow.paused_at else 0
    workflow.paused_at = None
    track_workspace_event(
        ctx,
        "workflow_resumed",
        user_id=ctx.user_id,
        workflow_id=workflow.id,
        paused_hours=int(paused // 3600),
    )


def delete(ctx: RequestContext, workflow: Workflow) -> None:
    track_workspace_event(
        ctx,
        "workflow_deleted",
        user_id=ctx.user_id,
        workflow_id=workflow.id,
        lifetime_run_count=workflow.run_count,
    )
