import { Events } from "./analytics";
import { tracked } from "./trpc";

export const monitorRouter = {
  create: tracked.meta({ track: Events.CreateMonitor }).mutation(async () => 1),
  delete: tracked.meta({ track: Events.DeleteMonitor }).mutation(async () => 2),
};
