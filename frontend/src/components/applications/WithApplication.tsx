import type { ReactNode } from "react";
import { useParams } from "react-router-dom";
import { useApplication, type Application, type ApplicationForm } from "../../api/applications";
import type { Programme } from "../../api/client";
import { useProgramme } from "../../api/queries";
import { problemOf } from "../../forms";
import { NotFoundPage } from "../../pages/NotFoundPage";
import { usePageTitle } from "../../usePageTitle";
import { ErrorSummary } from "../ErrorSummary";
import { Layout } from "../Layout";

export type LoadedApplication = {
  application: Application;
  /** The ETag it was read with: If-Match when saving. */
  etag: string | null;
  programme: Programme;
  form: ApplicationForm;
};

/** The id in the URL, or null when it cannot be an application's (the API would refuse it). */
export function applicationId(raw: string | undefined): number | null {
  if (!raw || !/^[1-9]\d{0,9}$/.test(raw)) return null;
  const id = Number(raw);
  return id <= 2_147_483_647 ? id : null;
}

type Props = {
  /** Read the application again every few seconds (while signatories are confirming). */
  poll?: (application: Application) => boolean;
  children: (loaded: LoadedApplication) => ReactNode;
};

/**
 * Reads the application in the URL (/applications/:id/…) and its programme (for the form's
 * questions), and renders the page once both are here: a loading line until then, "Page not
 * found" for an application the API does not show this person, the problem otherwise.
 */
export function WithApplication({ poll, children }: Props) {
  const id = applicationId(useParams().id);
  const query = useApplication(id, { poll });
  const programme = useProgramme(query.data?.application.programme.id ?? null);
  const problem = problemOf(query.error) ?? problemOf(programme.error);
  const notFound = id === null || problemOf(query.error)?.status === 404;
  const loaded = query.data && programme.data ? { ...query.data, programme: programme.data } : null;
  usePageTitle(notFound || loaded ? null : problem ? "Sorry, there is a problem" : "Application", {
    error: problem !== null,
  });

  if (notFound) return <NotFoundPage detail={problemOf(query.error)?.detail ?? null} />;
  if (loaded) return children({ ...loaded, form: loaded.programme.application_form });
  return (
    <Layout>
      {problem ? (
        <>
          <ErrorSummary problem={problem} />
          <h1 className="govuk-heading-l">Sorry, there is a problem</h1>
          <p className="govuk-body">We could not show this application. Try again later.</p>
        </>
      ) : (
        <p className="govuk-body" role="status">
          Loading application…
        </p>
      )}
    </Layout>
  );
}
