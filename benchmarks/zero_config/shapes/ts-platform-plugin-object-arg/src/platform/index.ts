import type { AnalyticsPlatformDef } from "./analytics"

export type PlatformDef = {
  analytics?: AnalyticsPlatformDef
}

export let platform: PlatformDef

export function setPlatformDef(def: PlatformDef) {
  platform = def
}
