import * as vscode from "vscode";
import { Analytics } from "@segment/analytics-node";

const segment = new Analytics({ writeKey: "k" });

export class TelemetryService {
  private readonly logger = vscode.env.createTelemetryLogger({
    sendEventData: (eventName: string, data?: Record<string, unknown>) => {
      segment.track({ anonymousId: vscode.env.machineId, event: eventName, properties: data });
    },
    sendErrorData: () => {},
  });

  sendTelemetryEvent(eventName: string, properties?: Record<string, unknown>): void {
    this.logger.logUsage(eventName, properties);
  }
}
