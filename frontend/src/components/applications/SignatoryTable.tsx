import { signatoryStateLabels, type SignatoryRow } from "../../applications";
import { formatDay } from "../../format";

/** Who confirms the commitments, each with a tag: Confirmed, Waiting or Not sent yet. */
export function SignatoryTable({ rows, caption }: { rows: SignatoryRow[]; caption: string }) {
  return (
    <div className="app-table-wrapper" tabIndex={0} role="region" aria-label={caption}>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Name
            </th>
            <th scope="col" className="govuk-table__header">
              Role
            </th>
            <th scope="col" className="govuk-table__header">
              Status
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((row) => {
            const { label, colour } = signatoryStateLabels[row.state];
            return (
              <tr className="govuk-table__row" key={row.key}>
                <th scope="row" className="govuk-table__header app-break-words">
                  {row.name}
                  <span className="govuk-body-s app-table__meta govuk-!-font-weight-regular">{row.email}</span>
                </th>
                <td className="govuk-table__cell">{row.role}</td>
                <td className="govuk-table__cell">
                  <strong className={`govuk-tag ${colour}`}>{label}</strong>
                  {row.confirmedAt && (
                    <span className="govuk-body-s app-table__meta">on {formatDay(row.confirmedAt)}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
