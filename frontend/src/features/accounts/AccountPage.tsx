import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router-dom";
import type { Problem } from "../../api/client";
import { useMe } from "../../api/queries";
import { ErrorSummary } from "../../components/ErrorSummary";
import { TextInput } from "../../components/form/TextInput";
import { Layout } from "../../components/Layout";
import { roleLabels } from "../../formatBasics";
import { bodyError, checksProblem, errorsByPointer, formText, problemOf } from "../../forms";
import { usePageTitle } from "../../usePageTitle";
import { useEndSession, useOwnSessions, useSignOutEverywhere, useTurnOffTwoFactor } from "./api";
import { formatDateTime as dateTime } from "../../format";

const FIELDS = { "/code": { id: "code" } };

/** Your account: two-factor sign-in, and where you are signed in, with "sign out everywhere". */
export function AccountPage() {
  const me = useMe();
  const sessions = useOwnSessions();
  const end = useEndSession();
  const everywhere = useSignOutEverywhere();
  const turnOff = useTurnOffTwoFactor();
  const navigate = useNavigate();
  const [checks, setChecks] = useState<Problem | null>(null);
  const formProblem = checks ?? problemOf(turnOff.error);
  const problem = formProblem ?? problemOf(end.error) ?? problemOf(everywhere.error) ?? problemOf(sessions.error);
  const errors = errorsByPointer(formProblem);
  usePageTitle("Your account", { error: problem !== null });

  if (!me.data) return null; // RequireRole renders this page only for someone signed in.
  const admin = me.data.role === "national_admin" || me.data.role === "hub_admin";

  function submitTurnOff(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = formText(new FormData(event.currentTarget), "code").trim();
    const found = checksProblem(code === "" ? [bodyError("/code", "Enter a code from your app")] : []);
    setChecks(found);
    if (!found) turnOff.mutate(code);
  }

  return (
    <Layout>
      {problem && <ErrorSummary problem={problem} fields={formProblem ? FIELDS : {}} />}
      <h1 className="govuk-heading-l">Your account</h1>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Name</dt>
          <dd className="govuk-summary-list__value">{me.data.name}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Email address</dt>
          <dd className="govuk-summary-list__value">{me.data.email}</dd>
        </div>
        {me.data.role && (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Role</dt>
            <dd className="govuk-summary-list__value">{roleLabels[me.data.role]}</dd>
          </div>
        )}
      </dl>

      {admin && (
        <>
          <h2 className="govuk-heading-m">Your hub&apos;s people</h2>
          <p className="govuk-body">
            <Link className="govuk-link" to="/people">
              Invite people, change their roles, deactivate accounts
            </Link>
          </p>
        </>
      )}

      <h2 className="govuk-heading-m">Two-factor sign-in</h2>
      {!me.data.two_factor ? (
        <p className="govuk-body">
          It is off.{" "}
          <Link className="govuk-link" to="/account/two-factor">
            Set up two-factor sign-in
          </Link>
        </p>
      ) : admin ? (
        <p className="govuk-body">It is on. Administrators always sign in with a code.</p>
      ) : (
        <>
          <p className="govuk-body">It is on. To turn it off, enter a code from your app or a recovery code.</p>
          <form method="post" onSubmit={submitTurnOff} noValidate>
            <TextInput id="code" label="Code" autoComplete="one-time-code" inputClassName="govuk-input--width-10" error={errors["/code"]} />
            <button type="submit" className="govuk-button govuk-button--secondary">
              Turn off two-factor sign-in
            </button>
          </form>
        </>
      )}

      <h2 className="govuk-heading-m">Where you are signed in</h2>
      {sessions.data && (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Your signed-in sessions</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Signed in
              </th>
              <th scope="col" className="govuk-table__header">
                Ends
              </th>
              <th scope="col" className="govuk-table__header">
                <span className="govuk-visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {sessions.data.map((row) => (
              <tr className="govuk-table__row" key={row.id}>
                <td className="govuk-table__cell">
                  {dateTime(row.created_at)}
                  {row.current && <strong className="govuk-tag govuk-!-margin-left-2">This browser</strong>}
                </td>
                <td className="govuk-table__cell">{dateTime(row.expires_at)}</td>
                <td className="govuk-table__cell">
                  {!row.current && (
                    <button
                      type="button"
                      className="app-link-button"
                      disabled={end.isPending}
                      onClick={() => {
                        end.mutate(row.id);
                      }}
                    >
                      Sign out<span className="govuk-visually-hidden"> the session from {dateTime(row.created_at)}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button
        type="button"
        className="govuk-button govuk-button--warning"
        disabled={everywhere.isPending}
        onClick={() => {
          everywhere.mutate(undefined, {
            onSuccess: () => {
              void navigate("/sign-in");
            },
          });
        }}
      >
        Sign out everywhere
      </button>
    </Layout>
  );
}
