// The month calendar's arithmetic: months in the URL ("2026-12"), the weeks of a month from
// Monday to Sunday, and today's date in England. Pure: no React, and the clock is passed in.

import { MONTHS } from "./format";

/** A calendar month; `month` runs from 1 (January) to 12. */
export type Month = { year: number; month: number };

/** The days of the week from Monday, as the grid's columns are headed. */
export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/** "2026-12" from the URL as a month, or null when it is not one. */
export function parseMonth(raw: string | null): Month | null {
  const match = raw ? /^(\d{4})-(0[1-9]|1[0-2])$/.exec(raw) : null;
  if (!match) return null;
  const year = Number(match[1]);
  return year >= 1900 && year <= 2999 ? { year, month: Number(match[2]) } : null;
}

/** A month as the URL holds it: "2026-12". */
export function monthParam({ year, month }: Month): string {
  return `${String(year)}-${pad(month)}`;
}

/** "December 2026". */
export function monthLabel({ year, month }: Month): string {
  return `${MONTHS[month - 1] ?? ""} ${String(year)}`;
}

/** The month `count` months after (or, when negative, before) this one. */
export function addMonths({ year, month }: Month, count: number): Month {
  const index = year * 12 + (month - 1) + count;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The month an ISO date ("2026-12-08") falls in. */
export function monthOfDate(isoDate: string): Month {
  return { year: Number(isoDate.slice(0, 4)), month: Number(isoDate.slice(5, 7)) };
}

function daysIn({ year, month }: Month): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A day as the API writes it: "2027-03-08". */
export function isoDate({ year, month }: Month, day: number): string {
  return `${String(year).padStart(4, "0")}-${pad(month)}-${pad(day)}`;
}

/** The first and last days of the month, as the timetable's `from` and `to` take them. */
export function monthRange(month: Month): { from: string; to: string } {
  return { from: isoDate(month, 1), to: isoDate(month, daysIn(month)) };
}

/**
 * The month's weeks, Monday to Sunday: each week has 7 cells, the ISO date of a day of the
 * month or null for a day of the month before or after.
 */
export function monthGrid(month: Month): (string | null)[][] {
  // getUTCDay: 0 is Sunday; Monday-first puts Sunday last.
  const firstWeekday = (new Date(Date.UTC(month.year, month.month - 1, 1)).getUTCDay() + 6) % 7;
  const cells: (string | null)[] = Array.from({ length: firstWeekday }, () => null);
  for (let day = 1; day <= daysIn(month); day += 1) cells.push(isoDate(month, day));
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let start = 0; start < cells.length; start += 7) weeks.push(cells.slice(start, start + 7));
  return weeks;
}

const londonDate = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** Today's date in England ("2026-12-08"), whatever the reader's own time zone. */
export function todayInLondon(now: Date): string {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of londonDate.formatToParts(now)) parts[part.type] = part.value;
  return `${parts.year ?? ""}-${parts.month ?? ""}-${parts.day ?? ""}`;
}

/** The academic year (September to August) a month falls in, as the API names it: "2026-27". */
export function academicYearOfMonth({ year, month }: Month): string {
  return academicYearSlug(month >= 9 ? year : year - 1);
}

/** The academic year that starts in September of `start`: 2026 → "2026-27". */
export function academicYearSlug(start: number): string {
  return `${String(start)}-${pad((start + 1) % 100)}`;
}

/** Items grouped by their ISO date, each day's in the order given. */
export function byDate<T extends { date: string }>(items: readonly T[]): Map<string, T[]> {
  const days = new Map<string, T[]>();
  for (const item of items) {
    const day = days.get(item.date);
    if (day) day.push(item);
    else days.set(item.date, [item]);
  }
  return days;
}
