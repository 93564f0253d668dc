import type { ReactNode } from "react";
import type { Problem } from "../../api/client";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Layout } from "../../components/Layout";
import { usePageTitle } from "../../usePageTitle";
import { ReportsNav } from "./ReportsNav";

/** A report page: its heading, the reports' navigation, the API's problem if it refused. */
export function ReportPage({ title, problem, children }: { title: string; problem: Problem | null; children: ReactNode }) {
  usePageTitle(title, { error: problem !== null });
  return (
    <Layout>
      {problem && <ErrorSummary problem={problem} fields={{ "/hub": { id: "hub" }, "/as_at": { id: "as_at-day" } }} />}
      <h1 className="govuk-heading-xl">{title}</h1>
      <ReportsNav />
      {children}
    </Layout>
  );
}

/** "Loading the figures…" while the API counts, said to screen readers too. */
export function Loading({ pending }: { pending: boolean }) {
  return pending ? (
    <p className="govuk-body" role="status">
      Loading the figures…
    </p>
  ) : null;
}
