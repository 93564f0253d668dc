import type { FormEvent } from "react";
import type { WorkGroup } from "../../api/client";
import { Checkboxes } from "../form/Checkboxes";
import { WarningText } from "../WarningText";

type Props = {
  group: WorkGroup;
  pending: boolean;
  /** The error at the schools' checkboxes (`/withdrawn`). */
  error: string | undefined;
  onSubmit: (withdrawn: string[]) => void;
};

/** Hub staff: complete the group's year after its last session, saying which schools stopped taking part. */
export function CompleteYear({ group, pending, error, onSubmit }: Props) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const withdrawn = new FormData(event.currentTarget).getAll("withdrawn");
    onSubmit(withdrawn.filter((urn): urn is string => typeof urn === "string"));
  }

  return (
    <section aria-labelledby="complete-heading">
      <h2 className="govuk-heading-l govuk-!-margin-top-6" id="complete-heading">
        Complete the year
      </h2>
      <p className="govuk-body">Complete the year once the group&apos;s last session has taken place.</p>
      <form method="post" onSubmit={submit} noValidate>
        {group.schools.length > 0 ? (
          <Checkboxes
            name="withdrawn"
            legend="These schools stopped taking part (recorded as withdrawn)"
            hint="Select any that apply. The other schools are recorded as having completed the programme."
            options={group.schools.map((school) => ({ value: school.urn, label: school.name }))}
            error={error}
          />
        ) : (
          <p className="govuk-body">The group has no member schools.</p>
        )}
        <WarningText>
          Completing the year writes each school&apos;s participation history. You cannot undo this.
        </WarningText>
        <button type="submit" className="govuk-button">
          Complete the year
        </button>
      </form>
    </section>
  );
}
