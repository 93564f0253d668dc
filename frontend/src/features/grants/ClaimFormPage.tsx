import { useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { newIdempotencyKey } from "../../api/applications";
import { problemStatus, type Problem } from "../../api/client";
import { useMe } from "../../api/queries";
import { ErrorSummary } from "../../components/ErrorSummary";
import { FieldGroup } from "../../components/form/FieldGroup";
import { TextInput } from "../../components/form/TextInput";
import { Layout } from "../../components/Layout";
import { formatDateTime } from "../../format";
import { checksProblem, errorsByPointer, formText, problemOf } from "../../forms";
import { ForbiddenPage } from "../../pages/ForbiddenPage";
import { NotFoundPage } from "../../pages/NotFoundPage";
import { usePageTitle } from "../../usePageTitle";
import { idParam } from "../../workGroups";
import { useEntitlement, useMakeClaim, type Entitlement } from "./api";
import { CLAIM_FIELDS, claimProblem, readMatchedClaim } from "./claimForm";
import { claimOpen } from "./EntitlementCard";
import { EVIDENCE_ACCEPT } from "./evidence";
import { formatPounds } from "./money";
import { schoolGrantsPath, urnParam, type ClaimedState } from "./paths";
import { sentence } from "./wording";

const TITLE = "Claim a grant";

/** A school contact claims one entitlement: matched funding with its spend and evidence, a fixed grant with a confirm. */
export function ClaimFormPage() {
  const params = useParams();
  const urn = urnParam(params.urn);
  const id = idParam(params.entitlementId);
  const me = useMe();
  const read = useEntitlement(id);

  const forbidden = problemStatus(read.error) === 403;
  const notFound = urn === null || id === null || problemStatus(read.error) === 404 || (read.data && read.data.school.urn !== urn);
  const problem = problemOf(read.error);
  usePageTitle(forbidden || notFound || read.data ? null : TITLE, { error: problem !== null });

  if (forbidden) return <ForbiddenPage me={me.data ?? null} audience="the school's own contacts" />;
  if (notFound || urn === null) return <NotFoundPage detail={problem?.detail ?? null} />;
  if (me.data && !(me.data.role === "school_contact" && me.data.school_urn === urn)) {
    return <ForbiddenPage me={me.data} audience="the school's own contacts" />;
  }
  if (read.data) return <ClaimForm entitlement={read.data} />;
  return (
    <Layout>
      {problem && <ErrorSummary problem={problem} />}
      <h1 className="govuk-heading-l">{TITLE}</h1>
      {!problem && (
        <p className="govuk-body" role="status">
          Loading the grant…
        </p>
      )}
    </Layout>
  );
}

function ClaimForm({ entitlement }: { entitlement: Entitlement }) {
  const navigate = useNavigate();
  const claim = useMakeClaim();
  const [checks, setChecks] = useState<Problem | null>(null);
  // One key per attempt: a double click or a retry after a network failure makes one claim.
  const [key, setKey] = useState(newIdempotencyKey);
  const matched = entitlement.kind === "matched_funding";
  const problem = checks ?? claimProblem(problemOf(claim.error));
  const errors = errorsByPointer(problem);
  const backTo = schoolGrantsPath(entitlement.school.urn);
  const { programme } = entitlement;
  usePageTitle(`${matched ? "Claim matched funding" : "Claim a grant"}: ${programme.title}`, { error: problem !== null });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (claim.isPending) return;
    let request;
    if (matched) {
      const data = new FormData(event.currentTarget);
      const file = data.get("evidence");
      const read = readMatchedClaim({
        spend: formText(data, "spend"),
        invoiceReference: formText(data, "invoice_reference"),
        evidence: file instanceof File && file.name !== "" ? file : null,
      });
      const found = checksProblem(read.errors);
      setChecks(found);
      if (found || !read.matched) {
        claim.reset();
        return;
      }
      request = { entitlementId: entitlement.id, matched: read.matched, key };
    } else {
      setChecks(null);
      request = { entitlementId: entitlement.id, key };
    }
    claim.mutate(request, {
      onSuccess: (made) => {
        const state: ClaimedState = { claimed: { reference: made.claim.reference } };
        void navigate(backTo, { state });
      },
      onError: (error) => {
        // The API answered: the next attempt is a new one. (No answer: retry with the same key.)
        if (problemOf(error)?.status !== 0) setKey(newIdempotencyKey());
      },
    });
  }

  const open = claimOpen(entitlement);
  return (
    <Layout
      beforeContent={
        <Link to={backTo} className="govuk-back-link">
          Back to grants
        </Link>
      }
    >
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {problem && <ErrorSummary problem={problem} fields={CLAIM_FIELDS} />}
          <span className="govuk-caption-l">
            {programme.title} ({programme.academic_year_label})
          </span>
          <h1 className="govuk-heading-l">{matched ? "Claim matched funding" : "Claim a grant"}</h1>
          <p className="govuk-body">{sentence(entitlement.description)}.</p>
          {entitlement.claims_close_at && (
            <p className="govuk-body">Claims close at {formatDateTime(entitlement.claims_close_at)}.</p>
          )}
          {!open ? (
            <NotClaimable entitlement={entitlement} />
          ) : (
            <form method="post" onSubmit={submit} noValidate encType="multipart/form-data">
              {matched ? (
                <>
                  <p className="govuk-body">
                    The hub pays what the school spent itself, up to {formatPounds(entitlement.committed)}.
                  </p>
                  <div className={`govuk-form-group${errors["/spend_pence"] ? " govuk-form-group--error" : ""}`}>
                    <label className="govuk-label govuk-label--s" htmlFor="spend">
                      How much did the school spend?
                    </label>
                    <div className="govuk-hint" id="spend-hint">
                      In pounds and pence, as on the invoice, like 1,234.56
                    </div>
                    {errors["/spend_pence"] && (
                      <p className="govuk-error-message" id="spend-error">
                        <span className="govuk-visually-hidden">Error:</span> {errors["/spend_pence"]}
                      </p>
                    )}
                    <div className="govuk-input__wrapper">
                      <div className="govuk-input__prefix" aria-hidden="true">
                        £
                      </div>
                      <input
                        className={`govuk-input govuk-input--width-10${errors["/spend_pence"] ? " govuk-input--error" : ""}`}
                        id="spend"
                        name="spend"
                        type="text"
                        inputMode="decimal"
                        autoComplete="off"
                        spellCheck={false}
                        aria-describedby={`spend-hint${errors["/spend_pence"] ? " spend-error" : ""}`}
                      />
                    </div>
                  </div>
                  <TextInput
                    id="invoice_reference"
                    label="Invoice reference"
                    hint="The supplier's invoice number, up to 100 characters"
                    inputClassName="govuk-input--width-20"
                    autoComplete="off"
                    spellCheck={false}
                    error={errors["/invoice_reference"]}
                  />
                  <FieldGroup
                    id="evidence"
                    label="Invoice or receipt"
                    hint="A PDF, PNG or JPEG file, up to 10 MB, showing what the school paid"
                    error={errors["/evidence"]}
                  >
                    {(describedById) => (
                      <input
                        className={`govuk-file-upload${errors["/evidence"] ? " govuk-file-upload--error" : ""}`}
                        id="evidence"
                        name="evidence"
                        type="file"
                        accept={EVIDENCE_ACCEPT}
                        aria-describedby={describedById}
                      />
                    )}
                  </FieldGroup>
                  <button type="submit" className="govuk-button" disabled={claim.isPending} aria-disabled={claim.isPending}>
                    Send the claim
                  </button>
                </>
              ) : (
                <>
                  <p className="govuk-body">
                    The school claims {formatPounds(entitlement.committed)}. The hub checks the claim, then pays it on
                    its next monthly statement.
                  </p>
                  <button type="submit" className="govuk-button" disabled={claim.isPending} aria-disabled={claim.isPending}>
                    Claim {formatPounds(entitlement.committed)}
                  </button>
                </>
              )}
            </form>
          )}
        </div>
      </div>
    </Layout>
  );
}

/** Why this grant cannot be claimed now, in the API's words. */
function NotClaimable({ entitlement }: { entitlement: Entitlement }) {
  if (entitlement.claim && entitlement.status !== "claimable") {
    return (
      <p className="govuk-body">
        This grant has already been claimed: claim {entitlement.claim.reference}.{" "}
        <Link className="govuk-link" to={schoolGrantsPath(entitlement.school.urn)}>
          See where it has reached
        </Link>
        .
      </p>
    );
  }
  if (entitlement.claimable && !entitlement.window_open) {
    return <p className="govuk-body">Claims for this grant have closed.</p>;
  }
  return (
    <>
      <p className="govuk-body">The school cannot claim this grant yet:</p>
      <ul className="govuk-list govuk-list--bullet">
        {entitlement.missing.map((reason, index) => (
          <li key={index}>{reason}</li>
        ))}
      </ul>
    </>
  );
}
