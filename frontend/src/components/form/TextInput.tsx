import type { InputHTMLAttributes } from "react";
import { FieldGroup } from "./FieldGroup";

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
  return (
    <FieldGroup id={id} label={label} hint={hint} error={error}>
      {(describedById) => (
        <input
          {...input}
          className={`govuk-input${error ? " govuk-input--error" : ""}${inputClassName ? ` ${inputClassName}` : ""}`}
          id={id}
          name={name ?? id}
          aria-describedby={describedById}
        />
      )}
    </FieldGroup>
  );
}
