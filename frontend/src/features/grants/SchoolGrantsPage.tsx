import { Link, useLocation, useParams } from "react-router-dom";
import { problemStatus } from "../../api/client";
import { useMe } from "../../api/queries";
import { useSchool } from "../../api/schools";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Layout } from "../../components/Layout";
import { SuccessBanner } from "../../components/NotificationBanner";
import { problemOf } from "../../forms";
import { ForbiddenPage } from "../../pages/ForbiddenPage";
import { NotFoundPage } from "../../pages/NotFoundPage";
import { usePageTitle } from "../../usePageTitle";
import { useEntitlements } from "./api";
import { EntitlementCard } from "./EntitlementCard";
import { claimedState, urnParam } from "./paths";
import { claimStatusNext } from "./wording";

/**
 * A school's grants: each entitlement with what it may claim, what is missing and why, where its
 * claim has reached, and a link to claim one that can be claimed. The school's own contacts and
 * hub staff see it; only the school's contacts claim.
 */
export function SchoolGrantsPage() {
  const urn = urnParam(useParams().urn);
  const me = useMe();
  const school = useSchool(urn);
  const entitlements = useEntitlements({ school: urn ?? "" }, { enabled: urn !== null });
  const claimed = claimedState(useLocation().state);

  const errors = [school.error, entitlements.error];
  const forbidden = errors.some((error) => problemStatus(error) === 403);
  const notFound = urn === null || errors.some((error) => problemStatus(error) === 404);
  const problem = errors.map(problemOf).find((found) => found !== null) ?? null;
  const title = school.data ? `Grants: ${school.data.name}` : "Grants";
  usePageTitle(forbidden || notFound ? null : title, { error: problem !== null });

  if (forbidden) return <ForbiddenPage me={me.data ?? null} audience="the school's own contacts and Maths Hub staff" />;
  if (notFound) return <NotFoundPage detail={problem?.detail ?? null} />;

  const items = entitlements.data?.items ?? [];
  const ownSchool = me.data?.role === "school_contact" && me.data.school_urn === urn;
  return (
    <Layout
      beforeContent={
        <Link to={`/schools/${urn}`} className="govuk-back-link">
          Back to {school.data?.name ?? "the school"}
        </Link>
      }
    >
      {problem && <ErrorSummary problem={problem} />}
      {claimed && !problem && (
        <SuccessBanner heading={`Claim ${claimed.reference} sent`}>
          <p className="govuk-body">{claimStatusNext.submitted} We will show here what it has reached.</p>
        </SuccessBanner>
      )}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {school.data && <span className="govuk-caption-l">{school.data.name}</span>}
          <h1 className="govuk-heading-xl">Grants</h1>
          <p className="govuk-body-l">
            What {ownSchool ? "your" : "the"} school may claim from the programmes it takes part in, what is still
            missing, and where each claim has reached.
          </p>
          {entitlements.isPending && !problem && (
            <p className="govuk-body" role="status">
              Loading the grants…
            </p>
          )}
          {entitlements.data && items.length === 0 && (
            <p className="govuk-body">
              {ownSchool ? "Your" : "The"} school has no grants yet. A grant becomes due when a school is selected for,
              or completes, a programme that offers one.
            </p>
          )}
          {items.map((entitlement) => (
            <EntitlementCard key={entitlement.id} entitlement={entitlement} canClaim={ownSchool} />
          ))}
        </div>
      </div>
    </Layout>
  );
}
