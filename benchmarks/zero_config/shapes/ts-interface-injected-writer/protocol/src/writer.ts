import Analytics = require("analytics-node");

export type TrackMessage = { userId: string; event: string; properties?: object };

export interface IAnalyticsWriter {
    track(msg: TrackMessage): void;
}

export class SegmentAnalyticsWriter implements IAnalyticsWriter {
    private readonly analytics = new Analytics("key");

    track(msg: TrackMessage) {
        this.analytics.track({ ...msg });
    }
}

export class LogAnalyticsWriter implements IAnalyticsWriter {
    track(msg: TrackMessage) {
        console.log(msg.event);
    }
}
