import { Link } from "react-router-dom";
import { problemStatus } from "../../api/client";
import { useMe } from "../../api/queries";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Layout } from "../../components/Layout";
import { TableHead } from "../../components/TableHead";
import { formatDate, pluralise } from "../../format";
import { problemOf } from "../../forms";
import { ForbiddenPage } from "../../pages/ForbiddenPage";
import { usePageTitle } from "../../usePageTitle";
import { useStatements } from "./api";
import { GrantsNav } from "./GrantsNav";
import { formatPounds } from "./money";
import { statementPath } from "./paths";
import { statementStatusTags } from "./wording";

/** Hub staff: the hub's monthly statements, newest first, each with its status and total. */
export function StatementsPage() {
  const me = useMe();
  const statements = useStatements({});
  const problem = problemOf(statements.error);
  usePageTitle("Payment statements", { error: problem !== null });

  if (problemStatus(statements.error) === 403) {
    return <ForbiddenPage me={me.data ?? null} audience="national and hub administrators" />;
  }

  // The API lists oldest first; the latest month matters most here.
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
      <h2 className="govuk-heading-m">
        {statements.data ? pluralise(items.length, "statement") : "Statements"}
      </h2>
      {statements.isPending && !problem && (
        <p className="govuk-body" role="status">
          Loading statements…
        </p>
      )}
      {statements.data && items.length === 0 && (
        <p className="govuk-body">
          There are no statements yet. One is started when an approved claim is added to a statement from its page.
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
    </Layout>
  );
}
