import type { ChangeEvent } from "react";
import type { DatePart, DateParts } from "../../dateInput";
import { describedBy, ErrorMessage } from "./ErrorMessage";

type Props = {
  /** The fields are `${id}-day`, `${id}-month` and `${id}-year`; an error summary links to the day. */
  id: string;
  legend: string;
  hint?: string;
  error?: string | undefined;
  /** The boxes to mark as wrong; all three when the error names none. */
  errorParts?: DatePart[] | undefined;
  /** The boxes' first values, for a date the page proposes. */
  defaultValue?: DateParts | undefined;
  /** The boxes' values, for a form that keeps them in its state (with `onChange`). */
  value?: DateParts | undefined;
  onChange?: ((part: DatePart, value: string) => void) | undefined;
  /** Say the legend to screen readers only, where a table's heading already says it. */
  legendHidden?: boolean;
};

const PARTS: { part: DatePart; label: string; width: string }[] = [
  { part: "day", label: "Day", width: "govuk-input--width-2" },
  { part: "month", label: "Month", width: "govuk-input--width-2" },
  { part: "year", label: "Year", width: "govuk-input--width-4" },
];

/** The GOV.UK date input: day, month and year boxes in a fieldset. */
export function DateInput({
  id,
  legend,
  hint,
  error,
  errorParts,
  defaultValue,
  value,
  onChange,
  legendHidden = false,
}: Props) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  const wrong = new Set<DatePart>(error ? (errorParts ?? ["day", "month", "year"]) : []);
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={describedBy(hintId, errorId)}>
        <legend className={legendHidden ? "govuk-visually-hidden" : "govuk-fieldset__legend govuk-fieldset__legend--s"}>
          {legend}
        </legend>
        {hint && (
          <div className="govuk-hint" id={`${id}-hint`}>
            {hint}
          </div>
        )}
        <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>
        <div className="govuk-date-input" id={id}>
          {PARTS.map(({ part, label, width }) => (
            <div className="govuk-date-input__item" key={part}>
              <div className="govuk-form-group">
                <label className="govuk-label govuk-date-input__label" htmlFor={`${id}-${part}`}>
                  {label}
                </label>
                <input
                  className={`govuk-input govuk-date-input__input ${width}${wrong.has(part) ? " govuk-input--error" : ""}`}
                  id={`${id}-${part}`}
                  name={`${id}-${part}`}
                  type="text"
                  inputMode="numeric"
                  {...(value
                    ? {
                        value: value[part],
                        onChange: (event: ChangeEvent<HTMLInputElement>) => onChange?.(part, event.target.value),
                      }
                    : { defaultValue: defaultValue?.[part] })}
                />
              </div>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
