import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { formatDateTime } from "../../format";
import type { Entitlement } from "./api";
import { formatPounds } from "./money";
import { claimFormPath, claimPath } from "./paths";
import { claimStatusNext, claimStatusTags, entitlementStatusTags, sentence } from "./wording";

type Props = {
  entitlement: Entitlement;
  /** The school's own contact, who may claim (hub staff see the same card without the link). */
  canClaim: boolean;
};

/** The amount an entitlement commits: a fixed grant's amount, or "up to" matched funding's cap. */
export function committedLabel(entitlement: Pick<Entitlement, "kind" | "committed">): string {
  const amount = formatPounds(entitlement.committed);
  return entitlement.kind === "matched_funding" ? `Up to ${amount}, matching what the school spends` : amount;
}

/** Whether the school can claim it now: claimable, no live claim, and the window open. */
export function claimOpen(entitlement: Pick<Entitlement, "status" | "window_open">): boolean {
  return entitlement.status === "claimable" && entitlement.window_open;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

/** One of a school's grants as a GOV.UK summary card: what, how much, the checks and the claim. */
export function EntitlementCard({ entitlement, canClaim }: Props) {
  const status = entitlementStatusTags[entitlement.status];
  const { programme } = entitlement;
  const headingId = `entitlement-${String(entitlement.id)}`;
  const closes = entitlement.claims_close_at;
  return (
    <section className="govuk-summary-card" aria-labelledby={headingId}>
      <div className="govuk-summary-card__title-wrapper">
        <h2 className="govuk-summary-card__title" id={headingId}>
          {programme.title} ({programme.academic_year_label})
        </h2>
      </div>
      <div className="govuk-summary-card__content">
        <dl className="govuk-summary-list">
          <Row label="Grant">{sentence(entitlement.description)}</Row>
          <Row label="Amount">{committedLabel(entitlement)}</Row>
          <Row label="Status">
            <strong className={`govuk-tag ${status.colour}`}>{status.label}</strong>
          </Row>
          <Row label="Conditions">
            <ul className="govuk-list">
              {entitlement.checks.map((check, index) => (
                <li key={`${check.code}-${String(index)}`}>
                  <strong>{check.met ? "Met" : "Not met yet"}</strong>: {check.reason}
                </li>
              ))}
            </ul>
          </Row>
          {entitlement.missing.length > 0 && (
            <Row label="What is missing">
              <ul className="govuk-list govuk-list--bullet">
                {entitlement.missing.map((reason, index) => (
                  <li key={index}>{reason}</li>
                ))}
              </ul>
            </Row>
          )}
          <Row label="Claims close">
            {closes ? formatDateTime(closes) : "No deadline set"}
            {closes && !entitlement.window_open && " (closed)"}
          </Row>
          {entitlement.claim && (
            <Row label="Claim">
              <Link className="govuk-link" to={claimPath(entitlement.claim.id)}>
                {entitlement.claim.reference}
              </Link>{" "}
              <strong className={`govuk-tag ${claimStatusTags[entitlement.claim.status].colour}`}>
                {claimStatusTags[entitlement.claim.status].label}
              </strong>
              <p className="govuk-body govuk-!-margin-top-2 govuk-!-margin-bottom-0">
                {claimStatusNext[entitlement.claim.status]}
              </p>
            </Row>
          )}
        </dl>
        {canClaim && claimOpen(entitlement) && (
          <Link
            className="govuk-button govuk-!-margin-bottom-0"
            to={claimFormPath(entitlement.school.urn, entitlement.id)}
            role="button"
            draggable={false}
          >
            Claim {entitlement.kind === "matched_funding" ? "matched funding" : formatPounds(entitlement.committed)}
            <span className="govuk-visually-hidden"> for {programme.title}</span>
          </Link>
        )}
      </div>
    </section>
  );
}
