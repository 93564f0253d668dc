import { useEffect, useRef, type ReactNode } from "react";

type Props = {
  heading: string;
  children?: ReactNode;
};

/**
 * A GOV.UK success banner for what just happened. It takes focus when it appears, as GOV.UK
 * Frontend's script does, so the news is read out (give it a new `key` for new news).
 */
export function SuccessBanner({ heading, children }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div
      className="govuk-notification-banner govuk-notification-banner--success"
      role="alert"
      aria-labelledby="success-banner-title"
      tabIndex={-1}
      ref={ref}
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="success-banner-title">
          Success
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <h3 className="govuk-notification-banner__heading">{heading}</h3>
        {children}
      </div>
    </div>
  );
}
