/** A GOV.UK inline error message, said with "Error:" before it by screen readers. */
export function ErrorMessage({ id, children }: { id: string; children: string | undefined }) {
  if (!children) return null;
  return (
    <p className="govuk-error-message" id={id}>
      <span className="govuk-visually-hidden">Error:</span> {children}
    </p>
  );
}

/** The ids a field's aria-describedby names: its hint and its error, when it has them. */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const present = ids.filter((id): id is string => typeof id === "string" && id !== "");
  return present.length > 0 ? present.join(" ") : undefined;
}
