// A session as hub staff and the group's lead change it (move, cancel), and the emails about
// a record (a session, an application) with their status. Every write says which reads it
// makes stale.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, type Session } from "../../api/client";
import type { components } from "../../api/schema";

type Schemas = components["schemas"];
export type SessionUpdate = Schemas["SessionUpdate"];
export type Message = Schemas["Message"];
export type MessageStatus = Schemas["MessageStatus"];

/** A session as read, with the ETag to send back as If-Match when changing it. */
export type VersionedSession = { session: Session; etag: string | null };

/** How often a page asks again while some of its messages have not gone. */
export const MESSAGE_POLL_MS = 2000;

async function withEtag(
  request: Promise<{ data?: Session; error?: unknown; response: Response }>,
): Promise<VersionedSession> {
  let etag: string | null = null;
  const session = await unwrap(
    request.then((result) => {
      etag = result.response.headers.get("ETag");
      return result;
    }),
  );
  return { session, etag };
}

function versionedKey(id: number | null) {
  return ["session", id, "versioned"] as const;
}

/** One session and its ETag, read afresh on each visit: someone else may have changed it. */
export function useVersionedSession(id: number | null) {
  return useQuery({
    queryKey: versionedKey(id),
    queryFn: ({ signal }) =>
      withEtag(
        api.GET("/api/v1/sessions/{session_id}", {
          params: { path: { session_id: id ?? 0 } },
          cache: "no-store",
          signal,
        }),
      ),
    enabled: id !== null,
    staleTime: 0,
  });
}

function useSessionStale() {
  const queryClient = useQueryClient();
  return (saved?: VersionedSession) => {
    if (saved) queryClient.setQueryData(versionedKey(saved.session.id), saved);
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: ["session"] }),
      queryClient.invalidateQueries({ queryKey: ["work-group-sessions"] }),
      queryClient.invalidateQueries({ queryKey: ["timetable"] }),
      queryClient.invalidateQueries({ queryKey: ["messages"] }),
    ]);
  };
}

/** Move a session (date, times, host, online link), If-Match the ETag it was read with. */
export function useUpdateSession() {
  const stale = useSessionStale();
  return useMutation({
    mutationFn: ({ id, etag, body }: { id: number; etag: string | null; body: SessionUpdate }) =>
      withEtag(
        api.PATCH("/api/v1/sessions/{session_id}", {
          params: { path: { session_id: id }, header: { "if-match": etag } },
          body,
        }),
      ),
    onSuccess: (saved) => stale(saved),
    onError: () => stale(),
  });
}

/** Cancel a session with the reason its participants and host school are told. */
export function useCancelSession() {
  const stale = useSessionStale();
  return useMutation({
    mutationFn: ({ id, etag, reason }: { id: number; etag: string | null; reason: string }) =>
      withEtag(
        api.POST("/api/v1/sessions/{session_id}/cancel", {
          params: { path: { session_id: id }, header: { "if-match": etag } },
          body: { reason },
        }),
      ),
    onSuccess: (saved) => stale(saved),
    onError: () => stale(),
  });
}

/** Whether some messages are still to go, so the page should ask again soon. */
export function stillGoing(messages: readonly Message[] | undefined): boolean {
  return (messages ?? []).some((message) => message.status !== "sent");
}

/** The emails about a session, asked again every few seconds until each has gone. */
export function useSessionMessages(id: number | null) {
  return useQuery({
    queryKey: ["messages", "session", id],
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/sessions/{session_id}/messages", { params: { path: { session_id: id ?? 0 } }, signal })),
    enabled: id !== null,
    staleTime: 0,
    refetchInterval: (query) => (stillGoing(query.state.data?.items) ? MESSAGE_POLL_MS : false),
  });
}

/** The emails about an application (signature requests, confirmation, decisions), likewise. */
export function useApplicationMessages(id: number | null) {
  return useQuery({
    queryKey: ["messages", "application", id],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET("/api/v1/applications/{application_id}/messages", {
          params: { path: { application_id: id ?? 0 } },
          signal,
        }),
      ),
    enabled: id !== null,
    staleTime: 0,
    refetchInterval: (query) => (stillGoing(query.state.data?.items) ? MESSAGE_POLL_MS : false),
  });
}
