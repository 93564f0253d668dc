import type { Session } from "../../api/client";
import { formatDate, formatTimeRange, meetingKindLabels } from "../../format";
import { placeOf } from "../../workGroups";

type Props = {
  session: Session | null;
  schoolNames: ReadonlyMap<string, string>;
};

/** The group's next session, where the eye lands first: what, when and where; or that none is to come. */
export function NextSession({ session, schoolNames }: Props) {
  return (
    <div className="app-next-session" role="region" aria-labelledby="next-session-heading">
      <h2 className="govuk-heading-m" id="next-session-heading">
        Next session
      </h2>
      {session ? (
        <>
          <p className="govuk-body-l govuk-!-font-weight-bold govuk-!-margin-bottom-2">{formatDate(session.date)}</p>
          <p className="govuk-body govuk-!-margin-bottom-2">{formatTimeRange(session.start_time, session.end_time)}</p>
          <p className="govuk-body govuk-!-margin-bottom-0">
            Session {session.number}: {meetingKindLabels[session.kind]}, {placeOf(session, schoolNames)}
          </p>
        </>
      ) : (
        <p className="govuk-body govuk-!-margin-bottom-0">No sessions to come.</p>
      )}
    </div>
  );
}
