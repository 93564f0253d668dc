import { Link, useLocation } from "react-router-dom";
import { readyToCheck, TASKS, tasksCompleted } from "../../applications";
import { AnswersSummary } from "../../components/applications/AnswersSummary";
import { ApplicationStatusTag } from "../../components/applications/ApplicationStatusTag";
import { SummaryList } from "../../components/applications/SummaryList";
import { TaskList, type TaskItem } from "../../components/applications/TaskList";
import { WithApplication, type LoadedApplication } from "../../components/applications/WithApplication";
import { Layout } from "../../components/Layout";
import { formatDate, formatDateTime } from "../../format";
import { useMe } from "../../api/queries";
import { usePageTitle } from "../../usePageTitle";
import { SuccessBanner } from "../../components/NotificationBanner";
import { SchoolGroupSummary } from "../../features/applications/SchoolGroupSummary";
import { SubmitChecks } from "../../features/applications/SubmitChecks";
import { WITHDRAWABLE } from "../../features/applications/WithdrawPage";
import { InviteFromApplication } from "../../features/accounts/InviteFromApplication";

export function ApplicationPage() {
  return (
    <WithApplication>
      {(loaded) =>
        loaded.application.status === "draft" ? <TaskListPage loaded={loaded} /> : <SubmittedApplication loaded={loaded} />
      }
    </WithApplication>
  );
}

function BackToApplications() {
  const me = useMe();
  if (me.data?.role !== "school_contact") return null;
  return (
    <Link to="/applications" className="govuk-back-link">
      Back to my applications
    </Link>
  );
}

/** A draft: the GOV.UK task list, each task with its status, then checking and submitting. */
function TaskListPage({ loaded }: { loaded: LoadedApplication }) {
  const { application, programme, form } = loaded;
  const base = `/applications/${String(application.id)}`;
  const done = tasksCompleted(application);
  const ready = readyToCheck(application);
  usePageTitle(`Your application: ${application.programme.title}`);

  const items: TaskItem[] = TASKS.map(({ task, page, title }) => ({
    id: `task-${page}`,
    title,
    to: `${base}/${page}`,
    status: application.tasks[task],
  }));
  items.push({
    id: "task-check-answers",
    title: "Check your answers and submit",
    to: ready ? `${base}/check-answers` : null,
    ...(ready ? {} : { hint: "Complete the school details, people and statement first." }),
    status: ready ? "not_started" : "cannot_start",
  });

  return (
    <Layout beforeContent={<BackToApplications />}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{application.school.name}</span>
          <h1 className="govuk-heading-xl">Apply for {application.programme.title}</h1>
          <p className="govuk-body">
            Your reference: <strong>{application.reference}</strong>
          </p>
          <h2 className="govuk-heading-s govuk-!-margin-bottom-2">
            {done === TASKS.length ? "Application ready to submit" : "Application incomplete"}
          </h2>
          <p className="govuk-body govuk-!-margin-bottom-7">
            You have completed {done} of {TASKS.length} tasks.
            {programme.closing_date && ` Submit it by ${formatDate(programme.closing_date)} at 11:59pm.`}
          </p>
          <TaskList items={items} />
          <p className="govuk-body">{application.next_step}</p>
          <SubmitChecks application={application} form={form} programme={programme} />
          <p className="govuk-body">
            <Link className="govuk-link" to={`/programmes/${String(programme.id)}`}>
              About this programme
            </Link>
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to={`${base}/delete`}>
              Delete this draft
            </Link>
          </p>
        </div>
      </div>
    </Layout>
  );
}

/** Submitted (or decided): where it stands, what happens next, and the answers as sent. */
function SubmittedApplication({ loaded }: { loaded: LoadedApplication }) {
  const { application } = loaded;
  const state: unknown = useLocation().state;
  const withdrawn = typeof state === "object" && state !== null && "withdrawn" in state;
  usePageTitle(`Application ${application.reference}: ${application.programme.title}`);
  return (
    <Layout beforeContent={<BackToApplications />}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {withdrawn && application.status === "withdrawn" && (
            <SuccessBanner heading={`Application ${application.reference} has been withdrawn`} />
          )}
          <span className="govuk-caption-l">{application.school.name}</span>
          <h1 className="govuk-heading-xl">Application for {application.programme.title}</h1>
          <SummaryList
            rows={[
              { key: "Reference", value: application.reference },
              { key: "Maths Hub", value: application.programme.hub_name },
              { key: "Status", value: <ApplicationStatusTag status={application.status} /> },
              ...(application.submitted_at
                ? [{ key: "Submitted", value: formatDateTime(application.submitted_at) }]
                : []),
              ...(application.decided_at ? [{ key: "Decided", value: formatDateTime(application.decided_at) }] : []),
              ...(application.decision_note
                ? [
                    {
                      key: application.status === "withdrawn" ? "Why it was withdrawn" : "Note from the hub",
                      value: application.decision_note,
                    },
                  ]
                : []),
              { key: "What happens next", value: application.next_step },
            ]}
          />
          {application.work_group && (
            <>
              <h2 className="govuk-heading-l">Your Work Group</h2>
              <SchoolGroupSummary group={application.work_group} />
            </>
          )}
          <AnswersSummary loaded={loaded} changeable={false} />
          <InviteFromApplication application={application} />
          {WITHDRAWABLE.includes(application.status) && (
            <p className="govuk-body">
              <Link className="govuk-link" to={`/applications/${String(application.id)}/withdraw`}>
                Withdraw this application
              </Link>
            </p>
          )}
        </div>
      </div>
    </Layout>
  );
}
