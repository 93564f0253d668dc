import type { ApiKey } from "../../api/client";

export type KeyStatus = "active" | "revoked" | "expired";

/** Revoked wins over expired: it was a decision, not the calendar. */
export function keyStatus(key: Pick<ApiKey, "revoked_at" | "expires_at">, now: Date): KeyStatus {
  if (key.revoked_at) return "revoked";
  if (key.expires_at && new Date(key.expires_at).getTime() <= now.getTime()) return "expired";
  return "active";
}

const tags: Record<KeyStatus, { label: string; colour: string }> = {
  active: { label: "Active", colour: "govuk-tag--green" },
  revoked: { label: "Revoked", colour: "govuk-tag--red" },
  expired: { label: "Expired", colour: "govuk-tag--grey" },
};

export function KeyStatusTag({ status }: { status: KeyStatus }) {
  const { label, colour } = tags[status];
  return <strong className={`govuk-tag ${colour}`}>{label}</strong>;
}
