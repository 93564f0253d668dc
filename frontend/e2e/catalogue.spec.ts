import { expectNoSeriousViolations } from "./axe";
import { expect, test } from "./test";

/** The count above the whole catalogue: the demo fills a page, so it may say "on this page". */
const ALL_PROGRAMMES = /^\d+ programmes( on this page \(\d+ a page\))?$/;

test("a visitor filters to primary sustaining programmes and opens NCP21-11", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/programmes$/);
  await expect(page.getByRole("heading", { level: 1, name: "Programmes" })).toBeVisible();
  await expect(page).toHaveTitle("Programmes – Maths Hubs Programmes");
  // The demo's 20 a visitor sees (a full first page), and any that tests on this shared server
  // have added (applications.spec.ts).
  const count = page.getByRole("heading", { name: ALL_PROGRAMMES });
  await expect(count).toBeVisible();
  expect(Number.parseInt(await count.innerText(), 10)).toBeGreaterThanOrEqual(20);

  await page.getByLabel("Phase").selectOption({ label: "Primary" });
  await page.getByLabel("Stage").selectOption({ label: "Sustaining" });
  await page.getByRole("button", { name: "Apply filters" }).click();

  await expect(page).toHaveURL(/[?&]phase=primary/);
  await expect(page).toHaveURL(/[?&]stage=sustaining/);
  // Focus moves to the new count, so a screen reader says what the filters found.
  await expect(page.getByRole("heading", { name: "4 programmes" })).toBeFocused();
  await expect(page.getByRole("status")).toHaveText("Filters applied: phase: primary, stage: sustaining.");

  // The filters live in the URL, so they survive a reload.
  await page.reload();
  await expect(page.getByLabel("Phase")).toHaveValue("primary");
  await expect(page.getByLabel("Stage")).toHaveValue("sustaining");
  await expect(page.getByRole("heading", { name: "4 programmes" })).toBeVisible();

  const row = page.getByRole("row").filter({ hasText: "NCP21-11" });
  await expect(row).toContainText("East Midlands East Maths Hub");
  await expect(row).toContainText("2021/22");
  await expect(row).toContainText("Closed");
  await row.getByRole("link", { name: "Primary Teaching for Mastery – Sustaining" }).click();

  await expect(page).toHaveURL(/\/programmes\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: "Primary Teaching for Mastery – Sustaining" })).toBeVisible();
  await expect(page).toHaveTitle("Primary Teaching for Mastery – Sustaining – Maths Hubs Programmes");
  const about = page.getByRole("definition");
  await expect(about.filter({ hasText: "NCP21-11" })).toBeVisible();
  await expect(about.filter({ hasText: "East Midlands East Maths Hub" })).toBeVisible();
  await expect(about.filter({ hasText: "2021/22" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "6 workshops" })).toBeVisible();
  await expect(page.getByText("Free to take part")).toBeVisible();

  // The back link returns to the filtered list.
  await page.getByRole("link", { name: "Back to programmes" }).click();
  await expect(page).toHaveURL(/phase=primary&stage=sustaining/);
  await expect(page.getByRole("heading", { name: "4 programmes" })).toBeVisible();
});

test("reloading a programme page is served by the server and shows the programme", async ({ page }) => {
  await page.goto("/programmes?phase=primary&stage=sustaining&academic_year=2021-22");
  await page.getByRole("link", { name: "Primary Teaching for Mastery – Sustaining" }).click();
  const heading = page.getByRole("heading", { level: 1, name: "Primary Teaching for Mastery – Sustaining" });
  await expect(heading).toBeVisible();

  const response = await page.reload();
  expect(response?.status()).toBe(200);
  await expect(heading).toBeVisible();
  await expect(page.getByText("6 workshops")).toBeVisible();
});

test("an open programme shows its closing date, places and key dates", async ({ page }) => {
  await page.goto("/programmes?status=open&phase=primary&stage=sustaining");
  await expect(page.getByRole("heading", { name: "1 programme" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Open for applications" })).toContainText("Closing date:");
  await page.getByRole("link", { name: "Primary Mastery Sustaining Programme" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Dates" })).toBeVisible();
  await expect(page.getByRole("term").filter({ hasText: "Places" })).toBeVisible();
  await expect(page.getByText(/^Applications are open until \w+day \d+ \w+ \d{4} at 11:59pm\.$/)).toBeVisible();
});

test("the next page of programmes follows next_cursor", async ({ page }) => {
  // Ask the real API for pages of 5, so the demo programmes span several pages.
  await page.route("**/api/v1/programmes?*", (route) => {
    const url = new URL(route.request().url());
    url.searchParams.set("limit", "5");
    return route.continue({ url: url.toString() });
  });
  await page.goto("/programmes");
  await expect(page.getByRole("heading", { name: /^5 programmes on this page/ })).toBeVisible();
  const firstTitles = await page.getByRole("row").allInnerTexts();

  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(page.getByRole("link", { name: "First page" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^5 programmes on this page/ })).toBeFocused();
  expect(await page.getByRole("row").allInnerTexts()).not.toEqual(firstTitles);
});

test("a bad filter in the URL shows the API's problem in an error summary", async ({ page }) => {
  await page.goto("/programmes?academic_year=2021");
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("There is a problem");
  await expect(summary.getByRole("link", { name: /^Academic year:/ })).toBeVisible();
  await expect(page).toHaveTitle(/^Error: Programmes – /);
  await summary.getByRole("link", { name: /^Academic year:/ }).click();
  await expect(page.getByLabel("Academic year")).toBeFocused();
});

test("a programme that does not exist says the page was not found", async ({ page }) => {
  await page.goto("/programmes/99999");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByText("There is no programme 99999.")).toBeVisible();
  await expect(page).toHaveTitle("Page not found – Maths Hubs Programmes");
});

test("the developers page links the OpenAPI document", async ({ page }) => {
  await page.goto("/programmes");
  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "For developers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "For developers" })).toBeVisible();
  await expect(page).toHaveTitle("For developers – Maths Hubs Programmes");
  const openapi = page.getByRole("link", { name: "OpenAPI document (JSON)" });
  await expect(openapi).toHaveAttribute("href", "/api/v1/openapi.json");
  const document = await page.request.get("/api/v1/openapi.json");
  expect(document.ok()).toBe(true);
  const body = (await document.json()) as { openapi: string };
  expect(body.openapi).toMatch(/^3\./);
  await expect(page.getByRole("link", { name: "Interactive API documentation" })).toHaveAttribute("href", "/api/v1/docs");
});

test("the skip link moves focus to the main content", async ({ page }) => {
  await page.goto("/programmes");
  await expect(page.getByRole("heading", { name: ALL_PROGRAMMES })).toBeVisible();
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
});

test.describe("accessibility: no serious or critical axe violation", () => {
  test("catalogue", async ({ page }) => {
    await page.goto("/programmes?phase=primary");
    // The demo's 14, and any that tests on this shared server have published (programmes_edit.spec.ts).
    await expect(page.getByRole("heading", { name: /^\d+ programmes$/ })).toBeVisible();
    await expectNoSeriousViolations(page);
  });

  test("catalogue with an error summary", async ({ page }) => {
    await page.goto("/programmes?academic_year=2021");
    await expect(page.getByRole("alert")).toBeVisible();
    await expectNoSeriousViolations(page);
  });

  test("programme page", async ({ page }) => {
    await page.goto("/programmes?phase=primary&stage=sustaining&academic_year=2021-22");
    await page.getByRole("link", { name: "Primary Teaching for Mastery – Sustaining" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoSeriousViolations(page);
  });

  test("developers page", async ({ page }) => {
    await page.goto("/developers");
    await expect(page.getByRole("heading", { level: 1, name: "For developers" })).toBeVisible();
    await expectNoSeriousViolations(page);
  });

  test("page not found", async ({ page }) => {
    await page.goto("/no-such-page");
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expectNoSeriousViolations(page);
  });
});
