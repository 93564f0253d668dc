import { Link, useLocation, useSearchParams } from "react-router-dom";
import { useApplications } from "../../api/applications";
import { ApplicationStatusTag } from "../../components/applications/ApplicationStatusTag";
import { isSavedState } from "../../components/applications/QuestionPage";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Layout } from "../../components/Layout";
import { SuccessBanner } from "../../components/NotificationBanner";
import { pageLinks, Pagination } from "../../components/Pagination";
import { academicYearLabel, pluralise } from "../../format";
import { problemOf } from "../../forms";
import { usePageTitle } from "../../usePageTitle";

const PAGE_SIZE = 50;

function isDeletedState(state: unknown): state is { deleted: string } {
  return typeof state === "object" && state !== null && typeof (state as { deleted?: unknown }).deleted === "string";
}

/** A school contact's applications: each programme, its status and what happens next. */
export function MyApplicationsPage() {
  const [search] = useSearchParams();
  const cursor = search.get("cursor");
  const list = useApplications({ limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
  const state: unknown = useLocation().state;
  const problem = problemOf(list.error);
  usePageTitle("My applications", { error: problem !== null });
  const page = list.data;

  return (
    <Layout>
      {problem && <ErrorSummary problem={problem} />}
      {isDeletedState(state) && (
        <SuccessBanner heading="Your draft application has been deleted">
          <p className="govuk-body">The draft {state.deleted} is deleted.</p>
        </SuccessBanner>
      )}
      {isSavedState(state) && (
        <SuccessBanner heading="Your application has been saved">
          <p className="govuk-body">
            Your answers for {state.saved} are saved. Come back to them here whenever you are ready.
          </p>
        </SuccessBanner>
      )}
      <h1 className="govuk-heading-xl">My applications</h1>
      {list.isPending && (
        <p className="govuk-body" role="status">
          Loading applications…
        </p>
      )}
      {page && page.items.length === 0 && (
        <p className="govuk-body">
          Your school has not applied for a programme yet.{" "}
          <Link className="govuk-link" to="/programmes?status=open">
            Find a programme that is open for applications
          </Link>
          .
        </p>
      )}
      {page && page.items.length > 0 && (
        <div className="app-table-wrapper" tabIndex={0} role="region" aria-labelledby="my-applications-caption">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--m" id="my-applications-caption">
              {pluralise(page.items.length, "application")}
              {cursor !== null || page.next_cursor !== null ? " on this page" : ""}
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Reference
                </th>
                <th scope="col" className="govuk-table__header">
                  Programme
                </th>
                <th scope="col" className="govuk-table__header">
                  Status
                </th>
                <th scope="col" className="govuk-table__header">
                  Next step
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {page.items.map((application) => (
                <tr className="govuk-table__row" key={application.id}>
                  <td className="govuk-table__cell">{application.reference}</td>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={`/applications/${String(application.id)}`}>
                      {application.programme.title}
                    </Link>
                    <span className="govuk-body-s app-table__meta">
                      {academicYearLabel(application.programme.academic_year)}
                    </span>
                  </td>
                  <td className="govuk-table__cell">
                    <ApplicationStatusTag status={application.status} />
                  </td>
                  <td className="govuk-table__cell">{application.next_step}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page && <Pagination {...pageLinks(search, page.next_cursor)} />}
    </Layout>
  );
}
