import { Layout } from "../../components/Layout";
import { usePageTitle } from "../../usePageTitle";

/** How accessible the service is, how it is checked, and how to report a problem. */
export function AccessibilityStatementPage() {
  usePageTitle("Accessibility statement");
  return (
    <Layout>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-xl">Accessibility statement</h1>
          <p className="govuk-body-l">
            The Maths Hubs run this service and want as many people as possible to be able to use it.
          </p>
          <p className="govuk-body">You should be able to:</p>
          <ul className="govuk-list govuk-list--bullet">
            <li>use every page with a keyboard alone</li>
            <li>zoom in up to 400% without text spilling off the screen, and use it on a phone 320 pixels wide</li>
            <li>use it with a screen reader: every field has a label and every table its headings</li>
            <li>read every chart&apos;s figures in the table beside it</li>
          </ul>
          <h2 className="govuk-heading-m">How accessible this service is</h2>
          <p className="govuk-body">
            We aim to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 to level AA. Every page is
            checked with the axe-core tool in automated browser tests at phone and desktop widths, and the application
            form is tested with a keyboard alone. The service has not yet been audited by an accessibility specialist,
            so we cannot yet say it fully meets the standard.
          </p>
          <h2 className="govuk-heading-m">Reporting a problem</h2>
          <p className="govuk-body">
            If you find a page you cannot use, or need information in another format, contact your Maths Hub: its
            details are on each programme&apos;s page. We will reply within 5 working days.
          </p>
          <h2 className="govuk-heading-m">Enforcement procedure</h2>
          <p className="govuk-body">
            The Equality and Human Rights Commission enforces the accessibility regulations. If you are not happy with
            how we respond to your complaint, contact the{" "}
            <a className="govuk-link" href="https://www.equalityadvisoryservice.com/">
              Equality Advisory and Support Service
            </a>
            .
          </p>
          <p className="govuk-body">This statement was prepared on 2 December 2026.</p>
        </div>
      </div>
    </Layout>
  );
}
