import { useEffect, useState, type ReactNode } from "react";
import { countWords, wordCountMessage } from "../../applications";
import { describedBy, ErrorMessage } from "../form/ErrorMessage";

type Props = {
  id: string;
  /** The label, already inside its heading when it is the page's heading. */
  label: ReactNode;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  /** The most words allowed; null for no limit (a plain textarea then). */
  maxWords: number | null;
  error?: string | undefined;
  rows?: number;
};

/** How long after the last key press the count is read out, as GOV.UK Frontend waits. */
const READ_OUT_DELAY_MS = 1000;

/**
 * GOV.UK's character count in word mode, as a React component with the same markup and words
 * ("You have 12 words remaining", "You have 3 words too many"). Words are counted as the API
 * counts them, so the page and the API agree on where the limit falls. Typing over the limit
 * is allowed, as in GOV.UK Frontend: the count turns into an error.
 */
export function WordCount({ id, label, hint, value, onChange, maxWords, error, rows = 8 }: Props) {
  const count = countWords(value);
  const message = maxWords === null ? null : wordCountMessage(count, maxWords);
  const over = maxWords !== null && count > maxWords;
  // Screen readers hear the count once typing pauses, not at every key press.
  const [spoken, setSpoken] = useState(message);
  useEffect(() => {
    const timer = window.setTimeout(() => {
      setSpoken(message);
    }, READ_OUT_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
    };
  }, [message]);

  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  const infoId = maxWords === null ? null : `${id}-info`;
  return (
    <div
      className={`govuk-form-group${maxWords === null ? "" : " govuk-character-count"}${error ? " govuk-form-group--error" : ""}`}
    >
      {label}
      {hint && (
        <div className="govuk-hint" id={hintId ?? undefined}>
          {hint}
        </div>
      )}
      <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>
      <textarea
        className={`govuk-textarea govuk-js-character-count${error || over ? " govuk-textarea--error" : ""}`}
        id={id}
        name={id}
        rows={rows}
        value={value}
        onChange={(event) => {
          onChange(event.target.value);
        }}
        aria-describedby={describedBy(infoId, hintId, errorId)}
      />
      {maxWords !== null && (
        <>
          <div id={infoId ?? undefined} className="govuk-hint govuk-character-count__message govuk-visually-hidden">
            You can enter up to {maxWords} words
          </div>
          <div
            className={`govuk-character-count__message govuk-character-count__status ${over ? "govuk-error-message" : "govuk-hint"}`}
            aria-hidden="true"
          >
            {message}
          </div>
          <div className="govuk-character-count__sr-status govuk-visually-hidden" aria-live="polite">
            {spoken}
          </div>
        </>
      )}
    </div>
  );
}
