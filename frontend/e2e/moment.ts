import type { BrowserContext } from "@playwright/test";
import { writeFile } from "node:fs/promises";

// The moment the browser tests run at, so that no verdict depends on the day they run: the
// server's clock stands still at it (e2e/serve.sh sets FIXED_NOW from E2E_NOW), the demo data is
// loaded as of that day, and each browser context's clock starts at it (e2e/test.ts). A school
// day in the spring term: this year's Work Groups have sessions behind them and ahead of them.
// Set E2E_NOW (an ISO 8601 instant with its offset) to run at another moment.
export const E2E_NOW_DEFAULT = "2027-01-19T10:00:00+00:00";

export function e2eNow(): Date {
  return new Date(process.env.E2E_NOW ?? E2E_NOW_DEFAULT);
}

/** The test moment's date in England, as the server and the pages count days: "2027-01-19". */
export function todayInLondon(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(e2eNow());
}

/**
 * Let time pass, for the server (the clock file it reads at each request, CLOCK_FILE) and for
 * the browser contexts given, to `instant` (ISO 8601 with its offset).
 */
export async function timePasses(instant: string, ...contexts: BrowserContext[]): Promise<void> {
  const file = process.env.E2E_CLOCK_FILE;
  if (!file) throw new Error("E2E_CLOCK_FILE is not set: run the tests through playwright.config.ts");
  await writeFile(file, `${instant}\n`, "utf8");
  for (const context of contexts) await context.clock.setSystemTime(new Date(instant));
}

/** Put the server's clock back at the tests' moment, for the specs that follow. */
export async function backToTheTestMoment(): Promise<void> {
  await timePasses(e2eNow().toISOString());
}
