import { useState } from "react";

import { AppEvents } from "../analytics/events";
import { useTrack } from "../analytics/track";

interface EnrichmentSettings {
  provider: "clearbit" | "apollo" | "zoominfo";
  waterfall: boolean;
  maxCredits: number;
}

export function EnrichmentSettingsForm({
  initial,
  onSave,
}: {
  initial: EnrichmentSettings;
  onSave: (settings: EnrichmentSettings) => Promise<void>;
}) {
  const track = useTrack();
  const [settings, setSettings] = useState(initial);

  const save = async () => {
    await onSave(settings);
    track(AppEvents.EnrichmentSettingsChanged, {
      provider: settings.provider,
      waterfall: settings.waterfall,
      max_credit: settings.maxCredits,
    });
  };

  return (
    <form onSubmit={(e) => (e.preventDefault(), save())}>
      <label>
        Waterfall enrichment
        <input
          type="checkbox"
          checked={settings.waterfall}
          onChange={(e) => setSettings({ ...settings, waterfall: e.target.checked })}
        />
      </label>
      <label>
        Credit limit per run
        <input
          type="number"
          min={0}
          value={settings.maxCredits}
          onChange={(e) => setSettings({ ...settings, maxCredits: Number(e.target.value) })}
        />
      </label>
      <button type="submit">Save</button>
    </form>
  );
}
