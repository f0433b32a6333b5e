import { TelemetryService } from "./telemetry";

export function activate(): void {
  const telemetry = new TelemetryService();
  telemetry.sendTelemetryEvent("extension_activated", { remote: false });
}
