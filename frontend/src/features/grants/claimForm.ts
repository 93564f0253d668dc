// The school's claim form read into a request, with the page's own checks (the API checks
// again), and the API's answers about the evidence file turned into errors at its field.
import type { FieldError, Problem } from "../../api/client";
import { bodyError } from "../../forms";
import { evidenceError } from "./evidence";
import { readPounds } from "./money";

/** The form's fields by the API's JSON pointers, for the error summary's links. */
export const CLAIM_FIELDS = {
  "/spend_pence": { id: "spend" },
  "/invoice_reference": { id: "invoice_reference" },
  "/evidence": { id: "evidence" },
};

export type MatchedClaimInput = { spend: string; invoiceReference: string; evidence: File | null };

export type MatchedClaimRead =
  | { errors: FieldError[]; matched?: undefined }
  | { errors: []; matched: { spendPence: number; invoiceReference: string; evidence: File } };

/** A matched-funding claim as typed: the spend in whole pence, the invoice and the file, or what is wrong. */
export function readMatchedClaim(input: MatchedClaimInput): MatchedClaimRead {
  const errors: FieldError[] = [];
  const spend = readPounds(input.spend, { what: "how much the school spent" });
  if (spend.error !== undefined) errors.push(bodyError("/spend_pence", spend.error));
  const invoiceReference = input.invoiceReference.trim();
  if (invoiceReference === "") errors.push(bodyError("/invoice_reference", "Enter the invoice reference"));
  else if (invoiceReference.length > 100) {
    errors.push(bodyError("/invoice_reference", "Invoice reference must be 100 characters or fewer"));
  }
  const fileError = evidenceError(input.evidence);
  if (fileError) errors.push(bodyError("/evidence", fileError));
  if (errors.length > 0 || spend.pence === undefined || !input.evidence) return { errors };
  return { errors: [], matched: { spendPence: spend.pence, invoiceReference, evidence: input.evidence } };
}

/**
 * The API's problem, with a refused file (413 too large, or a 422 about it without a pointer)
 * linked to the evidence field, so the error summary leads there.
 */
export function claimProblem(problem: Problem | null): Problem | null {
  if (!problem) return null;
  if ((problem.errors ?? []).length > 0) return problem;
  const aboutFile = problem.status === 413 || problem.type.endsWith("/evidence-too-large");
  if (!aboutFile) return problem;
  return {
    ...problem,
    errors: [bodyError("/evidence", problem.detail ?? "The selected file must be smaller than 10 MB")],
  };
}
