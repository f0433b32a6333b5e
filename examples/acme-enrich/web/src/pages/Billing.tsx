import { useEffect } from "react";

import { WebEvents } from "../analytics/events";
import { useTrack } from "../analytics/track";

type BillingTab = "overview" | "usage" | "invoices" | "payment_methods";

interface BillingProps {
  tab: BillingTab;
  planTier: string;
  role: "owner" | "admin" | "member" | "viewer";
}

export function BillingPage({ tab, planTier, role }: BillingProps) {
  const track = useTrack();
  useEffect(() => {
    track(WebEvents.BillingPageVisited, { plan_tier: planTier, user_role: role, billing_tab: tab });
  }, [track, tab, planTier, role]);
  return <h1>Billing</h1>;
}
