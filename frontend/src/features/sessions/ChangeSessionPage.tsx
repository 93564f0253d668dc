import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router-dom";
import { problemStatus, type Problem, type Session, type WorkGroup } from "../../api/client";
import { useMe } from "../../api/queries";
import { useWorkGroup } from "../../api/workGroups";
import { ErrorSummary } from "../../components/ErrorSummary";
import { DateInput } from "../../components/form/DateInput";
import { Select } from "../../components/form/Select";
import { Textarea } from "../../components/form/Textarea";
import { TextInput } from "../../components/form/TextInput";
import { Layout } from "../../components/Layout";
import { SuccessBanner } from "../../components/NotificationBanner";
import { WarningText } from "../../components/WarningText";
import { SessionStatusTag } from "../../components/workGroups/Tags";
import type { DatePart } from "../../dateInput";
import { formatDate, formatTimeRange, meetingKindLabels } from "../../format";
import { bodyError, checksProblem, errorsByPointer, formText, problemOf } from "../../forms";
import { dateParts } from "../../groupYear";
import { ForbiddenPage } from "../../pages/ForbiddenPage";
import { NotFoundPage } from "../../pages/NotFoundPage";
import { usePageTitle } from "../../usePageTitle";
import { idParam, placeOf, schoolNames } from "../../workGroups";
import {
  useCancelSession,
  useSessionMessages,
  useUpdateSession,
  useVersionedSession,
  type SessionUpdate,
  type VersionedSession,
} from "./api";
import { CHANGE_FIELDS, changeRequest, nonSchoolDayLine, nonSchoolDayQuestion, nonSchoolDays } from "./change";
import { MessageStatus } from "./MessageStatus";
import { NonSchoolDays } from "./NonSchoolDays";

const TITLE = "Change or cancel a session";

/** Hub staff and the group's lead: move a session or cancel it; those it concerns are emailed. */
export function ChangeSessionPage() {
  const id = idParam(useParams().id);
  const me = useMe();
  const read = useVersionedSession(id);
  const group = useWorkGroup(read.data?.session.work_group_id ?? null);

  const errors = [read.error, group.error];
  const forbidden = errors.some((error) => problemStatus(error) === 403);
  const notFound = id === null || errors.some((error) => problemStatus(error) === 404);
  const problem = errors.map(problemOf).find((found) => found !== null) ?? null;
  usePageTitle(forbidden || notFound || (read.data && group.data) ? null : TITLE, { error: problem !== null });

  if (forbidden) return <ForbiddenPage me={me.data ?? null} audience="hub staff and the group's lead" />;
  if (notFound) return <NotFoundPage detail={problem?.detail ?? null} />;
  if (read.data && group.data) return <ChangeSession read={read.data} group={group.data} />;
  return (
    <Layout>
      {problem && <ErrorSummary problem={problem} />}
      <h1 className="govuk-heading-l">{TITLE}</h1>
      {!problem && (
        <p className="govuk-body" role="status">
          Loading the session…
        </p>
      )}
    </Layout>
  );
}

type News = { heading: string; at: number };

function ChangeSession({ read, group }: { read: VersionedSession; group: WorkGroup }) {
  const { session, etag } = read;
  const update = useUpdateSession();
  const cancel = useCancelSession();
  const messages = useSessionMessages(session.id);
  const [checks, setChecks] = useState<Problem | null>(null);
  const [wrongParts, setWrongParts] = useState<DatePart[]>([]);
  const [asking, setAsking] = useState<SessionUpdate | null>(null);
  const [news, setNews] = useState<News | null>(null);

  const apiProblem = problemOf(update.error) ?? problemOf(cancel.error);
  const days = nonSchoolDays(apiProblem);
  const problem = checks ?? (days.length > 0 ? null : apiProblem);
  usePageTitle(`Session ${String(session.number)}: ${TITLE.toLowerCase()}`, { error: problem !== null });
  const errors = errorsByPointer(problem);
  const names = schoolNames(group);
  const groupPath = `/work-groups/${String(group.id)}`;
  const cancelled = session.status === "cancelled";

  function send(body: SessionUpdate) {
    setNews(null);
    cancel.reset();
    update.mutate(
      { id: session.id, etag, body },
      {
        onSuccess: (saved) => {
          setAsking(null);
          setNews({ heading: `Session ${String(saved.session.number)} changed`, at: Date.now() });
        },
        onError: (error) => {
          setAsking(nonSchoolDays(problemOf(error)).length > 0 ? body : null);
        },
      },
    );
  }

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (update.isPending) return;
    const data = new FormData(event.currentTarget);
    const request = changeRequest(session, {
      date: { day: formText(data, "date-day"), month: formText(data, "date-month"), year: formText(data, "date-year") },
      start_time: formText(data, "start_time"),
      end_time: formText(data, "end_time"),
      host_urn: formText(data, "host_urn"),
      online_url: formText(data, "online_url"),
    });
    const found = request.body && Object.keys(request.body).length === 0
      ? checksProblem([bodyError("/date", "Change the date, a time, the host or the online link, or go back")])
      : checksProblem(request.errors);
    setChecks(found);
    setWrongParts(request.wrongParts);
    setAsking(null);
    if (found || !request.body) {
      update.reset();
      return;
    }
    send(request.body);
  }

  function cancelSession(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (cancel.isPending) return;
    const reason = formText(new FormData(event.currentTarget), "reason").trim();
    const found = reason === "" ? checksProblem([bodyError("/reason", "Enter why the session is cancelled")]) : null;
    setChecks(found);
    setAsking(null);
    update.reset();
    if (found) return;
    setNews(null);
    cancel.mutate(
      { id: session.id, etag, reason },
      {
        onSuccess: (saved) => {
          setNews({ heading: `Session ${String(saved.session.number)} cancelled`, at: Date.now() });
        },
      },
    );
  }

  return (
    <Layout
      beforeContent={
        <Link to={groupPath} className="govuk-back-link">
          Back to {group.name}
        </Link>
      }
    >
      {problem && <ErrorSummary problem={problem} fields={CHANGE_FIELDS} />}
      {news && !problem && (
        <SuccessBanner key={news.at} heading={news.heading}>
          <p className="govuk-body">
            We are emailing the group&apos;s participants and the host school, with a calendar invitation. Below is
            what has gone so far.
          </p>
        </SuccessBanner>
      )}
      <span className="govuk-caption-l">{group.name}</span>
      <h1 className="govuk-heading-l">
        Session {session.number}: {meetingKindLabels[session.kind]}
      </h1>
      <p className="govuk-body">
        {formatDate(session.date)}, {formatTimeRange(session.start_time, session.end_time)},{" "}
        {placeOf(session, names)} <SessionStatusTag status={session.status} />
      </p>
      {cancelled && session.cancellation_reason && (
        <p className="govuk-body">The reason given: {session.cancellation_reason}</p>
      )}

      {asking && days.length > 0 && (
        <NonSchoolDays
          question={nonSchoolDayQuestion(days)}
          lines={days.map(nonSchoolDayLine)}
          yes="Yes, plan it on that day"
          no="No, choose another date"
          onYes={() => {
            send({ ...asking, confirm_non_school_day: true });
          }}
          onNo={() => {
            setAsking(null);
            update.reset();
          }}
        />
      )}

      {!cancelled && (
        <ChangeForm
          key={session.version}
          session={session}
          group={group}
          errors={errors}
          wrongParts={wrongParts}
          onSubmit={save}
        />
      )}

      {!cancelled && (
        <form method="post" onSubmit={cancelSession} noValidate>
          <h2 className="govuk-heading-m govuk-!-margin-top-6">Cancel this session</h2>
          <WarningText>The participants and the host school are told at once, with the reason you give.</WarningText>
          <Textarea id="reason" label="Why is it cancelled?" rows={3} error={errors["/reason"]} />
          <button type="submit" className="govuk-button govuk-button--warning">
            Cancel this session
          </button>
        </form>
      )}

      <MessageStatus id="session-emails" heading="Emails about this session" messages={messages.data?.items} />
    </Layout>
  );
}

type FormProps = {
  session: Session;
  group: WorkGroup;
  errors: Partial<Record<string, string>>;
  wrongParts: DatePart[];
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
};

function ChangeForm({ session, group, errors, wrongParts, onSubmit }: FormProps) {
  const names = schoolNames(group);
  const lead = group.lead.school_urn;
  const hosts = [...new Set([...(lead ? [lead] : []), ...names.keys(), ...(session.host_urn ? [session.host_urn] : [])])];
  return (
    <form method="post" onSubmit={onSubmit} noValidate>
      <h2 className="govuk-heading-m">Move this session</h2>
      <DateInput
        id="date"
        legend="Date"
        hint="For example, 16 11 2027"
        defaultValue={dateParts(session.date)}
        error={errors["/date"]}
        errorParts={wrongParts}
      />
      <TextInput
        id="start_time"
        label="Start time"
        hint="In the 24-hour clock, in England's time, like 13:30"
        inputClassName="govuk-input--width-5"
        autoComplete="off"
        defaultValue={session.start_time.slice(0, 5)}
        error={errors["/start_time"]}
      />
      <TextInput
        id="end_time"
        label="End time"
        hint="Like 16:00"
        inputClassName="govuk-input--width-5"
        autoComplete="off"
        defaultValue={session.end_time.slice(0, 5)}
        error={errors["/end_time"]}
      />
      <Select
        id="host_urn"
        label="Host school"
        empty="No host school: online only"
        options={hosts.map((urn) => ({ value: urn, label: names.get(urn) ?? `School URN ${urn}` }))}
        defaultValue={session.host_urn ?? ""}
        error={errors["/host_urn"]}
      />
      <TextInput
        id="online_url"
        label="Online link (optional)"
        hint="A web address, like https://meet.example/abc"
        type="url"
        spellCheck={false}
        autoComplete="off"
        defaultValue={session.online_url ?? ""}
        error={errors["/online_url"]}
      />
      <button type="submit" className="govuk-button">
        Save and tell everyone
      </button>
    </form>
  );
}
