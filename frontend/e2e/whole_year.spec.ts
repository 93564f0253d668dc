import type { Browser, BrowserContext, Page } from "@playwright/test";
import { accounts, signIn, type Account } from "./accounts";
import { expectNoSeriousViolations } from "./axe";
import { parseCalendar } from "./ical";
import { signPath, waitForEmail, type Email } from "./mail";
import { backToTheTestMoment, timePasses } from "./moment";
import { atTestMoment, expect, test } from "./test";
import { pageOverflow, sessionsOf, type ApiSession } from "./workGroups";

// One whole year of a hub, through the pages alone: the only other hands read the test SMTP
// server's mail (for the signature links and the notices) and let time pass (the server's
// clock file and the browsers' clocks, e2e/moment.ts). Cheshire and Wirral publishes a Primary
// Development programme for 2027/28; St Bede's (which completed Development) is stopped before
// it starts; Ellesmere Port Primary School (100044, untouched by the demo) applies, is selected
// and becomes the Work Group with its two teachers; the sessions are planned, two registers
// taken on a phone, one session moved and another cancelled; the year completes into the
// school's journey and the group continues into Embedding.

const RUN = Date.now().toString(36);
const TITLE = `Ellesmere Port Development ${RUN}`;
const EMBEDDING = `Ellesmere Port Embedding ${RUN}`;
const GROUP = `Ellesmere Port Work Group ${RUN}`;
const SCHOOL = "Ellesmere Port Primary School";
const HUB_NAME = "Cheshire and Wirral";
const address = (who: string) => `${who}.${RUN}@ellesmere.example`;
const headTeacher = { name: "Harriet Holt", email: address("head") };
const teachers = [
  { name: "Tariq Thompson", email: address("tariq") },
  { name: "Tegan Thomas", email: address("tegan") },
];
const STATEMENT = "We want every class to reason about number, and our two teachers to lead that work.";

function reportServerErrors(page: Page) {
  page.on("response", (response) => {
    if (response.status() >= 500) {
      console.error(`Server error: ${response.request().method()} ${response.url()} answered ${String(response.status())}`);
    }
  });
}

/** Where the story's clock stands: the tests' moment, until time passes. */
let storyNow: string | null = null;

async function personIn(browser: Browser, account?: Account, viewport?: { width: number; height: number }) {
  const context = await atTestMoment(await browser.newContext(viewport ? { viewport } : {}));
  if (storyNow) await context.clock.setSystemTime(new Date(storyNow));
  const page = await context.newPage();
  reportServerErrors(page);
  if (account) await signIn(page, account);
  return page;
}

function task(page: Page, name: string) {
  return page.getByRole("link", { name, exact: true });
}

/** The instant after a session's day, in the evening, when its register can be taken. */
function eveningOf(date: string): string {
  return `${date}T20:00:00+00:00`;
}

/** The first Saturday on or after 10 June of the year: always in the Summer 2 half-term. */
function juneSaturday(year: number): string {
  const day = new Date(Date.UTC(year, 5, 10));
  day.setUTCDate(day.getUTCDate() + ((6 - day.getUTCDay() + 7) % 7));
  return day.toISOString().slice(0, 10);
}

async function fillDate(page: Page, group: string, iso: string) {
  const [year, month, day] = iso.split("-");
  const fields = page.getByRole("group", { name: group });
  await fields.getByLabel("Day").fill(String(Number(day)));
  await fields.getByLabel("Month").fill(String(Number(month)));
  await fields.getByLabel("Year").fill(year ?? "");
}

/** The public feed of the group, parsed: each session's SEQUENCE and STATUS. */
async function feedOf(page: Page, groupId: number) {
  const response = await page.request.get(`/api/v1/timetable.ics?work_group=${String(groupId)}`);
  expect(response.ok()).toBe(true);
  return parseCalendar(await response.text());
}

function invitationIn(email: Email) {
  const attached = (email.attachments ?? []).find((a) => a.content_type === "text/calendar");
  if (!attached) throw new Error(`No calendar attachment in "${email.subject}"`);
  return parseCalendar(attached.content);
}

test.afterAll(async () => {
  // The specs that follow run at the tests' moment again.
  storyNow = null;
  await backToTheTestMoment();
});

test("a hub's whole year, from a new programme to the group continuing into Embedding", async ({ page, browser }) => {
  // A year, with axe on each page on the way: far longer than one page's test.
  test.setTimeout(900_000);
  reportServerErrors(page);
  const contexts: BrowserContext[] = [page.context()];
  const later = async (instant: string) => {
    storyNow = instant;
    await timePasses(instant, ...contexts);
  };

  // 1. The hub creates the programme from Primary Development's defaults and publishes it.
  await signIn(page, accounts.hubAdmin);
  await page.getByRole("link", { name: "Create a programme" }).click();
  await page.getByLabel(/^Primary Development/).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Create a programme" })).toBeVisible();
  await page.getByLabel("Academic year").selectOption("2027-28");
  await page.getByLabel("Title").fill(TITLE);
  await page.getByLabel("Summary").fill("Six half-day meetings with a Mastery Specialist and the schools of the group.");
  await page.getByLabel("Who can take part").fill("State-funded primary schools in Cheshire and Wirral.");
  await fillDate(page, "Closing date (optional)", "2027-03-31");
  await page.getByRole("button", { name: "Save as a draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText(`${TITLE} is open for applications`)).toBeVisible();
  await expectNoSeriousViolations(page);
  const programmeUrl = new URL(page.url()).pathname;

  // 2. A school that may not apply is stopped before it starts.
  const stBedes = await personIn(browser, accounts.schoolContact);
  await stBedes.goto(programmeUrl);
  await expect(stBedes.getByRole("heading", { name: "Your school cannot apply" })).toBeVisible();
  await expect(stBedes.getByRole("button", { name: "Start an application" })).toHaveCount(0);
  await expectNoSeriousViolations(stBedes);
  await stBedes.context().close();

  // 3. Ellesmere Port checks, applies, gathers every signature from the emailed links, submits.
  const school = await personIn(browser, accounts.ellesmereContact);
  contexts.push(school.context());
  await school.goto(programmeUrl);
  await expect(school.getByRole("heading", { name: "Your school can apply" })).toBeVisible();
  await school.getByRole("button", { name: "Start an application" }).click();
  await expect(school.getByRole("heading", { level: 1, name: `Apply for ${TITLE}` })).toBeVisible();
  const reference = (await school.getByText("Your reference:").locator("strong").textContent()) ?? "";
  expect(reference).toMatch(/-\d{4}$/);
  await expect(school.getByRole("heading", { name: "What we check when you submit" })).toBeVisible();
  await expectNoSeriousViolations(school);
  const taskList = new URL(school.url()).pathname;

  const details = school.getByRole("group", { name: "Is your school already working on teaching for mastery?" });
  await task(school, "School details").click();
  if ((await details.count()) > 0) await details.getByLabel("No").check();
  await school.getByRole("button", { name: "Save and continue" }).click();
  await expect(school).toHaveURL(taskList);

  await task(school, "People").click();
  const head = school.getByRole("group", { name: "Head teacher or senior leader" });
  await head.getByLabel("Full name").fill(headTeacher.name);
  await head.getByLabel("Email address").fill(headTeacher.email);
  for (const [index, teacher] of teachers.entries()) {
    const group = school.getByRole("group", { name: `Teacher ${String(index + 1)}`, exact: true });
    if ((await group.count()) === 0) await school.getByRole("button", { name: "Add another teacher" }).click();
    await group.getByLabel("Full name").fill(teacher.name);
    await group.getByLabel("Email address").fill(teacher.email);
  }
  await expectNoSeriousViolations(school);
  await school.getByRole("button", { name: "Save and continue" }).click();
  await expect(school).toHaveURL(taskList);

  if ((await task(school, "Statement").count()) > 0) {
    await task(school, "Statement").click();
    await school.getByLabel("Statement").fill(STATEMENT);
    await school.getByRole("button", { name: "Save and continue" }).click();
    await expect(school).toHaveURL(taskList);
  }

  await task(school, "Commitments and signatures").click();
  await school.getByRole("button", { name: "Email the confirmation links" }).click();
  const signers = school.getByRole("table", { name: "Who confirms" });
  await expect(signers.getByText("Waiting")).toHaveCount(3);
  for (const person of [headTeacher, ...teachers]) {
    const message = await waitForEmail(person.email, (m) => m.subject.includes(TITLE));
    expect(message.text).toContain(reference);
    const signer = await personIn(browser);
    await signer.goto(signPath(message));
    await expect(signer.getByRole("heading", { level: 1, name: "Confirm your school’s commitments" })).toBeVisible();
    await signer.getByLabel("I confirm the commitments above").check();
    await signer.getByRole("button", { name: "Confirm" }).click();
    await expect(signer.getByRole("heading", { level: 1, name: "You have confirmed" })).toBeVisible();
    await signer.context().close();
  }
  await expect(signers.getByText("Confirmed", { exact: true })).toHaveCount(3, { timeout: 20_000 });
  await school.getByRole("link", { name: "Return to your application" }).click();
  await task(school, "Check your answers and submit").click();
  await school.getByRole("button", { name: "Submit application" }).click();
  await expect(school.getByRole("heading", { level: 1, name: "Application submitted" })).toBeVisible();
  await expectNoSeriousViolations(school);

  // 4. The hub selects the school and forms the Work Group from the selection.
  await page.goto(programmeUrl);
  await page.getByRole("main").getByRole("link", { name: "Review applications" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Review applications" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: SCHOOL });
  await expect(row).toContainText(reference);
  await row.getByLabel(`Select ${SCHOOL}`).check();
  await page.getByRole("button", { name: "Select", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "1 selected." })).toBeVisible();
  const forming = page.getByRole("region", { name: "Work Group" });
  await forming.getByLabel("Lead Mastery Specialist").selectOption({ label: "Mo Specialist" });
  await forming.getByLabel("Name of the group").fill(GROUP);
  await expectNoSeriousViolations(page);
  await forming.getByRole("button", { name: "Form the Work Group" }).click();
  await expect(page.getByRole("heading", { level: 1, name: GROUP })).toBeVisible();
  await expect(page.getByText("1 school and 2 participants joined from the selection.")).toBeVisible();
  const groupId = Number(/\/work-groups\/(\d+)$/.exec(page.url())?.[1]);
  const participants = page.getByRole("table", { name: /participants/ });
  for (const teacher of teachers) await expect(participants).toContainText(teacher.name);
  await expectNoSeriousViolations(page);

  // 5. The hub plans the sessions: the last on a Saturday, refused until confirmed.
  await page.getByRole("link", { name: "Plan sessions" }).click();
  await page.getByLabel("Start time").fill("13:00");
  await page.getByLabel("End time").fill("16:00");
  await page.getByRole("button", { name: "Propose dates" }).click();
  const proposed = page.getByRole("table", { name: "The proposed sessions" });
  await expect(proposed.getByRole("row")).toHaveCount(7);
  await fillDate(page, "Date of session 6", juneSaturday(2028));
  await page.getByRole("button", { name: "Confirm and create these sessions" }).click();
  const question = page.getByRole("region", { name: "Not a school day" });
  await expect(question.getByRole("heading", { name: "This is a Saturday: plan it anyway?" })).toBeVisible();
  expect(await sessionsOf(page, groupId)).toHaveLength(0);
  await expectNoSeriousViolations(page);
  await question.getByRole("button", { name: "Yes, plan it anyway" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "6 sessions added" })).toBeVisible();
  const sessions: ApiSession[] = await sessionsOf(page, groupId);
  expect(sessions.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6]);
  const [first, second, third, fourth] = sessions;
  if (!first || !second || !third || !fourth) throw new Error("Six sessions were planned");

  // 6. Time passes to the evening of the second session: the lead takes both registers on a phone.
  await later(eveningOf(second.date));
  const lead = await personIn(browser, accounts.specialist, { width: 375, height: 812 });
  contexts.push(lead.context());
  for (const held of [first, second]) {
    await lead.goto(`/work-groups/${String(groupId)}`);
    await expect(lead.getByRole("heading", { level: 1, name: GROUP })).toBeVisible();
    await lead.getByRole("link", { name: `Record attendance for session ${String(held.number)}` }).click();
    await expect(lead.getByRole("heading", { level: 1, name: "Record attendance" })).toBeVisible();
    await lead.getByRole("button", { name: "Mark everyone present" }).click();
    if (held === second) await lead.getByRole("group", { name: teachers[1]?.name ?? "" }).getByLabel("Absent with apologies").check();
    await expectNoSeriousViolations(lead);
    await lead.getByRole("button", { name: "Save attendance" }).click();
    await expect(lead.getByRole("alert").filter({ hasText: "Attendance saved" })).toContainText(
      held === second ? "1 present, 1 absent with apologies" : "2 present",
    );
  }
  await lead.goto(`/work-groups/${String(groupId)}`);
  const sessionRows = lead.getByRole("table", { name: "The group's sessions" }).getByRole("row");
  const rowOf = (number: number) =>
    sessionRows.filter({ has: lead.getByRole("link", { name: `Record attendance for session ${String(number)}` }) });
  await expect(rowOf(1)).toContainText("Taken: 2 present");
  await expect(rowOf(2)).toContainText("Taken: 1 present");
  await expect(rowOf(3)).toContainText("Not taken");
  expect(await pageOverflow(lead)).toBeLessThanOrEqual(0);

  // 7. The hub (signed out since: a session lasts a working day) moves the third session: the
  // participants are told, the feed's SEQUENCE rises.
  await signIn(page, accounts.hubAdmin);
  const before = (await feedOf(page, groupId)).events.find((e) => e.uid.startsWith(`session-${String(third.id)}@`));
  await page.goto(`/work-groups/${String(groupId)}`);
  await page.getByRole("link", { name: `Change or cancel session ${String(third.number)}` }).click();
  await page.getByLabel("Start time").fill("13:30");
  await page.getByRole("button", { name: "Save and tell everyone" }).click();
  await expect(page.getByRole("alert").filter({ hasText: `Session ${String(third.number)} changed` })).toBeVisible();
  await expect(
    page.getByRole("table", { name: "Emails about this session" }).getByRole("row").filter({ hasText: teachers[0]?.email ?? "" }),
  ).toContainText("Sent", { timeout: 30_000 });
  await expectNoSeriousViolations(page);
  const moved = await waitForEmail(teachers[0]?.email ?? "", (m) => m.subject.startsWith("Changed:"));
  const request = invitationIn(moved);
  expect(request.method).toBe("REQUEST");
  const after = (await feedOf(page, groupId)).events.find((e) => e.uid.startsWith(`session-${String(third.id)}@`));
  expect(after?.sequence).toBe((before?.sequence ?? -1) + 1);
  expect(request.events[0]?.sequence).toBe(after?.sequence);

  // ... and cancels the fourth, with a reason.
  await page.getByRole("link", { name: `Back to ${GROUP}` }).click();
  await page.getByRole("link", { name: `Change or cancel session ${String(fourth.number)}` }).click();
  await page.getByLabel("Why is it cancelled?").fill("The school is closed for a staff training day");
  await page.getByRole("button", { name: "Cancel this session" }).click();
  await expect(page.getByRole("alert").filter({ hasText: `Session ${String(fourth.number)} cancelled` })).toBeVisible();
  const cancelled = await waitForEmail(teachers[1]?.email ?? "", (m) => m.subject.startsWith("Cancelled:"));
  expect(invitationIn(cancelled).method).toBe("CANCEL");
  expect(cancelled.text).toContain("The school is closed for a staff training day");

  // 8. Time passes beyond the last session: the hub completes the year.
  const last = (await sessionsOf(page, groupId)).filter((s) => s.status === "scheduled").map((s) => s.date).sort().at(-1) ?? "";
  await later(eveningOf(last));
  await signIn(page, accounts.hubAdmin);
  await page.goto(`/work-groups/${String(groupId)}`);
  const completing = page.getByRole("region", { name: "Complete the year" });
  await completing.getByRole("button", { name: "Complete the year" }).click();
  await expect(page.getByRole("region", { name: "Continue into next year" })).toBeVisible();
  await expectNoSeriousViolations(page);

  // 9. The school's own page shows the completed year.
  await signIn(school, accounts.ellesmereContact);
  await school.getByRole("link", { name: "My school" }).click();
  await expect(school.getByRole("heading", { level: 1, name: SCHOOL })).toBeVisible();
  await expect(school.getByRole("main")).toContainText(`Completed in 2027/28, with ${HUB_NAME}`);
  await expectNoSeriousViolations(school);

  // 10. The hub writes next year's Embedding programme and the group continues into it.
  await page.goto("/programmes");
  await page.getByRole("link", { name: "Create a programme" }).click();
  await page.getByLabel(/^Primary Embedding/).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("Academic year").selectOption("2028-29");
  await page.getByLabel("Title").fill(EMBEDDING);
  await page.getByLabel("Summary").fill("The group's second year: embedding teaching for mastery across each school.");
  await page.getByLabel("Who can take part").fill("Schools that completed Development.");
  await page.getByRole("button", { name: "Save as a draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: EMBEDDING })).toBeVisible();
  await page.goto(`/work-groups/${String(groupId)}`);
  const continuing = page.getByRole("region", { name: "Continue into next year" });
  await continuing.getByLabel("Next year's programme").selectOption({ label: EMBEDDING });
  await continuing.getByRole("button", { name: "Continue into next year" }).click();
  await expect(page.getByText(`${GROUP} started for 2028/29`)).toBeVisible();
  await expect(page.getByRole("table", { name: /school/ }).first()).toContainText(SCHOOL);
  await expectNoSeriousViolations(page);
});
