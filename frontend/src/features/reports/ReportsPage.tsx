import { Link } from "react-router-dom";
import { Layout } from "../../components/Layout";
import { usePageTitle } from "../../usePageTitle";
import { REPORT_PAGES } from "./ReportsNav";

/** The reports a hub and the national centre act on, each with what it shows. */
export function ReportsPage() {
  usePageTitle("Reports");
  return (
    <Layout>
      <h1 className="govuk-heading-xl">Reports</h1>
      <p className="govuk-body">
        Each report has a chart, a table with the same numbers beside it, and a CSV download. Hub staff see their own
        hub; national administrators see every hub side by side and can open any one.
      </p>
      <ul className="govuk-list govuk-list--spaced">
        {REPORT_PAGES.map(({ to, label, about }) => (
          <li key={to}>
            <h2 className="govuk-heading-s govuk-!-margin-bottom-1">
              <Link className="govuk-link" to={to}>
                {label}
              </Link>
            </h2>
            <p className="govuk-body">{about}</p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
