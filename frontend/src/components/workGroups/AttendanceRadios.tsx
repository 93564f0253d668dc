import type { Attendance } from "../../api/client";
import { attendanceLabels } from "../../format";
import { attendanceFieldId } from "../../workGroups";
import { describedBy, ErrorMessage } from "../form/ErrorMessage";

type Props = {
  personId: number;
  /** The participant's name and school. */
  legend: string;
  value: Attendance | null;
  onChange: (value: Attendance) => void;
  error: string | undefined;
};

const STATUSES = Object.keys(attendanceLabels) as Attendance[];

/** One participant of the register: did they come? GOV.UK radios: stacked on a phone, where they suit a thumb; in a row on wider screens. */
export function AttendanceRadios({ personId, legend, value, onChange, error }: Props) {
  const name = attendanceFieldId(personId);
  const errorId = `${name}-error`;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(error && errorId)}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        <ErrorMessage id={errorId}>{error}</ErrorMessage>
        <div className="govuk-radios govuk-radios--inline">
          {STATUSES.map((status, index) => {
            const id = index === 0 ? name : `${name}-${String(index + 1)}`;
            return (
              <div className="govuk-radios__item" key={status}>
                <input
                  className="govuk-radios__input"
                  id={id}
                  name={name}
                  type="radio"
                  value={status}
                  checked={value === status}
                  onChange={() => {
                    onChange(status);
                  }}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={id}>
                  {attendanceLabels[status]}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
