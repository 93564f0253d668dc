// Server state: one hook per read, so pages never call fetch themselves.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  api,
  problemStatus,
  rememberSession,
  unwrap,
  type AuditFilters,
  type Me,
  type ProgrammeFilters,
  type SchoolFilters,
} from "./client";

/** The query keys that other modules need to name (mutations invalidate them). */
export const ME_KEY = ["me"] as const;
export const API_KEYS_KEY = ["api-keys"] as const;
export const AUDIT_KEY = ["audit"] as const;

/** API keys per page, and audit events per page. */
export const API_KEY_PAGE_SIZE = 50;
export const AUDIT_PAGE_SIZE = 50;

/** Programmes per catalogue page. */
export const PAGE_SIZE = 20;

export function useProgrammes(filters: ProgrammeFilters) {
  return useQuery({
    queryKey: ["programmes", filters],
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/programmes", { params: { query: { limit: PAGE_SIZE, ...filters } }, signal })),
    // Keep the old list on screen while the next filter or page loads.
    placeholderData: keepPreviousData,
  });
}

export function useProgramme(id: number | null) {
  return useQuery({
    queryKey: ["programme", id],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET("/api/v1/programmes/{programme_id}", {
          params: { path: { programme_id: id ?? 0 } },
          signal,
        }),
      ),
    enabled: id !== null,
  });
}

export function useHubs() {
  return useQuery({
    queryKey: ["hubs"],
    // 200 is the API's largest page; there are about 40 Maths Hubs.
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/hubs", { params: { query: { limit: 200 } }, signal })),
    staleTime: 10 * 60_000,
  });
}

export function useHub(id: string | null) {
  return useQuery({
    queryKey: ["hub", id],
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/hubs/{hub_id}", { params: { path: { hub_id: id ?? "" } }, signal })),
    enabled: id !== null,
    staleTime: 10 * 60_000,
  });
}

export function useAcademicYears() {
  return useQuery({
    queryKey: ["academic-years"],
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/academic-years", { signal })),
    staleTime: 10 * 60_000,
  });
}

/**
 * Who is signed in: `Me` (with the CSRF token, which the client then sends on every unsafe
 * request), or null when nobody is (a 401, which is an answer, not a failure to retry).
 */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async ({ signal }): Promise<Me | null> => {
      try {
        const me = await unwrap(api.GET("/api/v1/auth/me", { signal }));
        rememberSession(me);
        return me;
      } catch (error) {
        if (problemStatus(error) !== 401) throw error;
        rememberSession(null);
        return null;
      }
    },
    staleTime: 5 * 60_000,
  });
}

/** The keys the signed-in administrator manages, newest first, a page at a time. */
export function useApiKeys(cursor: string | null) {
  return useQuery({
    queryKey: [...API_KEYS_KEY, cursor],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET("/api/v1/api-keys", {
          params: { query: { limit: API_KEY_PAGE_SIZE, ...(cursor ? { cursor } : {}) } },
          signal,
        }),
      ),
    staleTime: 0,
  });
}

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

/** Schools per page of the register search. */
export const SCHOOL_PAGE_SIZE = 50;

/** Schools in the register (GIAS), by name then URN, a page at a time. Signed-in people only. */
export function useSchools(filters: SchoolFilters) {
  return useQuery({
    queryKey: ["schools", filters],
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/schools", { params: { query: { limit: SCHOOL_PAGE_SIZE, ...filters } }, signal })),
    placeholderData: keepPreviousData,
  });
}

/** One school of the register; `urn` null when the URL holds no URN the API would take. */
export function useSchool(urn: string | null) {
  return useQuery({
    queryKey: ["school", urn],
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/schools/{urn}", { params: { path: { urn: urn ?? "" } }, signal })),
    enabled: urn !== null,
  });
}

/** A school's programmes year by year, what it can do next, and the open programmes it may apply for. */
export function useJourney(urn: string | null) {
  return useQuery({
    queryKey: ["journey", urn],
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/schools/{urn}/journey", { params: { path: { urn: urn ?? "" } }, signal })),
    enabled: urn !== null,
    // The decisions depend on today's date and on applications: ask again each visit.
    staleTime: 0,
  });
}
