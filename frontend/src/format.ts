// Pure formatting helpers: the words and numbers the pages show, in the GOV.UK style
// ("Friday 18 May 2018", "£1,000", "6 half-day TRG meetings"). No React, no clock.
import type {
  Audience,
  Capacity,
  Grant,
  MilestoneKind,
  Money,
  Phase,
  ProgrammeStatus,
  SessionFormat,
  SessionKind,
  SessionPlanItem,
  Stage,
} from "./api/client";

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * An ISO date ("2018-05-18") as "Friday 18 May 2018". Worked out in UTC from the calendar
 * date alone, so the reader's time zone can never move it to the day before.
 */
export function formatDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return `${WEEKDAYS[date.getUTCDay()] ?? ""} ${day} ${MONTHS[month - 1] ?? ""} ${year}`;
}

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

/** "1 school", "8 schools"; `plural` for irregular words. */
export function pluralise(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

export const phaseLabels: Record<Phase, string> = {
  primary: "Primary",
  secondary: "Secondary",
};

export const stageLabels: Record<Stage, string> = {
  readiness: "Readiness",
  development: "Development",
  embedding: "Embedding",
  sustaining: "Sustaining",
  specialist_knowledge: "Specialist knowledge",
};

export const statusLabels: Record<ProgrammeStatus, string> = {
  open: "Open for applications",
  fully_booked: "Fully booked",
  closed: "Closed",
  draft: "Draft",
};

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

/** True when `value` is one of the keys of `labels` (narrows URL text to an API enum). */
export function isKeyOf<K extends string>(labels: Record<K, string>, value: string | null): value is K {
  return value !== null && Object.hasOwn(labels, value);
}

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
