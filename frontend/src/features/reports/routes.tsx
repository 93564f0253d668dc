// The report pages' routes, kept together so that App.tsx only mounts them. Each page is its
// own chunk, and Chart.js comes only with the first chart drawn.
import { Route } from "react-router-dom";
import { HUB_STAFF } from "../../auth";
import { RequireRole } from "../../components/RequireRole";
import { lazyPage } from "../../lazyPage";
import { NotFoundPage } from "../../pages/NotFoundPage";

const ReportsPage = lazyPage(() => import("./ReportsPage"), "ReportsPage");
const CoveragePage = lazyPage(() => import("./CoveragePage"), "CoveragePage");
const FunnelPage = lazyPage(() => import("./FunnelPage"), "FunnelPage");
const RecruitmentChooserPage = lazyPage(() => import("./RecruitmentPage"), "RecruitmentChooserPage");
const RecruitmentPage = lazyPage(() => import("./RecruitmentPage"), "RecruitmentPage");
const GrantsReportPage = lazyPage(() => import("./GrantsReportPage"), "GrantsReportPage");
const AttendanceReportPage = lazyPage(() => import("./AttendanceReportPage"), "AttendanceReportPage");

/** /reports and its pages, for hub staff (their hub) and national administrators (every hub). */
export function reportsRoutes() {
  return (
    <Route path="reports" element={<RequireRole roles={HUB_STAFF} audience="national and hub administrators" />}>
      <Route index element={<ReportsPage />} />
      <Route path="coverage" element={<CoveragePage />} />
      <Route path="funnel" element={<FunnelPage />} />
      <Route path="recruitment" element={<RecruitmentChooserPage />} />
      <Route path="recruitment/:programmeId" element={<RecruitmentPage />} />
      <Route path="attendance" element={<AttendanceReportPage />} />
      <Route path="grants" element={<GrantsReportPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Route>
  );
}
