import { useState, type FormEvent } from "react";
import { Link, Navigate, useLocation } from "react-router-dom";
import type { Problem } from "../api/client";
import { useSignIn } from "../api/mutations";
import { useMe } from "../api/queries";
import { homeFor, returnPath, signInRequired } from "../auth";
import { ErrorSummary } from "../components/ErrorSummary";
import { TextInput } from "../components/form/TextInput";
import { Layout } from "../components/Layout";
import { bodyError, checksProblem, errorsByPointer, formText, problemOf } from "../forms";
import { usePageTitle } from "../usePageTitle";

const FIELDS = { "/email": { id: "email" }, "/password": { id: "password" }, "/code": { id: "code" } };

/** The API's answer when the password was right and a code from the authenticator app is needed too. */
function needsCode(problem: Problem | null): boolean {
  return problem?.status === 401 && problem.type.endsWith("/two-factor-required");
}

/**
 * The API's refusal as an error at the email address (or the code, once asked for it), so the
 * summary links to the form (it does not say which of email and password was wrong, and
 * neither should the page). Throttling and other problems name no field and are said as they are.
 */
function signInProblem(problem: Problem | null, askingForCode: boolean): Problem | null {
  if (problem?.status !== 401 || needsCode(problem)) return needsCode(problem) ? null : problem;
  return { ...problem, errors: [bodyError(askingForCode ? "/code" : "/email", problem.detail ?? problem.title)] };
}

/** Sign in with an email address and password, then go back to the page that asked for it. */
export function SignInPage() {
  const me = useMe();
  const location = useLocation();
  const signIn = useSignIn();
  const [checks, setChecks] = useState<Problem | null>(null);
  // Once the password was right and the account needs a code: the email and password to send again with it.
  const [credentials, setCredentials] = useState<{ email: string; password: string } | null>(null);

  const problem = checks ?? signInProblem(problemOf(signIn.error), credentials !== null);
  const errors = errorsByPointer(problem);
  usePageTitle("Sign in", { error: problem !== null });

  const from = returnPath(location.state);
  // Signed in (just now, or already): go on to the page they came from, or their home; an
  // administrator without two-factor sign-in sets it up first.
  if (me.data) {
    return <Navigate to={me.data.two_factor_due ? "/account/two-factor" : (from ?? homeFor(me.data))} replace />;
  }

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
    signIn.mutate(
      { email, password, remember_browser: false },
      {
        onError: (error) => {
          if (needsCode(problemOf(error))) setCredentials({ email, password });
        },
      },
    );
  }

  function submitCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (signIn.isPending || !credentials) return;
    const form = new FormData(event.currentTarget);
    const code = formText(form, "code").replace(/\s/g, "");
    const found = checksProblem(code === "" ? [bodyError("/code", "Enter the code your app shows")] : []);
    setChecks(found);
    if (found) {
      signIn.reset();
      return;
    }
    signIn.mutate({ ...credentials, code, remember_browser: form.get("remember") === "yes" });
  }

  if (credentials) {
    return (
      <Layout>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            {problem && <ErrorSummary problem={problem} fields={FIELDS} />}
            <h1 className="govuk-heading-l">Enter your code</h1>
            <p className="govuk-body">Open your authenticator app and enter the code it shows for Maths Hubs Programmes.</p>
            <form method="post" onSubmit={submitCode} noValidate>
              <TextInput
                id="code"
                label="Code"
                hint="6 digits, or one of your recovery codes"
                autoComplete="one-time-code"
                spellCheck={false}
                inputClassName="govuk-input--width-10"
                error={errors["/code"]}
              />
              <div className="govuk-form-group">
                <div className="govuk-checkboxes govuk-checkboxes--small">
                  <div className="govuk-checkboxes__item">
                    <input className="govuk-checkboxes__input" id="remember" name="remember" type="checkbox" value="yes" />
                    <label className="govuk-label govuk-checkboxes__label" htmlFor="remember">
                      Do not ask for a code on this browser for 30 days
                    </label>
                  </div>
                </div>
              </div>
              <button type="submit" className="govuk-button">
                Sign in
              </button>
            </form>
          </div>
        </div>
      </Layout>
    );
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
          <p className="govuk-body">
            <Link className="govuk-link" to="/forgotten-password">
              Forgotten your password?
            </Link>
          </p>
        </div>
      </div>
    </Layout>
  );
}
