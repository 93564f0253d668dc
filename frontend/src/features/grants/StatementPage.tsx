import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router-dom";
import { problemStatus, type Problem } from "../../api/client";
import { useMe } from "../../api/queries";
import { isoDate } from "../../calendar";
import { ErrorSummary } from "../../components/ErrorSummary";
import { DateInput } from "../../components/form/DateInput";
import { TextInput } from "../../components/form/TextInput";
import { Layout } from "../../components/Layout";
import { SuccessBanner } from "../../components/NotificationBanner";
import { WarningText } from "../../components/WarningText";
import { readDateParts, type DatePart } from "../../dateInput";
import { formatDate, formatDateTime } from "../../format";
import { bodyError, checksProblem, errorsByPointer, formText, problemOf } from "../../forms";
import { ForbiddenPage } from "../../pages/ForbiddenPage";
import { NotFoundPage } from "../../pages/NotFoundPage";
import { usePageTitle } from "../../usePageTitle";
import { idParam } from "../../workGroups";
import { statementCsvHref, useStatement, useStatementChange, type VersionedStatement } from "./api";
import { GrantsNav } from "./GrantsNav";
import { formatPounds, readPounds } from "./money";
import { claimPath, STATEMENTS_PATH } from "./paths";
import { ProblemMore } from "./ProblemMore";
import { lineKindLabels, statementStatusTags } from "./wording";

/** Hub staff: one month's statement, its lines and adjustments, and closing and paying it. */
export function StatementPage() {
  const id = idParam(useParams().id);
  const me = useMe();
  const read = useStatement(id);

  const forbidden = problemStatus(read.error) === 403;
  const notFound = id === null || problemStatus(read.error) === 404;
  const problem = problemOf(read.error);
  usePageTitle(forbidden || notFound || read.data ? null : "Statement", { error: problem !== null });

  if (forbidden) return <ForbiddenPage me={me.data ?? null} audience="national and hub administrators" />;
  if (notFound) return <NotFoundPage detail={problem?.detail ?? null} />;
  if (read.data) return <StatementDetails read={read.data} />;
  return (
    <Layout>
      {problem && <ErrorSummary problem={problem} />}
      <h1 className="govuk-heading-l">Statement</h1>
      {!problem && (
        <p className="govuk-body" role="status">
          Loading the statement…
        </p>
      )}
    </Layout>
  );
}

const FIELDS = {
  "/description": { id: "description" },
  "/amount_pence": { id: "amount" },
  "/paid_on": { id: "paid_on-day" },
  "/payment_reference": { id: "payment_reference" },
};

type News = { heading: string; at: number };

function StatementDetails({ read }: { read: VersionedStatement }) {
  const { statement, etag } = read;
  const change = useStatementChange();
  const [checks, setChecks] = useState<Problem | null>(null);
  const [wrongParts, setWrongParts] = useState<DatePart[]>([]);
  const [news, setNews] = useState<News | null>(null);
  const problem = checks ?? problemOf(change.error);
  const errors = errorsByPointer(problem);
  const tag = statementStatusTags[statement.status];
  const allowed = new Set(statement.allowed_actions);
  usePageTitle(`Statement for ${statement.month_label}`, { error: problem !== null });

  function begin(found: Problem | null): boolean {
    setChecks(found);
    setNews(null);
    change.reset();
    return found === null && !change.isPending;
  }

  function addAdjustment(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const description = formText(data, "description").trim();
    const amount = readPounds(formText(data, "amount"), { what: "the amount", signed: true, zero: false });
    const found = checksProblem([
      ...(description ? [] : [bodyError("/description", "Enter what the adjustment is for")]),
      ...(description.length > 300 ? [bodyError("/description", "Description must be 300 characters or fewer")] : []),
      ...(amount.error !== undefined ? [bodyError("/amount_pence", amount.error)] : []),
    ]);
    if (!begin(found) || amount.pence === undefined) return;
    change.mutate(
      { change: "adjustment", id: statement.id, etag, description, amountPence: amount.pence },
      {
        onSuccess: () => {
          form.reset();
          setNews({ heading: `Adjustment of ${formatPounds(amount.pence)} added`, at: Date.now() });
        },
      },
    );
  }

  function close(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!begin(null)) return;
    change.mutate(
      { change: "close", id: statement.id, etag },
      {
        onSuccess: () => {
          setNews({ heading: `The statement for ${statement.month_label} is closed for payment`, at: Date.now() });
        },
      },
    );
  }

  function pay(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const date = readDateParts(
      { day: formText(data, "paid_on-day"), month: formText(data, "paid_on-month"), year: formText(data, "paid_on-year") },
      "Payment date",
    );
    const reference = formText(data, "payment_reference").trim();
    const found = checksProblem([
      ...(date.kind === "empty" ? [bodyError("/paid_on", "Enter the payment date")] : []),
      ...(date.kind === "invalid" ? [bodyError("/paid_on", date.message)] : []),
      ...(reference ? [] : [bodyError("/payment_reference", "Enter the payment reference")]),
      ...(reference.length > 100 ? [bodyError("/payment_reference", "Payment reference must be 100 characters or fewer")] : []),
    ]);
    setWrongParts(date.kind === "invalid" ? date.parts : []);
    if (!begin(found) || date.kind !== "date") return;
    change.mutate(
      {
        change: "pay",
        id: statement.id,
        etag,
        body: { paid_on: isoDate({ year: date.year, month: date.month }, date.day), payment_reference: reference },
      },
      {
        onSuccess: () => {
          setNews({ heading: `The statement for ${statement.month_label} is paid`, at: Date.now() });
        },
      },
    );
  }

  const lineTotal = statement.lines.reduce((sum, line) => sum + line.amount.amount_pence, 0);
  const adjustmentTotal = statement.adjustments.reduce((sum, adjustment) => sum + adjustment.amount.amount_pence, 0);
  return (
    <Layout
      beforeContent={
        <Link to={STATEMENTS_PATH} className="govuk-back-link">
          Back to statements
        </Link>
      }
    >
      {problem && (
        <ErrorSummary problem={problem} fields={FIELDS}>
          <ProblemMore problem={problem} />
        </ErrorSummary>
      )}
      {news && !problem && <SuccessBanner key={news.at} heading={news.heading} />}
      <GrantsNav />
      <span className="govuk-caption-l">{statement.hub.name}</span>
      <h1 className="govuk-heading-l">
        Statement for {statement.month_label} <strong className={`govuk-tag ${tag.colour}`}>{tag.label}</strong>
      </h1>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Total</dt>
          <dd className="govuk-summary-list__value">
            <strong>{formatPounds(statement.total)}</strong>
          </dd>
        </div>
        {statement.paid_on && (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Paid</dt>
            <dd className="govuk-summary-list__value">
              {formatDate(statement.paid_on)}, reference {statement.payment_reference}
            </dd>
          </div>
        )}
      </dl>
      <p className="govuk-body">
        <a className="govuk-link" href={statementCsvHref(statement.id)} download>
          Download the statement as CSV<span className="govuk-visually-hidden"> for {statement.month_label}</span>
        </a>{" "}
        (for finance: every line and adjustment, and the total)
      </p>

      <h2 className="govuk-heading-m">Claims</h2>
      {statement.lines.length === 0 ? (
        <p className="govuk-body">No claims are on this statement yet. Add approved claims from their pages.</p>
      ) : (
        <div className="app-table-wrapper" role="region" aria-labelledby="lines-caption" tabIndex={0}>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden" id="lines-caption">
              Claims on this statement
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Claim
                </th>
                <th scope="col" className="govuk-table__header">
                  School
                </th>
                <th scope="col" className="govuk-table__header">
                  Programme
                </th>
                <th scope="col" className="govuk-table__header">
                  Line
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {statement.lines.map((line) => (
                <tr className="govuk-table__row" key={line.id}>
                  <th scope="row" className="govuk-table__header">
                    <Link className="govuk-link app-nowrap" to={claimPath(line.claim.id)}>
                      {line.claim.reference}
                    </Link>
                  </th>
                  <td className="govuk-table__cell">{line.school.name}</td>
                  <td className="govuk-table__cell">
                    {line.programme.title} ({line.programme.academic_year_label})
                  </td>
                  <td className="govuk-table__cell">{lineKindLabels[line.kind]}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric app-nowrap">{formatPounds(line.amount)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="govuk-table__row">
                <th scope="row" colSpan={4} className="govuk-table__header">
                  Claims in all
                </th>
                <td className="govuk-table__cell govuk-table__cell--numeric app-nowrap">
                  <strong>{formatPounds(lineTotal)}</strong>
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}

      <h2 className="govuk-heading-m">Adjustments</h2>
      {statement.adjustments.length === 0 ? (
        <p className="govuk-body">No adjustments.</p>
      ) : (
        <div className="app-table-wrapper" role="region" aria-labelledby="adjustments-caption" tabIndex={0}>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden" id="adjustments-caption">
              Adjustments
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  What for
                </th>
                <th scope="col" className="govuk-table__header">
                  Added
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {statement.adjustments.map((adjustment) => (
                <tr className="govuk-table__row" key={adjustment.id}>
                  <td className="govuk-table__cell">{adjustment.description}</td>
                  <td className="govuk-table__cell">
                    {formatDateTime(adjustment.created_at)}
                    {adjustment.created_by_name ? ` by ${adjustment.created_by_name}` : ""}
                  </td>
                  <td className="govuk-table__cell govuk-table__cell--numeric app-nowrap">
                    {formatPounds(adjustment.amount)}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="govuk-table__row">
                <th scope="row" colSpan={2} className="govuk-table__header">
                  Adjustments in all
                </th>
                <td className="govuk-table__cell govuk-table__cell--numeric app-nowrap">
                  <strong>{formatPounds(adjustmentTotal)}</strong>
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}

      {allowed.has("add_adjustment") && (
        <form method="post" onSubmit={addAdjustment} noValidate>
          <h3 className="govuk-heading-s">Add an adjustment</h3>
          <TextInput
            id="description"
            label="What is it for?"
            hint="Up to 300 characters, like Bank charge refunded"
            autoComplete="off"
            error={errors["/description"]}
          />
          <TextInput
            id="amount"
            label="Amount, in pounds"
            hint="Put a minus sign before an amount taken off the statement, like -25.00"
            inputClassName="govuk-input--width-10"
            inputMode="text"
            autoComplete="off"
            spellCheck={false}
            error={errors["/amount_pence"]}
          />
          <button type="submit" className="govuk-button govuk-button--secondary">
            Add the adjustment
          </button>
        </form>
      )}

      {allowed.has("close") && (
        <form method="post" onSubmit={close} noValidate>
          <h2 className="govuk-heading-m">Close for payment</h2>
          <WarningText>A closed statement takes no more claims or adjustments.</WarningText>
          <button type="submit" className="govuk-button">
            Close for payment
          </button>
        </form>
      )}

      {allowed.has("pay") && (
        <form method="post" onSubmit={pay} noValidate>
          <h2 className="govuk-heading-m">Mark paid</h2>
          <p className="govuk-body">
            Once the money has gone: each claim on it becomes paid, each clawback clawed back. A paid statement cannot
            change.
          </p>
          <DateInput
            id="paid_on"
            legend="Payment date"
            hint="For example, 27 1 2027"
            error={errors["/paid_on"]}
            errorParts={wrongParts}
          />
          <TextInput
            id="payment_reference"
            label="Payment reference"
            hint="The bank's reference for the payment, up to 100 characters"
            inputClassName="govuk-input--width-20"
            autoComplete="off"
            spellCheck={false}
            error={errors["/payment_reference"]}
          />
          <button type="submit" className="govuk-button">
            Mark paid
          </button>
        </form>
      )}
    </Layout>
  );
}
