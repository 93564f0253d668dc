// The planner's numbering and its question about days that are not school days. Pure.
import type { SessionCreate } from "../../api/client";
import type { NonSchoolDay } from "./change";

type Dated = { date: string; start_time: string };

/**
 * The number each proposed session will have among the group's sessions: all of them are
 * numbered 1, 2, 3 … in the order they meet (the API numbers them so when they are created).
 */
export function numbersByDate(existing: readonly Dated[], proposed: readonly Dated[]): number[] {
  const all = [
    ...existing.map((session, index) => ({ ...session, proposed: -1, order: index })),
    ...proposed.map((session, index) => ({ ...session, proposed: index, order: existing.length + index })),
  ].sort((a, b) => a.date.localeCompare(b.date) || a.start_time.localeCompare(b.start_time) || a.order - b.order);
  const numbers = new Array<number>(proposed.length).fill(0);
  all.forEach((session, position) => {
    if (session.proposed >= 0) numbers[session.proposed] = position + 1;
  });
  return numbers;
}

/** The row of the proposal a refused day points at: "/2/date" is the third; "/date" the only one. */
export function rowOfDay(day: NonSchoolDay): number {
  const match = /^\/(\d+)\/date$/.exec(day.pointer);
  return match ? Number(match[1]) : 0;
}

/** The same sessions, those on the refused days confirmed as the person chose. */
export function confirmed(body: readonly SessionCreate[], days: readonly NonSchoolDay[]): SessionCreate[] {
  const rows = new Set(days.map(rowOfDay));
  return body.map((session, index) => (rows.has(index) ? { ...session, confirm_non_school_day: true } : session));
}
