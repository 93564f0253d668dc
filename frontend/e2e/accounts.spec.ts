import type { Browser, Page } from "@playwright/test";
import { accounts, totpCode } from "./accounts";
import { expectNoSeriousViolations } from "./axe";
import { waitForEmail, type Email } from "./mail";
import { atTestMoment, expect, test } from "./test";

// A hub administrator, signing in with a code from an authenticator app, invites a Mastery
// Specialist and a school contact; each follows the link a real SMTP server caught
// (e2e/smtp_sink.py), chooses a password and is signed in to the pages of their role. The
// school contact forgets the password and resets it; the administrator deactivates the
// specialist, whose open session stops at once. Addresses are new on each run, so that a
// reused server's old email never answers for this run's.

const run = String(Date.now());
const specialist = { name: "Mina Specialist", email: `mina.${run}@example.org`, password: "mina chooses four words" };
const contact = { name: "Scott Contact", email: `scott.${run}@example.org`, password: "scott likes long passwords" };
const NEW_PASSWORD = "scott remembers this one now";

/** The path of the first link to `prefix` in an email ("/invitation/<token>"). */
function linkPath(email: Email, prefix: string): string {
  const match = new RegExp(`https?://[^/\\s]+(${prefix}/[A-Za-z0-9_-]+)`).exec(email.text);
  if (!match?.[1]) throw new Error(`No ${prefix} link in the email "${email.subject}"`);
  return match[1];
}

async function newPage(browser: Browser): Promise<Page> {
  const context = await atTestMoment(await browser.newContext());
  return context.newPage();
}

/** The invited person follows their link and chooses a password: signed in at once. */
async function acceptInvitation(browser: Browser, person: typeof specialist): Promise<Page> {
  const message = await waitForEmail(person.email, (m) => m.subject.startsWith("You are invited"));
  expect(message.text).toContain(`Dear ${person.name},`);
  const page = await newPage(browser);
  await page.goto(linkPath(message, "/invitation"));
  await expect(page.getByRole("heading", { level: 1, name: "Create your account" })).toBeVisible();
  await expect(page.getByText(person.email)).toBeVisible();
  await expectNoSeriousViolations(page);
  // A commonly used password is refused, saying why.
  await page.getByLabel("Choose a password").fill("password1234");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("alert").getByRole("link", { name: /harder to guess/ })).toBeVisible();
  await page.getByLabel("Choose a password").fill(person.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("banner")).toContainText(person.name);
  return page;
}

test("a hub administrator invites people, who sign in; a password is reset; an account is deactivated", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  // The administrator signs in with a password and a code from their authenticator app.
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(accounts.peopleAdmin.email);
  await page.getByLabel("Password").fill(accounts.peopleAdmin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Enter your code" })).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.getByLabel("Code", { exact: true }).fill("000000");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").getByRole("link", { name: /The code is not right/ })).toBeVisible();
  await page.getByLabel("Code", { exact: true }).fill(await totpCode());
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("banner")).toContainText(accounts.peopleAdmin.name);

  // People: invite a Mastery Specialist and a school contact of St Bede’s Catholic Primary School (100001).
  // People are managed from the administrator's account page, reached from their name in the header.
  await page.getByRole("banner").getByRole("link", { name: accounts.peopleAdmin.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  await page.getByRole("link", { name: "Invite people, change their roles, deactivate accounts" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.getByLabel("Name", { exact: true }).fill(specialist.name);
  await page.getByLabel("Email address").fill(specialist.email);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "Mastery Specialist" });
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("alert")).toContainText(`${specialist.name} has been invited`);
  await page.getByLabel("Name", { exact: true }).fill(contact.name);
  await page.getByLabel("Email address").fill(contact.email);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "School contact" });
  await page.getByLabel("School URN (for a school contact)").fill("100001");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("alert")).toContainText(`${contact.name} has been invited`);
  const invited = page.getByRole("row").filter({ hasText: contact.email });
  await expect(invited.getByText("Invited")).toBeVisible();

  // Each follows their link and lands on the pages of their role.
  const specialistPage = await acceptInvitation(browser, specialist);
  await expect(specialistPage.getByRole("banner")).toContainText("Mastery Specialist");
  await specialistPage.getByRole("navigation").getByRole("link", { name: "My groups" }).first().click();
  await expect(specialistPage.getByRole("heading", { level: 1 })).toBeVisible();
  await specialistPage.goto("/people");
  await expect(specialistPage.getByRole("heading", { level: 1, name: "People" })).toHaveCount(0);

  const contactPage = await acceptInvitation(browser, contact);
  await expect(contactPage.getByRole("banner")).toContainText("School contact");
  await expect(contactPage.getByRole("navigation").getByRole("link", { name: "My school" }).first()).toBeVisible();

  // The school contact signs out, forgets the password and resets it from the emailed link.
  await contactPage.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await contactPage.goto("/sign-in");
  await contactPage.getByRole("link", { name: "Forgotten your password?" }).click();
  await expect(contactPage.getByRole("heading", { level: 1, name: "Reset your password" })).toBeVisible();
  await expectNoSeriousViolations(contactPage);
  await contactPage.getByLabel("Email address").fill(contact.email);
  await contactPage.getByRole("button", { name: "Send the link" }).click();
  await expect(contactPage.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
  const reset = await waitForEmail(contact.email, (m) => m.subject.startsWith("Reset your"));
  await contactPage.goto(linkPath(reset, "/reset-password"));
  await expect(contactPage.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
  await expectNoSeriousViolations(contactPage);
  await contactPage.getByLabel("New password").fill(NEW_PASSWORD);
  await contactPage.getByRole("button", { name: "Change password" }).click();
  await expect(contactPage.getByRole("heading", { level: 1, name: "Your password has been changed" })).toBeVisible();
  await contactPage.getByRole("link", { name: "Sign in with your new password" }).click();
  await contactPage.getByLabel("Email address").fill(contact.email);
  await contactPage.getByLabel("Password").fill(NEW_PASSWORD);
  await contactPage.getByRole("button", { name: "Sign in" }).click();
  await expect(contactPage.getByRole("banner")).toContainText(contact.name);
  // The link worked once.
  await contactPage.goto(linkPath(reset, "/reset-password"));
  await expect(contactPage.getByRole("heading", { level: 1, name: "This link can no longer be used" })).toBeVisible();

  // The administrator deactivates the specialist; the specialist's open session stops at once.
  await page.reload();
  await page.getByRole("button", { name: `Deactivate ${specialist.name}` }).click();
  await expect(page.getByRole("alert")).toContainText(`${specialist.name} has been deactivated`);
  await expect(page.getByRole("row").filter({ hasText: specialist.email }).getByText("Deactivated")).toBeVisible();
  await specialistPage.goto("/work-groups");
  await expect(specialistPage.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expect(specialistPage.getByText("You need to sign in to see that page.")).toBeVisible();

  // At a phone's width the People page still reads: its table scrolls within the page.
  await page.setViewportSize({ width: 375, height: 800 });
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
  await expectNoSeriousViolations(page);
});

test("a person sees where they are signed in and signs out everywhere", async ({ page, browser }) => {
  const other = await newPage(browser);
  for (const tab of [page, other]) {
    await tab.goto("/sign-in");
    await tab.getByLabel("Email address").fill(accounts.ellesmereContact.email);
    await tab.getByLabel("Password").fill(accounts.ellesmereContact.password);
    await tab.getByRole("button", { name: "Sign in" }).click();
    await expect(tab.getByRole("banner")).toContainText(accounts.ellesmereContact.name);
  }
  await page.getByRole("banner").getByRole("link", { name: accounts.ellesmereContact.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  await expect(page.getByText("This browser")).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await other.goto("/schools");
  await expect(other.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
});
