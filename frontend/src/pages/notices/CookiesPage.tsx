import { Layout } from "../../components/Layout";
import { usePageTitle } from "../../usePageTitle";

/** The service sets one cookie, and only when someone signs in. */
export function CookiesPage() {
  usePageTitle("Cookies");
  return (
    <Layout>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-xl">Cookies</h1>
          <p className="govuk-body-l">
            This service sets only the one cookie it needs to keep you signed in. It sets no analytics or advertising
            cookies, so there is nothing to accept or reject.
          </p>
          <h2 className="govuk-heading-m">Essential cookies</h2>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Cookies this service sets</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Name
                </th>
                <th scope="col" className="govuk-table__header">
                  Purpose
                </th>
                <th scope="col" className="govuk-table__header">
                  Expires
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              <tr className="govuk-table__row">
                <td className="govuk-table__cell">mh_session</td>
                <td className="govuk-table__cell">
                  Keeps you signed in. Set when you sign in, removed when you sign out. Scripts cannot read it, and it
                  is sent only to this service.
                </td>
                <td className="govuk-table__cell">12 hours</td>
              </tr>
            </tbody>
          </table>
          <p className="govuk-body">
            You do not need to sign in to find a programme or check a school&apos;s eligibility, so visitors who only
            do that get no cookie at all.
          </p>
        </div>
      </div>
    </Layout>
  );
}
