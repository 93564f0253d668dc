import type { ApplicationStatus } from "../../api/applications";
import { applicationStatusColours, applicationStatusLabels } from "../../applications";

/** An application's status as a GOV.UK tag: "Submitted", "Selected", … */
export function ApplicationStatusTag({ status }: { status: ApplicationStatus }) {
  return <strong className={`govuk-tag ${applicationStatusColours[status]}`}>{applicationStatusLabels[status]}</strong>;
}
