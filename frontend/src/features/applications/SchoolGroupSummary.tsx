import type { GroupSession, SchoolGroup } from "../../api/applications";
import { academicYearLabel, formatDate, formatTimeRange } from "../../format";

/** "Thursday 20 January 2028, 1:30pm to 4pm, at Member School 1". */
export function sessionLine(session: GroupSession): string {
  const where = session.host_school ? `, at ${session.host_school}` : session.online_url ? ", online" : "";
  return `${formatDate(session.date)}, ${formatTimeRange(session.start_time, session.end_time)}${where}`;
}

type Props = {
  group: SchoolGroup;
  /** The heading's level: the group sits under the page's own headings. */
  headingLevel?: 2 | 3;
  /** Show every session (the application page), or the next one only (lists of groups). */
  allSessions?: boolean;
};

/** A Work Group as its school sees it: its name, its lead, the next session and the rest. */
export function SchoolGroupSummary({ group, headingLevel = 2, allSessions = true }: Props) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const headingId = `group-${String(group.id)}-title`;
  return (
    <section aria-labelledby={headingId} className="govuk-!-margin-bottom-6">
      <Heading className={headingLevel === 2 ? "govuk-heading-m" : "govuk-heading-s"} id={headingId}>
        {group.name}
      </Heading>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Programme</dt>
          <dd className="govuk-summary-list__value">
            {group.programme_title} ({academicYearLabel(group.academic_year)})
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Led by</dt>
          <dd className="govuk-summary-list__value">{group.lead_name}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Next session</dt>
          <dd className="govuk-summary-list__value">
            {group.next_session ? sessionLine(group.next_session) : "No session planned yet"}
          </dd>
        </div>
      </dl>
      {allSessions && group.sessions.length > 0 && (
        <div className="app-table-wrapper" tabIndex={0} role="region" aria-labelledby={`${headingId}-sessions`}>
          <table className="govuk-table app-table--small">
            <caption className="govuk-table__caption govuk-table__caption--s" id={`${headingId}-sessions`}>
              Sessions of {group.name}
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Session
                </th>
                <th scope="col" className="govuk-table__header">
                  When and where
                </th>
                <th scope="col" className="govuk-table__header">
                  Status
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {group.sessions.map((session) => (
                <tr className="govuk-table__row" key={session.number}>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{session.number}</td>
                  <td className="govuk-table__cell">{sessionLine(session)}</td>
                  <td className="govuk-table__cell">
                    {session.status === "cancelled" ? (
                      <strong className="govuk-tag govuk-tag--red">Cancelled</strong>
                    ) : (
                      <strong className="govuk-tag govuk-tag--blue">Planned</strong>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
