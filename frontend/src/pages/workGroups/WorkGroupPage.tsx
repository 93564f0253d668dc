import { Link, useParams } from "react-router-dom";
import { problemStatus, type ReleaseTimeReport, type Session, type WorkGroup } from "../../api/client";
import { useMe, useSchool } from "../../api/queries";
import { useReleaseTime, useWorkGroup, useWorkGroupSessions } from "../../api/workGroups";
import { isHubStaff } from "../../auth";
import { todayInLondon } from "../../calendar";
import { SummaryList, type SummaryRow } from "../../components/applications/SummaryList";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Layout } from "../../components/Layout";
import { ParticipantTable, SchoolTable } from "../../components/workGroups/MemberTables";
import { NextSession } from "../../components/workGroups/NextSession";
import { ReleaseTimeTable } from "../../components/workGroups/ReleaseTimeTable";
import { SessionTable } from "../../components/workGroups/SessionTable";
import { SubscribeLinks } from "../../components/workGroups/SubscribeLinks";
import { WorkGroupStatusTag } from "../../components/workGroups/Tags";
import { academicYearLabel, formatDate, programmeTypeLabels } from "../../format";
import { problemOf } from "../../forms";
import { usePageTitle } from "../../usePageTitle";
import { groupFeedPath, idParam, membersLabel, nextSession, personWithSchool, schoolNames } from "../../workGroups";
import { ForbiddenPage } from "../ForbiddenPage";
import { NotFoundPage } from "../NotFoundPage";

/** One Work Group: its next session first, then its members, sessions, release time and calendar feed. */
export function WorkGroupPage() {
  const id = idParam(useParams().id);
  const me = useMe();
  const group = useWorkGroup(id);
  const sessions = useWorkGroupSessions(id);
  const release = useReleaseTime(id);
  // Sessions meet at the lead's school too, which need not be a member.
  const leadUrn = group.data?.lead.school_urn ?? null;
  const leadSchool = useSchool(leadUrn && !group.data?.schools.some((school) => school.urn === leadUrn) ? leadUrn : null);

  const errors = [group.error, sessions.error, release.error];
  const forbidden = errors.some((error) => problemStatus(error) === 403);
  const notFound = id === null || errors.some((error) => problemStatus(error) === 404);
  const problem = errors.map(problemOf).find((found) => found !== null) ?? null;
  usePageTitle(forbidden || notFound ? null : (group.data?.name ?? "Work Group"), { error: problem !== null });

  if (forbidden) return <ForbiddenPage me={me.data ?? null} audience="hub staff and the group's Mastery Specialist" />;
  if (notFound) return <NotFoundPage detail={problem?.detail ?? null} />;

  const names = group.data ? schoolNames(group.data) : new Map<string, string>();
  if (leadSchool.data) names.set(leadSchool.data.urn, leadSchool.data.name);
  return (
    <Layout
      beforeContent={
        <Link to="/work-groups" className="govuk-back-link">
          Back to Work Groups
        </Link>
      }
    >
      {problem && <ErrorSummary problem={problem} />}
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
              <GroupFacts group={group.data} schoolNames={names} />
            </div>
          </div>

          <h2 className="govuk-heading-l govuk-!-margin-top-6">Members</h2>
          <SchoolTable group={group.data} />
          <ParticipantTable group={group.data} schoolNames={names} />

          <h2 className="govuk-heading-l govuk-!-margin-top-6">Sessions</h2>
          <Sessions sessions={sessions.data?.items} schoolNames={names} attendanceLinks={isHubStaff(me.data)} />

          <h2 className="govuk-heading-l govuk-!-margin-top-6">Release time</h2>
          <ReleaseTime report={release.data} />

          <h2 className="govuk-heading-l govuk-!-margin-top-6">Subscribe to the group&apos;s sessions</h2>
          <SubscribeLinks path={groupFeedPath(group.data.id)} id="group-feed" />
        </>
      )}
    </Layout>
  );
}

function GroupFacts({ group, schoolNames }: { group: WorkGroup; schoolNames: ReadonlyMap<string, string> }) {
  const rows: SummaryRow[] = [
    {
      key: "Programme",
      value: group.programme_type
        ? `${group.programme_title} (${programmeTypeLabels[group.programme_type]})`
        : group.programme_title,
    },
    { key: "Academic year", value: academicYearLabel(group.academic_year) },
    { key: "Lead Mastery Specialist", value: personWithSchool(group.lead, schoolNames) },
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
}: {
  sessions: Session[] | undefined;
  schoolNames: ReadonlyMap<string, string>;
  attendanceLinks: boolean;
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
