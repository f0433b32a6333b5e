import { useEffect } from "react";

import { WebEvents } from "../analytics/events";
import { segment } from "../analytics/segment";
import { type Session, trackEvent } from "../analytics/track";

type PlanTier = "free" | "starter" | "growth" | "enterprise";

interface PricingProps {
  session: Session;
  currentTier: PlanTier;
  fromBanner: boolean;
}

export function PricingPage({ session, currentTier, fromBanner }: PricingProps) {
  useEffect(() => {
    segment.track("pricing_page_viewed", {
      workspace_id: session.workspaceId,
      plan_tier: currentTier,
      referrer_surface: fromBanner ? "upgrade_banner" : "navigation_menu",
    });
  }, [session, currentTier, fromBanner]);

  const startCheckout = (tier: PlanTier, annual: boolean) =>
    trackEvent(WebEvents.CheckoutStarted, session, {
      user_id: session.userId,
      plan_tier: tier,
      billing_period: annual ? "annual" : "monthly",
    });

  return (
    <section>
      <button onClick={() => startCheckout("growth", true)}>Growth, billed yearly</button>
      <button onClick={() => startCheckout("starter", false)}>Starter, billed monthly</button>
    </section>
  );
}
