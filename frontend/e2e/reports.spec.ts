// Each report as hub staff and as a national administrator, on a desktop and a phone: the
// numbers the chart was drawn from (its data-chart) are the table's, the CSV downloaded says
// the same, and axe finds nothing serious.
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { accounts, signIn, type Account } from "./accounts";
import { expectNoSeriousViolations } from "./axe";
import { expect, test } from "./test";

type ChartData = { labels: string[]; series: { label: string; values: (number | null)[] }[] };

/** "1,234" → 1234, "45.5%" → 45.5, "−£1,000.50" → -1000.5, "–" → null (as src/features/reports/figures.ts reads them). */
function figure(text: string): number | null {
  const cleaned = text.replace(/[,%£\s]/g, "").replace("−", "-");
  if (cleaned === "" || cleaned === "–") return null;
  return Number(cleaned);
}

function parseCsv(text: string): Record<string, string>[] {
  const [head = "", ...lines] = text.trim().split(/\r?\n/);
  const split = (line: string) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)?.map((cell) => cell.replace(/,$/, "").replace(/^"|"$/g, "").replace(/""/g, '"')) ?? [];
  const names = split(head);
  return lines.map((line) => Object.fromEntries(split(line).map((cell, index) => [names[index] ?? String(index), cell])));
}

/** The chart's numbers equal the table's, row by row and column by column; returns the table's body rows. */
async function chartMatchesTable(page: Page): Promise<{ labels: string[]; columns: Record<string, (number | null)[]> }> {
  const figureElement = page.locator("figure[data-chart]").first();
  const data = JSON.parse((await figureElement.getAttribute("data-chart")) ?? "{}") as ChartData;
  const tableId = (await figureElement.getAttribute("data-chart-table")) ?? "";
  const table = page.locator(`table#${tableId}`);
  const labels = await table.locator("tbody th[data-row-label]").evaluateAll((cells) => cells.map((cell) => cell.getAttribute("data-row-label") ?? ""));
  expect(data.labels).toEqual(labels);
  const columns: Record<string, (number | null)[]> = {};
  for (const series of data.series) {
    const cells = await table.locator(`tbody td[data-label="${series.label}"]`).allInnerTexts();
    columns[series.label] = cells.map(figure);
    expect(series.values, `the chart's ${series.label} against the table's`).toEqual(columns[series.label]);
  }
  // The canvas is an image named by its title and pointing to the table.
  await expect(figureElement.getByRole("img")).toHaveAccessibleName(/.+/);
  return { labels, columns };
}

async function downloadCsv(page: Page, name: RegExp): Promise<Record<string, string>[]> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
  return parseCsv(readFileSync(await download.path(), "utf8"));
}

type Report = {
  path: string;
  heading: string;
  csvLink: RegExp;
  /** Compare the CSV's rows with what the chart and table showed. */
  check: (csv: Record<string, string>[], shown: { labels: string[]; columns: Record<string, (number | null)[]> }) => void;
};

const num = (value: string | undefined) => (value === undefined || value === "" ? null : Number(value));

const REPORTS: Report[] = [
  {
    path: "/reports/coverage",
    heading: "Coverage",
    csvLink: /Download the coverage figures as CSV/,
    check: (csv, shown) => {
      const rows = csv.slice(0, -1); // the last row is the total
      expect(rows.map((row) => row.label)).toEqual(shown.labels);
      expect(rows.map((row) => num(row.coverage_percent))).toEqual(shown.columns.Coverage);
    },
  },
  {
    path: "/reports/funnel",
    heading: "Journey funnel",
    csvLink: /Download the funnel as CSV/,
    check: (csv, shown) => {
      expect(csv.map((row) => num(row.development))).toEqual(shown.columns.Development);
      expect(csv.map((row) => num(row.embedding))).toEqual(shown.columns.Embedding);
      expect(csv.map((row) => num(row.sustaining))).toEqual(shown.columns.Sustaining);
    },
  },
  {
    path: "/reports/attendance",
    heading: "Attendance and release time",
    csvLink: /Download attendance per group and session as CSV/,
    check: (csv, shown) => {
      const groups = csv.filter((row) => row.session_number === "");
      expect(groups.map((row) => num(row.rate_percent))).toEqual(shown.columns["Attendance rate"]);
    },
  },
  {
    path: "/reports/grants",
    heading: "Grants",
    csvLink: /Download grants by month as CSV/,
    check: (csv, shown) => {
      const months = csv.slice(0, -1);
      expect(months.map((row) => row.month_label)).toEqual(shown.labels);
      expect(months.map((row) => num(row.committed_gbp))).toEqual(shown.columns.Committed);
      expect(months.map((row) => num(row.paid_gbp))).toEqual(shown.columns.Paid);
    },
  },
];

async function openReport(page: Page, report: Report) {
  await page.goto(report.path);
  await expect(page.getByRole("heading", { level: 1, name: report.heading, exact: true })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Loading" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: report.csvLink })).toBeVisible();
}

const PEOPLE: [string, Account][] = [
  ["hub staff", accounts.hubAdmin],
  ["a national administrator", accounts.nationalAdmin],
];
const WIDTHS = [1280, 375];

for (const [who, account] of PEOPLE) {
  for (const width of WIDTHS) {
    test(`${who} reads each report at ${String(width)}px: chart, table and CSV agree`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await signIn(page, account);
      for (const report of REPORTS) {
        await openReport(page, report);
        // The demo data has figures for every report, for the hub and nationally.
        await expect(page.locator("figure[data-chart]")).not.toHaveCount(0);
        const shown = await chartMatchesTable(page);
        expect(shown.labels.length).toBeGreaterThan(0);
        report.check(await downloadCsv(page, report.csvLink), shown);
        await expectNoSeriousViolations(page);
        // No sideways scrolling on a phone.
        if (width === 375) {
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
        }
      }
      // Recruitment: a demo programme schools have applied to (other specs add programmes nobody
      // has applied to yet, which have no chart), then the same checks.
      await page.goto("/reports/recruitment");
      await page
        .getByRole("list", { name: "Choose a programme" })
        .getByRole("link", { name: /^Primary Mastery Development Programme \(/ })
        .first()
        .click();
      await expect(page.getByRole("heading", { level: 1, name: /^Recruitment: / })).toBeVisible();
      await expect(page.getByRole("link", { name: /Download recruitment per day as CSV/ })).toBeVisible();
      await expect(page.locator("figure[data-chart]")).toHaveCount(1);
      const shown = await chartMatchesTable(page);
      const csv = await downloadCsv(page, /Download recruitment per day as CSV/);
      expect(csv.map((row) => num(row.submitted))).toEqual(shown.columns["Submitted that day"]);
      expect(csv.map((row) => num(row.cumulative))).toEqual(shown.columns["Submitted so far"]);
      await expectNoSeriousViolations(page);
    });
  }
}

test("a national administrator sees every hub side by side and opens one", async ({ page }) => {
  await signIn(page, accounts.nationalAdmin);
  await page.goto("/reports/coverage");
  const table = page.locator("table#coverage-table");
  await expect(table).toBeVisible();
  expect(await table.locator("tbody tr").count()).toBeGreaterThan(1);
  const first = table.locator("tbody th a").first();
  const name = await first.innerText();
  await first.click();
  await expect(page).toHaveURL(/[?&]hub=/);
  await expect(page.locator("table#coverage-table tbody tr")).toHaveCount(1);
  await expect(page.getByRole("definition").filter({ hasText: name })).toBeVisible();
});

test("hub staff reach the reports from the navigation and see the engaged definition and snapshot date", async ({ page }) => {
  await signIn(page, accounts.hubAdmin);
  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Reports" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
  await page.getByRole("link", { name: "Coverage" }).click();
  await expect(page.getByRole("term").filter({ hasText: "Engaged" })).toBeVisible();
  await expect(page.getByRole("term").filter({ hasText: "Register snapshot" })).toBeVisible();
  await expect(page.getByRole("term").filter({ hasText: "As at" })).toBeVisible();
});
