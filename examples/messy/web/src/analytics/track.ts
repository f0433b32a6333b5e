import posthog from "posthog-js";
import { usePostHog } from "posthog-js/react";
import { createContext, useCallback, useContext } from "react";

import type { AppEventName } from "./events";

export interface Session {
  userId: string;
  workspaceId: string;
  planTier: "free" | "starter" | "growth" | "enterprise";
}

export const SessionContext = createContext<Session>({
  userId: "",
  workspaceId: "",
  planTier: "free",
});

posthog.init(import.meta.env.VITE_POSTHOG_KEY, {
  api_host: "https://eu.i.posthog.com",
  capture_pageview: false,
});

type Properties = Record<string, string | number | boolean | string[]>;

/** In components: every event is about a workspace, so the hook adds it. */
export function useTrack() {
  const client = usePostHog();
  const session = useContext(SessionContext);
  return useCallback(
    (event: AppEventName, properties: Properties = {}) => {
      client.capture(event, { ...properties, workspace_id: session.workspaceId });
    },
    [client, session],
  );
}
