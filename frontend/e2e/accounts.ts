import { expect, type Page } from "@playwright/test";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { Secret, TOTP } from "otpauth";
import { e2eNow } from "./moment";

/**
 * The authenticator secret of the administrators e2e/serve.sh creates (two-factor sign-in is
 * required of administrators). Base32, as an authenticator app takes it.
 */
export const TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/** The accounts e2e/serve.sh creates after loading the demo data (keep the two in step). */
export const accounts = {
  hubAdmin: { email: "hub.admin@example.org", password: "hub-admin-e2e-password", name: "Hana Admin", totp: true },
  /** Every hub side by side: the reports tests. */
  nationalAdmin: {
    email: "national.admin@example.org",
    password: "national-admin-e2e-password",
    name: "Nia National",
    totp: true,
  },
  schoolContact: { email: "school.contact@example.org", password: "school-contact-e2e-password", name: "Sam Contact" },
  /** Only for the wrong-password test: sign-in failures are throttled per account. */
  specialist: { email: "mastery.specialist@example.org", password: "specialist-e2e-password", name: "Mo Specialist" },
  /** Carmel Academy (URN 100005, secondary, Archimedes NE): the applications tests. */
  carmelContact: { email: "carmel.contact@example.org", password: "carmel-contact-e2e-password", name: "Cara Contact" },
  /** Archimedes NE's administrator, who reviews Carmel Academy's applications. */
  archimedesAdmin: {
    email: "archimedes.admin@example.org",
    password: "archimedes-admin-e2e-password",
    name: "Archie Admin",
    totp: true,
  },
  /** Cheshire and Wirral's other administrator: the accounts test (inviting, deactivating). */
  peopleAdmin: { email: "people.admin@example.org", password: "people-admin-e2e-password", name: "Pat People", totp: true },
  /** Ellesmere Port Primary School (URN 100044, Cheshire and Wirral): the test of a whole year. */
  ellesmereContact: { email: "ellesmere.contact@example.org", password: "ellesmere-contact-e2e-password", name: "Elle Contact" },
  /** Hummersknott Academy (URN 100022, secondary, Archimedes NE): checking, deleting, withdrawing. */
  hummersknottContact: {
    email: "hummersknott.contact@example.org",
    password: "hummersknott-contact-e2e-password",
    name: "Hugo Contact",
  },
  /** Tatton Vale High School (URN 100030, secondary, Cheshire and Wirral): the grants test. */
  grantsContact: { email: "tattonvale.contact@example.org", password: "tattonvale-contact-e2e-password", name: "Tam Contact" },
} as const;

export type Account = { email: string; password: string; name: string; totp?: boolean };

/** The server's clock: the moment in the clock file it reads (e2e/moment.ts), or the tests' moment. */
async function serverNow(): Promise<Date> {
  const file = process.env.E2E_CLOCK_FILE;
  if (file && existsSync(file)) return new Date((await readFile(file, "utf8")).trim());
  return e2eNow();
}

/** The authenticator app's code at the server's moment. */
export async function totpCode(secret = TOTP_SECRET): Promise<string> {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: (await serverNow()).getTime() });
}

/*
 * The server's clock stands still, so every sign-in of an administrator falls in one 30-second
 * step, whose code works once. Each administrator enters a code once per run and asks to be
 * remembered; the cookie that remembers the browser is kept in this file, and every later
 * context signing in as them is given it, as a person's own browser would have it.
 */
function rememberedFile(): string {
  const file = process.env.E2E_BROWSERS_FILE;
  if (!file) throw new Error("E2E_BROWSERS_FILE is not set: run the tests through playwright.config.ts");
  return file;
}

// By URL, not domain: a cookie given a domain is a domain cookie, which no browser keeps for an
// IP address such as 127.0.0.1.
type Remembered = Record<string, { name: string; value: string; url: string }>;

async function remembered(): Promise<Remembered> {
  const file = rememberedFile();
  return existsSync(file) ? (JSON.parse(await readFile(file, "utf8")) as Remembered) : {};
}

/** Fill in the sign-in form on the page it is on and wait until the header names them. */
export async function fillSignIn(page: Page, account: Account) {
  const known = account.totp ? (await remembered())[account.email] : undefined;
  if (known) await page.context().addCookies([known]);
  await page.getByLabel("Email address").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  if (account.totp) {
    const codePage = page.getByRole("heading", { level: 1, name: "Enter your code" });
    await expect(page.getByRole("banner").getByText(account.name).or(codePage)).toBeVisible();
    if (await codePage.isVisible()) {
      await page.getByLabel("Code", { exact: true }).fill(await totpCode());
      await page.getByLabel("Do not ask for a code on this browser for 30 days").check();
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("banner")).toContainText(account.name);
      const cookie = (await page.context().cookies()).find((c) => c.name === "mh_browser");
      if (cookie) {
        const all = await remembered();
        const url = new URL(cookie.path, page.url()).toString();
        all[account.email] = { name: cookie.name, value: cookie.value, url };
        await writeFile(rememberedFile(), JSON.stringify(all), "utf8");
      }
    }
  }
  await expect(page.getByRole("banner")).toContainText(account.name);
}

/** Sign in from the header's link, as a person would. */
export async function signIn(page: Page, account: Account) {
  await page.goto("/programmes");
  await page.getByRole("banner").getByRole("link", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  // They chose to sign in: no page told them they had to.
  await expect(page.getByText("You need to sign in to see that page.")).toHaveCount(0);
  await fillSignIn(page, account);
}
