import { useState, type FormEvent } from "react";
import { Link, Navigate, useNavigate } from "react-router-dom";
import type { ApplicationStatus } from "../../api/applications";
import { useWithdrawApplication } from "../../api/applications";
import { WithApplication, type LoadedApplication } from "../../components/applications/WithApplication";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Textarea } from "../../components/form/Textarea";
import { Layout } from "../../components/Layout";
import { WarningText } from "../../components/WarningText";
import { errorsByPointer, problemOf } from "../../forms";
import { usePageTitle } from "../../usePageTitle";

/** The statuses a school may withdraw from (a draft is deleted instead). */
export const WITHDRAWABLE: readonly ApplicationStatus[] = ["submitted", "shortlisted", "selected", "waitlisted"];

/** /applications/:id/withdraw: why (optional), "Are you sure?", then withdrawn. */
export function WithdrawPage() {
  return <WithApplication>{(loaded) => <Withdraw loaded={loaded} />}</WithApplication>;
}

function Withdraw({ loaded }: { loaded: LoadedApplication }) {
  const { application } = loaded;
  const base = `/applications/${String(application.id)}`;
  const withdraw = useWithdrawApplication();
  const navigate = useNavigate();
  const [note, setNote] = useState("");
  const problem = problemOf(withdraw.error);
  const errors = errorsByPointer(problem);
  usePageTitle(`Withdraw application ${application.reference}`, { error: problem !== null });
  // Once withdrawn here, the page goes on to the application with the news (below), not from here.
  if (application.status === "draft") return <Navigate to={`${base}/delete`} replace />;
  if (!withdraw.isSuccess && !WITHDRAWABLE.includes(application.status)) return <Navigate to={base} replace />;

  function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (withdraw.isPending) return;
    withdraw.mutate(
      { id: application.id, note: note.trim() || null },
      {
        onSuccess: () => {
          void navigate(base, { state: { withdrawn: application.reference } });
        },
      },
    );
  }

  return (
    <Layout
      beforeContent={
        <Link to={base} className="govuk-back-link">
          Back
        </Link>
      }
    >
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {problem && <ErrorSummary problem={problem} fields={{ "/note": { id: "note" } }} />}
          <span className="govuk-caption-l">
            {application.reference} · {application.school.name}
          </span>
          <h1 className="govuk-heading-l">Are you sure you want to withdraw this application?</h1>
          <p className="govuk-body">
            {application.school.name} will no longer be considered for {application.programme.title}.
          </p>
          {application.status === "selected" && (
            <WarningText>Your school&apos;s place will be offered to the first school on the waiting list.</WarningText>
          )}
          <WarningText>You cannot undo this.</WarningText>
          <form method="post" onSubmit={confirm} noValidate>
            <Textarea
              id="note"
              label="Why are you withdrawing? (optional)"
              hint="The hub sees this."
              rows={3}
              maxLength={2000}
              value={note}
              onChange={(event) => {
                setNote(event.target.value);
              }}
              error={errors["/note"]}
            />
            <div className="govuk-button-group">
              <button type="submit" className="govuk-button govuk-button--warning" aria-disabled={withdraw.isPending}>
                Yes, withdraw the application
              </button>
              <Link className="govuk-link" to={base}>
                No, keep it
              </Link>
            </div>
          </form>
        </div>
      </div>
    </Layout>
  );
}
