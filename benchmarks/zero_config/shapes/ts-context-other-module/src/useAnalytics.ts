import { useContext } from "react";
import { AnalyticsContext } from "./context";

export function useAnalytics() {
  const analytics = useContext(AnalyticsContext);
  if (!analytics) throw new Error("useAnalytics outside AnalyticsProvider");
  return analytics;
}
