import type { APIRequestContext, Page } from "@playwright/test";
import { accounts, signIn } from "./accounts";
import { expectNoSeriousViolations } from "./axe";
import { expect, test } from "./test";

// A hub administrator registers a webhook endpoint, sees a delivery in its log and sends it
// again. Nothing listens at the endpoint's address (the server refuses the connection), so
// the delivery waits for a retry: the log shows the attempt all the same.

const HUB = "cheshire-and-wirral";

/** A name no other run against a reused server has used. */
function uniqueAddress(): string {
  return `http://127.0.0.1:9/webhooks/${String(Date.now())}-${String(Math.floor(Math.random() * 1e6))}`;
}

/**
 * Change one of the hub's open programmes and put it back, through the API as the signed-in
 * administrator: two "Programme changed" events, and the programme as it was. (A draft's
 * changes send nothing, and other browser tests add drafts to the hub.)
 */
async function changeAndRestoreAProgramme(request: APIRequestContext) {
  const me = (await (await request.get("/api/v1/auth/me")).json()) as { csrf_token: string };
  const headers = { "X-CSRF-Token": me.csrf_token };
  const list = (await (await request.get(`/api/v1/programmes?hub=${HUB}&status=open&limit=1`)).json()) as {
    items: { id: number }[];
  };
  const [programme] = list.items;
  if (!programme) throw new Error(`The demo data has no programme of ${HUB}`);
  const path = `/api/v1/programmes/${String(programme.id)}`;
  const read = await request.get(path);
  const { summary } = (await read.json()) as { summary: string };
  const changed = await request.patch(path, {
    data: { summary: `${summary} (changed by the webhooks test)` },
    headers: { ...headers, "If-Match": read.headers().etag ?? "" },
  });
  expect(changed.status()).toBe(200);
  const restored = await request.patch(path, {
    data: { summary },
    headers: { ...headers, "If-Match": changed.headers().etag ?? "" },
  });
  expect(restored.status()).toBe(200);
}

async function checkWidths(page: Page) {
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await expectNoSeriousViolations(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }
}

test("a hub administrator registers a webhook endpoint, sees a delivery and sends it again", async ({ page }) => {
  test.setTimeout(180_000); // two waits on the background sender, bounded generously
  const address = uniqueAddress();
  await signIn(page, accounts.hubAdmin);
  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "API keys" }).click();
  await page.getByRole("main").getByRole("link", { name: "Webhooks" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
  await expect(page).toHaveTitle("Webhooks – Maths Hubs Programmes");
  await checkWidths(page);

  await page.getByRole("button", { name: "Register an endpoint" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Register a webhook endpoint" })).toBeVisible();
  // Nothing filled in: the page says what is missing.
  await page.getByRole("button", { name: "Register endpoint" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toContainText("Enter the address to send webhooks to");
  await expect(summary).toContainText("Select the events to send");
  await expectNoSeriousViolations(page);

  await page.getByLabel("Address").fill(address);
  await page.getByLabel("Description (optional)").fill("Timetable sync");
  await page.getByRole("checkbox", { name: "Programme changed" }).check();
  await page.getByRole("button", { name: "Register endpoint" }).click();
  const banner = page.getByRole("alert").filter({ hasText: "Endpoint registered" });
  await expect(banner).toBeVisible();
  await expect(banner.locator("#webhook-secret")).toHaveText(/^whsec_[A-Za-z0-9+/=]{40,}$/);
  await checkWidths(page);

  await changeAndRestoreAProgramme(page.request);
  await page.getByRole("link", { name: "See its deliveries" }).click();
  await expect(page.getByRole("heading", { level: 1, name: address })).toBeVisible();
  const rows = page.getByRole("region", { name: "Deliveries" }).getByRole("row").filter({ hasText: "Programme changed" });
  await expect(rows).toHaveCount(2);
  // The background sender tries each within seconds; nothing answers at the address. The
  // server's clock stands still (FIXED_NOW), so no retry falls due by itself: one attempt each.
  const first = rows.first();
  await expect(async () => {
    await page.reload();
    await expect(first).toContainText("Waiting to retry (no answer)", { timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  await expect(first.getByRole("listitem")).toHaveCount(1);
  await checkWidths(page);

  await first.getByRole("button", { name: "Send again" }).click();
  const sent = page.getByRole("alert").filter({ hasText: "Delivery will be sent again" });
  await expect(sent).toBeVisible();
  await expectNoSeriousViolations(page);
  // Sent again at once: a second attempt in its log.
  await expect(async () => {
    await page.reload();
    await expect(first.getByRole("listitem")).toHaveCount(2, { timeout: 1000 });
  }).toPass({ timeout: 60_000 });

  // After a receiver was down: every delivery of a time range goes again. The fields take the
  // browser's local time, as the log shows it; the range is the hour either side of now.
  await page.getByRole("button", { name: "Send these again" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText(
    "Enter when the range starts",
  );
  const [from, upTo] = await page.evaluate(() => {
    const local = (at: number) => {
      const d = new Date(at - new Date(at).getTimezoneOffset() * 60_000);
      return d.toISOString().slice(0, 16);
    };
    return [local(Date.now() - 3_600_000), local(Date.now() + 3_600_000)];
  });
  await page.getByLabel("From", { exact: true }).fill(from);
  await page.getByLabel("Up to", { exact: true }).fill(upTo);
  await page.getByRole("button", { name: "Send these again" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "2 deliveries will be sent again" })).toBeVisible();
  await expectNoSeriousViolations(page);
  await expect(async () => {
    await page.reload();
    await expect(first.getByRole("listitem")).toHaveCount(3, { timeout: 1000 });
  }).toPass({ timeout: 60_000 });

  // Back on the list, the endpoint is there and on.
  await page.getByRole("link", { name: "Back to webhooks" }).click();
  const card = page.getByRole("listitem").filter({ hasText: address });
  await expect(card).toContainText("On");
  await expect(card).toContainText("Programme changed");
});
