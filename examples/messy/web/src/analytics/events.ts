/**
 * Names of the product events the web app sends, so that nobody spells them by hand.
 * The tracking plan (../../tracking-plan/*.yaml) is meant to be the source of truth.
 */
export const AppEvents = {
  SignupCompleted: "signup_completed",
  ContactEnriched: "contact_enriched",
  EnrichmentRunStarted: "enrichment_run_started",
  EnrichmentSettingsChanged: "enrichment_settings_changed",
} as const;

/** Kept for the bulk lookup page until the last customers move to enrichment runs. */
export enum LegacyEvent {
  BulkLookupCompleted = "bulk_lookup_completed",
}

export type AppEventName = (typeof AppEvents)[keyof typeof AppEvents] | `${LegacyEvent}`;
