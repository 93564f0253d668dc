import { useEffect, useRef } from "react";
import { Link } from "react-router-dom";

export type SummaryError = { text: string; to?: string | null | undefined };

/**
 * A GOV.UK error summary whose errors link to the pages that fix them (check answers: the
 * question pages), rather than to fields on this page. Focus moves here so it is read out.
 */
export function LinkedErrorSummary({ errors }: { errors: SummaryError[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [errors]);
  return (
    <div className="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {errors.map((error, index) => (
              <li key={index}>{error.to ? <Link to={error.to}>{error.text}</Link> : error.text}</li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
