// Applications (expressions of interest) and signatories' links: the reads and writes of the
// application pages, kept apart from queries.ts and mutations.ts so that each area's hooks
// sit together. Every write says which reads it makes stale.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ProblemError, problemStatus, unwrap, unwrapEmpty, type Problem } from "./client";
import type { components, paths } from "./schema";

// The catalogue's counts live in their own module, so its first load carries only them.
import { APPLICATIONS_KEY } from "./applicationCounts";
export { APPLICATIONS_KEY, useApplicationCounts, type ApplicationCounts } from "./applicationCounts";

type Schemas = components["schemas"];
export type Application = Schemas["Application"];
export type ApplicationStatus = Schemas["ApplicationStatus"];
export type ApplicationForm = Schemas["ApplicationForm-Output"];
export type ApplicationUpdate = Schemas["ApplicationUpdate"];
export type Contact = Schemas["Contact"];
export type DecisionKind = Schemas["DecisionKind"];
export type LocalAuthority = Schemas["LocalAuthority"];
export type ParticipantInput = Schemas["Participant-Input"];
export type ParticipantRole = Schemas["ParticipantRole"];
export type Signatory = Schemas["SignatoryView"];
export type SignaturePage = Schemas["SignaturePage"];
export type TaskStatus = Schemas["TaskStatus"];
export type Tasks = Schemas["Tasks"];
export type ApplicationFilters = NonNullable<paths["/api/v1/applications"]["get"]["parameters"]["query"]>;


/** An application as read, with the ETag to send back as If-Match when saving it. */
export type Versioned = { application: Application; etag: string | null };

async function withEtag(
  request: Promise<{ data?: Application; error?: unknown; response: Response }>,
): Promise<Versioned> {
  let etag: string | null = null;
  const application = await unwrap(
    request.then((result) => {
      etag = result.response.headers.get("ETag");
      return result;
    }),
  );
  return { application, etag };
}

/**
 * A key for one action of a person (Idempotency-Key): the API answers a repeat of the same
 * key, such as a double click or a retry after the network failed, with the first result.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Applications the signed-in person may see (a school contact: their school's), filtered. */
export function useApplications(filters: ApplicationFilters, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...APPLICATIONS_KEY, "list", filters],
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/applications", { params: { query: filters }, signal })),
    placeholderData: keepPreviousData,
    staleTime: 0,
    enabled,
  });
}

/** One application and its ETag; read afresh on each visit, since signatories confirm meanwhile. */
export function useApplication(
  id: number | null,
  { poll }: { poll?: ((application: Application) => boolean) | undefined } = {},
) {
  return useQuery({
    queryKey: [...APPLICATIONS_KEY, "one", id],
    queryFn: ({ signal }) =>
      withEtag(
        api.GET("/api/v1/applications/{application_id}", {
          params: { path: { application_id: id ?? 0 } },
          signal,
        }),
      ),
    enabled: id !== null,
    staleTime: 0,
    // While people are still to confirm, their confirmations show up without reloading.
    refetchInterval: (query) => {
      const application = query.state.data?.application;
      return poll && application && poll(application) ? 10_000 : false;
    },
  });
}

/** The local authorities a hub covers, for the review page's filter. */
export function useLocalAuthorities(hubId: string | null) {
  return useQuery({
    queryKey: ["local-authorities", hubId],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET("/api/v1/hubs/{hub_id}/local-authorities", { params: { path: { hub_id: hubId ?? "" } }, signal }),
      ),
    enabled: hubId !== null,
    staleTime: 10 * 60_000,
  });
}

/** What a signatory's emailed link shows. Public: the token is the credential. */
export function useSignature(token: string | null) {
  return useQuery({
    queryKey: ["signature", token],
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/signatures/{token}", { params: { path: { token: token ?? "" } }, signal })),
    enabled: token !== null,
    staleTime: 0,
  });
}

function useApplicationsStale() {
  const queryClient = useQueryClient();
  return (saved?: Versioned) => {
    if (saved) queryClient.setQueryData([...APPLICATIONS_KEY, "one", saved.application.id], saved);
    return queryClient.invalidateQueries({
      queryKey: APPLICATIONS_KEY,
      // The one just saved is already up to date (with its new ETag).
      predicate: (query) => !saved || query.queryKey[2] !== saved.application.id,
    });
  };
}

/** Start a draft for the signed-in school contact's school. */
export function useCreateApplication() {
  const stale = useApplicationsStale();
  return useMutation({
    mutationFn: ({ programmeId, key }: { programmeId: number; key: string }) =>
      withEtag(
        api.POST("/api/v1/applications", {
          params: { header: { "idempotency-key": key } },
          // The generated types make fields with a default required: these are the API's defaults.
          body: { programme_id: programmeId, statement: "", engaging_with_tfm: false },
        }),
      ),
    onSuccess: (created) => stale(created),
  });
}

/** Save some answers of a draft, If-Match the ETag it was read with (412 when someone saved since). */
export function useSaveApplication() {
  const stale = useApplicationsStale();
  return useMutation({
    mutationFn: ({ id, etag, body }: { id: number; etag: string | null; body: ApplicationUpdate }) =>
      withEtag(
        api.PATCH("/api/v1/applications/{application_id}", {
          params: { path: { application_id: id }, header: { "if-match": etag } },
          body,
        }),
      ),
    onSuccess: (saved) => stale(saved),
    // A stale ETag: read the application again, so that the next save can work.
    onError: () => stale(),
  });
}

/** Email each person named who has not confirmed yet their personal link. */
export function useRequestSignatures() {
  const stale = useApplicationsStale();
  return useMutation({
    mutationFn: (id: number) =>
      unwrap(
        api.POST("/api/v1/applications/{application_id}/signature-requests", {
          params: { path: { application_id: id } },
        }),
      ),
    onSettled: () => stale(),
  });
}

/** Submit: the rules decide now, the closing date included. */
export function useSubmitApplication() {
  const stale = useApplicationsStale();
  return useMutation({
    mutationFn: ({ id, key }: { id: number; key: string }) =>
      unwrap(
        api.POST("/api/v1/applications/{application_id}/submit", {
          params: { path: { application_id: id }, header: { "idempotency-key": key } },
        }),
      ),
    onSettled: () => stale(),
  });
}

/** Hub staff: one decision on one application (the review page sends them one by one). */
export function decide(id: number, decision: DecisionKind, note: string | null) {
  return unwrap(
    api.POST("/api/v1/applications/{application_id}/decisions", {
      params: { path: { application_id: id } },
      body: { decision, note },
    }),
  );
}

/** What became of one application in a bulk decision: its problem, or null when it worked. */
export type DecisionOutcome = { application: Application; problem: Problem | null };

/**
 * Hub staff: the same decision on several applications, applied one by one through the API
 * (it has no bulk decision), so that each succeeds or fails on its own and the page can say
 * which. An ended session stops the run: the rest would fail the same way.
 */
export function useBulkDecision() {
  const stale = useApplicationsStale();
  return useMutation({
    mutationFn: async ({
      applications,
      decision,
      note,
    }: {
      applications: Application[];
      decision: DecisionKind;
      note: string | null;
    }): Promise<DecisionOutcome[]> => {
      const outcomes: DecisionOutcome[] = [];
      for (const application of applications) {
        try {
          outcomes.push({ application: await decide(application.id, decision, note), problem: null });
        } catch (error) {
          if (problemStatus(error) === 401 || !(error instanceof ProblemError)) throw error;
          outcomes.push({ application, problem: error.problem });
        }
      }
      return outcomes;
    },
    onSettled: () => stale(),
  });
}

/** Confirm every commitment through a signatory's link. */
export function useConfirmSignature(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (commitments: string[]) =>
      unwrap(
        api.POST("/api/v1/signatures/{token}/confirm", {
          params: { path: { token } },
          body: { commitments },
        }),
      ),
    onSuccess: (page) => {
      queryClient.setQueryData(["signature", token], page);
    },
  });
}

/** The address of a programme's applications as CSV, for a spreadsheet (the browser downloads it). */
export function applicationsCsvUrl(programmeId: number): string {
  return `/api/v1/applications.csv?programme=${String(programmeId)}`;
}

export type SchoolGroup = Schemas["SchoolGroup"];
export type GroupSession = Schemas["GroupSession"];

/**
 * The programme's rules decided for a school before it starts an application (a school that
 * fails one cannot start: the API would refuse the draft). Read like a query: it changes nothing.
 */
export function useSchoolEligibility(programmeId: number, urn: string | null) {
  return useQuery({
    queryKey: ["eligibility", programmeId, urn],
    queryFn: ({ signal }) =>
      unwrap(
        api.POST("/api/v1/programmes/{programme_id}/eligibility", {
          params: { path: { programme_id: programmeId } },
          body: { urn },
          signal,
        }),
      ),
    enabled: urn !== null,
    staleTime: 0,
  });
}

/** Delete a draft (never a submitted application: that is withdrawn). */
export function useDeleteDraft() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, etag }: { id: number; etag: string | null }) =>
      unwrapEmpty(
        api.DELETE("/api/v1/applications/{application_id}", {
          params: { path: { application_id: id }, header: { "if-match": etag } },
        }),
      ),
    onSuccess: (_done, { id }) => {
      queryClient.removeQueries({ queryKey: [...APPLICATIONS_KEY, "one", id] });
      return queryClient.invalidateQueries({ queryKey: APPLICATIONS_KEY });
    },
  });
}

/** Withdraw an application; a place it held goes to the first on the waiting list. */
export function useWithdrawApplication() {
  const stale = useApplicationsStale();
  return useMutation({
    mutationFn: ({ id, note }: { id: number; note: string | null }) =>
      unwrap(
        api.POST("/api/v1/applications/{application_id}/withdraw", {
          params: { path: { application_id: id } },
          body: { note },
        }),
      ),
    onSettled: () => stale(),
  });
}
