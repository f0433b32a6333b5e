"""CRM and warehouse integrations, API keys and webhooks: the integrations team's events.

They go to Segment through the delivery queue (:func:`acme.analytics.tracking.track_event`),
named by :class:`acme.analytics.events.IntegrationEvent`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from acme.analytics.events import IntegrationEvent
from acme.analytics.tracking import track_event
from acme.context import RequestContext


@dataclass
class Connection:
    workspace_id: str
    integration: str
    auth_type: str
    connected_at: datetime
    workflow_ids: list[str]


def connect(ctx: RequestContext, connection: Connection, first: bool) -> None:
    track_event(
        ctx,
        IntegrationEvent.CONNECTED,
        {
            "workspace_id": ctx.workspace_id,
            "user_id": ctx.user_id,
            "integration_name": connection.integration,
            "auth_type": connection.auth_type,
            "is_first_integration": first,
        },
    )


def save_field_mapping(ctx: RequestContext, connection: Connection, mapping: dict[str, str]) -> None:
    custom = [field for field in mapping.values() if field.endswith("__c")]
    track_event(
        ctx,
        IntegrationEvent.FIELD_MAPPING_SAVED,
        {
            "workspace_id": ctx.workspace_id,
            "user_id": ctx.user_id,
            "integration_name": connection.integration,
            "mapped_field_count": len(mapping),
            "custom_field_count": len(custom),
        },
    )


def finish_sync(
    ctx: RequestContext, connection: Connection, direction: str, trigger: str, records: int, ms: int
) -> None:
    if direction == "pull":
        track_event(
            ctx,
            IntegrationEvent.DATA_PULLED,
            {
                "workspace_id": ctx.workspace_id,
                "integration_name": connection.integration,
                "trigger_type": trigger,
                "contact_count": records,
                "duration_ms": ms,
                "sync_mode": "incremental",
            },
        )
    else:
        track_event(
            ctx,
            IntegrationEvent.WRITEBACK_COMPLETED,
            {
                "workspace_id": ctx.workspace_id,
                "integration_name": connection.integration,
                "trigger_type": trigger,
                "contact_count": records,
                "duration_ms": ms,
            },
        )


def reject_records(ctx: RequestContext, connection: Connection, error_code: str, count: int) -> None:
    track_event(
        ctx,
        IntegrationEvent.RECORD_REJECTED,
        {
            "workspace_id": ctx.workspace_id,
            "integration_name": connection.integration,
            "error_code": error_code,
            "rejected_record_count": count,
        },
    )


def fail_auth(ctx: RequestContext, connection: Connection, error_code: str) -> None:
    track_event(
        ctx,
        IntegrationEvent.AUTH_FAILED,
        {
            "workspace_id": ctx.workspace_id,
            "user_id": ctx.user_id,
            "integration_name": connection.integration,
            "auth_type": connection.auth_type,
            "error_code": error_code,
        },
    )


def expire_token(ctx: RequestContext, connection: Connection, now: datetime) -> None:
    track_event(
        ctx,
        IntegrationEvent.TOKEN_EXPIRED,
        {
            "workspace_id": ctx.workspace_id,
            "integration_name": connection.integration,
            "token_age_days": (now - connection.connected_at).days,
            "affected_workflow_count": len(connection.workflow_ids),
        },
    )


def disconnect(ctx: RequestContext, connection: Connection, reason: str, now: datetime) -> None:
    track_event(
        ctx,
        IntegrationEvent.DISCONNECTED,
        {
            "workspace_id": ctx.workspace_id,
            "user_id": ctx.user_id,
            "integration_name": connection.integration,
            "disconnect_reason": reason,
            "days_connected": (now - connection.connected_at).days,
        },
    )


def create_api_key(ctx: RequestContext, scope: str) -> None:
    track_event(
        ctx,
        IntegrationEvent.API_KEY_CREATED,
        {"workspace_id": ctx.workspace_id, "user_id": ctx.user_id, "key_scope": scope},
    )


def revoke_api_key(ctx: RequestContext, scope: str, age_days: int) -> None:
    track_event(
        ctx,
        IntegrationEvent.API_KEY_REVOKED,
        {
            "workspace_id": ctx.workspace_id,
            "user_id": ctx.user_id,
            "key_scope": scope,
            "key_age_days": age_days,
        },
    )


def throttle(ctx: RequestContext, endpoint: str, limit: int) -> None:
    track_event(
        ctx,
        IntegrationEvent.API_RATE_LIMIT_EXCEEDED,
        {
            "workspace_id": ctx.workspace_id,
            "api_endpoint": endpoint,
            "plan_tier": ctx.plan_tier,
            "requests_per_minute_limit": limit,
        },
    )


def fail_webhook(ctx: RequestContext, workflow_id: str, attempt: int, status: int | None) -> None:
    track_event(
        ctx,
        IntegrationEvent.WEBHOOK_DELIVERY_FAILED,
        {
            "workspace_id": ctx.workspace_id,
            "workflow_id": workflow_id,
            "attempt_number": attempt,
            "http_status": status,
            "error_code": "INT_504" if status is None else f"INT_{status}",
        },
    )
