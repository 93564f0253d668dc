import type { InputHTMLAttributes } from "react";
import { describedBy, ErrorMessage } from "./ErrorMessage";

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className"> & {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  /** Extra classes for the input, such as a GOV.UK width class. */
  inputClassName?: string;
};

/** A GOV.UK text input: label, hint, inline error, input. Its name is its id unless given. */
export function TextInput({ id, label, hint, error, inputClassName = "", name, ...input }: Props) {
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
      <input
        {...input}
        className={`govuk-input${error ? " govuk-input--error" : ""}${inputClassName ? ` ${inputClassName}` : ""}`}
        id={id}
        name={name ?? id}
        aria-describedby={describedBy(hintId, errorId)}
      />
    </div>
  );
}
