// Hub staff set a key's rate limit: when issuing it, and later from the list (issue 17).
import { accounts, signIn } from "./accounts";
import { expectNoSeriousViolations } from "./axe";
import { expect, test } from "./test";

function uniqueName(prefix: string): string {
  return `${prefix} ${String(Date.now())}`;
}

test("a key is issued with a rate limit, and the limit is changed from the list", async ({ page }) => {
  await signIn(page, accounts.hubAdmin);
  await page.goto("/admin/api-keys");
  const name = uniqueName("Limited sync");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("checkbox", { name: "Read schools" }).check();

  // Not a number: caught before asking the API, at the field.
  const field = page.getByLabel("Requests a minute (optional)");
  await field.fill("lots");
  await page.getByRole("button", { name: "Issue key" }).click();
  const summary = page.getByRole("alert");
  await expect(
    summary.getByRole("link", { name: "Requests a minute: Requests a minute must be a whole number, like 120" }),
  ).toBeVisible();

  await field.fill("120");
  await page.getByRole("button", { name: "Issue key" }).click();
  await expect(page.getByRole("heading", { name: /^Key ‘Limited sync/ })).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("120 a minute");

  await row.getByRole("button", { name: `Change the rate limit of ${name}` }).click();
  const form = page.getByRole("region", { name: `Rate limit of ‘${name}’` });
  await expect(form.getByRole("heading")).toBeFocused();
  await expect(form.getByLabel("Requests a minute")).toHaveValue("120");
  await form.getByLabel("Requests a minute").fill("0");
  await form.getByRole("button", { name: "Save rate limit" }).click();
  await expect(form).toContainText("Error: Requests a minute must be between 1 and 1,000,000");
  await expectNoSeriousViolations(page);

  await form.getByLabel("Requests a minute").fill("60");
  await form.getByRole("button", { name: "Save rate limit" }).click();
  await expect(page.getByRole("heading", { name: `Rate limit of ‘${name}’ saved` })).toBeVisible();
  await expect(row).toContainText("60 a minute");

  // Empty: back to the service's default.
  await row.getByRole("button", { name: `Change the rate limit of ${name}` }).click();
  await page.getByRole("region", { name: `Rate limit of ‘${name}’` }).getByLabel("Requests a minute").fill("");
  await page.getByRole("button", { name: "Save rate limit" }).click();
  await expect(row).toContainText("Service default");
  await expectNoSeriousViolations(page);
});
