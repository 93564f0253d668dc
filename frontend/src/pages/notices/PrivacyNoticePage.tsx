import { Layout } from "../../components/Layout";
import { usePageTitle } from "../../usePageTitle";

/** What personal data the service holds, why, for how long, and people's rights over it. */
const KEPT: [string, string, string][] = [
  ["Applications that were not selected, or withdrawn", "1 year after the decision", "Names and statements redacted"],
  ["Applications that were selected", "3 years after the decision", "Names and statements redacted"],
  ["People with no group or session for 3 years", "3 years after their last activity", "Erased (redacted)"],
  ["Attendance registers", "6 years after the session", "Deleted"],
  ["The audit log of changes", "6 years after the change", "Deleted"],
  ["Copies of emails sent", "1 year after sending", "Deleted"],
  ["Grant claims and payments", "6 years after the end of the financial year (31 March)", "Names redacted, amounts kept"],
];

export function PrivacyNoticePage() {
  usePageTitle("Privacy notice");
  return (
    <Layout>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-xl">Privacy notice</h1>
          <p className="govuk-body-l">
            How the Maths Hubs use the personal data this service holds about teachers, school leaders and
            specialists, and the rights you have over it under the UK General Data Protection Regulation.
          </p>
          <h2 className="govuk-heading-m">Who is responsible for your data</h2>
          <p className="govuk-body">
            The Maths Hub that runs the programme you applied to or take part in is the controller of your data. Its
            contact details are on each programme&apos;s page.
          </p>
          <h2 className="govuk-heading-m">What we hold and why</h2>
          <ul className="govuk-list govuk-list--bullet">
            <li>your name, email address, school and role, to run the programmes you take part in</li>
            <li>applications and their statements, and who confirmed the commitments, to select schools</li>
            <li>attendance at sessions, to run Work Groups and to pay grants for teachers&apos; release time</li>
            <li>grant claims and payments, which the law on accounting records asks us to keep</li>
            <li>a log of who changed what, to keep the records trustworthy</li>
          </ul>
          <p className="govuk-body">
            We use it because it is needed for a task in the public interest: the Department for Education funds the
            Maths Hubs to run these programmes (UK GDPR Article 6(1)(e)). Feedback and evaluation data is anonymised
            before it is shared with evaluators: they see pseudonymous ids, never names or email addresses.
          </p>
          <h2 className="govuk-heading-m">How long we keep it</h2>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--s">The retention schedule</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Record
                </th>
                <th scope="col" className="govuk-table__header">
                  Kept for
                </th>
                <th scope="col" className="govuk-table__header">
                  Then
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {KEPT.map(([record, period, then]) => (
                <tr className="govuk-table__row" key={record}>
                  <td className="govuk-table__cell">{record}</td>
                  <td className="govuk-table__cell">{period}</td>
                  <td className="govuk-table__cell">{then}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2 className="govuk-heading-m">Your rights</h2>
          <p className="govuk-body">
            You can ask your Maths Hub for a copy of the data it holds about you (we answer within one month), to
            correct it, or to erase it. We erase by redacting your name, email address and what you wrote wherever
            they appear; counts stay so that reports do not change. We may have to wait while the law needs the data,
            for example until a grant claim has been paid.
          </p>
          <p className="govuk-body">
            If you are unhappy with how we used your data, you can complain to the{" "}
            <a className="govuk-link" href="https://ico.org.uk/make-a-complaint/">
              Information Commissioner&apos;s Office
            </a>
            .
          </p>
        </div>
      </div>
    </Layout>
  );
}
