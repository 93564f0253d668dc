import type { CSSProperties } from "react";
import type { EventType, WebhookDelivery } from "./api";

/** A long address breaks anywhere rather than overflowing a narrow screen. */
export const BREAK_ANYWHERE: CSSProperties = { overflowWrap: "anywhere" };

/** Each event in words, in the order the registration form offers them. */
export const eventLabels: Record<EventType, string> = {
  "programme.published": "Programme published",
  "programme.changed": "Programme changed",
  "programme.closed": "Programme closed",
  "session.scheduled": "Session scheduled",
  "session.moved": "Session moved",
  "session.cancelled": "Session cancelled",
  "application.submitted": "Application submitted",
  "application.decided": "Application decided",
  "work_group.formed": "Work Group formed",
  "work_group.completed": "Work Group completed",
  "grant_claim.state_changed": "Grant claim changed state",
};

export function isEventType(value: unknown): value is EventType {
  return typeof value === "string" && Object.hasOwn(eventLabels, value);
}

/** A delivery's outcome in words: delivered, given up, or waiting (and how the last try went). */
export function deliveryOutcome(delivery: Pick<WebhookDelivery, "status" | "attempts">): string {
  const last = delivery.attempts.at(-1);
  const lastTry = last ? (last.status_code !== null ? `answered ${String(last.status_code)}` : "no answer") : null;
  switch (delivery.status) {
    case "delivered":
      return "Delivered";
    case "failed":
      return lastTry ? `Failed (${lastTry})` : "Failed";
    case "pending":
      return lastTry ? `Waiting to retry (${lastTry})` : "Waiting to send";
  }
}
