import type { ContinuationVerdict } from "../../api/client";

/** Which schools continue into next year's group (with what the hub should still check), and why the others cannot. */
export function ContinuationVerdicts({ schools }: { schools: ContinuationVerdict[] }) {
  const continuing = schools.filter((school) => school.continues);
  const stopping = schools.filter((school) => !school.continues);
  return (
    <>
      {continuing.length > 0 && (
        <>
          <p className="govuk-body govuk-!-margin-bottom-1">These schools continue:</p>
          <ul className="govuk-list govuk-list--bullet">
            {continuing.map((school) => (
              <li key={school.urn}>
                {school.name}
                {school.to_check.length > 0 && `. To check: ${school.to_check.join(" ")}`}
              </li>
            ))}
          </ul>
        </>
      )}
      {stopping.length > 0 && (
        <>
          <p className="govuk-body govuk-!-margin-bottom-1">These schools cannot continue:</p>
          <ul className="govuk-list govuk-list--bullet">
            {stopping.map((school) => (
              <li key={school.urn}>
                {school.name}: {school.reasons.join(" ")}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
