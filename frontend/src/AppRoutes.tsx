// Every route but the catalogue's: a chunk of its own, fetched when someone first leaves the
// catalogue (or arrives elsewhere), so the first load carries only the catalogue. Each page is
// a chunk of its own again, fetched when its route is first shown.
import { Navigate, Route, Routes } from "react-router-dom";
import { HUB_STAFF, SCHOOL_READERS, WORK_GROUP_READERS } from "./auth";
import { RequireRole } from "./components/RequireRole";
import { accountsRoutes } from "./features/accounts/routes";
import { grantsRoutes } from "./features/grants/routes";
import { privacyRoutes } from "./features/privacy/routes";
import { reportsRoutes } from "./features/reports/routes";
import { NotFoundPage } from "./pages/NotFoundPage";
import { applicationRoutes } from "./pages/applications/routes";
import { lazyPage } from "./lazyPage";

const ProgrammePage = lazyPage(() => import("./components/ProgrammePage"), "ProgrammePage");
const CreateProgrammePage = lazyPage(() => import("./features/programmes/CreateProgrammePage"), "CreateProgrammePage");
const EditProgrammePage = lazyPage(() => import("./features/programmes/EditProgrammePage"), "EditProgrammePage");
const ChangeSessionPage = lazyPage(() => import("./features/sessions/ChangeSessionPage"), "ChangeSessionPage");
const ApiKeysPage = lazyPage(() => import("./pages/admin/ApiKeysPage"), "ApiKeysPage");
const WebhookRoutes = lazyPage(() => import("./features/webhooks/WebhookRoutes"), "WebhookRoutes");
const AuditPage = lazyPage(() => import("./features/audit/AuditPage"), "AuditPage");
const CalendarPage = lazyPage(() => import("./pages/CalendarPage"), "CalendarPage");
const PrivacyNoticePage = lazyPage(() => import("./pages/notices/PrivacyNoticePage"), "PrivacyNoticePage");
const CookiesPage = lazyPage(() => import("./pages/notices/CookiesPage"), "CookiesPage");
const AccessibilityStatementPage = lazyPage(
  () => import("./pages/notices/AccessibilityStatementPage"),
  "AccessibilityStatementPage",
);
const DevelopersPage = lazyPage(() => import("./pages/DevelopersPage"), "DevelopersPage");
const SchoolPage = lazyPage(() => import("./pages/SchoolPage"), "SchoolPage");
const SchoolsPage = lazyPage(() => import("./pages/SchoolsPage"), "SchoolsPage");
const SignInPage = lazyPage(() => import("./pages/SignInPage"), "SignInPage");
const ReviewApplicationsPage = lazyPage(() => import("./pages/admin/ReviewApplicationsPage"), "ReviewApplicationsPage");
const AttendancePage = lazyPage(() => import("./pages/workGroups/AttendancePage"), "AttendancePage");
const PlanSessionsPage = lazyPage(() => import("./pages/workGroups/PlanSessionsPage"), "PlanSessionsPage");
const WorkGroupPage = lazyPage(() => import("./pages/workGroups/WorkGroupPage"), "WorkGroupPage");
const WorkGroupsPage = lazyPage(() => import("./pages/workGroups/WorkGroupsPage"), "WorkGroupsPage");

/** The routes under App's catch-all: paths here match from the root, as App's do. */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="programmes/:id" element={<ProgrammePage />} />
      <Route path="programmes/new" element={<RequireRole roles={HUB_STAFF} audience="national and hub administrators" />}>
        <Route index element={<CreateProgrammePage />} />
      </Route>
      <Route path="programmes/:id/edit" element={<RequireRole roles={HUB_STAFF} audience="national and hub administrators" />}>
        <Route index element={<EditProgrammePage />} />
      </Route>
      <Route path="schools" element={<RequireRole roles={SCHOOL_READERS} audience="hub staff and school contacts" />}>
        <Route index element={<SchoolsPage />} />
        <Route path=":urn" element={<SchoolPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
      {applicationRoutes()}
      {grantsRoutes()}
      {reportsRoutes()}
      {accountsRoutes()}
      <Route
        path="work-groups"
        element={<RequireRole roles={WORK_GROUP_READERS} audience="hub staff and Mastery Specialists" />}
      >
        <Route index element={<WorkGroupsPage />} />
        <Route path=":id" element={<WorkGroupPage />} />
        <Route path=":id/plan" element={<RequireRole roles={HUB_STAFF} audience="the hub's staff" />}>
          <Route index element={<PlanSessionsPage />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
      <Route path="sessions/:id/change" element={<RequireRole roles={WORK_GROUP_READERS} audience="hub staff and the group's lead" />}>
        <Route index element={<ChangeSessionPage />} />
      </Route>
      <Route
        path="sessions/:id/attendance"
        element={<RequireRole roles={WORK_GROUP_READERS} audience="the hub's staff and the group's lead" />}
      >
        <Route index element={<AttendancePage />} />
      </Route>
      <Route path="calendar" element={<CalendarPage />} />
      <Route path="developers" element={<DevelopersPage />} />
      <Route path="privacy" element={<PrivacyNoticePage />} />
      <Route path="cookies" element={<CookiesPage />} />
      <Route path="accessibility" element={<AccessibilityStatementPage />} />
      <Route path="sign-in" element={<SignInPage />} />
      <Route path="admin" element={<RequireRole roles={HUB_STAFF} audience="national and hub administrators" />}>
        <Route index element={<Navigate to="/admin/api-keys" replace />} />
        <Route path="api-keys" element={<ApiKeysPage />} />
        <Route path="webhooks/*" element={<WebhookRoutes />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="applications" element={<ReviewApplicationsPage />} />
        {privacyRoutes()}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
