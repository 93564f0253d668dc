import { useEffect, useRef, type ReactNode } from "react";
import type { Problem } from "../api/client";

type Props = {
  problem: Problem;
  /**
   * The page's fields by JSON pointer (e.g. "/phase"), so each error links to its field;
   * with a label, the error is said after it ("Phase: …"), for the API's shorter words.
   */
  fields?: Record<string, { id: string; label?: string }>;
  /** More the page has to say about the problem, after its errors (such as each school's reasons). */
  children?: ReactNode;
};

/**
 * A failed request as a GOV.UK error summary, in the words of the API's problem+json:
 * each field error (`errors[]`) links to its field where the page has one, otherwise the
 * problem's `detail` is said. Focus moves here so it is read out at once.
 */
export function ErrorSummary({ problem, fields = {}, children }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [problem]);

  const errors = problem.errors ?? [];
  return (
    <div className="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">
          {errors.length === 0 ? (
            <p className="govuk-body">{problem.detail ?? problem.title}</p>
          ) : (
            <ul className="govuk-list govuk-error-summary__list">
              {errors.map((error) => {
                const field = fields[error.pointer];
                return (
                  <li key={`${error.location}${error.pointer}`}>
                    {field ? (
                      <a
                        href={`#${field.id}`}
                        onClick={(event) => {
                          // Like GOV.UK Frontend's script: focus the field, not just scroll to it.
                          const target = document.getElementById(field.id);
                          if (!target) return;
                          event.preventDefault();
                          target.focus();
                        }}
                      >
                        {field.label ? `${field.label}: ${error.detail}` : error.detail}
                      </a>
                    ) : (
                      error.detail
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          {children}
        </div>
      </div>
    </div>
  );
}
