import type { SessionStatus } from "../../api/client";
import { sessionStatusLabels } from "../../format";

/** Whether the hub has completed a group's year. */
export function WorkGroupStatusTag({ completedOn }: { completedOn: string | null }) {
  return completedOn ? (
    <strong className="govuk-tag govuk-tag--grey">Completed</strong>
  ) : (
    <strong className="govuk-tag govuk-tag--blue">In progress</strong>
  );
}

export function SessionStatusTag({ status }: { status: SessionStatus }) {
  const colour = status === "cancelled" ? "govuk-tag--red" : "govuk-tag--green";
  return <strong className={`govuk-tag ${colour}`}>{sessionStatusLabels[status]}</strong>;
}
