import { Link, useSearchParams } from "react-router-dom";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Layout } from "../../components/Layout";
import { SuccessBanner } from "../../components/NotificationBanner";
import { pageLinks, Pagination } from "../../components/Pagination";
import { formatDate, pluralise } from "../../formatBasics";
import { problemOf } from "../../forms";
import { usePageTitle } from "../../usePageTitle";
import { useExportSubjectAccessRequest, useSubjectAccessRequests, type SubjectAccessRequest } from "./api";

/** Today as YYYY-MM-DD in England, to compare with due dates. */
function todayInEngland(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
}

function Due({ request }: { request: SubjectAccessRequest }) {
  if (request.exported_at) return <strong className="govuk-tag govuk-tag--green">Answered</strong>;
  if (request.due_on < todayInEngland()) return <strong className="govuk-tag govuk-tag--red">Overdue</strong>;
  return <strong className="govuk-tag govuk-tag--yellow">Open</strong>;
}

/** The hub's subject access requests with the day each must be answered by, and their exports. */
export function SubjectAccessRequestsPage() {
  const [search] = useSearchParams();
  const requests = useSubjectAccessRequests(search.get("cursor"));
  const exporting = useExportSubjectAccessRequest();
  const problem = problemOf(exporting.error) ?? problemOf(requests.error);
  usePageTitle("Subject access requests", { error: problem !== null });
  const page = requests.data;

  return (
    <Layout>
      {problem && <ErrorSummary problem={problem} />}
      {exporting.data && (
        <SuccessBanner heading="Records downloaded" key={exporting.data.id}>
          <p className="govuk-body">
            The ZIP file holds every record that names {exporting.data.person_name}, as JSON and as CSV files. Send it
            to them securely.
          </p>
        </SuccessBanner>
      )}
      <h1 className="govuk-heading-xl">Subject access requests</h1>
      <p className="govuk-body">
        Each request must be answered within one month of receipt. Record a new one from the person&apos;s page in{" "}
        <Link className="govuk-link" to="/admin/people">
          People
        </Link>
        .
      </p>
      <p className="govuk-body" role="status">
        {requests.isPending ? "Loading requests…" : page ? pluralise(page.items.length, "request") : ""}
      </p>
      {page && page.items.length > 0 && (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Subject access requests, soonest due first</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Person
              </th>
              <th scope="col" className="govuk-table__header">
                Received
              </th>
              <th scope="col" className="govuk-table__header">
                Answer by
              </th>
              <th scope="col" className="govuk-table__header">
                Status
              </th>
              <th scope="col" className="govuk-table__header">
                <span className="govuk-visually-hidden">Records</span>
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {page.items.map((request) => (
              <tr className="govuk-table__row" key={request.id}>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`/admin/people/${String(request.person_id)}`}>
                    {request.person_name}
                  </Link>
                </td>
                <td className="govuk-table__cell">{formatDate(request.received_on)}</td>
                <td className="govuk-table__cell">{formatDate(request.due_on)}</td>
                <td className="govuk-table__cell">
                  <Due request={request} />
                </td>
                <td className="govuk-table__cell">
                  <button
                    type="button"
                    className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                    data-module="govuk-button"
                    disabled={exporting.isPending}
                    onClick={() => {
                      exporting.mutate(request);
                    }}
                  >
                    Download records<span className="govuk-visually-hidden"> of {request.person_name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination {...pageLinks(search, page?.next_cursor)} />
    </Layout>
  );
}
