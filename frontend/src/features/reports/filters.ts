// The reports' filters live in the URL (so a report can be bookmarked and shared), and go to
// the API as its query; the CSV link carries the same query.
import { readDateParts, type DateParts } from "../../dateInput";

/** A query for the API and the CSV link: only the filters that are set. */
export type ReportQuery = Record<string, string>;

/** The named filters from the URL, leaving out empty ones. */
export function readQuery(search: URLSearchParams, names: readonly string[]): ReportQuery {
  const query: ReportQuery = {};
  for (const name of names) {
    const value = search.get(name);
    if (value) query[name] = value;
  }
  return query;
}

/** "/api/v1/reports/coverage.csv?by=hub": the CSV twin of a report, with the same filters. */
export function csvHref(path: string, query: ReportQuery): string {
  const params = new URLSearchParams(query).toString();
  return `/api/v1/reports/${path}.csv${params ? `?${params}` : ""}`;
}

/** The as-at day from the date boxes: "2026-07-31", null when left empty, or the error to show. */
export function readAsAt(parts: DateParts): { asAt: string | null } | { error: string } {
  const reading = readDateParts(parts, "As at date");
  if (reading.kind === "empty") return { asAt: null };
  if (reading.kind === "invalid") return { error: reading.message };
  const pad = (n: number) => String(n).padStart(2, "0");
  return { asAt: `${String(reading.year)}-${pad(reading.month)}-${pad(reading.day)}` };
}

/** "2026-07-31" as the date boxes' values, to show the day a report is as at. */
export function asAtParts(asAt: string | null | undefined): DateParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asAt ?? "");
  if (!match) return { day: "", month: "", year: "" };
  return { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1] ?? "" };
}
