import type { Page } from "@playwright/test";
import { accounts, signIn } from "./accounts";
import { expectNoSeriousViolations } from "./axe";
import {
  COMPLETED_GROUP,
  NEXT_YEAR_GROUP,
  openGroup,
  pageOverflow,
  sessionsOf,
  THIS_YEAR_GROUP,
} from "./workGroups";
import { expect, test } from "./test";

// The hub runs a group's year on the demo's groups of Cheshire and Wirral: planning next
// year's group's sessions, a refused completion of this year's running group, and the
// completed 2023-24 group, which has no programme of its hub to continue into. Only the
// planning test writes: it adds two sessions in next year's last half-term, after that
// group's first sessions, which work_groups.spec.ts reads.

const LEAD_SCHOOL = "St Bede’s Catholic Primary School";
const TITLE_END = " – Maths Hubs Programmes";

/** Fill in "Propose dates": two workshops in Summer 2. */
async function proposeTwoWorkshops(page: Page) {
  await page.getByLabel("Start time").fill("13:30");
  await page.getByLabel("End time").fill("15:30");
  await page.getByRole("group", { name: "Kind of session" }).getByLabel("Workshop").check();
  await page.getByLabel("Number of sessions (optional)").fill("2");
  await page.getByLabel("Summer 2").check();
  await page.getByRole("button", { name: "Propose dates" }).click();
}

test("a hub administrator plans next year's sessions: a proposal edited in a table, errors at the row, then created", async ({ page }) => {
  await signIn(page, accounts.hubAdmin);
  const groupId = await openGroup(page, NEXT_YEAR_GROUP);
  const before = await sessionsOf(page, groupId);

  await page.getByRole("link", { name: "Plan sessions" }).click();
  await expect(page).toHaveURL(`/work-groups/${String(groupId)}/plan`);
  await expect(page.getByRole("heading", { level: 1, name: "Plan sessions" })).toBeVisible();
  await expect(page).toHaveTitle(`Plan sessions${TITLE_END}`);
  await expectNoSeriousViolations(page);

  // Nothing given: the times are asked for, and the summary links to the field.
  await page.getByRole("button", { name: "Propose dates" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toContainText("Enter an end time");
  await expect(page).toHaveTitle(`Error: Plan sessions${TITLE_END}`);
  await summary.getByRole("link", { name: "Enter a start time" }).click();
  await expect(page.getByLabel("Start time")).toBeFocused();

  // The proposal: two sessions numbered on from the group's, each at the lead's school (the group has no members).
  await proposeTwoWorkshops(page);
  await expect(page.getByRole("heading", { level: 2, name: "Proposed dates" })).toBeFocused();
  await expect(page).toHaveTitle(`Plan sessions${TITLE_END}`);
  await expect(page.getByText("2 sessions, each a Workshop from 1:30pm to 3:30pm.")).toBeVisible();
  const rows = page.getByRole("table", { name: "The proposed sessions" }).getByRole("row");
  await expect(rows).toHaveCount(3);
  // Numbered among the group's sessions by date, as they will be once created.
  const second = Number(await rows.nth(2).getByRole("rowheader").textContent());
  const proposedDates = await Promise.all(
    [1, 2].map(async (index) => {
      const group = rows.nth(index).getByRole("group");
      const [day, month, year] = await Promise.all(
        ["Day", "Month", "Year"].map((label) => group.getByLabel(label).inputValue()),
      );
      return `${year ?? ""}-${(month ?? "").padStart(2, "0")}-${(day ?? "").padStart(2, "0")}`;
    }),
  );
  const earlier = before.filter((session) => session.date < (proposedDates[0] ?? "")).length;
  await expect(rows.nth(1).getByRole("rowheader")).toHaveText(String(earlier + 1));
  await expect(rows.nth(2)).toContainText("Summer 2");
  const host = page.getByLabel(`Host of session ${String(second)}`);
  await expect(host.locator("option:checked")).toHaveText(LEAD_SCHOOL);
  const date = page.getByRole("group", { name: `Date of session ${String(second)}` });
  const year = date.getByLabel("Year");
  const proposedYear = await year.inputValue();
  const proposedDay = await date.getByLabel("Day").inputValue();
  await expectNoSeriousViolations(page);

  // A date outside the academic year: the API's error is shown in the summary and at that row.
  await year.fill("2031");
  await page.getByRole("button", { name: "Confirm and create these sessions" }).click();
  await expect(summary).toContainText("The date must fall within");
  await expect(page).toHaveTitle(`Error: Plan sessions${TITLE_END}`);
  await expect(date).toContainText("Error: The date must fall within");
  await summary.getByRole("link", { name: /The date must fall within/ }).click();
  await expect(date.getByLabel("Day")).toBeFocused();
  expect(await sessionsOf(page, groupId)).toHaveLength(before.length);
  await expectNoSeriousViolations(page);

  // Not a real date: the page says so before asking the API.
  await date.getByLabel("Day").fill("32");
  await page.getByRole("button", { name: "Confirm and create these sessions" }).click();
  await expect(summary).toContainText(`The date of session ${String(second)} must be a real date`);

  // Put right, the sessions are created and the group's page says so.
  await date.getByLabel("Day").fill(proposedDay);
  await year.fill(proposedYear);
  await page.getByRole("button", { name: "Confirm and create these sessions" }).click();
  await expect(page).toHaveURL(`/work-groups/${String(groupId)}`);
  await expect(page.getByRole("alert").filter({ hasText: "2 sessions added" })).toBeVisible();
  await expect(page).toHaveTitle(`${NEXT_YEAR_GROUP}${TITLE_END}`);
  const table = page.getByRole("table", { name: "The group's sessions" });
  await expect(table.getByRole("row")).toHaveCount(before.length + 3);
  const after = await sessionsOf(page, groupId);
  // Every session numbered by date, the new ones where the planner said.
  const byDate = [...after].sort((a, b) => a.date.localeCompare(b.date) || a.start_time.localeCompare(b.start_time));
  expect(byDate.map((session) => session.number)).toEqual(after.map((_, index) => index + 1));
  const added = after.filter((session) => proposedDates.includes(session.date) && session.kind === "workshop");
  expect(added.map((session) => [session.number, session.kind, session.start_time, session.host_urn])).toEqual([
    [earlier + 1, "workshop", "13:30:00", "100001"],
    [second, "workshop", "13:30:00", "100001"],
  ]);
  expect(added[1]?.date.slice(0, 4)).toBe(proposedYear);
  await expectNoSeriousViolations(page);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test("the planner and its proposal fit the screen", async ({ page }) => {
    await signIn(page, accounts.hubAdmin);
    const groupId = await openGroup(page, NEXT_YEAR_GROUP);
    await page.goto(`/work-groups/${String(groupId)}/plan`);
    await proposeTwoWorkshops(page);
    await expect(page.getByRole("table", { name: "The proposed sessions" })).toBeVisible();
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    await expectNoSeriousViolations(page);
  });
});

test("completing a year with sessions to come is refused, in the error summary", async ({ page }) => {
  await signIn(page, accounts.hubAdmin);
  await openGroup(page, THIS_YEAR_GROUP);
  const section = page.getByRole("region", { name: "Complete the year" });
  await expect(section.getByRole("group", { name: "These schools stopped taking part (recorded as withdrawn)" })).toBeVisible();
  await expect(section).toContainText(/Warning\s*Completing the year writes each school's participation history\. You cannot undo this\./);
  await section.getByLabel("Willow Bank Primary School").check();
  await section.getByRole("button", { name: "Complete the year" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toContainText(/The group still has a session on \d{4}-\d{2}-\d{2}/);
  await expect(page).toHaveTitle(`Error: ${THIS_YEAR_GROUP}${TITLE_END}`);
  await expect(page.getByText("In progress")).toBeVisible();
  await expect(page.getByRole("region", { name: "Continue into next year" })).toHaveCount(0);
  await expectNoSeriousViolations(page);
});

test("continuing the completed group: the hub's programmes next year, and the API's refusal at the select", async ({ page }) => {
  await signIn(page, accounts.hubAdmin);
  await openGroup(page, COMPLETED_GROUP);
  await expect(page.getByRole("link", { name: "Plan sessions" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Complete the year" })).toHaveCount(0);
  const section = page.getByRole("region", { name: "Continue into next year" });
  const select = section.getByLabel("Next year's programme");
  await expect(section.getByLabel("Name of next year's group")).toHaveValue(COMPLETED_GROUP);
  await expectNoSeriousViolations(page);

  // No programme chosen: the summary links to the select.
  await section.getByRole("button", { name: "Continue into next year" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(page).toHaveTitle(`Error: ${COMPLETED_GROUP}${TITLE_END}`);
  await summary.getByRole("link", { name: "Select next year's programme" }).click();
  await expect(select).toBeFocused();

  // The hub's one programme in 2024/25 is a secondary one: the API's error is shown at the select.
  await select.selectOption({ label: "Secondary Teaching for Mastery – Sustaining" });
  await section.getByRole("button", { name: "Continue into next year" }).click();
  const refusal = "Secondary Sustaining does not follow Primary Development on the journey.";
  await expect(section.getByText(`Error: ${refusal}`)).toBeVisible();
  await summary.getByRole("link", { name: refusal }).click();
  await expect(select).toBeFocused();
  await expect(page.getByRole("heading", { level: 1, name: COMPLETED_GROUP })).toBeVisible();
  await expectNoSeriousViolations(page);
});

test("with no programme of its hub next year, the page says so rather than offering an empty choice", async ({ page }) => {
  await signIn(page, accounts.hubAdmin);
  await page.route("**/api/v1/programmes?*", (route) => route.fulfill({ json: { items: [], next_cursor: null } }));
  await openGroup(page, COMPLETED_GROUP);
  const section = page.getByRole("region", { name: "Continue into next year" });
  await expect(section).toContainText("There are no programmes of your hub in 2024/25 to continue into.");
  await expect(section.getByLabel("Next year's programme")).toHaveCount(0);
  await expect(section.getByRole("button", { name: "Continue into next year" })).toHaveCount(0);
});

test("a Mastery Specialist may not plan sessions or complete the year", async ({ page }) => {
  await signIn(page, accounts.specialist);
  const groupId = await openGroup(page, NEXT_YEAR_GROUP);
  await expect(page.getByRole("link", { name: "Plan sessions" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Complete the year" })).toHaveCount(0);
  await page.goto(`/work-groups/${String(groupId)}/plan`);
  await expect(page.getByRole("heading", { level: 1, name: "You cannot see this page" })).toBeVisible();
});
