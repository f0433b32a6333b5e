import posthog from "posthog-js";
import { useCallback, type ReactNode } from "react";
import { AnalyticsContext } from "./context";

export function AnalyticsProvider({ children }: { children: ReactNode }) {
  const track = useCallback((event: string, properties?: Record<string, unknown>) => {
    posthog.capture(event, properties);
  }, []);
  return <AnalyticsContext.Provider value={{ track }}>{children}</AnalyticsContext.Provider>;
}
