import { useState, type FormEvent } from "react";
import { Navigate, useParams } from "react-router-dom";
import { problemStatus, type Problem } from "../../api/client";
import { homeFor } from "../../auth";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Layout } from "../../components/Layout";
import { roleLabels } from "../../formatBasics";
import { bodyError, checksProblem, errorsByPointer, formText, problemOf } from "../../forms";
import { usePageTitle } from "../../usePageTitle";
import { useAcceptInvitation, useInvitation } from "./api";
import { LinkGone } from "./LinkGone";
import { NewPasswordInput } from "./PasswordInput";

const FIELDS = { "/password": { id: "password" } };

/** The invited person chooses a password; their account is made and they are signed in. */
export function InvitationPage() {
  const token = useParams().token ?? "";
  const invitation = useInvitation(token);
  const accept = useAcceptInvitation(token);
  const [checks, setChecks] = useState<Problem | null>(null);
  const problem = checks ?? problemOf(accept.error);
  const errors = errorsByPointer(problem);
  const gone = problemStatus(invitation.error) === 410 || problemStatus(accept.error) === 410;
  usePageTitle(gone ? null : "Create your account", { error: problem !== null });

  if (accept.data) return <Navigate to={accept.data.two_factor_due ? "/account/two-factor" : homeFor(accept.data)} replace />;
  if (gone) return <LinkGone what="This invitation">Ask your hub administrator to invite you again.</LinkGone>;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (accept.isPending) return;
    const password = formText(new FormData(event.currentTarget), "password");
    const found = checksProblem(password === "" ? [bodyError("/password", "Choose a password")] : []);
    setChecks(found);
    if (!found) accept.mutate(password);
  }

  const data = invitation.data;
  return (
    <Layout>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {problem && <ErrorSummary problem={problem} fields={FIELDS} />}
          <h1 className="govuk-heading-l">Create your account</h1>
          {invitation.isPending && (
            <p className="govuk-body" role="status">
              Checking your invitation…
            </p>
          )}
          {data && (
            <>
              <dl className="govuk-summary-list">
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">Name</dt>
                  <dd className="govuk-summary-list__value">{data.name}</dd>
                </div>
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">Email address</dt>
                  <dd className="govuk-summary-list__value">{data.email}</dd>
                </div>
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">Role</dt>
                  <dd className="govuk-summary-list__value">{roleLabels[data.role]}</dd>
                </div>
              </dl>
              {data.two_factor_required && (
                <div className="govuk-inset-text">
                  After choosing your password you will set up two-factor sign-in. You need an authenticator app on your
                  phone.
                </div>
              )}
              <form method="post" onSubmit={submit} noValidate>
                <NewPasswordInput label="Choose a password" error={errors["/password"]} />
                <button type="submit" className="govuk-button">
                  Create account
                </button>
              </form>
            </>
          )}
        </div>
      </div>
    </Layout>
  );
}
