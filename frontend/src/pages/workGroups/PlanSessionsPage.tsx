import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import {
  problemStatus,
  type MeetingKind,
  type Problem,
  type ProposedSession,
  type Session,
  type SessionCreate,
  type WorkGroup,
} from "../../api/client";
import { useMe } from "../../api/queries";
import { useCreateSessions, useProposeSchedule, useWorkGroup, useWorkGroupSessions } from "../../api/workGroups";
import { nonSchoolDayLine, nonSchoolDayQuestion, nonSchoolDays } from "../../features/sessions/change";
import { NonSchoolDays } from "../../features/sessions/NonSchoolDays";
import { confirmed, numbersByDate, rowOfDay } from "../../features/sessions/plan";
import { SessionTable } from "../../components/workGroups/SessionTable";
import { Radios } from "../../components/applications/Radios";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Checkboxes } from "../../components/form/Checkboxes";
import { DateInput } from "../../components/form/DateInput";
import { describedBy, ErrorMessage } from "../../components/form/ErrorMessage";
import { TextInput } from "../../components/form/TextInput";
import { Layout } from "../../components/Layout";
import type { DatePart } from "../../dateInput";
import { formatTimeRange, halfTermLabels, meetingKindLabels, pluralise } from "../../format";
import { checksProblem, errorsByPointer, formText, problemOf } from "../../forms";
import {
  planDateId,
  planFields,
  planHostId,
  planRows,
  rowErrors,
  scheduleRequest,
  sessionsAddedNews,
  sessionsRequest,
  type PlanRow,
} from "../../groupYear";
import { usePageTitle } from "../../usePageTitle";
import { idParam, schoolNames } from "../../workGroups";
import { ForbiddenPage } from "../ForbiddenPage";
import { NotFoundPage } from "../NotFoundPage";
import { TableHead } from "../../components/TableHead";

const TITLE = "Plan sessions";

const KIND_OPTIONS = Object.entries(meetingKindLabels).map(([value, label]) => ({ value, label }));
const HALF_TERM_OPTIONS = Object.entries(halfTermLabels).map(([value, label]) => ({ value, label }));

/** The fields of the "Propose dates" form by pointer, for the error summary. */
const SCHEDULE_FIELDS = {
  "/start_time": { id: "start_time" },
  "/end_time": { id: "end_time" },
  "/kind": { id: "kind" },
  "/sessions": { id: "sessions" },
  "/half_terms": { id: "half_terms" },
};

/** Hub staff: dates proposed for a group's sessions, edited in a table, then created together. */
export function PlanSessionsPage() {
  const id = idParam(useParams().id);
  const me = useMe();
  const group = useWorkGroup(id);

  const errors = [group.error];
  const forbidden = errors.some((error) => problemStatus(error) === 403);
  const notFound = id === null || errors.some((error) => problemStatus(error) === 404);
  const problem = errors.map(problemOf).find((found) => found !== null) ?? null;
  const loaded = group.data;
  // Once loaded, the planner says the title (it knows whether it shows an error).
  usePageTitle(forbidden || notFound || loaded ? null : TITLE, { error: problem !== null });

  if (forbidden) return <ForbiddenPage me={me.data ?? null} audience="the hub's staff" />;
  if (notFound) return <NotFoundPage detail={problem?.detail ?? null} />;
  if (group.data) return <SessionPlanner group={group.data} />;
  return (
    <Layout>
      {problem && <ErrorSummary problem={problem} />}
      <h1 className="govuk-heading-l">{TITLE}</h1>
      {!problem && (
        <p className="govuk-body" role="status">
          Loading the Work Group…
        </p>
      )}
    </Layout>
  );
}

type Proposal = { sessions: ProposedSession[]; at: number };

function SessionPlanner({ group }: { group: WorkGroup }) {
  const navigate = useNavigate();
  const propose = useProposeSchedule(group.id);
  const create = useCreateSessions(group.id);
  const existing = useWorkGroupSessions(group.id);
  // The sessions sent when the API asked whether to plan on days that are not school days.
  const [asking, setAsking] = useState<SessionCreate[] | null>(null);
  const [kind, setKind] = useState<MeetingKind>("trg_meeting");
  const [checks, setChecks] = useState<Problem | null>(null);
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const [wrongParts, setWrongParts] = useState<Record<number, DatePart[]>>({});

  const createProblem = problemOf(create.error);
  const days = nonSchoolDays(createProblem);
  const problem = checks ?? problemOf(propose.error) ?? (days.length > 0 ? null : createProblem);
  usePageTitle(TITLE, { error: problem !== null });
  const errors = errorsByPointer(problem);
  const groupPath = `/work-groups/${String(group.id)}`;

  function proposeDates(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (propose.isPending) return;
    const data = new FormData(event.currentTarget);
    const request = scheduleRequest({
      start_time: formText(data, "start_time"),
      end_time: formText(data, "end_time"),
      kind,
      sessions: formText(data, "sessions"),
      half_terms: data.getAll("half_terms").filter((value) => typeof value === "string"),
    });
    setChecks(checksProblem(request.errors));
    setWrongParts({});
    create.reset();
    if (!request.body) {
      propose.reset();
      return;
    }
    propose.mutate(request.body, {
      onSuccess: (answer) => {
        setProposal({ sessions: answer.sessions, at: Date.now() });
      },
    });
  }

  function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!proposal || create.isPending) return;
    const data = new FormData(event.currentTarget);
    const rows: PlanRow[] = proposal.sessions.map((_, index) => {
      const date = planDateId(index);
      return {
        date: {
          day: formText(data, `${date}-day`),
          month: formText(data, `${date}-month`),
          year: formText(data, `${date}-year`),
        },
        host_urn: formText(data, planHostId(index)),
      };
    });
    const request = sessionsRequest(proposal.sessions, rows, numbersByDate(existing.data?.items ?? [], proposal.sessions));
    const found = checksProblem(request.errors);
    setChecks(found);
    setWrongParts(request.wrongParts);
    propose.reset();
    if (found) {
      create.reset();
      setAsking(null);
      return;
    }
    send(request.body);
  }

  function send(body: SessionCreate[]) {
    create.mutate(body, {
      onSuccess: (saved) => {
        setAsking(null);
        void navigate(groupPath, { state: { news: sessionsAddedNews(saved.items.length) } });
      },
      onError: (error) => {
        setAsking(nonSchoolDays(problemOf(error)).length > 0 ? body : null);
      },
    });
  }

  const rowCount = proposal?.sessions.length ?? 0;
  return (
    <Layout
      beforeContent={
        <Link to={groupPath} className="govuk-back-link">
          Back to {group.name}
        </Link>
      }
    >
      {problem && <ErrorSummary problem={problem} fields={{ ...SCHEDULE_FIELDS, ...planFields(rowCount) }} />}
      <span className="govuk-caption-l">{group.name}</span>
      <h1 className="govuk-heading-l">{TITLE}</h1>
      <ExistingSessions group={group} sessions={existing.data?.items} />
      {group.completed_on ? (
        <p className="govuk-body">The group&apos;s year is complete, so no more sessions can be planned.</p>
      ) : (
        <>
          <p className="govuk-body">
            Say when the sessions meet and we will propose dates on school days, spread through the half-terms you
            choose. Nothing is saved until you confirm the dates.
          </p>
          <form method="post" onSubmit={proposeDates} noValidate>
            <TextInput
              id="start_time"
              label="Start time"
              hint="In the 24-hour clock, in England's time, like 13:30"
              inputClassName="govuk-input--width-5"
              autoComplete="off"
              error={errors["/start_time"]}
            />
            <TextInput
              id="end_time"
              label="End time"
              hint="Like 16:00"
              inputClassName="govuk-input--width-5"
              autoComplete="off"
              error={errors["/end_time"]}
            />
            <Radios
              name="kind"
              legend="Kind of session"
              options={KIND_OPTIONS}
              value={kind}
              onChange={(value) => {
                setKind(value as MeetingKind);
              }}
              error={errors["/kind"]}
            />
            <TextInput
              id="sessions"
              label="Number of sessions (optional)"
              hint="Leave it empty for the number the programme plans"
              inputClassName="govuk-input--width-3"
              inputMode="numeric"
              autoComplete="off"
              error={errors["/sessions"]}
            />
            <Checkboxes
              name="half_terms"
              legend="Half-terms (optional)"
              hint="Select the half-terms to meet in. Select none to spread the sessions through the whole year."
              options={HALF_TERM_OPTIONS}
              error={errors["/half_terms"]}
            />
            <button type="submit" className="govuk-button govuk-button--secondary">
              Propose dates
            </button>
          </form>
          {asking && days.length > 0 && proposal && (
            <NonSchoolDays
              question={nonSchoolDayQuestion(days)}
              yes="Yes, plan it anyway"
              no="No, change the dates"
              lines={days.map((day) => {
                const row = proposal.sessions[rowOfDay(day)];
                const number = row ? numbersByDate(existing.data?.items ?? [], proposal.sessions)[rowOfDay(day)] : null;
                return `${number ? `Session ${String(number)}: ` : ""}${nonSchoolDayLine(day)}`;
              })}
              onYes={() => {
                send(confirmed(asking, days));
              }}
              onNo={() => {
                setAsking(null);
                create.reset();
              }}
            />
          )}
          {proposal && (
            <ProposalForm
              key={proposal.at}
              group={group}
              existing={existing.data?.items ?? []}
              proposal={proposal.sessions}
              rowErrors={rowErrors(problem, rowCount)}
              wrongParts={wrongParts}
              onSubmit={confirm}
            />
          )}
        </>
      )}
    </Layout>
  );
}

/** The sessions the group already has, numbered by date, so new dates are chosen around them. */
function ExistingSessions({ group, sessions }: { group: WorkGroup; sessions: Session[] | undefined }) {
  if (!sessions) {
    return (
      <p className="govuk-body" role="status">
        Loading the group&apos;s sessions…
      </p>
    );
  }
  if (sessions.length === 0) return <p className="govuk-body">The group has no sessions yet.</p>;
  return (
    <>
      <h2 className="govuk-heading-m">Sessions the group already has</h2>
      <SessionTable sessions={sessions} schoolNames={schoolNames(group)} attendanceLinks={false} nextId={null} />
    </>
  );
}

type ProposalProps = {
  group: WorkGroup;
  existing: Session[];
  proposal: ProposedSession[];
  rowErrors: Partial<Record<string, string>>[];
  wrongParts: Record<number, DatePart[]>;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
};

/** The proposed sessions in a table: each date and host can be changed before they are created. */
function ProposalForm({ group, existing, proposal, rowErrors, wrongParts, onSubmit }: ProposalProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  // Sessions meet at a member school or the lead's, which need not be a member.
  const leadUrn = group.lead.school_urn;
  const names = schoolNames(group);
  const hosts = [...new Set([...(leadUrn ? [leadUrn] : []), ...names.keys(), ...proposal.map((row) => row.host_urn)])];
  const rows = planRows(proposal);
  const [first] = proposal;
  // Numbered among the group's sessions by date, as the API will number them.
  const numbers = numbersByDate(existing, proposal);

  return (
    <form method="post" onSubmit={onSubmit} noValidate>
      <h2 className="govuk-heading-m govuk-!-margin-top-6" id="proposal-heading" tabIndex={-1} ref={heading}>
        Proposed dates
      </h2>
      {first && (
        <p className="govuk-body">
          {pluralise(proposal.length, "session")}, each a {meetingKindLabels[first.kind]} from{" "}
          {formatTimeRange(first.start_time, first.end_time)}. Change any date or host, then confirm.
        </p>
      )}
      <div className="app-table-wrapper" role="region" aria-labelledby="proposal-caption" tabIndex={0}>
        <table className="govuk-table app-table--small">
          <caption className="govuk-table__caption govuk-visually-hidden" id="proposal-caption">
            The proposed sessions
          </caption>
          <TableHead columns={["Session", "Half-term", "Date", "Host"]} />
          <tbody className="govuk-table__body">
            {proposal.map((session, index) => {
              const errors = rowErrors[index] ?? {};
              const hostId = planHostId(index);
              const hostError = errors["host_urn"];
              const number = numbers[index] ?? session.number;
              return (
                <tr className="govuk-table__row" key={session.number}>
                  <th scope="row" className="govuk-table__header">
                    {number}
                  </th>
                  <td className="govuk-table__cell">{halfTermLabels[session.half_term]}</td>
                  <td className="govuk-table__cell">
                    <DateInput
                      id={planDateId(index)}
                      legend={`Date of session ${String(number)}`}
                      legendHidden
                      defaultValue={rows[index]?.date}
                      error={errors["date"]}
                      errorParts={wrongParts[index]}
                    />
                  </td>
                  <td className="govuk-table__cell">
                    <div className={`govuk-form-group${hostError ? " govuk-form-group--error" : ""}`}>
                      <label className="govuk-label govuk-visually-hidden" htmlFor={hostId}>
                        Host of session {number}
                      </label>
                      <ErrorMessage id={`${hostId}-error`}>{hostError}</ErrorMessage>
                      <select
                        className={`govuk-select${hostError ? " govuk-select--error" : ""}`}
                        id={hostId}
                        name={hostId}
                        defaultValue={session.host_urn}
                        aria-describedby={describedBy(hostError && `${hostId}-error`)}
                      >
                        {hosts.map((urn) => (
                          <option key={urn} value={urn}>
                            {names.get(urn) ?? `School URN ${urn}`}
                          </option>
                        ))}
                      </select>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <button type="submit" className="govuk-button">
        Confirm and create these sessions
      </button>
    </form>
  );
}
