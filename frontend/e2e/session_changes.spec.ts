import type { Page } from "@playwright/test";
import { accounts, signIn } from "./accounts";
import { expectNoSeriousViolations } from "./axe";
import { waitForEmail, type Email } from "./mail";
import { openGroup, sessionsOf, type ApiSession } from "./workGroups";
import { expect, test } from "./test";

// Sessions change and people are told, on the demo's Darlington Secondary Development Work
// Group (Archimedes NE, next year): its sessions meet at Carmel Academy, the lead's school, so
// Carmel's school contact is emailed each notice. No other spec reads this group.
const GROUP = "Darlington Secondary Development Work Group";
const HOST_CONTACT = accounts.carmelContact.email;

/** "2028-06-17" → "Saturday 17 June 2028", as the pages say dates. */
function longDate(iso: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  })
    .format(new Date(`${iso}T00:00:00Z`))
    .replace(",", "");
}

/** The first Saturday on or after 10 June of the year: always in the Summer 2 half-term. */
function juneSaturday(year: number): string {
  const day = new Date(Date.UTC(year, 5, 10));
  day.setUTCDate(day.getUTCDate() + ((6 - day.getUTCDay() + 7) % 7));
  return day.toISOString().slice(0, 10);
}

function invitation(email: Email) {
  const [attached] = email.attachments ?? [];
  expect(attached?.content_type).toBe("text/calendar");
  return attached ?? { filename: null, content_type: "", method: null, content: "" };
}

/** The feed's SEQUENCE for one session: the public timetable of the group. */
async function feedSequence(page: Page, groupId: number, sessionId: number): Promise<number> {
  const feed = await (await page.request.get(`/api/v1/timetable.ics?work_group=${String(groupId)}`)).text();
  const event = feed.split("BEGIN:VEVENT").find((block) => block.includes(`UID:session-${String(sessionId)}@mathshubs`));
  return Number(/SEQUENCE:(\d+)/.exec(event ?? "")?.[1] ?? -1);
}

async function changePage(page: Page, session: ApiSession) {
  await page.getByRole("link", { name: `Change or cancel session ${String(session.number)}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(`^Session ${String(session.number)}:`) })).toBeVisible();
  await expectNoSeriousViolations(page);
}

test("the planner refuses a Saturday until the hub confirms it", async ({ page }) => {
  await signIn(page, accounts.archimedesAdmin);
  const groupId = await openGroup(page, GROUP);
  const before = await sessionsOf(page, groupId);

  await page.getByRole("link", { name: "Plan sessions" }).click();
  // The planner shows the sessions the group already has, numbered by date.
  const existing = page.getByRole("table", { name: "The group's sessions" });
  await expect(existing.getByRole("row")).toHaveCount(before.length + 1);
  await expect(existing.getByRole("row").nth(1).getByRole("rowheader")).toHaveText("1");
  await expectNoSeriousViolations(page);

  await page.getByLabel("Start time").fill("13:00");
  await page.getByLabel("End time").fill("15:00");
  await page.getByLabel("Number of sessions (optional)").fill("1");
  await page.getByLabel("Summer 2").check();
  await page.getByRole("button", { name: "Propose dates" }).click();
  const proposed = page.getByRole("table", { name: "The proposed sessions" });
  await expect(proposed.getByRole("row").nth(1).getByRole("rowheader")).toHaveText(String(before.length + 1));
  const date = proposed.getByRole("group", { name: /^Date of session/ });
  const saturday = juneSaturday(Number(await date.getByLabel("Year").inputValue()));
  const [year, month, day] = saturday.split("-");
  await date.getByLabel("Day").fill(String(Number(day)));
  await date.getByLabel("Month").fill(String(Number(month)));
  await date.getByLabel("Year").fill(year ?? "");
  await page.getByRole("button", { name: "Confirm and create these sessions" }).click();

  const question = page.getByRole("region", { name: "Not a school day" });
  await expect(question.getByRole("heading", { name: "This is a Saturday: plan it anyway?" })).toBeVisible();
  await expect(question).toContainText(`${longDate(saturday)} is a Saturday.`);
  expect(await sessionsOf(page, groupId)).toHaveLength(before.length);
  await expectNoSeriousViolations(page);

  await question.getByRole("button", { name: "Yes, plan it anyway" }).click();
  await expect(page).toHaveURL(`/work-groups/${String(groupId)}`);
  await expect(page.getByRole("alert").filter({ hasText: "1 session added" })).toBeVisible();
  const after = await sessionsOf(page, groupId);
  expect(after.map((session) => session.date)).toContain(saturday);
});

test("the hub moves a session and cancels another; the host school gets each notice with its invitation", async ({ page }) => {
  await signIn(page, accounts.archimedesAdmin);
  const groupId = await openGroup(page, GROUP);
  const [first, second] = (await sessionsOf(page, groupId)).filter((session) => session.status === "scheduled");
  if (!first || !second) throw new Error(`${GROUP} has too few sessions`);
  const sequence = await feedSequence(page, groupId, first.id);

  // Move the first session half an hour later.
  await changePage(page, first);
  await page.getByLabel("Start time").fill("13:30");
  await page.getByRole("button", { name: "Save and tell everyone" }).click();
  await expect(page.getByRole("alert").filter({ hasText: `Session ${String(first.number)} changed` })).toBeVisible();
  const emails = page.getByRole("table", { name: "Emails about this session" });
  const row = emails.getByRole("row").filter({ hasText: HOST_CONTACT });
  // Shown as it is: waiting until the mail server takes it, then sent.
  await expect(row).toContainText(/Waiting to send|Sent/);
  await expect(row).toContainText("Sent", { timeout: 20_000 });
  await expect(page.getByRole("status").filter({ hasText: /emails? sent/ })).toBeVisible();
  await expectNoSeriousViolations(page);

  const moved = await waitForEmail(HOST_CONTACT, (email) => email.subject.startsWith("Changed:"));
  expect(moved.text).toContain("Time: was 1pm to 4:30pm, now 1:30pm to 4:30pm");
  const request = invitation(moved);
  expect(request.method).toBe("REQUEST");
  expect(request.content).toContain("METHOD:REQUEST");
  expect(request.content).toContain(`UID:session-${String(first.id)}@mathshubs`);
  expect(request.content).toContain(`SEQUENCE:${String(sequence + 1)}`);
  expect(await feedSequence(page, groupId, first.id)).toBe(sequence + 1);

  // A Saturday is questioned here too; the person chooses another date instead.
  const saturday = juneSaturday(Number(first.date.slice(0, 4)));
  const [year, month, day] = saturday.split("-");
  const date = page.getByRole("group", { name: "Date" });
  await date.getByLabel("Day").fill(String(Number(day)));
  await date.getByLabel("Month").fill(String(Number(month)));
  await date.getByLabel("Year").fill(year ?? "");
  await page.getByRole("button", { name: "Save and tell everyone" }).click();
  const question = page.getByRole("region", { name: "Not a school day" });
  await expect(question.getByRole("heading", { name: "This is a Saturday: plan it anyway?" })).toBeVisible();
  await question.getByRole("button", { name: "No, choose another date" }).click();
  await expect(question).toHaveCount(0);
  expect(await feedSequence(page, groupId, first.id)).toBe(sequence + 1);

  // Cancel the second with a reason.
  await page.getByRole("link", { name: `Back to ${GROUP}` }).click();
  await changePage(page, second);
  await page.getByRole("button", { name: "Cancel this session" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Enter why the session is cancelled" })).toBeVisible();
  await page.getByLabel("Why is it cancelled?").fill("The hall is needed for exams");
  await page.getByRole("button", { name: "Cancel this session" }).click();
  await expect(page.getByRole("alert").filter({ hasText: `Session ${String(second.number)} cancelled` })).toBeVisible();
  await expect(page.getByText("The reason given: The hall is needed for exams")).toBeVisible();
  await expect(page.getByRole("table", { name: "Emails about this session" }).getByRole("row").filter({ hasText: HOST_CONTACT })).toContainText(
    "Sent",
    { timeout: 20_000 },
  );
  await expectNoSeriousViolations(page);

  const cancelled = await waitForEmail(HOST_CONTACT, (email) => email.subject.startsWith("Cancelled:"));
  expect(cancelled.text).toContain("The reason given: The hall is needed for exams");
  const cancel = invitation(cancelled);
  expect(cancel.method).toBe("CANCEL");
  expect(cancel.content).toContain("METHOD:CANCEL");
  expect(cancel.content).toContain(`UID:session-${String(second.id)}@mathshubs`);

  // The group's page shows it struck out, with no link to change it.
  await page.getByRole("link", { name: `Back to ${GROUP}` }).click();
  const rows = page.getByRole("table", { name: "The group's sessions" }).getByRole("row");
  await expect(rows.filter({ hasText: "Cancelled" })).toHaveCount(1);
  await expect(page.getByRole("link", { name: `Change or cancel session ${String(second.number)}` })).toHaveCount(0);
});
