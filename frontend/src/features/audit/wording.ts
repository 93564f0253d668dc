// The audit log in words: who (a name and a role), what (the record's title), each change.
import type { AuditEvent } from "../../api/client";
import { formatClockTime, formatDate, formatDateTime } from "../../format";
import type { AuditActorRole } from "./api";

/** The kinds of record the audit log names, in words. */
export const resourceTypeLabels: Record<string, string> = {
  programme: "Programme",
  application: "Application",
  work_group: "Work Group",
  session: "Session",
  session_attendance: "Register",
  person: "Person",
  participation: "Participation",
  calendar_feed: "Calendar feed",
  hub_terms: "Term dates",
  hub_local_authorities: "Hub's local authorities",
  api_key: "API key",
  user: "Account",
  school_import: "Schools register import",
  participation_import: "Participations import",
};

/** The same, as they read mid-sentence. */
export function resourceTypeNoun(resourceType: string): string {
  const label = resourceTypeLabels[resourceType];
  if (!label) return resourceType;
  return /^(API|Work Group)/.test(label) ? label : label.toLowerCase();
}

export const actorRoleLabels: Record<AuditActorRole, string> = {
  national_admin: "National administrator",
  hub_admin: "Hub administrator",
  mastery_specialist: "Mastery Specialist",
  school_contact: "School contact",
  api_key: "API key",
  signatory: "Signatory",
  system: "Command line",
  user: "Account",
};

const actionLabels: Record<string, string> = {
  create: "Created",
  update: "Changed",
  revoke: "Revoked",
  delete: "Deleted",
  confirm: "Confirmed",
  complete: "Completed",
  continue: "Continued",
  import: "Imported",
  reset: "Reset",
};

/** "Changed: Session 3 of Year 5 Fractions"; without a title, "Changed programme 12". */
export function auditWhat(event: Pick<AuditEvent, "action" | "resource_type" | "resource_id" | "resource_title">): string {
  const action = actionLabels[event.action] ?? event.action;
  if (event.resource_title) return `${action}: ${event.resource_title}`;
  return `${action} ${resourceTypeNoun(event.resource_type)} ${event.resource_id}`;
}

/** The role to show under a name: none for the system, whose name says it already. */
export function shownRole(role: AuditActorRole | null): string | null {
  return role && role !== "system" ? actorRoleLabels[role] : null;
}

/** "Nora North (Hub administrator)": a name, with a role where the log knows it. */
export function actorWithRole(name: string, role: AuditActorRole | null): string {
  const words = shownRole(role);
  return words ? `${name} (${words})` : name;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CLOCK_TIME = /^\d{2}:\d{2}(:\d{2})?$/;

/** A value from an audit event's changes, in words: "(none)", "yes", "a, b", "Friday 18 May
 * 2018", "1:30pm", instants in England's time. */
export function formatChangeValue(value: unknown): string {
  if (value === null || value === undefined) return "(none)";
  if (typeof value === "string") {
    if (ISO_INSTANT.test(value)) return formatDateTime(value);
    if (ISO_DATE.test(value)) return formatDate(value);
    if (CLOCK_TIME.test(value)) return formatClockTime(value);
    return value;
  }
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === "string" || typeof item === "number")) {
    return value.length === 0 ? "(none)" : value.join(", ");
  }
  return JSON.stringify(value);
}
