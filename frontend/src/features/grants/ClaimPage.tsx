import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router-dom";
import { problemStatus, type Problem } from "../../api/client";
import { useMe } from "../../api/queries";
import { isHubStaff } from "../../auth";
import { ErrorSummary } from "../../components/ErrorSummary";
import { TextInput } from "../../components/form/TextInput";
import { Textarea } from "../../components/form/Textarea";
import { Layout } from "../../components/Layout";
import { SuccessBanner } from "../../components/NotificationBanner";
import { Radios } from "../../components/applications/Radios";
import { WarningText } from "../../components/WarningText";
import { formatDateTime, isKeyOf } from "../../format";
import { bodyError, checksProblem, errorsByPointer, formText, problemOf } from "../../forms";
import { ForbiddenPage } from "../../pages/ForbiddenPage";
import { NotFoundPage } from "../../pages/NotFoundPage";
import { usePageTitle } from "../../usePageTitle";
import { idParam } from "../../workGroups";
import { AddToStatement } from "./AddToStatement";
import { useClaim, useClaimAction, type ClaimAction, type IneligibleReason, type VersionedClaim } from "./api";
import { ClaimSummary } from "./ClaimSummary";
import { GrantsNav } from "./GrantsNav";
import { CLAIMS_PATH, schoolGrantsPath } from "./paths";
import { ProblemMore } from "./ProblemMore";
import { claimStatusTags, ineligibleReasonLabels } from "./wording";

/** Hub staff: one claim, its evidence and history, and the decisions they may make on it now. */
export function ClaimPage() {
  const id = idParam(useParams().id);
  const me = useMe();
  const read = useClaim(id);

  const forbidden = problemStatus(read.error) === 403;
  const notFound = id === null || problemStatus(read.error) === 404;
  const problem = problemOf(read.error);
  usePageTitle(forbidden || notFound || read.data ? null : "Claim", { error: problem !== null });

  if (forbidden) return <ForbiddenPage me={me.data ?? null} audience="national and hub administrators" />;
  if (notFound) return <NotFoundPage detail={problem?.detail ?? null} />;
  if (read.data) return <ClaimDecisions read={read.data} />;
  return (
    <Layout>
      {problem && <ErrorSummary problem={problem} />}
      <h1 className="govuk-heading-l">Claim</h1>
      {!problem && (
        <p className="govuk-body" role="status">
          Loading the claim…
        </p>
      )}
    </Layout>
  );
}

/** Each decision's form fields by the API's pointers, for the error summary's links. */
const FIELDS: Record<ClaimAction | "statement", Record<string, { id: string }>> = {
  approve: {},
  refuse: { "/reason": { id: "refuse-reason" }, "/detail": { id: "refuse-detail" }, "/duplicate_of": { id: "duplicate_of" } },
  void: { "/reason": { id: "void-reason" } },
  clawback: { "/reason": { id: "clawback-reason" } },
  statement: { "/statement": { id: "statement" }, "/claim_id": { id: "statement" } },
};

const DONE: Record<ClaimAction, string> = {
  approve: "approved",
  refuse: "refused",
  void: "voided",
  clawback: "is being clawed back",
};

type News = { heading: string; at: number };

function ClaimDecisions({ read }: { read: VersionedClaim }) {
  const { claim, etag } = read;
  const me = useMe();
  const hubStaff = isHubStaff(me.data);
  const act = useClaimAction();
  const [checks, setChecks] = useState<Problem | null>(null);
  const [acting, setActing] = useState<ClaimAction | "statement">("approve");
  const [news, setNews] = useState<News | null>(null);
  const [statementProblem, setStatementProblem] = useState<Problem | null>(null);
  const [refuseReason, setRefuseReason] = useState<IneligibleReason | null>(null);

  const problem = checks ?? statementProblem ?? problemOf(act.error);
  const errors = errorsByPointer(problem);
  usePageTitle(`Claim ${claim.reference}`, { error: problem !== null });
  const tag = claimStatusTags[claim.status];
  const allowed = new Set(claim.allowed_actions);

  function start(action: ClaimAction | "statement", found: Problem | null): boolean {
    setActing(action);
    setChecks(found);
    setStatementProblem(null);
    setNews(null);
    act.reset();
    return found === null && !act.isPending;
  }

  function done(action: ClaimAction) {
    return () => {
      setNews({ heading: `Claim ${claim.reference} ${DONE[action]}`, at: Date.now() });
    };
  }

  function approve(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!start("approve", null)) return;
    act.mutate({ action: "approve", id: claim.id, etag }, { onSuccess: done("approve") });
  }

  function refuse(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const detail = formText(data, "detail").trim();
    const duplicateOf = formText(data, "duplicate_of").trim().toUpperCase();
    const found = checksProblem([
      ...(refuseReason ? [] : [bodyError("/reason", "Select why the claim is refused")]),
      ...(detail ? [] : [bodyError("/detail", "Enter what the school should know about the refusal")]),
      ...(refuseReason === "duplicate" && !/^GC-\d{6,10}$/.test(duplicateOf)
        ? [bodyError("/duplicate_of", "Enter the reference of the claim it duplicates, like GC-000041")]
        : []),
    ]);
    if (!start("refuse", found) || !refuseReason) return;
    act.mutate(
      {
        action: "refuse",
        id: claim.id,
        etag,
        body: { reason: refuseReason, detail, ...(refuseReason === "duplicate" ? { duplicate_of: duplicateOf } : {}) },
      },
      { onSuccess: done("refuse") },
    );
  }

  function withReason(action: "void" | "clawback", missing: string) {
    return (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      const reason = formText(new FormData(event.currentTarget), "reason").trim();
      const found = reason ? null : checksProblem([bodyError("/reason", missing)]);
      if (!start(action, found)) return;
      act.mutate({ action, id: claim.id, etag, reason }, { onSuccess: done(action) });
    };
  }

  return (
    <Layout
      beforeContent={
        hubStaff ? (
          <Link to={CLAIMS_PATH} className="govuk-back-link">
            Back to claims
          </Link>
        ) : (
          <Link to={schoolGrantsPath(claim.school.urn)} className="govuk-back-link">
            Back to grants
          </Link>
        )
      }
    >
      {problem && (
        <ErrorSummary problem={problem} fields={FIELDS[acting]}>
          <ProblemMore problem={problem} />
        </ErrorSummary>
      )}
      {news && !problem && <SuccessBanner key={news.at} heading={news.heading} />}
      {hubStaff && <GrantsNav />}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{claim.school.name}</span>
          <h1 className="govuk-heading-l">
            Claim {claim.reference} <strong className={`govuk-tag ${tag.colour}`}>{tag.label}</strong>
          </h1>
          <ClaimSummary claim={claim} statementLinks={hubStaff} />

          {allowed.has("approve") && (
            <form method="post" onSubmit={approve} noValidate>
              <h2 className="govuk-heading-m">Approve</h2>
              <p className="govuk-body">
                The service checks the grant&apos;s conditions again; an approved claim can go on a statement to be paid.
              </p>
              <button type="submit" className="govuk-button">
                Approve
              </button>
            </form>
          )}

          {hubStaff && claim.status === "eligible" && (
            <AddToStatement
              claim={claim}
              onAdded={(month) => {
                setNews({ heading: `Claim ${claim.reference} added to the statement for ${month}`, at: Date.now() });
              }}
              onStart={() => start("statement", null)}
              onProblem={setStatementProblem}
              error={acting === "statement" ? errors["/statement"] : undefined}
            />
          )}

          {allowed.has("refuse") && (
            <form method="post" onSubmit={refuse} noValidate>
              <h2 className="govuk-heading-m">Refuse</h2>
              <Radios
                name="refuse-reason"
                legend="Why is the claim refused?"
                options={Object.entries(ineligibleReasonLabels).map(([value, label]) => ({ value, label }))}
                value={refuseReason}
                onChange={(value) => {
                  if (isKeyOf(ineligibleReasonLabels, value)) setRefuseReason(value);
                }}
                error={acting === "refuse" ? errors["/reason"] : undefined}
              />
              {refuseReason === "duplicate" && (
                <TextInput
                  id="duplicate_of"
                  label="Reference of the claim it duplicates"
                  hint="Like GC-000041"
                  inputClassName="govuk-input--width-10"
                  autoComplete="off"
                  spellCheck={false}
                  error={acting === "refuse" ? errors["/duplicate_of"] : undefined}
                />
              )}
              <Textarea
                id="refuse-detail"
                name="detail"
                label="What should the school know?"
                hint="The school reads this with the claim"
                rows={3}
                error={acting === "refuse" ? errors["/detail"] : undefined}
              />
              <button type="submit" className="govuk-button govuk-button--warning">
                Refuse the claim
              </button>
            </form>
          )}

          {allowed.has("void") && (
            <form method="post" onSubmit={withReason("void", "Enter why the claim is voided")} noValidate>
              <h2 className="govuk-heading-m">Void</h2>
              <WarningText>A voided claim is never paid. It stays in the claim&apos;s history.</WarningText>
              <Textarea
                id="void-reason"
                name="reason"
                label="Why is the claim voided?"
                rows={3}
                error={acting === "void" ? errors["/reason"] : undefined}
              />
              <button type="submit" className="govuk-button govuk-button--warning">
                Void the claim
              </button>
            </form>
          )}

          {allowed.has("clawback") && (
            <form method="post" onSubmit={withReason("clawback", "Enter why the payment is clawed back")} noValidate>
              <h2 className="govuk-heading-m">Claw back</h2>
              <WarningText>
                The payment is taken back as a negative line on the hub&apos;s next open statement.
              </WarningText>
              <Textarea
                id="clawback-reason"
                name="reason"
                label="Why is the payment clawed back?"
                rows={3}
                error={acting === "clawback" ? errors["/reason"] : undefined}
              />
              <button type="submit" className="govuk-button govuk-button--warning">
                Claw back the payment
              </button>
            </form>
          )}

          <h2 className="govuk-heading-m govuk-!-margin-top-6">History</h2>
          <div className="app-table-wrapper" role="region" aria-labelledby="history-caption" tabIndex={0}>
            <table className="govuk-table">
              <caption className="govuk-table__caption govuk-visually-hidden" id="history-caption">
                The claim&apos;s history
              </caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    When
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Status
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Who
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Note
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {claim.history.map((item, index) => (
                  <tr className="govuk-table__row" key={index}>
                    <td className="govuk-table__cell">{formatDateTime(item.at)}</td>
                    <td className="govuk-table__cell">{claimStatusTags[item.status].label}</td>
                    <td className="govuk-table__cell">{item.by_name ?? "The service"}</td>
                    <td className="govuk-table__cell">{item.note ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </Layout>
  );
}
