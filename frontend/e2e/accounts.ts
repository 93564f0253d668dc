import { expect, type Page } from "@playwright/test";

/** The accounts e2e/serve.sh creates after loading the demo data (keep the two in step). */
export const accounts = {
  hubAdmin: { email: "hub.admin@example.org", password: "hub-admin-e2e-password", name: "Hana Admin" },
  /** Every hub side by side: the reports tests. */
  nationalAdmin: { email: "national.admin@example.org", password: "national-admin-e2e-password", name: "Nia National" },
  schoolContact: { email: "school.contact@example.org", password: "school-contact-e2e-password", name: "Sam Contact" },
  /** Only for the wrong-password test: sign-in failures are throttled per account. */
  specialist: { email: "mastery.specialist@example.org", password: "specialist-e2e-password", name: "Mo Specialist" },
  /** Carmel Academy (URN 100005, secondary, Archimedes NE): the applications tests. */
  carmelContact: { email: "carmel.contact@example.org", password: "carmel-contact-e2e-password", name: "Cara Contact" },
  /** Archimedes NE's administrator, who reviews Carmel Academy's applications. */
  archimedesAdmin: { email: "archimedes.admin@example.org", password: "archimedes-admin-e2e-password", name: "Archie Admin" },
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

export type Account = (typeof accounts)[keyof typeof accounts];

/** Fill in the sign-in form on the page it is on and wait until the header names them. */
export async function fillSignIn(page: Page, account: Account) {
  await page.getByLabel("Email address").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
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
