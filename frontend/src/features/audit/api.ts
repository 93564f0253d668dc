// The audit log's reads: a page of events and the people who appear in the log, to choose
// whose changes to show.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, unwrap, type AuditFilters } from "../../api/client";
import { AUDIT_KEY } from "../../api/queries";
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

/** Audit events per page. */
export const AUDIT_PAGE_SIZE = 50;

/** Audit events, newest first, filtered and a page at a time. */
export function useAuditEvents(filters: AuditFilters) {
  return useQuery({
    queryKey: [...AUDIT_KEY, filters],
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/audit", { params: { query: { limit: AUDIT_PAGE_SIZE, ...filters } }, signal })),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
