// The audit log's reads: a page of events (in src/api/queries.ts, shared with the admin pages)
// and the people who appear in the log, to choose whose changes to show.
import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type { components } from "../../api/schema";

export type AuditActor = components["schemas"]["AuditActor"];
export type AuditActorRole = NonNullable<AuditActor["role"]>;

/** Everyone in the log this person may read, sorted by name by the API. */
export function useAuditActors() {
  return useQuery({
    queryKey: ["audit", "actors"],
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/audit/actors", { signal })),
    staleTime: 60_000,
  });
}
