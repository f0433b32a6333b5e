"""Imports and enrichment runs: the enrichment team's events (Mixpanel).

The team models its pipeline in Mixpanel, so these events go there directly; the
distinct id is the workspace, since runs are billed per workspace.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from acme.analytics.clients import mixpanel
from acme.context import RequestContext


@dataclass
class EnrichmentRun:
    id: str
    workspace_id: str
    contact_ids: list[str]
    providers: list[str]
    started_at: datetime
    credits_used: int = 0


def import_contacts(ctx: RequestContext, source: str, count: int, first_import: bool) -> None:
    if first_import:
        mixpanel.track(
            ctx.workspace_id,
            "first_contact_imported",
            {
                "workspace_id": ctx.workspace_id,
                "user_id": ctx.user_id,
                "import_source": source,
                "contact_count": count,
                "hours_since_signup": ctx.hours_since_signup(datetime.now(UTC)),
            },
        )


def upload_list(ctx: RequestContext, list_id: str, rows: int, size: int, columns: int) -> None:
    mixpanel.track(
        ctx.workspace_id,
        "contact_list_uploaded",
        {
            "workspace_id": ctx.workspace_id,
            "user_id": ctx.user_id,
            "list_id": list_id,
            "contact_count": rows,
            "file_size_bytes": size,
            "column_count": columns,
        },
    )


def confirm_mapping(ctx: RequestContext, list_id: str, mapped: int, total: int, saved: bool) -> None:
    mixpanel.track(
        ctx.workspace_id,
        "column_mapping_confirmed",
        {
            "workspace_id": ctx.workspace_id,
            "user_id": ctx.user_id,
            "list_id": list_id,
            "mapped_column_count": mapped,
            "unmapped_column_count": total - mapped,
            "used_saved_mapping": saved,
        },
    )


def import_lead(workspace_id: str, source: str, integration: str | None, duplicate: bool) -> None:
    mixpanel.track(
        workspace_id,
        "lead_imported",
        {
            "workspace_id": workspace_id,
            "import_source": source,
            "integration_name": integration,
            "lead_stage": "new",
            "is_duplicate": duplicate,
        },
    )


def start_run(ctx: RequestContext, run: EnrichmentRun, first_run: bool) -> None:
    properties = {
        "workspace_id": ctx.workspace_id,
        "user_id": ctx.user_id,
        "enrichment_run_id": run.id,
        "contact_count": len(run.contact_ids),
    }
    if first_run:
        mixpanel.track(
            ctx.workspace_id,
            "first_enrichment_run",
            {**properties, "hours_since_signup": ctx.hours_since_signup(run.started_at)},
        )
    mixpanel.track(
        ctx.workspace_id,
        "enrichment_run_started",
        {
            "workspace_id": ctx.workspace_id,
            "user_id": ctx.user_id,
            "enrichment_run_id": run.id,
            "contact_count": len(run.contact_ids),
            "platform": ctx.platform,
            "data_providers": run.providers,
        },
    )


def _elapsed_ms(run: EnrichmentRun) -> int:
    return int((datetime.now(UTC) - run.started_at).total_seconds() * 1000)


def finish_run(run: EnrichmentRun, enriched: int) -> None:
    mixpanel.track(
        run.workspace_id,
        "enrichment_run_completed",
        {
            "workspace_id": run.workspace_id,
            "enrichment_run_id": run.id,
            "contact_count": len(run.contact_ids),
            "credits_used": run.credits_used,
            "duration_ms": _elapsed_ms(run),
            "match_rate": enriched / max(len(run.contact_ids), 1),
        },
    )


def fail_run(run: EnrichmentRun, error_code: str, refunded: int) -> None:
    mixpanel.track(
        run.workspace_id,
        "enrichment_run_failed",
        {
            "workspace_id": run.workspace_id,
            "enrichment_run_id": run.id,
            "error_code": error_code,
            "contact_count": len(run.contact_ids),
            "duration_ms": _elapsed_ms(run),
            "credits_refunded": refunded,
        },
    )


def cancel_run(ctx: RequestContext, run: EnrichmentRun, processed: int) -> None:
    mixpanel.track(
        ctx.workspace_id,
        "enrichment_run_canceled",
        {
            "workspace_id": ctx.workspace_id,
            "user_id": ctx.user_id,
            "enrichment_run_id": run.id,
            "credits_used": run.credits_used,
            "percent_complete": 100 * processed / max(len(run.contact_ids), 1),
        },
    )


def record_enrichment(run: EnrichmentRun, source: str, fields: list[str], confidence: float) -> None:
    mixpanel.track(
        run.workspace_id,
        "contact_enriched",
        {
            "workspace_id": run.workspace_id,
            "enrichment_run_id": run.id,
            "import_source": source,
            "credits_used": len(fields),
            "enriched_fields": fields,
            "match_confidence": confidence,
        },
    )


def merge_duplicates(ctx: RequestContext, contact_ids: list[str], strategy: str) -> None:
    mixpanel.track(
        ctx.workspace_id,
        "contact_duplicates_merged",
        {
            "workspace_id": ctx.workspace_id,
            "user_id": ctx.user_id,
            "contact_count": len(contact_ids),
            "merge_strategy": strategy,
        },
    )


def delete_contacts(ctx: RequestContext, contact_ids: list[str], list_id: str | None) -> None:
    if list_id is not None:
        scope = "entire_list"
    elif len(contact_ids) == 1:
        scope = "single_contact"
    else:
        scope = "selection"
    mixpanel.track(
        ctx.workspace_id,
        "contact_deleted",
        {
            "workspace_id": ctx.workspace_id,
            "user_id": ctx.user_id,
            "contact_count": len(contact_ids),
            "list_id": list_id,
            "deletion_scope": scope,
        },
    )


def export_list(ctx: RequestContext, list_id: str, rows: int, file_format: str) -> None:
    mixpanel.track(
        ctx.workspace_id,
        "contact_list_exported",
        {
            "workspace_id": ctx.workspace_id,
            "user_id": ctx.user_id,
            "list_id": list_id,
            "contact_count": rows,
            "export_format": file_format,
        },
    )


def search_contacts(ctx: RequestContext, filters: list[str], hits: int, saved_view: bool) -> None:
    mixpanel.track(
        ctx.workspace_id,
        "contact_search_submitted",
        {
            "workspace_id": ctx.workspace_id,
            "user_id": ctx.user_id,
            "filter_count": len(filters),
            "result_count": hits,
            "used_saved_view": saved_view,
        },
    )


def install_extension(ctx: RequestContext, version: str, source: str) -> None:
    mixpanel.track(
        ctx.workspace_id,
        "chrome_extension_installed",
        {
            "workspace_id": ctx.workspace_id,
            "user_id": ctx.user_id,
            "extension_version": version,
            "install_source": source,
        },
    )
