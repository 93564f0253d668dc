import type { ReactNode } from "react";
import { Layout } from "../../components/Layout";
import { usePageTitle } from "../../usePageTitle";

/** An emailed link that has expired or was used already: what to do instead. */
export function LinkGone({ what, children }: { what: string; children: ReactNode }) {
  usePageTitle("This link can no longer be used");
  return (
    <Layout>
      <h1 className="govuk-heading-l">This link can no longer be used</h1>
      <p className="govuk-body">{what} has expired or was used already.</p>
      <p className="govuk-body">{children}</p>
    </Layout>
  );
}
