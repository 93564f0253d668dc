import type { ReleaseTimeReport } from "../../api/client";
import { formatDays } from "../../format";
import { TableHead } from "../TableHead";

/** Each member school's days of release from teachers present, its shortfall tagged. */
export function ReleaseTimeTable({ report }: { report: ReleaseTimeReport }) {
  const minimum = report.minimum_days;
  return (
    <>
      <p className="govuk-body">
        {minimum === null
          ? "The programme sets no minimum of release time."
          : `The programme asks each school to release teachers for at least ${formatDays(minimum)}.`}{" "}
        Days count the sessions that each school&apos;s teachers were present at.
      </p>
      {report.schools.length === 0 ? (
        <p className="govuk-body">The group has no member schools yet.</p>
      ) : (
        <div className="app-table-wrapper" role="region" aria-labelledby="release-caption" tabIndex={0}>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden" id="release-caption">
              Release time by school
            </caption>
            <TableHead columns={["School", { label: "Days released", numeric: true }, "Against the minimum"]} />
            <tbody className="govuk-table__body">
              {report.schools.map((school) => {
                const short = school.shortfall_days !== null && school.shortfall_days > 0;
                return (
                  <tr className={`govuk-table__row${short ? " app-row--shortfall" : ""}`} key={school.urn}>
                    <th scope="row" className="govuk-table__header">
                      {school.name}
                    </th>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{formatDays(school.days)}</td>
                    <td className="govuk-table__cell">
                      {school.shortfall_days === null ? (
                        "No minimum"
                      ) : short ? (
                        <strong className="govuk-tag govuk-tag--red">{formatDays(school.shortfall_days)} short</strong>
                      ) : (
                        <strong className="govuk-tag govuk-tag--green">Minimum met</strong>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
