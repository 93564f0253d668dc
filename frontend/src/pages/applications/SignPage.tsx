import { useEffect, useRef, useState, type FormEvent } from "react";
import { useParams } from "react-router-dom";
import { useConfirmSignature, useSignature, type SignaturePage } from "../../api/applications";
import type { Problem } from "../../api/client";
import { ErrorMessage } from "../../components/form/ErrorMessage";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Layout } from "../../components/Layout";
import { formatDateTime, formatDay } from "../../format";
import { bodyError, checksProblem, problemOf } from "../../forms";
import { usePageTitle } from "../../usePageTitle";

/** A token the API could know: anything else is an unknown link, without asking. */
function tokenOf(raw: string | undefined): string | null {
  return raw && /^[A-Za-z0-9_-]{20,100}$/.test(raw) ? raw : null;
}

const CONFIRM_FIELDS = { "/commitments": { id: "confirm" } };
const TICK_THE_BOX = "Select ‘I confirm the commitments above’ to confirm";

/**
 * The page a signatory reaches from the link emailed to them, with no sign-in: the link is
 * the credential. What the school commits to, who else confirms, and a confirm button; then
 * a panel. A link the API does not know (404), or one that expired or was used (410), gets a
 * page of its own saying so and what to do.
 */
export function SignPage() {
  const token = tokenOf(useParams().token);
  const signature = useSignature(token);
  const problem = problemOf(signature.error);

  if (token === null || problem?.status === 404) {
    return <LinkProblem title="This link is not known" detail={problem?.detail ?? "Check you copied the whole link from the email."} />;
  }
  if (problem?.status === 410) {
    return <LinkProblem title="This link can no longer be used" detail={problem.detail ?? problem.title} />;
  }
  if (signature.data) return <Confirm token={token} page={signature.data} />;
  return <Loading problem={problem} />;
}

function Loading({ problem }: { problem: Problem | null }) {
  usePageTitle(problem ? "Sorry, there is a problem" : "Confirm your school’s commitments", { error: problem !== null });
  return (
    <Layout>
      {problem ? (
        <>
          <ErrorSummary problem={problem} />
          <h1 className="govuk-heading-l">Sorry, there is a problem</h1>
          <p className="govuk-body">Try the link again later.</p>
        </>
      ) : (
        <p className="govuk-body" role="status">
          Loading…
        </p>
      )}
    </Layout>
  );
}

function LinkProblem({ title, detail }: { title: string; detail: string }) {
  usePageTitle(title);
  return (
    <Layout>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">{detail}</p>
          <p className="govuk-body">
            The person at your school who made the application can send you a new link from their application.
          </p>
        </div>
      </div>
    </Layout>
  );
}

function Confirm({ token, page }: { token: string; page: SignaturePage }) {
  const confirm = useConfirmSignature(token);
  const [ticked, setTicked] = useState(false);
  const [checks, setChecks] = useState<Problem | null>(null);
  const apiProblem = problemOf(confirm.error);
  const problem = checks ?? apiProblem;
  const confirmed = page.confirmed_at;
  // Just confirmed: say so at once, as a new page would.
  const panel = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (confirm.isSuccess) panel.current?.focus();
  }, [confirm.isSuccess]);
  usePageTitle(confirmed ? "You have confirmed" : "Confirm your school’s commitments", { error: problem !== null });

  if (apiProblem?.status === 410) {
    return <LinkProblem title="This link can no longer be used" detail={apiProblem.detail ?? apiProblem.title} />;
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (confirm.isPending) return;
    const found = ticked ? null : checksProblem([bodyError("/commitments", TICK_THE_BOX)]);
    setChecks(found);
    if (found) {
      confirm.reset();
      return;
    }
    // Every commitment, exactly as shown: the API checks that none was left out.
    confirm.mutate(page.commitments);
  }

  const error = checks ? TICK_THE_BOX : apiProblem?.errors?.find((e) => e.pointer === "/commitments")?.detail;
  return (
    <Layout>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {problem && !confirmed && <ErrorSummary problem={problem} fields={CONFIRM_FIELDS} />}
          {confirmed ? (
            <div className="govuk-panel govuk-panel--confirmation">
              <h1 className="govuk-panel__title" tabIndex={-1} ref={panel}>
                You have confirmed
              </h1>
              <div className="govuk-panel__body">
                {page.school_name}’s commitments for {page.programme_title}
              </div>
            </div>
          ) : (
            <>
              <span className="govuk-caption-l">{page.school_name}</span>
              <h1 className="govuk-heading-l">Confirm your school’s commitments</h1>
            </>
          )}
          <p className="govuk-body">
            {confirmed
              ? `Thank you, ${page.signatory_name}. You confirmed on ${formatDateTime(confirmed)}. The school can see that you have confirmed; you can close this page.`
              : `${page.signatory_name}, ${page.school_name} is applying to take part in ${page.programme_title}, run by ${page.hub_name}. You are named as the ${page.role}.`}
          </p>

          <h2 className="govuk-heading-m" id="commitments-heading">
            {confirmed ? "What you confirmed" : "What you commit to"}
          </h2>
          <ol className="govuk-list govuk-list--number" aria-labelledby="commitments-heading">
            {page.commitments.map((commitment) => (
              <li key={commitment}>{commitment}</li>
            ))}
          </ol>

          <h2 className="govuk-heading-m" id="others-heading">
            Who else confirms
          </h2>
          {page.other_signatories.length > 0 ? (
            <ul className="govuk-list govuk-list--bullet" aria-labelledby="others-heading">
              {page.other_signatories.map((other) => (
                <li key={other}>{other}</li>
              ))}
            </ul>
          ) : (
            <p className="govuk-body">Nobody else has been asked yet.</p>
          )}

          {!confirmed && (
            <form method="post" onSubmit={submit} noValidate>
              <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
                <fieldset className="govuk-fieldset" aria-describedby={error ? "confirm-error" : undefined}>
                  <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Your confirmation</legend>
                  <ErrorMessage id="confirm-error">{error}</ErrorMessage>
                  <div className="govuk-checkboxes" data-module="govuk-checkboxes">
                    <div className="govuk-checkboxes__item">
                      <input
                        className="govuk-checkboxes__input"
                        id="confirm"
                        name="confirm"
                        type="checkbox"
                        checked={ticked}
                        onChange={(event) => {
                          setTicked(event.target.checked);
                        }}
                      />
                      <label className="govuk-label govuk-checkboxes__label" htmlFor="confirm">
                        I confirm the commitments above
                      </label>
                    </div>
                  </div>
                </fieldset>
              </div>
              {page.expires_at && (
                <p className="govuk-body-s">This link works until {formatDay(page.expires_at)}.</p>
              )}
              <button type="submit" className="govuk-button">
                Confirm
              </button>
            </form>
          )}
        </div>
      </div>
    </Layout>
  );
}
