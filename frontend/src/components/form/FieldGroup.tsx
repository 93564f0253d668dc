import type { ReactNode } from "react";
import { describedBy, ErrorMessage } from "./ErrorMessage";

type Props = {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  /** The control, given the ids that describe it (hint, error) for its aria-describedby. */
  children: (describedById: string | undefined) => ReactNode;
};

/** A GOV.UK form group around one control: label, hint and inline error, as every field has. */
export function FieldGroup({ id, label, hint, error, children }: Props) {
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
      {children(describedBy(hint ? `${id}-hint` : null, error ? `${id}-error` : null))}
    </div>
  );
}
