export function onExport(format: string) {
  window.bridge.trackEvent({ event: "Data Exported", properties: { format } });
  window.bridge.saveFile({ event: "Saved", path: format });
  window.other.trackEvent({ event: "Not Bridged" });
}
