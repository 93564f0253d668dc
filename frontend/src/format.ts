// Pure formatting helpers: the words and numbers the pages show, in the GOV.UK style
// ("Friday 18 May 2018", "£1,000", "6 half-day TRG meetings"). No React, no clock.
import type {
  Attendance,
  Audience,
  Capacity,
  Grant,
  HalfTerm,
  MeetingKind,
  MilestoneKind,
  Money,
  ParticipationOutcome,
  ProgrammeType,
  RuleOutcome,
  Scope,
  SessionFormat,
  SessionKind,
  SessionPlanItem,
  SessionStatus,
} from "./api/client";
import { MONTHS, formatDate, isKeyOf, phaseLabels, pluralise, roleLabels, stageLabels, statusLabels } from "./formatBasics";

// The words the catalogue needs live in formatBasics.ts, so its first load carries only them.
export { MONTHS, formatDate, isKeyOf, phaseLabels, pluralise, roleLabels, stageLabels, statusLabels };

/** Pence as pounds: "£1,000", "£1,250.50"; pence shown only when there are some. */
export function formatMoney(money: Money | number): string {
  const pence = typeof money === "number" ? money : money.amount_pence;
  const whole = pence % 100 === 0;
  return new Intl.NumberFormat("en-GB", {
    style: "currency",
    currency: "GBP",
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: whole ? 0 : 2,
  }).format(pence / 100);
}

export const audienceLabels: Record<Audience, string> = {
  schools: "Schools",
  teachers: "Teachers",
  teaching_assistants: "Teaching assistants",
  early_career_teachers: "Early career teachers",
  mastery_advocates: "Mastery advocates",
};

export const milestoneLabels: Record<MilestoneKind, string> = {
  applications_open: "Applications open",
  closing: "Closing date for applications",
  shortlist_told: "Shortlisted schools are told",
  selection_told: "Selected schools are told",
  programme_starts: "The programme starts",
  other: "Other date",
};

export const sessionFormatLabels: Record<SessionFormat, string> = {
  in_person: "In person",
  online: "Online",
  blended: "Blended (in person and online)",
};

/** Singular and plural names of each kind of session, in the hubs' own words. */
const sessionKindNames: Record<SessionKind, [string, string]> = {
  trg_meeting: ["TRG meeting", "TRG meetings"],
  workshop: ["workshop", "workshops"],
  school_visit: ["school visit", "school visits"],
  head_teacher_update: ["head teacher update", "head teacher updates"],
  collaborative_planning: ["collaborative planning session", "collaborative planning sessions"],
  module: ["module", "modules"],
  community_meeting: ["community meeting", "community meetings"],
};

function formatHours(hours: number): string {
  return hours === 1 ? "1 hour" : `${String(hours)} hours`;
}

/** "6 workshops", "6 half-day TRG meetings", "3 modules of 2 hours each". */
export function sessionPlanLabel(item: SessionPlanItem): string {
  const [singular, plural] = sessionKindNames[item.kind];
  const name = item.count === 1 ? singular : plural;
  switch (item.length) {
    case "half_day":
      return `${String(item.count)} half-day ${name}`;
    case "full_day":
      return `${String(item.count)} full-day ${name}`;
    case "short":
      return `${String(item.count)} short ${name}`;
    case "hours":
      if (item.hours != null) {
        return `${String(item.count)} ${name} of ${formatHours(item.hours)}${item.count === 1 ? "" : " each"}`;
      }
      return `${String(item.count)} ${name}`;
    default:
      return `${String(item.count)} ${name}`;
  }
}

/** "£1,000 towards teacher release time", "Matched funding up to £2,000 for textbooks". */
export function grantLabel(grant: Grant): string {
  const amount = formatMoney(grant.amount);
  const purpose =
    grant.purpose === "release_time"
      ? " towards teacher release time"
      : grant.purpose === "textbooks"
        ? " for textbooks"
        : "";
  if (grant.kind === "matched") return `Matched funding up to ${amount}${purpose}`;
  return purpose ? `${amount}${purpose}` : `A grant of ${amount}`;
}

/** "8 schools", "1 participant". */
export function capacityLabel(capacity: Capacity): string {
  return capacity.unit === "schools"
    ? pluralise(capacity.places, "school")
    : pluralise(capacity.places, "participant");
}

/** Free text from the API as paragraphs: blank lines separate them. */
export function paragraphs(text: string | null | undefined): string[] {
  return (text ?? "")
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

/** What an API key with each scope may do, in plain words, with a hint where it needs one. */
export const scopeLabels: Record<Scope, { label: string; hint?: string }> = {
  "programmes:read": { label: "Read programmes" },
  "schools:read": { label: "Read schools" },
  "timetable:read": { label: "Read timetables" },
  "applications:read": { label: "Read applications" },
  "applications:write": { label: "Make and change applications" },
  "grants:read": { label: "Read grants, claims and statements" },
  "grants:write": {
    label: "Decide claims and run statements",
    hint: "Approve, refuse, void and claw back claims, and close and pay statements.",
  },
  "reports:read": {
    label: "Read reports",
    hint: "Coverage, the journey funnel, recruitment and attendance, with their CSV files.",
  },
  admin: {
    label: "Act as a hub administrator",
    hint: "Change programmes, see drafts and read the audit log. Give this only to systems you trust.",
  },
};

const londonParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "numeric",
  minute: "2-digit",
  hourCycle: "h12",
});

function partsInLondon(iso: string) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of londonParts.formatToParts(date)) parts[part.type] = part.value;
  return parts;
}

/** An instant as its date in England: "25 November 2026". */
export function formatDay(iso: string): string {
  const parts = partsInLondon(iso);
  if (!parts) return iso;
  return `${parts.day ?? ""} ${parts.month ?? ""} ${parts.year ?? ""}`;
}

/** An instant as the time in England, GOV.UK style: "1:30pm", "10am", "midday", "midnight". */
export function formatTime(iso: string): string {
  const parts = partsInLondon(iso);
  if (!parts) return iso;
  const hour = parts.hour ?? "";
  const minute = parts.minute ?? "00";
  const period = (parts.dayPeriod ?? "").toLowerCase().replace(/\./g, "");
  if (minute === "00" && hour === "12") return period === "am" ? "midnight" : "midday";
  return `${hour}${minute === "00" ? "" : `:${minute}`}${period}`;
}

/** "25 November 2026 at 11:19pm", in England's time. */
export function formatDateTime(iso: string): string {
  const parts = partsInLondon(iso);
  if (!parts) return iso;
  return `${formatDay(iso)} at ${formatTime(iso)}`;
}

/** The national kinds of programme, in the API's own words ("Primary Development"). */
export const programmeTypeLabels: Record<ProgrammeType, string> = {
  primary_readiness: "Primary Readiness",
  primary_development: "Primary Development",
  primary_embedding: "Primary Embedding",
  primary_sustaining: "Primary Sustaining",
  secondary_development: "Secondary Development",
  secondary_embedding: "Secondary Embedding",
  secondary_sustaining: "Secondary Sustaining",
  sktm_primary_teachers_number: "SKTM Primary Teachers: Number",
  sktm_primary_teachers_spatial_reasoning: "SKTM Primary Teachers: Spatial Reasoning",
  sktm_primary_teaching_assistants: "SKTM Primary Teaching Assistants",
  sktm_primary_ect_phase_1: "SKTM Primary Early Career Teachers: Phase 1",
  sktm_primary_ect_phase_2: "SKTM Primary Early Career Teachers: Phase 2",
};

/** How a school's year on a programme went. */
export const participationOutcomeLabels: Record<ParticipationOutcome, string> = {
  taking_part: "Taking part",
  completed: "Completed",
  withdrawn: "Withdrew",
};

/** Each eligibility rule's outcome, as its tag says it. */
export const ruleOutcomeLabels: Record<RuleOutcome, string> = {
  passed: "Passed",
  failed: "Not met",
  pending: "To be checked",
};

/** "2027-28" as "2027/28", the hubs' way of writing an academic year; other text as it is. */
export function academicYearLabel(id: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(id);
  return match ? `${match[1] ?? ""}/${match[2] ?? ""}` : id;
}

/** A school's address as lines, leaving out what the register does not hold. */
export function addressLines(school: { street: string | null; town: string | null; postcode: string | null }): string[] {
  return [school.street, school.town, school.postcode]
    .map((line) => (line ?? "").trim())
    .filter((line) => line !== "");
}

/** "3 to 11"; null when the register gives neither age. */
export function ageRange(low: number | null, high: number | null): string | null {
  if (low !== null && high !== null) return `${String(low)} to ${String(high)}`;
  if (low !== null) return `${String(low)} and over`;
  if (high !== null) return `up to ${String(high)}`;
  return null;
}

/**
 * A clock time of day as the API gives it ("13:30:00", already in England's time) in the
 * GOV.UK style: "1:30pm", "10am", "midday", "midnight".
 */
export function formatClockTime(time: string): string {
  const match = /^(\d{2}):(\d{2})/.exec(time);
  if (!match) return time;
  const [hour, minute] = [Number(match[1]), Number(match[2])];
  if (minute === 0 && hour === 12) return "midday";
  if (minute === 0 && hour === 0) return "midnight";
  const hour12 = hour % 12 === 0 ? 12 : hour % 12;
  const minutes = minute === 0 ? "" : `:${String(minute).padStart(2, "0")}`;
  return `${String(hour12)}${minutes}${hour < 12 ? "am" : "pm"}`;
}

/** "1:30pm to 4pm". */
export function formatTimeRange(start: string, end: string): string {
  return `${formatClockTime(start)} to ${formatClockTime(end)}`;
}

/** A number of days of release time: "1 day", "2.5 days" (to 2 decimal places at most). */
export function formatDays(days: number): string {
  return pluralise(Number(days.toFixed(2)), "day");
}

/** The kinds of a Work Group's meetings, as a session's row names them. */
export const meetingKindLabels: Record<MeetingKind, string> = {
  trg_meeting: "TRG meeting",
  workshop: "Workshop",
  school_visit: "School visit",
  head_teacher_update: "Head teacher update",
  collaborative_planning: "Collaborative planning",
};

/** The six half-terms of a school year, in order. */
export const halfTermLabels: Record<HalfTerm, string> = {
  autumn_1: "Autumn 1",
  autumn_2: "Autumn 2",
  spring_1: "Spring 1",
  spring_2: "Spring 2",
  summer_1: "Summer 1",
  summer_2: "Summer 2",
};

export const sessionStatusLabels: Record<SessionStatus, string> = {
  scheduled: "Scheduled",
  cancelled: "Cancelled",
};

/** Whether a participant came to a session, as the register's radios say it. */
export const attendanceLabels: Record<Attendance, string> = {
  present: "Present",
  absent_with_apologies: "Absent with apologies",
  absent: "Absent",
};
