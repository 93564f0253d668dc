import { expect, test, type Page } from "@playwright/test";
import { accounts, signIn } from "./accounts";
import { expectNoSeriousViolations } from "./axe";

// Hub staff write their programmes in the browser: create one from its kind's defaults,
// publish it, close it, copy it into next year, and meet someone else's edit. Titles are
// unique to the run, since the tests share one server (and may reuse it).

const RUN = String(Date.now());

function summaryOf(page: Page) {
  return page.locator(".govuk-error-summary");
}

function statusRow(page: Page) {
  return page.locator(".govuk-summary-list__row").filter({ has: page.getByText("Status", { exact: true }) });
}

/** A write through the API with the signed-in person's cookie and CSRF token, as another browser tab would. */
async function csrfHeaders(page: Page): Promise<Record<string, string>> {
  const me = await page.request.get("/api/v1/auth/me");
  expect(me.ok()).toBe(true);
  const { csrf_token } = (await me.json()) as { csrf_token: string };
  return { "X-CSRF-Token": csrf_token };
}

test("hub staff create a programme from its kind's defaults, publish it, close it and copy it into next year", async ({
  page,
  browser,
}) => {
  // The whole life of a programme, with axe on each page: longer than one page's test.
  test.setTimeout(120_000);
  const title = `Wirral Primary Development ${RUN}`;
  await signIn(page, accounts.hubAdmin);
  await page.getByRole("link", { name: "Create a programme" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Create a programme" })).toBeVisible();
  await expect(page).toHaveTitle("What kind of programme is it? – Maths Hubs Programmes");
  await expectNoSeriousViolations(page);

  // No kind chosen: said at the radios.
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(summaryOf(page).getByRole("link", { name: "Select the kind of programme" })).toBeVisible();
  await page.getByLabel(/^Primary Development/).check();
  await page.getByRole("button", { name: "Continue" }).click();

  // The form starts from Primary Development's defaults (004, 000).
  await expect(page.getByRole("heading", { level: 1, name: "Create a programme" })).toBeVisible();
  await expect(page).toHaveTitle("Create a Primary Development programme – Maths Hubs Programmes");
  await expect(page.getByLabel("Places (optional)")).toHaveValue("7");
  await expect(page.getByText("A Work Group of this kind takes at most 7 schools and 14 participants.")).toBeVisible();
  await expect(page.getByLabel("How many")).toHaveValue("6");
  await expect(page.getByLabel("Kind", { exact: true }).first()).toHaveValue("trg_meeting");
  await expect(page.getByLabel("Amount, in pounds")).toHaveValue("1000");
  await expect(page.getByLabel("Commitment 1")).toHaveValue(/committed to developing a teaching for mastery approach/);
  await expect(page.getByLabel("Fewest participants a school names")).toHaveValue("2");
  await page.getByText("Who may apply: the rules of Primary Development").click();
  await expect(page.getByText("Names 1 head teacher and 2 teachers")).toBeVisible();
  await expectNoSeriousViolations(page);

  const year = await page.getByLabel("Academic year").inputValue(); // "2027-28"
  const start = Number(year.slice(0, 4));
  const yy = String((start % 100)).padStart(2, "0");
  await page.getByLabel("Title").fill(title);
  // A project code of another year: the API refuses it at its field.
  await page.getByLabel("Project code (optional)").fill("NCP99-01");
  await page.getByLabel("Summary").fill("A year alongside one of the hub's Mastery Specialists.");
  await page.getByLabel("Who can take part").fill("State-funded primary schools in Wirral.");
  const closing = page.getByRole("group", { name: "Closing date (optional)" });
  await closing.getByLabel("Day").fill("26");
  await closing.getByLabel("Month").fill("1");
  await closing.getByLabel("Year").fill(String(start + 1));
  await page.getByRole("button", { name: "Save as a draft" }).click();

  const codeError = `A project code for ${String(start)}/${String((start + 1) % 100).padStart(2, "0")} starts NCP${yy}-`;
  await expect(summaryOf(page)).toContainText("There is a problem");
  await expect(page).toHaveTitle(/^Error: Create a Primary Development programme/);
  await expect(page.locator("#code-error")).toContainText(codeError);
  await summaryOf(page).getByRole("link", { name: new RegExp(`^Project code: ${codeError}`) }).click();
  await expect(page.getByLabel("Project code (optional)")).toBeFocused();
  await expectNoSeriousViolations(page);

  await page.getByLabel("Project code (optional)").fill(`NCP${yy}-42`);
  await page.getByRole("button", { name: "Save as a draft" }).click();

  // The programme page, as a draft only the hub sees.
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText(`${title} is saved as a draft`)).toBeVisible();
  await expect(statusRow(page)).toContainText("Draft");
  await expect(page.getByText(`26 January ${String(start + 1)} at 11:59pm`)).toBeVisible();
  await expect(page.getByText("6 half-day TRG meetings")).toBeVisible();
  await expectNoSeriousViolations(page);
  const programmeUrl = page.url();

  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText(`${title} is open for applications`)).toBeVisible();
  await expect(statusRow(page)).toContainText("Open for applications");

  // Anyone finds it in the catalogue now, signed in or not.
  const visitor = await browser.newPage();
  await visitor.goto(`/programmes?q=${encodeURIComponent(RUN)}`);
  await expect(visitor.getByRole("link", { name: title })).toBeVisible();
  await expect(visitor.getByRole("heading", { name: "1 programme" })).toBeVisible();
  await visitor.close();

  await page.getByRole("button", { name: "Close applications" }).click();
  await expect(page.getByText(`${title} is closed`)).toBeVisible();
  await expect(statusRow(page)).toContainText("Closed");
  await expect(page.getByRole("button", { name: "Publish" })).toHaveCount(0);

  const next = `${String(start + 1)}/${String((start + 2) % 100).padStart(2, "0")}`;
  await page.getByRole("button", { name: `Copy into ${next}` }).click();
  await expect(page.getByText(`${title} is copied into ${next} as a draft`)).toBeVisible();
  expect(page.url()).not.toBe(programmeUrl);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(statusRow(page)).toContainText("Draft");
  await expect(page.locator(".govuk-summary-list__row").filter({ hasText: "Academic year" })).toContainText(next);
  // Dates move on by a year; the national code names its own year, so it is left for the hub.
  await expect(page.getByText(`26 January ${String(start + 2)} at 11:59pm`)).toBeVisible();
  await expect(page.locator(".govuk-summary-list__row").filter({ hasText: "Code" })).toHaveCount(0);
  await expectNoSeriousViolations(page);
});

test("a stale edit says someone else changed the programme, shows their version and saves over it", async ({ page }) => {
  const title = `Wirral Sustaining ${RUN}`;
  await signIn(page, accounts.hubAdmin);
  const headers = await csrfHeaders(page);
  const created = await page.request.post("/api/v1/programmes", {
    headers,
    data: {
      hub_id: "cheshire-and-wirral",
      academic_year: "2027-28",
      programme_type: "primary_sustaining",
      title,
      stage: "sustaining",
      phase: "primary",
      audience: "schools",
      summary: "Workshops across the year.",
      who_can_take_part: "Schools that took part in Development.",
    },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: number };

  await page.goto(`/programmes/${String(id)}`);
  await page.getByRole("link", { name: /^Change the programme/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Change ${title}` })).toBeVisible();
  await expect(page.getByLabel("Summary")).toHaveValue("Workshops across the year.");
  await expectNoSeriousViolations(page);
  await page.getByLabel("What is involved (optional)").fill("Six workshops, hosted in turn.");

  // Meanwhile, someone else saves a change of their own.
  const read = await page.request.get(`/api/v1/programmes/${String(id)}`);
  const theirs = await page.request.patch(`/api/v1/programmes/${String(id)}`, {
    headers: { ...headers, "If-Match": read.headers().etag ?? "" },
    data: { summary: "Their summary, saved first." },
  });
  expect(theirs.status()).toBe(200);

  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(summaryOf(page)).toContainText("Someone else changed this programme since you opened it");
  await expect(page).toHaveTitle(new RegExp(`^Error: Change ${title}`));
  const version = page.getByRole("region", { name: "Their version" });
  await expect(version.getByRole("definition")).toHaveText("Their summary, saved first.");
  await expect(version.getByRole("term")).toHaveText("Summary");
  // Their change has not overwritten what this person typed.
  await expect(page.getByLabel("What is involved (optional)")).toHaveValue("Six workshops, hosted in turn.");
  await expectNoSeriousViolations(page);

  await page.getByRole("button", { name: "Save my changes over theirs" }).click();
  await expect(page.getByText(`Your changes to ${title} are saved`)).toBeVisible();
  await expect(page.getByText("Six workshops, hosted in turn.")).toBeVisible();
  await expect(page.getByText("Their summary, saved first.")).toBeVisible();
});
