// Grants as the pages read and change them: a school's entitlements, claims with their ETags
// and the hub's decisions on them. Every write says which reads it makes stale.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type { components, paths } from "../../api/schema";

type Schemas = components["schemas"];
export type Entitlement = Schemas["Entitlement"];
export type EntitlementCheck = Schemas["EntitlementCheck"];
export type EntitlementStatus = Entitlement["status"];
export type GrantKind = Entitlement["kind"];
export type Claim = Schemas["Claim"];
export type ClaimAction = Claim["allowed_actions"][number];
export type ClaimHistoryItem = Schemas["ClaimHistoryItem"];
export type ClaimRef = Schemas["ClaimRef"];
export type ClaimStatus = Schemas["ClaimStatus"];
export type IneligibleReason = Schemas["IneligibleReason"];
export type ClaimRefuse = Schemas["ClaimRefuse"];
export type EntitlementFilters = NonNullable<paths["/api/v1/grants/entitlements"]["get"]["parameters"]["query"]>;
export type ClaimFilters = NonNullable<paths["/api/v1/grants/claims"]["get"]["parameters"]["query"]>;
type ClaimCreate = NonNullable<paths["/api/v1/grants/claims"]["post"]["requestBody"]>["content"]["multipart/form-data"];

/** The API's largest page: a school has a few entitlements a year. */
const ENTITLEMENT_PAGE_SIZE = 200;
/** Claims per page of the hub's queue. */
export const CLAIM_PAGE_SIZE = 50;

const GRANTS_KEY = "grants";

/** A claim as read, with the ETag to send back as If-Match when acting on it. */
export type VersionedClaim = { claim: Claim; etag: string | null };

async function withEtag(
  request: Promise<{ data?: Claim; error?: unknown; response: Response }>,
): Promise<VersionedClaim> {
  let etag: string | null = null;
  const claim = await unwrap(
    request.then((result) => {
      etag = result.response.headers.get("ETag");
      return result;
    }),
  );
  return { claim, etag };
}

/** Entitlements the signed-in person may see (a school contact: their school's), filtered. */
export function useEntitlements(filters: EntitlementFilters, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [GRANTS_KEY, "entitlements", filters],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET("/api/v1/grants/entitlements", {
          params: { query: { limit: ENTITLEMENT_PAGE_SIZE, ...filters } },
          signal,
        }),
      ),
    enabled,
    // Decided live from attendance and claims: ask again on each visit.
    staleTime: 0,
  });
}

export function useEntitlement(id: number | null) {
  return useQuery({
    queryKey: [GRANTS_KEY, "entitlement", id],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET("/api/v1/grants/entitlements/{entitlement_id}", {
          params: { path: { entitlement_id: id ?? 0 } },
          signal,
        }),
      ),
    enabled: id !== null,
    staleTime: 0,
  });
}

/** Claims, filtered and a page at a time (the hub's queue). */
export function useClaims(filters: ClaimFilters) {
  return useQuery({
    queryKey: [GRANTS_KEY, "claims", filters],
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/grants/claims", { params: { query: { limit: CLAIM_PAGE_SIZE, ...filters } }, signal })),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

function claimKey(id: number | null) {
  return [GRANTS_KEY, "claim", id] as const;
}

/** One claim and its ETag, read afresh on each visit: someone else may have acted on it. */
export function useClaim(id: number | null) {
  return useQuery({
    queryKey: claimKey(id),
    queryFn: ({ signal }) =>
      withEtag(
        api.GET("/api/v1/grants/claims/{claim_id}", {
          params: { path: { claim_id: id ?? 0 } },
          cache: "no-store",
          signal,
        }),
      ),
    enabled: id !== null,
    staleTime: 0,
  });
}

/** After any grants write: every grants read may have changed (statuses, totals, statements). */
export function useGrantsStale() {
  const queryClient = useQueryClient();
  return (saved?: VersionedClaim) => {
    if (saved) queryClient.setQueryData(claimKey(saved.claim.id), saved);
    return queryClient.invalidateQueries({
      queryKey: [GRANTS_KEY],
      predicate: (query) => !saved || query.queryKey[1] !== "claim" || query.queryKey[2] !== saved.claim.id,
    });
  };
}

/** What a school sends to claim: matched funding carries the spend, the invoice and its evidence. */
export type ClaimRequest = {
  entitlementId: number;
  matched?: { spendPence: number; invoiceReference: string; evidence: File } | undefined;
  /** One key per attempt (Idempotency-Key): a double click makes one claim. */
  key: string;
};

/** The multipart body of a claim, as the API reads it. */
export function claimFormData(request: ClaimRequest): FormData {
  const data = new FormData();
  data.append("entitlement_id", String(request.entitlementId));
  if (request.matched) {
    data.append("spend_pence", String(request.matched.spendPence));
    data.append("invoice_reference", request.matched.invoiceReference);
    data.append("evidence", request.matched.evidence, request.matched.evidence.name);
  }
  return data;
}

/** Make a claim (multipart: the evidence file goes as it is). */
export function useMakeClaim() {
  const stale = useGrantsStale();
  return useMutation({
    mutationFn: (request: ClaimRequest) => {
      const fields: ClaimCreate = {
        entitlement_id: request.entitlementId,
        ...(request.matched
          ? {
              spend_pence: request.matched.spendPence,
              invoice_reference: request.matched.invoiceReference,
              // The generated type writes a file as its name (format: binary); the body sent
              // is the FormData below, which carries the File itself.
              evidence: request.matched.evidence.name,
            }
          : {}),
      };
      return withEtag(
        api.POST("/api/v1/grants/claims", {
          params: { header: { "idempotency-key": request.key } },
          body: fields,
          bodySerializer: () => claimFormData(request),
        }),
      );
    },
    onSuccess: (made) => stale(made),
  });
}

type Acting = { id: number; etag: string | null };

/** The hub's decisions on a claim, each If-Match the ETag the claim was read with. */
export function useClaimAction() {
  const stale = useGrantsStale();
  return useMutation({
    mutationFn: (
      action:
        | (Acting & { action: "approve" })
        | (Acting & { action: "refuse"; body: ClaimRefuse })
        | (Acting & { action: "void" | "clawback"; reason: string }),
    ) => {
      const params = { path: { claim_id: action.id }, header: { "if-match": action.etag } };
      switch (action.action) {
        case "approve":
          return withEtag(api.POST("/api/v1/grants/claims/{claim_id}/approve", { params }));
        case "refuse":
          return withEtag(api.POST("/api/v1/grants/claims/{claim_id}/refuse", { params, body: action.body }));
        case "void":
          return withEtag(
            api.POST("/api/v1/grants/claims/{claim_id}/void", { params, body: { reason: action.reason } }),
          );
        case "clawback":
          return withEtag(
            api.POST("/api/v1/grants/claims/{claim_id}/clawback", { params, body: { reason: action.reason } }),
          );
      }
    },
    onSuccess: (saved) => stale(saved),
    // A 412 or 409 means the claim changed meanwhile: read it again.
    onError: () => stale(),
  });
}

export type StatementSummary = Schemas["StatementSummary"];
export type Statement = Schemas["Statement"];
export type StatementStatus = Statement["status"];
export type StatementLine = Schemas["StatementLine"];
export type StatementAdjustment = Schemas["StatementAdjustment"];
export type StatementPay = Schemas["StatementPay"];
export type StatementFilters = NonNullable<paths["/api/v1/grants/statements"]["get"]["parameters"]["query"]>;
export type GrantSummary = Schemas["GrantSummary"];
export type GrantFigures = Schemas["GrantFigures"];
export type SummaryFilters = NonNullable<paths["/api/v1/grants/summary"]["get"]["parameters"]["query"]>;

/** The API's largest page: a hub has twelve statements a year. */
const STATEMENT_PAGE_SIZE = 200;

/** A statement as read, with the ETag to send back as If-Match when changing it. */
export type VersionedStatement = { statement: Statement; etag: string | null };

async function statementWithEtag(
  request: Promise<{ data?: Statement; error?: unknown; response: Response }>,
): Promise<VersionedStatement> {
  let etag: string | null = null;
  const statement = await unwrap(
    request.then((result) => {
      etag = result.response.headers.get("ETag");
      return result;
    }),
  );
  return { statement, etag };
}

/** Statements (a hub's, or every hub's for national administrators), oldest first. */
export function useStatements(filters: StatementFilters, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [GRANTS_KEY, "statements", filters],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET("/api/v1/grants/statements", {
          params: { query: { limit: STATEMENT_PAGE_SIZE, ...filters } },
          signal,
        }),
      ),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

function statementKey(id: number | null) {
  return [GRANTS_KEY, "statement", id] as const;
}

/** Read one statement now, with its ETag. */
function readStatement(id: number, signal?: AbortSignal): Promise<VersionedStatement> {
  return statementWithEtag(
    api.GET("/api/v1/grants/statements/{statement_id}", {
      params: { path: { statement_id: id } },
      cache: "no-store",
      ...(signal ? { signal } : {}),
    }),
  );
}

/** One statement, its lines and adjustments, and its ETag, read afresh on each visit. */
export function useStatement(id: number | null) {
  return useQuery({
    queryKey: statementKey(id),
    queryFn: ({ signal }) => readStatement(id ?? 0, signal),
    enabled: id !== null,
    staleTime: 0,
  });
}

/** The statement's CSV for finance: a plain link, the browser downloads it with the session's cookie. */
export function statementCsvHref(id: number): string {
  return `/api/v1/grants/statements/${String(id)}.csv`;
}

/** After a statement changes: every grants read may have changed (claims' statuses, totals). */
function useStatementStale() {
  const queryClient = useQueryClient();
  return (saved?: VersionedStatement) => {
    if (saved) queryClient.setQueryData(statementKey(saved.statement.id), saved);
    return queryClient.invalidateQueries({
      queryKey: [GRANTS_KEY],
      predicate: (query) => !saved || query.queryKey[1] !== "statement" || query.queryKey[2] !== saved.statement.id,
    });
  };
}

type Changing = { id: number; etag: string | null };

/** An open statement's changes and moves, each If-Match the ETag the statement was read with. */
export function useStatementChange() {
  const stale = useStatementStale();
  return useMutation({
    mutationFn: (
      change:
        | (Changing & { change: "adjustment"; description: string; amountPence: number })
        | (Changing & { change: "close" })
        | (Changing & { change: "pay"; body: StatementPay }),
    ) => {
      const params = { path: { statement_id: change.id }, header: { "if-match": change.etag } };
      switch (change.change) {
        case "adjustment":
          return statementWithEtag(
            api.POST("/api/v1/grants/statements/{statement_id}/adjustments", {
              params,
              body: { description: change.description, amount_pence: change.amountPence },
            }),
          );
        case "close":
          return statementWithEtag(api.POST("/api/v1/grants/statements/{statement_id}/close", { params }));
        case "pay":
          return statementWithEtag(api.POST("/api/v1/grants/statements/{statement_id}/pay", { params, body: change.body }));
      }
    },
    onSuccess: (saved) => stale(saved),
    onError: () => stale(),
  });
}

/**
 * Put an eligible claim on a statement: an open one chosen by id, or a new one for a month
 * (created first). The statement is read just before, for the ETag to send as If-Match.
 */
export function useAddToStatement() {
  const stale = useStatementStale();
  return useMutation({
    mutationFn: async ({
      claimId,
      target,
      key,
    }: {
      claimId: number;
      target: { statementId: number } | { hubId: string; month: string };
      /** Idempotency-Key of the new statement, when one is created. */
      key: string;
    }) => {
      const read =
        "statementId" in target
          ? await readStatement(target.statementId)
          : await statementWithEtag(
              api.POST("/api/v1/grants/statements", {
                params: { header: { "idempotency-key": key } },
                body: { hub_id: target.hubId, month: target.month },
              }),
            );
      return statementWithEtag(
        api.POST("/api/v1/grants/statements/{statement_id}/lines", {
          params: { path: { statement_id: read.statement.id }, header: { "if-match": read.etag } },
          body: { claim_id: claimId },
        }),
      );
    },
    onSuccess: (saved) => stale(saved),
    onError: () => stale(),
  });
}

/** Committed, claimed, paid and clawed back by hub and programme, with totals. */
export function useGrantSummary(filters: SummaryFilters) {
  return useQuery({
    queryKey: [GRANTS_KEY, "summary", filters],
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/grants/summary", { params: { query: filters }, signal })),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
