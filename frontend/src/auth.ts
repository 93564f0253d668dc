// Who may see what in the SPA. The API decides for itself on every request; these only
// choose which pages and links to offer.
import type { Me, Role } from "./api/client";

/** Those who run a hub: the API keys and audit log pages are theirs. */
export const HUB_STAFF: readonly Role[] = ["national_admin", "hub_admin"];

/** Everyone with a role may search the register and see a school (a school contact only their own school's journey). */
export const SCHOOL_READERS: readonly Role[] = ["national_admin", "hub_admin", "mastery_specialist", "school_contact"];

/** Those who run or lead Work Groups: hub staff, and Mastery Specialists (the groups they lead). */
export const WORK_GROUP_READERS: readonly Role[] = ["national_admin", "hub_admin", "mastery_specialist"];

export function hasRole(me: Me | null | undefined, roles: readonly Role[]): boolean {
  return me?.role != null && roles.includes(me.role);
}

export function isHubStaff(me: Me | null | undefined): boolean {
  return hasRole(me, HUB_STAFF);
}

/** A school contact's own school page, or null for anyone else. */
export function mySchoolPath(me: Me | null | undefined): string | null {
  if (me?.role !== "school_contact" || !me.school_urn) return null;
  return `/schools/${encodeURIComponent(me.school_urn)}`;
}

/** Where someone lands after signing in when they did not come from a page: their hub's programmes. */
export function homeFor(me: Me): string {
  if (me.role === "hub_admin" && me.hub_id) return `/programmes?hub=${encodeURIComponent(me.hub_id)}`;
  return "/programmes";
}

/**
 * Router state saying which page sent someone to sign in, and whether that page needed it
 * (rather than their choosing "Sign in" in the header).
 */
export type ReturnState = { from: string; required?: boolean };

/** True when a page sent someone to sign in because they must be signed in to see it. */
export function signInRequired(state: unknown): boolean {
  return returnPath(state) !== null && (state as { required?: unknown }).required === true;
}

/** The page to go back to after signing in: a path on this site only, never another site. */
export function returnPath(state: unknown): string | null {
  if (typeof state !== "object" || state === null) return null;
  const from = (state as { from?: unknown }).from;
  if (typeof from !== "string" || !from.startsWith("/") || from.startsWith("//") || from.startsWith("/\\")) {
    return null;
  }
  if (from === "/sign-in" || from.startsWith("/sign-in?")) return null;
  return from;
}
