import type { SelectHTMLAttributes } from "react";
import { FieldGroup } from "./FieldGroup";

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
  return (
    <FieldGroup id={id} label={label} hint={hint} error={error}>
      {(describedById) => (
        <select
          {...select}
          className={`govuk-select${error ? " govuk-select--error" : ""}`}
          id={id}
          name={name ?? id}
          aria-describedby={describedById}
        >
          {empty !== undefined && <option value="">{empty}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldGroup>
  );
}
