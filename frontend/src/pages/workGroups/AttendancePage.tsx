import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router-dom";
import { problemStatus, type AttendanceRecord, type Problem, type Session, type WorkGroup } from "../../api/client";
import { useMe } from "../../api/queries";
import { useAttendance, useRecordAttendance, useSession, useWorkGroup } from "../../api/workGroups";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Layout } from "../../components/Layout";
import { SuccessBanner } from "../../components/NotificationBanner";
import { AttendanceRadios } from "../../components/workGroups/AttendanceRadios";
import { formatDate, formatTimeRange, meetingKindLabels } from "../../format";
import { checksProblem, errorsByPointer, problemOf } from "../../forms";
import { usePageTitle } from "../../usePageTitle";
import {
  attendanceFields,
  attendanceRequest,
  attendanceSummary,
  everyonePresent,
  hasStarted,
  idParam,
  personWithSchool,
  placeOf,
  registerOf,
  schoolNames,
  type Register,
} from "../../workGroups";
import { ForbiddenPage } from "../ForbiddenPage";
import { NotFoundPage } from "../NotFoundPage";

const TITLE = "Record attendance";

/**
 * Hub staff and the group's lead Mastery Specialist: who came to a session, one set of radios
 * per participant ("Mark everyone present", then adjust), saved with one button. Before the
 * session starts only absence with apologies is recorded. Made for a phone at 375px: the radios
 * stack, the buttons take the full width.
 */
export function AttendancePage() {
  const id = idParam(useParams().id);
  const me = useMe();
  const session = useSession(id);
  const group = useWorkGroup(session.data?.work_group_id ?? null);
  const attendance = useAttendance(id);

  const errors = [session.error, group.error, attendance.error];
  const forbidden = errors.some((error) => problemStatus(error) === 403);
  const notFound = id === null || errors.some((error) => problemStatus(error) === 404);
  const problem = errors.map(problemOf).find((found) => found !== null) ?? null;
  const loaded = session.data && group.data && attendance.data;
  // Once loaded, the register says the title (it knows whether it shows an error).
  usePageTitle(forbidden || notFound || loaded ? null : TITLE, { error: problem !== null });

  if (forbidden) return <ForbiddenPage me={me.data ?? null} audience="the hub's staff and the group's lead" />;
  if (notFound) return <NotFoundPage detail={problem?.detail ?? null} />;
  if (session.data && group.data && attendance.data) {
    return <AttendanceRegister session={session.data} group={group.data} records={attendance.data.records} />;
  }
  return (
    <Layout>
      {problem && <ErrorSummary problem={problem} />}
      <h1 className="govuk-heading-l">{TITLE}</h1>
      {!problem && (
        <p className="govuk-body" role="status">
          Loading the register…
        </p>
      )}
    </Layout>
  );
}

type Props = { session: Session; group: WorkGroup; records: AttendanceRecord[] };

function AttendanceRegister({ session, group, records }: Props) {
  const save = useRecordAttendance(session.id, group.id);
  const [register, setRegister] = useState<Register>(() => registerOf(group.participants, records));
  const [checks, setChecks] = useState<Problem | null>(null);
  const [saved, setSaved] = useState<{ summary: string; at: number } | null>(null);

  const problem = checks ?? problemOf(save.error);
  usePageTitle(TITLE, { error: problem !== null });
  const errors = errorsByPointer(problem);
  const names = schoolNames(group);
  const groupPath = `/work-groups/${String(group.id)}`;
  // Read once: the page says whether the session has started as it was when opened.
  const [ahead] = useState(() => !hasStarted(session, new Date()));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    const request = attendanceRequest(group.participants, register, { ahead });
    const found = checksProblem(request.errors);
    setChecks(found);
    setSaved(null);
    if (found) {
      save.reset();
      return;
    }
    save.mutate(request.records, {
      onSuccess: (answer) => {
        setSaved({ summary: attendanceSummary(answer.records), at: Date.now() });
      },
    });
  }

  return (
    <Layout
      beforeContent={
        <Link to={groupPath} className="govuk-back-link">
          Back to {group.name}
        </Link>
      }
    >
      {problem && <ErrorSummary problem={problem} fields={attendanceFields(group.participants)} />}
      {saved && (
        <SuccessBanner key={saved.at} heading="Attendance saved">
          <p className="govuk-body">{saved.summary}.</p>
          <p className="govuk-body">
            <Link className="govuk-link govuk-notification-banner__link" to={groupPath}>
              Go back to {group.name}
            </Link>
          </p>
        </SuccessBanner>
      )}
      <span className="govuk-caption-l">{group.name}</span>
      <h1 className="govuk-heading-l">{TITLE}</h1>
      <p className="govuk-body govuk-!-margin-bottom-1">
        <strong>
          Session {session.number}: {meetingKindLabels[session.kind]}
        </strong>
      </p>
      <p className="govuk-body">
        {formatDate(session.date)}, {formatTimeRange(session.start_time, session.end_time)}
        <br />
        {placeOf(session, names)}
      </p>

      {session.status === "cancelled" ? (
        <div className="govuk-inset-text">This session was cancelled, so there is no attendance to record.</div>
      ) : group.participants.length === 0 ? (
        <p className="govuk-body">The group has no participants yet.</p>
      ) : (
        <form method="post" onSubmit={submit} noValidate>
          {ahead ? (
            <div className="govuk-inset-text">
              This session has not started yet. You can record who has sent apologies now, and take the register
              when the session starts.
            </div>
          ) : (
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              onClick={() => {
                setRegister(everyonePresent(group.participants, register));
              }}
            >
              Mark everyone present
            </button>
          )}
          {group.participants.map((person, index) => {
            const pointer = `/records/${String(index)}`;
            return (
              <AttendanceRadios
                key={person.id}
                personId={person.id}
                legend={personWithSchool(person)}
                value={register[person.id] ?? null}
                onChange={(status) => {
                  setRegister({ ...register, [person.id]: status });
                }}
                error={errors[`${pointer}/status`] ?? errors[`${pointer}/person_id`] ?? errors[pointer]}
              />
            );
          })}
          <button type="submit" className="govuk-button">
            {ahead ? "Save apologies" : "Save attendance"}
          </button>
        </form>
      )}
    </Layout>
  );
}
