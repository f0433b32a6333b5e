import { WebEvents } from "../analytics/events";
import { useTrack } from "../analytics/track";

interface Report {
  id: string;
  type: "enrichment_coverage" | "data_quality" | "credit_usage" | "pipeline_influence" | "custom";
  rowCount: number;
}

export function ReportToolbar({ report }: { report: Report }) {
  const track = useTrack();

  const share = (channel: "link" | "email" | "slack", recipients: string[]) =>
    track(WebEvents.ReportShared, {
      report_id: report.id,
      share_channel: channel,
      recipient_count: recipients.length,
    });

  const exportAs = (format: "csv" | "xlsx" | "pdf") =>
    track(WebEvents.ReportExported, {
      report_id: report.id,
      report_type: report.type,
      export_format: format,
      row_count: report.rowCount,
    });

  return (
    <div role="toolbar">
      <button onClick={() => share("link", [])}>Copy link</button>
      <button onClick={() => exportAs("csv")}>Export CSV</button>
      <button onClick={() => exportAs("pdf")}>Export PDF</button>
    </div>
  );
}
