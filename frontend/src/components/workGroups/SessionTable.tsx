import { Link } from "react-router-dom";
import type { Session } from "../../api/client";
import { formatDate, formatTimeRange, meetingKindLabels } from "../../format";
import { placeOf, registerSaid } from "../../workGroups";
import { SessionStatusTag } from "./Tags";
import { TableHead, type Column } from "../TableHead";

const COLUMNS: Column[] = ["Session", "Kind", "Date", "Time", "Place", "Status", "Register"];

type Props = {
  sessions: Session[];
  schoolNames: ReadonlyMap<string, string>;
  /** Hub staff and the group's lead: a "Record attendance" link on each session that was not cancelled. */
  attendanceLinks: boolean;
  /** The next session's id, marked in its row. */
  nextId: number | null;
  /** Hub staff and the group's lead: a "Change or cancel" link on each session not cancelled. */
  changeLinks?: boolean;
};

/** A group's sessions in order; cancelled ones struck through and tagged. */
export function SessionTable({ sessions, schoolNames, attendanceLinks, nextId, changeLinks = false }: Props) {
  const columns: Column[] = [
    ...COLUMNS,
    ...(attendanceLinks ? [{ label: "Attendance", hidden: true }] : []),
    ...(changeLinks ? [{ label: "Change", hidden: true }] : []),
  ];
  return (
    <div className="app-table-wrapper" role="region" aria-labelledby="sessions-caption" tabIndex={0}>
      <table className="govuk-table app-table--small app-table--stacked">
        <caption className="govuk-table__caption govuk-visually-hidden" id="sessions-caption">
          The group&apos;s sessions
        </caption>
        <TableHead columns={columns} />
        <tbody className="govuk-table__body">
          {sessions.map((session) => {
            const cancelled = session.status === "cancelled";
            const cell = `govuk-table__cell${cancelled ? " app-struck" : ""}`;
            return (
              <tr className="govuk-table__row" key={session.id}>
                <th scope="row" className="govuk-table__header" data-label="Session">
                  {session.number}
                  {session.id === nextId && <strong className="govuk-tag app-table__meta">Next</strong>}
                </th>
                <td className="govuk-table__cell" data-label="Kind">
                  {meetingKindLabels[session.kind]}
                </td>
                <td className={cell} data-label="Date">
                  {formatDate(session.date)}
                </td>
                <td className={cell} data-label="Time">
                  {formatTimeRange(session.start_time, session.end_time)}
                </td>
                <td className={cell} data-label="Place">
                  {placeOf(session, schoolNames)}
                </td>
                <td className="govuk-table__cell" data-label="Status">
                  <SessionStatusTag status={session.status} />
                </td>
                <td className="govuk-table__cell">{cancelled ? "" : registerSaid(session)}</td>
                {attendanceLinks && (
                  <td className="govuk-table__cell" data-label="">
                    {!cancelled && (
                      <Link className="govuk-link" to={`/sessions/${String(session.id)}/attendance`}>
                        Record attendance<span className="govuk-visually-hidden"> for session {session.number}</span>
                      </Link>
                    )}
                  </td>
                )}
                {changeLinks && (
                  <td className="govuk-table__cell">
                    {!cancelled && (
                      <Link className="govuk-link" to={`/sessions/${String(session.id)}/change`}>
                        Change or cancel<span className="govuk-visually-hidden"> session {session.number}</span>
                      </Link>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
