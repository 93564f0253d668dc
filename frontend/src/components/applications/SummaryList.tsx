import type { ReactNode } from "react";
import { Link } from "react-router-dom";

export type SummaryRow = {
  key: string;
  value: ReactNode;
  /** A "Change" link to the page that asks it; its hidden text says what it changes. */
  change?: { to: string; what: string } | undefined;
};

/** A GOV.UK summary list: a record's answers, with a "Change" link on each where it can change. */
export function SummaryList({ rows, noBorder = false }: { rows: SummaryRow[]; noBorder?: boolean }) {
  const anyChange = rows.some((row) => row.change);
  return (
    <dl className={`govuk-summary-list${noBorder ? " govuk-summary-list--no-border" : ""}`}>
      {rows.map((row) => (
        <div
          className={`govuk-summary-list__row${anyChange && !row.change ? " govuk-summary-list__row--no-actions" : ""}`}
          key={row.key}
        >
          <dt className="govuk-summary-list__key">{row.key}</dt>
          <dd className="govuk-summary-list__value">{row.value}</dd>
          {row.change && (
            <dd className="govuk-summary-list__actions">
              <Link className="govuk-link" to={row.change.to}>
                Change<span className="govuk-visually-hidden"> {row.change.what}</span>
              </Link>
            </dd>
          )}
        </div>
      ))}
    </dl>
  );
}
