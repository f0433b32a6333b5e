import { AnalyticsBrowser } from "@segment/analytics-next";
import throttle from "lodash/throttle";
import { useCallback, useEffect } from "react";

const analytics = AnalyticsBrowser.load({ writeKey: "key" });

const useThrottledTrack = (namespace: string, params: Record<string, unknown>) => {
  const throttled = throttle(
    (action: string) => {
      analytics.track(`UI.${namespace}.${action}`, params);
    },
    50,
    { leading: true, trailing: false }
  );
  return useCallback(throttled, [throttled]);
};

export const useTrackMount = ({
  namespace,
  mountAction,
  unmountAction,
  params,
}: {
  namespace: string;
  mountAction: string;
  unmountAction: string;
  params: Record<string, unknown>;
}) => {
  const track = useThrottledTrack(namespace, params);
  useEffect(() => {
    track(mountAction);
    return () => track(unmountAction);
  }, [track, mountAction, unmountAction]);
};
