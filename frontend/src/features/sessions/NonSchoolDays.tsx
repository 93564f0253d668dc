import { useEffect, useRef } from "react";

type Props = {
  question: string;
  lines: string[];
  yes: string;
  no: string;
  onYes: () => void;
  onNo: () => void;
};

/** The API refused days that are not school days (409 non_school_day): plan anyway, or not. */
export function NonSchoolDays({ question, lines, yes, no, onYes, onNo }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <div className="govuk-notification-banner" role="region" aria-labelledby="non-school-day-title">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="non-school-day-title">
          Not a school day
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <h3 className="govuk-notification-banner__heading" tabIndex={-1} ref={heading}>
          {question}
        </h3>
        {lines.map((line) => (
          <p className="govuk-body" key={line}>
            {line}
          </p>
        ))}
        <div className="govuk-button-group">
          <button type="button" className="govuk-button" onClick={onYes}>
            {yes}
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={onNo}>
            {no}
          </button>
        </div>
      </div>
    </div>
  );
}
