import { useEffect, useRef, useState, type FormEvent } from "react";
import type { Decision, Problem } from "../../api/client";
import { useCheckEligibility } from "../../api/mutations";
import { bodyError, checksProblem, errorsByPointer, formText, problemOf } from "../../forms";
import { TextInput } from "../form/TextInput";
import { DecisionRules } from "./DecisionRules";

/** The panel's one field, for the page's error summary. */
export const ELIGIBILITY_FIELDS = { "/urn": { id: "urn" } };

/** The words for a URN the page will not send: the API would only say it fails a pattern. */
export const ENTER_URN = "Enter your school's URN";
export const URN_FORMAT = "Enter a URN with 6 digits, like 100001";

/**
 * What the page checks before asking: a URN is six digits (spaces typed inside it are
 * dropped, as when copied from a letter). Returns the URN to send, or the error to show.
 */
export function readUrn(raw: string): { urn: string } | { error: string } {
  const urn = raw.replace(/\s+/g, "");
  if (urn === "") return { error: ENTER_URN };
  if (!/^\d{6}$/.test(urn)) return { error: URN_FORMAT };
  return { urn };
}

/**
 * The API's refusal, at the URN field. An unknown URN is a 404 whose problem names no field
 * (the programme was found, so it can only be the school): the page puts it at the URN.
 */
function urnProblem(problem: Problem | null): Problem | null {
  if (problem?.status !== 404 || (problem.errors ?? []).length > 0) return problem;
  return { ...problem, errors: [bodyError("/urn", problem.detail ?? problem.title)] };
}

/**
 * The state of one programme page's eligibility check, kept by the page so that its error
 * summary can sit at the top of the page and its title can start "Error:".
 */
export function useEligibilityCheck(programmeId: number) {
  const mutation = useCheckEligibility();
  const [checks, setChecks] = useState<Problem | null>(null);
  // Each answer is a new result to announce, even when it is the same as the last.
  const [answers, setAnswers] = useState(0);

  function check(raw: string) {
    if (mutation.isPending) return;
    const read = readUrn(raw);
    if ("error" in read) {
      setChecks(checksProblem([bodyError("/urn", read.error)]));
      mutation.reset();
      return;
    }
    setChecks(null);
    mutation.mutate(
      { programmeId, urn: read.urn },
      {
        onSuccess: () => {
          setAnswers((count) => count + 1);
        },
      },
    );
  }

  return {
    check,
    problem: checks ?? urnProblem(problemOf(mutation.error)),
    decision: mutation.data ?? null,
    pending: mutation.isPending,
    answers,
  };
}

export type EligibilityCheck = ReturnType<typeof useEligibilityCheck>;

type Props = {
  eligibility: EligibilityCheck;
  /** A school contact's own URN, filled in for them. */
  defaultUrn?: string | null;
};

/** "Check your school's eligibility": a URN, a button, and the API's decision rule by rule. */
export function EligibilityPanel({ eligibility, defaultUrn }: Props) {
  const errors = errorsByPointer(eligibility.problem);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    eligibility.check(formText(new FormData(event.currentTarget), "urn"));
  }

  return (
    <section className="app-panel" aria-labelledby="check-eligibility">
      <h2 className="govuk-heading-m" id="check-eligibility">
        Check your school&apos;s eligibility
      </h2>
      <p className="govuk-body">
        Enter your school&apos;s unique reference number (URN) to see whether it can take part. You do not need to
        sign in.
      </p>
      <p className="govuk-body">
        You can{" "}
        <a className="govuk-link" href="https://get-information-schools.service.gov.uk/" rel="noreferrer">
          find your school&apos;s URN on Get Information about Schools
        </a>
        .
      </p>
      <form method="post" onSubmit={submit} noValidate>
        <TextInput
          // Filled in once who is signed in is known (a school contact's own school).
          key={defaultUrn ?? ""}
          id="urn"
          label="School URN"
          hint="6 digits, like 100001"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          inputClassName="govuk-input--width-10"
          defaultValue={defaultUrn ?? ""}
          error={errors["/urn"]}
        />
        <button type="submit" className="govuk-button govuk-!-margin-bottom-4" aria-disabled={eligibility.pending}>
          Check eligibility
        </button>
      </form>
      {eligibility.pending && (
        <p className="govuk-body" role="status">
          Checking…
        </p>
      )}
      {eligibility.decision && !eligibility.problem && (
        <EligibilityResult key={eligibility.answers} decision={eligibility.decision} />
      )}
    </section>
  );
}

/** The decision as a notification banner, which takes focus so that it is read out at once. */
export function EligibilityResult({ decision }: { decision: Decision }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div
      className={`govuk-notification-banner${decision.may_apply ? " govuk-notification-banner--success" : ""} app-result`}
      role="region"
      aria-labelledby="eligibility-result-title"
      tabIndex={-1}
      ref={ref}
    >
      <div className="govuk-notification-banner__header">
        <h3 className="govuk-notification-banner__title" id="eligibility-result-title">
          {decision.may_apply ? "This school may apply" : "This school cannot take part"}
        </h3>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{decision.summary}</p>
        <h4 className="govuk-heading-s">Rule by rule</h4>
        <DecisionRules rules={decision.rules} />
      </div>
    </div>
  );
}
