// Server state: one hook per read, so pages never call fetch themselves.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  api,
  problemStatus,
  rememberSession,
  unwrap,
  type Me,
  type ProgrammeFilters,
} from "./client";

/** The query keys that other modules need to name (mutations invalidate them). */
export const ME_KEY = ["me"] as const;
export const AUDIT_KEY = ["audit"] as const;

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
