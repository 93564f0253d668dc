import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import type { Problem } from "../../api/client";
import { ErrorSummary } from "../../components/ErrorSummary";
import { TextInput } from "../../components/form/TextInput";
import { Layout } from "../../components/Layout";
import { bodyError, checksProblem, errorsByPointer, formText, problemOf } from "../../forms";
import { usePageTitle } from "../../usePageTitle";
import { useRequestReset } from "./api";

const FIELDS = { "/email": { id: "email" } };

/** Ask for a link to choose a new password. The answer never says whether the address has an account. */
export function ForgottenPasswordPage() {
  const request = useRequestReset();
  const [checks, setChecks] = useState<Problem | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const problem = checks ?? problemOf(request.error);
  const errors = errorsByPointer(problem);
  usePageTitle(sentTo ? "Check your email" : "Reset your password", { error: problem !== null });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (request.isPending) return;
    const email = formText(new FormData(event.currentTarget), "email").trim();
    const found = checksProblem(email === "" ? [bodyError("/email", "Enter your email address")] : []);
    setChecks(found);
    if (found) return;
    request.mutate(email, {
      onSuccess: () => {
        setSentTo(email);
      },
    });
  }

  return (
    <Layout>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {sentTo ? (
            <>
              <h1 className="govuk-heading-l">Check your email</h1>
              <p className="govuk-body">
                If there is an account for <strong>{sentTo}</strong>, we have sent it a link to choose a new password.
              </p>
              <p className="govuk-body">The link works once, for 1 hour. Check your spam folder if it has not arrived.</p>
              <p className="govuk-body">
                <Link className="govuk-link" to="/sign-in">
                  Back to sign in
                </Link>
              </p>
            </>
          ) : (
            <>
              {problem && <ErrorSummary problem={problem} fields={FIELDS} />}
              <h1 className="govuk-heading-l">Reset your password</h1>
              <p className="govuk-body">Enter the email address you sign in with. We will send you a link to choose a new password.</p>
              <form method="post" onSubmit={submit} noValidate>
                <TextInput
                  id="email"
                  label="Email address"
                  type="email"
                  autoComplete="email"
                  spellCheck={false}
                  error={errors["/email"]}
                />
                <button type="submit" className="govuk-button">
                  Send the link
                </button>
              </form>
            </>
          )}
        </div>
      </div>
    </Layout>
  );
}
