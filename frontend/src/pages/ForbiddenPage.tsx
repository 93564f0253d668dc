import { Link } from "react-router-dom";
import type { Me } from "../api/client";
import { roleLabels } from "../format";
import { Layout } from "../components/Layout";
import { usePageTitle } from "../usePageTitle";

/** For a signed-in person whose role does not include the page they asked for. */
export function ForbiddenPage({ me, audience }: { me: Me | null; audience: string }) {
  usePageTitle("You cannot see this page");
  return (
    <Layout>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">You cannot see this page</h1>
          <p className="govuk-body">This page is for {audience}.</p>
          {me && (
            <p className="govuk-body">
              You are signed in as {me.name}
              {me.role ? `, ${roleLabels[me.role]}` : ""}.
            </p>
          )}
          <p className="govuk-body">
            If you think you should be able to see it, ask your hub administrator.
          </p>
          <p className="govuk-body">
            You can{" "}
            <Link className="govuk-link" to="/programmes">
              find a programme in the list of programmes
            </Link>
            .
          </p>
        </div>
      </div>
    </Layout>
  );
}
