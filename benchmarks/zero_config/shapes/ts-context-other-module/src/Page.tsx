import { useAnalytics } from "./useAnalytics";

export function Page() {
  const { track } = useAnalytics();
  const analytics = useAnalytics();
  return <button onClick={() => { track("page:exported", { format: "csv" }); analytics.track("page:shared"); }} />;
}
