export type AnalyticsEvent =
  | { type: "HOPP_CREATE_TEAM" }
  | { type: "HOPP_SAVE_REQUEST"; createdNow: boolean; platform: "rest" | "gql" }

export type AnalyticsPlatformDef = {
  initAnalytics: () => void
  logEvent: (ev: AnalyticsEvent) => void
}
