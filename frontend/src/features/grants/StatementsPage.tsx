import type { FormEvent } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { problemStatus } from "../../api/client";
import { useHubs, useMe } from "../../api/queries";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Select } from "../../components/form/Select";
import { Layout } from "../../components/Layout";
import { pageLinks, Pagination } from "../../components/Pagination";
import { TableHead } from "../../components/TableHead";
import { formatDate, isKeyOf, pluralise } from "../../format";
import { problemOf } from "../../forms";
import { ForbiddenPage } from "../../pages/ForbiddenPage";
import { usePageTitle } from "../../usePageTitle";
import { useStatements, type StatementFilters, type StatementStatus } from "./api";
import { GrantsNav } from "./GrantsNav";
import { formatPounds } from "./money";
import { statementPath, STATEMENTS_PATH } from "./paths";
import { statementStatusTags } from "./wording";

const statusNames = Object.fromEntries(
  Object.entries(statementStatusTags).map(([status, tag]) => [status, tag.label]),
) as Record<StatementStatus, string>;

/** The filters in the URL as the API's query: a status, a hub (national administrators), the page. */
export function readStatementFilters(search: URLSearchParams): StatementFilters {
  const filters: StatementFilters = {};
  const status = search.get("status");
  const hub = search.get("hub");
  const cursor = search.get("cursor");
  if (isKeyOf(statusNames, status)) filters.status = status;
  if (hub) filters.hub = hub;
  if (cursor) filters.cursor = cursor;
  return filters;
}

/** Hub staff: the hub's monthly statements, newest first, each with its status and total. */
export function StatementsPage() {
  const me = useMe();
  const [search, setSearch] = useSearchParams();
  const filters = readStatementFilters(search);
  const statements = useStatements(filters);
  const hubs = useHubs();
  const problem = problemOf(statements.error);
  usePageTitle("Payment statements", { error: problem !== null });

  if (problemStatus(statements.error) === 403) {
    return <ForbiddenPage me={me.data ?? null} audience="national and hub administrators" />;
  }

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = new URLSearchParams();
    for (const [name, value] of new FormData(event.currentTarget)) {
      if (typeof value === "string" && value !== "") values.set(name, value);
    }
    setSearch(values);
  }

  // The API lists oldest first; the latest month matters most here (on each page).
  const items = [...(statements.data?.items ?? [])].reverse();
  const allHubs = me.data?.role === "national_admin";
  return (
    <Layout>
      {problem && <ErrorSummary problem={problem} />}
      <h1 className="govuk-heading-xl">Payment statements</h1>
      <GrantsNav />
      <p className="govuk-body">
        One statement per hub and month. Approved claims go on the open statement; close it for payment, then mark it
        paid once the money has gone. A clawback goes on the next open statement as a negative line.
      </p>
      <form method="get" action={STATEMENTS_PATH} onSubmit={apply} noValidate key={search.toString()}>
        <Select
          id="status"
          label="Status"
          empty="Any status"
          options={Object.entries(statusNames).map(([value, label]) => ({ value, label }))}
          defaultValue={filters.status ?? ""}
        />
        {allHubs && (
          <Select
            key={hubs.data?.items.length ?? 0}
            id="hub"
            label="Maths Hub"
            empty="Every hub"
            options={(hubs.data?.items ?? []).map((hub) => ({ value: hub.id, label: hub.name }))}
            defaultValue={filters.hub ?? ""}
          />
        )}
        <button type="submit" className="govuk-button govuk-button--secondary">
          Show statements
        </button>
      </form>
      <h2 className="govuk-heading-m">
        {statements.data
          ? pluralise(items.length, "statement") + (statements.data.next_cursor || filters.cursor ? " on this page" : "")
          : "Statements"}
      </h2>
      {statements.isPending && !problem && (
        <p className="govuk-body" role="status">
          Loading statements…
        </p>
      )}
      {statements.data && items.length === 0 && (
        <p className="govuk-body">
          No statements match. A statement is started when an approved claim is added to one from the claim&apos;s
          page.
        </p>
      )}
      {items.length > 0 && (
        <div className="app-table-wrapper" role="region" aria-labelledby="statements-caption" tabIndex={0}>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden" id="statements-caption">
              Payment statements
            </caption>
            <TableHead
              columns={[
                "Month",
                ...(allHubs ? ["Maths Hub"] : []),
                "Status",
                { label: "Lines", numeric: true },
                { label: "Total", numeric: true },
                "Paid",
              ]}
            />
            <tbody className="govuk-table__body">
              {items.map((statement) => (
                <tr className="govuk-table__row" key={statement.id}>
                  <th scope="row" className="govuk-table__header">
                    <Link className="govuk-link" to={statementPath(statement.id)}>
                      {statement.month_label}
                      {allHubs && <span className="govuk-visually-hidden">, {statement.hub.name}</span>}
                    </Link>
                  </th>
                  {allHubs && <td className="govuk-table__cell">{statement.hub.name}</td>}
                  <td className="govuk-table__cell">
                    <strong className={`govuk-tag ${statementStatusTags[statement.status].colour}`}>
                      {statementStatusTags[statement.status].label}
                    </strong>
                  </td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{statement.line_count}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric app-nowrap">{formatPounds(statement.total)}</td>
                  <td className="govuk-table__cell">
                    {statement.paid_on ? `${formatDate(statement.paid_on)}, ${statement.payment_reference ?? ""}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {statements.data && <Pagination {...pageLinks(search, statements.data.next_cursor)} />}
    </Layout>
  );
}
