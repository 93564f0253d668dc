// The reports as the pages read them. Figures are counted by the API (which keeps them), so a
// visit asks again: a report is never older than the page showing it.
import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type { components, paths } from "../../api/schema";

type Schemas = components["schemas"];
export type CoverageReport = Schemas["CoverageReport"];
export type CoverageRow = Schemas["CoverageRow"];
export type FunnelReport = Schemas["FunnelReport"];
export type FunnelRow = Schemas["FunnelRow"];
export type RecruitmentReport = Schemas["RecruitmentReport"];
export type RecruitmentDay = Schemas["RecruitmentDay"];
export type AttendanceReport = Schemas["AttendanceReport"];
export type GroupAttendance = Schemas["GroupAttendance"];
export type SessionAttendanceRate = Schemas["SessionAttendanceRate"];
export type GrantsReport = Schemas["GrantsReport"];
export type GrantsMonth = Schemas["GrantsMonth"];
export type GrantsRow = Schemas["GrantsRow"];
export type GrantsFilters = NonNullable<paths["/api/v1/reports/grants"]["get"]["parameters"]["query"]>;
export type CoverageFilters = NonNullable<paths["/api/v1/reports/coverage"]["get"]["parameters"]["query"]>;
export type FunnelFilters = NonNullable<paths["/api/v1/reports/funnel"]["get"]["parameters"]["query"]>;
export type AttendanceFilters = NonNullable<paths["/api/v1/reports/attendance"]["get"]["parameters"]["query"]>;

const REPORTS_KEY = "reports";

export function useCoverage(filters: CoverageFilters) {
  return useQuery({
    queryKey: [REPORTS_KEY, "coverage", filters],
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/reports/coverage", { params: { query: filters }, signal })),
    staleTime: 0,
  });
}

export function useFunnel(filters: FunnelFilters) {
  return useQuery({
    queryKey: [REPORTS_KEY, "funnel", filters],
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/reports/funnel", { params: { query: filters }, signal })),
    staleTime: 0,
  });
}

export function useRecruitment(programmeId: number | null) {
  return useQuery({
    queryKey: [REPORTS_KEY, "recruitment", programmeId],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET("/api/v1/reports/recruitment/{programme_id}", {
          params: { path: { programme_id: programmeId ?? 0 } },
          signal,
        }),
      ),
    enabled: programmeId !== null,
    staleTime: 0,
  });
}

export function useAttendance(filters: AttendanceFilters) {
  return useQuery({
    queryKey: [REPORTS_KEY, "attendance", filters],
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/reports/attendance", { params: { query: filters }, signal })),
    staleTime: 0,
  });
}

export function useGrantsReport(filters: GrantsFilters) {
  return useQuery({
    queryKey: [REPORTS_KEY, "grants", filters],
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/reports/grants", { params: { query: filters }, signal })),
    staleTime: 0,
  });
}
