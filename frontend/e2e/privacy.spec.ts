// Personal data, as a hub administrator: record a subject access request and download the
// person's records, erase the person; and the footer's privacy, cookies and accessibility
// pages. On a phone (375 px) and a desktop (1280 px), with axe on every page.
import type { Page } from "@playwright/test";
import { accounts, signIn } from "./accounts";
import { expectNoSeriousViolations } from "./axe";
import { expect, test } from "./test";

const WIDTHS = [375, 1280];

/** A person of the administrator's hub, made for this run (the API, as the SPA calls it). */
async function newPerson(page: Page, name: string, email: string): Promise<void> {
  const me = await page.request.get("/api/v1/auth/me");
  const { csrf_token: csrf } = (await me.json()) as { csrf_token: string };
  const created = await page.request.post("/api/v1/people", {
    data: { name, email, roles: ["teacher"] },
    headers: { "X-CSRF-Token": csrf },
  });
  expect(created.status()).toBe(201);
}

for (const width of WIDTHS) {
  test(`answer a subject access request and erase a person at ${String(width)} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await signIn(page, accounts.hubAdmin);
    const stamp = `${String(width)}${String(Date.now())}`;
    const name = `Priya Privacy ${stamp}`;
    const email = `priya.${stamp}@school.example`;
    await newPerson(page, name, email);

    await page.goto("/admin/audit");
    await page.getByRole("link", { name: "People", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
    await page.getByLabel("Name or email").fill(email);
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByRole("link", { name }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expectNoSeriousViolations(page);

    await page.getByRole("button", { name: "Record a subject access request" }).click();
    await expect(page.getByRole("alert")).toContainText("Subject access request recorded");
    await page.getByRole("link", { name: "Download their records from the list of requests" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Subject access requests" })).toBeVisible();
    await expectNoSeriousViolations(page);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: `Download records of ${name}` }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^subject-access-\d+-person-\d+\.zip$/);
    await expect(page.getByRole("alert")).toContainText("Records downloaded");
    await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("Answered");

    await page.getByRole("link", { name }).first().click();
    await page.getByRole("button", { name: "Erase this person" }).click();
    await page.getByRole("button", { name: `Yes, erase ${name}` }).click();
    await expect(page.getByRole("alert")).toContainText("Person erased");
    await expect(page.getByRole("heading", { level: 1, name: "Erased person" })).toBeVisible();
    await expect(page.getByRole("main")).not.toContainText(email);
    await expectNoSeriousViolations(page);
  });

  test(`the footer's privacy, cookies and accessibility pages at ${String(width)} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    const pages: [string, string][] = [
      ["Privacy", "Privacy notice"],
      ["Cookies", "Cookies"],
      ["Accessibility", "Accessibility statement"],
    ];
    for (const [link, heading] of pages) {
      await page.goto("/programmes");
      await page.getByRole("contentinfo").getByRole("link", { name: link, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expectNoSeriousViolations(page);
    }
    await expect(page.getByRole("contentinfo")).toBeVisible();
    await page.goto("/cookies");
    await expect(page.getByRole("cell", { name: "mh_session" })).toBeVisible();
  });
}
