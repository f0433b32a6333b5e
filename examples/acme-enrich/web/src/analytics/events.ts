/**
 * Names of the product events the web app sends. The tracking plan
 * (tracking-plan/*.yaml) is the source of truth: `evdict check` fails when a name
 * here is not declared there.
 */
export const WebEvents = {
  CheckoutStarted: "checkout_started",
  BillingPageVisited: "billing_page_visited",
  ReportShared: "report_shared",
  ReportExported: "report_exported",
} as const;

export enum OnboardingEvent {
  StepSkipped = "onboarding_step_skipped",
  SurveySubmitted = "onboarding_survey_submitted",
  TourDismissed = "product_tour_dismissed",
}

export type WebEventName = (typeof WebEvents)[keyof typeof WebEvents] | `${OnboardingEvent}`;
