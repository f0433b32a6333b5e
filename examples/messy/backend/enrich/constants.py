"""Event names, meant to be the one place they are spelled. Nobody updates it any more."""

from __future__ import annotations

SIGNUP_COMPLETED = "signup_completed"
CONTACT_ENRICHED = "contact_enriched"
ENRICHMENT_SETTINGS_CHANGED = "enrichment_settings_changed"
# The plan renamed this event to enrichment_run_started (renamed_from); the constant kept
# the old name, so every call that uses it is EV601 with the new name.
ENRICHMENT_STARTED = "enrichment_started"
BULK_LOOKUP_COMPLETED = "bulk_lookup_completed"  # deprecated in the plan since 2026-03

# Which event a finished run sends, by its status.
RUN_EVENTS = {
    "done": "contact_enrichment_completed",
    "partial": "contacts_enriched",
}
