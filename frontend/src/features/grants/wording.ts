// The words and tag colours of the grants pages: each status of an entitlement, a claim and a
// statement, and each reason a claim is refused, in the hub's plain English.
import type {
  ClaimAction,
  ClaimStatus,
  EntitlementStatus,
  GrantKind,
  IneligibleReason,
  StatementLine,
  StatementStatus,
} from "./api";

export type Tag = { label: string; colour: string };

/** Where a school's entitlement is on its way to being paid. */
export const entitlementStatusTags: Record<EntitlementStatus, Tag> = {
  not_due: { label: "Not due yet", colour: "govuk-tag--grey" },
  claimable: { label: "Entitled", colour: "govuk-tag--blue" },
  claimed: { label: "Claimed", colour: "govuk-tag--yellow" },
  paid: { label: "Paid", colour: "govuk-tag--green" },
  clawed_back: { label: "Clawed back", colour: "govuk-tag--red" },
};

export const claimStatusTags: Record<ClaimStatus, Tag> = {
  submitted: { label: "Submitted", colour: "govuk-tag--blue" },
  eligible: { label: "Approved", colour: "govuk-tag--turquoise" },
  ineligible: { label: "Refused", colour: "govuk-tag--red" },
  payable: { label: "On a statement", colour: "govuk-tag--purple" },
  paid: { label: "Paid", colour: "govuk-tag--green" },
  void: { label: "Void", colour: "govuk-tag--grey" },
  awaiting_clawback: { label: "Awaiting clawback", colour: "govuk-tag--orange" },
  clawed_back: { label: "Clawed back", colour: "govuk-tag--red" },
};

/** What a school contact reads about their claim's status: what happens next. */
export const claimStatusNext: Record<ClaimStatus, string> = {
  submitted: "The hub will check the claim.",
  eligible: "The hub has approved the claim; it will go on the hub's next payment statement.",
  ineligible: "The hub refused the claim.",
  payable: "The claim is on a payment statement and will be paid when the statement is paid.",
  paid: "The claim has been paid.",
  void: "The claim was voided.",
  awaiting_clawback: "The hub is taking the payment back on its next statement.",
  clawed_back: "The payment was taken back.",
};

export const ineligibleReasonLabels: Record<IneligibleReason, string> = {
  duplicate: "It duplicates another claim",
  conditions_not_met: "The grant's conditions are not met",
  nothing_spent: "The school spent nothing of its own",
  evidence_rejected: "The evidence does not show the spend",
};

export const grantKindLabels: Record<GrantKind, string> = {
  fixed_grant: "Grant",
  matched_funding: "Matched funding",
};

/** The hub's buttons, in the order the claim page offers them. */
export const claimActionLabels: Record<ClaimAction, string> = {
  approve: "Approve",
  refuse: "Refuse",
  void: "Void",
  clawback: "Claw back",
};

/** A sentence's start in capitals: the API's descriptions begin in lower case ("a £1,000.00 grant"). */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const statementStatusTags: Record<StatementStatus, Tag> = {
  open: { label: "Open", colour: "govuk-tag--blue" },
  payable: { label: "Closed for payment", colour: "govuk-tag--orange" },
  paid: { label: "Paid", colour: "govuk-tag--green" },
};

export const lineKindLabels: Record<StatementLine["kind"], string> = {
  payment: "Payment",
  clawback: "Clawback",
};
