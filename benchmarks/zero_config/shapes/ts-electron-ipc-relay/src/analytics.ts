import { Analytics } from "@segment/analytics-node";

const analytics = new Analytics({ writeKey: "k" });

export function trackEvent(event: string, properties?: object) {
  analytics.track({ anonymousId: "a1", event, properties });
}
