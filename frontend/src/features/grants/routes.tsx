// The grants pages' routes, kept together so that App.tsx only mounts them.
import { Navigate, Route } from "react-router-dom";
import type { Role } from "../../api/client";
import { RequireRole } from "../../components/RequireRole";
import { NotFoundPage } from "../../pages/NotFoundPage";
import { HUB_STAFF } from "../../auth";
import { lazyPage } from "../../lazyPage";

const ClaimFormPage = lazyPage(() => import("./ClaimFormPage"), "ClaimFormPage");
const ClaimPage = lazyPage(() => import("./ClaimPage"), "ClaimPage");
const ClaimsQueuePage = lazyPage(() => import("./ClaimsQueuePage"), "ClaimsQueuePage");
const EntitlementsPage = lazyPage(() => import("./EntitlementsPage"), "EntitlementsPage");
const SchoolGrantsPage = lazyPage(() => import("./SchoolGrantsPage"), "SchoolGrantsPage");
const StatementPage = lazyPage(() => import("./StatementPage"), "StatementPage");
const StatementsPage = lazyPage(() => import("./StatementsPage"), "StatementsPage");
const SummaryPage = lazyPage(() => import("./SummaryPage"), "SummaryPage");

/** Who reads grants: a school's own contacts (their school's) and hub staff. Mastery Specialists do not. */
export const GRANT_READERS: readonly Role[] = ["school_contact", ...HUB_STAFF];

/**
 * /schools/:urn/grants (a school's grants, and its claim form) and /grants/… (the hub's claims,
 * statements and the national summary). A function that returns routes, not a component:
 * <Routes> reads its <Route> children directly.
 */
export function grantsRoutes() {
  return (
    <>
      <Route
        path="schools/:urn/grants"
        element={<RequireRole roles={GRANT_READERS} audience="the school's own contacts and Maths Hub staff" />}
      >
        <Route index element={<SchoolGrantsPage />} />
        <Route path=":entitlementId/claim" element={<ClaimFormPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
      <Route
        path="grants/claims/:id"
        element={<RequireRole roles={GRANT_READERS} audience="the school's own contacts and Maths Hub staff" />}
      >
        <Route index element={<ClaimPage />} />
      </Route>
      <Route path="grants" element={<RequireRole roles={HUB_STAFF} audience="national and hub administrators" />}>
        <Route index element={<Navigate to="/grants/claims" replace />} />
        <Route path="claims" element={<ClaimsQueuePage />} />
        <Route path="entitlements" element={<EntitlementsPage />} />
        <Route path="statements" element={<StatementsPage />} />
        <Route path="statements/:id" element={<StatementPage />} />
        <Route path="summary" element={<SummaryPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </>
  );
}
