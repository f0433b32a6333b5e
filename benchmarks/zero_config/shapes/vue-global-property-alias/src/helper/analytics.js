import { AnalyticsBrowser } from '@segment/analytics-next';

class Helper {
  constructor() {
    this.analytics = AnalyticsBrowser.load({ writeKey: 'k' });
  }

  track(eventName, properties = {}) {
    this.analytics.track(eventName, properties);
  }
}

export default new Helper();
