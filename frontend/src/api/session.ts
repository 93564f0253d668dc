// What the app shell needs of the session on every page: kept apart from the other writes so
// that the first load carries none of them (scripts/check-bundle.mjs).
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { api, problemStatus, rememberSession, unwrapEmpty } from "./client";
import { ME_KEY } from "./queries";

/** Names the sign-in mutation, whose 401 is a wrong password, not an ended session. */
export const SIGN_IN_KEY = ["sign-in"] as const;

/**
 * Sign out (a session that had already ended counts as signed out), forget everything read
 * while signed in, and go to the catalogue. A plain async call rather than `useMutation`: the
 * header is on every page, and this keeps react-query's mutation code out of the first load.
 */
export function useSignOut(): { signOut: () => void; pending: boolean; failed: boolean } {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);

  async function run() {
    try {
      await unwrapEmpty(api.POST("/api/v1/auth/sign-out"));
    } catch (error) {
      if (problemStatus(error) !== 401) {
        setFailed(true);
        return;
      }
    } finally {
      setPending(false);
    }
    // Leave the page first, so that a page for signed-in people does not ask to sign in.
    await navigate("/programmes");
    rememberSession(null);
    queryClient.clear();
    queryClient.setQueryData(ME_KEY, null);
  }

  function signOut() {
    if (pending) return;
    setPending(true);
    setFailed(false);
    void run();
  }

  return { signOut, pending, failed };
}
