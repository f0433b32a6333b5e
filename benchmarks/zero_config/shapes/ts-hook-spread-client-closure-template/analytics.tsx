import type { AnalyticsBrowser } from "@segment/analytics-next";
import { createContext, useCallback, useContext } from "react";

export const AnalyticsContext = createContext<{ analyticsBrowser: AnalyticsBrowser }>(undefined!);

export const useAnalytics = () => {
  const { analyticsBrowser } = useContext(AnalyticsContext);
  const txAnalytics = useCallback(
    (txName: string) => [
      () => void analyticsBrowser.track(`${txName} Broadcasted`),
      (reason: unknown) => {
        analyticsBrowser.track(`${txName} Failed`);
        throw reason;
      },
    ],
    [analyticsBrowser]
  );
  return { ...analyticsBrowser, txAnalytics };
};
