import { test as base, type BrowserContext } from "@playwright/test";
import { e2eNow } from "./moment";

export { expect } from "@playwright/test";

/**
 * Start the context's clock at the tests' moment (e2e/moment.ts), the server's, and let it run
 * from there: the pages' "today" is the day the data was made for. A context a test opens
 * itself (a second person's browser) needs this too.
 */
export async function atTestMoment(context: BrowserContext): Promise<BrowserContext> {
  await context.clock.install({ time: e2eNow() });
  await context.clock.resume();
  return context;
}

/** Playwright's `test`, with every page's clock at the tests' moment. */
export const test = base.extend({
  context: async ({ context }, use) => {
    await use(await atTestMoment(context));
  },
});
