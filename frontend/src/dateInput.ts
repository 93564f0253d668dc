// Reading a GOV.UK date input (day, month, year) into a date, with the Design System's
// error messages, and the end of that day in England as an ISO instant for the API.

import { isoDate } from "./calendar";

export type DateParts = { day: string; month: string; year: string };
export type DatePart = keyof DateParts;

export type DateReading =
  | { kind: "empty" }
  | { kind: "date"; year: number; month: number; day: number }
  /** `parts`: the boxes to mark as wrong (the first one is where the error summary links). */
  | { kind: "invalid"; message: string; parts: DatePart[] };

const ORDER: DatePart[] = ["day", "month", "year"];
const WORDS: Record<DatePart, string> = { day: "a day", month: "a month", year: "a year" };

/**
 * "Expiry date must include a month", "Expiry date must be a real date", … An empty input
 * reads as `empty`: whether that is allowed is the caller's business.
 */
export function readDateParts(parts: DateParts, name: string): DateReading {
  const given = {
    day: parts.day.trim(),
    month: parts.month.trim(),
    year: parts.year.trim(),
  };
  const missing = ORDER.filter((part) => given[part] === "");
  if (missing.length === 3) return { kind: "empty" };
  if (missing.length > 0) {
    const words = missing.map((part) => WORDS[part]).join(" and ").replace(/ and a /, " and ");
    return { kind: "invalid", message: `${name} must include ${words}`, parts: missing };
  }
  const notNumbers = ORDER.filter((part) => !/^\d+$/.test(given[part]));
  if (notNumbers.length > 0) {
    return { kind: "invalid", message: `${name} must be a real date`, parts: notNumbers };
  }
  if (given.year.length !== 4) {
    return { kind: "invalid", message: "Year must include 4 numbers", parts: ["year"] };
  }
  const [day, month, year] = [Number(given.day), Number(given.month), Number(given.year)];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { kind: "invalid", message: `${name} must be a real date`, parts: ORDER };
  }
  return { kind: "date", year, month, day };
}

const offsetFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", timeZoneName: "longOffset" });

/** England's offset from UTC on a day: "+00:00" in winter, "+01:00" in summer. */
function londonOffset(year: number, month: number, day: number): string {
  // Midday: the clocks change at 1am, so midday and the end of the day share an offset.
  const name = offsetFormat
    .formatToParts(new Date(Date.UTC(year, month - 1, day, 12)))
    .find((part) => part.type === "timeZoneName")?.value;
  const offset = name?.replace(/^GMT/, "") ?? "";
  return /^[+-]\d{2}:\d{2}$/.test(offset) ? offset : "+00:00";
}

/** The last second of a day in England, for an expiry that lasts to the end of that day. */
export function endOfDayInEngland({ year, month, day }: { year: number; month: number; day: number }): string {
  return `${isoDate({ year, month }, day)}T23:59:59${londonOffset(year, month, day)}`;
}
