// The reports page, tracked through the generated functions.
import { trackReportExported, trackReportViewed } from "./tracking";

export function openReport(workspaceId: string, userId: string, reportId: string): void {
  trackReportViewed({ workspace_id: workspaceId, user_id: userId, report_id: reportId, report_type: "data_quality" });
}

export function exportReport(workspaceId: string, userId: string, reportId: string): void {
  trackReportExported({
    workspace_id: workspaceId,
    user_id: userId,
    report_id: reportId,
    report_type: "credit_usage",
    export_format: "csv",
  });
}
