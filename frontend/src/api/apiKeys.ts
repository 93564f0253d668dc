// API keys: the administrators' list and its writes, kept apart from queries.ts and
// mutations.ts so that the first load does not carry them. Every write says which reads it
// makes stale.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, type ApiKeyCreate } from "./client";
import { AUDIT_KEY } from "./queries";

export const API_KEYS_KEY = ["api-keys"] as const;

/** API keys per page. */
export const API_KEY_PAGE_SIZE = 50;

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

/** Issue an API key. The response holds the secret, shown once: it is kept nowhere else. */
export function useIssueApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiKeyCreate) => unwrap(api.POST("/api/v1/api-keys", { body })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: API_KEYS_KEY }),
        queryClient.invalidateQueries({ queryKey: AUDIT_KEY }),
      ]),
    // Drop the secret from memory as soon as the page that showed it has gone.
    gcTime: 0,
  });
}

/** Set a key's requests a minute (null: the service's default). */
export function useSetKeyRateLimit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ keyId, limit }: { keyId: number; limit: number | null }) =>
      unwrap(
        api.PATCH("/api/v1/api-keys/{key_id}", {
          params: { path: { key_id: keyId } },
          body: { rate_limit_per_minute: limit },
        }),
      ),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: API_KEYS_KEY }),
        queryClient.invalidateQueries({ queryKey: AUDIT_KEY }),
      ]),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (keyId: number) =>
      unwrap(api.DELETE("/api/v1/api-keys/{key_id}", { params: { path: { key_id: keyId } } })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: API_KEYS_KEY }),
        queryClient.invalidateQueries({ queryKey: AUDIT_KEY }),
      ]),
  });
}
