// The catalogue's one read about applications, apart from src/api/applications.ts (which
// re-exports it) so that the catalogue's first load does not carry every application hook.
import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "./client";
import type { components } from "./schema";

export type ApplicationCounts = components["schemas"]["ProgrammeApplicationCounts"];

/** The query key of every applications read, which writes invalidate. */
export const APPLICATIONS_KEY = ["applications"] as const;

/** Hub staff: each programme's applications submitted, places filled and waiting list. */
export function useApplicationCounts({ enabled }: { enabled: boolean }) {
  return useQuery({
    queryKey: [...APPLICATIONS_KEY, "counts"],
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/applications-counts", { signal })),
    enabled,
    staleTime: 30_000,
  });
}
