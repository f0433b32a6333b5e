import { IAnalyticsWriter } from "@acme/protocol/lib/writer";

export function trackLogin(userId: string, analytics: IAnalyticsWriter) {
    analytics.track({ userId, event: "login", properties: { via: "github" } });
}

export class TeamService {
    constructor(private readonly analytics: IAnalyticsWriter) {}

    create(userId: string) {
        this.analytics.track({ userId, event: "team_created" });
    }
}
