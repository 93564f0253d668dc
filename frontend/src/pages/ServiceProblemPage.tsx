import type { Problem } from "../api/client";
import { ErrorSummary } from "../components/ErrorSummary";
import { Layout } from "../components/Layout";
import { usePageTitle } from "../usePageTitle";

/** When the service could not say who is signed in (it is down, or the network is). */
export function ServiceProblemPage({ problem }: { problem: Problem }) {
  usePageTitle("Sorry, there is a problem with the service", { error: true });
  return (
    <Layout>
      <ErrorSummary problem={problem} />
      <h1 className="govuk-heading-l">Sorry, there is a problem with the service</h1>
      <p className="govuk-body">Try again later.</p>
    </Layout>
  );
}
