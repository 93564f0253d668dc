import { useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router-dom";
import {
  problemStatus,
  type Problem,
  type ReleaseTimeReport,
  type Session,
  type WorkGroup,
  type WorkGroupContinuation,
} from "../../api/client";
import { useMe } from "../../api/queries";
import {
  useCompleteWorkGroup,
  useContinueWorkGroup,
  useReleaseTime,
  useWorkGroup,
  useWorkGroupSessions,
} from "../../api/workGroups";
import { isHubStaff } from "../../auth";
import { todayInLondon } from "../../calendar";
import { SummaryList, type SummaryRow } from "../../components/applications/SummaryList";
import { ErrorSummary } from "../../components/ErrorSummary";
import { ChangeMembers } from "../../features/workGroups/ChangeMembers";
import { Layout } from "../../components/Layout";
import { SuccessBanner } from "../../components/NotificationBanner";
import { CompleteYear } from "../../components/workGroups/CompleteYear";
import { ContinuationVerdicts } from "../../components/workGroups/ContinuationVerdicts";
import { ContinueGroup } from "../../components/workGroups/ContinueGroup";
import { ParticipantTable, SchoolTable } from "../../components/workGroups/MemberTables";
import { NextSession } from "../../components/workGroups/NextSession";
import { ReleaseTimeTable } from "../../components/workGroups/ReleaseTimeTable";
import { SessionTable } from "../../components/workGroups/SessionTable";
import { SubscribeLinks } from "../../components/workGroups/SubscribeLinks";
import { WorkGroupStatusTag } from "../../components/workGroups/Tags";
import { academicYearLabel, formatDate, programmeTypeLabels } from "../../format";
import { errorsByPointer, problemOf } from "../../forms";
import { completedNews, groupNews, verdictsOf, type GroupNews } from "../../groupYear";
import { usePageTitle } from "../../usePageTitle";
import { groupFeedPath, idParam, membersLabel, nextSession, personWithSchool, schoolNames } from "../../workGroups";
import { ForbiddenPage } from "../ForbiddenPage";
import { NotFoundPage } from "../NotFoundPage";

/** The fields of the year's forms (complete, continue) that the API's errors point at. */
const YEAR_FIELDS = {
  "/withdrawn": { id: "withdrawn" },
  "/programme_id": { id: "programme_id" },
  "/name": { id: "name" },
};

/** Each group's page afresh: the forms and news of one group are not carried to the next. */
export function WorkGroupPage() {
  const { id } = useParams();
  return <GroupPage key={id} />;
}

/**
 * One Work Group: its next session first, then its members, sessions, release time and
 * calendar feed; for hub staff, planning sessions, completing the year and continuing it.
 */
function GroupPage() {
  const id = idParam(useParams().id);
  const location = useLocation();
  const navigate = useNavigate();
  const me = useMe();
  const group = useWorkGroup(id);
  const sessions = useWorkGroupSessions(id);
  const release = useReleaseTime(id);

  const errors = [group.error, sessions.error, release.error];
  const forbidden = errors.some((error) => problemStatus(error) === 403);
  const notFound = id === null || errors.some((error) => problemStatus(error) === 404);
  const problem = errors.map(problemOf).find((found) => found !== null) ?? null;

  // The year's forms: one problem at a time, at the top of the page.
  const complete = useCompleteWorkGroup(id ?? 0);
  const carryOn = useContinueWorkGroup(id ?? 0);
  const [checks, setChecks] = useState<Problem | null>(null);
  const [news, setNews] = useState<GroupNews | null>(() => groupNews(location.state));
  const yearProblem = checks ?? problemOf(complete.error) ?? problemOf(carryOn.error);
  const yearErrors = errorsByPointer(yearProblem);
  usePageTitle(forbidden || notFound ? null : (group.data?.name ?? "Work Group"), {
    error: problem !== null || yearProblem !== null,
  });

  if (forbidden) return <ForbiddenPage me={me.data ?? null} audience="hub staff and the group's Mastery Specialist" />;
  if (notFound) return <NotFoundPage detail={problem?.detail ?? null} />;

  const names = group.data ? schoolNames(group.data) : new Map<string, string>();
  const hubStaff = isHubStaff(me.data);

  function completeYear(withdrawn: string[]) {
    setChecks(null);
    setNews(null);
    carryOn.reset();
    complete.mutate(withdrawn, {
      onSuccess: (done) => {
        setNews(completedNews(done.schools.length, withdrawn.length));
      },
    });
  }

  function continueYear(body: WorkGroupContinuation) {
    setNews(null);
    complete.reset();
    carryOn.mutate(body, {
      onSuccess: ({ work_group: next, schools }) => {
        const heading = `${next.name} started for ${academicYearLabel(next.academic_year)}`;
        void navigate(`/work-groups/${String(next.id)}`, { state: { news: { heading, schools } } });
      },
    });
  }
  return (
    <Layout
      beforeContent={
        <Link to="/work-groups" className="govuk-back-link">
          Back to Work Groups
        </Link>
      }
    >
      {problem && <ErrorSummary problem={problem} />}
      {!problem && yearProblem && (
        <ErrorSummary problem={yearProblem} fields={YEAR_FIELDS}>
          <ContinuationVerdicts schools={verdictsOf(yearProblem)} />
        </ErrorSummary>
      )}
      {news && !yearProblem && (
        <SuccessBanner heading={news.heading}>
          {news.text && <p className="govuk-body">{news.text}</p>}
          {news.schools && <ContinuationVerdicts schools={news.schools} />}
        </SuccessBanner>
      )}
      {group.isPending && !problem && (
        <p className="govuk-body" role="status">
          Loading the Work Group…
        </p>
      )}
      {group.data && (
        <>
          <span className="govuk-caption-l">{group.data.programme_title}</span>
          <h1 className="govuk-heading-xl">{group.data.name}</h1>
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-two-thirds">
              {sessions.data && (
                <NextSession session={nextSession(sessions.data.items, todayInLondon(new Date()))} schoolNames={names} />
              )}
              <GroupFacts group={group.data} />
            </div>
          </div>

          <h2 className="govuk-heading-l govuk-!-margin-top-6">Members</h2>
          <SchoolTable group={group.data} />
          <ParticipantTable group={group.data} />
          {hubStaff && !group.data.completed_on && <ChangeMembers group={group.data} />}

          <h2 className="govuk-heading-l govuk-!-margin-top-6">Sessions</h2>
          {hubStaff && !group.data.completed_on && (
            <p className="govuk-body">
              <Link className="govuk-link" to={`/work-groups/${String(group.data.id)}/plan`}>
                Plan sessions
              </Link>
            </p>
          )}
          <Sessions
            sessions={sessions.data?.items}
            schoolNames={names}
            attendanceLinks={hubStaff || me.data?.role === "mastery_specialist"}
            changeLinks={hubStaff || me.data?.role === "mastery_specialist"}
          />

          <h2 className="govuk-heading-l govuk-!-margin-top-6">Release time</h2>
          <ReleaseTime report={release.data} />

          <h2 className="govuk-heading-l govuk-!-margin-top-6">Subscribe to the group&apos;s sessions</h2>
          <SubscribeLinks path={groupFeedPath(group.data.id)} id="group-feed" />

          {hubStaff && !group.data.completed_on && (
            <CompleteYear
              group={group.data}
              pending={complete.isPending}
              error={yearErrors["/withdrawn"]}
              onSubmit={completeYear}
            />
          )}
          {hubStaff && group.data.completed_on && group.data.continued_by_ids.length === 0 && (
            <ContinueGroup
              group={group.data}
              ownHub={me.data?.hub_id === group.data.hub_id}
              pending={carryOn.isPending}
              errors={yearErrors}
              onChecked={(found) => {
                setChecks(found);
                if (found) carryOn.reset();
              }}
              onSubmit={continueYear}
            />
          )}
        </>
      )}
    </Layout>
  );
}

function GroupFacts({ group }: { group: WorkGroup }) {
  const rows: SummaryRow[] = [
    {
      key: "Programme",
      value: group.programme_type
        ? `${group.programme_title} (${programmeTypeLabels[group.programme_type]})`
        : group.programme_title,
    },
    { key: "Academic year", value: academicYearLabel(group.academic_year) },
    { key: "Lead Mastery Specialist", value: personWithSchool(group.lead) },
    { key: "Schools", value: membersLabel(group.schools.length, group.max_schools, "school") },
    { key: "Participants", value: membersLabel(group.participants.length, group.max_participants, "participant") },
    {
      key: "Status",
      value: (
        <>
          <WorkGroupStatusTag completedOn={group.completed_on} />
          {group.completed_on && <span className="app-table__meta">Completed on {formatDate(group.completed_on)}</span>}
        </>
      ),
    },
  ];
  if (group.continues_from_id !== null) {
    rows.push({ key: "Continues", value: <GroupLink id={group.continues_from_id} text="Last year's group" /> });
  }
  if (group.continued_by_ids.length > 0) {
    rows.push({
      key: "Continued by",
      value: (
        <ul className="govuk-list">
          {group.continued_by_ids.map((nextId) => (
            <li key={nextId}>
              <GroupLink id={nextId} text={`Next year's group ${String(nextId)}`} />
            </li>
          ))}
        </ul>
      ),
    });
  }
  return <SummaryList rows={rows} />;
}

function GroupLink({ id, text }: { id: number; text: string }) {
  return (
    <Link className="govuk-link" to={`/work-groups/${String(id)}`}>
      {text}
    </Link>
  );
}

function Sessions({
  sessions,
  schoolNames,
  attendanceLinks,
  changeLinks,
}: {
  sessions: Session[] | undefined;
  schoolNames: ReadonlyMap<string, string>;
  attendanceLinks: boolean;
  changeLinks: boolean;
}) {
  if (!sessions) {
    return (
      <p className="govuk-body" role="status">
        Loading sessions…
      </p>
    );
  }
  if (sessions.length === 0) return <p className="govuk-body">The hub has not planned the group&apos;s sessions yet.</p>;
  const next = nextSession(sessions, todayInLondon(new Date()));
  return (
    <SessionTable
      sessions={sessions}
      schoolNames={schoolNames}
      attendanceLinks={attendanceLinks}
      nextId={next?.id ?? null}
      changeLinks={changeLinks}
    />
  );
}

function ReleaseTime({ report }: { report: ReleaseTimeReport | undefined }) {
  if (!report) {
    return (
      <p className="govuk-body" role="status">
        Loading release time…
      </p>
    );
  }
  return <ReleaseTimeTable report={report} />;
}
