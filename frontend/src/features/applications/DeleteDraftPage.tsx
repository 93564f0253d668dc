import type { FormEvent } from "react";
import { Link, Navigate, useNavigate } from "react-router-dom";
import { useDeleteDraft } from "../../api/applications";
import { WithApplication, type LoadedApplication } from "../../components/applications/WithApplication";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Layout } from "../../components/Layout";
import { WarningText } from "../../components/WarningText";
import { problemOf } from "../../forms";
import { usePageTitle } from "../../usePageTitle";

/** /applications/:id/delete: "Are you sure?", then the draft is gone (drafts only). */
export function DeleteDraftPage() {
  return <WithApplication>{(loaded) => <DeleteDraft loaded={loaded} />}</WithApplication>;
}

function DeleteDraft({ loaded }: { loaded: LoadedApplication }) {
  const { application, etag } = loaded;
  const base = `/applications/${String(application.id)}`;
  const remove = useDeleteDraft();
  const navigate = useNavigate();
  const problem = problemOf(remove.error);
  usePageTitle(`Delete your draft application ${application.reference}`, { error: problem !== null });
  if (application.status !== "draft") return <Navigate to={`${base}/withdraw`} replace />;

  function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (remove.isPending) return;
    remove.mutate(
      { id: application.id, etag },
      {
        onSuccess: () => {
          void navigate("/applications", {
            state: { deleted: `${application.reference}, ${application.programme.title}` },
          });
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
          {problem && <ErrorSummary problem={problem} />}
          <span className="govuk-caption-l">
            {application.reference} · {application.school.name}
          </span>
          <h1 className="govuk-heading-l">Are you sure you want to delete your draft application?</h1>
          <p className="govuk-body">
            Your answers for {application.programme.title} will be deleted, and any links sent to people to confirm
            the commitments will stop working.
          </p>
          <WarningText>You cannot undo this. You can start a new application while the programme is open.</WarningText>
          <form method="post" onSubmit={confirm} noValidate>
            <div className="govuk-button-group">
              <button type="submit" className="govuk-button govuk-button--warning" aria-disabled={remove.isPending}>
                Yes, delete the draft
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
