import { describedBy, ErrorMessage } from "./ErrorMessage";

export type CheckboxOption = { value: string; label: string; hint?: string | undefined };

type Props = {
  /** The name of every box; the first box's id, so an error summary can link to it. */
  name: string;
  legend: string;
  hint?: string;
  options: CheckboxOption[];
  error?: string | undefined;
};

/** GOV.UK checkboxes in a fieldset, for "select all that apply". */
export function Checkboxes({ name, legend, hint, options, error }: Props) {
  const hintId = hint ? `${name}-hint` : null;
  const errorId = error ? `${name}-error` : null;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(hintId, errorId)}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        {hint && (
          <div className="govuk-hint" id={`${name}-hint`}>
            {hint}
          </div>
        )}
        <ErrorMessage id={`${name}-error`}>{error}</ErrorMessage>
        <div className="govuk-checkboxes govuk-checkboxes--small">
          {options.map((option, index) => {
            const id = index === 0 ? name : `${name}-${String(index + 1)}`;
            return (
              <div className="govuk-checkboxes__item" key={option.value}>
                <input
                  className="govuk-checkboxes__input"
                  id={id}
                  name={name}
                  type="checkbox"
                  value={option.value}
                  aria-describedby={option.hint ? `${id}-item-hint` : undefined}
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
                  {option.label}
                </label>
                {option.hint && (
                  <div className="govuk-hint govuk-checkboxes__hint" id={`${id}-item-hint`}>
                    {option.hint}
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
