// The register of schools (GIAS) and a school's journey: the reads of the school pages, kept
// apart from queries.ts so that the first load does not carry them.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, unwrap, type SchoolFilters } from "./client";

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
