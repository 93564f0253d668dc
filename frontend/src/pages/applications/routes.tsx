// The application pages' routes, kept together so that App.tsx only mounts them.
import { Route } from "react-router-dom";
import type { Role } from "../../api/client";
import { RequireRole } from "../../components/RequireRole";
import { NotFoundPage } from "../NotFoundPage";
import { HUB_STAFF } from "../../auth";
import { lazyPage } from "../../lazyPage";

const DeleteDraftPage = lazyPage(() => import("../../features/applications/DeleteDraftPage"), "DeleteDraftPage");
const WithdrawPage = lazyPage(() => import("../../features/applications/WithdrawPage"), "WithdrawPage");
const ApplicationPage = lazyPage(() => import("./ApplicationPage"), "ApplicationPage");
const CheckAnswersPage = lazyPage(() => import("./CheckAnswersPage"), "CheckAnswersPage");
const CommitmentsPage = lazyPage(() => import("./CommitmentsPage"), "CommitmentsPage");
const MyApplicationsPage = lazyPage(() => import("./MyApplicationsPage"), "MyApplicationsPage");
const PeoplePage = lazyPage(() => import("./PeoplePage"), "PeoplePage");
const SchoolDetailsPage = lazyPage(() => import("./SchoolDetailsPage"), "SchoolDetailsPage");
const SignPage = lazyPage(() => import("./SignPage"), "SignPage");
const StatementPage = lazyPage(() => import("./StatementPage"), "StatementPage");
const SubmittedPage = lazyPage(() => import("./SubmittedPage"), "SubmittedPage");

/** School contacts apply for their school. */
export const APPLICANTS: readonly Role[] = ["school_contact"];

/** An application's pages: its school, and the hub's staff (who may help, and who decide). */
export const APPLICATION_READERS: readonly Role[] = ["school_contact", ...HUB_STAFF];

/**
 * /applications (a school contact's list), /applications/:id and its question pages, and the
 * signatory's page /sign/:token (public: the emailed link is the credential). A function that
 * returns routes, not a component: <Routes> reads its <Route> children directly.
 */
export function applicationRoutes() {
  return (
    <>
      <Route path="applications" element={<RequireRole roles={APPLICANTS} audience="school contacts" />}>
        <Route index element={<MyApplicationsPage />} />
      </Route>
      <Route
        path="applications/:id"
        element={<RequireRole roles={APPLICATION_READERS} audience="school contacts and the hub's staff" />}
      >
        <Route index element={<ApplicationPage />} />
        <Route path="school-details" element={<SchoolDetailsPage />} />
        <Route path="people" element={<PeoplePage />} />
        <Route path="statement" element={<StatementPage />} />
        <Route path="commitments" element={<CommitmentsPage />} />
        <Route path="check-answers" element={<CheckAnswersPage />} />
        <Route path="submitted" element={<SubmittedPage />} />
        <Route path="delete" element={<DeleteDraftPage />} />
        <Route path="withdraw" element={<WithdrawPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
      <Route path="sign/:token" element={<SignPage />} />
    </>
  );
}
