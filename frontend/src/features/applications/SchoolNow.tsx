import { Link } from "react-router-dom";
import type { Journey } from "../../api/client";
import { ApplicationStatusTag } from "../../components/applications/ApplicationStatusTag";
import { academicYearLabel, formatDay } from "../../format";
import { SchoolGroupSummary } from "./SchoolGroupSummary";

/** What the school is doing now, from its journey: its applications and its Work Groups. */
export function SchoolNow({ journey }: { journey: Journey }) {
  return (
    <>
      <h2 className="govuk-heading-l govuk-!-margin-top-8">Applications</h2>
      {journey.applications.length === 0 ? (
        <p className="govuk-body">The school has not applied for a programme through this service.</p>
      ) : (
        <div className="app-table-wrapper" role="region" aria-labelledby="school-applications-caption" tabIndex={0}>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden" id="school-applications-caption">
              The school&apos;s applications, newest first
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
                  Submitted
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {journey.applications.map((application) => (
                <tr className="govuk-table__row" key={application.id}>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={`/applications/${String(application.id)}`}>
                      {application.reference}
                    </Link>
                  </td>
                  <td className="govuk-table__cell">
                    {application.programme_title}
                    <span className="govuk-body-s app-table__meta">{academicYearLabel(application.academic_year)}</span>
                  </td>
                  <td className="govuk-table__cell">
                    <ApplicationStatusTag status={application.status} />
                  </td>
                  <td className="govuk-table__cell">
                    {application.submitted_at ? formatDay(application.submitted_at) : "Not submitted"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2 className="govuk-heading-l govuk-!-margin-top-8">Work Groups</h2>
      {journey.work_groups.length === 0 ? (
        <p className="govuk-body">The school is not in a Work Group now.</p>
      ) : (
        journey.work_groups.map((group) => (
          <SchoolGroupSummary key={group.id} group={group} headingLevel={3} allSessions={false} />
        ))
      )}
    </>
  );
}
