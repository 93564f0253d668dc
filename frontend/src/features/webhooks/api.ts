// Webhooks: an administrator's endpoints, their delivery log and sending again. Loaded only
// with the webhook pages (lazy routes), never in the first load.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type { components } from "../../api/schema";
import { AUDIT_KEY } from "../../api/queries";

type Schemas = components["schemas"];
export type WebhookEndpoint = Schemas["WebhookEndpoint"];
export type WebhookEndpointCreate = Schemas["WebhookEndpointCreate"];
export type WebhookEndpointIssued = Schemas["WebhookEndpointIssued"];
export type WebhookDelivery = Schemas["WebhookDelivery"];
export type EventType = Schemas["EventType"];

export const WEBHOOKS_KEY = ["webhooks"] as const;
export const DELIVERY_PAGE_SIZE = 50;

/** The endpoints the signed-in administrator manages, newest first. */
export function useWebhookEndpoints() {
  return useQuery({
    queryKey: [...WEBHOOKS_KEY, "endpoints"],
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/webhooks/endpoints", { params: { query: { limit: 200 } }, signal })),
    staleTime: 0,
  });
}

export function useWebhookEndpoint(id: number) {
  return useQuery({
    queryKey: [...WEBHOOKS_KEY, "endpoint", id],
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/webhooks/endpoints/{endpoint_id}", { params: { path: { endpoint_id: id } }, signal })),
    staleTime: 0,
  });
}

/** An endpoint's deliveries, newest first, a page at a time, each with its attempts. */
export function useWebhookDeliveries(id: number, cursor: string | null) {
  return useQuery({
    queryKey: [...WEBHOOKS_KEY, "deliveries", id, cursor],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET("/api/v1/webhooks/endpoints/{endpoint_id}/deliveries", {
          params: {
            path: { endpoint_id: id },
            query: { limit: DELIVERY_PAGE_SIZE, ...(cursor ? { cursor } : {}) },
          },
          signal,
        }),
      ),
    staleTime: 0,
  });
}

/** Register an endpoint. The response holds the signing secret, shown once. */
export function useRegisterWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: WebhookEndpointCreate) => unwrap(api.POST("/api/v1/webhooks/endpoints", { body })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: WEBHOOKS_KEY }),
        queryClient.invalidateQueries({ queryKey: AUDIT_KEY }),
      ]),
    gcTime: 0, // drop the secret from memory once the page that showed it has gone
  });
}

/** Send one delivery again, from its first attempt. */
export function useSendAgain() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: number) =>
      unwrap(
        api.POST("/api/v1/webhooks/deliveries/{delivery_id}/redelivery", {
          params: { path: { delivery_id: deliveryId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: WEBHOOKS_KEY }),
  });
}

/** Send again every delivery made in a time range (since ≤ made < until), from the first attempt. */
export function useSendRangeAgain(endpointId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (range: { since: string; until: string }) =>
      unwrap(
        api.POST("/api/v1/webhooks/endpoints/{endpoint_id}/redeliveries", {
          params: { path: { endpoint_id: endpointId } },
          body: range,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: WEBHOOKS_KEY }),
  });
}
