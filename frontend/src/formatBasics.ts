// The formatting the catalogue (the first page most people see) needs, apart from the rest of
// format.ts (which re-exports it), so that the first load carries only these. No React, no clock.
import type { Phase, ProgrammeStatus, Role, Stage } from "./api/client";

export const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** Month names, January first. */
export const MONTHS = [
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

/** "1 school", "8 schools"; `plural` for irregular words. */
export function pluralise(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** True when `value` is one of the keys of `labels` (narrows URL text to an API enum). */
export function isKeyOf<K extends string>(labels: Record<K, string>, value: string | null): value is K {
  return value !== null && Object.hasOwn(labels, value);
}

export const roleLabels: Record<Role, string> = {
  national_admin: "National administrator",
  hub_admin: "Hub administrator",
  mastery_specialist: "Mastery Specialist",
  school_contact: "School contact",
};
