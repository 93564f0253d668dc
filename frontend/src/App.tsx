import { useEffect, useRef } from "react";
import { Navigate, Route, Routes, useLocation } from "react-router-dom";
import { HUB_STAFF, SCHOOL_READERS, WORK_GROUP_READERS } from "./auth";
import { ProgrammePage } from "./components/ProgrammePage";
import { RequireRole } from "./components/RequireRole";
import { CreateProgrammePage } from "./features/programmes/CreateProgrammePage";
import { EditProgrammePage } from "./features/programmes/EditProgrammePage";
import { grantsRoutes } from "./features/grants/routes";
import { ChangeSessionPage } from "./features/sessions/ChangeSessionPage";
import { ApiKeysPage } from "./pages/admin/ApiKeysPage";
import { AuditPage } from "./features/audit/AuditPage";
import { CalendarPage } from "./pages/CalendarPage";
import { CataloguePage } from "./pages/CataloguePage";
import { DevelopersPage } from "./pages/DevelopersPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { SchoolPage } from "./pages/SchoolPage";
import { SchoolsPage } from "./pages/SchoolsPage";
import { SignInPage } from "./pages/SignInPage";
import { ReviewApplicationsPage } from "./pages/admin/ReviewApplicationsPage";
import { applicationRoutes } from "./pages/applications/routes";
import { AttendancePage } from "./pages/workGroups/AttendancePage";
import { PlanSessionsPage } from "./pages/workGroups/PlanSessionsPage";
import { WorkGroupPage } from "./pages/workGroups/WorkGroupPage";
import { WorkGroupsPage } from "./pages/workGroups/WorkGroupsPage";

/**
 * After a client-side move to another page, put focus at the start of the main content, as
 * a full page load would, so keyboard and screen reader users start at the new page.
 * Changes to the query string alone (filters, next page) leave focus where it is.
 */
function useFocusMainOnNavigate() {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    window.scrollTo(0, 0);
    document.getElementById("main-content")?.focus();
  }, [pathname]);
}

export function App() {
  useFocusMainOnNavigate();
  return (
    <Routes>
      <Route index element={<Navigate to="/programmes" replace />} />
      <Route path="programmes" element={<CataloguePage />} />
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
      <Route path="sign-in" element={<SignInPage />} />
      <Route path="admin" element={<RequireRole roles={HUB_STAFF} audience="national and hub administrators" />}>
        <Route index element={<Navigate to="/admin/api-keys" replace />} />
        <Route path="api-keys" element={<ApiKeysPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="applications" element={<ReviewApplicationsPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
