import { ipcMain } from "electron";
import { trackEvent } from "./analytics";

const ipcMainOn = (channel: string, listener: (...args: any[]) => void) => ipcMain.on(channel, listener);

export function registerHandlers() {
  trackEvent("App Started", { windows: 1 });
  ipcMainOn("trackEvent", (_, options) => {
    trackEvent(options.event, options.properties);
  });
}
