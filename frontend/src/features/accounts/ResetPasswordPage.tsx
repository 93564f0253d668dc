import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router-dom";
import { problemStatus, type Problem } from "../../api/client";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Layout } from "../../components/Layout";
import { bodyError, checksProblem, errorsByPointer, formText, problemOf } from "../../forms";
import { usePageTitle } from "../../usePageTitle";
import { useResetLink, useResetPassword } from "./api";
import { LinkGone } from "./LinkGone";
import { NewPasswordInput } from "./PasswordInput";

const FIELDS = { "/password": { id: "password" } };

/** Choose a new password from the emailed link; every session of the account then ends. */
export function ResetPasswordPage() {
  const token = useParams().token ?? "";
  const link = useResetLink(token);
  const reset = useResetPassword(token);
  const [checks, setChecks] = useState<Problem | null>(null);
  const problem = checks ?? problemOf(reset.error);
  const errors = errorsByPointer(problem);
  const gone = problemStatus(link.error) === 410 || problemStatus(reset.error) === 410;
  usePageTitle(gone ? null : reset.isSuccess ? "Your password has been changed" : "Choose a new password", {
    error: problem !== null,
  });

  if (gone) {
    return (
      <LinkGone what="This password reset link">
        <Link className="govuk-link" to="/forgotten-password">
          Ask for a new link
        </Link>
      </LinkGone>
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reset.isPending) return;
    const password = formText(new FormData(event.currentTarget), "password");
    const found = checksProblem(password === "" ? [bodyError("/password", "Enter a new password")] : []);
    setChecks(found);
    if (!found) reset.mutate(password);
  }

  return (
    <Layout>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {reset.isSuccess ? (
            <>
              <h1 className="govuk-heading-l">Your password has been changed</h1>
              <p className="govuk-body">You have been signed out everywhere you were signed in.</p>
              <p className="govuk-body">
                <Link className="govuk-link" to="/sign-in">
                  Sign in with your new password
                </Link>
              </p>
            </>
          ) : (
            <>
              {problem && <ErrorSummary problem={problem} fields={FIELDS} />}
              <h1 className="govuk-heading-l">Choose a new password</h1>
              {link.isPending && (
                <p className="govuk-body" role="status">
                  Checking your link…
                </p>
              )}
              {link.data && (
                <form method="post" onSubmit={submit} noValidate>
                  <NewPasswordInput label="New password" error={errors["/password"]} />
                  <button type="submit" className="govuk-button">
                    Change password
                  </button>
                </form>
              )}
            </>
          )}
        </div>
      </div>
    </Layout>
  );
}
