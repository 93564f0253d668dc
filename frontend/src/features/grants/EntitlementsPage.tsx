import { Link, useSearchParams } from "react-router-dom";
import { problemStatus } from "../../api/client";
import { useMe } from "../../api/queries";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Layout } from "../../components/Layout";
import { pageLinks, Pagination } from "../../components/Pagination";
import { TableHead } from "../../components/TableHead";
import { pluralise } from "../../format";
import { problemOf } from "../../forms";
import { ForbiddenPage } from "../../pages/ForbiddenPage";
import { usePageTitle } from "../../usePageTitle";
import { useEntitlements } from "./api";
import { committedLabel } from "./EntitlementCard";
import { GrantsNav } from "./GrantsNav";
import { claimPath, schoolGrantsPath } from "./paths";
import { entitlementStatusTags, grantKindLabels } from "./wording";

/** Hub staff: every school's grants, with what each may claim and what is still missing. */
export function EntitlementsPage() {
  const me = useMe();
  const [search] = useSearchParams();
  const cursor = search.get("cursor");
  const entitlements = useEntitlements(cursor ? { cursor } : {});
  const problem = problemOf(entitlements.error);
  usePageTitle("Schools' grants", { error: problem !== null });

  if (problemStatus(entitlements.error) === 403) {
    return <ForbiddenPage me={me.data ?? null} audience="national and hub administrators" />;
  }

  const page = entitlements.data;
  return (
    <Layout>
      {problem && <ErrorSummary problem={problem} />}
      <h1 className="govuk-heading-xl">Schools&apos; grants</h1>
      <GrantsNav />
      <p className="govuk-body">
        Each school&apos;s grants from the programmes it takes part in: what it may claim, what is still missing, and its
        claim.
      </p>
      <h2 className="govuk-heading-m">
        {page ? pluralise(page.items.length, "grant") + (page.next_cursor || cursor ? " on this page" : "") : "Grants"}
      </h2>
      {entitlements.isPending && !problem && (
        <p className="govuk-body" role="status">
          Loading the schools&apos; grants…
        </p>
      )}
      {page && page.items.length === 0 && <p className="govuk-body">No school has a grant yet.</p>}
      {page && page.items.length > 0 && (
        <div className="app-table-wrapper" role="region" aria-labelledby="entitlements-caption" tabIndex={0}>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden" id="entitlements-caption">
              Schools&apos; grants
            </caption>
            <TableHead columns={["School", "Programme", "Grant", "Amount", "Status", "What is missing", "Claim"]} />
            <tbody className="govuk-table__body">
              {page.items.map((entitlement) => {
                const tag = entitlementStatusTags[entitlement.status];
                return (
                  <tr className="govuk-table__row" key={entitlement.id}>
                    <th scope="row" className="govuk-table__header">
                      <Link className="govuk-link" to={schoolGrantsPath(entitlement.school.urn)}>
                        {entitlement.school.name}
                      </Link>
                    </th>
                    <td className="govuk-table__cell">
                      {entitlement.programme.title} ({entitlement.programme.academic_year_label})
                    </td>
                    <td className="govuk-table__cell">{grantKindLabels[entitlement.kind]}</td>
                    <td className="govuk-table__cell">{committedLabel(entitlement)}</td>
                    <td className="govuk-table__cell">
                      <strong className={`govuk-tag ${tag.colour}`}>{tag.label}</strong>
                    </td>
                    <td className="govuk-table__cell">
                      {entitlement.missing.length === 0 ? "Nothing" : entitlement.missing.join(" ")}
                    </td>
                    <td className="govuk-table__cell">
                      {entitlement.claim ? (
                        <Link className="govuk-link app-nowrap" to={claimPath(entitlement.claim.id)}>
                          {entitlement.claim.reference}
                        </Link>
                      ) : (
                        "None"
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {page && <Pagination {...pageLinks(search, page.next_cursor)} />}
    </Layout>
  );
}
