import type { FormEvent } from "react";
import { Link, useLocation } from "react-router-dom";
import { useSignOut } from "../api/session";
import { useMe } from "../api/queries";
import type { ReturnState } from "../auth";
import { roleLabels } from "../formatBasics";

/**
 * The end of the service navigation: who is signed in, in what role, and a button to sign
 * out; or a link to sign in. Nothing while the session is still being read, so the header
 * does not flash "Sign in" at someone who is signed in.
 */
export function AccountBar() {
  const me = useMe();
  const { signOut, failed } = useSignOut();
  const location = useLocation();

  if (me.data === undefined) return null;

  if (me.data === null) {
    if (location.pathname === "/sign-in") return null;
    const state: ReturnState = { from: `${location.pathname}${location.search}` };
    return (
      <div className="app-account">
        <Link className="govuk-service-navigation__link app-account__action" to="/sign-in" state={state}>
          Sign in
        </Link>
      </div>
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    signOut();
  }

  const role = me.data.role ? roleLabels[me.data.role] : null;
  return (
    <div className="app-account">
      <p className="app-account__who">
        <span className="govuk-visually-hidden">Signed in as </span>
        <Link to="/account">
          {me.data.name}
        </Link>
        {role && (
          <>
            <span className="govuk-visually-hidden">,</span> <span className="app-account__role">{role}</span>
          </>
        )}
      </p>
      <form className="app-account__form" method="post" onSubmit={submit}>
        <button type="submit" className="app-link-button app-account__action">
          Sign out
        </button>
      </form>
      {failed && (
        <p className="govuk-error-message app-account__error" role="alert">
          <span className="govuk-visually-hidden">Error:</span> You could not be signed out. Try again.
        </p>
      )}
    </div>
  );
}
