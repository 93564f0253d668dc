import type { Problem } from "../../api/client";

/**
 * What a refusal carries beyond its detail: the reasons still missing (a claim not due, or
 * conditions not met), and the moves a claim could make instead (a move the claim's state refuses).
 */
export function ProblemMore({ problem }: { problem: Problem }) {
  const missing = problem.missing ?? [];
  return (
    <>
      {(problem.errors ?? []).length > 0 && problem.detail && <p className="govuk-body">{problem.detail}</p>}
      {missing.length > 0 && (
        <ul className="govuk-list govuk-list--bullet">
          {missing.map((reason, index) => (
            <li key={index}>{reason}</li>
          ))}
        </ul>
      )}
    </>
  );
}
