"""Enrichment runs: the enrichment team's events, through the team wrapper (Segment)."""

from __future__ import annotations

from enrich.analytics import track_event
from enrich.constants import (
    BULK_LOOKUP_COMPLETED,
    CONTACT_ENRICHED,
    ENRICHMENT_SETTINGS_CHANGED,
    ENRICHMENT_STARTED,
    RUN_EVENTS,
)


def start_run(user_id: str, workspace_id: str, contact_count: int) -> None:
    # EV601: the plan renamed enrichment_started to enrichment_run_started (renamed_from)
    track_event(user_id, workspace_id, ENRICHMENT_STARTED, {"contact_count": contact_count})


def enrich_contact(user_id: str, workspace_id: str, source: str, cost: int) -> None:
    track_event(user_id, workspace_id, CONTACT_ENRICHED, {"source": source, "credits_used": cost})


def serve_cached_contact(user_id: str, workspace_id: str, source: str) -> None:
    """A contact enriched earlier this month is served from the cache, free of charge."""
    track_event(
        user_id,
        workspace_id,
        CONTACT_ENRICHED,
        {"source": source, "credits_used": "0"},  # EV605: a string; credits_used is an integer
    )


def enrich_from_api(user_id: str, workspace_id: str, cost: int) -> None:
    # EV601: a typo of contact_enriched, spelled by hand instead of with the constant
    track_event(user_id, workspace_id, "contact_enrihced", {"source": "api", "credits_used": cost})


def finish_run(user_id: str, workspace_id: str, status: str, enriched: int) -> None:
    event = RUN_EVENTS[status]
    track_event(user_id, workspace_id, event, {"contact_count": enriched})  # EV606: one of two


def export_results(user_id: str, workspace_id: str, export_format: str) -> None:
    # EV606: an f-string builds one event per format (enrichment_csv_exported, ...)
    track_event(user_id, workspace_id, f"enrichment_{export_format}_exported")


def finish_bulk_lookup(user_id: str, workspace_id: str) -> None:
    """The old bulk endpoint, still called by two customers' scripts."""
    # EV607: bulk_lookup_completed is deprecated (and EV603: the wrapper adds workspace_id,
    # which the event does not declare)
    track_event(user_id, workspace_id, BULK_LOOKUP_COMPLETED)


def save_settings(
    user_id: str, workspace_id: str, provider: str, waterfall: bool, max_credits: int
) -> None:
    track_event(
        user_id,
        workspace_id,
        ENRICHMENT_SETTINGS_CHANGED,
        {
            "providers": [provider],  # EV603: the plan declares 'provider'
            "waterfall": waterfall,
            # EV901: the suppression below suppresses nothing (max_credits is declared)
            "max_credits": max_credits,  # evdict: ignore[EV603]
        },
    )
