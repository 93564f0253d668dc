/** The most requests a minute a key may be given (the API's own bound). */
export const MAX_RATE_LIMIT = 1_000_000;

export type RateLimitEntry = { kind: "default" } | { kind: "limit"; value: number } | { kind: "invalid"; message: string };

/** What was typed in a "Requests a minute" field: empty is the service's default. */
export function readRateLimit(text: string): RateLimitEntry {
  const typed = text.trim().replace(/[,\s]/g, "");
  if (typed === "") return { kind: "default" };
  if (!/^\d+$/.test(typed)) return { kind: "invalid", message: "Requests a minute must be a whole number, like 120" };
  const value = Number(typed);
  if (value < 1 || value > MAX_RATE_LIMIT) {
    return { kind: "invalid", message: "Requests a minute must be between 1 and 1,000,000" };
  }
  return { kind: "limit", value };
}

/** A key's limit in words. */
export function rateLimitText(limit: number | null): string {
  return limit === null ? "Service default" : `${limit.toLocaleString("en-GB")} a minute`;
}
