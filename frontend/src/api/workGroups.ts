// Work Groups, their sessions and attendance, the public timetable and private calendar
// feeds: the reads and writes of those pages, kept together as api/applications.ts keeps
// the applications'. Every write says which reads it makes stale.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  api,
  unwrap,
  type AttendanceRecord,
  type CalendarFeedRequest,
  type ScheduleRequest,
  type SessionCreate,
  type TimetableEntry,
  type WorkGroupContinuation,
  type WorkGroupFilters,
} from "./client";

/** Work Groups per page of the list. */
export const WORK_GROUP_PAGE_SIZE = 50;

/** The API's largest page: a hub's month of sessions fits in one or two. */
const TIMETABLE_PAGE_SIZE = 200;

/** The Work Groups the signed-in person may see (a Mastery Specialist: those they lead), a page at a time. */
export function useWorkGroups(filters: WorkGroupFilters, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    enabled,
    queryKey: ["work-groups", filters],
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/work-groups", { params: { query: { limit: WORK_GROUP_PAGE_SIZE, ...filters } }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useWorkGroup(id: number | null) {
  return useQuery({
    queryKey: ["work-group", id],
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/work-groups/{work_group_id}", { params: { path: { work_group_id: id ?? 0 } }, signal })),
    enabled: id !== null,
  });
}

/** A group's sessions in order, cancelled ones included. */
export function useWorkGroupSessions(id: number | null) {
  return useQuery({
    queryKey: ["work-group-sessions", id],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET("/api/v1/work-groups/{work_group_id}/sessions", { params: { path: { work_group_id: id ?? 0 } }, signal }),
      ),
    enabled: id !== null,
  });
}

/** Each member school's days of release time, against the programme's minimum. */
export function useReleaseTime(id: number | null) {
  return useQuery({
    queryKey: ["release-time", id],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET("/api/v1/work-groups/{work_group_id}/release-time", {
          params: { path: { work_group_id: id ?? 0 } },
          signal,
        }),
      ),
    enabled: id !== null,
    // Attendance changes it: ask again on each visit.
    staleTime: 0,
  });
}

export function useSession(id: number | null) {
  return useQuery({
    queryKey: ["session", id],
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/sessions/{session_id}", { params: { path: { session_id: id ?? 0 } }, signal })),
    enabled: id !== null,
  });
}

export function useAttendance(id: number | null) {
  return useQuery({
    queryKey: ["attendance", id],
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/sessions/{session_id}/attendance", { params: { path: { session_id: id ?? 0 } }, signal })),
    enabled: id !== null,
    staleTime: 0,
  });
}

/** Hub staff and the group's lead: record who came to a session; the saved register replaces the one read. */
export function useRecordAttendance(sessionId: number, workGroupId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (records: AttendanceRecord[]) =>
      unwrap(
        api.POST("/api/v1/sessions/{session_id}/attendance", {
          params: { path: { session_id: sessionId } },
          body: { records },
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(["attendance", sessionId], saved);
      // The sessions say whether their register was taken, and how many were present.
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ["release-time", workGroupId] }),
        queryClient.invalidateQueries({ queryKey: ["work-group-sessions", workGroupId] }),
        queryClient.invalidateQueries({ queryKey: ["session", sessionId] }),
      ]);
    },
  });
}

/** One page of a hub's published sessions between two dates (inclusive). */
function timetablePage(hub: string, from: string, to: string, cursor: string | null, signal: AbortSignal) {
  return unwrap(
    api.GET("/api/v1/timetable", {
      params: { query: { hub, from, to, limit: TIMETABLE_PAGE_SIZE, ...(cursor ? { cursor } : {}) } },
      signal,
    }),
  );
}

/**
 * A hub's published sessions between two dates (inclusive), every page of them: the API
 * pages by start time, so the pages are read in turn until next_cursor is null.
 */
export function useTimetable(hub: string | null, from: string, to: string) {
  return useQuery({
    queryKey: ["timetable", hub, from, to],
    queryFn: async ({ signal }) => {
      const entries: TimetableEntry[] = [];
      let cursor: string | null = null;
      do {
        const page = await timetablePage(hub ?? "", from, to, cursor, signal);
        entries.push(...page.items);
        cursor = page.next_cursor;
      } while (cursor);
      return entries;
    },
    // No placeholder from the month before: the page says it is loading instead.
    enabled: hub !== null,
  });
}

/** A private feed of a school's or a person's sessions. The URL is shown once: it is kept nowhere else. */
export function useIssueCalendarFeed() {
  return useMutation({
    mutationFn: (body: CalendarFeedRequest) => unwrap(api.POST("/api/v1/calendar-feeds", { body })),
    gcTime: 0,
  });
}

/** Hub staff: dates proposed for a group's sessions, on school days. Nothing is saved. */
export function useProposeSchedule(workGroupId: number) {
  return useMutation({
    mutationFn: (body: ScheduleRequest) =>
      unwrap(api.POST("/api/v1/work-groups/{work_group_id}/schedule", { params: { path: { work_group_id: workGroupId } }, body })),
  });
}

/** Hub staff: create a group's sessions (a confirmed proposal), all or none. */
export function useCreateSessions(workGroupId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SessionCreate[]) =>
      unwrap(api.POST("/api/v1/work-groups/{work_group_id}/sessions", { params: { path: { work_group_id: workGroupId } }, body })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["work-group-sessions", workGroupId] }),
        queryClient.invalidateQueries({ queryKey: ["timetable"] }),
      ]),
  });
}

/** Hub staff: complete a group's year, writing each member school's participation history. */
export function useCompleteWorkGroup(workGroupId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (withdrawn: string[]) =>
      unwrap(
        api.POST("/api/v1/work-groups/{work_group_id}/complete", {
          params: { path: { work_group_id: workGroupId } },
          body: { withdrawn },
        }),
      ),
    onSuccess: (group) => {
      queryClient.setQueryData(["work-group", workGroupId], group);
      return queryClient.invalidateQueries({ queryKey: ["work-groups"] });
    },
  });
}

/** Hub staff: start next year's group with a completed group's schools. */
export function useContinueWorkGroup(workGroupId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: WorkGroupContinuation) =>
      unwrap(
        api.POST("/api/v1/work-groups/{work_group_id}/continue", { params: { path: { work_group_id: workGroupId } }, body }),
      ),
    onSuccess: (answer) => {
      queryClient.setQueryData(["work-group", answer.work_group.id], answer.work_group);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ["work-group", workGroupId] }),
        queryClient.invalidateQueries({ queryKey: ["work-groups"] }),
      ]);
    },
  });
}
