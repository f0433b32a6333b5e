import { PostHog } from 'posthog-node'

export enum TelemetryEventType {
    'USER_CREATED' = 'user_created',
    'ORGANIZATION_CREATED' = 'organization_created'
}

export class Telemetry {
    postHog?: PostHog

    constructor() {
        this.postHog = new PostHog('phc_x')
    }

    async sendTelemetry(event: string, properties: Record<string, any> = {}, orgId = ''): Promise<void> {
        if (this.postHog) {
            this.postHog.capture({ event, distinctId: orgId || 'anon', properties })
        }
    }
}
