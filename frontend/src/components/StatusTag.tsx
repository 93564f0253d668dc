import type { ProgrammeStatus } from "../api/client";
import { statusLabels } from "../formatBasics";

const colours: Record<ProgrammeStatus, string> = {
  open: "govuk-tag--green",
  fully_booked: "govuk-tag--orange",
  closed: "govuk-tag--grey",
  draft: "govuk-tag--blue",
};

/** A programme's status as a GOV.UK tag: "Open for applications", "Fully booked", … */
export function StatusTag({ status }: { status: ProgrammeStatus }) {
  return <strong className={`govuk-tag ${colours[status]}`}>{statusLabels[status]}</strong>;
}
