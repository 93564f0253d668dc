import type { TextareaHTMLAttributes } from "react";
import { describedBy, ErrorMessage } from "./ErrorMessage";

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "className"> & {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
};

/** A GOV.UK textarea: label, hint, inline error, textarea. Its name is its id unless given. */
export function Textarea({ id, label, hint, error, name, rows = 5, ...textarea }: Props) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div className="govuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>
      <textarea
        {...textarea}
        rows={rows}
        className={`govuk-textarea${error ? " govuk-textarea--error" : ""}`}
        id={id}
        name={name ?? id}
        aria-describedby={describedBy(hintId, errorId)}
      />
    </div>
  );
}
