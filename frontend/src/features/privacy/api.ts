// Personal data: the hub's people, erasing one, subject access requests and their exports.
// Kept out of the first load: only administrators come here.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ProblemError, toProblem, unwrap } from "../../api/client";
import type { components } from "../../api/schema";
import { AUDIT_KEY } from "../../api/queries";

export type Person = components["schemas"]["Person"];
export type SubjectAccessRequest = components["schemas"]["SubjectAccessRequest"];

const PEOPLE_KEY = ["people"] as const;
const REQUESTS_KEY = ["subject-access-requests"] as const;

/** People per page. */
export const PEOPLE_PAGE_SIZE = 50;

/** The people the administrator's hub keeps (every hub's, for a national one), by name or email. */
export function usePeople(q: string, cursor: string | null) {
  return useQuery({
    queryKey: [...PEOPLE_KEY, q, cursor],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET("/api/v1/people", {
          params: { query: { limit: PEOPLE_PAGE_SIZE, ...(q ? { q } : {}), ...(cursor ? { cursor } : {}) } },
          signal,
        }),
      ),
    staleTime: 0,
  });
}

export function usePerson(personId: number) {
  return useQuery({
    queryKey: [...PEOPLE_KEY, personId],
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/people/{person_id}", { params: { path: { person_id: personId } }, signal })),
    staleTime: 0,
  });
}

/** Erase a person: their names, emails and free text redacted everywhere; their counts kept. */
export function useErasePerson() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (personId: number) =>
      unwrap(api.POST("/api/v1/people/{person_id}/erasure", { params: { path: { person_id: personId } } })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: PEOPLE_KEY }),
        queryClient.invalidateQueries({ queryKey: REQUESTS_KEY }),
        queryClient.invalidateQueries({ queryKey: AUDIT_KEY }),
      ]),
  });
}

/** The hub's subject access requests, soonest due first. */
export function useSubjectAccessRequests(cursor: string | null) {
  return useQuery({
    queryKey: [...REQUESTS_KEY, cursor],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET("/api/v1/subject-access-requests", {
          params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } },
          signal,
        }),
      ),
    staleTime: 0,
  });
}

/** Record a subject access request received today; it is due a month later. */
export function useRecordSubjectAccessRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (personId: number) =>
      unwrap(api.POST("/api/v1/subject-access-requests", { body: { person_id: personId } })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: REQUESTS_KEY }),
        queryClient.invalidateQueries({ queryKey: AUDIT_KEY }),
      ]),
  });
}

/** Produce a request's export and hand it to the browser as a download. */
export function useExportSubjectAccessRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (request: SubjectAccessRequest) => {
      const { data, error, response } = await api.POST("/api/v1/subject-access-requests/{request_id}/export", {
        params: { path: { request_id: request.id } },
        parseAs: "blob",
      });
      if (!(data instanceof Blob)) throw new ProblemError(toProblem(error, response));
      const url = URL.createObjectURL(data);
      const link = document.createElement("a");
      link.href = url;
      link.download = `subject-access-${String(request.id)}-person-${String(request.person_id)}.zip`;
      document.body.append(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(url);
      return request;
    },
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: REQUESTS_KEY }),
        queryClient.invalidateQueries({ queryKey: AUDIT_KEY }),
      ]),
  });
}
