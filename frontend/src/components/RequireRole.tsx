import { Navigate, Outlet, useLocation } from "react-router-dom";
import type { Role } from "../api/client";
import { useMe } from "../api/queries";
import { hasRole, type ReturnState } from "../auth";
import { problemOf } from "../forms";
import { ForbiddenPage } from "../pages/ForbiddenPage";
import { ServiceProblemPage } from "../pages/ServiceProblemPage";
import { Layout } from "./Layout";

const TWO_FACTOR_SETUP = "/account/two-factor";

type Props = {
  roles: readonly Role[];
  /** Who the pages are for, to finish "This page is for …". */
  audience: string;
};

/**
 * A parent route for pages that only some roles may see: someone signed out is sent to
 * sign in (and brought back), someone without the role is told they cannot see the page.
 */
export function RequireRole({ roles, audience }: Props) {
  const me = useMe();
  const location = useLocation();

  if (me.isPending) {
    return (
      <Layout>
        <p className="govuk-body" role="status">
          Loading…
        </p>
      </Layout>
    );
  }
  if (me.isError) {
    const problem = problemOf(me.error);
    if (problem) return <ServiceProblemPage problem={problem} />;
    throw me.error;
  }
  if (me.data === null) {
    const state: ReturnState = { from: `${location.pathname}${location.search}`, required: true };
    return <Navigate to="/sign-in" replace state={state} />;
  }
  // An administrator who has yet to set up two-factor sign-in may do nothing else first.
  if (me.data.two_factor_due && location.pathname !== TWO_FACTOR_SETUP) return <Navigate to={TWO_FACTOR_SETUP} replace />;
  if (!hasRole(me.data, roles)) return <ForbiddenPage me={me.data} audience={audience} />;
  return <Outlet />;
}
