import { useState, type FormEvent } from "react";
import type { Problem } from "../../api/client";
import { ErrorSummary } from "../../components/ErrorSummary";
import { TextInput } from "../../components/form/TextInput";
import { SuccessBanner } from "../../components/NotificationBanner";
import { pluralise } from "../../format";
import { bodyError, checksProblem, errorsByPointer, formText, problemOf } from "../../forms";
import { useSendRangeAgain } from "./api";

const FIELDS = { "/since": { id: "since" }, "/until": { id: "until" } };

/** The browser's local date and time (what a datetime-local field holds) as an instant. */
function instant(local: string): string | null {
  const at = new Date(local);
  return local === "" || Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/**
 * "Send a time range again": after a receiver was down, every delivery made between two
 * moments goes again from its first attempt. The times are the browser's, as the log shows.
 */
export function SendRangeAgain({ endpointId, enabled }: { endpointId: number; enabled: boolean }) {
  const sendRange = useSendRangeAgain(endpointId);
  const [checks, setChecks] = useState<Problem | null>(null);
  const [count, setCount] = useState<number | null>(null);
  const problem = checks ?? problemOf(sendRange.error);
  const errors = errorsByPointer(problem);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sendRange.isPending) return;
    const data = new FormData(event.currentTarget);
    const since = instant(formText(data, "since"));
    const until = instant(formText(data, "until"));
    const found = checksProblem([
      ...(since === null ? [bodyError("/since", "Enter when the range starts")] : []),
      ...(until === null ? [bodyError("/until", "Enter when the range ends")] : []),
      ...(since !== null && until !== null && since >= until
        ? [bodyError("/until", "The end must be after the start")]
        : []),
    ]);
    setChecks(found);
    setCount(null);
    if (found || since === null || until === null) return;
    sendRange.mutate(
      { since, until },
      {
        onSuccess: (sent) => {
          setCount(sent.count);
        },
      },
    );
  }

  return (
    <section aria-labelledby="send-range-again">
      <h2 className="govuk-heading-m" id="send-range-again">
        Send a time range again
      </h2>
      {problem && <ErrorSummary problem={problem} fields={FIELDS} />}
      {count !== null && (
        <SuccessBanner heading={`${pluralise(count, "delivery", "deliveries")} will be sent again`}>
          <p className="govuk-body">Each goes again now, from its first attempt, with the same webhook-id.</p>
        </SuccessBanner>
      )}
      <p className="govuk-body">
        If your receiver missed deliveries, send again everything made from the start up to (not including) the end.
      </p>
      <form onSubmit={submit} noValidate>
        <TextInput id="since" label="From" type="datetime-local" error={errors["/since"]} inputClassName="govuk-input--width-20" />
        <TextInput id="until" label="Up to" type="datetime-local" error={errors["/until"]} inputClassName="govuk-input--width-20" />
        <button type="submit" className="govuk-button govuk-button--secondary" disabled={sendRange.isPending || !enabled}>
          Send these again
        </button>
      </form>
    </section>
  );
}
