import { platform } from "../platform"

export function onTeamCreated() {
  platform.analytics?.logEvent({
    type: "HOPP_CREATE_TEAM",
  })
}
