import { initTRPC } from "@trpc/server";

import { type EventProps, setupAnalytics } from "./analytics";

const t = initTRPC.meta<{ track?: EventProps }>().create();

export const tracked = t.procedure.use(async (opts) => {
  const result = await opts.next();
  if (result.ok && opts.meta?.track) {
    const analytics = await setupAnalytics();
    await analytics.track({ ...opts.meta.track });
  }
  return result;
});
