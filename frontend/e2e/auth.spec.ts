import type { Page } from "@playwright/test";
import { accounts, fillSignIn, signIn } from "./accounts";
import { expectNoSeriousViolations } from "./axe";
import { e2eNow } from "./moment";
import { expect, test } from "./test";

// Every test signs in afresh in its own browser context, and names what it creates uniquely,
// so the tests share the one server and database in any order.

function menu(page: Page) {
  return page.getByRole("navigation", { name: "Menu" });
}

function draftOption(page: Page) {
  return page.getByLabel("Status", { exact: true }).getByRole("option", { name: "Draft" });
}

/** A name no other test (or earlier run against a reused server) has used. */
function uniqueName(prefix: string): string {
  return `${prefix} ${String(Date.now())}-${String(Math.floor(Math.random() * 1e6))}`;
}

test("a hub administrator sees their name, role and the admin pages", async ({ page }) => {
  // Straight to the sign-in page, so there is no page to go back to.
  await page.goto("/sign-in");
  await fillSignIn(page, accounts.hubAdmin);
  const header = page.getByRole("banner");
  await expect(header).toContainText("Hana Admin");
  await expect(header).toContainText("Hub administrator");
  await expect(header.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(header.getByRole("link", { name: "Sign in" })).toHaveCount(0);
  await expect(menu(page).getByRole("link", { name: "API keys" })).toBeVisible();
  await expect(menu(page).getByRole("link", { name: "Audit log" })).toBeVisible();

  // Home for a hub administrator: their hub's programmes, drafts included.
  await expect(page).toHaveURL(/\/programmes\?hub=cheshire-and-wirral$/);
  await expect(page.getByLabel("Maths Hub")).toHaveValue("cheshire-and-wirral");
  await expect(draftOption(page)).toHaveCount(1);
  await expectNoSeriousViolations(page);
});

test("a hub administrator issues an API key, revokes it, and finds both in the audit log", async ({ page }) => {
  const name = uniqueName("Timetable sync");
  const nextYear = e2eNow().getUTCFullYear() + 1;
  await signIn(page, accounts.hubAdmin);
  await menu(page).getByRole("link", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  await expect(page).toHaveTitle("API keys – Maths Hubs Programmes");

  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("checkbox", { name: "Read programmes" }).check();
  await page.getByRole("checkbox", { name: "Read timetables" }).check();
  const expiry = page.getByRole("group", { name: "Expiry date (optional)" });
  await expiry.getByLabel("Day").fill("31");
  await expiry.getByLabel("Month").fill("12");
  await expiry.getByLabel("Year").fill(String(nextYear));
  await page.getByRole("button", { name: "Issue key" }).click();

  // The secret, once.
  const banner = page.getByRole("alert").filter({ hasText: `Key ‘${name}’ issued` });
  await expect(banner).toBeVisible();
  await expect(banner).toBeFocused();
  await expect(banner).toContainText("Copy it now: it will not be shown again.");
  const secret = (await banner.locator("code").innerText()).trim();
  expect(secret).toMatch(/^mh_[0-9a-f]+_\S{20,}$/);
  // The form is ready for the next key.
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("");

  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Read programmes");
  await expect(row).toContainText("Read timetables");
  await expect(row).toContainText("Cheshire and Wirral");
  await expect(row).toContainText(`31 December ${String(nextYear)}`);
  await expect(row).toContainText("Never");
  await expect(row).toContainText("Active");
  await expectNoSeriousViolations(page);

  // Not shown again: not after a reload, nor anywhere in the list.
  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText("Active");
  await expect(page.getByText(secret)).toHaveCount(0);
  await expect(page.getByText("Copy it now")).toHaveCount(0);

  // Revoke, after saying yes.
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  const question = page.getByRole("heading", { name: `Revoke ‘${name}’?` });
  await expect(question).toBeFocused();
  await expectNoSeriousViolations(page);
  await page.getByRole("button", { name: "Yes, revoke this key" }).click();
  await expect(page.getByRole("alert").filter({ hasText: `Key ‘${name}’ revoked` })).toBeVisible();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button")).toHaveCount(0);

  // The audit log says who did both.
  await menu(page).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  await page.getByLabel("Kind of record").selectOption({ label: "API key" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/resource_type=api_key/);
  await expect(page.getByRole("status")).toHaveText("Filters applied: kind of record: API key.");
  const created = page.getByRole("row").filter({ hasText: `Key name: (none) → ${name}` });
  await expect(created).toContainText(`Created: API key “${name}”`);
  await expect(created).toContainText(accounts.hubAdmin.name);
  await expect(created).toContainText("Hub administrator");
  await expect(created).toContainText(accounts.hubAdmin.email);
  await expect(created).toContainText("What it may do: (none) → programmes:read, timetable:read");
  const revoked = page.getByRole("row").filter({ hasText: `Revoked: API key “${name}”` });
  await expect(revoked).toContainText("Revoked: (none) →");
  // Whose changes: chosen from the people in the log, by name and role.
  await page.getByLabel("Who made the change").selectOption({ label: `${accounts.hubAdmin.name} (Hub administrator)` });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("status")).toHaveText(
    `Filters applied: kind of record: API key, who: ${accounts.hubAdmin.name} (Hub administrator).`,
  );
  await expect(revoked).toBeVisible();
  // Newest first: the revocation comes before the creation.
  const rows = await page.getByRole("row").allInnerTexts();
  expect(rows.findIndex((text) => text.includes(`Revoked: API key “${name}”`))).toBeLessThan(
    rows.findIndex((text) => text.includes(`Created: API key “${name}”`)),
  );
  await expectNoSeriousViolations(page);
});

test("the audit log's next page follows next_cursor", async ({ page }) => {
  // Ask the real API for pages of 3: the demo data alone has more changes than that.
  await page.route("**/api/v1/audit?*", (route) => {
    const url = new URL(route.request().url());
    url.searchParams.set("limit", "3");
    return route.continue({ url: url.toString() });
  });
  await signIn(page, accounts.hubAdmin);
  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { name: /^3 changes on this page/ })).toBeVisible();
  const firstPage = await page.getByRole("row").allInnerTexts();

  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(page.getByRole("link", { name: "First page" })).toBeVisible();
  await expect.poll(() => page.getByRole("row").allInnerTexts()).not.toEqual(firstPage);
});

test("issuing a key says what is wrong, in the page's words and then the API's", async ({ page }) => {
  await signIn(page, accounts.hubAdmin);
  await page.goto("/admin/api-keys");
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();

  // Nothing filled in: caught before asking the API.
  await page.getByRole("button", { name: "Issue key" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("There is a problem");
  await expect(summary.getByRole("link", { name: "Name: Enter a name for the key" })).toBeVisible();
  await expect(summary.getByRole("link", { name: "What it may do: Select what the key may do" })).toBeVisible();
  await expect(page).toHaveTitle(/^Error: API keys – /);

  // An expiry in the past: the API's problem, at the date input.
  await page.getByLabel("Name", { exact: true }).fill(uniqueName("Expired already"));
  await page.getByRole("checkbox", { name: "Read schools" }).check();
  const expiry = page.getByRole("group", { name: "Expiry date (optional)" });
  await expiry.getByLabel("Day").fill("1");
  await expiry.getByLabel("Month").fill("1");
  await expiry.getByLabel("Year").fill("2020");
  await page.getByRole("button", { name: "Issue key" }).click();
  const link = summary.getByRole("link", { name: "Expiry date: The expiry must be in the future" });
  await expect(link).toBeVisible();
  await expect(expiry).toContainText("Error: The expiry must be in the future");
  await expectNoSeriousViolations(page);
  await link.click();
  await expect(expiry.getByLabel("Day")).toBeFocused();
});

test("a school contact sees no admin pages", async ({ page }) => {
  await signIn(page, accounts.schoolContact);
  const header = page.getByRole("banner");
  await expect(header).toContainText("Sam Contact");
  await expect(header).toContainText("School contact");
  await expect(menu(page).getByRole("link", { name: "Programmes" })).toBeVisible();
  await expect(menu(page).getByRole("link", { name: "API keys" })).toHaveCount(0);
  await expect(menu(page).getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await expect(page.getByLabel("Status", { exact: true }).getByRole("option", { name: "Closed" })).toHaveCount(1);
  await expect(draftOption(page)).toHaveCount(0);

  for (const path of ["/admin/api-keys", "/admin/audit"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: "You cannot see this page" })).toBeVisible();
    await expect(page).toHaveTitle("You cannot see this page – Maths Hubs Programmes");
    await expect(page.getByText("You are signed in as Sam Contact, School contact.")).toBeVisible();
  }
  await expectNoSeriousViolations(page);
});

test("a visitor is asked to sign in for an admin page, and comes back to it", async ({ page }) => {
  await page.goto("/programmes");
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(page.getByLabel("Status", { exact: true }).getByRole("option", { name: "Closed" })).toHaveCount(1);
  await expect(draftOption(page)).toHaveCount(0);

  await page.goto("/admin/audit?resource_type=api_key");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expect(page.getByText("You need to sign in to see that page.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Forgotten your password?" })).toBeVisible();
  await expectNoSeriousViolations(page);

  await fillSignIn(page, accounts.hubAdmin);
  await expect(page).toHaveURL(/\/admin\/audit\?resource_type=api_key$/);
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
});

test("a wrong password shows the error summary", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page).toHaveTitle("Sign in – Maths Hubs Programmes");

  // Empty fields are caught on the page, without spending one of the account's attempts.
  await page.getByRole("button", { name: "Sign in" }).click();
  const summary = page.getByRole("alert");
  await expect(summary.getByRole("link", { name: "Enter your email address" })).toBeVisible();
  await expect(summary.getByRole("link", { name: "Enter your password" })).toBeVisible();

  await page.getByLabel("Email address").fill(accounts.specialist.email);
  await page.getByLabel("Password").fill("not the right password");
  await page.getByRole("button", { name: "Sign in" }).click();
  const refused = summary.getByRole("link", { name: "The email address or password is not right." });
  await expect(refused).toBeVisible();
  await expect(page).toHaveTitle("Error: Sign in – Maths Hubs Programmes");
  await expect(page.getByText("Error: The email address or password is not right.")).toBeVisible();
  await expect(page.getByRole("banner").getByRole("button", { name: "Sign out" })).toHaveCount(0);
  await expectNoSeriousViolations(page);
  await refused.click();
  await expect(page.getByLabel("Email address")).toBeFocused();

  // The right password then works, and a Mastery Specialist sees no admin pages either.
  await page.getByLabel("Password").fill(accounts.specialist.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("banner")).toContainText("Mo Specialist");
  await expect(page.getByRole("banner")).toContainText("Mastery Specialist");
  await expect(page).toHaveTitle("Programmes – Maths Hubs Programmes");
  await expect(menu(page).getByRole("link", { name: "API keys" })).toHaveCount(0);
});

test("signing out returns to the signed-out header", async ({ page }) => {
  await signIn(page, accounts.hubAdmin);
  await page.goto("/admin/api-keys");
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();

  const header = page.getByRole("banner");
  await header.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/programmes$/);
  await expect(page.getByRole("heading", { level: 1, name: "Programmes" })).toBeVisible();
  await expect(header.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(header.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  await expect(header).not.toContainText("Hana Admin");
  await expect(menu(page).getByRole("link", { name: "API keys" })).toHaveCount(0);

  // The session has ended on the server too.
  expect((await page.request.get("/api/v1/auth/me")).status()).toBe(401);
  await page.goto("/admin/api-keys");
  await expect(page).toHaveURL(/\/sign-in$/);
});
