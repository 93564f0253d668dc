import type { Page } from "@playwright/test";
import { expectNoSeriousViolations } from "./axe";
import { expect, test } from "./test";

// A visitor, signed out: checking a school's eligibility needs no sign-in. Each test opens the
// programmes it needs from the catalogue, so none depends on another or on programme ids.

/** Open the one open primary programme of a stage from the catalogue. */
async function openProgramme(page: Page, stage: string, title: string) {
  await page.goto(`/programmes?status=open&phase=primary&stage=${stage}`);
  await page.getByRole("link", { name: title, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
}

function eligibilityPanel(page: Page) {
  return page.getByRole("region", { name: "Check your school's eligibility" });
}

async function check(page: Page, urn: string) {
  const panel = eligibilityPanel(page);
  await panel.getByLabel("School URN").fill(urn);
  await panel.getByRole("button", { name: "Check eligibility" }).click();
}

test("a school that did Development in 2019/20 may take part only once, and may apply for Sustaining", async ({
  page,
}) => {
  await openProgramme(page, "development", "Primary Mastery Development Programme");
  const urn = eligibilityPanel(page).getByLabel("School URN");
  await expect(urn).toHaveAttribute("inputmode", "numeric");
  await expect(urn).toHaveAccessibleDescription("6 digits, like 100001");

  await check(page, "100001");
  const refused = page.getByRole("region", { name: "This school cannot take part" });
  await expect(refused).toBeFocused();
  await expect(refused).toContainText("St Bede’s Catholic Primary School cannot take part");
  await expect(refused).toContainText("only once");
  const notMet = refused.getByRole("listitem").filter({ hasText: "Not met" });
  await expect(notMet).toHaveCount(1);
  await expect(notMet).toContainText("A school can take part in Primary Development only once; your school took part in 2019/20.");
  await expect(refused.getByRole("listitem").filter({ hasText: "Passed" }).first()).toBeVisible();
  await expect(refused.getByRole("listitem").filter({ hasText: "To be checked" }).first()).toBeVisible();
  await expect(page).toHaveTitle("Primary Mastery Development Programme – Maths Hubs Programmes");
  await expectNoSeriousViolations(page);

  await openProgramme(page, "sustaining", "Primary Mastery Sustaining Programme");
  // A new programme page starts with no result.
  await expect(page.getByRole("region", { name: /^This school/ })).toHaveCount(0);
  await check(page, "100001");
  const allowed = page.getByRole("region", { name: "This school may apply" });
  await expect(allowed).toBeFocused();
  await expect(allowed).toContainText("St Bede’s Catholic Primary School");
  await expect(allowed.getByRole("listitem").filter({ hasText: "Not met" })).toHaveCount(0);
  await expect(allowed.getByRole("listitem").filter({ hasText: "Passed" })).toContainText([
    "Your school took part in Primary Development in 2019/20.",
  ]);
  await expectNoSeriousViolations(page);
});

test("an independent school is told the programme is for state-funded schools", async ({ page }) => {
  await openProgramme(page, "development", "Primary Mastery Development Programme");
  await check(page, "100003");
  const refused = page.getByRole("region", { name: "This school cannot take part" });
  await expect(refused).toContainText("Hilltop Preparatory School cannot take part");
  await expect(refused.getByRole("listitem").filter({ hasText: "Not met" })).toContainText(
    "This programme is for state-funded schools in England",
  );
});

test("a URN that is not 6 digits, or not in the register, is shown as an error at the field", async ({ page }) => {
  await openProgramme(page, "sustaining", "Primary Mastery Sustaining Programme");
  const checks: string[] = [];
  page.on("request", (request) => {
    if (request.url().endsWith("/eligibility")) checks.push(request.postData() ?? "");
  });

  // Caught on the page, before asking the API.
  await check(page, "12345");
  const summary = page.getByRole("alert");
  const link = summary.getByRole("link", { name: "Enter a URN with 6 digits, like 100001" });
  await expect(link).toBeVisible();
  await expect(page).toHaveTitle("Error: Primary Mastery Sustaining Programme – Maths Hubs Programmes");
  await expect(eligibilityPanel(page)).toContainText("Error: Enter a URN with 6 digits, like 100001");
  expect(checks).toEqual([]);
  await link.click();
  await expect(eligibilityPanel(page).getByLabel("School URN")).toBeFocused();

  // The API's words for a URN it does not know.
  await check(page, "999999");
  await expect(summary.getByRole("link", { name: /^There is no school with URN 999999 in the register/ })).toBeVisible();
  await expect(eligibilityPanel(page)).toContainText("Error: There is no school with URN 999999 in the register");
  expect(checks).toEqual(['{"urn":"999999"}']);
  await expectNoSeriousViolations(page);

  // Put right, the error goes and the result comes.
  await check(page, "100001");
  await expect(page.getByRole("region", { name: "This school may apply" })).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expect(page).toHaveTitle("Primary Mastery Sustaining Programme – Maths Hubs Programmes");
});
