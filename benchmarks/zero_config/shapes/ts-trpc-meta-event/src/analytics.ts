import { OpenPanel } from "@openpanel/sdk";

export const Events = {
  CreateMonitor: { name: "monitor_created", channel: "monitor" },
  DeleteMonitor: { name: "monitor_deleted", channel: "monitor" },
} as const;

export type EventProps = { name: string; channel: string };

const op = new OpenPanel({ clientId: "id" });

export async function setupAnalytics() {
  return {
    track: (opts: EventProps & Record<string, unknown>) => {
      const { name, ...rest } = opts;
      return op.track(name, rest);
    },
  };
}
