import { Link, useLocation } from "react-router-dom";
import type { School } from "../../api/client";

/** A GIAS status as a tag: open schools green, closed grey, the rest (proposed changes) yellow. */
export function SchoolStatusTag({ status }: { status: string }) {
  const colour =
    status.toLowerCase() === "open"
      ? "govuk-tag--green"
      : status.toLowerCase() === "closed"
        ? "govuk-tag--grey"
        : "govuk-tag--yellow";
  return <strong className={`govuk-tag ${colour}`}>{status}</strong>;
}

/** Schools found in the register, as a GOV.UK table that scrolls inside itself when narrow. */
export function SchoolTable({ schools }: { schools: School[] }) {
  const location = useLocation();
  // The school page's back link returns to this search, page included.
  const from = `${location.pathname}${location.search}`;
  return (
    <div className="app-table-wrapper" role="region" aria-labelledby="schools-caption" tabIndex={0}>
      <table className="govuk-table app-table--small">
        <caption className="govuk-table__caption govuk-visually-hidden" id="schools-caption">
          Schools
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              School
            </th>
            <th scope="col" className="govuk-table__header">
              Type and phase
            </th>
            <th scope="col" className="govuk-table__header">
              Where
            </th>
            <th scope="col" className="govuk-table__header">
              Status
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {schools.map((school) => (
            <tr className="govuk-table__row" key={school.urn}>
              <td className="govuk-table__cell">
                <Link className="govuk-link" to={`/schools/${school.urn}`} state={{ from }}>
                  {school.name}
                </Link>
                <span className="app-table__meta">URN {school.urn}</span>
              </td>
              <td className="govuk-table__cell">
                {school.type_of_establishment}
                <span className="app-table__meta">{school.phase_of_education}</span>
              </td>
              <td className="govuk-table__cell">
                {[school.town, school.postcode].filter(Boolean).join(", ") || "Not recorded"}
                {school.local_authority && <span className="app-table__meta">{school.local_authority.name}</span>}
              </td>
              <td className="govuk-table__cell">
                <SchoolStatusTag status={school.status} />
                <span className="app-table__meta">{school.state_funded ? "State-funded" : "Not state-funded"}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
