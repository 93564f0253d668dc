import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { formatDateTime } from "../../format";
import type { Claim } from "./api";
import { fileSize } from "./evidence";
import { formatPounds } from "./money";
import { monthLabel } from "./months";
import { statementPath } from "./paths";
import { ineligibleReasonLabels, sentence } from "./wording";

const FILE_KINDS: Record<string, string> = { "application/pdf": "PDF", "image/png": "PNG", "image/jpeg": "JPEG" };

type Row = [string, ReactNode];

/** A claim's record as a GOV.UK summary list: who, what, how much, the evidence and the statements. */
export function ClaimSummary({ claim, statementLinks = true }: { claim: Claim; statementLinks?: boolean }) {
  const { programme, evidence } = claim;
  const statement = (ref: NonNullable<Claim["payment_statement"]>) =>
    statementLinks ? (
      <Link className="govuk-link" to={statementPath(ref.id)}>
        {monthLabel(ref.month)}
      </Link>
    ) : (
      monthLabel(ref.month)
    );
  const rows: Row[] = [
    ["School", `${claim.school.name} (URN ${claim.school.urn})`],
    ["Programme", `${programme.title} (${programme.academic_year_label})`],
    ["Maths Hub", claim.hub.name],
    ["Grant", sentence(claim.kind === "matched_funding" ? `matched funding for ${claim.purpose}` : `a grant towards ${claim.purpose}`)],
    ...(claim.spend ? ([["Spent by the school", formatPounds(claim.spend)]] as Row[]) : []),
    ["Amount claimed", formatPounds(claim.amount)],
    ...(claim.invoice_reference ? ([["Invoice reference", claim.invoice_reference]] as Row[]) : []),
    ...(evidence
      ? ([
          [
            "Evidence",
            <a className="govuk-link" href={evidence.href} download={evidence.filename} key="evidence">
              Download {evidence.filename}
              <span className="govuk-visually-hidden"> (the claim&apos;s evidence)</span> (
              {FILE_KINDS[evidence.content_type] ?? evidence.content_type}, {fileSize(evidence.size_bytes)})
            </a>,
          ],
        ] as Row[])
      : []),
    ["Submitted", formatDateTime(claim.submitted_at)],
    ...(claim.reason ? ([["Why it was refused", ineligibleReasonLabels[claim.reason]]] as Row[]) : []),
    ...(claim.duplicate_of ? ([["Duplicates", claim.duplicate_of.reference]] as Row[]) : []),
    ...(claim.reason_detail ? ([["Reason given", claim.reason_detail]] as Row[]) : []),
    ...(claim.payment_statement ? ([["Payment statement", statement(claim.payment_statement)]] as Row[]) : []),
    ...(claim.clawback_statement
      ? ([["Clawback statement", statement(claim.clawback_statement)]] as Row[])
      : []),
  ];
  return (
    <dl className="govuk-summary-list">
      {rows.map(([key, value]) => (
        <div className="govuk-summary-list__row" key={key}>
          <dt className="govuk-summary-list__key">{key}</dt>
          <dd className="govuk-summary-list__value">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
