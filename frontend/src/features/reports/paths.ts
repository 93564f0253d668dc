// Where the report pages live.
export const REPORTS_PATH = "/reports";
export const COVERAGE_PATH = "/reports/coverage";
export const FUNNEL_PATH = "/reports/funnel";
export const RECRUITMENT_PATH = "/reports/recruitment";
export const ATTENDANCE_PATH = "/reports/attendance";
export const GRANTS_REPORT_PATH = "/reports/grants";

export function recruitmentPath(programmeId: number): string {
  return `${RECRUITMENT_PATH}/${String(programmeId)}`;
}
