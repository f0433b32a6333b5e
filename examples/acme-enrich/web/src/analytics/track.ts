import posthog from "posthog-js";
import { usePostHog } from "posthog-js/react";
import { createContext, useCallback, useContext } from "react";

import type { WebEventName } from "./events";

export interface Session {
  workspaceId: string;
  userId: string;
}

export const SessionContext = createContext<Session>({ workspaceId: "", userId: "" });

posthog.init(import.meta.env.VITE_POSTHOG_KEY, {
  api_host: "https://eu.i.posthog.com",
  capture_pageview: false,
});

type Properties = Record<string, string | number | boolean>;

/** Outside React components: adds the workspace, which every event requires. */
export function trackEvent(event: WebEventName, session: Session, properties: Properties): void {
  posthog.capture(event, { ...properties, workspace_id: session.workspaceId });
}

/** In components: adds the workspace and the signed-in user. */
export function useTrack() {
  const client = usePostHog();
  const session = useContext(SessionContext);
  return useCallback(
    (event: WebEventName, properties: Properties) => {
      client.capture(event, {
        ...properties,
        workspace_id: session.workspaceId,
        user_id: session.userId,
      });
    },
    [client, session],
  );
}
