import type { APIResponse, Browser, Page } from "@playwright/test";
import { accounts, signIn, type Account } from "./accounts";
import { expectNoSeriousViolations } from "./axe";
import { waitForEmail } from "./mail";
import { atTestMoment, expect, test } from "./test";
import { pageOverflow } from "./workGroups";

// The money path through the pages: Tatton Vale High School (URN 100030, Cheshire and Wirral,
// which no demo group or other test uses) is selected for a programme of its own with matched
// funding for textbooks (set up through the API, below); its contact claims what the school
// spent with an invoice as evidence; the hub approves the claim, puts it on the month's
// statement, closes the statement and marks it paid; the school sees it paid; the hub claws it
// back and the next open statement shows the negative line. Names are new on each run.

const RUN = Date.now().toString(36);
const TITLE = `Tatton Vale textbooks ${RUN}`;
const SCHOOL = "Tatton Vale High School";
const HUB = "cheshire-and-wirral";
const INVOICE = `INV-${RUN}`;
const SPENT = "1,234.56";
const SPENT_SHOWN = "£1,234.56";
const PHONE = { width: 375, height: 812 };

function reportServerErrors(page: Page) {
  page.on("response", (response) => {
    if (response.status() >= 500) {
      console.error(`Server error: ${response.request().method()} ${response.url()} answered ${String(response.status())}`);
    }
  });
}

/** Someone signed in in a browser of their own; a school contact's is a phone, 375 px wide. */
async function personIn(browser: Browser, account: Account, viewport?: { width: number; height: number }): Promise<Page> {
  const context = await atTestMoment(await browser.newContext(viewport ? { viewport } : {}));
  const page = await context.newPage();
  reportServerErrors(page);
  await signIn(page, account);
  return page;
}

/** The CSRF header the API asks of every unsafe request made with the session's cookie. */
async function csrfOf(page: Page): Promise<Record<string, string>> {
  const token = await page.evaluate(async () => {
    const me = (await (await fetch("/api/v1/auth/me")).json()) as { csrf_token: string };
    return me.csrf_token;
  });
  return { "X-CSRF-Token": token };
}

async function ok(response: APIResponse, status = 200): Promise<Record<string, unknown>> {
  expect(response.status(), await response.text()).toBe(status);
  return (await response.json()) as Record<string, unknown>;
}

/**
 * Through the API the SPA calls: the hub publishes a programme with matched funding of up to
 * £2,000 for textbooks; the school applies (its head teacher confirms from the emailed link)
 * and submits; the hub selects it and forms the Work Group, which records the entitlement.
 */
async function schoolSelectedForMatchedFunding(hub: Page, school: Page) {
  const hubHeaders = await csrfOf(hub);
  const created = await ok(
    await hub.request.post("/api/v1/programmes", {
      headers: hubHeaders,
      data: {
        hub_id: HUB,
        academic_year: "2026-27",
        title: TITLE,
        stage: "development",
        phase: "secondary",
        audience: "schools",
        eligibility_rules: [],
        summary: "Textbooks for teaching for mastery, with the hub matching what each school spends.",
        who_can_take_part: "Secondary schools in Cheshire and Wirral.",
        closing_date: "2027-03-31",
        claim_deadline: "2027-07-31",
        funding: {
          free_to_participate: true,
          grants: [{ kind: "matched", purpose: "textbooks", amount: { amount_pence: 200000, currency: "GBP" } }],
        },
        commitments: ["Buy textbooks that support teaching for mastery."],
        application_form: { participants_min: 0, participants_max: 1 },
      },
    }),
    201,
  );
  const programmeId = Number(created.id);
  const read = await hub.request.get(`/api/v1/programmes/${String(programmeId)}`);
  await ok(
    await hub.request.patch(`/api/v1/programmes/${String(programmeId)}`, {
      headers: { ...hubHeaders, "If-Match": read.headers().etag ?? "" },
      data: { status: "open" },
    }),
  );

  const schoolHeaders = await csrfOf(school);
  const head = { name: "Tanya Vale", email: `head.${RUN}@tattonvale.example` };
  const application = await ok(
    await school.request.post("/api/v1/applications", {
      headers: schoolHeaders,
      data: { programme_id: programmeId, head_teacher: head, statement: "We want every class to have good textbooks." },
    }),
    201,
  );
  const url = `/api/v1/applications/${String(application.id)}`;
  await ok(await school.request.post(`${url}/signature-requests`, { headers: schoolHeaders }));
  const email = await waitForEmail(head.email, (m) => m.subject.includes(TITLE));
  const token = /\/sign\/([A-Za-z0-9_-]+)/.exec(email.text)?.[1] ?? "";
  const signature = await ok(await school.request.get(`/api/v1/signatures/${token}`));
  await ok(
    await school.request.post(`/api/v1/signatures/${token}/confirm`, { data: { commitments: signature.commitments } }),
  );
  await ok(await school.request.post(`${url}/submit`, { headers: schoolHeaders }));

  await ok(await hub.request.post(`${url}/decisions`, { headers: hubHeaders, data: { decision: "selected" } }));
  const specialists = await ok(await hub.request.get("/api/v1/people?role=mastery_specialist&q=Mo%20Specialist"));
  const lead = (specialists.items as { id: number }[])[0];
  await ok(
    await hub.request.post("/api/v1/work-groups", {
      headers: hubHeaders,
      data: { programme_id: programmeId, name: `${TITLE} group`, lead_person_id: lead?.id, from_selection: true },
    }),
    201,
  );
}

/** A small real PDF, made here: the API decides the file's type from its bytes. */
function invoicePdf(): Buffer {
  const text = `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >> endobj
trailer << /Root 1 0 R >>
%%EOF
`;
  return Buffer.from(text, "latin1");
}

test("a school claims matched funding, the hub pays it on the month's statement, then claws it back", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  reportServerErrors(page);
  await signIn(page, accounts.hubAdmin);
  const school = await personIn(browser, accounts.grantsContact, PHONE);
  await schoolSelectedForMatchedFunding(page, school);

  // 1. The school finds its grants from the menu: the new entitlement, with nothing missing.
  const menu = school.getByRole("navigation", { name: "Menu" });
  await menu.getByRole("button", { name: "Menu" }).click();
  await menu.getByRole("link", { name: "Grants" }).click();
  await expect(school.getByRole("heading", { level: 1, name: "Grants" })).toBeVisible();
  const card = school.getByRole("region", { name: new RegExp(TITLE) });
  await expect(card).toContainText("Up to £2,000.00");
  await expect(card).toContainText("Entitled");
  expect(await pageOverflow(school)).toBeLessThanOrEqual(0);
  await expectNoSeriousViolations(school);

  // 2. It claims: the page checks the spend first, then the claim goes with its evidence.
  await card.getByRole("button", { name: /Claim matched funding/ }).click();
  await expect(school.getByRole("heading", { level: 1, name: "Claim matched funding" })).toBeVisible();
  await expect(school.getByText("A PDF, PNG or JPEG file, up to 10 MB")).toBeVisible();
  await school.getByLabel("How much did the school spend?").fill("12.345");
  await school.getByRole("button", { name: "Send the claim" }).click();
  const summary = school.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary.getByRole("link", { name: /in pounds and pence/ })).toBeVisible();
  await expect(school).toHaveTitle(/^Error: /);
  expect(await pageOverflow(school)).toBeLessThanOrEqual(0);
  await expectNoSeriousViolations(school);
  await school.getByLabel("How much did the school spend?").fill(SPENT);
  await school.getByLabel("Invoice reference").fill(INVOICE);
  // A file that only calls itself a PDF: the API reads its content and refuses it, at the field.
  await school.getByLabel("Invoice or receipt").setInputFiles({
    name: "invoice.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("Just some words, not a PDF at all.\n"),
  });
  await school.getByRole("button", { name: "Send the claim" }).click();
  await expect(summary.locator('a[href="#evidence"]')).toBeVisible();
  await expect(school.locator("#evidence-error")).toBeVisible();
  await school.getByLabel("Invoice or receipt").setInputFiles({
    name: "invoice.pdf",
    mimeType: "application/pdf",
    buffer: invoicePdf(),
  });
  await school.getByRole("button", { name: "Send the claim" }).click();
  const sent = school.getByRole("alert").filter({ hasText: /Claim GC-\d+ sent/ });
  await expect(sent).toBeVisible();
  const reference = /GC-\d+/.exec((await sent.textContent()) ?? "")?.[0] ?? "";
  await expect(school.getByRole("region", { name: new RegExp(TITLE) })).toContainText("Submitted");

  // 3. The hub's queue shows it; the hub opens it, sees the evidence, and approves it.
  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Grants" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Grant claims" })).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.getByRole("link", { name: reference, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(`Claim ${reference}`) })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(SCHOOL);
  await expect(page.getByRole("main")).toContainText(SPENT_SHOWN);
  const evidence = page.getByRole("link", { name: /Download invoice\.pdf/ });
  const download = await page.request.get((await evidence.getAttribute("href")) ?? "");
  expect(download.headers()["content-type"]).toBe("application/pdf");
  await expectNoSeriousViolations(page);
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("alert").filter({ hasText: `Claim ${reference} approved` })).toBeVisible();

  // 4. It goes on the statement offered first: this month's (January 2027) on a fresh server, or
  // the open one a run before left; the statement closes and is paid.
  const choice = page.getByRole("group", { name: "Which statement?" }).getByRole("radio", { checked: true });
  await expect(choice).toHaveCount(1);
  await page.getByRole("button", { name: "Add to statement" }).click();
  const added = page.getByRole("alert").filter({ hasText: `Claim ${reference} added to the statement for` });
  await expect(added).toBeVisible();
  const month = /for (\w+ \d{4})/.exec((await added.textContent()) ?? "")?.[1] ?? "";
  await page.locator(".govuk-summary-list__row", { hasText: "Payment statement" }).getByRole("link", { name: month }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(`Statement for ${month}`) })).toBeVisible();
  const line = page.getByRole("row").filter({ hasText: reference });
  await expect(line).toContainText(SPENT_SHOWN);
  await expectNoSeriousViolations(page);
  // On a phone, the wide tables scroll in their own regions: the page itself does not.
  const desk = page.viewportSize();
  await page.setViewportSize(PHONE);
  expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
  if (desk) await page.setViewportSize(desk);
  const csv = await page.request.get((await page.getByRole("link", { name: /Download the statement as CSV/ }).getAttribute("href")) ?? "");
  expect(await csv.text()).toContain(reference);
  await page.getByRole("button", { name: "Close for payment" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "closed for payment" })).toBeVisible();
  const paidOn = page.getByRole("group", { name: "Payment date" });
  await paidOn.getByLabel("Day").fill("19");
  await paidOn.getByLabel("Month").fill("1");
  await paidOn.getByLabel("Year").fill("2027");
  await page.getByLabel("Payment reference").fill(`BACS-${RUN}`);
  await page.getByRole("button", { name: "Mark paid" }).click();
  await expect(page.getByRole("alert").filter({ hasText: `The statement for ${month} is paid` })).toBeVisible();
  await expect(page.getByRole("button", { name: "Mark paid" })).toHaveCount(0);

  // 5. The school sees its claim paid.
  await school.reload();
  await expect(school.getByRole("region", { name: new RegExp(TITLE) })).toContainText("Paid");

  // 6. The national picture for the hub shows what was committed and paid.
  await page.getByRole("navigation", { name: "Grants" }).getByRole("link", { name: "Committed and paid" }).click();
  const figures = page.getByRole("row").filter({ hasText: TITLE });
  await expect(figures).toContainText("£2,000.00");
  await expect(figures).toContainText(SPENT_SHOWN);
  await expectNoSeriousViolations(page);

  // The hub's other grants pages: every school's grants, and the statements, the paid one listed.
  await page.getByRole("navigation", { name: "Grants" }).getByRole("link", { name: "Schools' grants" }).click();
  await expect(page.getByRole("row").filter({ hasText: TITLE })).toContainText(SCHOOL);
  await expectNoSeriousViolations(page);
  await page.getByRole("navigation", { name: "Grants" }).getByRole("link", { name: "Statements" }).click();
  await expect(page.getByRole("row").filter({ hasText: month })).toContainText("Paid");
  await expectNoSeriousViolations(page);

  // 7. The hub claws the payment back: it goes on the next open statement as a negative line.
  await page.goto("/grants/claims?status=paid");
  await page.getByRole("link", { name: reference, exact: true }).click();
  await page.getByLabel("Why is the payment clawed back?").fill("The textbooks were returned to the supplier.");
  await page.getByRole("button", { name: "Claw back the payment" }).click();
  await expect(page.getByRole("alert").filter({ hasText: `Claim ${reference} is being clawed back` })).toBeVisible();
  await page.locator(".govuk-summary-list__row", { hasText: "Clawback statement" }).getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: /Statement for/ })).toBeVisible();
  const clawback = page.getByRole("row").filter({ hasText: reference });
  await expect(clawback).toContainText("Clawback");
  await expect(clawback).toContainText(`\u2212${SPENT_SHOWN}`);
  await expectNoSeriousViolations(page);
});
