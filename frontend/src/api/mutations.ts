// Server writes: one hook per action. Each says which reads it makes stale.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router-dom";
import {
  api,
  problemStatus,
  rememberSession,
  unwrap,
  unwrapEmpty,
  type ApiKeyCreate,
  type SignInRequest,
} from "./client";
import { API_KEYS_KEY, AUDIT_KEY, ME_KEY } from "./queries";

export const SIGN_IN_KEY = ["sign-in"] as const;

/** Sign in; on success the session's `Me` is in the cache and reads made as a visitor are dropped. */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: SIGN_IN_KEY,
    mutationFn: (body: SignInRequest) => unwrap(api.POST("/api/v1/auth/sign-in", { body })),
    onSuccess: (me) => {
      rememberSession(me);
      // Lists read as a visitor may show more now (a hub's drafts), so read them again.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
      queryClient.setQueryData(ME_KEY, me);
    },
  });
}

/**
 * Sign out (a session that had already ended counts as signed out), forget everything read
 * while signed in, and go to the catalogue.
 */
export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: async () => {
      try {
        await unwrapEmpty(api.POST("/api/v1/auth/sign-out"));
      } catch (error) {
        if (problemStatus(error) !== 401) throw error;
      }
    },
    onSuccess: async () => {
      // Leave the page first, so that a page for signed-in people does not ask to sign in.
      await navigate("/programmes");
      rememberSession(null);
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, null);
    },
  });
}

/**
 * Check whether a school may take part in a programme, by URN. Public: no sign-in needed.
 * It changes nothing on the server, so it makes no read stale.
 */
export function useCheckEligibility() {
  return useMutation({
    mutationFn: ({ programmeId, urn }: { programmeId: number; urn: string }) =>
      unwrap(
        api.POST("/api/v1/programmes/{programme_id}/eligibility", {
          params: { path: { programme_id: programmeId } },
          body: { urn },
        }),
      ),
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
