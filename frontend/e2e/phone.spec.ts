import type { Locator, Page } from "@playwright/test";
import { accounts, signIn } from "./accounts";
import { expectNoSeriousViolations } from "./axe";
import { openGroup, THIS_YEAR_GROUP } from "./workGroups";
import { atTestMoment, expect, test } from "./test";

// On a phone, 375 by 740: the navigation folds behind a Menu button, and the catalogue, the
// review list, the sessions table and the audit log read as stacked rows, each cell headed by
// its column, with nothing off the side of the screen.
const PHONE = { width: 375, height: 740 };
const PROGRAMME = "Secondary Teaching for Mastery – Development Work Group";

test.use({ viewport: PHONE });

function menu(page: Page) {
  return page.getByRole("navigation", { name: "Menu" });
}

/** The page never scrolls sideways. */
async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: (document.scrollingElement ?? document.documentElement).scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

/** Shown, and wholly within the screen's width (it may be further down the page). */
async function expectOnScreen(cell: Locator) {
  await expect(cell).toBeVisible();
  const box = await cell.boundingBox();
  expect(box).not.toBeNull();
  if (!box) return;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
}

/** A row's cell, found by the column name the stacked layout shows above it. */
function cell(row: Locator, column: string): Locator {
  return row.locator(`[data-label="${column}"]`);
}

test("the menu button opens and closes the navigation from the keyboard", async ({ page }) => {
  await signIn(page, accounts.hubAdmin);
  await page.goto("/programmes");
  const button = menu(page).getByRole("button", { name: "Menu" });
  const workGroups = menu(page).getByRole("link", { name: "Work Groups" });
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(button).toHaveAttribute("aria-controls", "navigation");
  await expect(workGroups).toBeHidden();
  await expectNoSeriousViolations(page);

  await button.focus();
  await page.keyboard.press("Enter");
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await expect(workGroups).toBeVisible();
  await expect(page.locator("#navigation")).toBeVisible();
  await expectNoSeriousViolations(page);
  // The list follows the button in the tab order.
  await page.keyboard.press("Tab");
  await expect(menu(page).getByRole("link", { name: "Programmes" })).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(button).toBeFocused();
  await page.keyboard.press("Space");
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(workGroups).toBeHidden();

  // Following a link in the open menu leads there, and the next page starts with it closed.
  await page.keyboard.press("Enter");
  await workGroups.click();
  await expect(page.getByRole("heading", { level: 1, name: "Work Groups" })).toBeVisible();
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(workGroups).toBeHidden();

  // On a wide screen the whole navigation shows and the button is gone.
  await page.setViewportSize({ width: 1024, height: 768 });
  await expect(workGroups).toBeVisible();
  await expect(menu(page).getByRole("button", { name: "Menu" })).toHaveCount(0);
  await page.setViewportSize(PHONE);
  await expect(button).toBeVisible();
  await expect(workGroups).toBeHidden();
});

test("the catalogue reads as stacked rows", async ({ page }) => {
  await page.goto("/programmes?status=open&phase=secondary&stage=development");
  const row = page.getByRole("row").filter({ hasText: PROGRAMME });
  await expectOnScreen(row.getByRole("link", { name: PROGRAMME, exact: true }));
  await expect(cell(row, "Status")).toContainText("Open");
  for (const column of ["Programme", "Year", "Phase and stage", "Status"]) {
    await expectOnScreen(cell(row, column));
  }
  await expectNoSidewaysScroll(page);
  await expectNoSeriousViolations(page);
});

test("the sessions table reads as stacked rows", async ({ page }) => {
  await signIn(page, accounts.hubAdmin);
  await openGroup(page, THIS_YEAR_GROUP);
  const table = page.getByRole("table", { name: "The group's sessions" });
  const first = table.getByRole("row").filter({ has: page.locator('[data-label="Date"]') }).first();
  for (const column of ["Session", "Kind", "Date", "Time", "Place", "Status"]) {
    await expectOnScreen(cell(first, column));
  }
  await expect(cell(first, "Date")).toContainText(/\w+day \d+ \w+ \d{4}/);
  await expectNoSidewaysScroll(page);
  await expectNoSeriousViolations(page);
});

test("the applications review list reads as stacked rows", async ({ page }) => {
  // Carmel Academy starts an application (a draft is enough to be listed), through the API.
  await signIn(page, accounts.carmelContact);
  const started = await page.evaluate(async (title) => {
    const me = (await (await fetch("/api/v1/auth/me")).json()) as { csrf_token: string };
    const found = (await (await fetch(`/api/v1/programmes?limit=100&status=open`)).json()) as {
      items: { id: number; title: string }[];
    };
    const programme = found.items.find((item) => item.title === title);
    if (!programme) return { status: 0, programme: 0 };
    const response = await fetch("/api/v1/applications", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": me.csrf_token },
      body: JSON.stringify({ programme_id: programme.id }),
    });
    return { status: response.status, programme: programme.id };
  }, PROGRAMME);
  expect(started.programme).toBeGreaterThan(0);
  // Created now, or already there from another test.
  expect([201, 409]).toContain(started.status);

  const browser = page.context().browser();
  if (!browser) throw new Error("No browser");
  const hub = await atTestMoment(await browser.newContext({ viewport: PHONE }));
  const review = await hub.newPage();
  await signIn(review, accounts.archimedesAdmin);
  await review.goto(`/admin/applications?programme=${String(started.programme)}`);
  await expect(review.getByRole("heading", { level: 1, name: "Review applications" })).toBeVisible();
  const row = review.getByRole("row").filter({ hasText: "Carmel Academy" });
  await expectOnScreen(row.getByRole("link", { name: "Carmel Academy" }));
  await expectOnScreen(row.getByRole("checkbox", { name: "Select Carmel Academy" }));
  for (const column of ["School", "Status", "Submitted", "Priority"]) {
    await expectOnScreen(cell(row, column));
  }
  await expectNoSidewaysScroll(review);
  await expectNoSeriousViolations(review);
  await hub.close();
});

test("the audit log reads as stacked rows, who and what in words", async ({ page }) => {
  await signIn(page, accounts.hubAdmin);
  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  const first = page.getByRole("row").filter({ has: page.locator('[data-label="Who"]') }).first();
  for (const column of ["When", "Who", "What", "Changes"]) {
    await expectOnScreen(cell(first, column));
  }
  await expect(page.getByLabel("Who made the change")).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNoSeriousViolations(page);
});
