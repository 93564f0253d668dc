import { useEffect, useRef } from "react";
import type { DecisionReport } from "../../applications";
import { SuccessBanner } from "../NotificationBanner";

/**
 * What a bulk decision did: a success banner when every application took it; otherwise an
 * important banner saying how many did and, for each that did not, why in the API's words.
 */
export function DecisionBanner({ report }: { report: DecisionReport }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  if (report.failures.length === 0) return <SuccessBanner heading={report.heading} />;
  return (
    <div
      className="govuk-notification-banner"
      role="alert"
      aria-labelledby="decision-banner-title"
      tabIndex={-1}
      ref={ref}
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="decision-banner-title">
          Important
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <h3 className="govuk-notification-banner__heading">{report.heading}</h3>
        <ul className="govuk-list govuk-list--bullet">
          {report.failures.map((failure) => (
            <li key={failure.id}>
              {failure.school}: {failure.reason}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
