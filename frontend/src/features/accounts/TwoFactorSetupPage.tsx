import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import type { Problem } from "../../api/client";
import { useMe } from "../../api/queries";
import { homeFor } from "../../auth";
import { ErrorSummary } from "../../components/ErrorSummary";
import { TextInput } from "../../components/form/TextInput";
import { Layout } from "../../components/Layout";
import { bodyError, checksProblem, errorsByPointer, formText, problemOf } from "../../forms";
import { usePageTitle } from "../../usePageTitle";
import { useConfirmTwoFactor, useStartTwoFactor } from "./api";

const FIELDS = { "/code": { id: "code" } };

/** Scan a QR code into an authenticator app, enter a code from it, keep the recovery codes. */
export function TwoFactorSetupPage() {
  const me = useMe();
  const start = useStartTwoFactor();
  const confirm = useConfirmTwoFactor();
  const [checks, setChecks] = useState<Problem | null>(null);
  const problem = checks ?? problemOf(confirm.error) ?? problemOf(start.error);
  const errors = errorsByPointer(problem);
  const codes = confirm.data?.recovery_codes;
  usePageTitle(codes ? "Save your recovery codes" : "Set up two-factor sign-in", { error: problem !== null });

  if (!me.data) return null; // RequireRole renders this page only for someone signed in.

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (confirm.isPending) return;
    const code = formText(new FormData(event.currentTarget), "code").replace(/\s/g, "");
    const found = checksProblem(code === "" ? [bodyError("/code", "Enter the code your app shows")] : []);
    setChecks(found);
    if (!found) confirm.mutate(code);
  }

  if (codes) {
    return (
      <Layout>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <div className="govuk-panel govuk-panel--confirmation">
              <h1 className="govuk-panel__title">Two-factor sign-in is on</h1>
            </div>
            <h2 className="govuk-heading-m">Save your recovery codes</h2>
            <p className="govuk-body">
              If you lose your phone, each of these codes signs you in once instead of a code from your app. Keep them
              somewhere safe: they are shown only now.
            </p>
            <ul className="govuk-list app-recovery-codes" aria-label="Recovery codes">
              {codes.map((code) => (
                <li key={code}>
                  <code>{code}</code>
                </li>
              ))}
            </ul>
            <Link className="govuk-button" to={homeFor(me.data)}>
              Continue
            </Link>
          </div>
        </div>
      </Layout>
    );
  }

  const setup = start.data;
  return (
    <Layout>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {problem && <ErrorSummary problem={problem} fields={FIELDS} />}
          <h1 className="govuk-heading-l">Set up two-factor sign-in</h1>
          {me.data.two_factor_due && (
            <div className="govuk-inset-text">
              Administrators sign in with a code from an authenticator app as well as their password. Set it up to go on.
            </div>
          )}
          {me.data.two_factor && !setup ? (
            <p className="govuk-body">Two-factor sign-in is on for your account.</p>
          ) : !setup ? (
            <>
              <p className="govuk-body">
                You need an authenticator app on your phone, such as Google Authenticator or Microsoft Authenticator.
              </p>
              <button
                type="button"
                className="govuk-button"
                disabled={start.isPending}
                onClick={() => {
                  start.mutate();
                }}
              >
                Start
              </button>
            </>
          ) : (
            <>
              <h2 className="govuk-heading-m">1. Scan this QR code with your app</h2>
              <img src={setup.qr_code} alt="QR code for your authenticator app" width={200} height={200} />
              <details className="govuk-details">
                <summary className="govuk-details__summary">
                  <span className="govuk-details__summary-text">I cannot scan the QR code</span>
                </summary>
                <div className="govuk-details__text">
                  Enter this key in your app instead: <code data-testid="totp-secret">{setup.secret}</code>
                </div>
              </details>
              <h2 className="govuk-heading-m">2. Enter the code your app shows</h2>
              <form method="post" onSubmit={submit} noValidate>
                <TextInput
                  id="code"
                  label="Code"
                  hint="The 6-digit code for Maths Hubs Programmes"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  spellCheck={false}
                  inputClassName="govuk-input--width-10"
                  error={errors["/code"]}
                />
                <button type="submit" className="govuk-button">
                  Turn on two-factor sign-in
                </button>
              </form>
            </>
          )}
        </div>
      </div>
    </Layout>
  );
}
