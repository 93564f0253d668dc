import type { Page } from "@playwright/test";
import { accounts, signIn } from "./accounts";
import { expectNoSeriousViolations } from "./axe";
import { todayInLondon } from "./moment";
import { expect, test } from "./test";
import { openGroup, sessionsOf } from "./workGroups";

// The demo's year in motion for Cheshire and Wirral (api/services/demo_year.py), dated from the
// test moment: every state has a page to show. Nothing here writes.

/** The academic year `offset` years from the test moment's: "2027-28" and its label "2027/28". */
function academicYear(offset: number): { slug: string; label: string } {
  const [year, month] = todayInLondon().split("-").map(Number);
  const start = (month ?? 1) >= 9 ? (year ?? 0) + offset : (year ?? 0) - 1 + offset;
  const end = String((start + 1) % 100).padStart(2, "0");
  return { slug: `${String(start)}-${end}`, label: `${String(start)}/${end}` };
}

async function reviewOf(page: Page, title: string, year: string) {
  await page.goto(`/programmes?academic_year=${year}&phase=primary`);
  await page.getByRole("link", { name: title, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await page.getByRole("main").getByRole("link", { name: "Review applications" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Review applications" })).toBeVisible();
}

function row(page: Page, school: string) {
  return page.getByRole("row").filter({ hasText: school });
}

test("next year: the decided Embedding programme and the open Development programme's applications", async ({ page }) => {
  await signIn(page, accounts.hubAdmin);
  const next = academicYear(1).slug;

  await reviewOf(page, "Primary Mastery Embedding Programme", next);
  await expect(row(page, "Nantwich Riverside Primary School")).toContainText("Selected");
  await expect(row(page, "Poynton Brook Primary Academy")).toContainText("On the waiting list");
  await expect(row(page, "Malpas Meadows Primary School")).toContainText("Not selected");
  await expectNoSeriousViolations(page);

  await reviewOf(page, "Primary Mastery Development Programme", next);
  await expect(row(page, "Wallasey Dock Primary School")).toContainText("Submitted");
  await expect(row(page, "Sandbach Heath Primary Academy")).toContainText("Submitted");
  await expectNoSeriousViolations(page);

  // The group formed from the selected schools, its sessions ahead.
  const groupId = await openGroup(page, "Cheshire and Wirral Embedding Work Group");
  await expect(page.getByRole("table", { name: /schools$/ }).getByRole("link", { name: "Nantwich Riverside Primary School" })).toBeVisible();
  const planned = await sessionsOf(page, groupId);
  expect(planned.length).toBeGreaterThan(0);
  expect(planned.every((session) => session.date > todayInLondon())).toBe(true);
  await expectNoSeriousViolations(page);
});

test("last year's group completed and continued; this year's runs with its registers taken", async ({ page }) => {
  await signIn(page, accounts.hubAdmin);
  await openGroup(page, "West Cheshire Development Work Group");
  await expect(page.getByText("Completed on", { exact: false })).toBeVisible();
  await expectNoSeriousViolations(page);

  const groupId = await openGroup(page, "West Cheshire Embedding Work Group");
  const sessions = await sessionsOf(page, groupId);
  const first = sessions[0];
  if (!first || first.date >= todayInLondon()) throw new Error("The running group has no session behind it");
  await page.getByRole("link", { name: `Record attendance for session ${String(first.number)}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Record attendance" })).toBeVisible();
  // The register was taken: each participant's answer is chosen.
  const registers = page.getByRole("group");
  await expect(registers.first()).toBeVisible();
  const count = await registers.count();
  expect(count).toBeGreaterThan(1);
  await expect(page.getByRole("radio", { checked: true })).toHaveCount(count);
  await expectNoSeriousViolations(page);

  // The completed year is on the school's journey.
  await page.goto("/schools/100035");
  await expect(page.getByRole("heading", { level: 1, name: "Tarporley Fields Primary School" })).toBeVisible();
  // Its history (the applications table beside it names the year too).
  await expect(page.getByRole("row", { name: new RegExp(`^${academicYear(-1).label} Primary Development`) })).toBeVisible();
  await expectNoSeriousViolations(page);
});
