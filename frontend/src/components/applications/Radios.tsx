import { describedBy, ErrorMessage } from "../form/ErrorMessage";

export type RadioOption = { value: string; label: string };

type Props = {
  /** The name of every radio; the first radio's id, so an error summary can link to it. */
  name: string;
  legend: string;
  hint?: string;
  options: RadioOption[];
  value: string | null;
  onChange: (value: string) => void;
  inline?: boolean;
  error?: string | undefined;
};

/** GOV.UK radios in a fieldset, for one choice from a few. */
export function Radios({ name, legend, hint, options, value, onChange, inline = false, error }: Props) {
  const hintId = hint ? `${name}-hint` : null;
  const errorId = error ? `${name}-error` : null;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(hintId, errorId)}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">{legend}</legend>
        {hint && (
          <div className="govuk-hint" id={hintId ?? undefined}>
            {hint}
          </div>
        )}
        <ErrorMessage id={`${name}-error`}>{error}</ErrorMessage>
        <div className={`govuk-radios${inline ? " govuk-radios--inline" : ""}`}>
          {options.map((option, index) => {
            const id = index === 0 ? name : `${name}-${String(index + 1)}`;
            return (
              <div className="govuk-radios__item" key={option.value}>
                <input
                  className="govuk-radios__input"
                  id={id}
                  name={name}
                  type="radio"
                  value={option.value}
                  checked={value === option.value}
                  onChange={() => {
                    onChange(option.value);
                  }}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={id}>
                  {option.label}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
