// Whose figures a report shows: hub staff always their own hub (the API decides that too);
// national administrators every hub side by side, or the one they open.
import type { Hub, Me } from "../../api/client";
import type { SelectFilter } from "./ReportFilters";

export function isNational(me: Me | null | undefined): boolean {
  return me?.role === "national_admin";
}

/** The hub select national administrators get ("All hubs side by side" or one). */
export function hubFilter(hubs: readonly Hub[]): SelectFilter {
  return {
    name: "hub",
    label: "Maths Hub",
    empty: "All hubs side by side",
    options: hubs.map((hub) => ({ value: hub.id, label: hub.name })),
  };
}

/** "Showing all hubs side by side" or "Showing Cheshire and Wirral Maths Hub". */
export function scopeText(hubId: string | null | undefined, hubs: readonly Hub[]): string {
  if (!hubId) return "all hubs side by side";
  return hubs.find((hub) => hub.id === hubId)?.name ?? hubId;
}
