// The interactive API reference and the integration guide work with no network but the
// service's own: every request elsewhere (a CDN, a validator, fonts) is blocked and recorded.
import type { Page } from "@playwright/test";
import { expectNoSeriousViolations } from "./axe";
import { expect, test } from "./test";

/** Block every request not to the service; the list fills with what was blocked. */
async function onlyTheService(page: Page, baseURL: string): Promise<string[]> {
  const service = new URL(baseURL).origin;
  const blocked: string[] = [];
  await page.route("**/*", async (route) => {
    const url = route.request().url();
    if (new URL(url).origin === service) {
      await route.continue();
    } else {
      blocked.push(url);
      await route.abort("blockedbyclient");
    }
  });
  return blocked;
}

test("the API reference lists the operations from the service's own files", async ({ page, baseURL }) => {
  // Generous: the service builds its OpenAPI document at the first request for it, and Swagger UI
  // renders a large one; on a busy machine that takes many seconds.
  test.setTimeout(180_000);
  const blocked = await onlyTheService(page, baseURL ?? "");
  const assets: string[] = [];
  page.on("requestfinished", (request) => {
    assets.push(new URL(request.url()).pathname);
  });
  await page.goto("/api/v1/docs");
  await expect(page).toHaveTitle("Maths Hubs Programmes API - Swagger UI");
  await expect(page.getByRole("heading", { level: 1, name: /^Maths Hubs Programmes API/ })).toBeVisible({
    timeout: 60_000,
  });
  // Operations, as Swagger UI lists them: a button of method, path and summary each.
  const timetable = page.getByRole("button", { name: "GET /api/v1/timetable List Timetable" });
  await expect(timetable).toBeVisible();
  await expect(page.getByRole("button", { name: "PATCH /api/v1/api-keys/{key_id} Update Api Key" })).toBeVisible();
  await expect(page.getByRole("button", { name: "GET /api/v1/health/ready Readiness" })).toBeVisible();

  // One opened: its parameters, from the OpenAPI document the service serves.
  await timetable.click();
  await expect(timetable).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByText("updated_since", { exact: true })).toBeVisible({ timeout: 30_000 });

  expect(assets).toContain("/api/v1/docs/assets/swagger-ui-bundle.js");
  expect(assets).toContain("/api/v1/docs/assets/swagger-ui.css");
  expect(assets).toContain("/api/v1/openapi.json");
  expect(blocked).toEqual([]);
});

test("the developers page links the integration guide, served by the service", async ({ page, baseURL }) => {
  const blocked = await onlyTheService(page, baseURL ?? "");
  await page.goto("/developers");
  await page.getByRole("link", { name: "Integration guide" }).click();
  await expect(page).toHaveURL(/\/api\/v1\/docs\/integrations$/);
  await expect(
    page.getByRole("heading", { level: 1, name: "Keeping another system in step with Maths Hubs Programmes" }),
  ).toBeVisible();
  for (const section of ["1. An API key", "2. Copying the timetable, then only what changed", "3. Subscribing to the iCalendar feed", "4. Receiving webhooks"]) {
    await expect(page.getByRole("heading", { level: 2, name: section })).toBeVisible();
  }
  await expect(page.getByText("webhook.verify(request.get_data(), dict(request.headers))")).toBeVisible();
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await expectNoSeriousViolations(page);
  }
  expect(blocked).toEqual([]);
});
