import { useEffect, useRef, useState, type FormEvent } from "react";
import type { ApiKey } from "../../api/client";
import { formText } from "../../forms";
import { TextInput } from "../form/TextInput";
import { readRateLimit } from "./rateLimit";

type Props = {
  apiKey: ApiKey;
  pending: boolean;
  /** The API's message about the field, if it refused the last change. */
  serverError: string | undefined;
  onSave: (limit: number | null) => void;
  onCancel: () => void;
};

/** "Rate limit of ‘…’": the requests a minute one key may make. Focus moves to the heading. */
export function RateLimitForm({ apiKey, pending, serverError, onSave, onCancel }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    heading.current?.focus();
  }, []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const entry = readRateLimit(formText(new FormData(event.currentTarget), "key_rate_limit"));
    if (entry.kind === "invalid") {
      setError(entry.message);
      return;
    }
    setError(undefined);
    onSave(entry.kind === "limit" ? entry.value : null);
  }

  return (
    <section className="app-confirmation" aria-labelledby="rate-limit-heading">
      <h2 className="govuk-heading-m" id="rate-limit-heading" tabIndex={-1} ref={heading}>
        Rate limit of ‘{apiKey.name}’
      </h2>
      <form method="post" onSubmit={submit} noValidate>
        <TextInput
          id="key_rate_limit"
          label="Requests a minute"
          hint="Leave it empty for the service’s default. Past the limit, its system is asked to wait."
          inputClassName="govuk-input--width-10"
          inputMode="numeric"
          spellCheck={false}
          autoComplete="off"
          defaultValue={apiKey.rate_limit_per_minute === null ? "" : String(apiKey.rate_limit_per_minute)}
          error={error ?? serverError}
        />
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button">
            Save rate limit
          </button>
          <button type="button" className="app-link-button govuk-link" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
