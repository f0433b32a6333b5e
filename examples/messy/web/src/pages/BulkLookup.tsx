import { LegacyEvent } from "../analytics/events";
import { useTrack } from "../analytics/track";

/** The old bulk lookup page, still linked from two customers' onboarding docs. */
export function BulkLookupResult({ found, total }: { found: number; total: number }) {
  const track = useTrack();
  const download = () => {
    track(LegacyEvent.BulkLookupCompleted);
    window.location.assign("/bulk-lookup/results.csv");
  };
  return (
    <p>
      {found} of {total} contacts found. <button onClick={download}>Download</button>
    </p>
  );
}
