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
  type ApiSession,
} from "./workGroups";
import { todayInLondon } from "./moment";
import { expect, test } from "./test";

// The demo's Work Groups of Cheshire and Wirral (e2e/workGroups.ts). The tests run in
// order: "cancelling a session" changes next year's group, which no earlier test reads.

const HUB = "Cheshire and Wirral Maths Hub";

function menu(page: Page) {
  return page.getByRole("navigation", { name: "Menu" });
}

/** "Tuesday 6 October 2026", as the pages write a date. */
function longDate(iso: string): string {
  const date = new Date(`${iso}T12:00:00Z`);
  const weekday = date.toLocaleDateString("en-GB", { weekday: "long", timeZone: "UTC" });
  const month = date.toLocaleDateString("en-GB", { month: "long", timeZone: "UTC" });
  return `${weekday} ${String(date.getUTCDate())} ${month} ${String(date.getUTCFullYear())}`;
}

/** "December 2026". */
function monthName(iso: string): string {
  return new Date(`${iso.slice(0, 7)}-01T12:00:00Z`).toLocaleDateString("en-GB", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}

/** The first scheduled session from the tests' day on: at that moment (e2e/moment.ts), this
 * year's group always has one. */
function nextOf(sessions: ApiSession[]): ApiSession {
  const today = todayInLondon();
  const next = sessions.find((session) => session.status === "scheduled" && session.date >= today);
  if (!next) throw new Error(`No session to come after ${today}: is E2E_NOW inside the group's year?`);
  return next;
}

test("a hub administrator finds this year's group: its next session, members, sessions, release time and feed", async ({ page }) => {
  await signIn(page, accounts.hubAdmin);
  await menu(page).getByRole("link", { name: "Work Groups" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Work Groups" })).toBeVisible();
  await expect(page).toHaveTitle("Work Groups – Maths Hubs Programmes");
  await expect(page.getByRole("heading", { level: 2, name: /^\d+ Work Groups$/ })).toBeVisible();
  const thisYear = page.getByRole("row").filter({ hasText: THIS_YEAR_GROUP });
  await expect(thisYear).toContainText("Mo Specialist");
  await expect(thisYear).toContainText("In progress");
  await expect(page.getByRole("row").filter({ hasText: COMPLETED_GROUP })).toContainText("Completed");
  await expectNoSeriousViolations(page);

  await thisYear.getByRole("link", { name: THIS_YEAR_GROUP }).click();
  await expect(page.getByRole("heading", { level: 1, name: THIS_YEAR_GROUP })).toBeVisible();
  await expect(page).toHaveTitle(`${THIS_YEAR_GROUP} – Maths Hubs Programmes`);
  const groupId = Number(/\/work-groups\/(\d+)$/.exec(page.url())?.[1]);
  const sessions = await sessionsOf(page, groupId);

  // The next session, first on the page: the first scheduled one from today on.
  const next = page.getByRole("region", { name: "Next session" });
  const expected = nextOf(sessions);
  await expect(next).toContainText(longDate(expected.date));
  await expect(next).toContainText(`Session ${String(expected.number)}: Workshop`);
  await expect(next).toContainText("3:45pm to 5:15pm");

  await expect(page.getByRole("definition").filter({ hasText: "Mo Specialist, St Bede’s Catholic Primary School" })).toBeVisible();
  await expect(page.getByRole("table", { name: /schools$/ }).getByRole("link", { name: "Willow Bank Primary School" })).toBeVisible();
  await expect(page.getByRole("table", { name: /participants$/ }).getByRole("row")).not.toHaveCount(1);

  // Every session, each with a link to its register.
  const sessionRows = page.getByRole("table", { name: "The group's sessions" }).getByRole("row");
  await expect(sessionRows).toHaveCount(sessions.length + 1);
  await expect(sessionRows.nth(1)).toContainText("Workshop");
  await expect(sessionRows.nth(1)).toContainText(longDate(sessions[0]?.date ?? ""));
  await expect(sessionRows.nth(1)).toContainText("St Bede’s Catholic Primary School");
  await expect(sessionRows.nth(1)).toContainText("Scheduled");
  await expect(page.getByRole("link", { name: "Record attendance for session 1" })).toBeVisible();

  const release = page.getByRole("table", { name: "Release time by school" });
  await expect(release.getByRole("row").filter({ hasText: "Willow Bank Primary School" })).toBeVisible();

  // The group's public feed: a webcal:// link on the same host, the http link, and the address.
  const feedPath = `/api/v1/timetable.ics?work_group=${String(groupId)}`;
  const host = new URL(page.url()).host;
  await expect(page.getByRole("link", { name: "Subscribe in your calendar app" })).toHaveAttribute(
    "href",
    `webcal://${host}${feedPath}`,
  );
  const download = page.getByRole("link", { name: "Download or subscribe (iCalendar)" });
  await expect(download).toHaveAttribute("href", feedPath);
  await expect(page.getByLabel("Or copy this address into your calendar")).toHaveValue(`http://${host}${feedPath}`);
  const feed = await page.request.get(feedPath);
  expect(feed.headers()["content-type"]).toContain("text/calendar");
  expect(await feed.text()).toContain("BEGIN:VCALENDAR");
  await expectNoSeriousViolations(page);
});

test("a completed group shows each school's shortfall of release time", async ({ page }) => {
  await signIn(page, accounts.hubAdmin);
  await openGroup(page, COMPLETED_GROUP);
  await expect(page.getByText("Completed on", { exact: false })).toBeVisible();
  await expect(page.getByRole("region", { name: "Next session" })).toContainText("No sessions to come.");
  await expect(page.getByText("at least 10 days", { exact: false })).toBeVisible();
  const row = page.getByRole("table", { name: "Release time by school" }).getByRole("row").filter({ hasText: "Willow Bank Primary School" });
  await expect(row).toContainText("0 days");
  await expect(row).toContainText("10 days short");
  await expectNoSeriousViolations(page);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test("a hub administrator takes the register: errors at each field, then saved", async ({ page }) => {
    await signIn(page, accounts.hubAdmin);
    await openGroup(page, THIS_YEAR_GROUP);
    await page.getByRole("link", { name: "Record attendance for session 1" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Record attendance" })).toBeVisible();
    await expect(page.getByText("Session 1: Workshop")).toBeVisible();
    await expect(page).toHaveTitle("Record attendance – Maths Hubs Programmes");
    const registers = page.getByRole("group");
    const count = await registers.count();
    expect(count).toBeGreaterThan(1);
    const first = registers.first();
    await expect(first).toContainText("Present");
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    await expectNoSeriousViolations(page);

    // Nothing chosen: each participant is asked about, and the summary links to their radios.
    await page.getByRole("button", { name: "Save attendance" }).click();
    const summary = page.getByRole("alert");
    await expect(summary).toContainText("There is a problem");
    await expect(page).toHaveTitle("Error: Record attendance – Maths Hubs Programmes");
    await expect(summary.getByRole("link")).toHaveCount(count);
    const firstName = (await first.locator("legend").innerText()).split(",")[0] ?? "";
    await summary.getByRole("link", { name: `Select whether ${firstName} came` }).click();
    await expect(first.getByLabel("Present")).toBeFocused();
    await expectNoSeriousViolations(page);

    // The first came; the rest sent apologies, but for the last, who was absent.
    for (let index = 0; index < count; index += 1) {
      const label = index === 0 ? "Present" : index === count - 1 ? "Absent" : "Absent with apologies";
      await registers.nth(index).getByLabel(label, { exact: true }).check();
    }
    await page.getByRole("button", { name: "Save attendance" }).click();
    const banner = page.getByRole("alert").filter({ hasText: "Attendance saved" });
    await expect(banner).toContainText(`1 present, ${String(count - 2)} absent with apologies, 1 absent.`);
    await expect(page).toHaveTitle("Record attendance – Maths Hubs Programmes");
    await expectNoSeriousViolations(page);

    // Read again, the register shows what was saved.
    await page.reload();
    await expect(registers.first().getByLabel("Present")).toBeChecked();
    await expect(registers.last().getByLabel("Absent", { exact: true })).toBeChecked();

    // The first participant's school now has release time.
    const school = (await registers.first().locator("legend").innerText()).split(", ")[1] ?? "";
    await page.getByRole("link", { name: `Back to ${THIS_YEAR_GROUP}` }).click();
    const row = page.getByRole("table", { name: "Release time by school" }).getByRole("row").filter({ hasText: school });
    await expect(row).toContainText("0.5 days");
    await expectNoSeriousViolations(page);
  });

  test("the calendar is a list of days, and the group page fits", async ({ page }) => {
    await signIn(page, accounts.hubAdmin);
    const groupId = await openGroup(page, THIS_YEAR_GROUP);
    await expect(page.getByRole("table", { name: "The group's sessions" })).toBeVisible();
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    await expectNoSeriousViolations(page);
    const next = nextOf(await sessionsOf(page, groupId));
    await page.goto(`/calendar?hub=cheshire-and-wirral&month=${next.date.slice(0, 7)}`);
    await expect(page.getByRole("table")).toBeHidden();
    const day = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: longDate(next.date) }) });
    await expect(day.getByRole("link", { name: new RegExp(`${THIS_YEAR_GROUP}, Workshop$`) })).toBeVisible();
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    await expectNoSeriousViolations(page);
  });
});

test("a visitor finds a hub's month calendar, moves between months and finds the feed", async ({ page }) => {
  await page.goto("/programmes");
  await menu(page).getByRole("link", { name: "Calendar" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Calendar" })).toBeVisible();
  const today = todayInLondon();
  await expect(page.getByRole("heading", { level: 2, name: monthName(today) })).toBeVisible();
  await expect(page).toHaveTitle(`Calendar, ${monthName(today)} – Maths Hubs Programmes`);
  await expect(page.getByRole("table").locator('[aria-current="date"]')).toContainText("Today");

  await page.getByLabel("Maths Hub").selectOption({ label: HUB });
  await page.getByRole("button", { name: "Show calendar" }).click();
  await expect(page).toHaveURL(`/calendar?hub=cheshire-and-wirral&month=${today.slice(0, 7)}`);
  await expect(page.getByText(HUB).first()).toBeVisible();
  await expectNoSeriousViolations(page);

  // Month by month to a month with this year's sessions: each a line with its time, and no link for a visitor.
  const nextMonth = page.getByRole("link", { name: /^Next month/ });
  const month = page.getByRole("heading", { level: 2, name: /^[A-Z][a-z]+ \d{4}$/ });
  let found = false;
  for (let step = 0; step < 12 && !found; step += 1) {
    const before = await month.innerText();
    await nextMonth.click();
    await expect(month).not.toHaveText(before);
    await expect(page.getByRole("status").filter({ hasText: /^(No sessions|\d+ sessions?) in / })).toBeVisible();
    found = (await page.getByRole("table").getByText(THIS_YEAR_GROUP).count()) > 0;
  }
  expect(found).toBe(true);
  await expect(page).toHaveURL(/month=\d{4}-\d{2}$/);
  const session = page.getByRole("table").getByText(new RegExp(`^3:45pm ${THIS_YEAR_GROUP}$`)).first();
  await expect(session).toBeVisible();
  await expect(page.getByRole("table").getByRole("link", { name: new RegExp(THIS_YEAR_GROUP) })).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: /session/ })).toContainText(/^\d+ sessions? in /);
  await page.getByRole("link", { name: /^Previous month/ }).click();
  await expect(page.getByRole("link", { name: /^Go to this month/ }).or(page.getByRole("table").locator('[aria-current="date"]'))).toBeVisible();

  const host = new URL(page.url()).host;
  await expect(page.getByRole("heading", { level: 2, name: "Subscribe to this hub's calendar" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Subscribe in your calendar app" })).toHaveAttribute(
    "href",
    `webcal://${host}/api/v1/timetable.ics?hub=cheshire-and-wirral`,
  );
  await expect(page.getByRole("link", { name: "Download or subscribe (iCalendar)" })).toHaveAttribute(
    "href",
    "/api/v1/timetable.ics?hub=cheshire-and-wirral",
  );
  await expectNoSeriousViolations(page);
});

test("a hub administrator's calendar opens on their hub and links to the group", async ({ page }) => {
  await signIn(page, accounts.hubAdmin);
  const groupId = await openGroup(page, THIS_YEAR_GROUP);
  const next = nextOf(await sessionsOf(page, groupId));
  await menu(page).getByRole("link", { name: "Calendar" }).click();
  await expect(page.getByLabel("Maths Hub")).toHaveValue("cheshire-and-wirral");
  await page.goto(`/calendar?hub=cheshire-and-wirral&month=${next.date.slice(0, 7)}`);
  await page.getByRole("table").getByRole("link", { name: `3:45pm ${THIS_YEAR_GROUP}` }).first().click();
  await expect(page).toHaveURL(`/work-groups/${String(groupId)}`);
  await expect(page.getByRole("heading", { level: 1, name: THIS_YEAR_GROUP })).toBeVisible();
});

test("a Mastery Specialist sees the groups they lead, takes their registers, and gets a private feed of their sessions", async ({ page }) => {
  await signIn(page, accounts.specialist);
  await menu(page).getByRole("link", { name: "My groups" }).click();
  await expect(page.getByText("The Work Groups you lead.")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: THIS_YEAR_GROUP })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Darlington" })).toHaveCount(0);

  await page.getByRole("button", { name: "Get a private calendar link" }).click();
  const issued = page.getByRole("region", { name: /Your private link is ready/ });
  await expect(issued).toBeFocused();
  const address = await page.getByLabel("Private address for your calendar").inputValue();
  expect(address).toMatch(/\/api\/v1\/calendar-feeds\/[A-Za-z0-9_-]+\.ics$/);
  await expect(issued.getByRole("link", { name: "Subscribe in your calendar app" })).toHaveAttribute(
    "href",
    address.replace(/^https?:/, "webcal:"),
  );
  await expect(page.getByText("Keep this link private. Asking for a new link stops the old one working.")).toBeVisible();
  const feed = await page.request.get(address);
  expect(await feed.text()).toContain(THIS_YEAR_GROUP);
  await expectNoSeriousViolations(page);

  const groupId = await openGroup(page, THIS_YEAR_GROUP);
  // The group's lead takes its registers (e2e/work_group_forming.spec.ts takes one); planning is the hub's.
  await expect(page.getByRole("link", { name: /^Record attendance/ }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Plan sessions" })).toHaveCount(0);
  const [first] = await sessionsOf(page, groupId);
  await page.goto(`/sessions/${String(first?.id)}/attendance`);
  await expect(page.getByRole("heading", { level: 1, name: "Record attendance" })).toBeVisible();
});

test("a school contact gets a private feed of their school's sessions, shown once", async ({ page }) => {
  await signIn(page, accounts.schoolContact);
  await expect(menu(page).getByRole("link", { name: "Work Groups" })).toHaveCount(0);
  await menu(page).getByRole("link", { name: "My school" }).click();
  const section = page.getByRole("region", { name: "Subscribe to this school's sessions" });
  await expect(section).toContainText("Keep this link private. Asking for a new link stops the old one working.");
  await section.getByRole("button", { name: "Get a private calendar link" }).click();
  const address = await section.getByLabel("Private address for your calendar").inputValue();
  const feed = await page.request.get(address);
  expect(await feed.text()).toContain("BEGIN:VCALENDAR");
  await expect(section.getByRole("button", { name: "Get a private calendar link" })).toHaveCount(0);
  await expectNoSeriousViolations(page);

  // Asking again (after a reload) resets it: the old address stops working.
  await page.reload();
  await section.getByRole("button", { name: "Get a private calendar link" }).click();
  await expect(section.getByLabel("Private address for your calendar")).not.toHaveValue(address);
  expect((await page.request.get(address)).status()).toBe(404);
});

test("a cancelled session is struck out and tagged, and the next session passes over it", async ({ page }) => {
  await signIn(page, accounts.hubAdmin);
  const groupId = await openGroup(page, NEXT_YEAR_GROUP);
  const [first, second] = await sessionsOf(page, groupId);
  if (!first || !second) throw new Error("Next year's demo group has fewer than 2 sessions");
  await expect(page.getByRole("region", { name: "Next session" })).toContainText(longDate(first.date));

  // Cancel the first through the API, as the hub would.
  const me = (await (await page.request.get("/api/v1/auth/me")).json()) as { csrf_token: string };
  const read = await page.request.get(`/api/v1/sessions/${String(first.id)}`);
  const cancel = await page.request.patch(`/api/v1/sessions/${String(first.id)}`, {
    data: { status: "cancelled" },
    headers: { "X-CSRF-Token": me.csrf_token, "If-Match": read.headers().etag ?? "" },
  });
  expect(cancel.status()).toBe(200);

  await page.reload();
  await expect(page.getByRole("region", { name: "Next session" })).toContainText(longDate(second.date));
  const row = page.getByRole("table", { name: "The group's sessions" }).getByRole("row").nth(1);
  await expect(row).toContainText("Cancelled");
  await expect(row.getByRole("cell").filter({ hasText: longDate(first.date) })).toHaveCSS("text-decoration-line", "line-through");
  await expect(row.getByRole("link", { name: /Record attendance/ })).toHaveCount(0);
  await expectNoSeriousViolations(page);

  await page.goto(`/calendar?hub=cheshire-and-wirral&month=${first.date.slice(0, 7)}`);
  const cell = page.getByRole("table").getByRole("listitem").filter({ hasText: NEXT_YEAR_GROUP }).first();
  await expect(cell).toContainText("Cancelled");
  await expectNoSeriousViolations(page);
});
