// Statement months as the API writes them ("2027-01"): this month in England, the next one, and
// the month a new statement should be started for.
import { MONTHS } from "../../format";

const yearMonth = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit" });

/** The month an instant is in, in England: "2027-01". */
export function londonMonth(now: Date): string {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of yearMonth.formatToParts(now)) parts[part.type] = part.value;
  return `${parts.year ?? ""}-${parts.month ?? ""}`;
}

function split(month: string): [number, number] | null {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return null;
  const number = Number(match[2]);
  return number >= 1 && number <= 12 ? [Number(match[1]), number] : null;
}

/** The month after: "2026-12" → "2027-01". */
export function nextMonth(month: string): string {
  const parts = split(month);
  if (!parts) return month;
  const [year, number] = parts;
  return number === 12 ? `${String(year + 1)}-01` : `${String(year)}-${String(number + 1).padStart(2, "0")}`;
}

/** "2027-01" as "January 2027". */
export function monthLabel(month: string): string {
  const parts = split(month);
  if (!parts) return month;
  return `${MONTHS[parts[1] - 1] ?? ""} ${String(parts[0])}`;
}

/**
 * The month a new statement would be for: this month, unless the hub already has a statement for
 * it (one per hub and month), then the first month after with none.
 */
export function monthForNewStatement(now: Date, taken: Iterable<string>): string {
  const used = new Set(taken);
  let month = londonMonth(now);
  while (used.has(month)) month = nextMonth(month);
  return month;
}
