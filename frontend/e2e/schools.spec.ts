import type { Page } from "@playwright/test";
import { accounts, fillSignIn, signIn } from "./accounts";
import { expectNoSeriousViolations } from "./axe";
import { expect, test } from "./test";

// Each test signs in afresh; none changes anything, so they run in any order.

function menu(page: Page) {
  return page.getByRole("navigation", { name: "Menu" });
}

/** A stage in a timeline: the list item whose heading is the stage's name. */
function stage(page: Page, phase: "Primary" | "Secondary", name: string) {
  return page
    .getByRole("list", { name: `${phase} stages` })
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name, exact: true }) });
}

test("a hub administrator finds a school by name and sees its journey and open programmes", async ({ page }) => {
  await signIn(page, accounts.hubAdmin);
  await menu(page).getByRole("link", { name: "Schools" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Schools" })).toBeVisible();
  await expect(page).toHaveTitle("Schools – Maths Hubs Programmes");

  await page.getByLabel("School name, URN or postcode").fill("Bede");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/schools\?q=Bede$/);
  await expect(page.getByRole("heading", { name: /^\d+ schools?$/ })).toBeFocused();
  await expect(page.getByRole("status")).toHaveText("Filters applied: search: “Bede”.");
  const row = page.getByRole("row").filter({ hasText: "St Bede’s Catholic Primary School" });
  await expect(row).toContainText("URN 100001");
  await expect(row).toContainText("Chester");
  await expectNoSeriousViolations(page);

  await row.getByRole("link", { name: "St Bede’s Catholic Primary School" }).click();
  await expect(page).toHaveURL(/\/schools\/100001$/);
  await expect(page.getByRole("heading", { level: 1, name: "St Bede’s Catholic Primary School" })).toBeVisible();
  await expect(page).toHaveTitle("St Bede’s Catholic Primary School – Maths Hubs Programmes");
  const facts = page.getByRole("definition");
  await expect(facts.filter({ hasText: "Voluntary aided school" })).toBeVisible();
  await expect(facts.filter({ hasText: "Cheshire West and Chester (code 896)" })).toBeVisible();
  // The first: each open programme below names its hub too.
  await expect(facts.filter({ hasText: "Cheshire and Wirral Maths Hub" }).first()).toBeVisible();

  // The school is in this year's Sustaining Work Group now (the demo's), with its lead.
  const group = page.getByRole("region", { name: "Cheshire West Sustaining Community" });
  await expect(group).toContainText("Mo Specialist");
  await expect(group).toContainText("Next session");

  // The timeline: Development in 2019/20; Sustaining under way now, so the journey goes on from
  // it (Sustaining again, not back to Embedding).
  await expect(stage(page, "Primary", "Readiness")).toContainText("Not taken part.");
  await expect(stage(page, "Primary", "Development")).toContainText(
    "Completed in 2019/20, with Cheshire and Wirral Maths Hub.",
  );
  await expect(stage(page, "Primary", "Embedding")).toContainText("Not taken part.");
  await expect(stage(page, "Primary", "Sustaining")).toContainText("The school can do this next.");
  await expect(page.getByRole("list", { name: "Secondary stages" })).toHaveCount(0);
  await expect(page.getByRole("row").filter({ hasText: "2019/20" })).toContainText("Primary Development");
  await expect(page.getByRole("link", { name: "find open Primary Sustaining programmes" })).toBeVisible();

  // Open programmes it may apply for, each with the decision; not the Development it has done.
  const sustaining = page.getByRole("heading", { level: 3, name: "Primary Mastery Sustaining Programme" });
  await expect(sustaining).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Primary Mastery Development Programme" })).toHaveCount(0);
  await expect(page.getByText("St Bede’s Catholic Primary School meets every rule for Primary Mastery Sustaining Programme.")).toBeVisible();
  await expectNoSeriousViolations(page);

  await sustaining.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: "Primary Mastery Sustaining Programme" })).toBeVisible();
  await page.goBack();
  await page.getByRole("link", { name: "Back to schools" }).click();
  await expect(page).toHaveURL(/\/schools\?q=Bede$/);
});

test("the school search keeps its filters in the URL and pages with next_cursor", async ({ page }) => {
  // Pages of 2 from the real API, so the demo register spans several pages.
  await page.route("**/api/v1/schools?*", (route) => {
    const url = new URL(route.request().url());
    url.searchParams.set("limit", "2");
    return route.continue({ url: url.toString() });
  });
  await signIn(page, accounts.hubAdmin);
  await page.goto("/schools");
  await page.getByLabel("Phase of education").selectOption({ label: "Primary" });
  await page.getByRole("group", { name: "State-funded" }).getByLabel("Yes").check();
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/phase=Primary/);
  await expect(page).toHaveURL(/state_funded=true/);
  await expect(page.getByRole("status")).toHaveText("Filters applied: phase: Primary, state-funded: yes.");
  await expect(page.getByRole("heading", { name: /^2 schools on this page/ })).toBeVisible();
  const firstPage = await page.getByRole("row").allInnerTexts();

  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(page.getByRole("link", { name: "First page" })).toBeVisible();
  await expect.poll(() => page.getByRole("row").allInnerTexts()).not.toEqual(firstPage);

  // The form is rebuilt from the URL after a reload.
  await page.reload();
  await expect(page.getByLabel("Phase of education")).toHaveValue("Primary");
  await expect(page.getByRole("group", { name: "State-funded" }).getByLabel("Yes")).toBeChecked();
});

test("a bad filter in the URL shows the API's problem at its field", async ({ page }) => {
  await signIn(page, accounts.hubAdmin);
  await page.goto("/schools?hub=Not+a+hub");
  const summary = page.getByRole("alert");
  await expect(summary.getByRole("link", { name: /^Maths Hub:/ })).toBeVisible();
  await expect(page).toHaveTitle("Error: Schools – Maths Hubs Programmes");
  await expectNoSeriousViolations(page);
});

test("a school contact's My school shows their school, and no other school's journey", async ({ page }) => {
  await signIn(page, accounts.schoolContact);
  await menu(page).getByRole("link", { name: "My school" }).click();
  await expect(page).toHaveURL(/\/schools\/100001$/);
  await expect(page.getByRole("heading", { level: 1, name: "St Bede’s Catholic Primary School" })).toBeVisible();
  await expect(menu(page).getByRole("link", { name: "My school" })).toHaveAttribute("aria-current", "page");
  await expect(menu(page).getByRole("link", { name: "Schools" })).not.toHaveAttribute("aria-current");
  await expect(stage(page, "Primary", "Development")).toContainText("2019/20");
  await expect(page.getByRole("heading", { level: 2, name: "Open programmes you may apply for" })).toBeVisible();
  await expectNoSeriousViolations(page);

  await page.goto("/schools/100002");
  await expect(page.getByRole("heading", { level: 1, name: "You cannot see this page" })).toBeVisible();
  await expect(page.getByText("You are signed in as Sam Contact, School contact.")).toBeVisible();
});

test("a visitor is asked to sign in to search schools, and comes back to the search", async ({ page }) => {
  await page.goto("/programmes");
  await expect(menu(page).getByRole("link", { name: "Schools" })).toHaveCount(0);
  await page.goto("/schools?q=Bede");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByText("You need to sign in to see that page.")).toBeVisible();
  await fillSignIn(page, accounts.hubAdmin);
  await expect(page).toHaveURL(/\/schools\?q=Bede$/);
  await expect(page.getByRole("row").filter({ hasText: "St Bede’s Catholic Primary School" })).toBeVisible();
});

test("a school the register does not have, or a URN that is not 6 digits, is not found", async ({ page }) => {
  await signIn(page, accounts.hubAdmin);
  await page.goto("/schools/999999");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByText("There is no school with URN 999999 in the register.", { exact: false })).toBeVisible();
  await page.goto("/schools/12345");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByText("A school's URN has 6 digits, like 100001.")).toBeVisible();
  await expectNoSeriousViolations(page);
});
