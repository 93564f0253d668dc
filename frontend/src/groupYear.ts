// A Work Group's year as the hub runs it: planning its sessions from a proposal the hub
// edits, completing the year, and continuing into the next. Pure: no React, no clock.
import type {
  ContinuationVerdict,
  FieldError,
  HalfTerm,
  MeetingKind,
  Problem,
  ProposedSession,
  ScheduleRequest,
  SessionCreate,
} from "./api/client";
import { academicYearSlug, isoDate } from "./calendar";
import { readDateParts, type DatePart, type DateParts } from "./dateInput";
import { halfTermLabels, pluralise } from "./format";
import { bodyError, errorsByPointer } from "./forms";

/** The most sessions the API proposes at once. */
export const MOST_SESSIONS = 30;

/** "13:30" from "13:30", "9:05" or "9.05" (the 24-hour clock); null when it is not a time of day. */
export function readClockTime(text: string): string | null {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [hour, minute] = [Number(match[1]), Number(match[2])];
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, "0")}:${match[2] ?? "00"}`;
}

function isHalfTerm(value: string): value is HalfTerm {
  return value in halfTermLabels;
}

/** The "Propose dates" form's answers, as typed. */
export type ScheduleAnswers = {
  start_time: string;
  end_time: string;
  kind: MeetingKind;
  sessions: string;
  half_terms: string[];
};

function timeError(pointer: string, text: string, name: string): FieldError | null {
  if (text.trim() === "") return bodyError(pointer, `Enter ${name}`);
  if (readClockTime(text) === null) return bodyError(pointer, `Enter ${name} in the 24-hour clock, like 13:30`);
  return null;
}

/** The body for POST …/schedule, or the errors to show when the answers cannot make one. */
export function scheduleRequest(answers: ScheduleAnswers): { body: ScheduleRequest | null; errors: FieldError[] } {
  const start = readClockTime(answers.start_time);
  const end = readClockTime(answers.end_time);
  const errors = [
    timeError("/start_time", answers.start_time, "a start time"),
    timeError("/end_time", answers.end_time, "an end time"),
  ].filter((error) => error !== null);
  if (start !== null && end !== null && end <= start) {
    errors.push(bodyError("/end_time", "The end time must be after the start time"));
  }
  const count = answers.sessions.trim();
  const sessions = Number(count);
  if (count !== "" && (!/^\d+$/.test(count) || sessions < 1 || sessions > MOST_SESSIONS)) {
    errors.push(bodyError("/sessions", `Enter a number of sessions from 1 to ${String(MOST_SESSIONS)}, or leave it empty`));
  }
  if (errors.length > 0 || start === null || end === null) return { body: null, errors };
  const halfTerms = answers.half_terms.filter(isHalfTerm);
  return {
    body: {
      start_time: start,
      end_time: end,
      kind: answers.kind,
      ...(count !== "" ? { sessions } : {}),
      ...(halfTerms.length > 0 ? { half_terms: halfTerms } : {}),
    },
    errors,
  };
}

/** One row of the proposal as the hub edits it: the date's boxes and the host. */
export type PlanRow = { date: DateParts; host_urn: string };

/** "2027-09-08" as the date input's boxes: { day: "8", month: "9", year: "2027" }. */
export function dateParts(isoDate: string): DateParts {
  const [year = "", month = "", day = ""] = isoDate.split("-");
  return { day: String(Number(day)), month: String(Number(month)), year };
}

export function planRows(proposal: readonly ProposedSession[]): PlanRow[] {
  return proposal.map((session) => ({ date: dateParts(session.date), host_urn: session.host_urn }));
}

/**
 * The body for POST …/sessions from the edited proposal, in the table's order (so the
 * API's `/{i}/date` errors point at the i-th row), or errors for dates that are not dates.
 * `dateParts`: each row's boxes to mark as wrong.
 */
export function sessionsRequest(
  proposal: readonly ProposedSession[],
  rows: readonly PlanRow[],
  /** The number each row is shown with (by date among the group's sessions), for the errors. */
  shownNumbers: readonly number[] = [],
): { body: SessionCreate[]; errors: FieldError[]; wrongParts: Record<number, DatePart[]> } {
  const body: SessionCreate[] = [];
  const errors: FieldError[] = [];
  const wrongParts: Record<number, DatePart[]> = {};
  proposal.forEach((session, index) => {
    const row = rows[index] ?? { date: dateParts(session.date), host_urn: session.host_urn };
    const number = shownNumbers[index] ?? session.number;
    const name = `The date of session ${String(number)}`;
    const date = readDateParts(row.date, name);
    if (date.kind !== "date") {
      errors.push(bodyError(`/${String(index)}/date`, date.kind === "empty" ? `Enter the date of session ${String(number)}` : date.message));
      wrongParts[index] = date.kind === "invalid" ? date.parts : ["day", "month", "year"];
      return;
    }
    body.push({
      kind: session.kind,
      number: session.number,
      date: isoDate(date, date.day),
      start_time: session.start_time,
      end_time: session.end_time,
      ...(row.host_urn !== "" ? { host_urn: row.host_urn } : {}),
    });
  });
  return { body, errors, wrongParts };
}

/**
 * Which row and field an error of POST …/sessions is about: "/2/date" is the third row's
 * date. The API leaves out the index when it was sent one session ("/date").
 */
export function rowPointer(pointer: string, rowCount: number): { row: number; field: string } | null {
  const indexed = /^\/(\d+)\/([a-z_]+)$/.exec(pointer);
  if (indexed) {
    const row = Number(indexed[1]);
    return row < rowCount ? { row, field: indexed[2] ?? "" } : null;
  }
  const single = /^\/([a-z_]+)$/.exec(pointer);
  return single && rowCount === 1 ? { row: 0, field: single[1] ?? "" } : null;
}

/** Each row's first error by field ("date", "host_urn", …). */
export function rowErrors(problem: Problem | null, rowCount: number): Partial<Record<string, string>>[] {
  const rows: Partial<Record<string, string>>[] = Array.from({ length: rowCount }, () => ({}));
  for (const [pointer, detail] of Object.entries(errorsByPointer(problem))) {
    const at = rowPointer(pointer, rowCount);
    const row = at ? rows[at.row] : undefined;
    if (at && row && detail !== undefined) row[at.field] ??= detail;
  }
  return rows;
}

export function planDateId(index: number): string {
  return `session-${String(index)}-date`;
}

export function planHostId(index: number): string {
  return `session-${String(index)}-host`;
}

/** The error summary's fields: each row's date (its day box) and host, by every pointer the API may give. */
export function planFields(rowCount: number): Record<string, { id: string }> {
  const fields: Record<string, { id: string }> = {};
  for (let index = 0; index < rowCount; index += 1) {
    const prefixes = rowCount === 1 ? ["/0", ""] : [`/${String(index)}`];
    for (const prefix of prefixes) {
      fields[`${prefix}/date`] = { id: `${planDateId(index)}-day` };
      fields[`${prefix}/host_urn`] = { id: planHostId(index) };
    }
  }
  return fields;
}

/** The academic year after one: "2026-27" → "2027-28"; null when it is not a year's slug. */
export function nextAcademicYear(slug: string): string | null {
  const match = /^(\d{4})-\d{2}$/.exec(slug);
  if (!match) return null;
  return academicYearSlug(Number(match[1]) + 1);
}

/** What just happened to a group, carried to its page in the router's state for a success banner. */
export type GroupNews = { heading: string; text?: string; schools?: ContinuationVerdict[] };

function isVerdict(value: unknown): value is ContinuationVerdict {
  if (typeof value !== "object" || value === null) return false;
  const verdict = value as Partial<Record<keyof ContinuationVerdict, unknown>>;
  return (
    typeof verdict.urn === "string" &&
    typeof verdict.name === "string" &&
    typeof verdict.continues === "boolean" &&
    Array.isArray(verdict.reasons) &&
    Array.isArray(verdict.to_check)
  );
}

/** The news in a page's router state, or null when there is none. */
export function groupNews(state: unknown): GroupNews | null {
  if (typeof state !== "object" || state === null) return null;
  const news = (state as { news?: unknown }).news;
  if (typeof news !== "object" || news === null) return null;
  const { heading, text, schools } = news as { heading?: unknown; text?: unknown; schools?: unknown };
  if (typeof heading !== "string") return null;
  return {
    heading,
    ...(typeof text === "string" ? { text } : {}),
    ...(Array.isArray(schools) ? { schools: schools.filter(isVerdict) } : {}),
  };
}

/** The schools of a "no school continues" problem (its `schools` member), each with its reasons. */
export function verdictsOf(problem: Problem | null): ContinuationVerdict[] {
  const schools = problem?.["schools"];
  return Array.isArray(schools) ? schools.filter(isVerdict) : [];
}

/** "6 sessions added": the news after confirming a proposal. */
export function sessionsAddedNews(count: number): GroupNews {
  return { heading: `${pluralise(count, "session")} added` };
}

/** The news after completing the year: how many schools completed and how many withdrew. */
export function completedNews(schools: number, withdrawn: number): GroupNews {
  const completed = schools - withdrawn;
  const parts = [`${pluralise(completed, "school")} recorded as completed`];
  if (withdrawn > 0) parts.push(`${String(withdrawn)} as withdrawn`);
  return { heading: "The year is complete", text: `${parts.join(", ")}.` };
}
