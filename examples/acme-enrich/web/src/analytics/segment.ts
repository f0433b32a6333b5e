import { AnalyticsBrowser } from "@segment/analytics-next";

/** The marketing site (pricing, landing pages) reports to Segment, not PostHog. */
export const segment = AnalyticsBrowser.load({
  writeKey: import.meta.env.VITE_SEGMENT_WRITE_KEY,
});
