// Where the grants pages live, and what one page hands the next in the router's state.

/** The URN in the URL, or null when it is not six digits (the API would refuse it). */
export function urnParam(raw: string | undefined): string | null {
  return raw && /^\d{6}$/.test(raw) ? raw : null;
}

export function schoolGrantsPath(urn: string): string {
  return `/schools/${encodeURIComponent(urn)}/grants`;
}

export function claimFormPath(urn: string, entitlementId: number): string {
  return `${schoolGrantsPath(urn)}/${String(entitlementId)}/claim`;
}

export const CLAIMS_PATH = "/grants/claims";
export const ENTITLEMENTS_PATH = "/grants/entitlements";
export const STATEMENTS_PATH = "/grants/statements";
export const SUMMARY_PATH = "/grants/summary";

export function claimPath(id: number): string {
  return `${CLAIMS_PATH}/${String(id)}`;
}

export function statementPath(id: number): string {
  return `${STATEMENTS_PATH}/${String(id)}`;
}

/** What the claim form tells the grants page after a claim is made. */
export type ClaimedState = { claimed: { reference: string } };

/** The claim just made, from the router's state, or null. */
export function claimedState(state: unknown): ClaimedState["claimed"] | null {
  if (typeof state !== "object" || state === null || !("claimed" in state)) return null;
  const claimed = state.claimed;
  if (typeof claimed !== "object" || claimed === null) return null;
  const reference = (claimed as { reference?: unknown }).reference;
  return typeof reference === "string" ? { reference } : null;
}
