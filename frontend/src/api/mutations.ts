// Server writes: one hook per action. Each says which reads it makes stale.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import {
  api,
  rememberSession,
  unwrap,
  type SignInRequest,
} from "./client";
import { ME_KEY } from "./queries";
import { SIGN_IN_KEY } from "./session";

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
