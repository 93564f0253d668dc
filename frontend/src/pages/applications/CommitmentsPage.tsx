import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { useRequestSignatures, type Application } from "../../api/applications";
import { signatoryRows } from "../../applications";
import { SignatoryTable } from "../../components/applications/SignatoryTable";
import { WithApplication, type LoadedApplication } from "../../components/applications/WithApplication";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Layout } from "../../components/Layout";
import { SuccessBanner } from "../../components/NotificationBanner";
import { useApplicationMessages } from "../../features/sessions/api";
import { MessageStatus } from "../../features/sessions/MessageStatus";
import { pluralise } from "../../format";
import { problemOf } from "../../forms";
import { usePageTitle } from "../../usePageTitle";

/** Someone has a link and has not used it yet: their confirmation may come in at any moment. */
function waitingForSomeone(application: Application): boolean {
  return application.signatories.some((signatory) => signatory.sent_at !== null && signatory.confirmed_at === null);
}

export function CommitmentsPage() {
  return <WithApplication poll={waitingForSomeone}>{(loaded) => <Commitments loaded={loaded} />}</WithApplication>;
}

/**
 * What the school commits to, and who confirms it: each person named gets a personal link by
 * email (no sign-in), and their tag turns from Waiting to Confirmed as they use it.
 */
function Commitments({ loaded }: { loaded: LoadedApplication }) {
  const { application, form } = loaded;
  const send = useRequestSignatures();
  const messages = useApplicationMessages(application.id);
  const [sent, setSent] = useState<{ count: number; at: number } | null>(null);
  const rows = signatoryRows(application, form);
  const outstanding = rows.filter((row) => row.state !== "confirmed");
  const anySent = rows.some((row) => row.state !== "not_sent");
  const draft = application.status === "draft";
  const problem = problemOf(send.error);
  const taskList = `/applications/${String(application.id)}`;
  usePageTitle("Commitments and signatures", { error: problem !== null });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (send.isPending) return;
    const count = outstanding.length;
    send.mutate(application.id, {
      onSuccess: () => {
        setSent({ count, at: Date.now() });
        void messages.refetch(); // the new emails, each waiting to send until the server takes it
      },
    });
  }

  return (
    <Layout
      beforeContent={
        <Link to={taskList} className="govuk-back-link">
          Back to your application
        </Link>
      }
    >
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {problem && <ErrorSummary problem={problem} />}
          {sent && (
            <SuccessBanner key={sent.at} heading="Confirmation links on their way">
              <p className="govuk-body">
                We are emailing a personal link to {pluralise(sent.count, "person", "people")}: under &lsquo;Emails
                about this application&rsquo; you can see whether each email has gone. Their status changes to
                Confirmed when they use it.
              </p>
            </SuccessBanner>
          )}
          <span className="govuk-caption-l">{application.programme.title}</span>
          <h1 className="govuk-heading-l">Commitments and signatures</h1>
          <p className="govuk-body">
            Everyone named in your application must confirm that your school will meet these commitments. We email
            each of them a personal link: they do not need to sign in.
          </p>
          <h2 className="govuk-heading-m">What your school commits to</h2>
          <ol className="govuk-list govuk-list--number">
            {application.commitments.map((commitment) => (
              <li key={commitment}>{commitment}</li>
            ))}
          </ol>

          {rows.length === 0 ? (
            <p className="govuk-inset-text">
              <Link className="govuk-link" to={`${taskList}/people`}>
                Name the people taking part
              </Link>{" "}
              first. Then you can email them the links.
            </p>
          ) : (
            <SignatoryTable rows={rows} caption="Who confirms" />
          )}

          {draft && rows.length > 0 && !application.head_teacher && (
            <p className="govuk-inset-text">
              <Link className="govuk-link" to={`${taskList}/people`}>
                Name the head teacher or senior leader
              </Link>{" "}
              before you email the links.
            </p>
          )}
          {draft && application.head_teacher && outstanding.length > 0 && (
            <form method="post" onSubmit={submit} noValidate>
              {anySent && (
                <p className="govuk-body">
                  Only people who have not confirmed yet get a new link. The link they had before stops working.
                </p>
              )}
              <button type="submit" className="govuk-button">
                {anySent ? "Send the links again" : "Email the confirmation links"}
              </button>
            </form>
          )}
          {rows.length > 0 && outstanding.length === 0 && (
            <p className="govuk-body">Everyone has confirmed the commitments.</p>
          )}
          <MessageStatus
            id="application-emails"
            heading="Emails about this application"
            messages={messages.data?.items}
            hideWhenNone
          />
          <p className="govuk-body">
            <Link className="govuk-link" to={taskList}>
              Return to your application
            </Link>
          </p>
        </div>
      </div>
    </Layout>
  );
}
