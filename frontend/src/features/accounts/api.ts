// Accounts: invitations, password reset, a hub's people, one's own sessions and two-factor
// sign-in. Kept with the accounts pages, so that the first load carries none of it.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, rememberSession, unwrap, unwrapEmpty } from "../../api/client";
import type { components } from "../../api/schema";
import { AUDIT_KEY, ME_KEY } from "../../api/queries";

type Schemas = components["schemas"];

export type Account = Schemas["Account"];
export type Invitation = Schemas["Invitation"];
export type InvitationCreate = Schemas["InvitationCreate"];
export type AccountChange = Schemas["AccountChange"];
export type SignedInSession = Schemas["SignedInSession"];
export type TwoFactorSetup = Schemas["TwoFactorSetup"];

const PEOPLE_KEY = ["accounts", "people"] as const;
const SESSIONS_KEY = ["accounts", "sessions"] as const;

export function usePeople() {
  return useQuery({
    queryKey: PEOPLE_KEY,
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/accounts", { signal })),
    staleTime: 0,
  });
}

export function useInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InvitationCreate) => unwrap(api.POST("/api/v1/accounts/invitations", { body })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: PEOPLE_KEY }),
        queryClient.invalidateQueries({ queryKey: AUDIT_KEY }),
      ]),
  });
}

export function useChangeAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: number; change: AccountChange }) =>
      unwrap(api.PATCH("/api/v1/accounts/people/{user_id}", { params: { path: { user_id: id } }, body: change })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: PEOPLE_KEY }),
        queryClient.invalidateQueries({ queryKey: AUDIT_KEY }),
      ]),
  });
}

/** Who the invitation link is for; a 410 when it has expired or was used. */
export function useInvitation(token: string) {
  return useQuery({
    queryKey: ["accounts", "invitation", token],
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/accounts/invitations/{token}", { params: { path: { token } }, signal })),
    retry: false,
  });
}

/** Accepting signs the person in: the session is the one the page now reads. */
export function useAcceptInvitation(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (password: string) =>
      unwrap(api.POST("/api/v1/accounts/invitations/{token}/accept", { params: { path: { token } }, body: { password } })),
    onSuccess: (me) => {
      rememberSession(me);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
      queryClient.setQueryData(ME_KEY, me);
    },
  });
}

export function useRequestReset() {
  return useMutation({
    mutationFn: (email: string) => unwrapEmpty(api.POST("/api/v1/accounts/password-reset", { body: { email } })),
  });
}

export function useResetLink(token: string) {
  return useQuery({
    queryKey: ["accounts", "reset", token],
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/accounts/password-reset/{token}", { params: { path: { token } }, signal })),
    retry: false,
  });
}

export function useResetPassword(token: string) {
  return useMutation({
    mutationFn: (password: string) =>
      unwrapEmpty(api.POST("/api/v1/accounts/password-reset/{token}", { params: { path: { token } }, body: { password } })),
  });
}

export function useOwnSessions() {
  return useQuery({
    queryKey: SESSIONS_KEY,
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/accounts/me/sessions", { signal })),
    staleTime: 0,
  });
}

export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrapEmpty(api.DELETE("/api/v1/accounts/me/sessions/{session_id}", { params: { path: { session_id: id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SESSIONS_KEY }),
  });
}

/** Every session ends, this one too: the page is then signed out. */
export function useSignOutEverywhere() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrapEmpty(api.POST("/api/v1/accounts/me/sign-out-everywhere")),
    onSuccess: () => {
      rememberSession(null);
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, null);
    },
  });
}

export function useStartTwoFactor() {
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/accounts/me/two-factor/setup")),
    gcTime: 0, // the secret is not kept once the page has gone
  });
}

export function useConfirmTwoFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => unwrap(api.POST("/api/v1/accounts/me/two-factor", { body: { code } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ME_KEY }),
    gcTime: 0,
  });
}

export function useTurnOffTwoFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => unwrapEmpty(api.POST("/api/v1/accounts/me/two-factor/turn-off", { body: { code } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ME_KEY }),
  });
}
