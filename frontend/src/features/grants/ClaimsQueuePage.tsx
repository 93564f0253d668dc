import type { FormEvent } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { problemStatus } from "../../api/client";
import { useHubs, useMe } from "../../api/queries";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Select } from "../../components/form/Select";
import { Layout } from "../../components/Layout";
import { pageLinks, Pagination } from "../../components/Pagination";
import { TableHead } from "../../components/TableHead";
import { formatDay, isKeyOf, pluralise } from "../../format";
import { problemOf } from "../../forms";
import { ForbiddenPage } from "../../pages/ForbiddenPage";
import { usePageTitle } from "../../usePageTitle";
import { useClaims, type ClaimFilters, type ClaimStatus } from "./api";
import { GrantsNav } from "./GrantsNav";
import { formatPounds } from "./money";
import { claimPath, CLAIMS_PATH } from "./paths";
import { claimStatusTags, grantKindLabels } from "./wording";

/** The queue shows claims to decide unless another status is asked for; "any" shows every claim. */
const DEFAULT_STATUS: ClaimStatus = "submitted";
const ANY = "any";

const statusNames = Object.fromEntries(Object.entries(claimStatusTags).map(([status, tag]) => [status, tag.label])) as Record<
  ClaimStatus,
  string
>;

/** The filters in the URL as the API's query: the status (submitted by default) and the page. */
export function readClaimFilters(search: URLSearchParams): { filters: ClaimFilters; status: ClaimStatus | typeof ANY } {
  const raw = search.get("status");
  const status = raw === ANY ? ANY : isKeyOf(statusNames, raw) ? raw : DEFAULT_STATUS;
  const hub = search.get("hub");
  const cursor = search.get("cursor");
  return {
    status,
    filters: { ...(status === ANY ? {} : { status: [status] }), ...(hub ? { hub } : {}), ...(cursor ? { cursor } : {}) },
  };
}

/** Hub staff: the claims to decide, filtered by status, each linking to its page. */
export function ClaimsQueuePage() {
  const me = useMe();
  const [search, setSearch] = useSearchParams();
  const { filters, status } = readClaimFilters(search);
  const claims = useClaims(filters);
  const hubs = useHubs();
  const problem = problemOf(claims.error);
  usePageTitle("Grant claims", { error: problem !== null });

  if (problemStatus(claims.error) === 403) {
    return <ForbiddenPage me={me.data ?? null} audience="national and hub administrators" />;
  }

  const allHubs = me.data?.role === "national_admin";

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const values = new URLSearchParams();
    const chosen = data.get("status");
    const hub = data.get("hub");
    if (typeof chosen === "string" && chosen !== DEFAULT_STATUS) values.set("status", chosen);
    if (typeof hub === "string" && hub !== "") values.set("hub", hub);
    setSearch(values);
  }

  const page = claims.data;
  const applied = status === ANY ? "any status" : `the status ${statusNames[status].toLowerCase()}`;
  return (
    <Layout>
      {problem && <ErrorSummary problem={problem} />}
      <h1 className="govuk-heading-xl">Grant claims</h1>
      <GrantsNav />
      <form method="get" action={CLAIMS_PATH} onSubmit={apply} noValidate>
        <Select
          key={status}
          id="status"
          label="Status"
          options={[{ value: ANY, label: "Any status" }, ...Object.entries(statusNames).map(([value, label]) => ({ value, label }))]}
          defaultValue={status}
        />
        {allHubs && (
          <Select
            key={`${filters.hub ?? ""}-${String(hubs.data?.items.length ?? 0)}`}
            id="hub"
            label="Maths Hub"
            empty="Every hub"
            options={(hubs.data?.items ?? []).map((hub) => ({ value: hub.id, label: hub.name }))}
            defaultValue={filters.hub ?? ""}
          />
        )}
        <button type="submit" className="govuk-button govuk-button--secondary">
          Show claims
        </button>
      </form>
      <h2 className="govuk-heading-m" id="claims-count">
        {page ? pluralise(page.items.length, "claim") + (page.next_cursor || filters.cursor ? " on this page" : "") : "Claims"}
      </h2>
      <p className="govuk-body" role="status">
        {claims.isPending && !claims.isError ? "Loading claims…" : `Showing claims with ${applied}.`}
      </p>
      {page && page.items.length === 0 && <p className="govuk-body">No claims have this status.</p>}
      {page && page.items.length > 0 && (
        <div className="app-table-wrapper" role="region" aria-labelledby="claims-caption" tabIndex={0}>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden" id="claims-caption">
              Claims
            </caption>
            <TableHead
              columns={[
                "Claim",
                "School",
                "Programme",
                ...(allHubs ? ["Maths Hub"] : []),
                "Grant",
                { label: "Amount", numeric: true },
                "Status",
                "Submitted",
              ]}
            />
            <tbody className="govuk-table__body">
              {page.items.map((claim) => (
                <tr className="govuk-table__row" key={claim.id}>
                  <th scope="row" className="govuk-table__header">
                    <Link className="govuk-link app-nowrap" to={claimPath(claim.id)}>
                      {claim.reference}
                    </Link>
                  </th>
                  <td className="govuk-table__cell">{claim.school.name}</td>
                  <td className="govuk-table__cell">
                    {claim.programme.title} ({claim.programme.academic_year_label})
                  </td>
                  {allHubs && <td className="govuk-table__cell">{claim.hub.name}</td>}
                  <td className="govuk-table__cell">{grantKindLabels[claim.kind]}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric app-nowrap">{formatPounds(claim.amount)}</td>
                  <td className="govuk-table__cell">
                    <strong className={`govuk-tag ${claimStatusTags[claim.status].colour}`}>
                      {claimStatusTags[claim.status].label}
                    </strong>
                  </td>
                  <td className="govuk-table__cell">{formatDay(claim.submitted_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page && <Pagination {...pageLinks(search, page.next_cursor)} />}
    </Layout>
  );
}
