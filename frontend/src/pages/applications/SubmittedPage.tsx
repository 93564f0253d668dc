import { Link, Navigate } from "react-router-dom";
import type { Programme } from "../../api/client";
import { SummaryList } from "../../components/applications/SummaryList";
import { WithApplication, type LoadedApplication } from "../../components/applications/WithApplication";
import { Layout } from "../../components/Layout";
import { useApplicationMessages } from "../../features/sessions/api";
import { MessageStatus } from "../../features/sessions/MessageStatus";
import { formatDate, milestoneLabels } from "../../format";
import { usePageTitle } from "../../usePageTitle";

export function SubmittedPage() {
  return <WithApplication>{(loaded) => <Submitted loaded={loaded} />}</WithApplication>;
}

/** The programme's dates after the closing date: when schools are told, when it starts. */
function timeline(programme: Programme) {
  const after = new Set(["shortlist_told", "selection_told", "programme_starts"]);
  return (programme.milestones ?? [])
    .filter((milestone) => after.has(milestone.kind))
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((milestone) => ({ key: milestone.label ?? milestoneLabels[milestone.kind], value: formatDate(milestone.date) }));
}

/** GOV.UK's confirmation page: the panel, then what happens next and when. */
function Submitted({ loaded }: { loaded: LoadedApplication }) {
  const { application, programme } = loaded;
  const base = `/applications/${String(application.id)}`;
  const messages = useApplicationMessages(application.id);
  usePageTitle("Application submitted");
  if (application.status === "draft") return <Navigate to={base} replace />;
  const dates = timeline(programme);
  return (
    <Layout>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <div className="govuk-panel govuk-panel--confirmation">
            <h1 className="govuk-panel__title">Application submitted</h1>
            <div className="govuk-panel__body">
              Your reference number
              <br />
              <strong>{application.reference}</strong>
            </div>
          </div>
          <p className="govuk-body">
            {application.school.name} has applied for {application.programme.title}. We are emailing a
            confirmation to your school
            {application.head_teacher ? ` and to ${application.head_teacher.name}` : ""}: below you can see whether
            each email has gone.
          </p>
          <MessageStatus
            id="application-emails"
            heading="Emails about this application"
            messages={messages.data?.items}
            hideWhenNone
          />
          <h2 className="govuk-heading-m">What happens next</h2>
          <p className="govuk-body">{application.next_step}</p>
          {dates.length > 0 && <SummaryList rows={dates} />}
          <p className="govuk-body">
            <Link className="govuk-link" to={base}>
              View your application
            </Link>
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to="/applications">
              Go to my applications
            </Link>
          </p>
        </div>
      </div>
    </Layout>
  );
}
