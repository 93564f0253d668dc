import type { Page } from "@playwright/test";
import { accounts, signIn } from "./accounts";
import { expectNoSeriousViolations } from "./axe";
import { waitForEmail } from "./mail";
import { expect, test } from "./test";

// Hummersknott Academy (URN 100022, secondary, Archimedes NE) checks before it applies: a
// primary programme refuses it before it starts; the hub's secondary Development Work Group
// lets it start, with a reference to quote; it deletes that draft, starts again, submits, and
// withdraws. Addresses are new on each run, so that an old email never answers for this run's.

const PRIMARY = "Primary Mastery Development Programme";
const SECONDARY = "Secondary Teaching for Mastery – Development Work Group";
const SCHOOL = "Hummersknott Academy";
const run = Date.now().toString(36);
const address = (who: string) => `${who}.${run}@hummersknott.example`;
const REFERENCE = /^[A-Z0-9]+(?:-[0-9]+)?-\d{4}$/;

async function openProgramme(page: Page, title: string) {
  await page.goto("/programmes?status=open");
  await page.getByRole("link", { name: title, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
}

/** The answers, the signatures (from the emailed links) and the submission, through the API the SPA calls. */
async function completeAndSubmit(page: Page, id: string) {
  const csrf = await page.evaluate(async () => {
    const me = (await (await fetch("/api/v1/auth/me")).json()) as { csrf_token: string };
    return me.csrf_token;
  });
  const headers = { "X-CSRF-Token": csrf };
  const url = `/api/v1/applications/${id}`;
  const read = await page.request.get(url);
  const people = {
    head_teacher: { name: "Hal Head", email: address("head") },
    head_of_department: { name: "Dee Dept", email: address("hod") },
    participants: [{ name: "Tess Teacher", email: address("tess"), role: "teacher", year_groups: ["Year 7"] }],
    statement: "We want our department to teach for mastery.",
  };
  const saved = await page.request.patch(url, {
    headers: { ...headers, "If-Match": read.headers().etag ?? "" },
    data: people,
  });
  expect(saved.status()).toBe(200);
  expect((await page.request.post(`${url}/signature-requests`, { headers })).status()).toBe(200);
  for (const who of ["head", "hod", "tess"]) {
    const email = await waitForEmail(address(who), (m) => m.subject.includes(SECONDARY));
    expect(email.text).toMatch(/Application reference: [A-Z0-9-]+-\d{4}/);
    const token = /\/sign\/([A-Za-z0-9_-]+)/.exec(email.text)?.[1] ?? "";
    const page_ = (await (await page.request.get(`/api/v1/signatures/${token}`)).json()) as { commitments: string[] };
    const confirmed = await page.request.post(`/api/v1/signatures/${token}/confirm`, {
      data: { commitments: page_.commitments },
    });
    expect(confirmed.status()).toBe(200);
  }
  const submitted = await page.request.post(`${url}/submit`, { headers });
  expect(submitted.status(), await submitted.text()).toBe(200);
}

test("the hub's staff see each programme's applications submitted, places filled and waiting list", async ({ page }) => {
  await signIn(page, accounts.archimedesAdmin);
  await page.goto("/admin/applications");
  await expect(page.getByRole("heading", { level: 1, name: "Review applications" })).toBeVisible();
  for (const column of ["Submitted", "Places filled", "Waiting list"]) {
    await expect(page.getByRole("columnheader", { name: column })).toBeVisible();
  }
  const row = page.getByRole("row").filter({ hasText: SECONDARY });
  await expect(row.getByRole("cell").last()).toHaveText(/^\d+$/);
  await expectNoSeriousViolations(page);

  // The catalogue says the same beside each of the hub's programmes; a visitor sees none of it.
  await page.goto("/programmes?status=open&phase=secondary");
  const listed = page.getByRole("row").filter({ hasText: SECONDARY });
  await expect(listed).toContainText(/\d+ submitted, \d+ of \d+ places? filled|\d+ submitted, \d+ selected/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.goto("/programmes?status=open&phase=secondary");
  await expect(page.getByRole("row").filter({ hasText: SECONDARY })).not.toContainText("submitted");
});

test("a school checks before it applies, quotes its reference, deletes a draft and withdraws", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, accounts.hummersknottContact);

  // A primary programme: the school sees why it cannot take part, and no start button.
  await openProgramme(page, PRIMARY);
  await expect(page.getByRole("heading", { name: "Your school cannot apply" })).toBeVisible();
  await expect(page.getByText(`${SCHOOL} cannot take part in`).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Start an application" })).toHaveCount(0);
  await expectNoSeriousViolations(page);

  // The secondary Development Work Group: it may apply; what is left is checked on the form.
  await openProgramme(page, SECONDARY);
  await expect(page.getByRole("heading", { name: "Your school can apply" })).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.getByRole("button", { name: "Start an application" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Apply for ${SECONDARY}` })).toBeVisible();
  const first = (await page.getByText("Your reference:").locator("strong").textContent()) ?? "";
  expect(first).toMatch(REFERENCE);
  await expect(page.getByRole("heading", { name: "What we check when you submit" })).toBeVisible();
  await expect(page.getByText(/Everyone named has confirmed the commitments/)).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: /^It is submitted by 11:59pm on .*, the closing date\.$/ })).toBeVisible();
  await expectNoSeriousViolations(page);

  // Delete the draft, after saying so.
  await page.getByRole("link", { name: "Delete this draft" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Are you sure you want to delete your draft application?" }),
  ).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.getByRole("link", { name: "No, keep it" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Apply for ${SECONDARY}` })).toBeVisible();
  await page.getByRole("link", { name: "Delete this draft" }).click();
  await page.getByRole("button", { name: "Yes, delete the draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My applications" })).toBeVisible();
  await expect(page.getByRole("alert")).toContainText("Your draft application has been deleted");
  await expect(page.getByRole("alert")).toContainText(first);
  await expect(page.getByRole("row").filter({ hasText: first })).toHaveCount(0);

  // Start again: a new reference; answers, signatures and submission, then withdraw.
  await openProgramme(page, SECONDARY);
  await page.getByRole("button", { name: "Start an application" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Apply for ${SECONDARY}` })).toBeVisible();
  const second = (await page.getByText("Your reference:").locator("strong").textContent()) ?? "";
  expect(second).toMatch(REFERENCE);
  expect(second).not.toBe(first);
  const id = /\/applications\/(\d+)$/.exec(new URL(page.url()).pathname)?.[1] ?? "";
  await completeAndSubmit(page, id);

  await page.goto("/applications");
  const row = page.getByRole("row").filter({ hasText: second });
  await expect(row).toContainText("Submitted");
  await row.getByRole("link", { name: SECONDARY }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Application for ${SECONDARY}` })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(second);
  await expect(page.getByRole("main")).toContainText("Archimedes NE");
  await page.getByRole("link", { name: "Withdraw this application" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Are you sure you want to withdraw this application?" }),
  ).toBeVisible();
  await page.getByLabel("Why are you withdrawing? (optional)").fill("Our staffing has changed.");
  await expectNoSeriousViolations(page);
  await page.getByRole("button", { name: "Yes, withdraw the application" }).click();
  await expect(page.getByRole("alert")).toContainText(`Application ${second} has been withdrawn`);
  await expect(page.getByRole("main")).toContainText("Withdrawn");
  await expect(page.getByRole("link", { name: "Withdraw this application" })).toHaveCount(0);

  // The school's own page lists it, with its status and reference.
  await page.getByRole("link", { name: "My school" }).click();
  await expect(page.getByRole("heading", { level: 1, name: SCHOOL })).toBeVisible();
  const listed = page.getByRole("row").filter({ hasText: second });
  await expect(listed).toContainText("Withdrawn");
  await expect(listed).toContainText(SECONDARY);
  await expectNoSeriousViolations(page);
});
