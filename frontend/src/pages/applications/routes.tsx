// The application pages' routes, kept together so that App.tsx only mounts them.
import { Route } from "react-router-dom";
import type { Role } from "../../api/client";
import { HUB_STAFF } from "../../auth";
import { RequireRole } from "../../components/RequireRole";
import { DeleteDraftPage } from "../../features/applications/DeleteDraftPage";
import { WithdrawPage } from "../../features/applications/WithdrawPage";
import { NotFoundPage } from "../NotFoundPage";
import { ApplicationPage } from "./ApplicationPage";
import { CheckAnswersPage } from "./CheckAnswersPage";
import { CommitmentsPage } from "./CommitmentsPage";
import { MyApplicationsPage } from "./MyApplicationsPage";
import { PeoplePage } from "./PeoplePage";
import { SchoolDetailsPage } from "./SchoolDetailsPage";
import { SignPage } from "./SignPage";
import { StatementPage } from "./StatementPage";
import { SubmittedPage } from "./SubmittedPage";

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
