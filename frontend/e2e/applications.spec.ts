import type { Browser, Locator, Page } from "@playwright/test";
import { accounts, signIn, type Account } from "./accounts";
import { expectNoSeriousViolations } from "./axe";
import { signPath, waitForEmail } from "./mail";
import { e2eNow } from "./moment";
import { atTestMoment, expect, test } from "./test";

// Carmel Academy (URN 100005, secondary, Archimedes NE) applies for the hub's open secondary
// Development Work Group; everyone named confirms from the link a real SMTP server caught
// (e2e/smtp_sink.py); the hub shortlists, then selects. Addresses are new on each run, so
// that a reused server's old email never answers for this run's.

const PROGRAMME = "Secondary Teaching for Mastery – Development Work Group";
const run = Date.now().toString(36);
const address = (who: string) => `${who}.${run}@carmel.example`;

const headTeacher = { name: "Helen Hewitt", email: address("head") };
const headOfDepartment = { name: "Dev Patel", email: address("maths") };
const teachers = [
  { name: "Tia Turner", email: address("tia"), years: ["Year 7", "Year 8"] },
  { name: "Tom Tran", email: address("tom"), years: ["Year 9"] },
];

const STATEMENT =
  "Our department wants to develop teaching for mastery across Key Stage 3. Working with other schools " +
  "will help us plan lessons that build deep understanding. Tia and Tom lead our Year 7 and Year 9 teams " +
  "and will share what they learn with every maths teacher.";

/** Say any 5xx the pages met, so that a failure caused by the server says so. */
function reportServerErrors(page: Page) {
  page.on("response", (response) => {
    if (response.status() >= 500) {
      console.error(`Server error: ${response.request().method()} ${response.url()} answered ${String(response.status())}`);
    }
  });
}

function menu(page: Page) {
  return page.getByRole("navigation", { name: "Menu" });
}

/** Open an open secondary Development programme from the catalogue, by its exact title. */
async function openProgramme(page: Page, title: string) {
  await page.goto("/programmes?status=open&phase=secondary&stage=development");
  await page.getByRole("link", { name: title, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
}

/** Press Tab until `target` has focus (a keyboard user's way to a field), failing after `max` presses. */
async function tabTo(page: Page, target: Locator, max = 60) {
  for (let presses = 0; presses < max; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

function task(page: Page, name: string) {
  return page.getByRole("link", { name, exact: true });
}

async function newPage(browser: Browser, account?: Account): Promise<Page> {
  const context = await atTestMoment(await browser.newContext());
  const page = await context.newPage();
  reportServerErrors(page);
  if (account) await signIn(page, account);
  return page;
}

/** The signatory's page from the link in their email: tick the box and confirm. */
async function confirmFromEmail(browser: Browser, email: string, name: string) {
  const message = await waitForEmail(email, (m) => m.subject.includes(PROGRAMME));
  expect(message.text).toContain(`Dear ${name},`);
  const page = await newPage(browser);
  await page.goto(signPath(message));
  await expect(page.getByRole("heading", { level: 1, name: "Confirm your school’s commitments" })).toBeVisible();
  await page.getByLabel("I confirm the commitments above").check();
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "You have confirmed" })).toBeVisible();
  await page.context().close();
}

test("a school applies, everyone confirms from the emailed links, and the hub shortlists then selects", async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  reportServerErrors(page);

  // The school starts an application from the programme's page.
  await signIn(page, accounts.carmelContact);
  await openProgramme(page, PROGRAMME);
  await page.getByRole("button", { name: "Start an application" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Apply for ${PROGRAMME}` })).toBeVisible();
  await expect(page).toHaveURL(/\/applications\/\d+$/);
  const taskList = new URL(page.url()).pathname;
  await expect(page.getByText("You have completed 1 of 4 tasks.")).toBeVisible();
  await expect(task(page, "School details")).toHaveAccessibleDescription("Completed");
  await expect(task(page, "People")).toHaveAccessibleDescription("Not yet started");
  await expect(page.getByText("Check your answers and submit")).toBeVisible();
  await expect(task(page, "Check your answers and submit")).toHaveCount(0);
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: testInfo.outputPath("task-list.png"), fullPage: true });

  // School details: from the register, with one question.
  await task(page, "School details").click();
  await expect(page.getByRole("heading", { level: 1, name: "School details" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("Carmel Academy");
  await expect(page.getByRole("main")).toContainText("Nunnery Lane, Darlington, DL3 9EE");
  await page.getByRole("group", { name: "Is your school already working on teaching for mastery?" }).getByLabel("Yes").check();
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveURL(taskList);

  // People, with the keyboard alone: Tab to each field, type, Space for checkboxes, Enter for buttons.
  await tabTo(page, task(page, "People"));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
  await expect(page).toHaveTitle("People – Maths Hubs Programmes");
  const head = page.getByRole("group", { name: "Head teacher or senior leader" });
  await tabTo(page, head.getByLabel("Full name"));
  await page.keyboard.type(headTeacher.name);
  // The email address left out: the page says so before asking the API.
  await tabTo(page, page.getByRole("button", { name: "Save and continue" }));
  await page.keyboard.press("Enter");
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("Enter the email address of the head teacher or senior leader");
  await expect(page).toHaveTitle("Error: People – Maths Hubs Programmes");
  await tabTo(page, summary.getByRole("link", { name: "Enter the email address of the head teacher or senior leader" }));
  await page.keyboard.press("Enter");
  await expect(head.getByLabel("Email address")).toBeFocused();
  await expect(head.getByLabel("Email address")).toHaveAccessibleDescription(
    "Error: Enter the email address of the head teacher or senior leader",
  );
  // An address the API refuses: its words, at the field.
  await page.keyboard.type("helen@");
  await tabTo(page, page.getByRole("button", { name: "Save and continue" }));
  await page.keyboard.press("Enter");
  const apiError = summary.getByRole("link", { name: /^Head teacher’s email address: .*@/ });
  await expect(apiError).toBeVisible();
  await expect(page).toHaveTitle(/^Error: People/);
  await tabTo(page, apiError);
  await page.keyboard.press("Enter");
  await expect(head.getByLabel("Email address")).toBeFocused();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type(headTeacher.email);

  const hod = page.getByRole("group", { name: "Head of department" });
  await tabTo(page, hod.getByLabel("Full name"));
  await page.keyboard.type(headOfDepartment.name);
  await page.keyboard.press("Tab");
  await expect(hod.getByLabel("Email address")).toBeFocused();
  await page.keyboard.type(headOfDepartment.email);

  for (const [index, teacher] of teachers.entries()) {
    const group = page.getByRole("group", { name: `Teacher ${String(index + 1)}`, exact: true });
    if (index > 0) {
      // "Add another": the new teacher's name field takes focus.
      await tabTo(page, page.getByRole("button", { name: "Add another teacher" }));
      await page.keyboard.press("Enter");
      await expect(group.getByLabel("Full name")).toBeFocused();
    } else {
      await tabTo(page, group.getByLabel("Full name"));
    }
    await page.keyboard.type(teacher.name);
    await page.keyboard.press("Tab");
    await page.keyboard.type(teacher.email);
    for (const year of teacher.years) {
      await tabTo(page, group.getByLabel(year, { exact: true }));
      await page.keyboard.press("Space");
      await expect(group.getByLabel(year, { exact: true })).toBeChecked();
    }
  }
  // Two teachers is the form's most: no more "Add another".
  await expect(page.getByRole("button", { name: "Add another teacher" })).toHaveCount(0);
  await expect(page.getByText("You can name up to 2 teachers.")).toBeVisible();
  await expectNoSeriousViolations(page);
  await tabTo(page, page.getByRole("button", { name: "Save and continue" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(taskList);
  await expect(task(page, "People")).toHaveAccessibleDescription("Completed");

  // The statement, with the word count: over the limit, then within it; saved for later.
  await task(page, "Statement").click();
  const statement = page.getByLabel("Statement");
  await expect(statement).toHaveAccessibleDescription(/You can enter up to 150 words.*Explain briefly/);
  await statement.fill(Array.from({ length: 151 }, (_, i) => `word${String(i)}`).join(" "));
  await expect(page.getByText("You have 1 word too many")).toBeVisible();
  await statement.fill(STATEMENT);
  await expect(page.getByText("You have 104 words remaining")).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.getByRole("button", { name: "Save and come back later" }).click();

  // Back later, from "My applications".
  await expect(page.getByRole("heading", { level: 1, name: "My applications" })).toBeVisible();
  await expect(page.getByRole("alert")).toContainText("Your application has been saved");
  const mine = page.getByRole("row").filter({ hasText: PROGRAMME });
  await expect(mine).toContainText("Draft");
  await mine.getByRole("link", { name: PROGRAMME }).click();
  await expect(page).toHaveURL(taskList);
  await expect(task(page, "Statement")).toHaveAccessibleDescription("Completed");
  await expect(page.getByText("You have completed 3 of 4 tasks.")).toBeVisible();

  // Commitments: everyone is emailed a link.
  await task(page, "Commitments and signatures").click();
  await expect(page.getByRole("heading", { level: 1, name: "Commitments and signatures" })).toBeVisible();
  const signers = page.getByRole("table", { name: "Who confirms" });
  await expect(signers.getByRole("row")).toHaveCount(5);
  await expect(signers.getByText("Not sent yet")).toHaveCount(4);
  await page.getByRole("button", { name: "Email the confirmation links" }).click();
  // Never "sent" before the mail server took them: each email's status is shown as it is.
  await expect(page.getByRole("alert")).toContainText("We are emailing a personal link to 4 people");
  await expect(signers.getByText("Waiting")).toHaveCount(4);
  await expect(page.getByRole("button", { name: "Send the links again" })).toBeVisible();
  const linkFor = (m: { subject: string }) => m.subject.startsWith("Confirm your school’s commitments");
  for (const person of [headTeacher, headOfDepartment, ...teachers]) await waitForEmail(person.email, linkFor);
  const emails = page.getByRole("table", { name: "Emails about this application" });
  await expect(emails.getByText("Sent", { exact: true })).toHaveCount(4, { timeout: 20_000 });
  await expect(page.getByRole("status").filter({ hasText: "4 emails sent." })).toBeVisible();

  // The head teacher: the page says what they commit to and who else confirms.
  const headMail = await waitForEmail(headTeacher.email, (m) => m.subject.includes(PROGRAMME));
  expect(headMail.text).toContain(`http://127.0.0.1:${new URL(page.url()).port}/sign/`);
  const signer = await newPage(browser);
  await signer.goto(signPath(headMail));
  await expect(signer.getByRole("heading", { level: 1, name: "Confirm your school’s commitments" })).toBeVisible();
  await expect(signer.getByRole("main")).toContainText(`${headTeacher.name}, Carmel Academy is applying to take part in ${PROGRAMME}`);
  await expect(signer.getByRole("list", { name: "What you commit to" }).getByRole("listitem").first()).toContainText(
    "The Work Group teachers will be released",
  );
  const others = signer.getByRole("list", { name: "Who else confirms" });
  await expect(others).toContainText(headOfDepartment.name);
  await expect(others).toContainText(teachers[0]?.name ?? "");
  // Confirming without ticking the box is an error on the page.
  await signer.getByRole("button", { name: "Confirm" }).click();
  await expect(signer.getByRole("alert")).toContainText("Select ‘I confirm the commitments above’ to confirm");
  await expect(signer).toHaveTitle(/^Error: /);
  await expectNoSeriousViolations(signer);
  await signer.screenshot({ path: testInfo.outputPath("signatory.png"), fullPage: true });
  // The same link open twice: the second confirmation is refused, as the link was used.
  const twice = await signer.context().newPage();
  await twice.goto(signPath(headMail));
  // The second page has read the link while it was still unused (its page loads on its own).
  await expect(twice.getByLabel("I confirm the commitments above")).toBeVisible();
  await signer.getByLabel("I confirm the commitments above").check();
  await signer.getByRole("button", { name: "Confirm" }).click();
  await expect(signer.getByRole("heading", { level: 1, name: "You have confirmed" })).toBeVisible();
  await twice.getByLabel("I confirm the commitments above").check();
  await twice.getByRole("button", { name: "Confirm" }).click();
  await expect(twice.getByRole("heading", { level: 1, name: "This link can no longer be used" })).toBeVisible();
  await expect(twice.getByRole("main")).toContainText("you have already confirmed");
  // Opened again later, the link shows it was confirmed.
  await signer.reload();
  await expect(signer.getByRole("heading", { level: 1, name: "You have confirmed" })).toBeVisible();
  await signer.context().close();

  // A link that was never sent.
  const stranger = await newPage(browser);
  await stranger.goto(`/sign/${"x".repeat(32)}`);
  await expect(stranger.getByRole("heading", { level: 1, name: "This link is not known" })).toBeVisible();
  await stranger.context().close();

  await confirmFromEmail(browser, headOfDepartment.email, headOfDepartment.name);
  for (const teacher of teachers) await confirmFromEmail(browser, teacher.email, teacher.name);

  // The school sees everyone confirmed (the page reads the application again on its own).
  await expect(signers.getByText("Confirmed", { exact: true })).toHaveCount(4, { timeout: 15_000 });
  await expect(page.getByRole("button", { name: /links/ })).toHaveCount(0);
  await page.getByRole("link", { name: "Return to your application" }).click();
  await expect(task(page, "Commitments and signatures")).toHaveAccessibleDescription("Completed");

  // Check answers, then submit.
  await task(page, "Check your answers and submit").click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Check your answers before submitting your application" }),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Change the statement" })).toHaveAttribute("href", `${taskList}/statement`);
  await expect(page.getByRole("main")).toContainText(`Teaches ${teachers[0]?.years.join(", ") ?? ""}`);
  await expectNoSeriousViolations(page);
  await page.getByRole("button", { name: "Submit application" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Application submitted" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("What happens next");
  await expect(page.getByRole("main")).toContainText(/The hub will tell you its decision by \w+day \d+ \w+ \d{4}\./);
  await expect(page.getByRole("main")).toContainText("Selected schools are told");
  await waitForEmail(headTeacher.email, (m) => m.subject.startsWith("We’ve received your application"));

  // The hub reviews: from the programme page to the review list, in priority order.
  const hub = await newPage(browser, accounts.archimedesAdmin);
  await openProgramme(hub, PROGRAMME);
  await hub.getByRole("main").getByRole("link", { name: "Review applications" }).click();
  await expect(hub.getByRole("heading", { level: 1, name: "Review applications" })).toBeVisible();
  await expect(menu(hub).getByRole("link", { name: "Review applications" })).toHaveAttribute("aria-current", "page");
  const row = hub.getByRole("row").filter({ hasText: "Carmel Academy" });
  await expect(row).toContainText("Submitted");
  await expect(hub.getByText(/^\d+ applications?, in priority order$/)).toBeVisible();
  await expect(hub.getByRole("link", { name: "Download as CSV" })).toHaveAttribute(
    "href",
    /\/api\/v1\/applications\.csv\?programme=\d+/,
  );
  await expectNoSeriousViolations(hub);
  await hub.screenshot({ path: testInfo.outputPath("review.png"), fullPage: true });

  // A decision with nothing selected is an error on the page.
  await hub.getByRole("button", { name: "Shortlist" }).click();
  await expect(hub.getByRole("alert")).toContainText("Select the applications to decide on");
  await expect(hub).toHaveTitle(/^Error: Review applications/);

  await row.getByLabel("Select Carmel Academy").check();
  await hub.getByLabel("Note to the schools (optional)").fill("Thank you: we would like to visit.");
  await hub.getByRole("button", { name: "Shortlist" }).click();
  await expect(hub.getByRole("alert").filter({ hasText: "1 shortlisted." })).toBeVisible();
  await expect(row).toContainText("Shortlisted");
  const told = await waitForEmail(headTeacher.email, (m) => m.subject.includes("has been shortlisted"));
  expect(told.text).toContain("Thank you: we would like to visit.");

  await row.getByLabel("Select Carmel Academy").check();
  await hub.getByRole("button", { name: "Select", exact: true }).click();
  await expect(hub.getByRole("alert").filter({ hasText: "1 selected." })).toBeVisible();
  await expect(row).toContainText("Selected");
  await waitForEmail(headTeacher.email, (m) => m.subject.includes("has a place on"));

  // A decision the API refuses is reported, with its reason.
  await row.getByLabel("Select Carmel Academy").check();
  await hub.getByRole("button", { name: "Shortlist" }).click();
  const refused = hub.getByRole("alert").filter({ hasText: "1 could not be shortlisted." });
  await expect(refused).toContainText("Carmel Academy: An application that is selected cannot become shortlisted");

  // Filtered to the selected: the count and the filter said above the table.
  await hub.getByLabel("Status").selectOption({ label: "Selected" });
  await hub.getByRole("button", { name: "Apply filters" }).click();
  await expect(hub).toHaveURL(/status=selected/);
  await expect(hub.getByText("1 application, in priority order, status: Selected")).toBeVisible();

  // From the application, the hub invites its head teacher to sign in for the school.
  await row.getByRole("link", { name: "Carmel Academy" }).click();
  await expect(hub.getByRole("heading", { level: 2, name: "Accounts for the school" })).toBeVisible();
  await hub.getByRole("button", { name: `Invite ${headTeacher.name}, the head teacher` }).click();
  await expect(hub.getByRole("status").filter({ hasText: `Invitation sent to ${headTeacher.name}` })).toBeVisible();
  await expectNoSeriousViolations(hub);
  const invitation = await waitForEmail(headTeacher.email, (m) => m.subject.startsWith("You are invited"));
  expect(invitation.text).toContain("/invitation/");
  await hub.context().close();

  // The school sees "Selected" and what happens next.
  await menu(page).getByRole("link", { name: "My applications" }).click();
  const selected = page.getByRole("row").filter({ hasText: PROGRAMME });
  await expect(selected).toContainText("Selected");
  await expect(selected).toContainText("Your school has a place.");
});

/** A date as the API says it: "Friday 9 January 2026". */
function longDate(date: Date): string {
  const days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
  const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  return `${days[date.getUTCDay()] ?? ""} ${String(date.getUTCDate())} ${months[date.getUTCMonth()] ?? ""} ${String(date.getUTCFullYear())}`;
}

/** Call the API from the signed-in page, with its session and CSRF token, as the SPA would. */
async function callApi(page: Page, method: string, path: string, body: unknown, ifMatch?: string) {
  return page.evaluate(
    async ({ method, path, body, ifMatch }) => {
      const me = (await (await fetch("/api/v1/auth/me")).json()) as { csrf_token: string };
      const response = await fetch(path, {
        method,
        headers: {
          "Content-Type": "application/json",
          "X-CSRF-Token": me.csrf_token,
          ...(ifMatch ? { "If-Match": ifMatch } : {}),
        },
        body: JSON.stringify(body),
      });
      return { status: response.status, etag: response.headers.get("ETag"), body: (await response.json()) as unknown };
    },
    { method, path, body, ifMatch },
  );
}

test("after the closing date a school is stopped before it starts, naming the closing date", async ({ page, browser }) => {
  test.setTimeout(90_000);
  reportServerErrors(page);
  // The hub opens a programme whose closing date passed a week ago.
  const closed = new Date(e2eNow().getTime() - 7 * 24 * 3600 * 1000);
  const opened = new Date(closed.getTime() - 30 * 24 * 3600 * 1000);
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const startYear = closed.getUTCMonth() >= 8 ? closed.getUTCFullYear() : closed.getUTCFullYear() - 1;
  const title = `Late Work Group ${run}`;
  const hub = await newPage(browser, accounts.archimedesAdmin);
  const created = await callApi(hub, "POST", "/api/v1/programmes", {
    title,
    stage: "development",
    phase: "secondary",
    audience: "schools",
    summary: "A Work Group whose closing date has passed.",
    who_can_take_part: "Secondary schools.",
    hub_id: "archimedes-ne",
    academic_year: `${String(startYear)}-${String((startYear + 1) % 100).padStart(2, "0")}`,
    applications_open_on: day(opened),
    closing_date: day(closed),
    application_form: { head_of_department: true, participants_min: 1, participants_max: 2 },
  });
  expect(created.status).toBe(201);
  const { id } = created.body as { id: number };
  const open = await callApi(hub, "PATCH", `/api/v1/programmes/${String(id)}`, { status: "open" }, created.etag ?? "");
  expect(open.status).toBe(200);
  await hub.context().close();

  // The school is stopped before it starts: the closing date is named, and there is no start button.
  await signIn(page, accounts.carmelContact);
  await openProgramme(page, title);
  await expect(page.getByRole("heading", { name: "Your school cannot apply" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(`Applications closed at 11:59pm on ${longDate(closed)}.`);
  await expect(page.getByRole("button", { name: "Start an application" })).toHaveCount(0);
  await expectNoSeriousViolations(page);
});
