import { useState, type FormEvent } from "react";
import { Navigate, useLocation } from "react-router-dom";
import type { Problem } from "../api/client";
import { useSignIn } from "../api/mutations";
import { useMe } from "../api/queries";
import { homeFor, returnPath, signInRequired } from "../auth";
import { ErrorSummary } from "../components/ErrorSummary";
import { TextInput } from "../components/form/TextInput";
import { Layout } from "../components/Layout";
import { bodyError, checksProblem, errorsByPointer, formText, problemOf } from "../forms";
import { usePageTitle } from "../usePageTitle";

const FIELDS = { "/email": { id: "email" }, "/password": { id: "password" } };

/**
 * The API's refusal as an error at the email address, so the summary links to the form
 * (it does not say which of the two was wrong, and neither should the page). Throttling
 * and other problems name no field and are said as they are.
 */
function signInProblem(problem: Problem | null): Problem | null {
  if (problem?.status !== 401) return problem;
  return { ...problem, errors: [bodyError("/email", problem.detail ?? problem.title)] };
}

/** Sign in with an email address and password, then go back to the page that asked for it. */
export function SignInPage() {
  const me = useMe();
  const location = useLocation();
  const signIn = useSignIn();
  const [checks, setChecks] = useState<Problem | null>(null);

  const problem = checks ?? signInProblem(problemOf(signIn.error));
  const errors = errorsByPointer(problem);
  usePageTitle("Sign in", { error: problem !== null });

  const from = returnPath(location.state);
  // Signed in (just now, or already): go on to the page they came from, or their home.
  if (me.data) return <Navigate to={from ?? homeFor(me.data)} replace />;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (signIn.isPending) return;
    const form = new FormData(event.currentTarget);
    const email = formText(form, "email").trim();
    const password = formText(form, "password");
    // Empty fields are caught here: the API would count an empty password as a failed attempt.
    const found = checksProblem([
      ...(email === "" ? [bodyError("/email", "Enter your email address")] : []),
      ...(password === "" ? [bodyError("/password", "Enter your password")] : []),
    ]);
    setChecks(found);
    if (found) {
      signIn.reset();
      return;
    }
    signIn.mutate({ email, password });
  }

  return (
    <Layout>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {problem && <ErrorSummary problem={problem} fields={FIELDS} />}
          <h1 className="govuk-heading-l">Sign in</h1>
          {signInRequired(location.state) && !problem && (
            <div className="govuk-inset-text">You need to sign in to see that page.</div>
          )}
          <p className="govuk-body">
            Sign in to run your hub&apos;s programmes, or to apply for a programme for your school.
          </p>
          {/* POST, so that the password could never end up in a URL. */}
          <form method="post" onSubmit={submit} noValidate>
            <TextInput
              id="email"
              label="Email address"
              type="email"
              autoComplete="email"
              spellCheck={false}
              error={errors["/email"]}
            />
            <TextInput
              id="password"
              label="Password"
              type="password"
              autoComplete="current-password"
              inputClassName="govuk-!-width-two-thirds"
              error={errors["/password"]}
            />
            <button type="submit" className="govuk-button">
              Sign in
            </button>
          </form>
          <p className="govuk-body">Forgotten your password? Ask your hub administrator.</p>
        </div>
      </div>
    </Layout>
  );
}
