import type { Page } from "@playwright/test";
import { accounts, signIn } from "./accounts";
import { expectNoSeriousViolations } from "./axe";
import { signPath, waitForEmail } from "./mail";
import { e2eNow, todayInLondon } from "./moment";
import { expect, test } from "./test";
import { openGroup, pageOverflow, sessionsOf, THIS_YEAR_GROUP } from "./workGroups";

// From selection to the group, and registers by those who run them. The hub's programme and
// its application are made through the API (the applications tests walk that part in the
// browser); forming the group, changing its members and taking a register are done in pages.

const RUN = Date.now().toString(36);
const PROGRAMME = `Wirral Maths Development ${RUN}`;
const SCHOOL = "100043"; // Moreton Green Primary School: kept out of the demo for this test
const address = (who: string) => `${who}.${RUN}@forming.example`;
const headTeacher = { name: "Hilda Head", email: address("head") };
const teachers = [
  { name: "Tamsin Teacher", email: address("tamsin"), role: "teacher" },
  { name: "Theo Teacher", email: address("theo"), role: "teacher" },
];
const COMMITMENT = "Two teachers attend six half-day meetings.";

function menu(page: Page) {
  return page.getByRole("navigation", { name: "Menu" });
}

function isoDay(offsetDays: number): string {
  return new Date(e2eNow().getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

async function csrfHeaders(page: Page): Promise<Record<string, string>> {
  const me = await page.request.get("/api/v1/auth/me");
  const { csrf_token } = (await me.json()) as { csrf_token: string };
  return { "X-CSRF-Token": csrf_token };
}

/** An open programme of the hub with one submitted application, everyone named having confirmed. */
async function programmeWithAnApplication(page: Page): Promise<number> {
  const headers = await csrfHeaders(page);
  const created = await page.request.post("/api/v1/programmes", {
    headers,
    data: {
      hub_id: "cheshire-and-wirral",
      academic_year: "2027-28",
      title: PROGRAMME,
      stage: "development",
      phase: "primary",
      audience: "schools",
      summary: "A year alongside a Mastery Specialist.",
      who_can_take_part: "State-funded primary schools in the hub's area.",
      applications_open_on: isoDay(-7),
      closing_date: isoDay(40),
      milestones: [{ kind: "closing", date: isoDay(40) }],
      capacity: { places: 7, unit: "schools" },
      commitments: [COMMITMENT],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const programme = (await created.json()) as { id: number };
  const read = await page.request.get(`/api/v1/programmes/${String(programme.id)}`);
  const opened = await page.request.patch(`/api/v1/programmes/${String(programme.id)}`, {
    headers: { ...headers, "If-Match": read.headers().etag ?? "" },
    data: { status: "open" },
  });
  expect(opened.status(), await opened.text()).toBe(200);

  const drafted = await page.request.post("/api/v1/applications", {
    headers,
    data: {
      programme_id: programme.id,
      urn: SCHOOL,
      head_teacher: headTeacher,
      participants: teachers,
      statement: "We want every class to reason about number.",
    },
  });
  expect(drafted.status(), await drafted.text()).toBe(201);
  const application = (await drafted.json()) as { id: number };
  const asked = await page.request.post(`/api/v1/applications/${String(application.id)}/signature-requests`, {
    headers,
  });
  expect(asked.status(), await asked.text()).toBe(200);
  for (const person of [headTeacher, ...teachers]) {
    const message = await waitForEmail(person.email, (m) => m.subject.includes(PROGRAMME));
    const token = signPath(message).split("/").at(-1) ?? "";
    const confirmed = await page.request.post(`/api/v1/signatures/${token}/confirm`, {
      data: { commitments: [COMMITMENT] },
    });
    expect(confirmed.status(), await confirmed.text()).toBe(200);
  }
  const submitted = await page.request.post(`/api/v1/applications/${String(application.id)}/submit`, { headers });
  expect(submitted.status(), await submitted.text()).toBe(200);
  return programme.id;
}

test("the hub forms the Work Group from the selected schools on the review page, then changes its members", async ({
  page,
}) => {
  await signIn(page, accounts.hubAdmin);
  const programmeId = await programmeWithAnApplication(page);

  await page.goto(`/admin/applications?programme=${String(programmeId)}`);
  await expect(page.getByRole("heading", { level: 1, name: "Review applications" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: SCHOOL });
  await row.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Select", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "1 selected." })).toBeVisible();

  const section = page.getByRole("region", { name: "Work Group" });
  await expect(section.getByRole("heading", { name: "Form a Work Group from the selected schools" })).toBeVisible();
  await expect(section).toContainText("1 selected school in no group yet");
  await expectNoSeriousViolations(page);

  // The lead is chosen by name; forgetting is an error at the field.
  await section.getByRole("button", { name: "Form the Work Group" }).click();
  await expect(section.getByRole("alert")).toContainText("Choose the lead Mastery Specialist");
  await section.getByLabel("Lead Mastery Specialist").selectOption({ label: "Mo Specialist" });
  const name = `Wirral Forming Group ${RUN}`;
  await section.getByLabel("Name of the group").fill(name);
  await section.getByRole("button", { name: "Form the Work Group" }).click();

  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText(`${name} formed`)).toBeVisible();
  await expect(page.getByText("1 school and 2 participants joined from the selection.")).toBeVisible();
  const participants = page.getByRole("table", { name: /participants/ });
  await expect(participants).toContainText("Tamsin Teacher");
  await expect(participants).toContainText("Theo Teacher");
  await expect(page.getByRole("table", { name: /school/ }).first()).toContainText(SCHOOL);
  await expectNoSeriousViolations(page);

  // Hub staff take a participant out, and add them back.
  const members = page.getByRole("region", { name: "Change the members" });
  await members.getByLabel("Participant").selectOption({ label: `Theo Teacher, ${await schoolName(page)}` });
  await members.getByRole("button", { name: "Remove participant" }).click();
  await expect(members.getByRole("status")).toHaveText("Theo Teacher removed");
  await expect(participants).not.toContainText("Theo Teacher");
  await members.getByLabel("Their school").selectOption(SCHOOL);
  await members.getByLabel("Teacher", { exact: true }).selectOption({ label: "Theo Teacher" });
  await members.getByRole("button", { name: "Add participant" }).click();
  await expect(members.getByRole("status")).toHaveText("Theo Teacher added");
  await expect(participants).toContainText("Theo Teacher");

  // Back on the review page, the programme's group is linked and nothing is left to form.
  await page.goto(`/admin/applications?programme=${String(programmeId)}`);
  await expect(page.getByRole("region", { name: "Work Group" }).getByRole("link", { name })).toBeVisible();
  await expect(page.getByRole("button", { name: "Form the Work Group" })).toHaveCount(0);
});

async function schoolName(page: Page): Promise<string> {
  const cell = page.getByRole("table", { name: /school/ }).first().getByRole("link").first();
  return (await cell.textContent()) ?? "";
}

test.describe("on a phone", () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test("the lead finds their group from the menu and takes a register: everyone present, then adjusted", async ({
    page,
  }) => {
    await signIn(page, accounts.specialist);
    // The menu collapses or not: the link to their groups is there either way.
    const toggle = page.getByRole("button", { name: /menu/i });
    if (await toggle.isVisible()) await toggle.click();
    await menu(page).getByRole("link", { name: "My groups" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const groupId = await openGroup(page, THIS_YEAR_GROUP);
    const today = todayInLondon();
    const sessions = await sessionsOf(page, groupId);
    const past = sessions.filter((s) => s.status === "scheduled" && s.date < today);
    const last = past.at(-1);
    if (!last) throw new Error(`No session of ${THIS_YEAR_GROUP} before ${today}`);

    await page.getByRole("link", { name: `Record attendance for session ${String(last.number)}` }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Record attendance" })).toBeVisible();
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    await page.getByRole("button", { name: "Mark everyone present" }).click();
    const groups = page.getByRole("group");
    const count = await groups.count();
    expect(count).toBeGreaterThan(1);
    for (let index = 0; index < count; index += 1) {
      await expect(groups.nth(index).getByLabel("Present", { exact: true })).toBeChecked();
    }
    await groups.first().getByLabel("Absent with apologies").check();
    await expectNoSeriousViolations(page);
    await page.getByRole("button", { name: "Save attendance" }).click();
    const banner = page.getByRole("alert").filter({ hasText: "Attendance saved" });
    await expect(banner).toContainText(`${String(count - 1)} present, 1 absent with apologies`);

    await banner.getByRole("link", { name: /Go back to/ }).click();
    // At 375px the table reads as stacked rows: the row is found by its own link.
    const row = page
      .getByRole("row")
      .filter({ has: page.getByRole("link", { name: `Record attendance for session ${String(last.number)}` }) });
    await expect(row).toContainText(`Taken: ${String(count - 1)} present`);

    // A session still to come: only apologies may be recorded ahead.
    const next = sessions.find((s) => s.status === "scheduled" && s.date > today);
    if (next) {
      await page.goto(`/sessions/${String(next.id)}/attendance`);
      await expect(page.getByText("This session has not started yet.")).toBeVisible();
      await expect(page.getByRole("button", { name: "Mark everyone present" })).toHaveCount(0);
      await page.getByRole("group").first().getByLabel("Present", { exact: true }).check();
      await page.getByRole("button", { name: "Save apologies" }).click();
      await expect(page.getByRole("alert")).toContainText("has not started yet");
    }
  });
});
