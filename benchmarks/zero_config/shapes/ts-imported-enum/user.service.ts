import { TelemetryEventType } from './telemetry'

export const createUser = async (appServer: any, id: string) => {
    await appServer.telemetry.sendTelemetry(TelemetryEventType.USER_CREATED, { userId: id }, id)
}
