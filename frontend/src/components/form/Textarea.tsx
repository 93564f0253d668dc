import type { TextareaHTMLAttributes } from "react";
import { FieldGroup } from "./FieldGroup";

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "className"> & {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
};

/** A GOV.UK textarea: label, hint, inline error, textarea. Its name is its id unless given. */
export function Textarea({ id, label, hint, error, name, rows = 5, ...textarea }: Props) {
  return (
    <FieldGroup id={id} label={label} hint={hint} error={error}>
      {(describedById) => (
        <textarea
          {...textarea}
          rows={rows}
          className={`govuk-textarea${error ? " govuk-textarea--error" : ""}`}
          id={id}
          name={name ?? id}
          aria-describedby={describedById}
        />
      )}
    </FieldGroup>
  );
}
