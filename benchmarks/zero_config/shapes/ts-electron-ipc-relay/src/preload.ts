import { contextBridge, ipcRenderer } from "electron";

const bridge = {
  trackEvent: options => ipcRenderer.send("trackEvent", options),
  saveFile: options => ipcRenderer.send("save-file", options),
};

contextBridge.exposeInMainWorld("bridge", bridge);
