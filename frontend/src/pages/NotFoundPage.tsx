import { Link } from "react-router-dom";
import { Layout } from "../components/Layout";
import { usePageTitle } from "../usePageTitle";

/** GOV.UK's "Page not found" pattern; also used for a programme the API does not know. */
export function NotFoundPage({ detail }: { detail?: string | null }) {
  usePageTitle("Page not found");
  return (
    <Layout>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Page not found</h1>
          {detail && <p className="govuk-body">{detail}</p>}
          <p className="govuk-body">If you typed the web address, check it is correct.</p>
          <p className="govuk-body">If you pasted the web address, check you copied the entire address.</p>
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
