"""Reports, dashboards and digests: the reporting team's events (Amplitude).

Each event is a ``BaseEvent``: built here, tracked by the shared Amplitude client.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from amplitude import BaseEvent

from acme.analytics import events
from acme.analytics.clients import amplitude_client
from acme.context import RequestContext


@dataclass
class Report:
    id: str
    workspace_id: str
    report_type: str
    created_at: datetime
    widgets: list[str]


def _send(event: BaseEvent) -> None:
    amplitude_client.track(event)


def load(ctx: RequestContext, report_id: str) -> Report:
    """The report, if the workspace owns it (storage elided in this example)."""
    return Report(report_id, ctx.workspace_id, "data_quality", datetime.now(), [])


def create_report(ctx: RequestContext, report: Report) -> None:
    _send(
        BaseEvent(
            event_type=events.REPORT_CREATED,
            user_id=ctx.user_id,
            event_properties={
                "workspace_id": ctx.workspace_id,
                "user_id": ctx.user_id,
                "report_id": report.id,
                "report_type": report.report_type,
                "widget_count": len(report.widgets),
            },
        )
    )


def add_widget(ctx: RequestContext, report: Report, widget_type: str) -> None:
    _send(
        BaseEvent(
            event_type=events.DASHBOARD_WIDGET_ADDED,
            user_id=ctx.user_id,
            event_properties={
                "workspace_id": ctx.workspace_id,
                "user_id": ctx.user_id,
                "report_id": report.id,
                "widget_type": widget_type,
            },
        )
    )


def view_report(ctx: RequestContext, report: Report, source: str) -> None:
    _send(
        BaseEvent(
            event_type=events.REPORT_VIEWED,
            user_id=ctx.user_id,
            event_properties={
                "workspace_id": ctx.workspace_id,
                "user_id": ctx.user_id,
                "report_id": report.id,
                "report_type": report.report_type,
                "view_source": source,
            },
        )
    )


def filter_report(ctx: RequestContext, report: Report, filters: list[str], date_range: str) -> None:
    _send(
        BaseEvent(
            event_type=events.REPORT_FILTER_APPLIED,
            user_id=ctx.user_id,
            event_properties={
                "workspace_id": ctx.workspace_id,
                "user_id": ctx.user_id,
                "report_id": report.id,
                "filter_count": len(filters),
                "date_range": date_range,
            },
        )
    )


def share_report(ctx: RequestContext, report: Report, channel: str, recipients: list[str]) -> None:
    _send(
        BaseEvent(
            event_type=events.REPORT_SHARED,
            user_id=ctx.user_id,
            event_properties={
                "workspace_id": ctx.workspace_id,
                "user_id": ctx.user_id,
                "report_id": report.id,
                "share_channel": channel,
                "recipient_count": len(recipients),
            },
        )
    )


def export_report(ctx: RequestContext, report: Report, file_format: str, rows: int) -> None:
    _send(
        BaseEvent(
            event_type=events.REPORT_EXPORTED,
            user_id=ctx.user_id,
            event_properties={
                "workspace_id": ctx.workspace_id,
                "user_id": ctx.user_id,
                "report_id": report.id,
                "report_type": report.report_type,
                "export_format": file_format,
                "row_count": rows,
            },
        )
    )


def schedule_digest(ctx: RequestContext, report: Report, frequency: str, recipients: int) -> None:
    _send(
        BaseEvent(
            event_type=events.REPORT_DIGEST_SCHEDULED,
            user_id=ctx.user_id,
            event_properties={
                "workspace_id": ctx.workspace_id,
                "user_id": ctx.user_id,
                "report_id": report.id,
                "schedule_frequency": frequency,
                "recipient_count": recipients,
            },
        )
    )


def send_digest(report: Report, frequency: str, recipients: int) -> None:
    _send(
        BaseEvent(
            event_type=events.REPORT_DIGEST_SENT,
            device_id=f"digest-{report.id}",
            event_properties={
                "workspace_id": report.workspace_id,
                "report_id": report.id,
                "schedule_frequency": frequency,
                "recipient_count": recipients,
            },
        )
    )


def delete_report(ctx: RequestContext, report: Report, now: datetime) -> None:
    _send(
        BaseEvent(
            event_type=events.REPORT_DELETED,
            user_id=ctx.user_id,
            event_properties={
                "workspace_id": ctx.workspace_id,
                "user_id": ctx.user_id,
                "report_id": report.id,
                "report_age_days": (now - report.created_at).days,
            },
        )
    )


def fail_report_load(ctx: RequestContext, report_id: str, error_code: str, ms: int) -> None:
    _send(
        BaseEvent(
            event_type=events.REPORT_LOAD_FAILED,
            user_id=ctx.user_id,
            event_properties={
                "workspace_id": ctx.workspace_id,
                "user_id": ctx.user_id,
                "report_id": report_id,
                "error_code": error_code,
                "duration_ms": ms,
            },
        )
    )
