import { Analytics } from '@segment/analytics-node';

export class AnalyticsService {
  private segment: Analytics;

  initialize(writeKey: string) {
    this.segment = new Analytics({ writeKey });
  }

  track(name: string, userId: string, data: Record<string, unknown> = {}) {
    this.segment.track({ userId, event: name, properties: data });
  }
}
