import type { SelectHTMLAttributes } from "react";
import { describedBy, ErrorMessage } from "./ErrorMessage";

export type SelectOption = { value: string; label: string };

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "className"> & {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  options: SelectOption[];
  /** A first option with no value, such as "Not stated". */
  empty?: string;
};

/** A GOV.UK select: label, hint, inline error, select. Its name is its id unless given. */
export function Select({ id, label, hint, error, options, empty, name, ...select }: Props) {
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
      <select
        {...select}
        className={`govuk-select${error ? " govuk-select--error" : ""}`}
        id={id}
        name={name ?? id}
        aria-describedby={describedBy(hintId, errorId)}
      >
        {empty !== undefined && <option value="">{empty}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
