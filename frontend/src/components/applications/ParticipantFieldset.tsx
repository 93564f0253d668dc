import type { ParticipantFields } from "../../applications";
import { describedBy, ErrorMessage } from "../form/ErrorMessage";
import { PersonFields } from "./PersonFields";

type Props = {
  index: number;
  /** "Teacher 1". */
  legend: string;
  participant: ParticipantFields;
  yearGroups: string[];
  onChange: (participant: ParticipantFields) => void;
  /** Present when the participant may be removed. */
  onRemove?: (() => void) | undefined;
  errors: Partial<Record<string, string>>;
};

/** One participant of the "add another" list: name, email, the year groups they teach, and "Remove". */
export function ParticipantFieldset({ index, legend, participant, yearGroups, onChange, onRemove, errors }: Props) {
  const id = `participants-${String(index)}`;
  const pointer = `/participants/${String(index)}`;
  const yearsError = errors[`${pointer}/year_groups`];
  const yearsId = `${id}-year_groups`;
  return (
    <fieldset className="govuk-fieldset app-add-another__item" id={id} tabIndex={-1}>
      <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
      <PersonFields
        id={id}
        pointer={pointer}
        person={participant}
        onChange={(person) => {
          onChange({ ...participant, ...person });
        }}
        errors={errors}
      />
      <div className={`govuk-form-group${yearsError ? " govuk-form-group--error" : ""}`}>
        <fieldset
          className="govuk-fieldset"
          aria-describedby={describedBy(`${yearsId}-hint`, yearsError && `${yearsId}-error`)}
        >
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Year groups they teach this year</legend>
          <div className="govuk-hint" id={`${yearsId}-hint`}>
            Select all that apply.
          </div>
          <ErrorMessage id={`${yearsId}-error`}>{yearsError}</ErrorMessage>
          <div className="govuk-checkboxes govuk-checkboxes--small">
            {yearGroups.map((year, yearIndex) => {
              const boxId = yearIndex === 0 ? yearsId : `${yearsId}-${String(yearIndex + 1)}`;
              const checked = participant.yearGroups.includes(year);
              return (
                <div className="govuk-checkboxes__item" key={year}>
                  <input
                    className="govuk-checkboxes__input"
                    id={boxId}
                    name={yearsId}
                    type="checkbox"
                    value={year}
                    checked={checked}
                    onChange={() => {
                      const chosen = checked
                        ? participant.yearGroups.filter((y) => y !== year)
                        : [...participant.yearGroups, year];
                      // Keep the year groups in the list's order.
                      onChange({ ...participant, yearGroups: yearGroups.filter((y) => chosen.includes(y)) });
                    }}
                  />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor={boxId}>
                    {year}
                  </label>
                </div>
              );
            })}
          </div>
        </fieldset>
      </div>
      {onRemove && (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onRemove}>
          Remove<span className="govuk-visually-hidden"> {legend.toLowerCase()}</span>
        </button>
      )}
    </fieldset>
  );
}
