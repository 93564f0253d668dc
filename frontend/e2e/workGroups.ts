import { expect, type Page } from "@playwright/test";

// The demo's Work Groups of Cheshire and Wirral, led by Mo Specialist: last years' group
// (completed), this year's (running, some sessions past and some to come) and next year's
// (forming). Ids are found through the pages and the API, never assumed.
export const THIS_YEAR_GROUP = "Cheshire West Sustaining Community";
export const COMPLETED_GROUP = "Cheshire and Wirral Development Work Group";
export const NEXT_YEAR_GROUP = "Wirral Development Work Group";

export type ApiSession = {
  id: number;
  number: number;
  date: string;
  start_time: string;
  kind: string;
  host_urn: string | null;
  status: string;
};

/** From the Work Groups list, open a group by name; its id is the end of the URL. */
export async function openGroup(page: Page, name: string): Promise<number> {
  await page.goto("/work-groups");
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return Number(/\/work-groups\/(\d+)$/.exec(page.url())?.[1]);
}

/** A group's sessions, read through the API with the signed-in person's cookie. */
export async function sessionsOf(page: Page, groupId: number): Promise<ApiSession[]> {
  const response = await page.request.get(`/api/v1/work-groups/${String(groupId)}/sessions`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { items: ApiSession[] }).items;
}

/** How far the page is wider than the screen: wide tables scroll in their own region instead. */
export function pageOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
